"""Network metrics per actor and for the whole network, with plain German explanations."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from numba import njit
from scipy.sparse import csgraph  # type: ignore[import-untyped]

__all__ = [
    "ACTOR_METRICS",
    "METRIC_INFO",
    "NETWORK_INFO",
    "SEED",
    "MetricInfo",
    "MetricsMethod",
    "actor_metrics",
    "communities",
    "component_table",
    "group_figures",
    "metric_graph",
    "metrics_method",
    "network_figures",
]

#: Seed for Louvain and sampled betweenness, so results are the same on every run.
SEED = 42


@dataclass(frozen=True)
class MetricInfo:
    """German label and plain-language explanation of one figure."""

    label: str
    explanation: str


#: Per-actor metrics: column id -> German label and explanation (in table order).
METRIC_INFO: dict[str, MetricInfo] = {
    "neighbours": MetricInfo(
        "Direkte Partner",
        "Anzahl der Akteure, mit denen eine Beziehung besteht (gleich welcher Art, jeder Partner zählt einmal).",
    ),
    "degree": MetricInfo(
        "Vernetzungsgrad",
        "Anteil aller anderen Akteure, mit denen eine direkte Beziehung besteht (0 = keine, 1 = mit allen). "
        "Hoch: gut vernetzt, kennt viele direkt.",
    ),
    "in_degree": MetricInfo(
        "Eingehende Beziehungen",
        "Anteil der anderen Akteure, von denen eine gerichtete Beziehung hierher führt (z. B. „verweist an“, "
        "„fördert“). Hoch: viele wenden sich hierher, etwa als Anlaufstelle für Verweisungen.",
    ),
    "out_degree": MetricInfo(
        "Ausgehende Beziehungen",
        "Anteil der anderen Akteure, zu denen eine gerichtete Beziehung von hier ausgeht. "
        "Hoch: verweist oder fördert viele, wirkt als Verteiler.",
    ),
    "betweenness": MetricInfo(
        "Brückenakteur",
        "Verbindet Gruppen, die sonst nicht oder nur über Umwege verbunden wären: Anteil der kürzesten Wege "
        "zwischen zwei anderen Akteuren, die über diesen Akteur laufen. Hoch: wichtige Schnittstelle; "
        "fällt sie weg, reißen Verbindungen ab.",
    ),
    "closeness": MetricInfo(
        "Nähe",
        "Wie schnell dieser Akteur alle anderen über wenige Zwischenschritte erreicht (NetworkX-Nähe; "
        "in einem zerfallenen Netz nach Größe des eigenen Teilnetzes gewichtet). Hoch: Informationen kommen "
        "schnell an und gehen schnell weiter.",
    ),
    "harmonic": MetricInfo(
        "Harmonische Nähe",
        "Wie Nähe, aber auch bei getrennten Teilnetzen vergleichbar: Mittel aus 1/Schritte zu allen anderen "
        "(nicht erreichbare zählen 0). Hoch: erreicht viele Akteure in wenigen Schritten.",
    ),
    "eigenvector": MetricInfo(
        "Einfluss",
        "Vernetzt mit Akteuren, die selbst gut vernetzt sind (Eigenvektor-Zentralität je Teilnetz, gewichtet "
        "mit dessen Anteil am Gesamtnetz). Hoch: sitzt im gut vernetzten Kern.",
    ),
    "core": MetricInfo(
        "Kernzugehörigkeit",
        "k-Kern: der Akteur gehört zu einer Gruppe, in der jeder mindestens k Partner in derselben Gruppe hat. "
        "Hoch: Teil des dicht vernetzten Kerns; 1: eher am Rand.",
    ),
    "constraint": MetricInfo(
        "Abhängigkeit (Burt)",
        "Wie stark die Partner dieses Akteurs auch untereinander verbunden sind. Hoch: alle Kontakte kennen "
        "sich, wenig eigene Brückenfunktion; niedrig: verbindet sonst getrennte Kontakte. "
        "Leer bei Akteuren ohne Beziehung.",
    ),
    "effective_size": MetricInfo(
        "Nicht überlappende Kontakte",
        "Effektive Netzwerkgröße nach Burt: Zahl der Partner, abzüglich der Überschneidung unter ihnen. "
        "Hoch: viele Kontakte, die sich nicht gegenseitig kennen. Leer bei Akteuren ohne Beziehung.",
    ),
    "community": MetricInfo(
        "Gruppe",
        "Nummer der eng verbundenen Gruppe (Louvain-Verfahren, fester Zufallswert); 1 ist die größte Gruppe. "
        "Akteure derselben Gruppe arbeiten untereinander mehr zusammen als mit anderen.",
    ),
    "reach2": MetricInfo(
        "Reichweite in zwei Schritten",
        "Anzahl der Akteure, die direkt oder über einen Zwischenschritt erreichbar sind („Partner von Partnern“).",
    ),
}

#: Ids of the per-actor metrics in table order.
ACTOR_METRICS: tuple[str, ...] = tuple(METRIC_INFO)

#: Network-level figures: id -> German label and explanation.
NETWORK_INFO: dict[str, MetricInfo] = {
    "actors": MetricInfo("Akteure", "Anzahl der Akteure im (Teil-)Netz."),
    "relations": MetricInfo("Beziehungen", "Anzahl der Beziehungen; mehrere Beziehungen eines Paares zählen einzeln."),
    "ties": MetricInfo("Verbundene Paare", "Anzahl der Akteurspaare mit mindestens einer Beziehung."),
    "density": MetricInfo(
        "Dichte", "Anteil der möglichen Paare, die tatsächlich verbunden sind (0 = keine, 1 = jeder mit jedem)."
    ),
    "components": MetricInfo(
        "Teilnetze",
        "Anzahl der Teile, die untereinander gar nicht verbunden sind; isolierte Akteure zählen je als eigenes Teil.",
    ),
    "isolates": MetricInfo("Isolierte Akteure", "Akteure ohne jede Beziehung."),
    "largest_component": MetricInfo("Größtes Teilnetz", "Anzahl der Akteure im größten verbundenen Teil."),
    "average_path_length": MetricInfo(
        "Mittlere Weglänge",
        "Durchschnittliche Zahl der Schritte zwischen zwei Akteuren im größten Teilnetz. "
        "Klein: Informationen kommen über wenige Stationen an.",
    ),
    "clustering": MetricInfo(
        "Clusterkoeffizient",
        "Wie oft zwei Partner eines Akteurs auch selbst verbunden sind (Mittel über alle Akteure). "
        "Hoch: viele geschlossene Dreiecke, enge Zusammenarbeit in Gruppen.",
    ),
    "centralization": MetricInfo(
        "Zentralisierung",
        "Wie stark sich die Beziehungen auf einen einzigen Akteur konzentrieren (Freeman, 1 = Stern, "
        "0 = alle gleich). Hoch: das Netz hängt an einer Stelle.",
    ),
}


@dataclass(frozen=True)
class MetricsMethod:
    """How :func:`actor_metrics` computes betweenness, for a note on the page.

    ``exact`` is false only when betweenness is sampled; then ``note`` explains it in German,
    ``error_bound`` is the largest deviation of any actor's value from the exact one with 95 %
    confidence, and ``seed`` makes the sample the same on every run.
    """

    exact: bool
    betweenness: str
    note: str | None = None
    error_bound: float | None = None
    seed: int | None = None


def _relation_filter(types: Iterable[str] | None) -> Callable[[dict[str, Any]], bool]:
    wanted = None if types is None else set(types)
    return lambda data: wanted is None or data.get("type") in wanted


def metric_graph(g: nx.Graph, types: Iterable[str] | None = None, weighted: bool = False) -> nx.Graph:
    """Collapse the relation multigraph into the simple undirected graph all metrics run on.

    Parameters
    ----------
    g : networkx.Graph
        Usually the ``MultiDiGraph`` of :func:`graph.build_graph` (already filtered by date);
        any NetworkX graph works.
    types : iterable of str, optional
        Count only relations of these types (edge attribute ``type``), e.g. leave ``mitglied`` out.
    weighted : bool
        Add ``strength`` (of the strongest relation of the pair; 1 when unknown) and
        ``distance = 1 / strength`` to every edge, and let the metrics use them.

    Returns
    -------
    networkx.Graph
        Every actor with its attributes; two actors adjacent when any counted relation joins them.
        Each edge carries ``relation_ids`` (ids of the relations joining the pair, when known) and
        ``arcs`` (the directions present: a directed relation adds ``(source, target)``, an
        undirected one both directions). ``graph["weighted"]`` records the choice.
        Self relations are dropped. No attribute is called ``weight``.

    Examples
    --------
    >>> m = nx.MultiDiGraph()
    >>> m.add_edge("a", "b", key="r1", id="r1", type="verweist", directed=True, strength=1)
    'r1'
    >>> m.add_edge("b", "a", key="r2", id="r2", type="kooperation", directed=False, strength=3)
    'r2'
    >>> h = metric_graph(m, weighted=True)
    >>> h.number_of_edges(), h.edges["a", "b"]["strength"], sorted(h.edges["a", "b"]["arcs"])
    (1, 3, [('a', 'b'), ('b', 'a')])
    >>> metric_graph(m, types=["kooperation"]).edges["a", "b"]["relation_ids"]
    ('r2',)
    """
    counted = _relation_filter(types)
    h = nx.Graph(weighted=weighted)
    h.add_nodes_from(g.nodes(data=True))
    default_directed = g.is_directed()
    for u, v, data in g.edges(data=True):
        if u == v or not counted(data):
            continue
        if not h.has_edge(u, v):
            h.add_edge(u, v, relation_ids=(), arcs=frozenset(), strength=0)
        edge = h.edges[u, v]
        if data.get("id") is not None:
            edge["relation_ids"] += (data["id"],)
        directed = data.get("directed", default_directed)
        edge["arcs"] |= {(u, v)} if directed else {(u, v), (v, u)}
        edge["strength"] = max(edge["strength"], data.get("strength") or 1)
    for _, _, edge in h.edges(data=True):
        if weighted:
            edge["distance"] = 1.0 / edge["strength"]
        else:
            del edge["strength"]
    return h


def _directed_degrees(h: nx.Graph) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """In- and out-degree centrality from the ``arcs`` of the metric graph (NetworkX normalisation)."""
    indeg = dict.fromkeys(h, 0)
    outdeg = dict.fromkeys(h, 0)
    for _, _, arcs in h.edges(data="arcs", default=frozenset()):
        for source, target in arcs:
            outdeg[source] += 1
            indeg[target] += 1
    scale = 1.0 / (len(h) - 1) if len(h) > 1 else 1.0
    return {v: d * scale for v, d in indeg.items()}, {v: d * scale for v, d in outdeg.items()}


@dataclass
class _PathSums:
    """Per node (in ``list(h)`` order): reachable nodes incl. itself, distance sum, harmonic sum, reach in 2 steps."""

    reachable: np.ndarray[Any, Any]
    total: np.ndarray[Any, Any]
    harmonic: np.ndarray[Any, Any]
    reach2: np.ndarray[Any, Any]


def _path_sums(h: nx.Graph, kernel: tuple[Any, ...] | None = None) -> _PathSums:
    """Per-node sums over all shortest paths, from one search per node.

    Unweighted: the compiled breadth-first searches of :func:`_brandes` (pass its result as
    ``kernel`` when it has been run already). Weighted: SciPy's C Dijkstra on ``distance``, in
    chunks of rows so memory stays bounded. ``reach2`` always counts steps, never distance.
    """
    n = len(h)
    if n == 0:
        empty = np.zeros(0)
        return _PathSums(empty, empty, empty, empty)
    weighted = bool(h.graph.get("weighted"))
    adjacency = nx.to_scipy_sparse_array(h, weight="distance" if weighted else None, format="csr")
    steps = (adjacency > 0).astype(np.int64)
    steps2 = steps @ steps + steps
    reach2 = np.diff(steps2.indptr) - (np.diff(steps.indptr) > 0)  # an actor with a partner reaches itself
    if not weighted:
        _, reachable, total, harmonic = kernel if kernel is not None else _brandes(*_adjacency_arrays(h))
        return _PathSums(reachable, total, harmonic, reach2)
    chunk = max(1, 4_000_000 // n)
    parts: list[tuple[np.ndarray[Any, Any], ...]] = []
    for start in range(0, n, chunk):
        rows = np.arange(start, min(start + chunk, n))
        # The matrix of an undirected graph is symmetric: directed=True skips SciPy's symmetrising copy.
        dist = csgraph.dijkstra(adjacency, directed=True, indices=rows)
        finite = np.isfinite(dist)
        total = np.where(finite, dist, 0.0).sum(axis=1)
        with np.errstate(divide="ignore"):
            harmonic = np.where(finite & (dist > 0), 1.0 / dist, 0.0).sum(axis=1)
        parts.append((finite.sum(axis=1), total, harmonic))
    reachable, total, harmonic = (np.concatenate([p[i] for p in parts]) for i in range(3))
    return _PathSums(reachable, total, harmonic, reach2)


def _closeness(sums: _PathSums, n: int) -> np.ndarray[Any, Any]:
    """NetworkX's ``closeness_centrality`` (``wf_improved=True``), same floating-point operations."""
    closeness = np.zeros(n)
    ok = (sums.total > 0) & (n > 1)
    r = sums.reachable[ok] - 1.0
    closeness[ok] = r / sums.total[ok]
    closeness[ok] *= r / (n - 1)
    return closeness


