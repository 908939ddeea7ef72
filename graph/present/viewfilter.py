"""Filter the network for one view: kinds, areas, topics, relation types, a day, isolated actors, ego view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

__all__ = ["MAX_RADIUS", "ViewFilter", "actor_relations", "by_name", "filter_graph", "stadtbezirke_in"]

MAX_RADIUS = 3


@dataclass(frozen=True)
class ViewFilter:
    """What a view shows. Empty tuples mean "no restriction".

    Attributes
    ----------
    kinds : tuple of str
        Actor kinds to keep.
    stadtbezirke, districts : tuple of str
        Keep actors sitting in one of these Stadtbezirke / districts (both given: either matches).
    topics : tuple of str
        Keep actors offering at least one of these topics.
    relation_types : tuple of str
        Relation types to keep.
    as_of : datetime.date, optional
        Keep only relations active on that day.
    hide_isolated : bool
        Drop actors left without any relation (after every other filter).
    ego : str, optional
        Show only this actor and its neighbours up to ``radius`` steps (direction ignored).
    radius : int
        Steps of the ego view, 1 to :data:`MAX_RADIUS`.
    """

    kinds: tuple[str, ...] = ()
    stadtbezirke: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    relation_types: tuple[str, ...] = ()
    as_of: dt.date | None = None
    hide_isolated: bool = False
    ego: str | None = None
    radius: int = 1


def _node_kept(attrs: dict[str, object], view: ViewFilter) -> bool:
    if view.kinds and attrs.get("kind") not in view.kinds:
        return False
    if (view.stadtbezirke or view.districts) and not (
        attrs.get("stadtbezirk") in view.stadtbezirke or attrs.get("district") in view.districts
    ):
        return False
    topics = attrs.get("topics") or ()
    assert isinstance(topics, tuple | list)
    return not view.topics or bool(set(view.topics) & set(topics))


def _edge_kept(attrs: dict[str, object], view: ViewFilter) -> bool:
    if view.relation_types and attrs.get("type") not in view.relation_types:
        return False
    if view.as_of is None:
        return True
    since, until = attrs.get("since"), attrs.get("until")
    started = not isinstance(since, dt.date) or since <= view.as_of
    return started and (not isinstance(until, dt.date) or view.as_of <= until)


def _ego(graph: nx.MultiDiGraph, center: str, radius: int) -> set[str]:
    if center not in graph:
        return set()
    radius = max(1, min(MAX_RADIUS, radius))
    reach = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), center, cutoff=radius)
    return set(reach)


def filter_graph(graph: nx.MultiDiGraph, view: ViewFilter) -> nx.MultiDiGraph:
    """Return a new graph holding only what ``view`` shows; ``graph`` is left unchanged.

    Node filters run first, then relation filters, then the ego view (on what is left),
    then ``hide_isolated``. The ego actor itself always passes the node filters.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network as from :func:`graph.data.build.build_graph`: actors with ``kind``, ``district``,
        ``stadtbezirk`` and ``topics``; relations with ``type``, ``since`` and ``until``.
    view : ViewFilter
        What to keep.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph with copies of the kept actors' and relations' attributes.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"kind": "schule"}), ("b", {"kind": "traeger"}), ("c", {"kind": "schule"})])
    >>> _ = g.add_edge("b", "a", key="r", type="schulsozialarbeit")
    >>> sorted(filter_graph(g, ViewFilter(kinds=("schule",))))
    ['a', 'c']
    >>> sorted(filter_graph(g, ViewFilter(hide_isolated=True)))
    ['a', 'b']
    >>> sorted(filter_graph(g, ViewFilter(ego="a")))
    ['a', 'b']
    """
    keep = {n for n, attrs in graph.nodes(data=True) if n == view.ego or _node_kept(attrs, view)}
    result = nx.MultiDiGraph()
    result.add_nodes_from((n, dict(attrs)) for n, attrs in graph.nodes(data=True) if n in keep)
    result.add_edges_from(
        (u, v, k, dict(attrs))
        for u, v, k, attrs in graph.edges(keys=True, data=True)
        if u in keep and v in keep and _edge_kept(attrs, view)
    )
    if view.ego is not None:
        result.remove_nodes_from(set(result) - _ego(result, view.ego, view.radius))
    if view.hide_isolated:
        result.remove_nodes_from([n for n in list(result) if result.degree(n) == 0])
    return result


def actor_relations(graph: nx.MultiDiGraph, actor: str) -> nx.MultiDiGraph:
    """Return the actor, its partners and only the relations that touch the actor.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network; it is only read.
    actor : str
        Id of the actor.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph with copied attributes; empty when ``actor`` is not in ``graph``.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    >>> sorted(actor_relations(g, "a").edges())
    [('a', 'b'), ('c', 'a')]
    >>> actor_relations(g, "zz").number_of_nodes()
    0
    """
    result = nx.MultiDiGraph()
    if actor not in graph:
        return result
    edges = [*graph.out_edges(actor, keys=True, data=True), *graph.in_edges(actor, keys=True, data=True)]
    nodes = {actor} | {u for u, _, _, _ in edges} | {v for _, v, _, _ in edges}
    result.add_nodes_from((n, dict(graph.nodes[n])) for n in graph if n in nodes)
    result.add_edges_from((u, v, k, dict(attrs)) for u, v, k, attrs in edges)
    return result


def by_name(names: Mapping[str, str], ids: Iterable[str] | None = None) -> list[str]:
    """Actor ids (all of ``names``, or ``ids``) in the order people look for them: by name, ignoring case.

    An id without a name sorts by the id itself.

    Parameters
    ----------
    names : mapping of str to str
        Actor id -> name.
    ids : iterable of str, optional
        The ids to sort; ``None`` sorts every key of ``names``.

    Returns
    -------
    list of str
        The ids sorted by ``casefold()`` of their name (stable: equal names keep the given order).

    Examples
    --------
    >>> by_name({"a": "villa", "b": "Aue", "c": "Bad"})
    ['b', 'c', 'a']
    >>> by_name({"a": "villa"}, ["zz", "a"])
    ['a', 'zz']
    """
    return sorted(names if ids is None else ids, key=lambda a: names.get(a, a).casefold())


def stadtbezirke_in(graph: nx.MultiDiGraph, order: Iterable[str]) -> list[str]:
    """The Stadtbezirke in which at least one actor of ``graph`` sits, in the order of ``order`` (the vocabulary).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network; the node attribute ``stadtbezirk`` is read (empty or missing values are skipped).
    order : iterable of str
        Stadtbezirk ids in the wanted order, usually the vocabulary list ``stadtbezirke``.

    Returns
    -------
    list of str
        The ids of ``order`` that occur in the graph; ids not in ``order`` are left out.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("a", {"stadtbezirk": "sued"}), ("b", {"stadtbezirk": None}), ("c", {"stadtbezirk": "mitte"})])
    >>> stadtbezirke_in(g, ["mitte", "nord", "sued"])
    ['mitte', 'sued']
    """
    present = {b for _, b in graph.nodes(data="stadtbezirk") if b}
    return [b for b in order if b in present]
