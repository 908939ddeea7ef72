"""Weak spots in the network's structure: isolated actors, single partners, articulation points, bridges."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "articulation_points",
    "bridges",
    "isolated",
    "single_relation",
]


def _actor_row(h: nx.Graph, v: Hashable) -> dict[str, Any]:
    attrs = h.nodes[v]
    return {"id": v, "name": attrs.get("name", str(v)), "kind": attrs.get("kind")}


def isolated(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors without any relation in the metric graph ``h`` (``id``, ``name``, ``kind``).

    Crisis services (``crisis`` set, e.g. the police emergency line) are left out: they are a
    directory for emergencies, not members of the local network, so having no relation is no gap.

    Parameters
    ----------
    h : networkx.Graph
        The metric graph (:func:`graph.metrics.metric_graph`): one undirected edge per pair of related actors,
        ``relation_ids`` on the edge, actor attributes on the nodes.

    Returns
    -------
    list of dict
        ``id``, ``name`` (the id when the node has none) and ``kind`` of every isolated actor, in graph order.

    Examples
    --------
    >>> h = nx.Graph([("a", "b")]); h.add_node("c"); h.add_node("notruf", crisis=("suizid",))
    >>> [r["id"] for r in isolated(h)]
    ['c']
    """
    return [_actor_row(h, v) for v in h if not h[v] and not h.nodes[v].get("crisis")]


