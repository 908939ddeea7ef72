"""Tests of graph.data.provenance: the one rule for invented entries and source links, and where it shows up."""

from __future__ import annotations

import io
import json
import re

import networkx as nx
import pandas as pd
import pytest

import graph
from graph import Actor, Dataset, Relation, Vocabulary, build_graph
from graph.data.provenance import Provenance, provenance, provenance_label
from graph.present.export import actor_table, relation_table, to_csv, to_gexf, to_graphml
from graph.present.mapview import MapOptions, map_html, node_title
from tests.conftest import TODAY


def _payload(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="netzwerk-daten">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


VILLA = "https://www.villajuehling.de (Seite Schulsozialarbeit)"


@pytest.mark.parametrize(
    ("value", "relation", "expected"),
    [
        ("demo", False, Provenance("demo", True, "Erfundener Demo-Eintrag")),
        ("demo", True, Provenance("demo", True, "Erfundene Demo-Beziehung")),
        (None, False, Provenance("none", False, "Ohne Quellenangabe")),
        ("  ", True, Provenance("none", True, "Ohne Quelle – gilt als erfunden")),
        (
            VILLA,
            False,
            Provenance(
                "source",
                False,
                "Quelle: villajuehling.de (Seite Schulsozialarbeit)",
                VILLA,
                "https://www.villajuehling.de",
                "villajuehling.de",
                "Seite Schulsozialarbeit",
            ),
        ),
        (
            "https://www.schulerfolg-sichern.de/das-programm/regionale-netzwerkstellen/halle-saale.html",
            True,
            Provenance(
                "source",
                False,
                "Quelle: schulerfolg-sichern.de/…/halle-saale.html",
                "https://www.schulerfolg-sichern.de/das-programm/regionale-netzwerkstellen/halle-saale.html",
                "https://www.schulerfolg-sichern.de/das-programm/regionale-netzwerkstellen/halle-saale.html",
                "schulerfolg-sichern.de/…/halle-saale.html",
                None,
            ),
        ),
        (
            "dubisthalle.de (Bericht über die\n Schule)",
            False,
            Provenance(
                "source",
                False,
                "Quelle: dubisthalle.de (Bericht über die Schule)",
                "dubisthalle.de (Bericht über die Schule)",
            ),
        ),
    ],
    ids=["demo-actor", "demo-relation", "none-actor", "none-relation", "url-note", "url-long-path", "text-only"],
)
def test_provenance_rule(value: str | None, relation: bool, expected: Provenance) -> None:
    assert provenance({"provenance": value}, relation=relation) == expected


def test_provenance_tells_records_and_graph_attributes_apart() -> None:
    actor = Actor("a", "A", "schule", provenance="demo")
    rel = Relation("r", "a", "b", "kooperation", provenance="demo")
    assert provenance_label(actor) == "Erfundener Demo-Eintrag"
    assert provenance_label(rel) == "Erfundene Demo-Beziehung"
    g = build_graph(Dataset(Vocabulary(), {"a": actor, "b": Actor("b", "B", "traeger")}, (rel,)))
    assert provenance_label(g.nodes["a"]) == "Erfundener Demo-Eintrag"
    assert provenance_label(g.edges["a", "b", "r"]) == "Erfundene Demo-Beziehung"
    assert provenance(g.nodes["b"]).sourced is False and provenance(g.nodes["b"]).invented is False


def test_provenance_label_reachable_from_package() -> None:
    assert graph.provenance_label({"kind": "x", "provenance": "demo"}) == "Erfundener Demo-Eintrag"


@pytest.mark.parametrize(
    ("value", "url", "link_text"),
    [
        # Quotes, brackets and markup end the address: nothing from the data reaches a link target unencoded.
        ('https://a.example/x"onmouseover="alert(1)', "https://a.example/x", "a.example/x"),
        ("https://a.example/p](javascript:alert(1))", "https://a.example/p", "a.example/p"),
        ("https://a.example/ü?x=1&y=2.", "https://a.example/%C3%BC?x=1&y=2", "a.example/ü"),
        ("Quelle: https://www.halle.de/.", "https://www.halle.de/", "halle.de"),
        ("https://x.example/" + "s" * 60, "https://x.example/" + "s" * 60, "x.example/" + "s" * 39 + "…"),
    ],
    ids=["quote", "markdown-link", "umlaut-and-dot", "trailing-dot", "long-segment"],
)
def test_provenance_links_are_safe_and_short(value: str, url: str, link_text: str) -> None:
    origin = provenance({"kind": "x", "provenance": value})
    assert (origin.url, origin.link_text) == (url, link_text)


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "ftp://a.example/x", "data:text/html,<script>", "https:///nohost"]
)
def test_provenance_other_schemes_stay_text(value: str) -> None:
    origin = provenance({"kind": "x", "provenance": value})
    assert origin.url is None and origin.label == "Quelle: " + value


