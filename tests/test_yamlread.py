"""Reading files into YAML nodes: encodings, syntax errors with positions and hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.yamlread import read_yaml


def _read(tmp_path: Path, raw: bytes) -> list[tuple[str, int, int, str]]:
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    return [(p.code, p.line, p.column, p.hint) for p in read_yaml(path, "x.yaml").problems]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"- a\n\t- b\n", ("yaml-syntax", 2, 1, "Tabulatoren sind in YAML nicht erlaubt: rücke mit Leerzeichen ein.")),
        (
            b"- name: Schule: Mitte\n",
            ("yaml-syntax", 1, 15, "Steht ein Doppelpunkt im Text? Setze den ganzen Wert in Anführungszeichen."),
        ),
        (
            b'- name: "offen\n',
            ("yaml-syntax", 2, 1, "Ein Anführungszeichen oder eine Klammer wurde nicht geschlossen."),
        ),
        (
            b"- a\n---\n- b\n",
            ("yaml-syntax", 2, 1, "Die Datei darf nur ein Dokument enthalten: entferne weitere '---'-Zeilen."),
        ),
        (
            b"- name: a\x07b\n",
            (
                "yaml-syntax",
                1,
                10,
                "Lösche das Zeichen an dieser Stelle (oft beim Kopieren aus Word oder PDF entstanden).",
            ),
        ),
        (b"# nur ein Kommentar\n", ("empty-file", 1, 1, "Eine leere Liste schreibt man als '[]'.")),
        (b"- name: M\xfchle\n", ("file-encoding", 1, 10, "Speichere die Datei im Editor mit der Kodierung UTF-8.")),
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
