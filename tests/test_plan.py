"""Planning views on tests/data/plan: school social work per school year, the ESF+ cliff, BbA grants, Excel."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from graph import Dataset, load_dataset
from graph.cli.main import main
from graph.data.schoolyear import SchoolYear
from graph.planning import bba_overview, ssa_plan, totals_by_stadtbezirk, years_between
from graph.planning.bba_tables import bba_frames, bba_workbook
from graph.planning.ssa_tables import ssa_frames, ssa_workbook
from tests.conftest import TESTS, TODAY

PLAN = TESTS / "data" / "plan"
YEARS = ["2024/25", "2025/26", "2026/27", "2027/28"]


@pytest.fixture(scope="module")
def plan_data() -> Dataset:
    result = load_dataset(PLAN, today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report.errors]
    return result.dataset


def _cells(plan: dict, school: str, key: str = "status") -> list:
    row = next(r for r in plan["schools"] if r["id"] == school)
    return [row["years"][y][key] for y in plan["school_years"]]


def test_plan_ssa_status_per_school_year(plan_data: Dataset) -> None:
    plan = ssa_plan(plan_data)
    assert plan["school_years"] == YEARS
    # 2024-08-01..2026-07-31: two whole school years, then nothing
    assert _cells(plan, "gs-zwei-jahre") == ["covered", "covered", "none", "none"]
    # ends 2027-01-31: partial in 2026/27
    assert _cells(plan, "gs-halbes-jahr") == ["covered", "covered", "partial", "none"]
    # open-ended from 2026-08-01: covered from 2026/27 on
    assert _cells(plan, "sek-offen") == ["none", "none", "covered", "covered"]
    assert _cells(plan, "gs-ohne") == ["none"] * 4


def test_plan_ssa_fte_providers_and_funding(plan_data: Dataset) -> None:
    plan = ssa_plan(plan_data)
    # 184 of 365 days with 1.0 positions: 0.5 in the yearly mean
    assert _cells(plan, "gs-halbes-jahr", "fte") == [1.0, 1.0, 0.5, None]
    assert _cells(plan, "sek-offen", "fte") == [None, None, 0.5, 0.5]
    assert _cells(plan, "gs-zwei-jahre", "funding") == [["esf-plus-schulsozialarbeit"]] * 2 + [[], []]
    assert _cells(plan, "gs-halbes-jahr", "providers")[2] == ["traeger-t"]


def test_plan_ssa_totals_and_stadtbezirke(plan_data: Dataset) -> None:
    plan = ssa_plan(plan_data)
    assert plan["totals"] == {
        "2024/25": {"schools": 5, "covered": 3, "partial": 0, "none": 2, "fte": 3.5},
        "2025/26": {"schools": 5, "covered": 3, "partial": 0, "none": 2, "fte": 3.5},
        "2026/27": {"schools": 5, "covered": 2, "partial": 1, "none": 2, "fte": 2.5},
        "2027/28": {"schools": 5, "covered": 2, "partial": 0, "none": 3, "fte": 2.0},
    }
    by_bezirk = totals_by_stadtbezirk(plan["schools"], plan["school_years"])
    assert list(by_bezirk) == ["", "sued", "west"]
    assert by_bezirk["west"]["2026/27"] == {"schools": 2, "covered": 2, "partial": 0, "none": 0, "fte": 2.0}


def test_plan_ssa_esf_cliff(plan_data: Dataset) -> None:
    assert ssa_plan(plan_data)["cliff"] == {"school_year": "2028/29", "schools": ["gs-esf"], "fte": 1.5, "esf": 1}


def test_plan_ssa_changes_between_school_years(plan_data: Dataset) -> None:
    changes = ssa_plan(plan_data)["changes"]
    assert [(c["from"], c["to"]) for c in changes] == [
        ("2024/25", "2025/26"),
        ("2025/26", "2026/27"),
        ("2026/27", "2027/28"),
    ]
    assert changes[0]["new"] == changes[0]["ended"] == changes[0]["changed"] == []
    second = changes[1]
    assert [r["id"] for r in second["new"]] == ["sek-offen"]
    assert [r["id"] for r in second["ended"]] == ["gs-zwei-jahre"]
    assert [(r["id"], r["before"]["status"], r["after"]["status"], r["after"]["fte"]) for r in second["changed"]] == [
        ("gs-halbes-jahr", "covered", "partial", 0.5)
    ]
    assert [r["id"] for r in changes[2]["ended"]] == ["gs-halbes-jahr"]


def test_plan_ssa_range_of_years(plan_data: Dataset) -> None:
    plan = ssa_plan(plan_data, years_between(SchoolYear(2026), SchoolYear(2028)))
    assert plan["school_years"] == ["2026/27", "2027/28", "2028/29"]
    assert _cells(plan, "sek-offen") == ["covered", "covered", "covered"]
    assert _cells(plan, "gs-esf") == ["covered", "covered", "none"]


def test_plan_bba_sums_cap_and_never_funded(plan_data: Dataset) -> None:
    view = bba_overview(plan_data)
    assert view["cap"] == 3000
    assert _cells(view, "gs-zwei-jahre", "amount") == [0, 3500, 0, 0]
    assert _cells(view, "gs-zwei-jahre", "over_cap") == [False, True, False, False]
    assert _cells(view, "gs-esf", "amount") == [1200.5, 0, 0, 0]
    # the project's one school gets the grant, with the project's topics
    assert _cells(view, "gs-halbes-jahr", "grants")[2] == [
        {
            "relation": "bba-projekt",
            "project": "projekt-p",
            "provider": "traeger-t",
            "amount": 800,
            "topics": ["schulabsentismus"],
        }
    ]
    assert view["never_funded"] == ["gs-ohne", "sek-offen"]
    assert view["totals"] == {
        "2024/25": {"amount": 1200.5, "grants": 1, "schools": 1},
        "2025/26": {"amount": 3500, "grants": 2, "schools": 1},
        "2026/27": {"amount": 800, "grants": 1, "schools": 1},
        "2027/28": {"amount": 0, "grants": 0, "schools": 0},
    }
    assert view["by_topic"] == {
        "familie": {"grants": 2, "amount": 3200.5},
        "mobbing": {"grants": 2, "amount": 2700.5},
        "schulabsentismus": {"grants": 1, "amount": 800},
    }
    assert view["by_district"] == {
        "": {"2024/25": 0, "2025/26": 0, "2026/27": 0, "2027/28": 0},
        "sued": {"2024/25": 0, "2025/26": 3500, "2026/27": 800, "2027/28": 0},
        "west": {"2024/25": 1200.5, "2025/26": 0, "2026/27": 0, "2027/28": 0},
    }


def test_plan_bba_without_cap_is_never_over(plan_data: Dataset) -> None:
    from dataclasses import replace

    from graph.data.model import Term, Vocabulary

    lists = dict(plan_data.vocabulary.lists)
    lists["funding_programmes"] = {"bba": Term("bba", "BbA")}
    view = bba_overview(replace(plan_data, vocabulary=Vocabulary(lists)))
    assert view["cap"] is None
    assert not any(c["over_cap"] for row in view["schools"] for c in row["years"].values())


def test_plan_bba_changes(plan_data: Dataset) -> None:
    changes = bba_overview(plan_data)["changes"]
    assert changes[0]["new"] == [{"id": "gs-zwei-jahre", "name": "Grundschule Zwei Jahre", "before": 0, "after": 3500}]
    assert changes[0]["ended"] == [{"id": "gs-esf", "name": "Grundschule ESF", "before": 1200.5, "after": 0}]


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_cli_ssa_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(
        ["plan", "ssa", "--from", "2024/25", "--to", "2027/28", "--format", "json", "--data", str(PLAN)], capsys
    )
    assert {"school_years", "schools", "totals"} <= set(doc)
    assert doc["school_years"] == YEARS
    school = doc["schools"][0]
    assert {"id", "name", "district", "years"} <= set(school)
    assert set(school["years"]["2024/25"]) == {"status", "providers", "fte", "funding"}
    assert set(doc["totals"]["2024/25"]) == {"schools", "covered", "partial", "none", "fte"}


def test_plan_cli_bba_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(["plan", "bba", "--format", "json", "--data", str(PLAN)], capsys)
    assert {"school_years", "schools", "never_funded", "by_topic", "by_district"} <= set(doc)
    cell = next(r for r in doc["schools"] if r["id"] == "gs-zwei-jahre")["years"]["2025/26"]
    assert cell["amount"] == 3500 and cell["over_cap"] is True
    assert set(cell["grants"][0]) == {"relation", "project", "provider", "amount", "topics"}


def test_plan_cli_rejects_a_reversed_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "ssa", "--from", "2027/28", "--to", "2024/25", "--data", str(PLAN)]) == 1
    assert capsys.readouterr().err == "Fehler: das erste Schuljahr 2027/28 liegt nach dem letzten 2024/25.\n"


def test_plan_cli_rejects_a_bad_school_year(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["plan", "ssa", "--from", "2026/28"])
    assert "'2026/28' ist kein Schuljahr wie 2026/27." in capsys.readouterr().err


def test_plan_ssa_excel_holds_the_same_numbers(plan_data: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "ssa.xlsx"
    assert main(["plan", "ssa", "--format", "xlsx", "--data", str(PLAN), "--output", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Schulen", "Summen je Schuljahr", "Summen je Stadtbezirk", "ESF+-Ende", "Veränderungen"]
    totals = sheets["Summen je Schuljahr"]
    assert totals["Schuljahr"].tolist() == YEARS
    assert totals["VZÄ"].tolist() == [3.5, 3.5, 2.5, 2.0]
    assert totals["teilweise"].tolist() == [0, 0, 1, 0]
    schools = sheets["Schulen"].set_index("Schule")
    assert schools.loc["Grundschule Halbes Jahr", "2026/27 Status"] == "teilweise"
    assert schools.loc["Grundschule Halbes Jahr", "2026/27 VZÄ"] == 0.5
    assert sheets["ESF+-Ende"]["Schule"].tolist() == ["Grundschule ESF"]


def test_plan_bba_excel_holds_the_same_numbers(plan_data: Dataset) -> None:
    overview = bba_overview(plan_data)
    sheets = pd.read_excel(io.BytesIO(bba_workbook(overview, plan_data)), sheet_name=None)
    grants = sheets["Förderungen"]
    assert grants["Betrag (EUR)"].tolist() == [1200.5, 2000, 1500, 800]
    assert grants.groupby("Schuljahr")["Betrag (EUR)"].sum().to_dict() == {
        "2024/25": 1200.5,
        "2025/26": 3500,
        "2026/27": 800,
    }
    per_school = sheets["Je Schule und Schuljahr"].set_index("Schule")
    assert per_school.loc["Grundschule Zwei Jahre", "2025/26 über Obergrenze"] == "ja"
    assert sheets["Nie gefördert"]["Schule"].tolist() == ["Grundschule Ohne", "Sekundarschule Offen"]
    frames = bba_frames(overview, plan_data)
    assert set(frames) == set(sheets)


def test_plan_ssa_workbook_matches_frames(plan_data: Dataset) -> None:
    plan = ssa_plan(plan_data)
    by_bezirk = totals_by_stadtbezirk(plan["schools"], plan["school_years"])
    sheets = pd.read_excel(io.BytesIO(ssa_workbook(plan, plan_data, by_bezirk)), sheet_name=None)
    frames = ssa_frames(plan, plan_data, by_bezirk)
    assert (
        sheets["Summen je Stadtbezirk"]["Stadtbezirk"].tolist()
        == frames["Summen je Stadtbezirk"]["Stadtbezirk"].tolist()
    )
    assert sheets["Summen je Stadtbezirk"]["Stadtbezirk"].tolist()[:1] == ["ohne Angabe"]


def test_plan_cli_text_shows_grid_and_cliff(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "ssa", "--data", str(PLAN)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        "Teilplanung Schulsozialarbeit 2024/25–2027/28",
        "ESF+-Ende: ab 2028/29 ohne gesicherte Finanzierung: 1 Schule, 1,5 VZÄ",
    ]
    row = next(line for line in lines if line.startswith("Grundschule Halbes Jahr"))
    assert row.split("  ")[-1].strip() == "keine" and "teilweise · 0,5 VZÄ" in row


def test_plan_cli_markdown_bba(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "bba", "--format", "markdown", "--data", str(PLAN)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# BbA-Förderung 2024/25–2027/28\n\nObergrenze je Schule und Schuljahr: 3.000 EUR.\n")
    assert "| 2025/26 | 2 | 1 | 3.500 |" in text


def _readme_plan_gaps() -> dict[str, set[str]]:
    readme = (TESTS.parent / "data" / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Absichtlich eingebaute Planungslücken", 1)[1].split("\n### ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "Planungslücke" not in line]
    return {row[0].removeprefix("| "): set(re.findall(r"`([a-z0-9-]+)`", row[2])) for row in rows}


def test_data_readme_planning_gaps_are_what_plan_shows() -> None:
    result = load_dataset(TESTS.parent / "data", today=TODAY)
    assert result.dataset is not None
    halle = result.dataset
    plan, bba = ssa_plan(halle), bba_overview(halle)
    rows = plan["schools"]
    over = {r["id"] for r in bba["schools"] if any(c["amount"] > 3000 for c in r["years"].values())}
    shown = {
        "cliff": set(plan["cliff"]["schools"]),
        "partial": {r["id"] for r in rows if r["years"]["2026/27"]["status"] == "partial"},
        "none": {r["id"] for r in rows if all(c["status"] == "none" for c in r["years"].values())},
        "over": over,
        "never": {s for s in bba["never_funded"] if halle.actors[s].is_demo},
    }
    assert list(_readme_plan_gaps().values()) == list(shown.values())
    assert (len(plan["cliff"]["schools"]), plan["cliff"]["fte"]) == (18, 17.25)
    assert bba["cap"] is None


def test_plan_changes_agree_with_diff(plan_data: Dataset, tmp_path: Path) -> None:
    # A pull request ends the school social work of gs-zwei-jahre a year early: `diff` reports the school as
    # losing it from 01.08.2025, and the plan of the changed data shows it as ended from 2024/25 to 2025/26.
    import shutil

    from graph.data.schoolyear import school_year_of
    from graph.workflow.diff import compare

    changed = tmp_path / "changed"
    shutil.copytree(PLAN, changed)
    relations = changed / "relations.yaml"
    relations.write_text(
        relations.read_text(encoding="utf-8").replace("until: 2026-07-31, fte: 1.0", "until: 2025-07-31, fte: 1.0"),
        encoding="utf-8",
    )
    after = load_dataset(changed, today=TODAY).dataset
    assert after is not None
    opened = compare(plan_data, after, dt.date(2024, 8, 1))["effects"]["school_social_work"]["opened"]
    assert [(row["id"], row["from"]) for row in opened] == [("gs-zwei-jahre", dt.date(2025, 8, 1))]
    first_change = ssa_plan(after)["changes"][0]
    assert (first_change["to"], [r["id"] for r in first_change["ended"]]) == (
        school_year_of(opened[0]["from"]).name,
        ["gs-zwei-jahre"],
    )
    assert ssa_plan(plan_data)["changes"][0]["ended"] == []