def _eigenvector(h: nx.Graph) -> dict[Hashable, float]:
    """Eigenvector centrality per connected component, scaled by the component's share of all actors.

    NetworkX's ``eigenvector_centrality_numpy`` raises on a disconnected graph, and the leading
    eigenvector of a disconnected graph lives on one component only. So each component gets its own
    unit-length eigenvector, multiplied by ``size / n``: on a connected graph this is exactly
    NetworkX's value, an actor in a small island counts less than one in the main network, and
    isolated actors get 0.
    """
    n = len(h)
    weight = "strength" if h.graph.get("weighted") else None
    scores: dict[Hashable, float] = dict.fromkeys(h, 0.0)
    for component in nx.connected_components(h):
        size = len(component)
        if size == 1:
            continue
        if size == 2:  # ARPACK cannot solve 2 x 2; the unit eigenvector of [[0, w], [w, 0]] is known
            values = dict.fromkeys(component, math.sqrt(0.5))
        else:
            part = h if size == n else h.subgraph(component)
            values = nx.eigenvector_centrality_numpy(part, weight=weight)
        scale = size / n
        # ARPACK starts from a random vector: round away the last bits so runs agree exactly.
        scores.update({v: round(float(x) * scale, 12) for v, x in values.items()})
    return scores


def _adjacency_arrays(h: nx.Graph) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """CSR arrays of ``h`` with every node's partners in NetworkX's own iteration order.

    ``nx.to_scipy_sparse_array`` sorts partners by index; keeping NetworkX's order instead makes
    the breadth-first searches below visit nodes exactly as NetworkX does.
    """
    index = {v: i for i, v in enumerate(h)}
    adj = h.adj
    indptr = np.zeros(len(h) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(adj[v]) for v in h])
    indices = np.fromiter((index[u] for v in h for u in adj[v]), dtype=np.int64, count=int(indptr[-1]))
    return indptr, indices


