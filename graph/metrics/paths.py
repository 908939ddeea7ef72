"""Shortest-path metrics computed by igraph: betweenness, closeness, harmonic closeness, reach in two steps.

igraph's values are scaled to NetworkX's definitions here (same up to the last bits of rounding).
Weighted graphs read ``distance`` (a strong tie is a short way); igraph compares path lengths with a
tolerance, so ``1/3 + 1/6`` counts as long as ``1/2``, as exact arithmetic says (NetworkX compares floats
exactly and misses such ties).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import igraph
import numpy as np


@dataclass
class PathMetrics:
    """Per vertex of the igraph graph: normalised betweenness, closeness, harmonic closeness, reach in 2 steps."""

    betweenness: np.ndarray[Any, Any]
    closeness: np.ndarray[Any, Any]
    harmonic: np.ndarray[Any, Any]
    reach2: np.ndarray[Any, Any]


def path_metrics(g: igraph.Graph, weighted: bool = False) -> PathMetrics:
    """Betweenness, closeness and harmonic closeness as NetworkX defines them, and reach in two steps.

    Parameters
    ----------
    g : igraph.Graph
        Undirected simple graph (:func:`graph.metrics.engine.to_igraph`); weighted: edge attribute ``distance``.
    weighted : bool
        Read ``distance`` for the path metrics; reach always counts steps.

    Returns
    -------
    PathMetrics
        ``betweenness`` as NetworkX's normalised ``betweenness_centrality``; ``closeness`` as its
        ``closeness_centrality`` (Wasserman–Faust: scaled by the share of actors reachable, 0 when none);
        ``harmonic`` as ``harmonic_centrality`` divided by n − 1; ``reach2`` the actors at one or two
        steps, the actor itself not counted.

    Examples
    --------
    >>> m = path_metrics(igraph.Graph([(0, 1), (1, 2), (3, 4)]))
    >>> m.betweenness.tolist(), m.closeness.tolist(), m.reach2.tolist()
    ([0.0, 0.16666666666666666, 0.0, 0.0, 0.0], [0.3333333333333333, 0.5, 0.3333333333333333, 0.25, 0.25], [2, 2, 2, 1, 1])
    """
    n = g.vcount()
    distance = "distance" if weighted else None
    if n < 3:  # NetworkX does not normalise below three actors, and nobody lies between two others
        betweenness = np.zeros(n)
    else:
        # igraph counts each pair once, NetworkX's undirected sums count it twice before its scaling.
        betweenness = np.array(g.betweenness(directed=False, weights=distance)) * (2 / ((n - 1) * (n - 2)))
    return PathMetrics(
        betweenness,
        _closeness(g, distance),
        np.array(g.harmonic_centrality(weights=distance)) if n > 1 else np.zeros(n),
        np.array(g.neighborhood_size(order=2), dtype=np.int64) - 1,
    )


def _closeness(g: igraph.Graph, distance: str | None) -> np.ndarray[Any, Any]:
    """NetworkX's ``closeness_centrality`` (``wf_improved=True``) from igraph's closeness within components.

    igraph gives (r − 1) / (sum of distances) over the r actors of the own component; NetworkX
    scales that by (r − 1) / (n − 1). Isolated actors: NaN in igraph, 0 in NetworkX.
    """
    n = g.vcount()
    if n < 2:
        return np.zeros(n)
    members = np.array(g.connected_components().membership, dtype=np.int64)
    reachable: np.ndarray[Any, Any] = np.bincount(members)[members]
    within: np.ndarray[Any, Any] = np.nan_to_num(np.array(g.closeness(weights=distance), dtype=float))
    closeness: np.ndarray[Any, Any] = within * ((reachable - 1) / (n - 1))
    return closeness


def distance_sums(g: igraph.Graph, weighted: bool = False) -> np.ndarray[Any, Any]:
    """Per vertex: the sum of its shortest-path lengths to every actor it can reach (0 when isolated).

    Parameters
    ----------
    g : igraph.Graph
        Undirected simple graph; weighted: edge attribute ``distance``.
    weighted : bool
        Sum ``distance`` instead of steps.

    Returns
    -------
    numpy.ndarray
        One sum per vertex; unweighted sums are whole numbers, exactly.

    Examples
    --------
    >>> distance_sums(igraph.Graph([(0, 1), (1, 2), (3, 4)], n=6)).tolist()
    [3.0, 2.0, 3.0, 1.0, 1.0, 0.0]
    """
    n = g.vcount()
    members = np.array(g.connected_components().membership, dtype=np.int64)
    others = np.bincount(members, minlength=1)[members] - 1 if n else np.zeros(0)
    within = np.array(g.closeness(weights="distance" if weighted else None), dtype=float)
    # igraph's closeness is (r - 1) / sum within the component, so the sum is (r - 1) / closeness.
    with np.errstate(divide="ignore", invalid="ignore"):
        sums = np.where(others > 0, others / within, 0.0)
    return sums if weighted else np.rint(sums)
