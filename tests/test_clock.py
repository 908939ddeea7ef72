"""Which day is „today“: NETZWERKKARTE_TODAY, the data's reference date, the real date."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from graph import load_dataset
from graph.cli.main import main
from graph.data import clock
from graph.data.model import Actor, Dataset, Vocabulary
from tests.conftest import REPO, TODAY, VALID

REAL = dt.date(2031, 5, 17)


@pytest.fixture
def real_date(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Pretend the machine's clock says :data:`REAL`."""
    monkeypatch.setattr(clock, "system_date", lambda: REAL)
    return REAL


def test_environment_wins_over_reference_date(real_date: dt.date) -> None:
    found = clock.resolve(TODAY, environ={clock.ENV_VAR: "2027-07-01"})
    assert found == clock.Today(dt.date(2027, 7, 1), "env")
    assert found.note() == "Stichtag: 01.07.2027 (gesetzt über NETZWERKKARTE_TODAY)"


def test_reference_date_of_the_data_set(real_date: dt.date) -> None:
    dataset = Dataset(Vocabulary(), {}, (), reference_date=TODAY)
    assert clock.resolve(dataset, environ={}) == clock.Today(TODAY, "data")
    assert clock.resolve(dataset, environ={}).note() == "Stichtag: 28.11.2026 (Stichtag der Daten)"
    # with an invented actor the reference date is a demo's: the app says so
    demo = Dataset(Vocabulary(), {"a": Actor("a", "A", "schule", provenance="demo")}, (), reference_date=TODAY)
    assert clock.resolve(demo, environ={}) == clock.Today(TODAY, "data", demo=True)
    assert clock.resolve(demo, environ={}).note() == "Demo-Stand: 28.11.2026 (Stichtag der Daten)"


def test_real_date_without_override_or_reference(real_date: dt.date) -> None:
    assert clock.resolve(Dataset(Vocabulary(), {}, ()), environ={}) == clock.Today(REAL, "system")
    assert clock.resolve(None, environ={clock.ENV_VAR: "  "}).note() is None


def test_today_reads_the_process_environment(real_date: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.ENV_VAR, "2028-08-15")
    assert clock.today(TODAY) == dt.date(2028, 8, 15)
    assert clock.inputs() == (dt.date(2028, 8, 15), REAL)
    monkeypatch.delenv(clock.ENV_VAR)
    assert clock.today(TODAY) == TODAY
    assert clock.today() == REAL


@pytest.mark.parametrize("text", ["morgen", "28.11.2026", "2026-02-30", "2026-11-28T10:00", "20261128"])
def test_invalid_environment_value_is_a_german_error(text: str) -> None:
    with pytest.raises(clock.ClockError) as error:
        clock.resolve(TODAY, environ={clock.ENV_VAR: text})
    assert str(error.value) == (
        f"Die Umgebungsvariable NETZWERKKARTE_TODAY enthält '{text}', das ist kein gültiges Datum. "
        "Schreiben Sie das Datum als JJJJ-MM-TT (z. B. NETZWERKKARTE_TODAY=2026-11-28) oder entfernen Sie die Variable."
    )


def test_loader_uses_the_clock(real_date: dt.date, monkeypatch: pytest.MonkeyPatch) -> None:
    result = load_dataset(VALID)
    assert result.today == clock.Today(TODAY, "data", demo=True)  # VALID holds an invented actor
    assert result.dataset is not None and result.dataset.reference_date == TODAY
    monkeypatch.setenv(clock.ENV_VAR, "2030-01-01")
    later = load_dataset(VALID)
    assert later.today == clock.Today(dt.date(2030, 1, 1), "env")
    # Four years on every relation and actor is stale: the freshness checks used the overriding day.
    assert len(later.report.warnings) > len(result.report.warnings)
    assert load_dataset(VALID, today=TODAY).today == clock.Today(TODAY, "given")


def test_cli_invalid_environment_value_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(clock.ENV_VAR, "gestern")
    assert main(["gaps", str(VALID)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Fehler: Die Umgebungsvariable NETZWERKKARTE_TODAY enthält 'gestern'")


def test_cli_gaps_markdown_names_the_reference_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gaps", str(VALID), "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["# Lückenanalyse zum 28.11.2026", "", "Demo-Stand: 28.11.2026 (Stichtag der Daten)"]
    assert main(["gaps", str(VALID), "--format", "markdown", "--as-of", "2027-01-05"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# Lückenanalyse zum 05.01.2027"
    assert not any(line.startswith("Stichtag:") for line in lines)


def test_cli_json_shape_unchanged_by_the_clock(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["gaps", str(VALID), "--format", "json"]) == 0
    from_data = capsys.readouterr().out
    monkeypatch.setenv(clock.ENV_VAR, TODAY.isoformat())
    assert main(["gaps", str(VALID), "--format", "json"]) == 0
    assert capsys.readouterr().out == from_data
    assert main(["gaps", str(VALID), "--format", "json", "--as-of", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out == from_data


def test_no_other_module_reads_the_real_clock() -> None:
    """``graph.data.clock.system_date`` is the only place in app.py, graph/ and views/ that asks for the real date."""
    pattern = ("date.today(", "datetime.now(", "datetime.today(", "time.time(", "time.localtime(")
    paths = [
        REPO / "app.py",
        *(path for folder in ("graph", "views") for path in sorted((REPO / folder).rglob("*.py"))),
    ]
    found = [
        f"{path.relative_to(REPO)}: {needle}"
        for path in paths
        for needle in pattern
        if needle in path.read_text(encoding="utf-8") and path != REPO / "graph" / "data" / "clock.py"
    ]
    assert found == []
    assert (REPO / "graph" / "data" / "clock.py").read_text(encoding="utf-8").count("date.today(") == 1


def test_bundled_data_declares_its_reference_date() -> None:
    result = load_dataset(REPO / "data")
    assert result.dataset is not None and result.dataset.reference_date == TODAY


def test_subprocess_honours_the_environment(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "graph", "gaps", str(VALID), "--format", "markdown"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", clock.ENV_VAR: "2027-07-01"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "# Lückenanalyse zum 01.07.2027",
        "",
        "Stichtag: 01.07.2027 (gesetzt über NETZWERKKARTE_TODAY)",
    ]


def test_referral_and_handout_fall_back_to_the_reference_date(small: Dataset, real_date: dt.date) -> None:
    from graph.present.handout import handout_data
    from graph.referral import build_referral_index, refer

    assert small.reference_date == TODAY
    index = build_referral_index(small)
    assert refer(index, "schwänzt").context["as_of"] == TODAY.isoformat()
    assert handout_data(index, "abc", topic="schulabsentismus").today == TODAY


def test_diff_defaults_to_the_day_of_the_new_state(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["diff", str(VALID), str(VALID), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == TODAY.isoformat()
    monkeypatch.setenv(clock.ENV_VAR, "2027-07-01")
    assert main(["diff", str(VALID), str(VALID), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2027-07-01"
