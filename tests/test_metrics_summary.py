"""Metric findings in one sentence, plain explanations without jargon, methods and literature for the expander."""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import pytest

from graph import Dataset, build_graph
from graph.metrics import (
    ACTOR_METRICS,
    LITERATURE,
    METRIC_INFO,
    NETWORK_INFO,
    actor_metrics,
    group_figures,
    group_summary,
    metric_graph,
    metric_summary,
    network_figures,
    network_summary,
)
from tests.conftest import TODAY

#: Words staff never heard of: allowed only in ``method`` (the expander „Wie wird das berechnet?“).
JARGON = re.compile(
    r"NetworkX|Eigenvektor|k-Kern|Louvain|Burt|Betweenness|Closeness|Zentralität|Freeman|Brandes|Cluster",
)

SMALL = {
    "neighbours": "Träger X hat die meisten direkten Partner: 3.",
    "degree": "Träger X ist am breitesten vernetzt: direkt verbunden mit 43 % aller anderen Akteure.",
    "in_degree": "Zu AG § 78 Jugendhilfe-Schule und Beratungsstelle Y führen die meisten gerichteten Beziehungen: "
    "je von 29 % der anderen Akteure.",
    "out_degree": "Von Träger X gehen die meisten gerichteten Beziehungen aus: zu 43 % der anderen Akteure.",
    "betweenness": "AG § 78 Jugendhilfe-Schule und Träger X sind die wichtigsten Brückenakteure: durch jeden führen "
    "29 % der kürzesten Wege zwischen zwei anderen Akteuren.",
    "closeness": "AG § 78 Jugendhilfe-Schule und Träger X erreichen alle anderen am schnellsten (je Nähe 0,45).",
    "harmonic": "Träger X erreicht die meisten Akteure in wenigen Schritten (harmonische Nähe 0,55).",
    "eigenvector": "Den größten Einfluss hat Träger X: verbunden mit Partnern, die selbst gut vernetzt sind "
    "(Einfluss 0,45).",
    "core": "Den dichtesten Kern bilden Beratungsstelle Y, Grundschule A und Träger X: jeder hat dort mindestens "
    "2 Partner.",
    "constraint": "Am stärksten abhängig sind Beratungsstelle Y und Grundschule A: wenige Partner, die eng "
    "untereinander verbunden sind (je Abhängigkeit 1,01).",
    "effective_size": "Träger X hat die meisten Kontakte, die sich nicht untereinander kennen: 2,3.",
    "community": "Das Netz zerfällt in 4 Gruppen; die größte umfasst 3 Akteure.",
    "reach2": "AG § 78 Jugendhilfe-Schule erreicht in zwei Schritten die meisten Akteure: 5.",
}


@pytest.fixture
def small_graph(small: Dataset) -> nx.Graph:
    return metric_graph(build_graph(small, TODAY))


@pytest.mark.parametrize("metric", ACTOR_METRICS)
def test_metric_summary_on_the_reference_network(small_graph: nx.Graph, metric: str) -> None:
    assert metric_summary(metric, actor_metrics(small_graph)) == SMALL[metric]


def test_network_and_group_summary_on_the_reference_network(small_graph: nx.Graph) -> None:
    assert network_summary(network_figures(small_graph)) == (
        "8 Akteure mit 7 Beziehungen in 3 getrennten Teilen; im größten (6 Akteure) liegen zwei Akteure im Mittel "
        "2,1 Schritte auseinander."
    )
    kinds = group_figures(small_graph, "kind")
    assert group_summary(kinds, {}) == "In keiner Gruppe gibt es Beziehungen untereinander."
    bezirke = group_figures(small_graph, "stadtbezirk")
    assert group_summary(bezirke, {"sued": "Süd"}) == "Am dichtesten untereinander vernetzt: Süd (Dichte 1,00)."


def test_metric_summary_ties_zero_and_empty() -> None:
    rows: list[dict[str, Any]] = [{"name": n, "neighbours": 2} for n in "DCBA"]
    assert metric_summary("neighbours", rows) == "4 Akteure, darunter A und B haben die meisten direkten Partner: je 2."
    assert metric_summary("betweenness", [{"name": "A", "betweenness": 0.0}]) == (
        "Brückenakteur: Alle Akteure haben den Wert 0."
    )
    assert metric_summary("constraint", [{"name": "A", "constraint": None}]) == (
        "Abhängigkeit: Für keinen Akteur gibt es hier einen Wert."
    )
    assert network_summary(network_figures(metric_graph(nx.path_graph(3)))) == (
        "3 Akteure mit 2 Beziehungen, alle miteinander verbunden; dabei liegen zwei Akteure im Mittel 1,3 Schritte "
        "auseinander."
    )
    with pytest.raises(ValueError):
        metric_summary("weight", rows)


def test_explanations_are_free_of_jargon_and_methods_cite_literature() -> None:
    for info in [*METRIC_INFO.values(), *NETWORK_INFO.values()]:
        assert not JARGON.search(info.label + " " + info.explanation), info.label
    assert all(info.method for info in METRIC_INFO.values())
    cited = " ".join(info.method for info in [*METRIC_INFO.values(), *NETWORK_INFO.values()])
    for entry in LITERATURE:
        author, year = re.match(r"([^,]+),.*?\((\d{4})", entry).groups()  # type: ignore[union-attr]
        assert author in cited and year in cited, entry


def test_network_summary_of_one_actor_and_of_a_largest_part_of_one() -> None:
    one = {"actors": 1, "relations": 0, "components": 1, "largest_component": 1, "average_path_length": None}
    two = {"actors": 2, "relations": 0, "components": 2, "largest_component": 1, "average_path_length": 0.0}
    assert network_summary(one) == "1 Akteur, ohne Beziehung zu anderen."
    assert network_summary(two) == (
        "2 Akteure mit 0 Beziehungen in 2 getrennten Teilen; im größten (1 Akteur) liegen zwei Akteure im Mittel "
        "0,0 Schritte auseinander."
    )
