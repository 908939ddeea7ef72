"""Network metrics per actor and for the whole network, with plain German explanations.

One module per concern; import from here, the split is not part of the API:

- :mod:`graph.metrics.info`: ``METRIC_INFO`` and ``NETWORK_INFO`` (German texts), ``SEED``, ``metrics_method``,
- :mod:`graph.metrics.paths`: the compiled Brandes search: betweenness, closeness, harmonic, reach in two steps,
- :mod:`graph.metrics.structure`: in/out degree, eigenvector, core, Burt's constraint and effective size, Louvain,
- :mod:`graph.metrics.figures`: figures of the whole network and per group of actors,
- :mod:`graph.metrics.summary`: one German sentence per metric, for the network and for groups,
- :mod:`graph.metrics.profile`: an actor's ranks, core and group size for its profile; rows in rank order.

Here: :func:`metric_graph`, the simple graph every metric runs on, and :func:`actor_metrics`, which
puts all per-actor metrics together.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx
import numpy as np

from graph.metrics.figures import component_table, group_figures, network_figures
from graph.metrics.info import (
    ACTOR_METRICS,
    COUNT_FIGURES,
    COUNT_METRICS,
    LITERATURE,
    METRIC_INFO,
    NETWORK_INFO,
    RANKED_METRICS,
    SEED,
    MetricInfo,
    MetricsMethod,
    metrics_method,
)
from graph.metrics.paths import _adjacency_arrays, _betweenness, _brandes, _closeness, _path_sums
from graph.metrics.profile import (
    ActorStanding,
    Rank,
    actor_standing,
    competition_rank,
    ranked_rows,
)
from graph.metrics.structure import _constraint, _directed_degrees, _effective_size, _eigenvector, communities
from graph.metrics.summary import group_summary, metric_summary, network_summary

__all__ = [
    "ACTOR_METRICS",
    "COUNT_FIGURES",
    "COUNT_METRICS",
    "LITERATURE",
    "METRIC_INFO",
    "NETWORK_INFO",
    "RANKED_METRICS",
    "SEED",
    "ActorStanding",
    "MetricInfo",
    "MetricsMethod",
    "Rank",
    "actor_metrics",
    "actor_standing",
    "communities",
    "competition_rank",
    "component_table",
    "group_figures",
    "group_summary",
    "metric_graph",
    "metric_summary",
    "metrics_method",
    "network_figures",
    "network_summary",
    "ranked_rows",
]


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