def single_relation(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors with exactly one partner: ``id``, ``name``, ``kind``, ``partner`` and ``relations`` (count).

    Parameters
    ----------
    h : networkx.Graph
        The metric graph (:func:`graph.metrics.metric_graph`): one undirected edge per pair of related actors,
        ``relation_ids`` on the edge, actor attributes on the nodes.

    Returns
    -------
    list of dict
        One row per actor with exactly one neighbour, in graph order; ``relations`` is the number of
        ``relation_ids`` on the edge to the partner (at least 1).

    Examples
    --------
    >>> [(r["id"], r["partner"]) for r in single_relation(nx.Graph([("a", "b"), ("b", "c")]))]
    [('a', 'b'), ('c', 'b')]
    """
    rows = []
    for v in h:
        if len(h[v]) == 1:
            partner = next(iter(h[v]))
            row = _actor_row(h, v)
            row.update(partner=partner, relations=max(1, len(h.edges[v, partner].get("relation_ids", ()))))
            rows.append(row)
    return rows


@dataclass
class _DepthFirst:
    """Depth-first search tree of every component: preorder list, discovery index, low point, subtree size."""

    preorder: list[Hashable]
    disc: dict[Hashable, int]
    low: dict[Hashable, int]
    size: dict[Hashable, int]
    parent: dict[Hashable, Hashable]
    component_of: dict[Hashable, tuple[int, int]]

    def subtree(self, v: Hashable) -> list[Hashable]:
        """``v`` and its descendants: a contiguous slice of the preorder."""
        return self.preorder[self.disc[v] : self.disc[v] + self.size[v]]


def _depth_first(h: nx.Graph) -> _DepthFirst:
    """Iterative Hopcroft–Tarjan search in graph order (linear time, no recursion limit)."""
    tree = _DepthFirst([], {}, {}, {}, {}, {})
    for root in h:
        if root in tree.disc:
            continue
        start = len(tree.preorder)
        _visit(h, root, tree)
        span = (start, len(tree.preorder))
        for v in tree.preorder[start:]:
            tree.component_of[v] = span
    return tree


def _visit(h: nx.Graph, root: Hashable, tree: _DepthFirst) -> None:
    def discover(v: Hashable) -> None:
        tree.disc[v] = tree.low[v] = len(tree.preorder)
        tree.preorder.append(v)

    discover(root)
    stack = [(root, iter(h[root]))]
    while stack:
        v, neighbours = stack[-1]
        for w in neighbours:
            if w not in tree.disc:
                tree.parent[w] = v
                discover(w)
                stack.append((w, iter(h[w])))
                break
            if w != tree.parent.get(v):
                tree.low[v] = min(tree.low[v], tree.disc[w])
        else:
            stack.pop()
            tree.size[v] = len(tree.preorder) - tree.disc[v]
            if stack:
                up = stack[-1][0]
                tree.low[up] = min(tree.low[up], tree.low[v])


def _children(tree: _DepthFirst) -> dict[Hashable, list[Hashable]]:
    children: dict[Hashable, list[Hashable]] = {}
    for v in tree.preorder:
        if v in tree.parent:
            children.setdefault(tree.parent[v], []).append(v)
    return children


def _cut_row(h: nx.Graph, v: Hashable, tree: _DepthFirst, pieces: list[Hashable]) -> dict[str, Any]:
    """Row for articulation point ``v`` whose removal splits off the subtrees of ``pieces``.

    The part that stays is the largest one; on a tie the part holding the component's first actor
    (in data order). Everything else is cut off.
    """
    start, end = tree.component_of[v]
    rest = (end - start) - 1 - sum(tree.size[w] for w in pieces)
    sizes = [rest, *(tree.size[w] for w in pieces)]
    keep = sizes.index(max(sizes))
    cut: list[Hashable] = []
    if keep != 0:  # the rest of the component (everything outside the separated subtrees) is cut off
        taken = {u for w in pieces for u in tree.subtree(w)}
        cut += [u for u in tree.preorder[start:end] if u != v and u not in taken]
    for i, w in enumerate(pieces, start=1):
        if i != keep:
            cut += tree.subtree(w)
    row = _actor_row(h, v)
    row.update(cut_off=cut, cut_off_count=len(cut), component_size=end - start)
    return row


def _separated(tree: _DepthFirst, v: Hashable, kids: list[Hashable]) -> list[Hashable]:
    """Tree children of ``v`` whose subtree loses all contact to the rest when ``v`` is removed."""
    if v not in tree.parent:  # a root separates only when it has two or more tree children
        return kids if len(kids) > 1 else []
    return [w for w in kids if tree.low[w] >= tree.disc[v]]


def articulation_points(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors whose removal splits their part of the network, with the actors that would be cut off.

    "Cut off" means: no longer connected to the largest part that remains of the component the
    actor sits in (so for an actor in a small island, the island is the reference).

    Parameters
    ----------
    h : networkx.Graph
        The metric graph (:func:`graph.metrics.metric_graph`): one undirected edge per pair of related actors,
        ``relation_ids`` on the edge, actor attributes on the nodes.

    Returns
    -------
    list of dict
        ``id``, ``name``, ``kind``, ``cut_off`` (ids, data order), ``cut_off_count`` and
        ``component_size``; most cut-off actors first.

    Examples
    --------
    >>> h = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> [(r["id"], r["cut_off"]) for r in articulation_points(h)]
    [('c', ['d'])]
    """
    tree = _depth_first(h)
    children = _children(tree)
    rows = []
    for v in tree.preorder:
        pieces = _separated(tree, v, children.get(v, []))
        if pieces:
            rows.append(_cut_row(h, v, tree, pieces))
    return sorted(rows, key=lambda r: -r["cut_off_count"])


def bridges(h: nx.Graph) -> list[dict[str, Any]]:
    """Pairs joined only by one tie whose end would split the network, with the smaller side cut off.

    Parameters
    ----------
    h : networkx.Graph
        The metric graph (:func:`graph.metrics.metric_graph`): one undirected edge per pair of related actors,
        ``relation_ids`` on the edge, actor attributes on the nodes.

    Returns
    -------
    list of dict
        ``source`` and ``target`` (the end that stays first), ``relation_ids``, ``cut_off``
        (ids of the smaller side; on a tie the side away from the component's first actor) and
        ``cut_off_count``; most cut-off actors first.

    Examples
    --------
    >>> h = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> [(r["source"], r["target"], r["cut_off"]) for r in bridges(h)]
    [('c', 'd', ['d'])]
    """
    tree = _depth_first(h)
    rows = []
    for w in tree.preorder:
        v = tree.parent.get(w)
        if v is None or tree.low[w] <= tree.disc[v]:
            continue
        start, end = tree.component_of[w]
        below = tree.subtree(w)
        if len(below) <= (end - start) - len(below):
            source, target, cut = v, w, below
        else:
            inside = set(below)
            source, target, cut = w, v, [u for u in tree.preorder[start:end] if u not in inside]
        ids = list(h.edges[v, w].get("relation_ids", ()))
        rows.append(
            {"source": source, "target": target, "relation_ids": ids, "cut_off": cut, "cut_off_count": len(cut)}
        )
    return sorted(rows, key=lambda r: -r["cut_off_count"])