def test_provenance_full_label_keeps_the_address() -> None:
    assert provenance({"kind": "x", "provenance": VILLA}).full_label == "Quelle: " + VILLA
    assert provenance({"kind": "x", "provenance": "demo"}).full_label == "Erfundener Demo-Eintrag"


@pytest.fixture
def marked() -> Dataset:
    """Two actors (one invented, one with a source) and three relations (invented, sourced, without source)."""
    actors = {
        "real": Actor("real", "Villa", "traeger", provenance=VILLA),
        "fake": Actor("fake", "GS Am Lindenhain", "schule", provenance="demo"),
    }
    relations = (
        Relation("r-demo", "real", "fake", "kooperation", provenance="demo"),
        Relation("r-src", "real", "fake", "schulsozialarbeit", provenance="https://halle.de/ssa"),
        Relation("r-none", "fake", "real", "verweist"),
    )
    return Dataset(Vocabulary(), actors, relations)


def test_map_tooltips_mark_invented_and_sourced(marked: Dataset) -> None:
    g = build_graph(marked)
    assert node_title(g.nodes["fake"], marked.vocabulary).endswith("\nErfundener Demo-Eintrag")
    assert node_title(g.nodes["real"], marked.vocabulary).endswith(
        "\nQuelle: villajuehling.de (Seite Schulsozialarbeit)"
    )
    page = map_html(g, marked.vocabulary, {}, MapOptions())
    titles = {e["id"]: e["title"] for e in _payload(page)["edges"]}
    assert titles == {
        "r-demo": "kooperation\nErfundene Demo-Beziehung",
        "r-src": "schulsozialarbeit\nQuelle: halle.de/ssa",
        "r-none": "verweist\nOhne Quelle – gilt als erfunden",
    }


def test_tables_have_erfunden_and_herkunft(marked: Dataset) -> None:
    g = build_graph(marked)
    actors = actor_table(g, marked.vocabulary, TODAY).set_index("Kennung")
    assert actors[["Erfunden", "Herkunft"]].values.tolist() == [
        [False, "Quelle: " + VILLA],
        [True, "Erfundener Demo-Eintrag"],
    ]
    relations = relation_table(g, marked.vocabulary).set_index("Kennung")
    assert relations[["Erfunden", "Herkunft"]].values.tolist() == [
        [True, "Erfundene Demo-Beziehung"],
        [False, "Quelle: https://halle.de/ssa"],
        [True, "Ohne Quelle – gilt als erfunden"],
    ]
    back = pd.read_csv(io.BytesIO(to_csv(relations.reset_index())), sep=";", encoding="utf-8-sig")
    assert back["Herkunft"].tolist() == relations["Herkunft"].tolist()


def test_graph_files_carry_invented_and_provenance_label(marked: Dataset) -> None:
    g = build_graph(marked)
    for back in (
        nx.read_graphml(io.BytesIO(to_graphml(g)), force_multigraph=True),
        nx.read_gexf(io.BytesIO(to_gexf(g))),
    ):
        assert back.nodes["fake"]["invented"] is True
        assert back.nodes["fake"]["provenance_label"] == "Erfundener Demo-Eintrag"
        assert back.nodes["real"]["invented"] is False
        edges = {d.get("id", k): d for _, _, k, d in back.edges(keys=True, data=True)}
        assert edges["r-none"]["provenance_label"] == "Ohne Quelle – gilt als erfunden"
        assert edges["r-src"]["invented"] is False


def test_demo_with_blanks_is_invented_for_labels_sources_and_model_alike() -> None:
    from graph.data.sourcerules import is_sourced

    actor = Actor("a", "A", "schule", provenance=" demo ")
    assert (actor.is_demo, is_sourced(" demo "), provenance_label(actor)) == (True, False, "Erfundener Demo-Eintrag")
