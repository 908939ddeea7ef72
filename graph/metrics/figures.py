"""Figures of the whole network and of groups of actors (per kind, per Stadtbezirk): density, components, paths."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from graph.metrics.engine import to_igraph
from graph.metrics.paths import distance_sums

__all__ = [
    "component_table",
    "group_figures",
    "network_figures",
]


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

    Components of equal size keep graph order (the one holding the earlier actor first); members are listed
    in graph order.

    Parameters
    ----------
    h : networkx.Graph
        A metric graph (:func:`graph.metrics.metric_graph`) or a subgraph of one.

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
    weighted = bool(h.graph.get("weighted"))
    sums = distance_sums(to_igraph(h, ("distance",) if weighted else ()), weighted)
    rows = []
    for number, part in enumerate(parts, start=1):
        members = sorted(part, key=order.__getitem__)
        size = len(members)
        total = sum(float(sums[order[v]]) for v in members)
        average = total / (size * (size - 1)) if size > 1 else None
        rows.append({"component": number, "actors": size, "members": members, "average_path_length": average})
    return rows


def network_figures(h: nx.Graph) -> dict[str, Any]:
    """The network-level figures of :data:`NETWORK_INFO` for a metric graph (or a subgraph of one).

    ``average_path_length`` is that of the largest component (see :func:`component_table` for
    all); ``clustering`` is NetworkX's unweighted ``average_clustering``; ``centralization`` is
    Freeman's degree centralisation (``None`` below three actors).

    Parameters
    ----------
    h : networkx.Graph
        A metric graph (:func:`graph.metrics.metric_graph`) or a subgraph of one.

    Returns
    -------
    dict of str to Any
        ``actors``, ``relations`` (relation ids on the edges, at least 1 per edge), ``ties`` (edges),
        ``density`` (0.0 below two actors), ``components``, ``isolates``, ``largest_component``,
        ``average_path_length`` (None for an empty graph or a single-actor largest component),
        ``clustering`` (0.0 for an empty graph) and ``centralization``.

    Examples
    --------
    >>> from graph.metrics import metric_graph
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

    Parameters
    ----------
    h : networkx.Graph
        A metric graph (:func:`graph.metrics.metric_graph`) or a subgraph of one.
    by : str
        Node attribute to group by, e.g. ``kind``, ``stadtbezirk`` or ``community``.

    Returns
    -------
    list of dict
        One row per group, ordered by the group value as text with ``None`` last: ``group`` and the
        figures of :func:`network_figures` for the group's subgraph.

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