@njit(cache=True, nogil=True)
def _brandes(indptr: Any, indices: Any) -> tuple[Any, Any, Any, Any]:  # pragma: no cover - compiled by numba
    """One breadth-first search per source: Brandes' betweenness and the distance sums.

    A line-by-line port of NetworkX's ``_single_source_shortest_path_basic`` and
    ``_accumulate_basic``: same visiting order, same floating-point operations in the same
    order, so the (unnormalised) sums equal NetworkX's bit for bit. Returns betweenness sums,
    reachable nodes incl. the source, distance sums and harmonic sums (sum of 1/d) per node.
    """
    n = indptr.shape[0] - 1
    between = np.zeros(n)
    reachable = np.zeros(n, dtype=np.int64)
    total = np.zeros(n)
    harmonic = np.zeros(n)
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    for s in range(n):
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail = 0, 1
        while head < tail:
            v = order[head]
            head += 1
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    order[tail] = w
                    tail += 1
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
        for i in range(tail - 1, -1, -1):  # NetworkX pops its stack: farthest first
            w = order[i]
            coeff = (1.0 + delta[w]) / sigma[w]
            for k in range(indptr[w], indptr[w + 1]):
                v = indices[k]
                if dist[v] == dist[w] - 1:
                    delta[v] += sigma[v] * coeff
            if w != s:
                between[w] += delta[w]
        steps = 0.0
        inverse = 0.0
        for i in range(1, tail):
            d = dist[order[i]]
            steps += d
            inverse += 1.0 / d
        reachable[s] = tail
        total[s] = steps
        harmonic[s] = inverse
        for i in range(tail):
            w = order[i]
            dist[w] = -1
            sigma[w] = 0.0
            delta[w] = 0.0
    return between, reachable, total, harmonic


