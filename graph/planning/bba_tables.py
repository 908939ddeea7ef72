"""The BbA overview as German tables: grants, schools, topics, Stadtbezirke, changes; workbook, text, Markdown."""

from __future__ import annotations

from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from graph.data.model import Dataset
from graph.planning.tables import (
    CHANGE_LABELS,
    EUR,
    NO_BEZIRK,
    _actor,
    _cell,
    _label,
    _markdown_document,
    _school_columns,
    _text_document,
    _title,
    workbook,
)

__all__ = [
    "bba_change_frame",
    "bba_frames",
    "bba_markdown",
    "bba_text",
    "bba_workbook",
    "over_cap_column",
    "over_cap_rows",
]


def _grant_records(overview: dict[str, Any], dataset: Dataset) -> list[dict[str, Any]]:
    records = []
    for row in overview["schools"]:
        for year in overview["school_years"]:
            for grant in row["years"][year]["grants"]:
                records.append(
                    {
                        "Schuljahr": year,
                        "Schule": row["name"],
                        "Stadtbezirk": _label(dataset, "stadtbezirke", row["stadtbezirk"]),
                        "Projekt": _actor(dataset, grant["project"]),
                        "Träger": _actor(dataset, grant["provider"]),
                        "Themen": ", ".join(_label(dataset, "topics", t) for t in grant["topics"]),
                        EUR: grant["amount"],
                    }
                )
    return sorted(records, key=lambda r: (r["Schuljahr"], r["Schule"]))


def over_cap_column(year: str) -> str:
    """Name of the column of the table ``Je Schule und Schuljahr`` that says whether a school is over the cap.

    Parameters
    ----------
    year : str
        A school year as named in the overview (``2025/26``).

    Returns
    -------
    str
        The German column name.

    Examples
    --------
    >>> over_cap_column("2025/26")
    '2025/26 über Obergrenze'
    """
    return f"{year} über Obergrenze"


def over_cap_rows(overview: dict[str, Any]) -> list[bool]:
    """Per row of the table ``Je Schule und Schuljahr`` (:func:`bba_frames`, same order): over the cap in any year.

    Parameters
    ----------
    overview : dict
        From :func:`graph.planning.bba.bba_overview` or :func:`graph.planning.bba.bba_view`.

    Returns
    -------
    list of bool
        One entry per school of ``overview["schools"]``; all false when the programme has no cap.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import bba_overview
    >>> overview = bba_overview(load_dataset("tests/data/plan").dataset)
    >>> [row["id"] for row, over in zip(overview["schools"], over_cap_rows(overview)) if over]
    ['gs-zwei-jahre']
    """
    return [any(cell["over_cap"] for cell in row["years"].values()) for row in overview["schools"]]


def _bba_school_frame(overview: dict[str, Any], dataset: Dataset) -> pd.DataFrame:
    records = []
    for row in overview["schools"]:
        record = _school_columns(dataset, row)
        for year in overview["school_years"]:
            cell = row["years"][year]
            record[f"{year} {EUR}"] = cell["amount"]
            record[over_cap_column(year)] = cell["over_cap"]
        records.append(record)
    return pd.DataFrame(records)


def bba_frames(overview: dict[str, Any], dataset: Dataset) -> dict[str, pd.DataFrame]:
    """Sheet name → table of the BbA overview: grants, schools × years, never funded, per topic, per Stadtbezirk,
    changes.

    Parameters
    ----------
    overview : dict
        From :func:`graph.planning.bba.bba_overview`.
    dataset : Dataset
        For names and labels.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``Förderungen``, ``Je Schule und Schuljahr``, ``Nie gefördert``, ``Je Thema``, ``Je Stadtbezirk``,
        ``Veränderungen``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import bba_overview
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> overview = bba_overview(ds)
    >>> bba_frames(overview, ds)["Förderungen"]["Betrag (EUR)"].tolist()
    [1200.5, 2000.0, 1500.0, 800.0]
    """
    grant_columns = ["Schuljahr", "Schule", "Stadtbezirk", "Projekt", "Träger", "Themen", EUR]
    topics = [
        {"Thema": _label(dataset, "topics", topic) or "ohne Thema", "Förderungen": v["grants"], EUR: v["amount"]}
        for topic, v in overview["by_topic"].items()
    ]
    districts = [
        {"Stadtbezirk": _label(dataset, "stadtbezirke", bezirk) or NO_BEZIRK, "Schuljahr": year, EUR: amount}
        for bezirk, years in overview["by_district"].items()
        for year, amount in years.items()
    ]
    never = [{"Schule": _actor(dataset, s)} for s in overview["never_funded"]]
    return {
        "Förderungen": pd.DataFrame(_grant_records(overview, dataset), columns=grant_columns),
        "Je Schule und Schuljahr": _bba_school_frame(overview, dataset),
        "Nie gefördert": pd.DataFrame(never, columns=["Schule"]),
        "Je Thema": pd.DataFrame(topics, columns=["Thema", "Förderungen", EUR]),
        "Je Stadtbezirk": pd.DataFrame(districts, columns=["Stadtbezirk", "Schuljahr", EUR]),
        "Veränderungen": bba_change_frame(overview["changes"]),
    }


