"""Tests of graph.workflow.annotations: GitHub workflow annotations and the job summary table."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli.main import main
from graph.data.loader import LoadResult
from graph.data.problems import Problem, Report
from graph.workflow.annotations import annotation, github_output, summary_table
from tests.conftest import TODAY

COUNTS = {"actors": 0, "relations": 0}


def _result(problems: list[Problem]) -> LoadResult:
    report = Report(problems)
    return LoadResult(None, report, COUNTS)


def test_annotation_escapes_workflow_command_syntax() -> None:
    problem = Problem("data/a,b:c.yaml", 2, 4, "unknown-term", "100% falsch\nzweite Zeile", level="warning")
    assert annotation(problem) == (
        "::warning file=data/a%2Cb%3Ac.yaml,line=2,col=4,title=unknown-term::100%25 falsch%0Azweite Zeile"
    )


def test_github_output_caps_annotations_per_level(tmp_path: Path) -> None:
    errors = [Problem("a.yaml", n, 1, "yaml-syntax", "kaputt") for n in range(1, 14)]
    warnings = [Problem("a.yaml", n, 1, "stale-entry", "alt", level="warning") for n in range(20, 23)]
    summary = tmp_path / "summary.md"
    lines = github_output(_result(errors + warnings), summary_path=summary).splitlines()
    assert [line.split(" ")[0] for line in lines[:-1]] == ["::error"] * 10 + ["::warning"] * 3
    assert lines[-1] == "UNGÜLTIG: 13 Fehler, 3 Warnungen; 3 Fehler nur in der Zusammenfassung des Jobs."
    table = summary.read_text(encoding="utf-8").splitlines()
    assert table[0] == "### Datenprüfung: UNGÜLTIG (13 Fehler, 3 Warnungen)"
    assert len(table) == 4 + 16


def test_summary_table_escapes_data_text() -> None:
    problem = Problem("a.yaml", 1, 1, "unknown-term", "<img src=x> | @team", "*fett*")
    assert summary_table(_result([problem])).splitlines()[-1] == (
        "| Fehler | a.yaml:1:1 | `unknown-term` | &lt;img src=x&gt; \\| @\u200bteam | \\*fett\\* |"
    )


def test_validate_github_format_on_broken_data(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = data_copy / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: traeger", "kind: traeegr", 1), encoding="utf-8")
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["validate", str(data_copy), "--format", "github", "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"::error file={actors},line=")
    assert "title=unknown-term::" in out[0]
    assert out[-1] == "UNGÜLTIG: 4 Fehler, 4 Warnungen"
    assert "`unknown-term`" in summary.read_text(encoding="utf-8")


def test_validate_github_format_on_valid_data(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["validate", str(data_copy), "--format", "github", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split("title=")[1].split("::")[0] for line in out[:-1]] == [
        "stale-entry",
        "missing-contact",
        "relation-ended",
        "stale-entry",
    ]
    assert out[-1] == "gültig: 0 Fehler, 4 Warnungen"
