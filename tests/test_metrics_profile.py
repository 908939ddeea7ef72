"""An actor's standing for its profile and the rank order of the page Kennzahlen (graph.metrics.profile)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graph.metrics import (
    ACTOR_METRICS,
    COUNT_METRICS,
    RANKED_METRICS,
    ActorStanding,
    Rank,
    actor_metrics,
    actor_standing,
    competition_rank,
    metric_graph,
    ranked_rows,
)


def row(actor: str, neighbours: int, betweenness: float, closeness: float, eigenvector: float, **more: Any) -> dict:
    values = {"core": 1, "community": 0, "reach2": neighbours, "constraint": None}
    return {"id": actor, "name": actor.upper(), "neighbours": neighbours, "betweenness": betweenness,
            "closeness": closeness, "eigenvector": eigenvector} | values | more  # fmt: skip


ROWS = [
    row("hub", 4, 0.5, 0.8, 0.6, core=2, community=1, reach2=6),
    row("mid", 2, 0.5, 0.6, 0.4, core=2, community=1, constraint=0.5),
    row("leaf", 1, 0.0, 0.6, 0.2, community=1),
    row("far", 1, 0.0, 0.4, 0.1, community=2, constraint=0.9),
    row("alone", 0, 0.0, 0.0, 0.0, core=0, community=3),
]


def test_standing_of_the_hub() -> None:
    assert actor_standing(ROWS, "hub") == ActorStanding(
        ranks={
            "neighbours": Rank(4, 1, 5),
            "betweenness": Rank(0.5, 1, 5),
            "closeness": Rank(0.8, 1, 5),
            "eigenvector": Rank(0.6, 1, 5),
        },
        reach2=6,
        core=2,
        top_core=2,
        community=1,
        community_size=3,
    )


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    mid, leaf = actor_standing(ROWS, "mid"), actor_standing(ROWS, "leaf")
    assert mid is not None and leaf is not None
    assert (mid.ranks["betweenness"].rank, leaf.ranks["closeness"].rank, mid.ranks["closeness"].rank) == (1, 2, 2)
    assert (leaf.ranks["neighbours"].rank, leaf.ranks["eigenvector"].rank) == (3, 3)
    assert (mid.bridge, leaf.bridge) == (True, False)
    assert (leaf.core, leaf.top_core, leaf.community_size) == (1, 2, 3)


def test_no_standing_without_relations_or_unknown() -> None:
    assert actor_standing(ROWS, "alone") is None
    assert actor_standing(ROWS, "nobody") is None
    assert actor_standing([], "hub") is None


def test_competition_rank_skips_missing_values() -> None:
    assert [competition_rank(ROWS, "constraint", v) for v in (0.9, 0.5, 0.1)] == [1, 2, 3]


def test_standing_on_computed_metrics() -> None:
    g = nx.Graph([("a", "b"), ("a", "c"), ("a", "d"), ("d", "e")])
    rows = actor_metrics(metric_graph(g))
    a, e = actor_standing(rows, "a"), actor_standing(rows, "e")
    assert a is not None and e is not None
    assert (a.ranks["neighbours"], a.ranks["betweenness"].rank, a.reach2) == (Rank(3, 1, 5), 1, 4)
    assert (e.ranks["neighbours"].rank, e.bridge, e.ranks["closeness"].rank, e.reach2) == (3, False, 5, 2)


def test_ranked_rows_highest_first_ties_by_name_missing_last() -> None:
    assert [r["id"] for r in ranked_rows(ROWS, "betweenness")] == ["hub", "mid", "alone", "far", "leaf"]
    assert [r["id"] for r in ranked_rows(ROWS, "constraint")] == ["far", "mid", "alone", "hub", "leaf"]
    assert ranked_rows([], "core") == []


def test_ranked_rows_leaves_the_shared_rows_alone() -> None:
    before = [dict(r) for r in ROWS]
    ranked_rows(ROWS, "eigenvector")
    assert before == ROWS


@pytest.mark.parametrize("metric", RANKED_METRICS)
def test_ranked_metrics_are_amounts(metric: str) -> None:
    assert metric in ACTOR_METRICS and metric != "community"


def test_metric_groups() -> None:
    assert set(ACTOR_METRICS) - set(RANKED_METRICS) == {"community"}
    assert COUNT_METRICS == ("neighbours", "core", "community", "reach2")
