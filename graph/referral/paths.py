"""Warm paths: shortest routes from a school over relations active on a day, one breadth-first search per query."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping

from graph.data.model import Relation

#: Node -> (parent, relation) of a breadth-first tree; the start maps to None.
Tree = dict[str, tuple[str, Relation] | None]


def _tree(
    adjacency: Mapping[str, tuple[tuple[str, Relation], ...]], start: str, day: dt.date, targets: set[str]
) -> Tree:
    """Breadth-first tree from ``start`` over relations active on ``day``, until every target is reached.

    Adjacency order is fixed, so a node's parent (and with it each shortest path) is the same on
    every run; stopping once the last target is found changes no parent already set. Built anew for
    every query and never kept: the index is shared by all sessions and stays as it was built.
    """
    tree: Tree = {start: None}
    missing = set(targets) - tree.keys()
    queue = deque([start])
    while queue and missing:
        node = queue.popleft()
        for other, relation in adjacency[node]:
            # Relation.active_on, inlined: this loop runs once per relation end.
            if other not in tree and (
                (relation.since is None or relation.since <= day) and (relation.until is None or day <= relation.until)
            ):
                tree[other] = (node, relation)
                queue.append(other)
                missing.discard(other)
    return tree


def _paths(
    adjacency: Mapping[str, tuple[tuple[str, Relation], ...]], start: str, day: dt.date, targets: set[str]
) -> dict[str, list[tuple[str, Relation]]]:
    """Shortest undirected paths from ``start`` over relations active on ``day`` to ``targets``: node -> hops.

    Examples
    --------
    >>> r = Relation("r1", "s", "b", "kooperation")
    >>> adjacency = {"s": (("b", r),), "b": (("s", r),), "c": ()}
    >>> hops = _paths(adjacency, "s", dt.date(2026, 1, 1), {"b", "c"})
    >>> {node: [(other, relation.id) for other, relation in path] for node, path in hops.items()}
    {'b': [('b', 'r1')]}
    """
    tree = _tree(adjacency, start, day, targets)
    paths: dict[str, list[tuple[str, Relation]]] = {}
    for target in targets:
        if target not in tree:
            continue
        hops: list[tuple[str, Relation]] = []
        node = target
        while (step := tree[node]) is not None:
            hops.append((node, step[1]))
            node = step[0]
        paths[target] = hops[::-1]
    return paths
