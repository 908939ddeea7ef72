"""Read a spreadsheet (.xlsx) or a CSV file into header and rows, with the spreadsheet's row numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Table", "TableError", "read_table"]


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
    text = _decode(path.read_bytes(), path.name)
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

    Raises
    ------
    TableError
        For another file type, a CSV that is not UTF-8, or an empty table.

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
