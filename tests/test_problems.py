"""Problem records, the report and the code table."""

from __future__ import annotations

import re
from pathlib import Path

from graph.problems import CODES, Problem, Report

VALIDATION_MODULES = [
    Path(__file__).parent.parent / "graph" / f"{m}.py"
    for m in ("yamlread", "convert", "checks", "loader", "sourcerules")
]


def test_problem_format_without_hint() -> None:
    assert Problem("a.yaml", 2, 3, "yaml-syntax", "kaputt").format() == "a.yaml:2:3: error yaml-syntax: kaputt"


def test_report_sorts_and_deduplicates() -> None:
    report = Report()
    report.add(Problem("b.yaml", 1, 1, "x", "m"))
    report.add(Problem("a.yaml", 9, 1, "x", "m", level="warning"))
    report.add(Problem("a.yaml", 9, 1, "x", "m", level="warning"))
    assert [(p.file, p.line) for p in report] == [("a.yaml", 9), ("b.yaml", 1)]
    assert report.valid is False
    assert report.summary() == "1 Fehler, 1 Warnung"


def test_codes_table_lists_every_code_the_package_emits() -> None:
    emitted: set[str] = set()
    for source in VALIDATION_MODULES:
        text = source.read_text(encoding="utf-8")
        emitted |= set(
            re.findall(
                r'"((?:yaml|file|wrong|unknown|missing|empty|invalid|duplicate|kind|date|self|stale|relation|demo|phone)-[a-z-]+)"',
                text,
            )
        )
    assert emitted == set(CODES)