def bba_change_frame(changes: list[dict[str, Any]]) -> pd.DataFrame:
    """Changes of BbA sums between school years (:func:`graph.planning.bba.bba_changes`) as a German table.

    Parameters
    ----------
    changes : list of dict
        One entry per pair of consecutive years: ``from``, ``to`` and rows (``name``, ``before``, ``after``) under
        ``new``, ``ended``, ``changed``.

    Returns
    -------
    pandas.DataFrame
        Columns ``von``, ``nach``, ``Veränderung``, ``Schule``, ``Betrag (EUR) vorher``, ``Betrag (EUR) nachher``.

    Examples
    --------
    >>> change = {"from": "a", "to": "b", "new": [{"name": "S", "before": 0, "after": 500}], "ended": [], "changed": []}
    >>> bba_change_frame([change]).values.tolist()
    [['a', 'b', 'neu', 'S', 0, 500]]
    """
    records = [
        {"von": c["from"], "nach": c["to"], "Veränderung": CHANGE_LABELS[kind], "Schule": r["name"]}
        | {f"{EUR} vorher": r["before"], f"{EUR} nachher": r["after"]}
        for c in changes
        for kind in CHANGE_LABELS
        for r in c[kind]
    ]
    return pd.DataFrame(records, columns=["von", "nach", "Veränderung", "Schule", f"{EUR} vorher", f"{EUR} nachher"])


def bba_workbook(overview: dict[str, Any], dataset: Dataset) -> bytes:
    """The BbA overview as an Excel workbook (sheets of :func:`bba_frames`).

    Parameters
    ----------
    overview : dict
        From :func:`graph.planning.bba.bba_overview`.
    dataset : Dataset
        For names and labels.

    Returns
    -------
    bytes
        The ``.xlsx`` file (:func:`workbook`).

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import bba_overview
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> overview = bba_overview(ds)
    >>> bba_workbook(overview, ds)[:2]
    b'PK'
    """
    return workbook(bba_frames(overview, dataset))


def _cap_sentence(cap: float | None) -> str:
    if cap is None:
        return "Obergrenze je Schule und Schuljahr: keine eingetragen (im Vokabular unter funding_programmes, cap)."
    return f"Obergrenze je Schule und Schuljahr: {_cell(cap)} EUR."


def _bba_sections(overview: dict[str, Any], dataset: Dataset) -> list[tuple[str, pd.DataFrame]]:
    frames = bba_frames(overview, dataset)
    totals = pd.DataFrame(
        [
            {"Schuljahr": y, "Förderungen": t["grants"], "Schulen": t["schools"], EUR: t["amount"]}
            for y, t in overview["totals"].items()
        ]
    )
    return [
        ("Summen je Schuljahr", totals),
        ("Förderungen", frames["Förderungen"]),
        ("Je Thema", frames["Je Thema"]),
        ("Je Stadtbezirk", frames["Je Stadtbezirk"]),
        ("Nie gefördert", frames["Nie gefördert"]),
        ("Veränderungen zwischen den Schuljahren", frames["Veränderungen"]),
    ]


def bba_text(overview: dict[str, Any], dataset: Dataset) -> str:
    """The BbA overview as plain text.

    Title, the cap per school and school year, then each table in fixed-width columns.

    Parameters
    ----------
    overview : dict
        From :func:`graph.planning.bba.bba_overview`.
    dataset : Dataset
        For names and labels.

    Returns
    -------
    str
        Lines without a trailing newline; an empty table reads ``(keine)``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import bba_overview
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> overview = bba_overview(ds)
    >>> print(bba_text(overview, ds).splitlines()[1])
    Obergrenze je Schule und Schuljahr: 3.000 EUR.
    """
    head = [_title("BbA-Förderung", overview["school_years"]), _cap_sentence(overview["cap"])]
    return _text_document(head, _bba_sections(overview, dataset))


def bba_markdown(overview: dict[str, Any], dataset: Dataset) -> str:
    """The BbA overview as Markdown.

    Heading, the cap per school and school year, then one table per section.

    Parameters
    ----------
    overview : dict
        From :func:`graph.planning.bba.bba_overview`.
    dataset : Dataset
        For names and labels.

    Returns
    -------
    str
        Markdown with texts from the data made inert; an empty table reads ``(keine)``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import bba_overview
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> overview = bba_overview(ds)
    >>> bba_markdown(overview, ds).splitlines()[0]
    '# BbA-Förderung 2024/25–2027/28'
    """
    head = [f"# {_title('BbA-Förderung', overview['school_years'])}", "", _cap_sentence(overview["cap"])]
    return _markdown_document(head, _bba_sections(overview, dataset))