def _betweenness(h: nx.Graph, sample: int | None, seed: int, kernel: tuple[Any, ...] | None) -> dict[Hashable, float]:
    """Normalised betweenness, exact unless ``sample`` is given.

    Unweighted and exact: the compiled :func:`_brandes`, equal to NetworkX's
    ``betweenness_centrality`` bit for bit and about 100 times faster. Weighted (``distance``)
    or sampled: NetworkX itself.
    """
    n = len(h)
    if sample is not None or h.graph.get("weighted") or n < 3:
        distance = "distance" if h.graph.get("weighted") else None
        return dict(nx.betweenness_centrality(h, k=sample, weight=distance, seed=seed))
    between = (kernel if kernel is not None else _brandes(*_adjacency_arrays(h)))[0]
    scale = 1 / ((n - 1) * (n - 2))  # NetworkX's normalisation for undirected graphs, same operation
    return dict(zip(h, (between * scale).tolist(), strict=True))


def _constraint(h: nx.Graph) -> dict[Hashable, float]:
    """Burt's constraint with NetworkX's formula on sparse matrices (NetworkX's vectorised branch goes dense).

    With p the adjacency matrix normalised by row sums (mutual weights of an undirected graph),
    ``c(u) = sum over partners v of (p_uv + (p @ p)_uv) ** 2``; NaN for isolated actors.
    """
    if len(h) == 0:
        return {}
    weight = "strength" if h.graph.get("weighted") else None
    adjacency = nx.to_scipy_sparse_array(h, weight=weight, format="csr", dtype=float)
    row_sum = np.asarray(adjacency.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        p = adjacency.multiply(1.0 / row_sum[:, None]).tocsr()
    local = (p + (p @ p).multiply(adjacency > 0)).power(2)
    values = np.asarray(local.sum(axis=1)).ravel()
    values[row_sum == 0] = math.nan
    return dict(zip(h, values.tolist(), strict=True))


def _effective_size(h: nx.Graph) -> dict[Hashable, float]:
    """Burt's effective size with NetworkX's general formula, but sparse (NetworkX builds a dense n x n array)."""
    if len(h) == 0:
        return {}
    weight = "strength" if h.graph.get("weighted") else None
    adjacency = nx.to_scipy_sparse_array(h, weight=weight, format="csr", dtype=float)
    row_sum = np.asarray(adjacency.sum(axis=1)).ravel()
    row_max = np.asarray(adjacency.max(axis=1).toarray()).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        p = adjacency.multiply(1.0 / row_sum[:, None]).tocsr()
        m = adjacency.multiply(1.0 / row_max[:, None]).tocsr()
    redundancy = (p @ m.T).multiply(adjacency > 0)
    degree = np.diff(adjacency.indptr)
    sizes = degree - np.asarray(redundancy.sum(axis=1)).ravel()
    return {v: (float(s) if d else math.nan) for v, s, d in zip(h, sizes, degree, strict=True)}


def communities(h: nx.Graph, seed: int = SEED) -> dict[Hashable, int]:
    """Louvain communities numbered 1, 2, … by size (largest first), ties by smallest member.

    Parameters
    ----------
    h : networkx.Graph
        A metric graph; when weighted, ``strength`` is the weight (Louvain reads weight as strength).
    seed : int
        Random seed, so the grouping is the same on every run.

    Returns
    -------
    dict
        Actor id -> community number. An isolated actor forms its own community.

    Examples
    --------
    >>> two = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> communities(two)
    {'a': 1, 'b': 1, 'c': 1, 'x': 2, 'y': 2}
    """
    weight = "strength" if h.graph.get("weighted") else None
    found = nx.community.louvain_communities(h, weight=weight, seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(str(v) for v in c)))
    number = {v: i for i, members in enumerate(ordered, start=1) for v in members}
    return {v: number[v] for v in h}


