"""Gap analysis: a hand-built network where every gap is known, structure checks, the bundled demo data."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import Any

import networkx as nx
import pytest

from graph import load_dataset
from graph.data.build import build_graph
from graph.data.model import Actor, Contact, Dataset, Funding, Relation, Term, Vocabulary
from graph.data.schoolyear import ESF_PLUS_END
from graph.gaps import (
    ACTOR_FIELDS,
    DEFAULT_MONTHS,
    GAP_INFO,
    MAX_MONTHS,
    TOPIC_FIELDS,
    URGENT_MONTHS,
    VOCABULARY_FIELDS,
    SummaryContext,
    articulation_points,
    bridges,
    committees,
    coverage,
    coverage_shown,
    default_ending_months,
    ended_relations,
    ending_horizon,
    ending_is_urgent,
    gap_report,
    gap_summary,
    isolated,
    lacking_direct_topics,
    school_social_work_ending,
    school_topics,
    schools_without_school_social_work,
    single_relation,
    sorted_by_missing,
    stale,
    what_if,
    what_if_summary,
    without_contact,
)
from graph.metrics import metric_graph
from tests.conftest import REPO, TODAY

PHONE = Contact(phone="0345 555 00 00")


def _terms(*ids: str, **extra: dict[str, Any]) -> dict[str, Term]:
    return {i: Term(i, i.title(), **extra.get(i, {})) for i in ids}


def hand_built() -> Dataset:
    """Schools s1-s4, provider tr, counselling b1/b2, committee g, project proj, isolated iso.

    Active on TODAY: s1-tr, s2-tr (school social work), s1-b1, tr-b2, b2-proj, and tr, b1, s2 in g.
    """
    vocabulary = Vocabulary(
        {
            "actor_kinds": _terms("schule", "traeger", "beratung", "gremium", "projekt"),
            "stadtbezirke": _terms("nord", "sued"),
            "districts": {
                "d1": Term("d1", "D1", stadtbezirk="nord"),
                "d2": Term("d2", "D2", stadtbezirk="nord"),
                "d3": Term("d3", "D3", stadtbezirk="sued"),
            },
            "topics": _terms("kinderschutz", "sucht", "familie", kinderschutz={"core": True}, sucht={"core": True}),
        }
    )
    actors = [
        Actor("s1", "Schule 1", "schule", district="d1", topics=("sucht",), contact=PHONE),
        Actor("s2", "Schule 2", "schule", district="d3", contact=PHONE),
        Actor("s3", "Schule 3", "schule", district="d3", contact=PHONE),
        Actor("s4", "Schule 4", "schule", district="d2", contact=PHONE),
        Actor("tr", "Träger", "traeger", district="d1", contact=PHONE),
        Actor("b1", "Beratung 1", "beratung", topics=("kinderschutz",), service_area=("nord",), contact=PHONE),
        Actor("b2", "Beratung 2", "beratung", district="d3", topics=("sucht", "familie"), contact=PHONE),
        Actor("g", "Gremium", "gremium", topics=("kinderschutz",), contact=PHONE),
        Actor("proj", "Projekt", "projekt", district="d1", topics=("familie",)),
        Actor("iso", "Allein", "traeger", verified=dt.date(2026, 1, 1)),
    ]
    esf = Funding("esf")
    relations = (
        Relation("ssa1", "tr", "s1", "schulsozialarbeit", until=dt.date(2027, 1, 31), funding=esf),
        Relation("ssa2", "tr", "s2", "schulsozialarbeit", until=dt.date(2030, 7, 31), funding=esf),
        Relation("ssa4", "tr", "s4", "schulsozialarbeit", until=dt.date(2025, 7, 31)),
        Relation("k1", "s1", "b1", "kooperation"),
        Relation("k2", "tr", "b2", "kooperation", verified=dt.date(2025, 1, 1)),
        Relation("m1", "tr", "g", "mitglied"),
        Relation("m2", "b1", "g", "mitglied"),
        Relation("m3", "s2", "g", "mitglied"),
        Relation("t1", "b2", "proj", "traegerschaft"),
    )
    return Dataset(vocabulary, {a.id: a for a in actors}, relations)


@pytest.fixture
def net() -> Dataset:
    return hand_built()


def ids(rows: list[dict[str, Any]], key: str = "id") -> list[Any]:
    return [row[key] for row in rows]


def test_coverage_districts_counts_offers_not_schools_or_committees(net: Dataset) -> None:
    cells = {(r["area"], r["topic"]): (r["actors"], r["actor_ids"], r["schools"]) for r in coverage(net)}
    assert cells == {
        ("d1", "kinderschutz"): (1, ["b1"], 1),
        ("d1", "sucht"): (0, [], 1),
        ("d1", "familie"): (1, ["proj"], 1),
        ("d2", "kinderschutz"): (1, ["b1"], 1),
        ("d2", "sucht"): (0, [], 1),
        ("d2", "familie"): (0, [], 1),
        ("d3", "kinderschutz"): (0, [], 2),
        ("d3", "sucht"): (1, ["b2"], 2),
        ("d3", "familie"): (1, ["b2"], 2),
    }


def test_coverage_stadtbezirke(net: Dataset) -> None:
    cells = {(r["area"], r["topic"]): r["actors"] for r in coverage(net, "stadtbezirke")}
    assert cells == {
        ("nord", "kinderschutz"): 1,
        ("nord", "sucht"): 0,
        ("nord", "familie"): 1,
        ("sued", "kinderschutz"): 0,
        ("sued", "sucht"): 1,
        ("sued", "familie"): 1,
    }


def test_coverage_rejects_unknown_level(net: Dataset) -> None:
    with pytest.raises(ValueError, match="level must be one of"):
        coverage(net, "stadtteile")


def test_schools_without_school_social_work(net: Dataset) -> None:
    rows = schools_without_school_social_work(net, TODAY)
    assert [(r["id"], r["ended"], r["ended_relation"]) for r in rows] == [
        ("s3", None, None),
        ("s4", dt.date(2025, 7, 31), "ssa4"),
    ]


@pytest.mark.parametrize(("months", "expected"), [(2, []), (3, ["s1"]), (12, ["s1"]), (44, ["s1"]), (45, ["s1", "s2"])])
def test_school_social_work_ending_within_months(net: Dataset, months: int, expected: list[str]) -> None:
    assert ids(school_social_work_ending(net, TODAY, months)) == expected


def test_school_social_work_ending_row(net: Dataset) -> None:
    (row,) = school_social_work_ending(net, TODAY, 12)
    assert (row["relation"], row["provider"], row["until"], row["programme"], row["continues"]) == (
        "ssa1",
        "tr",
        dt.date(2027, 1, 31),
        "esf",
        False,
    )


def test_school_topics_direct_two_steps_missing(net: Dataset) -> None:
    rows = {r["id"]: (r["direct"], r["two_steps"], r["missing"]) for r in school_topics(net, TODAY)}
    assert rows == {
        "s1": (["kinderschutz"], ["sucht"], []),
        "s2": ([], ["kinderschutz", "sucht"], []),  # the committee's own topic does not count
        "s3": ([], [], ["kinderschutz", "sucht"]),
        "s4": ([], [], ["kinderschutz", "sucht"]),
    }


def test_structure_on_hand_built(net: Dataset) -> None:
    h = metric_graph(build_graph(net, TODAY))
    assert ids(isolated(h)) == ["s3", "s4", "iso"]
    assert [(r["id"], r["partner"]) for r in single_relation(h)] == [("proj", "b2")]
    assert [(r["id"], r["cut_off"]) for r in articulation_points(h)] == [("tr", ["b2", "proj"]), ("b2", ["proj"])]
    assert [(r["source"], r["target"], r["relation_ids"], r["cut_off"]) for r in bridges(h)] == [
        ("tr", "b2", ["k2"], ["b2", "proj"]),
        ("b2", "proj", ["t1"], ["proj"]),
    ]


def test_articulation_point_keeps_largest_part() -> None:
    # Removing c leaves {a, b} and {d, e, f}: the smaller side {a, b} is cut off, even though a comes first.
    h = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "d")])
    rows = {r["id"]: r["cut_off"] for r in articulation_points(h)}
    assert rows == {"b": ["a"], "c": ["a", "b"], "d": ["e", "f"]}
    # c-d splits 3 against 3: the tie keeps the side of the first actor (a).
    assert [(r["source"], r["target"], r["cut_off"]) for r in bridges(h)] == [
        ("c", "d", ["d", "e", "f"]),
        ("c", "b", ["a", "b"]),
        ("b", "a", ["a"]),
    ]


@pytest.mark.parametrize("seed", range(8))
def test_structure_agrees_with_networkx_and_removal(seed: int) -> None:
    rng = random.Random(seed)
    h = nx.gnm_random_graph(40, rng.randint(35, 60), seed=seed)
    points = articulation_points(h)
    assert set(ids(points)) == set(nx.articulation_points(h))
    assert {frozenset((r["source"], r["target"])) for r in bridges(h)} == {frozenset(e) for e in nx.bridges(h)}
    for row in points:
        rest = h.copy()
        rest.remove_node(row["id"])
        component = nx.node_connected_component(h, row["id"]) - {row["id"]}
        parts = sorted((c for c in nx.connected_components(rest) if c <= component), key=len, reverse=True)
        assert set(row["cut_off"]) == component - parts[0]
        assert len(parts[0]) >= max(len(p) for p in parts)


def test_committees_kinds_and_stadtbezirke(net: Dataset) -> None:
    (row,) = committees(net, TODAY)
    assert row["members"] == ["tr", "b1", "s2"]
    assert (row["kinds"], row["missing_kinds"]) == (["schule", "traeger", "beratung"], ["projekt"])
    assert (row["stadtbezirke"], row["missing_stadtbezirke"]) == (["nord", "sued"], [])


def test_freshness(net: Dataset) -> None:
    assert [(r["record"], r["id"], r["days"]) for r in stale(net, TODAY)] == [("relation", "k2", 696)]
    kinds = {"kooperation": Term("kooperation", "kooperiert mit")}
    labelled = Vocabulary({**net.vocabulary.lists, "relation_types": kinds})
    (row,) = stale(replace(net, vocabulary=labelled), TODAY)
    assert row["name"] == "Träger – Beratung 2 (kooperiert mit)"  # the type's German label, never its id
    assert ids(ended_relations(net, TODAY)) == ["ssa4"]
    assert ids(without_contact(net)) == ["proj", "iso"]


def test_what_if_remove_provider(net: Dataset) -> None:
    result = what_if(net, TODAY, remove=["tr"])
    assert ids(result["relations"]) == ["ssa1", "ssa2", "k2", "m1"]
    assert [(r["id"], r["loses_school_social_work"], r["topics_lost"]) for r in result["schools"]] == [
        ("s1", True, ["sucht", "familie"]),
        ("s2", True, ["sucht", "familie"]),
    ]
    assert result["coverage"] == []
    figures = {r["figure"]: (r["before"], r["after"]) for r in result["network"]}
    assert figures["actors"] == (10, 9)
    assert figures["isolates"] == (3, 3)


def test_what_if_programme_ends(net: Dataset) -> None:
    result = what_if(net, TODAY, programme="esf", programme_end=dt.date(2026, 12, 31))
    assert ids(result["relations"]) == ["ssa1", "ssa2"]
    assert [(r["id"], r["loses_school_social_work"]) for r in result["schools"]] == [("s1", True), ("s2", True)]
    top = result["metrics"][0]
    # Without tr's school ties, g alone joins {s1, b1} to {tr, s2, b2, proj}: 8 + 3 of 36 pairs.
    assert (top["id"], top["metric"], top["after"]) == ("g", "betweenness", pytest.approx(11 / 36))


def test_what_if_removed_offer_loses_coverage(net: Dataset) -> None:
    result = what_if(net, TODAY, remove=["b2"])
    assert result["coverage"] == [
        {"area": "d3", "topic": "sucht", "before": 1, "after": 0},
        {"area": "d3", "topic": "familie", "before": 1, "after": 0},
    ]


def test_gap_report_keys_have_german_info(net: Dataset) -> None:
    report = gap_report(net, TODAY)
    required = {"coverage", "schools_without_school_social_work", "school_social_work_ending", "school_topics"}
    required |= {"isolated", "articulation_points", "bridges", "committees", "stale"}
    assert required <= set(report)
    assert set(report) | {"what_if"} == set(GAP_INFO)


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    result = load_dataset(REPO / "data", today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report.errors]
    return gap_report(result.dataset, TODAY)


def test_demo_schools_without_school_social_work(demo: dict[str, Any]) -> None:
    rows = {r["id"]: r for r in demo["schools_without_school_social_work"]}
    assert set(rows) == {
        "gms-heinrich-heine",
        "sks-am-fliederweg",
        "salzmann-schule",
        "gym-am-ulmenplatz",
        "gs-am-magnolienweg",
        "gym-am-platanenhang",
        "gym-am-hainbuchenweg",
        "gs-am-ebereschenweg",
    }
    assert rows["gs-am-ebereschenweg"]["ended_relation"] == "ssa-lindenhof-gs-am-ebereschenweg"


def test_demo_school_social_work_ending(demo: dict[str, Any]) -> None:
    rows = [(r["id"], r["relation"], r["until"]) for r in demo["school_social_work_ending"]]
    assert ("gs-am-kirschgarten", "ssa-ahornhof-ev-gs-am-kirschgarten", dt.date(2026, 12, 31)) in rows


def test_demo_no_addiction_counselling_in_the_south(demo: dict[str, Any]) -> None:
    empty = {r["area"] for r in demo["coverage"] if r["topic"] == "sucht" and r["actors"] == 0}
    south = {"silberhoehe", "suedstadt", "ammendorf-beesen", "damaschkestrasse", "lutherplatz-thueringer-bahnhof"}
    assert south | {"heide-nord-blumenau", "kroellwitz"} <= empty
    offering = {a for r in demo["coverage"] if r["topic"] == "sucht" for a in r["actor_ids"]}
    assert offering == {"suchtberatung-kompass", "klarer-kopf-neustadt"}


def test_demo_structure_and_freshness(demo: dict[str, Any]) -> None:
    assert ids(demo["isolated"]) == ["gms-heinrich-heine", "sks-am-fliederweg", "lernwerkstatt-sanddorn"]
    points = {r["id"]: set(r["cut_off"]) for r in demo["articulation_points"]}
    assert points["ahornhof-ev"] == {"maedchentreff-ahornhof", "elterncafe-ahornhof"}
    ended = set(ids(demo["ended_relations"]))
    assert {"ssa-lindenhof-gs-am-ebereschenweg", "koop-medienwerkstatt-gym-am-eschenwall"} <= ended
    assert {"migrationsberatung-brueckenschlag", "koop-medienwerkstatt-gs-am-tulpenbeet"} <= set(ids(demo["stale"]))
    assert "netzwerk-kita-schule-hort" in ids(demo["without_contact"])


def test_school_social_work_ending_urgent_within_six_months(net: Dataset) -> None:
    # ssa1 ends 31.01.2027: two months after TODAY (urgent); ssa2 on 31.07.2030 is not urgent
    rows = school_social_work_ending(net, TODAY, 48)
    assert [(r["relation"], r["urgent"]) for r in rows] == [("ssa1", True), ("ssa2", False)]
    assert URGENT_MONTHS == 6
    # ending exactly six months after the reference day still counts, one day later no longer
    assert school_social_work_ending(net, dt.date(2026, 7, 31), 12)[0]["urgent"] is True
    assert school_social_work_ending(net, dt.date(2026, 7, 30), 12)[0]["urgent"] is False


SMALL_SUMMARIES = {
    "coverage": "In 1 von 2 Stadtteilen mit Schulen fehlt ein Angebot zum Kernthema Schulabsentismus; "
    "über alle Themen sind 6 Felder leer.",
    "schools_without_school_social_work": "1 von 2 Schulen hat am 28.11.2026 keine Schulsozialarbeit; "
    "sie ist am 31.07.2025 ausgelaufen.",
    "school_social_work_ending": "1 von 2 Schulen verliert zum 31.07.2028 ihre Schulsozialarbeit.",
    "school_topics": "1 von 2 Schulen erreicht nicht jedes Kernthema direkt; sie erreicht mindestens eines gar nicht.",
    "isolated": "2 Akteure haben am 28.11.2026 keine einzige Beziehung.",
    "single_relation": "1 Akteur hängt an nur einem Partner.",
    "articulation_points": "3 Akteure sind unverzichtbar; fällt Träger X weg, wären 2 Akteure abgeschnitten.",
    "bridges": "3 Beziehungen sind die einzige Verbindung; endet die zwischen Träger X und "
    "AG § 78 Jugendhilfe-Schule, wären 3 Akteure abgeschnitten.",
    "committees": "In 1 von 1 Gremium fehlen Akteursarten (in 1 sitzt keine Schule), in 1 fehlen Stadtbezirke.",
    "stale": "1 Akteur und 1 Beziehung wurden seit über 12 Monaten nicht geprüft, am längsten seit 818 Tagen.",
    "ended_relations": "1 Beziehung ist laut Enddatum beendet, die jüngste am 31.07.2025.",
    "without_contact": "1 von 8 Akteuren hat weder Telefon noch E-Mail noch Webseite.",
    "pathway_gaps": "Im Datenordner steht keine Interventionskette (pathways.yaml).",
}


@pytest.mark.parametrize("key", list(SMALL_SUMMARIES))
def test_gap_summary_on_the_reference_network(small: Dataset, key: str) -> None:
    # 21 months: the page's default horizon on 28.11.2026, up to the end of the ESF+ period
    context = SummaryContext(small, TODAY, months=21)
    assert gap_summary(key, gap_report(small, TODAY, months=21)[key], context) == SMALL_SUMMARIES[key]


def test_gap_summary_covers_every_analysis(small: Dataset) -> None:
    report = gap_report(small, TODAY)
    assert set(SMALL_SUMMARIES) == set(report)
    with pytest.raises(ValueError, match="what_if"):
        gap_summary("what_if", [], SummaryContext(small, TODAY))


EMPTY_SUMMARIES = {
    "schools_without_school_social_work": "Alle 2 Schulen haben am 28.11.2026 Schulsozialarbeit.",
    "school_social_work_ending": "Bis zum 28.11.2027 endet an keiner Schule die Schulsozialarbeit.",
    "isolated": "Jeder Akteur hat mindestens eine Beziehung.",
    "single_relation": "Kein Akteur hängt an nur einem Partner.",
    "articulation_points": "Kein einzelner Akteur hält das Netz zusammen: Fällt einer weg, bleibt der Rest verbunden.",
    "bridges": "Keine Beziehung ist die einzige Verbindung: Endet eine, bleiben alle Akteure verbunden.",
    "committees": "Es sind keine Gremien eingetragen.",
    "stale": "Keine geprüfte Angabe ist älter als 12 Monate.",
    "ended_relations": "Keine Beziehung ist laut Enddatum beendet.",
    "without_contact": "Alle 8 Akteure haben eine Kontaktangabe.",
}


@pytest.mark.parametrize("key", list(EMPTY_SUMMARIES))
def test_gap_summary_all_clear_is_worded_for_its_analysis(small: Dataset, key: str) -> None:
    assert gap_summary(key, [], SummaryContext(small, TODAY)) == EMPTY_SUMMARIES[key]


def test_gap_summary_school_social_work_ending_counts_losses_and_urgency(net: Dataset) -> None:
    context = SummaryContext(net, TODAY, months=48)
    rows = school_social_work_ending(net, TODAY, 48)
    assert gap_summary("school_social_work_ending", rows, context) == (
        "2 von 4 Schulen verlieren bis zum 31.07.2030 ihre Schulsozialarbeit, "
        "1 davon schon innerhalb von 6 Monaten (am 31.01.2027)."
    )
    rows = school_social_work_ending(net, TODAY, 12)
    assert gap_summary("school_social_work_ending", rows, SummaryContext(net, TODAY, months=12)) == (
        "1 von 4 Schulen verliert zum 31.01.2027 ihre Schulsozialarbeit – innerhalb von 6 Monaten, dringend."
    )
    kept = [r | {"continues": True} for r in rows]
    assert gap_summary("school_social_work_ending", kept, context) == (
        "An 1 Schule endet bis zum 28.11.2030 ein Teil der Schulsozialarbeit; dort läuft aber weitere "
        "Schulsozialarbeit."
    )


def test_gap_summary_coverage_without_gaps_in_core_topics(net: Dataset) -> None:
    rows = [r for r in coverage(net) if r["topic"] == "kinderschutz"]
    for row in rows:
        row["actors"] = max(row["actors"], 1)
    assert gap_summary("coverage", rows, SummaryContext(net, TODAY)) == (
        "Kein Stadtteil mit Schulen ist ohne Angebot zum Kernthema Kinderschutz."
    )
    bezirke = coverage(net, "stadtbezirke")
    assert gap_summary("coverage", bezirke, SummaryContext(net, TODAY, level="stadtbezirke")) == (
        "In 2 von 2 Stadtbezirken mit Schulen fehlt ein Angebot zu mindestens einem Kernthema, am häufigsten zu "
        "Sucht (in 1 Stadtbezirk); über alle Themen sind 2 Felder leer."
    )


def test_what_if_summary(net: Dataset) -> None:
    result = what_if(net, TODAY, remove=["tr"])
    assert (
        what_if_summary(result)
        == "Es fallen 4 Beziehungen weg; 2 Schulen verlieren etwas (2 davon ihre Schulsozialarbeit)."
    )
    assert what_if_summary(what_if(net, TODAY)) == "In diesem Szenario fällt keine Beziehung weg."


def test_demo_gap_summaries_state_the_readme_findings(demo: dict[str, Any]) -> None:
    dataset = load_dataset(REPO / "data", today=TODAY).dataset
    assert dataset is not None
    context = SummaryContext(dataset, TODAY)
    assert gap_summary("schools_without_school_social_work", demo["schools_without_school_social_work"], context) == (
        "8 von 32 Schulen haben am 28.11.2026 keine Schulsozialarbeit, an 2 davon ist sie ausgelaufen."
    )
    assert gap_summary("school_social_work_ending", demo["school_social_work_ending"], context) == (
        "1 von 32 Schulen verliert zum 31.12.2026 ihre Schulsozialarbeit – innerhalb von 6 Monaten, dringend."
    )
    assert gap_summary("isolated", demo["isolated"], context) == (
        "3 Akteure haben am 28.11.2026 keine einzige Beziehung (Krisendienste zählen hier nicht)."
    )


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 11, 28), 21),  # the demo's reference day: the slider reaches 31.07.2028
        (dt.date(2026, 7, 31), 24),
        (dt.date(2026, 7, 28), 25),
        (dt.date(2028, 7, 31), 1),  # at or after the end of ESF+: the shortest horizon
        (dt.date(2030, 1, 1), 1),
        (dt.date(2023, 1, 1), MAX_MONTHS),  # further away than the slider reaches
    ],
)
def test_default_ending_months_reaches_the_esf_plus_end(as_of: dt.date, expected: int) -> None:
    assert default_ending_months(as_of) == expected
    assert MAX_MONTHS == 48


def test_default_ending_horizon_lists_relations_ending_with_esf_plus(net: Dataset) -> None:
    esf = Relation("ssa3", "tr", "s3", "schulsozialarbeit", until=ESF_PLUS_END)
    dataset = Dataset(net.vocabulary, net.actors, (*net.relations, esf))
    as_of = dt.date(2026, 7, 28)
    months = default_ending_months(as_of)
    assert ending_horizon(as_of, months) == dt.date(2028, 8, 28)
    assert "ssa3" in [r["relation"] for r in school_social_work_ending(dataset, as_of, months)]
    assert "ssa3" not in [r["relation"] for r in school_social_work_ending(dataset, as_of, months - 1)]


def test_ending_horizon_and_summary_agree() -> None:
    day = dt.date(2027, 8, 31)
    assert ending_horizon(day, 6) == SummaryContext(hand_built(), day, 6).horizon == dt.date(2028, 2, 29)
    assert DEFAULT_MONTHS == 12
    assert SummaryContext(hand_built(), day).horizon == dt.date(2028, 8, 31)


def test_ending_is_urgent_only_when_a_school_loses_it(net: Dataset) -> None:
    assert ending_is_urgent(school_social_work_ending(net, TODAY, 12)) is True  # ssa1 ends 31.01.2027
    assert ending_is_urgent(school_social_work_ending(net, dt.date(2026, 1, 1), 12)) is False
    extra = Relation("ssa1b", "b1", "s1", "schulsozialarbeit", until=dt.date(2030, 7, 31))
    covered = Dataset(net.vocabulary, net.actors, (*net.relations, extra))
    rows = school_social_work_ending(covered, TODAY, 12)
    assert [(r["relation"], r["urgent"], r["continues"]) for r in rows] == [("ssa1", True, True)]
    assert ending_is_urgent(rows) is False
    assert ending_is_urgent([]) is False


def test_school_topics_order_and_count(net: Dataset) -> None:
    rows = sorted_by_missing(school_topics(net, TODAY))
    assert [(r["id"], r["missing_count"]) for r in rows] == [("s3", 2), ("s4", 2), ("s1", 0), ("s2", 0)]
    assert ids(lacking_direct_topics(rows)) == ["s3", "s4", "s1", "s2"]
    assert ids(lacking_direct_topics([r for r in rows if r["id"] != "s2"] + [dict(rows[3], two_steps=[])])) == [
        "s3",
        "s4",
        "s1",
    ]


def test_coverage_shown(net: Dataset) -> None:
    rows = coverage(net)
    cells = {(r["area"], r["topic"]) for r in coverage_shown(rows, core_only=True, school_areas=True)}
    assert cells == {(area, topic) for area in ("d1", "d2", "d3") for topic in ("kinderschutz", "sucht")}
    assert len(coverage_shown(rows)) == len(rows) == 9
    assert {r["topic"] for r in coverage_shown(rows, core_only=True)} == {"kinderschutz", "sucht"}


def test_row_fields_hold_what_gaps_info_says(demo: dict[str, Any]) -> None:
    result = load_dataset(REPO / "data", today=TODAY)
    assert result.dataset is not None
    dataset = result.dataset
    seen: dict[str, set[str]] = {"actors": set(), "topics": set(), "vocabulary": set()}
    for rows in demo.values():
        for row in rows:
            for field, value in row.items():
                values = value if isinstance(value, list | tuple) else [value]
                values = [v for v in values if v is not None]
                if field in ACTOR_FIELDS:
                    assert set(values) <= set(dataset.actors), (field, values)
                    seen["actors"].add(field)
                elif field in TOPIC_FIELDS:
                    assert set(values) <= set(dataset.vocabulary.terms("topics")), (field, values)
                    seen["topics"].add(field)
                elif field in VOCABULARY_FIELDS:
                    assert set(values) <= set(dataset.vocabulary.terms(VOCABULARY_FIELDS[field])), (field, values)
                    seen["vocabulary"].add(field)
    assert seen["actors"] >= {"provider", "partner", "source", "target", "members", "cut_off"}
    assert seen["topics"] >= {"direct", "two_steps", "missing", "topic"}
    assert seen["vocabulary"] >= {"kind", "kinds", "district", "stadtbezirk", "programme", "area"}
