"""Problem records, the report and the code table."""

from __future__ import annotations

import re
from pathlib import Path

from graph.data.problems import CODES, EXCERPT_WIDTH, TITLES, Problem, Report, source_excerpt, source_excerpts, title

VALIDATION_MODULES = [
    Path(__file__).parent.parent / "graph" / "data" / f"{m}.py"
    for m in ("yamlread", "convert", "checks", "vocabrefs", "loader", "sourcerules", "planrules")
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
                r'"((?:yaml|file|wrong|unknown|missing|empty|invalid|duplicate|kind|date|self|stale|relation|demo|phone|bba)-[a-z-]+)"',
                text,
            )
        )
    assert emitted == set(CODES)


def test_every_code_has_a_german_title_documented_in_the_data_readme() -> None:
    readme = (Path(__file__).parent.parent / "data" / "README.md").read_text(encoding="utf-8")
    assert set(TITLES) == set(CODES)
    for code, german in TITLES.items():
        assert f"| `{code}` | {german} |" in readme
    assert title("missing-contact") == "Kontakt fehlt" and title("unknown") == "unknown"


def test_source_excerpt_marks_the_column_under_the_line_and_shows_the_line_before() -> None:
    text = "- id: gs-a\n  name: Schule\n   kind: schule\n"
    assert source_excerpt(text, 3, 8) == " 2 |   name: Schule\n 3 |    kind: schule\n   |        ^"
    assert source_excerpt(text, 1, 3) == " 1 | - id: gs-a\n   |   ^"


def test_source_excerpt_width_follows_the_line_number() -> None:
    text = "".join(f"- z{i}\n" for i in range(1, 11))
    assert source_excerpt(text, 10, 3) == "  9 | - z9\n 10 | - z10\n    |   ^"


def test_source_excerpt_shows_tabs_and_control_characters_as_one_visible_character() -> None:
    assert source_excerpt("- a\n\t- b\n", 2, 1) == " 1 | - a\n 2 | →- b\n   | ^"
    assert source_excerpt("- name: a\x07b\n", 1, 10) == " 1 | - name: a\u2407b\n   |          ^"


def test_source_excerpt_line_breaks_as_yaml_counts_them() -> None:
    assert source_excerpt("a: 1\r\nb: 2\rc: 3\n", 3, 1) == " 2 | b: 2\n 3 | c: 3\n   | ^"


def test_source_excerpt_end_of_file_and_outside() -> None:
    assert source_excerpt('- name: "offen\n', 2, 1) == ' 1 | - name: "offen\n 2 |\n   | ^'
    assert source_excerpt("a: 1\n", 3, 1) == ""
    assert source_excerpt("a: 1\n", 0, 1) == ""
    assert source_excerpt("", 1, 1) == "" and source_excerpt("\n\n", 1, 1) == ""


def test_source_excerpt_cuts_long_lines_around_the_column() -> None:
    line = "".join(chr(ord("a") + i % 26) for i in range(200))
    excerpt = source_excerpt(f"kurz\n{line}\n", 2, 150)
    start = 150 - 1 - EXCERPT_WIDTH // 2
    assert excerpt.split("\n") == [
        " 1 | …",
        f" 2 | …{line[start : start + EXCERPT_WIDTH]}…",
        "   | " + " " * (1 + EXCERPT_WIDTH // 2) + "^",
    ]
    tail = source_excerpt(line, 1, 200).split("\n")
    assert tail[0] == f" 1 | …{line[-EXCERPT_WIDTH:]}" and tail[1] == "   | " + " " * EXCERPT_WIDTH + "^"


def test_source_excerpts_read_each_file_once_and_skip_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_bytes(b"\xef\xbb\xbf- id: a\n  nme: A\n")
    found = Problem(str(path), 2, 3, "unknown-field", "Unbekanntes Feld 'nme'.")
    missing = Problem(str(tmp_path / "relations.yaml"), 1, 1, "file-missing", "Die Datei fehlt.")
    assert source_excerpts([found, missing]) == {found: " 1 | - id: a\n 2 |   nme: A\n   |   ^", missing: ""}


def test_a_problem_reported_twice_counts_once_everywhere() -> None:
    report = Report()
    twice = Problem("actors.yaml", 3, 5, "unknown-actor", "Unbekannt")
    report.extend([twice, twice])
    assert (len(report), list(report), report.errors, report.summary()) == (
        1,
        [twice],
        [twice],
        "1 Fehler, 0 Warnungen",
    )
