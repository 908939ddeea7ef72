"""Tests of graph.present.formats and the German files built on it: CSV for German Excel, GraphML/GEXF labels, file names."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import networkx as nx
import numpy as np
import openpyxl
import pandas as pd
import pytest

from graph import Dataset, build_graph
from graph.present.export import actor_table, export_file_name, relation_table, to_csv, to_gexf, to_graphml
from graph.present.formats import (
    VEGA_LOCALE,
    address_line,
    de_bool,
    de_cell,
    de_date,
    de_number,
    de_table,
    file_name,
    xlsx_table,
)
from graph.present.viewfilter import ViewFilter
from tests.conftest import TODAY
from views.common import german_chart, to_xlsx

DAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 11, 28), "28.11.2026"),
        (dt.date(2028, 7, 1), "01.07.2028"),
        (dt.datetime(2026, 11, 28, 0, 0), "28.11.2026"),
        (dt.datetime(2026, 11, 28, 14, 5), "28.11.2026 14:05"),
        (pd.Timestamp("2025-01-31"), "31.01.2025"),
        (None, ""),
        (pd.NaT, ""),
    ],
)
def test_de_date(value: dt.date | None, expected: str) -> None:
    assert de_date(value) == expected


@pytest.mark.parametrize(
    ("value", "digits", "grouping", "expected"),
    [
        (0.2885, None, False, "0,2885"),
        (0.2885, 2, False, "0,29"),
        (0.0, 3, False, "0,000"),
        (-0.5, None, False, "-0,5"),
        (3, None, False, "3"),
        (np.int64(12345), None, True, "12.345"),
        (12345, None, False, "12345"),
        (1234567.891, 2, True, "1.234.567,89"),
        (1234.5, None, True, "1.234,5"),
        (1234.5, None, False, "1234,5"),
        (np.float64(0.1), None, False, "0,1"),
        (None, 2, False, ""),
        (float("nan"), 2, False, ""),
    ],
)
def test_de_number(value: float | None, digits: int | None, grouping: bool, expected: str) -> None:
    assert de_number(value, digits, grouping) == expected


def test_de_bool() -> None:
    assert [de_bool(True), de_bool(False), de_bool(None)] == ["ja", "nein", ""]


def test_de_cell_turns_only_dates_decimals_and_truth_values_into_text() -> None:
    cells = [True, np.bool_(True), dt.date(2024, 8, 1), 0.25, np.float64(2.0), 7, np.int64(3), "=A1", None, ["x", 1.5]]
    assert [de_cell(c) for c in cells] == ["ja", "ja", "01.08.2024", "0,25", "2,0", 7, 3, "=A1", "", "x, 1,5"]
    assert de_cell(float("nan")) == "" and de_cell(pd.NA) == "" and de_cell(pd.NaT) == ""


def test_de_table_keeps_shape_and_headers() -> None:
    table = pd.DataFrame({"Nähe": [0.5, np.nan], "Aktiv": [True, False], "Seit": [DAY, None]})
    assert de_table(table).to_dict("list") == {"Nähe": ["0,5", ""], "Aktiv": ["ja", "nein"], "Seit": ["28.11.2026", ""]}


def test_file_name() -> None:
    assert file_name("Lücken", "Schulsozialarbeit endet bald", day=DAY, suffix="csv") == (
        "luecken-schulsozialarbeit-endet-bald-2026-11-28.csv"
    )
    assert file_name("Was wäre, wenn …", "", "ÄÖÜß", suffix="csv") == "was-waere-wenn-aeoeuess.csv"


# ---------------------------------------------------------------- CSV


def test_csv_round_trip_gives_numeric_columns() -> None:
    table = pd.DataFrame(
        {
            "Name": ["Träger X", "-minus", "Schule A"],
            "Nähe": [0.2885, -0.5, None],
            "Anzahl": [3, 0, 12345],
            "Aktiv": [True, False, True],
            "Seit": [dt.date(2024, 8, 1), None, DAY],
        }
    )
    data = to_csv(table)
    assert data.startswith(b"\xef\xbb\xbfName;N\xc3\xa4he;Anzahl;Aktiv;Seit\r\n")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == [
        "Name;Nähe;Anzahl;Aktiv;Seit",
        "Träger X;0,2885;3;ja;01.08.2024",
        "'-minus;-0,5;0;nein;",  # a text starting like a formula gets a ', a negative number does not
        "Schule A;;12345;ja;28.11.2026",
    ]
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Nähe"].dtype == np.float64 and back["Anzahl"].dtype == np.int64
    assert back["Nähe"].tolist()[:2] == [0.2885, -0.5] and np.isnan(back["Nähe"][2])
    assert back["Aktiv"].tolist() == ["ja", "nein", "ja"]


def test_csv_of_the_map_tables_is_german(small: Dataset) -> None:
    graph = build_graph(small)
    actors = to_csv(actor_table(graph, small.vocabulary, TODAY)).decode("utf-8-sig")
    relations = to_csv(relation_table(graph, small.vocabulary)).decode("utf-8-sig")
    assert "True" not in actors + relations and "False" not in actors + relations
    back = pd.read_csv(io.StringIO(relations), sep=";", decimal=",").set_index("Kennung")
    assert back.loc["ssa-a", ["Gerichtet", "Seit", "Bis"]].tolist() == ["ja", "01.08.2024", "31.07.2028"]
    assert back.loc["koop-x-y", "Gerichtet"] == "nein"
    assert pd.api.types.is_numeric_dtype(back["Stärke"])
    table = pd.read_csv(io.StringIO(actors), sep=";", decimal=",").set_index("Kennung")
    assert table.loc["gs-a", "Geprüft am"] == "01.06.2026"
    assert table["Beziehungen"].dtype == np.int64 and set(table["Veraltet"]) <= {"ja", "nein"}


def test_xlsx_has_german_dates_and_ja_nein() -> None:
    table = pd.DataFrame({"Aktiv": [True], "Seit": [DAY], "Nähe": [0.5]})
    assert xlsx_table(table).values.tolist() == [["ja", DAY, 0.5]]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(table, "Tabelle"))).active
    assert sheet is not None
    cells = sheet[2]
    assert [c.value for c in cells] == ["ja", dt.datetime(2026, 11, 28), 0.5]
    assert cells[1].number_format == "DD.MM.YYYY"


# ---------------------------------------------------------------- graph files


def test_gexf_and_graphml_label_nodes_with_names(small: Dataset) -> None:
    graph = build_graph(small)
    names = {a.id: a.name for a in small.actors.values()}
    gexf = ET.fromstring(to_gexf(graph))
    labels = {n.get("id"): n.get("label") for n in gexf.iter() if n.tag.endswith("}node")}
    assert labels == names
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)), force_multigraph=True)
    assert {n: back.nodes[n]["label"] for n in back} == names
    keys = [k.attrib for k in ET.fromstring(to_graphml(graph)).iter() if k.tag.endswith("}key")]
    assert {"for": "node", "attr.name": "label", "attr.type": "string"} in [
        {x: k[x] for x in ("for", "attr.name", "attr.type")} for k in keys
    ]


# ---------------------------------------------------------------- file names


@pytest.mark.parametrize(
    ("view", "part", "suffix", "expected"),
    [
        (ViewFilter(), "", "html", "netzwerk-ganz-2026-11-28.html"),
        (ViewFilter(as_of=DAY), "", "gexf", "netzwerk-ganz-2026-11-28.gexf"),
        (ViewFilter(ego="villa-juehling", radius=2), "", "html", "netzwerk-umfeld-villa-juehling-2026-11-28.html"),
        (ViewFilter(ego="gs-a"), "beziehungen", "csv", "netzwerk-umfeld-gs-a-beziehungen-2026-11-28.csv"),
        (ViewFilter(stadtbezirke=("sued",)), "akteure", "csv", "netzwerk-auswahl-akteure-2026-11-28.csv"),
        (ViewFilter(hide_isolated=True), "", "graphml", "netzwerk-auswahl-2026-11-28.graphml"),
    ],
)
def test_export_file_names_say_what_they_hold(view: ViewFilter, part: str, suffix: str, expected: str) -> None:
    assert export_file_name(view, DAY, suffix, part) == expected


# ---------------------------------------------------------------- charts


def test_german_chart_sets_vega_locale() -> None:
    import altair as alt

    spec = german_chart(alt.Chart(pd.DataFrame({"x": [0.5]})).mark_bar().encode(x="x:Q")).to_dict()
    assert spec["config"]["locale"] == VEGA_LOCALE
    assert VEGA_LOCALE["number"]["decimal"] == "," and VEGA_LOCALE["number"]["thousands"] == "."
    assert VEGA_LOCALE["time"]["date"] == "%d.%m.%Y"


@pytest.mark.parametrize(
    ("parts", "line"),
    [
        (("Weg 1", "06132", "Halle (Saale)"), "Weg 1, 06132 Halle (Saale)"),
        ((None, "06132", "Halle (Saale)"), "06132 Halle (Saale)"),
        (("Weg 1", None, "Halle (Saale)"), "Weg 1, Halle (Saale)"),
        (("Weg 1", "", None), "Weg 1"),
        ((None, None, None), ""),
    ],
)
def test_address_line(parts: tuple[str | None, str | None, str | None], line: str) -> None:
    assert address_line(*parts) == line
