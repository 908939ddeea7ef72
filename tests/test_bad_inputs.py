"""Hostile and accidental inputs (tests/data/bad): each has one exact, safe outcome."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph import load_dataset
from graph.data.problems import source_excerpts
from tests.conftest import TESTS, TODAY, VALID

BAD = TESTS / "data" / "bad"

# case -> exact (code, file, line) of every error; [] means the data set loads
BAD_CASES: dict[str, list[tuple[str, str, int]]] = {
    "billion-laughs": [("yaml-alias", "actors.yaml", line) for line in range(5, 14)],
    "bom-crlf": [],
    "deep-in-field": [("wrong-type", "actors.yaml", 4)],
    "deep-nesting": [("yaml-syntax", "actors.yaml", 4)],
    "html-everywhere": [],
    "indentation": [("yaml-syntax", "actors.yaml", 4)],
    "latin1": [("file-encoding", "actors.yaml", 2)],
    "long-name": [("invalid-value", "actors.yaml", 2)],
    "lookalike-ids": [("invalid-id", "actors.yaml", 4), ("invalid-id", "actors.yaml", 7)],
    "mapping-not-list": [("wrong-root", "relations.yaml", 1)],
    "only-comments": [("empty-file", "actors.yaml", 1)],
    "reversed-duplicate": [("duplicate-relation", "relations.yaml", 5)],
    "tabs": [("yaml-syntax", "actors.yaml", 3)],
    "tags": [
        ("yaml-tag", "actors.yaml", 2),
        ("yaml-tag", "actors.yaml", 4),
        ("yaml-tag", "actors.yaml", 6),
        ("yaml-tag", "actors.yaml", 8),
    ],
    "zero-bytes": [("empty-file", "actors.yaml", 1)],
}


def _folder(case: str, tmp_path: Path) -> Path:
    target = tmp_path / case
    shutil.copytree(VALID, target)
    for path in (BAD / case).glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def test_every_bad_case_is_listed() -> None:
    assert {p.name for p in BAD.iterdir() if p.is_dir()} == set(BAD_CASES)


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_outcome(case: str, tmp_path: Path) -> None:
    result = load_dataset(_folder(case, tmp_path), today=TODAY)
    assert [(p.code, Path(p.file).name, p.line) for p in result.report.errors] == BAD_CASES[case]
    assert result.valid is (BAD_CASES[case] == [])


def test_bad_input_indentation_is_named_with_the_line_shown(tmp_path: Path) -> None:
    folder = _folder("indentation", tmp_path)
    [problem] = load_dataset(folder, today=TODAY).report.errors
    assert (problem.file, problem.line, problem.column) == (str(folder / "actors.yaml"), 4, 8)
    assert problem.message == (
        "YAML-Syntaxfehler: Die Zeile ist anders eingerückt als die vorige: 3 statt 2 Leerzeichen. "
        "(Parser: mapping values are not allowed in this context)"
    )
    assert problem.hint == "Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 3."
    assert source_excerpts([problem])[problem] == " 3 |   name: Grundschule A\n 4 |    kind: schule\n   |        ^"


def test_bad_input_bom_crlf_read_correctly(tmp_path: Path) -> None:
    dataset = load_dataset(_folder("bom-crlf", tmp_path), today=TODAY).dataset
    assert dataset is not None and dataset.actors["gs-a"].name == "Grundschule Äpfelbaum"


def test_bad_input_html_is_kept_literally(tmp_path: Path) -> None:
    dataset = load_dataset(_folder("html-everywhere", tmp_path), today=TODAY).dataset
    assert dataset is not None
    actor = dataset.actors["gs-a"]
    assert actor.name == "<img src=x onerror=alert(1)>"
    assert actor.notes == '<a href="#">x</a> {{7*7}} ${7*7}'
    assert actor.access == '<a href="javascript:alert(1)">Termin</a>'


def test_bad_input_tags_are_never_executed(tmp_path: Path) -> None:
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    load_dataset(_folder("tags", tmp_path), today=TODAY)
    assert not marker.exists()


def test_bad_input_five_megabyte_file_loads(tmp_path: Path) -> None:
    folder = _folder("bom-crlf", tmp_path)
    entry = (
        '- id: a-{0}\n  name: "Akteur {0}"\n  kind: traeger\n  contact: {{phone: "0345 555 00 01"}}\n  notes: "{1}"\n'
    )
    text = "".join(entry.format(i, "x" * 60) for i in range(36_000))
    (folder / "actors.yaml").write_text(text, encoding="utf-8")
    assert len(text.encode()) > 5_000_000
    result = load_dataset(folder, today=TODAY)
    assert result.counts["actors"] == 36_000 and result.valid
