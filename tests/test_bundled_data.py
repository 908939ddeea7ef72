"""The bundled Halle demo data: valid, the promised size, honest provenance, ESF+ period, README facts."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from graph import Dataset, build_graph, load_dataset
from graph.cli.main import main
from graph.data.sourcerules import is_fictional_phone, is_sourced
from graph.gaps import gap_report
from tests.conftest import REPO, TODAY

ESF_START = dt.date(2024, 8, 1)
DATA_README = (REPO / "data" / "README.md").read_text(encoding="utf-8")
#: The rule codes of graph.data.sourcerules: the bundled data must not raise any of them, not even as a warning.
SOURCE_RULES = {"relation-unsourced", "demo-relation-real-actor", "phone-not-fictional"}


@pytest.fixture(scope="module")
def halle() -> Dataset:
    result = load_dataset(REPO / "data", today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report.errors]
    return result.dataset


def test_bundled_data_has_no_errors() -> None:
    assert load_dataset(REPO / "data", today=TODAY).report.errors == []


def test_bundled_data_breaks_no_source_rule() -> None:
    assert [p.format() for p in load_dataset(REPO / "data", today=TODAY).report if p.code in SOURCE_RULES] == []


def test_bundled_data_graph_counts(halle: Dataset) -> None:
    graph = build_graph(halle)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (90, 150)


def test_bundled_data_as_of_before_esf_drops_esf_relations(halle: Dataset) -> None:
    esf = {r.id for r in halle.relations if r.funding and (r.funding.programme or "").startswith("esf-plus")}
    assert len(esf) == 18
    before = {key for _, _, key in build_graph(halle, as_of=ESF_START - dt.timedelta(days=1)).edges(keys=True)}
    during = {key for _, _, key in build_graph(halle, as_of=ESF_START).edges(keys=True)}
    assert esf.isdisjoint(before)
    assert {r.id for r in halle.relations if r.id in esf and r.since == ESF_START} <= during
    assert (len(before), len(during)) == (63, 93)


def test_bundled_data_size_and_spread(halle: Dataset) -> None:
    schools = [a for a in halle.actors.values() if a.kind == "schule"]
    assert (len(halle.actors), len(halle.relations), len(schools)) == (90, 150, 32)
    assert len({a.district for a in schools if a.district}) == 17
    assert {r.type for r in halle.relations} == {
        "schulsozialarbeit",
        "kooperation",
        "mitglied",
        "foerderung",
        "verweist",
        "traegerschaft",
    }


def test_bundled_data_every_entry_states_provenance(halle: Dataset) -> None:
    assert [a.id for a in halle.actors.values() if not a.provenance] == []
    assert [r.id for r in halle.relations if not r.provenance] == []


def test_bundled_data_real_entries_cite_a_web_page_and_claim_no_check(halle: Dataset) -> None:
    # `verified` means a person confirmed the entry with the organisation; nobody did for the sourced ones.
    real = [a for a in halle.actors.values() if not a.is_demo]
    assert [a.id for a in real if not re.search(r"https?://", a.provenance or "")] == []
    assert [a.id for a in real if a.verified] == []
    sourced = [r for r in halle.relations if not r.is_demo]
    assert [r.id for r in sourced if not re.search(r"https?://", r.provenance or "")] == []
    assert [r.id for r in sourced if r.verified] == []


def test_bundled_data_keeps_invented_and_sourced_apart(halle: Dataset) -> None:
    actors = halle.actors
    # an invented relation only between invented actors, a sourced one only between real ones
    assert [
        r.id for r in halle.relations if r.is_demo and not (actors[r.source].is_demo and actors[r.target].is_demo)
    ] == []
    assert [
        r.id for r in halle.relations if not r.is_demo and (actors[r.source].is_demo or actors[r.target].is_demo)
    ] == []


def test_bundled_data_invented_phone_numbers_are_fictional(halle: Dataset) -> None:
    phones = {a.id: a.contact.phone for a in halle.actors.values() if a.is_demo and a.contact and a.contact.phone}
    assert len(phones) == 38
    assert {i: p for i, p in phones.items() if not is_fictional_phone(p)} == {}


def _readme_count(label: str) -> int:
    match = re.search(rf"^\| {re.escape(label)} \| (\d+) \|", DATA_README, re.MULTILINE)
    assert match, f"data/README.md nennt „{label}“ nicht in der Tabelle der Zahlen"
    return int(match.group(1))


def test_data_readme_counts_match_the_data(halle: Dataset) -> None:
    actors, relations = halle.actors, halle.relations
    real = [a for a in actors.values() if is_sourced(a.provenance)]
    sourced = [r for r in relations if is_sourced(r.provenance)]
    both_real = [r for r in relations if not actors[r.source].is_demo and not actors[r.target].is_demo]
    counted = {
        "Reale Akteure mit Quelle (Webseite)": sum(1 for a in real if re.search(r"https?://", a.provenance or "")),
        "Reale Akteure ohne Webseite als Quelle": sum(
            1 for a in real if not re.search(r"https?://", a.provenance or "")
        ),
        "Erfundene Akteure": sum(1 for a in actors.values() if a.is_demo),
        "Belegte Beziehungen": len(sourced),
        "Erfundene Beziehungen": sum(1 for r in relations if r.is_demo),
        "Erfundene Beziehungen zwischen realen Organisationen": sum(1 for r in both_real if r.is_demo),
    }
    assert {label: _readme_count(label) for label in counted} == counted
    assert counted["Reale Akteure ohne Webseite als Quelle"] == 0
    assert counted["Erfundene Beziehungen zwischen realen Organisationen"] == 0


def _readme_gaps() -> dict[str, set[str]]:
    """Gap label -> ids in backticks of the table under „Absichtlich eingebaute Lücken“."""
    section = DATA_README.split("### Absichtlich eingebaute Lücken", 1)[1].split("\n## ", 1)[0]
    rows = [
        line.split(" | ") for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Lücke")
    ]
    return {row[0].removeprefix("| "): set(re.findall(r"`([a-z0-9-]+)`", row[2])) for row in rows if len(row) == 3}


def test_data_readme_gaps_are_what_the_gaps_command_shows(halle: Dataset) -> None:
    # The bundled data's reference date (data/meta.yaml) is the day `python -m graph gaps data` uses.
    assert halle.reference_date == TODAY
    report = gap_report(halle, TODAY)
    shown = {
        "Schulen ohne Schulsozialarbeit": {r["id"] for r in report["schools_without_school_social_work"]},
        "Schulsozialarbeit endet bald": {r["id"] for r in report["school_social_work_ending"]},
        "Kein Angebot zum Thema Sucht": {
            r["area"] for r in report["coverage"] if r["topic"] == "sucht" and r["schools"] and not r["actors"]
        },
        "Isolierte Akteure": {r["id"] for r in report["isolated"]},
        "Beendete Beziehungen": {r["id"] for r in report["ended_relations"]},
        "Veraltete Angaben": {r["id"] for r in report["stale"]},
        "Unverzichtbare Brückenakteure": {r["id"] for r in report["articulation_points"]},
        "Akteure ohne Kontakt": {r["id"] for r in report["without_contact"]},
    }
    assert _readme_gaps() == shown
    # the deliberate gaps of the invented part are there
    assert {"lernwerkstatt-sanddorn"} <= shown["Isolierte Akteure"]
    assert {"ahornhof-ev"} <= shown["Unverzichtbare Brückenakteure"]
    assert {"silberhoehe", "suedstadt", "ammendorf-beesen"} <= shown["Kein Angebot zum Thema Sucht"]
    # no invented actor lacks a contact: the ones without are real organisations whose source names none
    assert [i for i in shown["Akteure ohne Kontakt"] if halle.actors[i].is_demo] == []


def test_data_readme_gaps_command_prints_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", str(REPO / "data"), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in printed["isolated"]} == _readme_gaps()["Isolierte Akteure"]
    assert {r["id"] for r in printed["school_social_work_ending"]} == _readme_gaps()["Schulsozialarbeit endet bald"]


def test_bundled_data_warns_stale_only_for_confirmed_invented_entries(halle: Dataset) -> None:
    # Real entries carry no `verified` (nobody confirmed them), so the 12-month warning never concerns them.
    records = {"actors.yaml": list(halle.actors.values()), "relations.yaml": list(halle.relations)}
    report = load_dataset(REPO / "data", today=TODAY).report
    stale = []
    for problem in report:
        if problem.code == "stale-entry":
            entries = records[problem.file.rsplit("/", 1)[-1]]
            stale.append(max((e for e in entries if e.line <= problem.line), key=lambda e: e.line))
    assert sorted(e.id for e in stale) == ["koop-medienwerkstatt-gs-am-tulpenbeet", "migrationsberatung-brueckenschlag"]
    assert all(e.is_demo for e in stale)
