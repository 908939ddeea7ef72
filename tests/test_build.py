"""The NetworkX graph: nodes, edges, attributes, direction and the "as of" view."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import Dataset, build_graph
from graph.data.build import DERIVED_VOCABULARIES, node_vocabularies


def test_build_graph_counts(small: Dataset) -> None:
    graph = build_graph(small)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (8, 8)


def test_build_graph_keeps_parallel_relations_of_different_types(small: Dataset) -> None:
    graph = build_graph(small)
    assert sorted(graph["traeger-x"]["beratung-y"]) == ["koop-x-y", "traeger-y"]


def test_build_graph_node_attributes(small: Dataset) -> None:
    node = build_graph(small).nodes["gs-a"]
    assert (node["name"], node["kind"], node["district"], node["stadtbezirk"], node["sozialraum"]) == (
        "Grundschule A",
        "schule",
        "silberhoehe",
        "sued",
        "hallescher-sueden",
    )
    assert node["address"] == {"street": "Weg 1", "postcode": "06132", "city": "Halle (Saale)"}


def test_build_graph_edge_attributes(small: Dataset) -> None:
    graph = build_graph(small)
    edge = graph.edges["traeger-x", "gs-a", "ssa-a"]
    assert (edge["type"], edge["directed"], edge["strength"], edge["distance"]) == ("schulsozialarbeit", True, 3, 1 / 3)
    assert "weight" not in edge
    koop = graph.edges["traeger-x", "beratung-y", "koop-x-y"]
    assert (koop["directed"], koop["distance"]) == (False, 0.5)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (
            dt.date(2024, 7, 31),
            {"ssa-b-alt", "koop-x-y", "gs-a--verweist--beratung-y", "mitglied-x", "mitglied-amt", "traeger-y"},
        ),
        (
            dt.date(2024, 8, 1),
            {"ssa-a", "ssa-b-alt", "koop-x-y", "gs-a--verweist--beratung-y", "mitglied-x", "mitglied-amt", "traeger-y"},
        ),
        (
            dt.date(2025, 8, 1),
            {
                "ssa-a",
                "koop-x-y",
                "gs-a--verweist--beratung-y",
                "mitglied-x",
                "mitglied-amt",
                "foerderung-z",
                "traeger-y",
            },
        ),
        (
            dt.date(2028, 8, 1),
            {"koop-x-y", "gs-a--verweist--beratung-y", "mitglied-x", "mitglied-amt", "foerderung-z", "traeger-y"},
        ),
    ],
)
def test_build_graph_as_of(small: Dataset, day: dt.date, expected: set[str]) -> None:
    graph = build_graph(small, as_of=day)
    assert {key for _, _, key in graph.edges(keys=True)} == expected
    assert graph.number_of_nodes() == 8


def test_build_graph_types_filter(small: Dataset) -> None:
    graph = build_graph(small, types=["mitglied"])
    assert sorted(graph.edges()) == [("amt", "ag78"), ("traeger-x", "ag78")]


def test_build_graph_does_not_share_state(small: Dataset) -> None:
    first = build_graph(small)
    first.nodes["gs-a"]["name"] = "changed"
    assert build_graph(small).nodes["gs-a"]["name"] == "Grundschule A"


def test_node_vocabularies_come_from_the_schema() -> None:
    assert node_vocabularies() == {
        "kind": "actor_kinds",
        "district": "districts",
        "stadtteil": "stadtteile",
        "topics": "topics",
        "audiences": "audiences",
        "school_levels": "school_levels",
        "languages": "languages",
        "legal_basis": "legal_bases",
        "crisis": "crisis_kinds",
        "stadtbezirk": "stadtbezirke",
        "sozialraum": "sozialraeume",
    }


def test_every_derived_attribute_is_on_the_nodes(small: Dataset) -> None:
    attrs = build_graph(small).nodes["gs-a"]
    assert set(DERIVED_VOCABULARIES) <= set(attrs)
    assert (attrs["stadtbezirk"], small.vocabulary.area_label(attrs["stadtbezirk"])) == ("sued", "Süd")


def test_area_label_looks_in_every_area_list(small: Dataset) -> None:
    vocabulary = small.vocabulary
    labels = [vocabulary.area_label(a) for a in ("silberhoehe", "sued", "hallescher-sueden", "stadtweit", "x")]
    assert labels[3:] == ["stadtweit", "x"]
    assert labels[:3] == [
        vocabulary.label("districts", "silberhoehe"),
        vocabulary.label("stadtbezirke", "sued"),
        vocabulary.label("sozialraeume", "hallescher-sueden"),
    ]
    assert all(label not in ("silberhoehe", "sued", "hallescher-sueden") for label in labels[:3])


def test_stadtbezirk_comes_from_the_stadtteil_when_the_district_is_missing_in_map_and_gap_tables() -> None:
    from graph.data.model import Actor, Term, Vocabulary
    from graph.gaps.info import _bezirk

    vocabulary = Vocabulary(
        {"districts": {}, "stadtteile": {"neustadt": Term("neustadt", "Neustadt", stadtbezirk="west")}}
    )
    school = Actor("s", "Schule", "schule", stadtteil="neustadt")
    graph = build_graph(Dataset(vocabulary, {"s": school}, ()))
    assert (graph.nodes["s"]["stadtbezirk"], _bezirk(vocabulary, school)) == ("west", "west")