def metrics_method(h: nx.Graph, betweenness_sample: int | None = None, seed: int = SEED) -> MetricsMethod:
    """Describe how :func:`actor_metrics` computes betweenness on ``h`` with these options.

    Every metric is exact except betweenness with ``betweenness_sample``. The sampled estimate
    averages the dependencies of k randomly chosen sources (k - 1 for a sampled actor itself),
    each a value in [0, 1] after normalisation, so Hoeffding's inequality with a union bound over
    all n actors gives, with 95 % confidence, a deviation of at most
    ``sqrt(ln(2 n / 0.05) / (2 (k - 1)))`` for every actor at once.

    Parameters
    ----------
    h : networkx.Graph
        The metric graph.
    betweenness_sample : int, optional
        Number of sampled sources, as passed to :func:`actor_metrics`.
    seed : int
        Seed of the sample.

    Returns
    -------
    MetricsMethod
        ``exact``, the algorithm's name, and for a sample a German ``note``, ``error_bound`` and ``seed``.

    Examples
    --------
    >>> metrics_method(nx.path_graph(5)).betweenness
    'Brandes, exakt (kompiliert, gleich NetworkX)'
    >>> m = metrics_method(nx.path_graph(1000), betweenness_sample=200)
    >>> m.exact, round(m.error_bound, 3), m.seed
    (False, 0.163, 42)
    """
    n = len(h)
    if betweenness_sample is None or betweenness_sample >= n:
        name = (
            "NetworkX (Brandes, exakt, gewichtet)"
            if h.graph.get("weighted")
            else "Brandes, exakt (kompiliert, gleich NetworkX)"
        )
        return MetricsMethod(True, name)
    k = max(2, betweenness_sample)
    bound = math.sqrt(math.log(2 * n / 0.05) / (2 * (k - 1)))
    note = (
        f"„Brückenakteur“ ist geschätzt aus {k} zufällig gewählten Startpunkten (fester Zufallswert {seed}, "
        f"jede Berechnung gleich): Mit 95 % Sicherheit weicht jeder Wert höchstens um {bound:.3f} vom genauen ab."
    )
    return MetricsMethod(False, f"NetworkX (Brandes, Stichprobe k = {k})", note, bound, seed)


