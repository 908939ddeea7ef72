"""Seeded, deterministic layout of the network map: Kamada-Kawai for mid-sized parts, compiled force layout above."""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
from numba import njit

__all__ = ["FORCE_ROUNDS", "KAMADA_KAWAI_LIMIT", "layout_positions"]

#: Parts up to this many actors get Kamada-Kawai (the bundled map keeps its look); above it is too slow (2,000: 27 s).
KAMADA_KAWAI_LIMIT = 400
#: Force-directed rounds of the compiled layout for parts above :data:`KAMADA_KAWAI_LIMIT` (fewer for huge parts).
FORCE_ROUNDS = 120


@njit(cache=True, nogil=True)
def _force_layout(pos: Any, indptr: Any, indices: Any, rounds: int) -> Any:  # pragma: no cover - compiled by numba
    """Fruchterman–Reingold in the unit square, as NetworkX' ``spring_layout`` does it, compiled.

    Every pair repels with ``k² / d``, every relation pulls with ``d² / k`` (``k = 1 / √n``), and
    each round moves a node at most by a temperature that cools linearly to zero. No random
    numbers and a fixed order of operations: the same start gives the same result.
    """
    n = pos.shape[0]
    k2 = 1.0 / n
    k = np.sqrt(k2)
    disp = np.zeros((n, 2))
    temperature = 0.1 * max(pos[:, 0].max() - pos[:, 0].min(), pos[:, 1].max() - pos[:, 1].min())
    cooling = temperature / (rounds + 1)
    for _ in range(rounds):
        disp[:, :] = 0.0
        for i in range(n):
            xi, yi = pos[i, 0], pos[i, 1]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j, 0], yi - pos[j, 1]
                d2 = max(dx * dx + dy * dy, 1e-12)
                f = k2 / d2
                disp[i, 0] += dx * f
                disp[i, 1] += dy * f
                disp[j, 0] -= dx * f
                disp[j, 1] -= dy * f
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                dx, dy = xi - pos[j, 0], yi - pos[j, 1]
                f = np.sqrt(dx * dx + dy * dy) / k
                disp[i, 0] -= dx * f
                disp[i, 1] -= dy * f
        for i in range(n):
            length = np.sqrt(disp[i, 0] ** 2 + disp[i, 1] ** 2)
            if length > 0.0:
                step = min(length, temperature) / length
                pos[i, 0] += disp[i, 0] * step
                pos[i, 1] += disp[i, 1] * step
        temperature -= cooling
    return pos


def _fast_layout(component: nx.Graph, seed: int) -> dict[Any, Any]:
    """Compiled force layout of a large part from a seeded random start (one pair loop per round)."""
    nodes = sorted(component)
    index = {v: i for i, v in enumerate(nodes)}
    adj = component.adj
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(adj[v]) for v in nodes])
    indices = np.fromiter((index[u] for v in nodes for u in sorted(adj[v])), dtype=np.int64, count=int(indptr[-1]))
    start = np.random.default_rng(seed).random((len(nodes), 2))
    # The pair loop is quadratic: above a few thousand actors fewer rounds keep the layout within seconds.
    rounds = FORCE_ROUNDS if len(nodes) <= 4000 else max(30, FORCE_ROUNDS * 4000 // len(nodes))
    pos = _force_layout(start, indptr, indices, rounds)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _component_layout(component: nx.Graph, seed: int) -> dict[Any, Any]:
    if component.number_of_nodes() <= KAMADA_KAWAI_LIMIT:
        # Kamada-Kawai spreads a mid-sized network evenly and is deterministic given the seeded start.
        start = nx.spring_layout(component, seed=seed)
        return dict(nx.kamada_kawai_layout(component, pos=start))
    return _fast_layout(component, seed)


def layout_positions(
    graph: nx.MultiDiGraph, seed: int = 7, scale: float = 1000.0, aspect: float = 1.3
) -> dict[str, tuple[float, float]]:
    """Seeded layout of the whole network, scaled for vis-network.

    The largest connected part fills a box ``2 * scale`` high and ``2 * scale * aspect`` wide
    (a wide box suits a wide screen and leaves room for labels); smaller parts and
    isolated actors are lined up in rows below it, so they do not push the main part
    into a corner. Compute it once per data version on the full graph and reuse it for
    every filtered view, so that nodes keep their place when filters change.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> g.add_node("z")
    >>> pos = layout_positions(g)
    >>> sorted(pos), pos == layout_positions(g), max(abs(xy[1]) for n, xy in pos.items() if n != "z") <= 1000
    (['a', 'b', 'c', 'z'], True, True)
    >>> pos["z"][1] > max(pos[n][1] for n in "abc")
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    if not parts:
        return {}
    main = nx.rescale_layout_dict(_component_layout(simple.subgraph(parts[0]), seed), scale=scale)
    positions = {str(n): (round(float(x) * aspect, 1), round(float(y), 1)) for n, (x, y) in main.items()}
    rest = [n for part in parts[1:] for n in sorted(part)]
    step = scale / 4
    per_row = max(1, int(2 * scale * aspect / step) + 1)
    for i, node in enumerate(rest):
        positions[str(node)] = (
            round(-scale * aspect + (i % per_row) * step, 1),
            round(scale * 1.15 + (i // per_row) * step, 1),
        )
    return positions
