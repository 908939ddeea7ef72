"""What the German tables of both planning views share: labels, the Excel workbook, cells for the page and text.

The tables themselves are in :mod:`graph.planning.ssa_tables` (school social work) and
:mod:`graph.planning.bba_tables` (BbA grants).

Numbers stay numbers in the tables and the workbook (Excel shows them in the reader's locale); text and
Markdown write them with a decimal comma (:mod:`graph.present.formats`).
"""

from __future__ import annotations

import io
import math
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from graph.data.model import Dataset
from graph.present.export import spreadsheet_safe
from graph.present.formats import de_number, xlsx_table
from graph.workflow.diff_report import md

__all__ = ["STATUS_LABELS", "de_money", "display_table", "workbook"]

#: German name of each status of :mod:`graph.planning.ssa`.
STATUS_LABELS = {"covered": "abgedeckt", "partial": "teilweise", "none": "keine"}
CHANGE_LABELS = {"new": "neu", "ended": "beendet", "changed": "verändert"}
FTE = "VZÄ"
EUR = "Betrag (EUR)"
#: Stadtbezirk of schools without one (real schools whose district no source names).
NO_BEZIRK = "ohne Angabe"
#: What an empty table reads in the text and Markdown of ``plan``.
EMPTY = "(keine)"


def _label(dataset: Dataset, name: str, term: str | None) -> str:
    return dataset.vocabulary.label(name, term) if term else ""


def _actor(dataset: Dataset, actor: str | None) -> str:
    if actor is None:
        return ""
    return dataset.actors[actor].name if actor in dataset.actors else actor


def _names(dataset: Dataset, ids: list[str]) -> str:
    return ", ".join(_actor(dataset, i) for i in ids)


def _programmes(dataset: Dataset, ids: list[str]) -> str:
    return ", ".join(_label(dataset, "funding_programmes", p) for p in ids)


def _school_columns(dataset: Dataset, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Schule": row["name"],
        "Stadtbezirk": _label(dataset, "stadtbezirke", row["stadtbezirk"]),
        "Stadtteil": _label(dataset, "districts", row["district"]),
        "Schulform": _label(dataset, "school_types", row["school_type"]),
    }


def workbook(frames: dict[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per table (formulas stay text, ja/nein; sheet names cut to 31 characters).

    Parameters
    ----------
    frames : dict of str to pandas.DataFrame
        Sheet name → table, in the order of the sheets.

    Returns
    -------
    bytes
        The ``.xlsx`` file (written with openpyxl), without index columns.

    Examples
    --------
    >>> data = workbook({"Summen": pd.DataFrame({"Schuljahr": ["2026/27"], "VZÄ": [1.5]})})
    >>> pd.read_excel(io.BytesIO(data), sheet_name="Summen").values.tolist()
    [['2026/27', 1.5]]
    """
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            xlsx_table(spreadsheet_safe(frame)).to_excel(writer, sheet_name=sheet[:31], index=False)
    return out.getvalue()


def de_money(value: float) -> str:
    """An amount in euros as German text: thousands grouped, decimals only when there are any.

    Parameters
    ----------
    value : float
        The amount in euros; whole floats are written without decimals.

    Returns
    -------
    str
        The amount with ``.`` grouping thousands and a decimal comma, without the currency.

    Examples
    --------
    >>> de_money(3000.0), de_money(1200.5), de_money(17)
    ('3.000', '1.200,5', '17')
    """
    return _cell(value)


def display_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for the page: numbers as German text (:func:`de_money`), truth values ``ja``/``nein``.

    Missing values (``None``, NaN) become ``""``; other cells stay as they are.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table; it is not changed.

    Returns
    -------
    pandas.DataFrame
        A table of the same shape with the cells converted.

    Examples
    --------
    >>> display_table(pd.DataFrame({"VZÄ": [18.25, 2.0, None], "Über": [True, False, True]})).values.tolist()
    [['18,25', 'ja'], ['2', 'nein'], ['', 'ja']]
    """
    return frame.map(_display_cell)


def _display_cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _cell(value) if isinstance(value, bool | int | float) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a pandas column with one decimal makes every amount a float: 3500.0 reads 3.500
    if isinstance(value, int | float):
        return de_number(value, grouping=True)
    return str(value)


def _fixed(frame: pd.DataFrame) -> list[str]:
    """A table as fixed-width text lines, columns separated by two spaces."""
    cells = [[str(c) for c in frame.columns]] + [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(frame.columns))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]


def _markdown(frame: pd.DataFrame) -> list[str]:
    """A Markdown table; every text from the data made inert (:func:`graph.workflow.diff_report.md`)."""
    head = "| " + " | ".join(md(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(md(_cell(v)) for v in row) + " |" for row in frame.itertuples(index=False)]
    return [head, rule, *rows]


def _text_document(head: list[str], sections: list[tuple[str, pd.DataFrame]]) -> str:
    """``head`` lines, then each section's title and table as fixed-width text; an empty table reads ``(keine)``."""
    lines = list(head)
    for title, frame in sections:
        lines += ["", title, *(_fixed(frame) if not frame.empty else [EMPTY])]
    return "\n".join(lines)


def _markdown_document(head: list[str], sections: list[tuple[str, pd.DataFrame]]) -> str:
    """``head`` lines, then each section as ``## title`` and a Markdown table; an empty table reads ``(keine)``."""
    lines = list(head)
    for title, frame in sections:
        lines += ["", f"## {title}", "", *(_markdown(frame) if not frame.empty else [EMPTY])]
    return "\n".join(lines)


def _title(kind: str, years: list[str]) -> str:
    return f"{kind} {years[0]}–{years[-1]}" if years else kind
