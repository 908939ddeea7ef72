"""Shortest-path metrics: the compiled Brandes search (betweenness, closeness, harmonic) and reach in two steps.

The unweighted search is a numba port of NetworkX that gives the same values bit for bit; weighted
graphs use NetworkX (betweenness) and SciPy's Dijkstra (distance sums).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from numba import njit
from scipy.sparse import csgraph  # type: ignore[import-untyped]


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
