"""Seeded, deterministic layout of the network map: Kamada-Kawai for mid-sized parts, igraph's force layout above."""

from __future__ import annotations

from typing import Any

import igraph
import networkx as nx
import numpy as np

from graph.metrics.engine import seeded

__all__ = ["FORCE_ROUNDS", "KAMADA_KAWAI_LIMIT", "layout_positions", "local_scale"]

#: Parts up to this many actors get Kamada-Kawai (the bundled map keeps its look); above it is too slow (2,000: 27 s).
KAMADA_KAWAI_LIMIT = 400
#: Rounds of igraph's Fruchterman–Reingold for parts above :data:`KAMADA_KAWAI_LIMIT` (fewer for huge parts).
FORCE_ROUNDS = 120


def local_scale(actors: int) -> float:
    """The ``scale`` of :func:`layout_positions` for a small map of its own (profile, warm path, ego view).

    A small graph gets a small layout, so that nodes and labels are drawn large when the map is fitted;
    from about 70 actors on it is the full map's 1,000.

    Parameters
    ----------
    actors : int
        Number of actors the map shows.

    Returns
    -------
    float
        ``120 * sqrt(actors)`` (at least two actors counted), at most 1,000.

    Examples
    --------
    >>> local_scale(0), local_scale(4), local_scale(100)
    (169.7056274847714, 240.0, 1000.0)
    """
    return float(min(1000.0, 120.0 * max(2, actors) ** 0.5))


def _fast_layout(component: nx.Graph, seed: int) -> dict[Any, Any]:
    """igraph's Fruchterman–Reingold for a large part, from a seeded random start in the unit square.

    Every pair repels, every relation pulls, and each round moves a node at most by a temperature
    that cools to zero; above 1,000 actors igraph counts repulsion only within neighbouring grid
    cells, so a round costs about as much as the actors and relations, not their square.
    """
    nodes = sorted(component)
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in component.edges()])
    start = np.random.default_rng(seed).random((len(nodes), 2)).tolist()
    # Above a few thousand actors fewer rounds keep the layout within seconds (10,000: 60 rounds).
    rounds = FORCE_ROUNDS if len(nodes) <= 4000 else max(60, FORCE_ROUNDS * 4000 // len(nodes))
    # igraph nudges apart actors that sit exactly on top of each other at random: seeded, too.
    with seeded(seed):
        pos = g.layout_fruchterman_reingold(seed=start, niter=rounds, grid="auto").coords
    return {v: (float(pos[i][0]), float(pos[i][1])) for v, i in index.items()}


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

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network; direction, parallel relations and self-relations are ignored.
    seed : int
        Seed of the starting positions (and of igraph's random nudges); the same graph and seed give the
        same layout.
    scale : float
        Half the height of the main part's box, in vis-network units; also sets the spacing of the rows
        below (``scale / 4``).
    aspect : float
        Width-to-height ratio of the main part's box (x coordinates are stretched by it).

    Returns
    -------
    dict of str to tuple of (float, float)
        ``str(node)`` -> ``(x, y)``, rounded to one decimal, y growing downwards as in vis-network.
        The main part is laid out by Kamada-Kawai (up to :data:`KAMADA_KAWAI_LIMIT` actors) or igraph's
        Fruchterman-Reingold; the actors of all other parts are placed on a grid of rows starting at
        ``y = 1.15 * scale``, part by part (largest first), without a layout of their own. Empty for
        an empty graph.

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
