"""Tests of graph.workflow.importer: spreadsheet import with row-level problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli.main import main
from graph.workflow.importer import TableError, column_map, read_table
from tests.conftest import TESTS

IMPORT = TESTS / "data" / "import"

ACTOR_PROBLEMS = [
    "Spalte J „Lieblingsfarbe“ wird nicht übernommen: unbekannte Überschrift.",
    "Zeile 4: Einen Akteur namens 'Grundschule A' gibt es schon ('gs-a'); er wird nicht verändert.",
    "Zeile 5: Pflichtangabe 'kind' fehlt.",
    "Zeile 6: 'Beratungsstele' ist kein Begriff der Liste actor_kinds. Meinten Sie 'beratung'?",
    "Zeile 6: 'Atlantis' ist kein Begriff der Liste districts.",
    "Zeile 6: 'Schwimmen' ist kein Begriff der Liste topics.",
    "Zeile 7: 'eltern(at)example.org' ist keine E-Mail-Adresse. Schreiben Sie sie in der Form name@beispiel.de.",
]

ACTOR_YAML = """\
- id: beratungsstelle-lindenbluete
  name: Beratungsstelle Lindenblüte
  kind: beratung
  district: silberhoehe
  address:
    postcode: "06132"
  topics: [schulangst, familie]
  contact:
    phone: "0345 555 07 01"
    email: info@lindenbluete.example.org
  provenance: demo
{verified}- id: lernhaus-kastanie
  name: Lernhaus Kastanie
  kind: projekt
  district: suedstadt
  address:
    postcode: "06128"
  topics: [mobbing]
  contact:
    phone: "0345 555 07 02"
  provenance: demo
{verified}"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["import", *args])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(("name", "verified"), [("actors.xlsx", "  verified: 2026-11-01\n"), ("actors.csv", "")])
def test_import_actors_preview(data_copy: Path, capsys: pytest.CaptureFixture[str], name: str, verified: str) -> None:
    before = (data_copy / "actors.yaml").read_text(encoding="utf-8")
    code, out = _run(capsys, str(IMPORT / name), "--into", "actors", "--data", str(data_copy))
    assert code == 1
    assert out[: len(ACTOR_PROBLEMS)] == ACTOR_PROBLEMS
    assert (
        out[len(ACTOR_PROBLEMS)]
        == f"Würde 2 Einträge an {data_copy / 'actors.yaml'} anhängen (mit --write wirklich schreiben):"
    )
    assert "\n".join(out[len(ACTOR_PROBLEMS) + 1 :]) + "\n" == ACTOR_YAML.format(verified=verified)
    assert (data_copy / "actors.yaml").read_text(encoding="utf-8") == before


def test_import_relations_reports_validation_problems_by_row(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, str(IMPORT / "relations.csv"), "--into", "relations", "--data", str(data_copy))
    assert code == 1
    assert out == [
        "Zeile 3: 'strength' ist 5, erlaubt ist 1 bis 3. Stärke: 1 gelegentlich, 2 regelmäßig, 3 vertraglich.",
        "Zeile 4: 'gibt-es-nicht' ist kein bekannter Akteur.",
        "Zeile 4: 'kooperaton' ist kein Begriff der Liste relation_types. Meinten Sie 'kooperation'?",
        "Zeile 5: '31.02.2026' ist kein gültiger Wert (erwartet: Datum).",
        f"Würde 1 Eintrag an {data_copy / 'relations.yaml'} anhängen (mit --write wirklich schreiben):",
        "- source: traeger-x",
        "  target: sek-b",
        "  type: kooperation",
        "  since: 2026-09-01",
        "  topics: [familie]",
        "  strength: 2",
        "  provenance: https://traeger-x.example.org",
    ]


def test_import_write_appends_and_keeps_everything(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actors = data_copy / "actors.yaml"
    before = actors.read_text(encoding="utf-8")
    code, out = _run(capsys, str(IMPORT / "actors.xlsx"), "--into", "actors", "--data", str(data_copy), "--write")
    assert code == 1
    assert out[-1] == f"2 Einträge an {actors} angehängt."
    after = actors.read_text(encoding="utf-8")
    assert after == before + "\n# Import aus actors.xlsx\n" + ACTOR_YAML.format(verified="  verified: 2026-11-01\n")
    assert main(["validate", str(data_copy)]) == 0
    capsys.readouterr()
    code, out = _run(capsys, str(IMPORT / "actors.xlsx"), "--into", "actors", "--data", str(data_copy), "--write")
    assert (
        "Zeile 2: Die Kennung 'beratungsstelle-lindenbluete' gibt es schon; bestehende Einträge werden nie überschrieben."
        in out
    )
    assert out[-1] == "Nichts zu übernehmen."
    assert actors.read_text(encoding="utf-8") == after


def test_import_rejects_csv_that_is_not_utf8(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, str(IMPORT / "latin1.csv"), "--into", "actors", "--data", str(data_copy))
    assert code == 1
    assert out == [
        "Fehler: latin1.csv: die Datei ist nicht als UTF-8 gespeichert (Byte 20). "
        "In Excel beim Speichern „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."
    ]


@pytest.mark.parametrize(
    ("raw", "headers"),
    [(b"Name,Art\nA,schule\n", ["Name", "Art"]), (b"\xef\xbb\xbfName;Art\nA;schule\n", ["Name", "Art"])],
)
def test_read_table_detects_separator_and_bom(tmp_path: Path, raw: bytes, headers: list[str]) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(raw)
    table = read_table(path)
    assert (table.headers, table.rows) == (headers, [(2, ["A", "schule"])])


def test_read_table_refuses_other_file_types(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"nur \.xlsx- und \.csv-Dateien"):
        read_table(tmp_path / "liste.ods")


def test_column_map_accepts_german_and_english_headers() -> None:
    columns, notes = column_map(["Von", "target", "Typ", "Förderprogramm", "Stärke", "Stärke"], "relations")
    assert columns == {0: "source", 1: "target", 2: "type", 3: "funding.programme", 4: "strength"}
    assert notes == ["Spalte F „Stärke“ wird nicht übernommen: 'strength' steht schon in einer anderen Spalte."]


def test_a_missing_csv_file_is_a_german_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "fehlt.csv"
    assert main(["import", str(missing), "--into", "actors", "--data", "tests/data/valid"]) == 1
    assert capsys.readouterr().out == (
        f"Fehler: {missing}: Die Datei lässt sich nicht lesen (No such file or directory). Prüfen Sie Pfad und Dateinamen.\n"
    )
