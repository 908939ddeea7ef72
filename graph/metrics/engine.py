"""The bridge to igraph, which computes centralities, cores, constraint, communities and the map layout.

igraph is a C library made for exactly this: its Brandes betweenness, breadth-first and Dijkstra searches,
Louvain and Fruchterman–Reingold run without Python in the loop. Here: a metric graph as an igraph graph
(vertex i is the i-th node of the NetworkX graph) and igraph's random numbers from a fixed seed.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Iterator

import igraph
import networkx as nx

__all__ = ["seeded", "to_igraph"]

# igraph has one random number generator per process; sessions of the app compute in threads.
_RNG_LOCK = threading.Lock()


def to_igraph(h: nx.Graph, attributes: tuple[str, ...] = ()) -> igraph.Graph:
    """The undirected simple graph ``h`` as an igraph graph with the same node order.

    Parameters
    ----------
    h : networkx.Graph
        Any simple graph; vertex ``i`` of the result is ``list(h)[i]``.
    attributes : tuple of str
        Edge attributes to copy (e.g. ``strength``, ``distance``); a missing value becomes 1.

    Returns
    -------
    igraph.Graph
        Undirected, one edge per edge of ``h``.

    Examples
    --------
    >>> g = to_igraph(nx.Graph([("a", "b", {"strength": 3}), ("b", "c")]), ("strength",))
    >>> g.vcount(), g.get_edgelist(), g.es["strength"]
    (3, [(0, 1), (1, 2)], [3, 1])
    """
    index = {v: i for i, v in enumerate(h)}
    g = igraph.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in h.edges()])
    for name in attributes:
        g.es[name] = [data.get(name, 1) for _, _, data in h.edges(data=True)]
    return g


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Let igraph draw its random numbers from ``random.Random(seed)`` inside the block.

    One block at a time (a lock), so that two sessions computing at once cannot take numbers from
    each other's sequence; afterwards igraph uses Python's ``random`` module again, its default.

    Parameters
    ----------
    seed : int
        Seed of the generator: the same seed gives the same numbers and so the same result.

    Returns
    -------
    contextlib.AbstractContextManager
        The block in which igraph is seeded.

    Examples
    --------
    >>> g = igraph.Graph.Ring(30)
    >>> with seeded(1):
    ...     first = g.layout_random().coords
    >>> with seeded(1):
    ...     first == g.layout_random().coords
    True
    """
    with _RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
