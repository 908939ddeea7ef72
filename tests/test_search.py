"""Tests of graph.present.search: tolerant name search."""

from __future__ import annotations

import pytest

from graph import Dataset
from graph.present.search import find_actors, match_score


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Grundschule A", ["gs-a"]),
        ("grundschule a", ["gs-a"]),
        ("TRÄGER", ["traeger-x"]),
        ("traeger", ["traeger-x"]),
        ("trager x", ["traeger-x"]),
        ("Beratungstelle", ["beratung-y"]),
        ("jugendamt", ["amt"]),
        ("Jugendamd", ["amt"]),
        ("isolirter", ["einsam"]),
        ("sek-b", ["sek-b"]),
        ("xyz", []),
        ("", []),
    ],
)
def test_find_actors_tolerant(small: Dataset, query: str, expected: list[str]) -> None:
    names = {a.id: a.name for a in small.actors.values()}
    assert find_actors(query, names)[: len(expected) or None] == expected


def test_find_actors_orders_best_first_and_limits() -> None:
    names = {"a": "Schule Nord", "b": "Schule Süd", "c": "Schul Nord"}
    assert find_actors("schule", names) == ["a", "b", "c"]
    assert find_actors("schule", names, limit=1) == ["a"]


@pytest.mark.parametrize(
    ("query", "name", "score"),
    [("Süd", "Schule Sued", 1.0), ("ae", "Grundschule Ä", 1.0), ("nord", "", 0.0), ("abc", "xyz", 0.0)],
)
def test_match_score_values(query: str, name: str, score: float) -> None:
    assert match_score(query, name) == score
