"""Reading files into YAML nodes: encodings, syntax errors with positions and hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.data.yamlread import read_yaml


def _read(tmp_path: Path, raw: bytes) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    return [(p.code, p.line, p.column, p.hint) for p in read_yaml(path, "x.yaml").problems]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"- a\n\t- b\n",
            ("yaml-syntax", 2, 1, "Tabulatoren sind in YAML nicht erlaubt: rücken Sie mit Leerzeichen ein."),
        ),
        (
            b"- name: Schule: Mitte\n",
            ("yaml-syntax", 1, 15, "Steht ein Doppelpunkt im Text? Setzen Sie den ganzen Wert in Anführungszeichen."),
        ),
        (
            b'- name: "offen\n',
            ("yaml-syntax", 2, 1, "Ein Anführungszeichen oder eine Klammer wurde nicht geschlossen."),
        ),
        (
            b"- a\n---\n- b\n",
            ("yaml-syntax", 2, 1, "Die Datei darf nur ein Dokument enthalten: entfernen Sie weitere '---'-Zeilen."),
        ),
        (
            b"- name: a\x07b\n",
            (
                "yaml-syntax",
                1,
                10,
                "Löschen Sie das Zeichen an dieser Stelle (oft beim Kopieren aus Word oder PDF entstanden).",
            ),
        ),
        (b"# nur ein Kommentar\n", ("empty-file", 1, 1, "Eine leere Liste schreibt man als '[]'.")),
        (b"- name: M\xfchle\n", ("file-encoding", 1, 10, "Speichern Sie die Datei im Editor mit der Kodierung UTF-8.")),
    ],
)
def test_read_yaml_problems(tmp_path: Path, raw: bytes, expected: tuple[str, int, int, str]) -> None:
    assert _read(tmp_path, raw) == [expected]


def test_read_yaml_directory_instead_of_file(tmp_path: Path) -> None:
    problems = read_yaml(tmp_path).problems
    assert [(p.code, p.message) for p in problems] == [("file-missing", "Das ist ein Ordner, keine Datei.")]


def test_read_yaml_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xef\xbb\xbf- a\r\n- b\r\n")
    result = read_yaml(path)
    assert result.problems == []
    assert [n.value for n in result.node.value] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- id: gs-a\n  name: Schule\n   kind: schule\n",
            (3, "3 statt 2 Leerzeichen.", "Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 2."),
        ),
        (
            "- id: gs-a\n  name: Schule\n kind: schule\n",
            (3, "1 statt 2 Leerzeichen.", "Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 2."),
        ),
        (
            "- id: gs-a\n    name: Schule\n",
            (2, "4 statt 2 Leerzeichen.", "Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 1."),
        ),
        (
            "- id: a\n  contact:\n    phone: 1\n   email: x\n",
            (4, "3 statt 4 Leerzeichen.", "Rücken Sie sie auf 4 Leerzeichen ein, wie Zeile 3."),
        ),
        (
            "- id: a\n  name: A\n  # Kommentar\n\n   kind: schule\n",
            (5, "3 statt 2 Leerzeichen.", "Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 2."),
        ),
        (
            "- id: a\n  name: A\n - id: b\n",
            (3, "1 statt 0 Leerzeichen.", "Lassen Sie die Zeile ganz links beginnen, wie Zeile 1."),
        ),
        (
            "- id: a\n  topics:\n    - x\n   - y\n",
            (4, "3 statt 4 Leerzeichen.", "Rücken Sie sie auf 4 Leerzeichen ein, wie Zeile 3."),
        ),
    ],
    ids=["deeper", "shallower", "after-list-marker", "nested", "after-comment", "list-item", "nested-list-item"],
)
def test_read_yaml_names_a_wrong_indentation(tmp_path: Path, text: str, expected: tuple[int, str, str]) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = read_yaml(path, "x.yaml").problems
    line, difference, hint = expected
    assert problem.line == line and problem.code == "yaml-syntax" and problem.hint == hint
    assert problem.message.startswith(
        f"YAML-Syntaxfehler: Die Zeile ist anders eingerückt als die vorige: {difference} (Parser: "
    )


@pytest.mark.parametrize("text", ["- name: Schule: Mitte\n", "- id: a\n  name: Schule: Mitte\n"])
def test_read_yaml_colon_in_a_value_keeps_the_quote_hint(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    [problem] = read_yaml(path, "x.yaml").problems
    assert problem.message == (
        "YAML-Syntaxfehler: Unerwarteter Doppelpunkt. (Parser: mapping values are not allowed in this context)"
    )
    assert problem.hint == "Steht ein Doppelpunkt im Text? Setzen Sie den ganzen Wert in Anführungszeichen."
