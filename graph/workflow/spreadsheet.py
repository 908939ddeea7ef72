"""Spreadsheets as tables: the first sheet of an ``.xlsx`` or a ``.csv`` as headers and rows, its columns as fields.

The reading half of ``python -m graph import``: what the file says and which column fills which field
(:data:`HEADERS`, :func:`column_map`); :mod:`graph.workflow.importer` checks the values and appends the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.data.suggest import slugify

__all__ = ["HEADERS", "Table", "TableError", "column_map", "read_table"]


class TableError(Exception):
    """The file cannot be read as a table (wrong format, not UTF-8, empty)."""


@dataclass
class Table:
    """Headers and rows of the first sheet; ``rows`` holds ``(row number, cells)``, empty rows left out."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(rows: list[tuple[int, list[Any]]], name: str) -> Table:
    filled = [(n, [_cell(v) for v in cells]) for n, cells in rows if any(_cell(v) is not None for v in cells)]
    if not filled:
        raise TableError(f"{name}: die Tabelle ist leer.")
    (_, header), *body = filled
    headers = [str(h) if h is not None else "" for h in header]
    return Table(headers, [(n, cells + [None] * (len(headers) - len(cells))) for n, cells in body])


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{name}: die Datei ist nicht als UTF-8 gespeichert (Byte {exc.start + 1}). "
            "In Excel beim Speichern „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."
        ) from exc


def _read_csv(path: Path) -> Table:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TableError(
            f"{path}: Die Datei lässt sich nicht lesen ({exc.strerror}). Prüfen Sie Pfad und Dateinamen."
        ) from exc
    text = _decode(raw, path.name)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table([(n, list(cells)) for n, cells in enumerate(reader, start=1)], path.name)


def _read_xlsx(path: Path) -> Table:
    import openpyxl  # type: ignore[import-untyped]

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise TableError(f"{path.name}: keine lesbare Excel-Datei ({exc}).") from exc
    try:
        sheet = book.worksheets[0]
        rows = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return _table(rows, path.name)


def read_table(path: str | Path) -> Table:
    """Read ``.xlsx`` (first sheet) or ``.csv`` (``;`` or ``,``, UTF-8 with or without BOM).

    Parameters
    ----------
    path : str or Path
        The file; its suffix decides (``.csv``, or ``.xlsx``/``.xlsm``, case-insensitive). A CSV uses ``;``
        when its first line holds more ``;`` than ``,``, else ``,``.

    Returns
    -------
    Table
        The first non-empty row as headers (empty header cells become ``""``), the other non-empty rows with
        their 1-based row numbers; cells are stripped (empty text becomes None, date-times become dates) and
        short rows are padded with None to the number of headers.

    Raises
    ------
    TableError
        For another file type, a CSV that is not UTF-8, an Excel file that cannot be opened, or an empty table.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "liste.csv"
    >>> _ = p.write_bytes("\\ufeffName;PLZ\\n\\nSchule A;06114\\n".encode())
    >>> t = read_table(p); t.headers, t.rows
    (['Name', 'PLZ'], [(3, ['Schule A', '06114'])])
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise TableError(f"{path.name}: nur .xlsx- und .csv-Dateien können importiert werden.")


#: Accepted column headers (compared after :func:`slugify`) -> field path, per target file.
HEADERS: dict[str, dict[str, str]] = {
    "actors": {
        "id": "id", "kennung": "id", "name": "name", "bezeichnung": "name", "art": "kind", "kind": "kind",
        "typ": "kind", "unterart": "subtype", "schulform": "subtype", "subtype": "subtype", "stadtteil": "district",
        "district": "district", "strasse": "address.street", "street": "address.street", "adresse": "address.street",
        "plz": "address.postcode", "postleitzahl": "address.postcode", "postcode": "address.postcode",
        "ort": "address.city", "city": "address.city", "themen": "topics", "thema": "topics", "topics": "topics",
        "zielgruppen": "target_groups.audiences", "audiences": "target_groups.audiences",
        "alter-von": "target_groups.age_min", "age-min": "target_groups.age_min",
        "alter-bis": "target_groups.age_max", "age-max": "target_groups.age_max",
        "schulstufen": "target_groups.school_levels", "school-levels": "target_groups.school_levels",
        "sprachen": "languages", "languages": "languages", "funktion": "contact.role", "kontakt": "contact.role",
        "role": "contact.role", "telefon": "contact.phone", "tel": "contact.phone", "phone": "contact.phone",
        "e-mail": "contact.email", "email": "contact.email", "mail": "contact.email", "web": "contact.web",
        "webseite": "contact.web", "website": "contact.web", "internet": "contact.web", "zugang": "access",
        "access": "access", "rechtsgrundlage": "legal_basis", "legal-basis": "legal_basis",
        "einzugsgebiet": "service_area", "zustaendigkeit": "service_area", "service-area": "service_area",
        "gehoert-zu": "parent", "parent": "parent", "quelle": "provenance", "provenance": "provenance",
        "geprueft": "verified", "verified": "verified", "bemerkungen": "notes", "notizen": "notes", "notes": "notes",
    },
    "relations": {
        "id": "id", "kennung": "id", "von": "source", "source": "source", "ausgang": "source", "an": "target",
        "zu": "target", "ziel": "target", "target": "target", "art": "type", "typ": "type", "type": "type",
        "beziehung": "type", "seit": "since", "beginn": "since", "since": "since", "bis": "until", "ende": "until",
        "until": "until", "themen": "topics", "topics": "topics", "staerke": "strength", "strength": "strength",
        "foerderprogramm": "funding.programme", "programm": "funding.programme", "programme": "funding.programme",
        "betrag": "funding.amount", "amount": "funding.amount", "quelle": "provenance", "provenance": "provenance",
        "geprueft": "verified", "verified": "verified", "bemerkungen": "notes", "notizen": "notes", "notes": "notes",
    },
}  # fmt: skip


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_map(headers: list[str], into: str) -> tuple[dict[int, str], list[str]]:
    """Map column positions to field paths; also return German notes on columns left out.

    Parameters
    ----------
    headers : list of str
        The column headers as in the table; compared after :func:`graph.data.suggest.slugify` with
        :data:`HEADERS`.
    into : str
        ``actors`` or ``relations``: which header list applies.

    Returns
    -------
    tuple of (dict of int to str, list of str)
        Column position (0-based) -> field path (``address.postcode``), and one German note per column left out
        (unknown header, or a field already taken by an earlier column), naming its letter and header.

    Examples
    --------
    >>> column_map(["Name", "Art", "PLZ", "Lieblingsfarbe"], "actors")
    ({0: 'name', 1: 'kind', 2: 'address.postcode'}, ['Spalte D „Lieblingsfarbe“ wird nicht übernommen: unbekannte Überschrift.'])
    """
    known = HEADERS[into]
    mapping: dict[int, str] = {}
    notes = []
    for i, header in enumerate(headers):
        path = known.get(slugify(header))
        where = f"Spalte {_column_letter(i)} „{header}“"
        if path is None:
            notes.append(f"{where} wird nicht übernommen: unbekannte Überschrift.")
        elif path in mapping.values():
            notes.append(f"{where} wird nicht übernommen: '{path}' steht schon in einer anderen Spalte.")
        else:
            mapping[i] = path
    return mapping, notes
