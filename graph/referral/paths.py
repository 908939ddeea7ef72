"""Warm paths: shortest routes from a school over relations active on a day, from cached breadth-first trees."""

from __future__ import annotations

import datetime as dt
from collections import deque

from graph.data.model import Relation
from graph.referral.index import ReferralIndex

#: How many breadth-first trees (school, day) a referral index keeps.
TREE_CACHE = 64


def _tree(index: ReferralIndex, start: str, day: dt.date) -> dict[str, tuple[str, Relation] | None]:
    """Breadth-first tree from ``start`` over relations active on ``day``: node -> (parent, relation).

    Adjacency order is fixed, so a node's parent (and with it each shortest path) is the same on
    every run. Cached per (start, day) in the index, the oldest tree dropped first.
    """
    key = (start, day)
    tree = index.trees.get(key)
    if tree is not None:
        return tree
    tree = {start: None}
    queue = deque([start])
    adjacency = index.adjacency
    while queue:
        node = queue.popleft()
        for other, relation in adjacency[node]:
            # Relation.active_on, inlined: this loop runs once per relation end.
            if other not in tree and (
                (relation.since is None or relation.since <= day) and (relation.until is None or day <= relation.until)
            ):
                tree[other] = (node, relation)
                queue.append(other)
    while len(index.trees) >= TREE_CACHE:  # sessions share the index: tolerate a key another thread dropped
        index.trees.pop(next(iter(index.trees), key), None)
    index.trees[key] = tree
    return tree


def _paths(index: ReferralIndex, start: str, day: dt.date, targets: set[str]) -> dict[str, list[tuple[str, Relation]]]:
    """Shortest undirected paths from ``start`` over relations active on ``day`` to ``targets``: node -> hops."""
    tree = _tree(index, start, day)
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
