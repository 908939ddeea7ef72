"""AppTest of the page Planung: SSA grid with statuses and FTE, ESF+ cliff, filters, BbA overview, downloads."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, TESTS, run_page

PLAN = TESTS / "data" / "plan"


def _frames(at):  # type: ignore[no-untyped-def]
    return [d.value for d in at.dataframe]


def test_plan_page_runs_on_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("planung", REPO / "data", monkeypatch)
    assert [t.value for t in at.title] == ["Planung"]
    assert not at.error
    assert at.warning[0].value == "ESF+-Ende: ab 2028/29 ohne gesicherte Finanzierung: 18 Schulen, 17,25 VZÄ."
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Planung Schulsozialarbeit als Excel-Datei", "BbA-Übersicht als Excel-Datei"]


def test_plan_page_grid_and_totals_on_plan_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("planung", PLAN, monkeypatch)
    grid = _frames(at)[0]
    assert list(grid.columns) == [
        "Schule",
        "Stadtbezirk",
        "2024/25",
        "2025/26",
        "2026/27",
        "2027/28",
    ]
    halbes = grid.set_index("Schule").loc["Grundschule Halbes Jahr"]
    assert halbes[["2024/25", "2025/26", "2026/27", "2027/28"]].tolist() == [
        "abgedeckt · 1,0 VZÄ",
        "abgedeckt · 1,0 VZÄ",
        "teilweise · 0,5 VZÄ",
        "keine",
    ]
    totals = _frames(at)[1]
    assert totals["VZÄ"].tolist() == ["3,5", "3,5", "2,5", "2"]
    assert at.warning[0].value == "ESF+-Ende: ab 2028/29 ohne gesicherte Finanzierung: 1 Schule, 1,5 VZÄ."
    # the change section compares the reference day's school year (2026/27) with the next
    assert "**0 neu, 1 beendet, 0 verändert.**" in [m.value for m in at.markdown]


def test_plan_page_filter_by_stadtbezirk(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("planung", PLAN, monkeypatch)
    at.multiselect(key="pl_bezirk").set_value(["west"]).run()
    grid = _frames(at)[0]
    assert grid["Schule"].tolist() == ["Grundschule ESF", "Sekundarschule Offen"]
    assert _frames(at)[1]["Schulen"].tolist() == ["2", "2", "2", "2"]


def test_plan_page_bba_section(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("planung", PLAN, monkeypatch)
    markdown = [m.value for m in at.markdown]
    assert "- 2025/26: 3.500 EUR in 2 Förderungen an 1 Schule" in markdown
    assert "- 2027/28: 0 EUR in 0 Förderungen an 0 Schulen" in markdown
    assert "Obergrenze je Schule und Schuljahr: 3.000 EUR. Rot markiert: Schulen darüber." in [
        c.value for c in at.caption
    ]
    grants = next(f for f in _frames(at) if "Betrag (EUR)" in f.columns and "Projekt" in f.columns)
    assert grants["Betrag (EUR)"].tolist() == ["1.200,5", "2.000", "1.500", "800"]
    never = next(f for f in _frames(at) if list(f.columns) == ["Schule"])
    assert never["Schule"].tolist() == ["Grundschule Ohne", "Sekundarschule Offen"]


def test_plan_page_marks_the_school_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    # The mark comes from the overview's over_cap flags, not from reading the German cells back.
    at = run_page("planung", PLAN, monkeypatch)
    table = next(d for d in at.dataframe if "2025/26 über Obergrenze" in d.value.columns)
    marked = sorted({int(n) for n in re.findall(r"_row(\d+)_col\d+", table.proto.arrow_data.styler.styles)})
    assert [table.value["Schule"][n] for n in marked] == ["Grundschule Zwei Jahre"]
    assert "background-color: #fde2df" in table.proto.arrow_data.styler.styles
