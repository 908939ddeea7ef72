"""Validation of the planning fields (graph.data.planrules): one broken relations file per case, exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import load_dataset
from tests.conftest import TESTS, TODAY

PLAN = TESTS / "data" / "plan"
PLAN_BROKEN = TESTS / "data" / "plan_broken"
FTE_HINT = "Schreiben Sie die Vollzeitäquivalente als Zahl mit Punkt, z. B. fte: 0.5 für eine halbe Stelle."
AMOUNT_HINT = "Tragen Sie den bewilligten Betrag in Euro ein, z. B. funding: {programme: bba, amount: 1800}."
SCHOOL_HINT = (
    "Tragen Sie als target die Schule ein, oder verbinden Sie das Projekt mit genau einer Schule "
    "(z. B. kooperation zwischen Projekt und Schule)."
)
ONE_SCHOOL = " Eine BbA-Förderung zählt für genau eine Schule."

#: case folder -> every error as (code, line, column, message, hint).
CASES: dict[str, list[tuple[str, int, int, str, str]]] = {
    "invalid-fte": [
        (
            "invalid-fte",
            6,
            8,
            "Der Stellenumfang fte ist 4; erlaubt ist mehr als 0 und höchstens 3 Vollzeitstellen.",
            FTE_HINT,
        ),
        (
            "invalid-fte",
            11,
            8,
            "Der Stellenumfang fte ist 0; erlaubt ist mehr als 0 und höchstens 3 Vollzeitstellen.",
            FTE_HINT,
        ),
        (
            "invalid-fte",
            16,
            8,
            "Ein Stellenumfang (fte) gehört nur an eine Beziehung der Art schulsozialarbeit.",
            "Löschen Sie fte oder prüfen Sie die Beziehungsart.",
        ),
    ],
    "bba-amount": [
        (
            "bba-amount",
            8,
            5,
            "Die BbA-Förderung nennt keinen Betrag; sie braucht einen Betrag größer als 0.",
            AMOUNT_HINT,
        ),
        (
            "bba-amount",
            16,
            13,
            "Die BbA-Förderung nennt den Betrag 0; sie braucht einen Betrag größer als 0.",
            AMOUNT_HINT,
        ),
        # an amount that is no number: only the type error, not also "keinen Betrag"
        (
            "wrong-type",
            24,
            13,
            "'amount' erwartet Zahl, gefunden: '1.800,50'.",
            "Schreiben Sie die Zahl ohne Anführungszeichen.",
        ),
    ],
    "bba-school-year": [
        (
            "bba-school-year",
            7,
            10,
            "Die BbA-Förderung beginnt im Schuljahr 2025/26 und endet am 31.12.2026, nach dessen letztem Tag 31.07.2026.",
            "Eine BbA-Förderung gilt für ein Schuljahr: kürzen Sie until oder tragen Sie für das nächste Schuljahr "
            "eine eigene Förderung ein.",
        ),
        (
            "bba-school-year",
            9,
            3,
            "Die BbA-Förderung hat keinen Beginn (since); ohne ihn gehört sie zu keinem Schuljahr.",
            "Tragen Sie den Beginn der Förderung ein, z. B. since: 2026-09-01.",
        ),
    ],
    "bba-school": [
        (
            "bba-school",
            4,
            11,
            "Die BbA-Förderung geht an 'traeger-t', weder eine Schule noch ein Projekt an einer Schule." + ONE_SCHOOL,
            SCHOOL_HINT,
        ),
        (
            "bba-school",
            10,
            11,
            "Das geförderte Projekt 'projekt-p' ist mit keiner Schule verbunden." + ONE_SCHOOL,
            SCHOOL_HINT,
        ),
    ],
    "bba-school-two": [
        (
            "bba-school",
            2,
            62,
            "Das geförderte Projekt 'projekt-p' ist mit mehreren Schulen verbunden ('gs-esf', 'gs-zwei-jahre')."
            + ONE_SCHOOL,
            SCHOOL_HINT,
        ),
    ],
}


def _overlay(case: str, tmp_path: Path) -> Path:
    target = tmp_path / case
    shutil.copytree(PLAN, target)
    shutil.copy(PLAN_BROKEN / case / "relations.yaml", target / "relations.yaml")
    return target


def test_plan_rules_every_case_has_a_folder() -> None:
    assert {p.name for p in PLAN_BROKEN.iterdir() if p.is_dir()} == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_plan_rules_report_exact_errors(case: str, tmp_path: Path) -> None:
    folder = _overlay(case, tmp_path)
    result = load_dataset(folder, today=TODAY)
    found = [(p.code, p.line, p.column, p.message, p.hint) for p in result.report.errors]
    assert found == CASES[case]
    assert all(p.file == str(folder / "relations.yaml") for p in result.report.errors)
    assert result.dataset is None


def test_plan_rules_accept_the_planning_fixture() -> None:
    result = load_dataset(PLAN, today=TODAY)
    assert result.report.errors == []
    relations = {r.id: r for r in result.dataset.relations} if result.dataset else {}
    assert relations["ssa-offen"].fte == 0.5
    assert result.dataset is not None and result.dataset.vocabulary.terms("funding_programmes")["bba"].cap == 3000
