"""Tests of graph.workflow.fmt: canonical form, comments kept, --check, refusal and atomic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.data.atomicfile import write_atomic
from graph.data.loader import DATA_FILES, META_FILE
from graph.workflow import fmt
from graph.workflow.fmt import canonical_text, format_folder
from tests.conftest import REPO, TESTS

FIXTURES = TESTS / "data" / "fmt"
BUNDLED = REPO / "data"


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", DATA_FILES)
def test_canonical_text_idempotent_on_bundled_data(name: str) -> None:
    text = (BUNDLED / name).read_text(encoding="utf-8")
    assert canonical_text(text, name) == text


def test_fmt_check_passes_on_bundled_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", str(BUNDLED), "--check"]) == 0
    assert capsys.readouterr().out == "Alle Dateien sind in kanonischer Form.\n"


def test_canonical_text_fixes_key_order_quoting_and_style() -> None:
    messy = (FIXTURES / "messy-actors.yaml").read_text(encoding="utf-8")
    expected = (FIXTURES / "messy-actors.expected.yaml").read_text(encoding="utf-8")
    assert canonical_text(messy, "actors.yaml") == expected
    assert canonical_text(expected, "actors.yaml") == expected


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("no", '"no"'),
        ("06114", '"06114"'),
        ("12:30", '"12:30"'),
        ("2024-01-01", '"2024-01-01"'),
        ("true", '"true"'),
        ("Sprechstunde: dienstags", '"Sprechstunde: dienstags"'),
        ("# kein Kommentar", '"# kein Kommentar"'),
        ("Text mit – Strich, Komma", "Text mit – Strich, Komma"),
    ],
)
def test_canonical_text_quotes_only_what_yaml_would_misread(value: str, written: str) -> None:
    text = f"- id: a\n  name: A\n  kind: schule\n  notes: '{value}'\n"
    assert canonical_text(text, "actors.yaml").splitlines()[-1] == f"  notes: {written}"


def test_canonical_text_moves_trailing_comment_with_the_end_of_the_entry() -> None:
    text = "- kind: schule  # Art\n  id: a\n  name: A\n\n# Nächste Gruppe\n- id: b\n  name: B\n  kind: schule\n"
    assert canonical_text(text, "actors.yaml") == (
        "- id: a\n  name: A\n  kind: schule  # Art\n\n# Nächste Gruppe\n- id: b\n  name: B\n  kind: schule\n"
    )


def test_canonical_text_orders_vocabulary_lists_and_terms() -> None:
    text = "topics:\n  - label: Familie\n    id: familie\nactor_kinds:\n  - {label: Schule, id: schule}\n"
    assert canonical_text(text, "vocabulary.yaml") == (
        "actor_kinds:\n  - id: schule\n    label: Schule\ntopics:\n  - id: familie\n    label: Familie\n"
    )


def test_fmt_keeps_every_comment_of_the_data(data_copy: Path) -> None:
    before = {name: _comments((data_copy / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    assert main(["fmt", str(data_copy)]) == 0
    after = {name: _comments((data_copy / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    assert after == before
    assert before["actors.yaml"][0] == "# Small reference network for the tests."


def test_fmt_check_exit_codes(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", str(data_copy), "--check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [str(data_copy / name) for name in DATA_FILES]
    assert main(["fmt", str(data_copy)]) == 0
    assert main(["fmt", str(data_copy), "--check"]) == 0


def test_fmt_never_touches_canonical_files(data_copy: Path) -> None:
    assert main(["fmt", str(data_copy)]) == 0
    stamps = {name: (data_copy / name).stat().st_mtime_ns for name in DATA_FILES}
    (data_copy / "actors.yaml").write_text(
        (data_copy / "actors.yaml").read_text(encoding="utf-8").replace("topics: [", "topics:   ["), encoding="utf-8"
    )
    assert format_folder(data_copy).changed == [str(data_copy / "actors.yaml")]
    assert (data_copy / "vocabulary.yaml").stat().st_mtime_ns == stamps["vocabulary.yaml"]
    assert (data_copy / "relations.yaml").stat().st_mtime_ns == stamps["relations.yaml"]


def test_fmt_refuses_invalid_input(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actors = data_copy / "actors.yaml"
    broken = actors.read_text(encoding="utf-8").replace("kind: traeger", "kind: traeegr", 1)
    actors.write_text(broken, encoding="utf-8")
    assert main(["fmt", str(data_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Die Daten sind ungültig; nichts formatiert:"
    assert re.search(r"actors\.yaml:\d+:\d+: error unknown-term: .*traeegr", out[1])
    assert actors.read_text(encoding="utf-8") == broken


def test_fmt_refuses_when_result_would_not_validate(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    originals = {name: (data_copy / name).read_text(encoding="utf-8") for name in DATA_FILES}
    monkeypatch.setattr(fmt, "canonical_text", lambda text, name: text.replace("kind: schule", "kind: schul"))
    result = format_folder(data_copy)
    assert result.written is False
    assert result.problems[0] == "Das formatierte Ergebnis wäre ungültig; nichts geschrieben:"
    assert {name: (data_copy / name).read_text(encoding="utf-8") for name in DATA_FILES} == originals
    assert sorted(p.name for p in data_copy.iterdir()) == sorted((*DATA_FILES, META_FILE))


def test_fmt_refuses_when_result_would_change_the_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fmt, "canonical_text", lambda text, name: text.replace("Grundschule A", "Grundschule Z"))
    assert format_folder(data_copy).problems == [
        "Das Formatieren würde den Inhalt ändern; nichts geschrieben. Bitte melden."
    ]


def test_write_atomic_keeps_original_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "actors.yaml"
    target.write_text("alt\n", encoding="utf-8")

    def failing_replace(src: str, dst: Path) -> None:
        raise OSError("Datenträger voll")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="Datenträger voll"):
        write_atomic(target, "neu\n")
    assert target.read_text(encoding="utf-8") == "alt\n"
    assert [p.name for p in tmp_path.iterdir()] == ["actors.yaml"]


def test_write_atomic_gives_a_new_file_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "neu.json", "{}\n")
    finally:
        os.umask(old)
    assert (tmp_path / "neu.json").stat().st_mode & 0o777 == 0o640


def test_write_atomic_keeps_the_permissions_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "actors.yaml"
    target.write_text("alt\n", encoding="utf-8")
    target.chmod(0o664)
    write_atomic(target, "neu\n")
    assert (target.stat().st_mode & 0o777, target.read_text(encoding="utf-8")) == (0o664, "neu\n")
