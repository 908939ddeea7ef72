"""Tests of graph.present.viewfilter on the small reference network."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph import Dataset, build_graph
from graph.present.viewfilter import ViewFilter, actor_relations, by_name, filter_graph, stadtbezirke_in

ALL = ["ag78", "amt", "beratung-y", "einsam", "gs-a", "projekt-z", "sek-b", "traeger-x"]


@pytest.fixture
def graph(small: Dataset) -> nx.MultiDiGraph:
    return build_graph(small)


@pytest.mark.parametrize(
    ("view", "nodes", "edges"),
    [
        (ViewFilter(), ALL, 8),
        (ViewFilter(kinds=("schule",)), ["gs-a", "sek-b"], 0),
        (ViewFilter(kinds=("schule", "traeger")), ["einsam", "gs-a", "sek-b", "traeger-x"], 2),
        (ViewFilter(stadtbezirke=("sued",)), ["beratung-y", "gs-a"], 1),
        (ViewFilter(districts=("suedliche-neustadt",)), ["sek-b"], 0),
        (ViewFilter(stadtbezirke=("west",), districts=("silberhoehe",)), ["gs-a", "sek-b"], 0),
        (ViewFilter(topics=("familie",)), ["beratung-y"], 0),
        (ViewFilter(relation_types=("mitglied",), hide_isolated=True), ["ag78", "amt", "traeger-x"], 2),
        (ViewFilter(as_of=dt.date(2026, 11, 28)), ALL, 7),
        (ViewFilter(as_of=dt.date(2024, 12, 31)), ALL, 7),  # foerderung-z starts 2025-01-01
        (ViewFilter(as_of=dt.date(2025, 7, 31), hide_isolated=True), sorted(set(ALL) - {"einsam"}), 8),
        (ViewFilter(hide_isolated=True), sorted(set(ALL) - {"einsam"}), 8),
        (ViewFilter(ego="gs-a", radius=1), ["beratung-y", "gs-a", "traeger-x"], 4),
        (ViewFilter(ego="gs-a", radius=2), ["ag78", "beratung-y", "gs-a", "sek-b", "traeger-x"], 6),
        (ViewFilter(ego="gs-a", radius=3), sorted(set(ALL) - {"einsam", "projekt-z"}), 7),  # projekt-z is 4 steps
        (ViewFilter(ego="gs-a", radius=9), sorted(set(ALL) - {"einsam", "projekt-z"}), 7),  # capped at 3
        (ViewFilter(ego="gs-a", kinds=("traeger",)), ["gs-a", "traeger-x"], 1),
        (ViewFilter(ego="nobody"), [], 0),
    ],
)
def test_filter_graph_cases(graph: nx.MultiDiGraph, view: ViewFilter, nodes: list[str], edges: int) -> None:
    result = filter_graph(graph, view)
    assert (sorted(result), result.number_of_edges()) == (nodes, edges)


def test_filter_graph_returns_copy(graph: nx.MultiDiGraph) -> None:
    result = filter_graph(graph, ViewFilter())
    result.nodes["gs-a"]["size"] = 99
    result.remove_node("amt")
    assert "size" not in graph.nodes["gs-a"] and "amt" in graph


def test_actor_relations_only_touching_edges(graph: nx.MultiDiGraph) -> None:
    result = actor_relations(graph, "beratung-y")
    assert sorted(k for _, _, k in result.edges(keys=True)) == ["gs-a--verweist--beratung-y", "koop-x-y", "traeger-y"]
    assert sorted(result) == ["beratung-y", "gs-a", "traeger-x"]


def test_by_name_orders_actors_by_name_ignoring_case(graph: nx.MultiDiGraph) -> None:
    names = {node: str(name) for node, name in graph.nodes(data="name")}
    assert by_name(names) == ["ag78", "beratung-y", "gs-a", "einsam", "amt", "projekt-z", "sek-b", "traeger-x"]
    assert by_name(names, ["unbekannt", "sek-b", "ag78"]) == ["ag78", "sek-b", "unbekannt"]
    assert by_name({"x": "b", "y": "A", "z": "a"}) == ["y", "z", "x"]  # equal names keep their order


def test_stadtbezirke_in_a_view_in_vocabulary_order(graph: nx.MultiDiGraph, small: Dataset) -> None:
    order = small.vocabulary.terms("stadtbezirke")
    assert stadtbezirke_in(graph, order) == ["sued", "west"]
    schools_south = filter_graph(graph, ViewFilter(stadtbezirke=("sued",)))
    assert stadtbezirke_in(schools_south, order) == ["sued"]
    assert stadtbezirke_in(filter_graph(graph, ViewFilter(kinds=("traeger",))), order) == []