def _value(x: float) -> float | None:
    """Plain float for JSON and tables; NaN (undefined) becomes ``None``."""
    x = float(x)
    return None if math.isnan(x) else x


def actor_metrics(h: nx.Graph, betweenness_sample: int | None = None, seed: int = SEED) -> list[dict[str, Any]]:
    """Every metric of :data:`METRIC_INFO` for every actor of a metric graph.

    Parameters
    ----------
    h : networkx.Graph
        Result of :func:`metric_graph`. When it is weighted, shortest-path metrics (betweenness,
        closeness, harmonic) read ``distance`` (a strong tie is a short way) and eigenvector,
        constraint, effective size and Louvain read ``strength``; degree, core and reach stay plain counts.
    betweenness_sample : int, optional
        Estimate betweenness from this many sampled sources (for very large networks); exact when ``None``.
    seed : int
        Seed for Louvain and the sample.

    Returns
    -------
    list of dict
        One row per actor in graph order: ``id``, ``name``, ``kind``, ``district``, ``stadtbezirk``,
        then the metrics. ``degree``, ``betweenness`` and ``closeness`` are NetworkX's normalised
        ``degree_centrality``, ``betweenness_centrality`` and ``closeness_centrality``.
        ``in_degree``/``out_degree`` are normalised like NetworkX's ``in_degree_centrality``
        (distinct partners / (n - 1)) and count an undirected relation (``kooperation``) in both
        directions. ``harmonic`` is NetworkX's ``harmonic_centrality`` divided by n - 1.
        ``constraint`` and ``effective_size`` are ``None`` for isolated actors (undefined, NaN in NetworkX).

    Examples
    --------
    >>> rows = actor_metrics(metric_graph(nx.star_graph(2)))
    >>> [(r["id"], r["neighbours"], r["betweenness"], r["closeness"], r["reach2"]) for r in rows]
    [(0, 2, 1.0, 1.0, 2), (1, 1, 0.0, 0.6666666666666666, 2), (2, 1, 0.0, 0.6666666666666666, 2)]
    """
    n = len(h)
    degree = nx.degree_centrality(h)
    in_degree, out_degree = _directed_degrees(h)
    # One compiled search per actor serves betweenness and the distance sums (unweighted graphs). It runs
    # without the GIL in a second thread while this one computes the Python metrics (Louvain above all):
    # on two cores the total is about the longer of the two, and every value is the same as in sequence.
    with ThreadPoolExecutor(max_workers=1) as pool:
        search = None if h.graph.get("weighted") or n == 0 else pool.submit(_brandes, *_adjacency_arrays(h))
        eigenvector = _eigenvector(h)
        core = nx.core_number(h)
        constraint = _constraint(h)
        effective_size = _effective_size(h)
        community = communities(h, seed)
        kernel = None if search is None else search.result()
    betweenness = _betweenness(h, betweenness_sample, seed, kernel)
    sums = _path_sums(h, kernel)
    closeness = _closeness(sums, n)
    harmonic = sums.harmonic / (n - 1) if n > 1 else np.zeros(n)
    rows = []
    for i, (v, attrs) in enumerate(h.nodes(data=True)):
        rows.append(
            {
                "id": v,
                "name": attrs.get("name", str(v)),
                "kind": attrs.get("kind"),
                "district": attrs.get("district"),
                "stadtbezirk": attrs.get("stadtbezirk"),
                "neighbours": len(h[v]),
                "degree": degree[v],
                "in_degree": in_degree[v],
                "out_degree": out_degree[v],
                "betweenness": betweenness[v],
                "closeness": float(closeness[i]),
                "harmonic": float(harmonic[i]),
                "eigenvector": eigenvector[v],
                "core": core[v],
                "constraint": _value(constraint[v]),
                "effective_size": _value(effective_size[v]),
                "community": community[v],
                "reach2": int(sums.reach2[i]),
            }
        )
    return rows


