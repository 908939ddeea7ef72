"""Metrics of an actor's neighbourhood: in/out degree, eigenvector, core, Burt's constraint and effective size, Louvain.

igraph computes eigenvector, constraint and Louvain (core comes straight from igraph's ``coreness``), and the
triangles for the unweighted effective size; the weighted effective size has no igraph counterpart and stays on
SciPy's sparse matrices.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import igraph
import networkx as nx
import numpy as np

from graph.metrics.engine import seeded, to_igraph
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


def _eigenvector(h: nx.Graph, g: igraph.Graph, seed: int = SEED) -> np.ndarray[Any, Any]:
    """Eigenvector centrality per connected component, scaled by the component's share of all actors.

    NetworkX's ``eigenvector_centrality_numpy`` raises on a disconnected graph, and the leading
    eigenvector of a disconnected graph lives on one component only. So each component gets its own
    unit-length eigenvector (igraph scales the largest entry to 1; NetworkX's length is 1), multiplied
    by ``size / n``: on a connected graph this is NetworkX's value, an actor in a small island counts
    less than one in the main network, and isolated actors get 0.
    """
    n = g.vcount()
    weights = "strength" if h.graph.get("weighted") else None
    scores = np.zeros(n)
    parts = [members for members in g.connected_components() if len(members) > 1]
    # ARPACK draws random numbers: seeded, the last bits are the same on every run.
    with seeded(seed):
        for members in parts:
            part = g if len(members) == n else g.induced_subgraph(members, implementation="create_from_scratch")
            values = np.array(part.eigenvector_centrality(weights=weights))
            scores[members] = values / np.linalg.norm(values) * (len(members) / n)
    return scores


def _constraint(h: nx.Graph, g: igraph.Graph) -> np.ndarray[Any, Any]:
    """Burt's constraint from igraph: NetworkX's formula (mutual weights of an undirected graph); NaN when isolated."""
    return np.array(g.constraint(weights="strength" if h.graph.get("weighted") else None), dtype=float)


def _effective_size(h: nx.Graph, g: igraph.Graph) -> dict[Hashable, float]:
    """Burt's effective size: unweighted from igraph's triangles, weighted with NetworkX's general formula, sparse.

    Unweighted, NetworkX's formula reduces to Borgatti's: degree − 2 t / degree, t the ties among the
    partners (triangles through the actor). Weighted, sparse matrices (NetworkX builds a dense n x n array).
    """
    if len(h) == 0:
        return {}
    if not h.graph.get("weighted"):
        corners = np.array(g.list_triangles(), dtype=np.int64).ravel()
        ties = np.bincount(corners, minlength=g.vcount())
        degrees = np.array(g.degree(), dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            plain = np.where(degrees > 0, degrees - 2 * ties / degrees, math.nan)
        return dict(zip(h, plain.tolist(), strict=True))
    weight = "strength"
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
    weighted = bool(h.graph.get("weighted"))
    return _communities(h, to_igraph(h, ("strength",) if weighted else ()), seed)


def _communities(h: nx.Graph, g: igraph.Graph, seed: int) -> dict[Hashable, int]:
    """:func:`communities` on ``g``, the igraph twin of ``h`` (igraph's multilevel method is Louvain)."""
    weights = "strength" if h.graph.get("weighted") else None
    # Louvain visits the actors in a random order: seeded, the grouping is the same on every run.
    with seeded(seed):
        membership = g.community_multilevel(weights=weights).membership
    nodes = list(h)
    found: dict[int, list[Hashable]] = {}
    for v, label in zip(nodes, membership, strict=True):
        found.setdefault(label, []).append(v)
    ordered = sorted(found.values(), key=lambda c: (-len(c), min(str(v) for v in c)))
    number = {v: i for i, members in enumerate(ordered, start=1) for v in members}
    return {v: number[v] for v in nodes}
