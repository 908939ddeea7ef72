"""Write the import fixtures: actors.xlsx (with openpyxl) and actors.csv, relations.csv, latin1.csv.

Run from the repository root: ``.venv/bin/python tests/data/import/make_fixtures.py``.
The generated files are committed; re-run this script after changing the rows below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl  # type: ignore[import-untyped]

HERE = Path(__file__).parent

ACTOR_HEADERS = [
    "Name",
    "Art",
    "Stadtteil",
    "PLZ",
    "Telefon",
    "E-Mail",
    "Themen",
    "Quelle",
    "Geprüft",
    "Lieblingsfarbe",
]
ACTOR_ROWS = [
    [
        "Beratungsstelle Lindenblüte",
        "Beratungsstelle",
        "Silberhöhe",
        6132,
        "0345 555 07 01",
        "info@lindenbluete.example.org",
        "Schulangst, Familie",
        "demo",
        dt.datetime(2026, 11, 1),
        "grün",
    ],
    ["Lernhaus Kastanie", "projekt", "suedstadt", "06128", "0345 555 07 02", "", "mobbing", "demo", "01.11.2026", ""],
    ["Grundschule A", "Schule", "silberhoehe", "06132", "", "", "", "demo", "", ""],
    ["Projekt Ohne Art", "", "Südstadt", "", "", "", "", "demo", "", ""],
    ["Jugendtreff Nirgendwo", "Beratungsstele", "Atlantis", "", "", "", "Schwimmen", "demo", "", ""],
    ["Elternschule", "beratung", "suedstadt", "", "", "eltern(at)example.org", "Familie", "demo", "", ""],
]
RELATION_HEADERS = ["Von", "An", "Typ", "Seit", "Bis", "Themen", "Stärke", "Quelle"]
RELATION_ROWS = [
    ["Träger X", "Sekundarschule B", "Kooperation", "2026-09-01", "", "Familie", "2", "https://traeger-x.example.org"],
    ["beratung-y", "sek-b", "verweist an", "01.10.2026", "", "", "5", ""],
    ["gibt-es-nicht", "sek-b", "kooperaton", "", "", "", "", ""],
    ["sek-b", "beratung-y", "verweist", "31.02.2026", "", "", "1", ""],
]


def write_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Akteure"
    sheet.append(ACTOR_HEADERS)
    for row in ACTOR_ROWS:
        sheet.append([v if v != "" else None for v in row])
    book.save(path)


def write_csv(path: Path, headers: list[str], rows: list[list[object]], sep: str, encoding: str) -> None:
    lines = [sep.join(headers)] + [sep.join(str(v) for v in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


def main() -> None:
    write_xlsx(HERE / "actors.xlsx")
    csv_rows = [
        [r[0], r[1], r[2], f"{r[3]:05d}" if isinstance(r[3], int) else r[3], *r[4:8], "", r[9]] for r in ACTOR_ROWS
    ]
    write_csv(HERE / "actors.csv", ACTOR_HEADERS, csv_rows, ";", "utf-8-sig")
    write_csv(HERE / "relations.csv", RELATION_HEADERS, RELATION_ROWS, ",", "utf-8")
    write_csv(HERE / "latin1.csv", ["Name", "Art"], [["Beratung Süd", "beratung"]], ";", "latin-1")


if __name__ == "__main__":
    main()