def _centralization(h: nx.Graph) -> float | None:
    """Freeman degree centralisation: sum of (max degree - degree) over its maximum (n - 1)(n - 2)."""
    n = len(h)
    if n < 3:
        return None
    degrees: list[int] = [d for _, d in h.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def component_table(h: nx.Graph) -> list[dict[str, Any]]:
    """Connected parts of the network, largest first, with their average path length.

    Returns
    -------
    list of dict
        ``component`` (1 = largest), ``actors`` (count), ``members`` (ids), ``average_path_length``
        (``None`` for a single actor; weighted by ``distance`` on a weighted metric graph).

    Examples
    --------
    >>> component_table(nx.Graph([(1, 2), (2, 3), (4, 5)]))  # doctest: +NORMALIZE_WHITESPACE
    [{'component': 1, 'actors': 3, 'members': [1, 2, 3], 'average_path_length': 1.3333333333333333},
     {'component': 2, 'actors': 2, 'members': [4, 5], 'average_path_length': 1.0}]
    """
    order = {v: i for i, v in enumerate(h)}
    parts = sorted(nx.connected_components(h), key=lambda c: (-len(c), min(order[v] for v in c)))
    sums = _path_sums(h)
    rows = []
    for number, part in enumerate(parts, start=1):
        members = sorted(part, key=order.__getitem__)
        size = len(members)
        total = sum(float(sums.total[order[v]]) for v in members)
        average = total / (size * (size - 1)) if size > 1 else None
        rows.append({"component": number, "actors": size, "members": members, "average_path_length": average})
    return rows


def network_figures(h: nx.Graph) -> dict[str, Any]:
    """The network-level figures of :data:`NETWORK_INFO` for a metric graph (or a subgraph of one).

    ``average_path_length`` is that of the largest component (see :func:`component_table` for
    all); ``clustering`` is NetworkX's unweighted ``average_clustering``; ``centralization`` is
    Freeman's degree centralisation (``None`` below three actors).

    Examples
    --------
    >>> figures = network_figures(metric_graph(nx.star_graph(3)))
    >>> figures["density"], figures["centralization"], figures["average_path_length"]
    (0.5, 1.0, 1.5)
    """
    components = component_table(h)
    return {
        "actors": len(h),
        "relations": sum(max(1, len(ids)) for _, _, ids in h.edges(data="relation_ids", default=())),
        "ties": h.number_of_edges(),
        "density": nx.density(h) if len(h) > 1 else 0.0,
        "components": len(components),
        "isolates": sum(1 for c in components if c["actors"] == 1),
        "largest_component": components[0]["actors"] if components else 0,
        "average_path_length": components[0]["average_path_length"] if components else None,
        "clustering": nx.average_clustering(h) if len(h) else 0.0,
        "centralization": _centralization(h),
    }


def group_figures(h: nx.Graph, by: str) -> list[dict[str, Any]]:
    """Network figures per group of actors, e.g. per ``kind`` or per ``stadtbezirk``.

    Each group is the subgraph of its own actors: only relations among members count, so a
    Stadtbezirk whose actors work mostly with partners elsewhere shows a low density.
    Actors without a value form the group ``None``.

    Examples
    --------
    >>> h = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(h, {"a": "schule", "b": "schule", "c": "traeger"}, "kind")
    >>> [(r["group"], r["actors"], r["ties"]) for r in group_figures(h, "kind")]
    [('schule', 2, 1), ('traeger', 1, 0)]
    """
    groups: dict[Any, list[Hashable]] = {}
    for v, value in h.nodes(data=by):
        groups.setdefault(value, []).append(v)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, str(item[0])))
    return [{"group": value, **network_figures(h.subgraph(members))} for value, members in ordered]
