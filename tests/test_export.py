"""Tests of graph.present.export: tables, CSV for German Excel, GraphML and GEXF."""

from __future__ import annotations

import datetime as dt
import io

import networkx as nx
import pandas as pd
import pytest

from graph import Dataset, build_graph, load_dataset
from graph.present.export import actor_table, count_table, problem_table, relation_table, to_csv, to_gexf, to_graphml
from tests.conftest import BROKEN, TODAY


@pytest.fixture
def graph(small: Dataset) -> nx.MultiDiGraph:
    return build_graph(small)


def test_actor_table_values(small: Dataset, graph: nx.MultiDiGraph) -> None:
    table = actor_table(graph, small.vocabulary, TODAY).set_index("Kennung")
    assert len(table) == 8
    row = table.loc["beratung-y"]
    assert (row["Name"], row["Art"], row["Stadtviertel"], row["Stadtbezirk"]) == (
        "Beratungsstelle Y",
        "Beratungsstelle",
        "Südstadt",
        "Süd",
    )
    assert (row["Themen"], row["Beziehungen"], row["Partner"], row["Veraltet"], row["Erfunden"]) == (
        "Schulabsentismus, Familie",
        3,
        2,
        True,
        True,
    )
    assert table.loc["traeger-x", "Beziehungen"] == 5 and table.loc["traeger-x", "Partner"] == 4
    assert table.loc["einsam", "Beziehungen"] == 0


def test_relation_table_labels(small: Dataset, graph: nx.MultiDiGraph) -> None:
    table = relation_table(graph, small.vocabulary).set_index("Kennung")
    assert table.loc["ssa-a"].tolist()[:7] == [
        "Träger X",
        "Schulsozialarbeit an",
        "Grundschule A",
        True,
        dt.date(2024, 8, 1),
        dt.date(2028, 7, 31),
        "",
    ]
    assert table.loc["gs-a--verweist--beratung-y", "Themen"] == "Schulabsentismus"
    assert not table.loc["koop-x-y", "Gerichtet"]


def test_count_table_kinds_and_types(small: Dataset, graph: nx.MultiDiGraph) -> None:
    kinds = count_table(graph, small.vocabulary, "kinds")
    assert kinds.values.tolist() == [
        ["Schule", 2],
        ["Freier Träger", 2],
        ["Beratungsstelle", 1],
        ["Behörde", 1],
        ["Gremium", 1],
        ["Projekt", 1],
    ]
    types = count_table(graph, small.vocabulary, "types")
    assert types["Anzahl"].sum() == 8 and types.iloc[0].tolist() == ["Schulsozialarbeit an", 2]


def test_to_csv_german_excel(small: Dataset, graph: nx.MultiDiGraph) -> None:
    data = to_csv(actor_table(graph, small.vocabulary, TODAY))
    assert data.startswith(b"\xef\xbb\xbfKennung;Name;Art;")
    back = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig")
    assert back.loc[back["Kennung"] == "traeger-x", "Name"].item() == "Träger X"
    assert len(back) == 8


def test_graphml_round_trip_keeps_attributes(graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert sorted(back) == sorted(graph)
    assert back.number_of_edges() == 8
    assert back.nodes["beratung-y"]["topics"] == "schulabsentismus; familie"
    assert back.nodes["gs-a"]["label"] == "Grundschule A"  # what yEd and Gephi show instead of the id
    assert back.nodes["gs-a"]["verified"] == "2026-06-01"
    assert back.nodes["gs-a"]["contact"] == '{"phone": "0345 555 00 01", "role": "Sekretariat"}'
    assert back.edges["traeger-x", "gs-a", "ssa-a"]["since"] == "2024-08-01"
    assert "size" not in graph.nodes["gs-a"] and isinstance(graph.nodes["gs-a"]["verified"], dt.date)


def test_gexf_round_trip(graph: nx.MultiDiGraph) -> None:
    back = nx.read_gexf(io.BytesIO(to_gexf(graph)))
    assert sorted(back) == sorted(graph) and back.number_of_edges() == 8
    assert back.nodes["amt"]["kind"] == "behoerde"


def test_problem_table_of_broken_folder(data_copy) -> None:  # type: ignore[no-untyped-def]
    (data_copy / "relations.yaml").write_bytes((BROKEN / "unknown-actor" / "relations.yaml").read_bytes())
    result = load_dataset(data_copy, today=TODAY)
    table = problem_table(result.report.errors)
    assert set(table["Code"]) == {"unknown-actor"}
    assert table.columns.tolist() == ["Stufe", "Problem", "Datei", "Zeile", "Spalte", "Meldung", "Hinweis", "Code"]
    assert set(table["Problem"]) == {"Unbekannter Akteur"}
    assert (table["Stufe"] == "Fehler").all() and (table["Zeile"] > 0).all()
