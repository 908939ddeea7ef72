"""Metrics of an actor's neighbourhood: in/out degree, eigenvector, core, Burt's constraint and effective size, Louvain."""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np

from graph.metrics.info import SEED

__all__ = [
    "communities",
]


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
