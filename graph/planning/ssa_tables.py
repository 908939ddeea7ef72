"""The Teilplanung Schulsozialarbeit as German tables: grid, totals, Stadtbezirke, changes; workbook, text, Markdown."""

from __future__ import annotations

from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from graph.data.model import Dataset
from graph.planning.tables import (
    CHANGE_LABELS,
    FTE,
    NO_BEZIRK,
    STATUS_LABELS,
    _actor,
    _label,
    _markdown_document,
    _names,
    _programmes,
    _school_columns,
    _text_document,
    _title,
    workbook,
)
from graph.present.formats import de_number

__all__ = [
    "bezirk_frame",
    "bezirk_grid",
    "cliff_sentence",
    "ssa_change_frame",
    "ssa_frames",
    "ssa_grid",
    "ssa_markdown",
    "ssa_text",
    "ssa_workbook",
    "totals_frame",
]


def cliff_sentence(cliff: dict[str, Any]) -> str:
    """The ESF+ cliff in one German sentence.

    Parameters
    ----------
    cliff : dict
        The ``cliff`` of :func:`graph.planning.ssa.ssa_plan`: ``school_year``, ``schools`` (ids) and ``fte``.

    Returns
    -------
    str
        ``ab <Schuljahr> ohne gesicherte Finanzierung: <n> Schule(n), <VZÄ> VZÄ`` with a decimal comma.

    Examples
    --------
    >>> cliff_sentence({"school_year": "2028/29", "schools": ["a", "b"], "fte": 1.5, "esf": 2})
    'ab 2028/29 ohne gesicherte Finanzierung: 2 Schulen, 1,5 VZÄ'
    """
    schools = len(cliff["schools"])
    noun = "Schule" if schools == 1 else "Schulen"
    return f"ab {cliff['school_year']} ohne gesicherte Finanzierung: {schools} {noun}, {de_number(cliff['fte'])} {FTE}"


def ssa_grid(plan: dict[str, Any], dataset: Dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The school × school-year grid for the page: cell texts and, of the same shape, the status of each cell.

    A cell reads ``abgedeckt · 1,0 VZÄ``, ``teilweise`` or ``keine``; the status frame has ``""`` in the school
    columns.

    Parameters
    ----------
    plan : dict
        From :func:`graph.planning.ssa.ssa_plan`: ``school_years`` and ``schools`` with their ``years`` cells.
    dataset : Dataset
        For the labels of Stadtbezirk, Stadtteil and Schulform.

    Returns
    -------
    tuple of pandas.DataFrame
        The cell texts and the statuses (``covered``, ``partial``, ``none``), both with the columns ``Schule``,
        ``Stadtbezirk``, ``Stadtteil``, ``Schulform`` and one per school year.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> plan = {"school_years": ["2026/27"], "schools": [{"name": "S", "stadtbezirk": None, "district": None,
    ...         "school_type": None, "years": {"2026/27": {"status": "covered", "fte": 1.0}}}]}
    >>> text, status = ssa_grid(plan, Dataset(Vocabulary(), {}, ()))
    >>> text["2026/27"].tolist(), status["2026/27"].tolist()
    (['abgedeckt · 1,0 VZÄ'], ['covered'])
    """
    texts, states = [], []
    for row in plan["schools"]:
        head = _school_columns(dataset, row)
        cells = row["years"]
        texts.append(head | {y: _cell_text(cells[y]) for y in plan["school_years"]})
        states.append(dict.fromkeys(head, "") | {y: cells[y]["status"] for y in plan["school_years"]})
    columns = ["Schule", "Stadtbezirk", "Stadtteil", "Schulform", *plan["school_years"]]
    return pd.DataFrame(texts, columns=columns), pd.DataFrame(states, columns=columns)


def _cell_text(cell: dict[str, Any]) -> str:
    label = STATUS_LABELS[cell["status"]]
    return f"{label} · {de_number(cell['fte'])} {FTE}" if cell["fte"] is not None else label


def _ssa_detail(plan: dict[str, Any], dataset: Dataset) -> pd.DataFrame:
    records = []
    for row in plan["schools"]:
        record = _school_columns(dataset, row)
        for year in plan["school_years"]:
            cell = row["years"][year]
            record[f"{year} Status"] = STATUS_LABELS[cell["status"]]
            record[f"{year} {FTE}"] = cell["fte"]
            record[f"{year} Träger"] = _names(dataset, cell["providers"])
            record[f"{year} Finanzierung"] = _programmes(dataset, cell["funding"])
        records.append(record)
    return pd.DataFrame(records)


def totals_frame(totals: dict[str, dict[str, Any]], first: dict[str, Any] | None = None) -> pd.DataFrame:
    """Totals per school year (:func:`graph.planning.ssa.ssa_totals`) as a German table; ``first`` leads each row.

    Parameters
    ----------
    totals : dict
        School year → counts ``schools``, ``covered``, ``partial``, ``none`` and the sum ``fte``.
    first : dict or None
        Columns put before those of each row, e.g. ``{"Stadtbezirk": ...}``; default none.

    Returns
    -------
    pandas.DataFrame
        One row per school year: ``Schuljahr``, ``Schulen``, ``abgedeckt``, ``teilweise``, ``keine``, ``VZÄ``.

    Examples
    --------
    >>> totals_frame({"2026/27": {"schools": 2, "covered": 1, "partial": 0, "none": 1, "fte": 1.0}}).values.tolist()
    [['2026/27', 2, 1, 0, 1, 1.0]]
    """
    return pd.DataFrame(
        [
            (first or {})
            | {
                "Schuljahr": year,
                "Schulen": t["schools"],
                "abgedeckt": t["covered"],
                "teilweise": t["partial"],
                "keine": t["none"],
                FTE: t["fte"],
            }
            for year, t in totals.items()
        ]
    )


def bezirk_frame(by_bezirk: dict[str, dict[str, dict[str, Any]]], dataset: Dataset) -> pd.DataFrame:
    """Totals per Stadtbezirk and school year (:func:`graph.planning.ssa.totals_by_stadtbezirk`) as a German table.

    Parameters
    ----------
    by_bezirk : dict
        Stadtbezirk id (``""`` for none) → school year → totals as in :func:`totals_frame`.
    dataset : Dataset
        For the labels of the Stadtbezirke.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`totals_frame` led by ``Stadtbezirk`` (``ohne Angabe`` when unknown); empty without any.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> totals = {"": {"2026/27": {"schools": 1, "covered": 0, "partial": 0, "none": 1, "fte": 0.0}}}
    >>> bezirk_frame(totals, Dataset(Vocabulary(), {}, ())).values.tolist()
    [['ohne Angabe', '2026/27', 1, 0, 0, 1, 0.0]]
    """
    parts = [
        totals_frame(totals, {"Stadtbezirk": _label(dataset, "stadtbezirke", bezirk) or NO_BEZIRK})
        for bezirk, totals in by_bezirk.items()
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def bezirk_grid(by_bezirk: dict[str, dict[str, dict[str, Any]]], dataset: Dataset) -> pd.DataFrame:
    """Totals per Stadtbezirk as a grid for the page: one row per Stadtbezirk, one column per school year.

    Parameters
    ----------
    by_bezirk : dict
        Stadtbezirk id (``""`` for none) → school year → totals as in :func:`totals_frame`.
    dataset : Dataset
        For the labels of the Stadtbezirke.

    Returns
    -------
    pandas.DataFrame
        Columns ``Stadtbezirk``, ``Schulen`` (the count of the first school year) and per school year a text like
        ``1 von 3 abgedeckt, 1 teilweise · 1,5 VZÄ``.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> totals = {"sued": {"2026/27": {"schools": 3, "covered": 1, "partial": 1, "none": 1, "fte": 1.5}}}
    >>> bezirk_grid(totals, Dataset(Vocabulary(), {}, ())).values.tolist()
    [['sued', 3, '1 von 3 abgedeckt, 1 teilweise · 1,5 VZÄ']]
    """
    records = []
    for bezirk, totals in by_bezirk.items():
        record: dict[str, Any] = {
            "Stadtbezirk": _label(dataset, "stadtbezirke", bezirk) or NO_BEZIRK,
            "Schulen": next(iter(totals.values()))["schools"] if totals else 0,
        }
        for year, c in totals.items():
            partial = f", {c['partial']} teilweise" if c["partial"] else ""
            record[year] = f"{c['covered']} von {c['schools']} abgedeckt{partial} · {de_number(c['fte'])} {FTE}"
        records.append(record)
    return pd.DataFrame(records)


def ssa_change_frame(changes: list[dict[str, Any]], dataset: Dataset) -> pd.DataFrame:
    """Changes between school years (:func:`graph.planning.ssa.ssa_changes`) as a German table, one row per school.

    Parameters
    ----------
    changes : list of dict
        One entry per pair of consecutive years: ``from``, ``to`` and the rows under ``new``, ``ended``, ``changed``.
    dataset : Dataset
        For the names of providers and the labels of funding programmes.

    Returns
    -------
    pandas.DataFrame
        One row per school and change, new before ended before changed; the ten columns also when there is none.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> cell = {"status": "none", "fte": None, "providers": [], "funding": []}
    >>> row = {"name": "S", "before": cell | {"status": "covered", "fte": 1.0}, "after": cell}
    >>> change = {"from": "2026/27", "to": "2027/28", "new": [], "ended": [row], "changed": []}
    >>> ssa_change_frame([change], Dataset(Vocabulary(), {}, ())).iloc[0, :6].tolist()
    ['2026/27', '2027/28', 'beendet', 'S', 'abgedeckt', 'keine']
    """
    records = []
    for change in changes:
        for kind in CHANGE_LABELS:
            for row in change[kind]:
                before, after = row["before"], row["after"]
                records.append(
                    {
                        "von": change["from"],
                        "nach": change["to"],
                        "Veränderung": CHANGE_LABELS[kind],
                        "Schule": row["name"],
                        "Status vorher": STATUS_LABELS[before["status"]],
                        "Status nachher": STATUS_LABELS[after["status"]],
                        f"{FTE} vorher": before["fte"],
                        f"{FTE} nachher": after["fte"],
                        "Träger nachher": _names(dataset, after["providers"]),
                        "Finanzierung nachher": _programmes(dataset, after["funding"]),
                    }
                )
    columns = ["von", "nach", "Veränderung", "Schule", "Status vorher", "Status nachher"]
    return pd.DataFrame(
        records, columns=[*columns, f"{FTE} vorher", f"{FTE} nachher", "Träger nachher", "Finanzierung nachher"]
    )


def ssa_frames(plan: dict[str, Any], dataset: Dataset, by_bezirk: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Sheet name → table of the SSA planning: grid with details, totals per year and per Stadtbezirk, changes.

    Parameters
    ----------
    plan : dict
        From :func:`graph.planning.ssa.ssa_plan` (possibly with filtered ``schools`` and recomputed ``totals``).
    dataset : Dataset
        For names and labels.
    by_bezirk : dict
        From :func:`graph.planning.ssa.totals_by_stadtbezirk`.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``Schulen``, ``Summen je Schuljahr``, ``Summen je Stadtbezirk``, ``ESF+-Ende``, ``Veränderungen``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import ssa_view
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> view = ssa_view(ds)
    >>> list(ssa_frames(view, ds, view["by_stadtbezirk"]))
    ['Schulen', 'Summen je Schuljahr', 'Summen je Stadtbezirk', 'ESF+-Ende', 'Veränderungen']
    """
    cliff = plan["cliff"]
    cliff_rows = [{"Schule": _actor(dataset, s), "Hinweis": cliff_sentence(cliff)} for s in cliff["schools"]]
    return {
        "Schulen": _ssa_detail(plan, dataset),
        "Summen je Schuljahr": totals_frame(plan["totals"]),
        "Summen je Stadtbezirk": bezirk_frame(by_bezirk, dataset),
        "ESF+-Ende": pd.DataFrame(cliff_rows, columns=["Schule", "Hinweis"]),
        "Veränderungen": ssa_change_frame(plan["changes"], dataset),
    }


def ssa_workbook(plan: dict[str, Any], dataset: Dataset, by_bezirk: dict[str, Any]) -> bytes:
    """The SSA planning as an Excel workbook (sheets of :func:`ssa_frames`).

    Parameters
    ----------
    plan : dict
        From :func:`graph.planning.ssa.ssa_plan` or :func:`graph.planning.ssa.ssa_view`.
    dataset : Dataset
        For names and labels.
    by_bezirk : dict
        From :func:`graph.planning.ssa.totals_by_stadtbezirk`.

    Returns
    -------
    bytes
        The ``.xlsx`` file (:func:`workbook`).

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import ssa_view
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> view = ssa_view(ds)
    >>> ssa_workbook(view, ds, view["by_stadtbezirk"])[:2]
    b'PK'
    """
    return workbook(ssa_frames(plan, dataset, by_bezirk))


def _ssa_sections(plan: dict[str, Any], dataset: Dataset, by_bezirk: dict[str, Any]) -> list[tuple[str, pd.DataFrame]]:
    text, _ = ssa_grid(plan, dataset)
    frames = ssa_frames(plan, dataset, by_bezirk)
    grid = text.drop(columns=["Stadtteil", "Schulform"])
    changes = frames["Veränderungen"].drop(columns=["Träger nachher", "Finanzierung nachher"])
    return [
        ("Schulen je Schuljahr", grid),
        ("Summen je Schuljahr", frames["Summen je Schuljahr"]),
        ("Summen je Stadtbezirk", frames["Summen je Stadtbezirk"]),
        ("Veränderungen zwischen den Schuljahren", changes),
    ]


def ssa_text(plan: dict[str, Any], dataset: Dataset, by_bezirk: dict[str, Any]) -> str:
    """The SSA planning as plain text: title, ESF+ cliff, then each table in fixed-width columns.

    Parameters
    ----------
    plan : dict
        From :func:`graph.planning.ssa.ssa_plan` or :func:`graph.planning.ssa.ssa_view`.
    dataset : Dataset
        For names and labels.
    by_bezirk : dict
        From :func:`graph.planning.ssa.totals_by_stadtbezirk`.

    Returns
    -------
    str
        Lines without a trailing newline; an empty table reads ``(keine)``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import ssa_view
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> view = ssa_view(ds)
    >>> print(ssa_text(view, ds, view["by_stadtbezirk"]).splitlines()[1])
    ESF+-Ende: ab 2028/29 ohne gesicherte Finanzierung: 1 Schule, 1,5 VZÄ
    """
    head = [
        _title("Teilplanung Schulsozialarbeit", plan["school_years"]),
        f"ESF+-Ende: {cliff_sentence(plan['cliff'])}",
    ]
    return _text_document(head, _ssa_sections(plan, dataset, by_bezirk))


def ssa_markdown(plan: dict[str, Any], dataset: Dataset, by_bezirk: dict[str, Any]) -> str:
    """The SSA planning as Markdown: heading, ESF+ cliff, one table per section.

    Parameters
    ----------
    plan : dict
        From :func:`graph.planning.ssa.ssa_plan` or :func:`graph.planning.ssa.ssa_view`.
    dataset : Dataset
        For names and labels.
    by_bezirk : dict
        From :func:`graph.planning.ssa.totals_by_stadtbezirk`.

    Returns
    -------
    str
        Markdown with texts from the data made inert; an empty table reads ``(keine)``.

    Examples
    --------
    >>> from graph import load_dataset
    >>> from graph.planning import ssa_view
    >>> ds = load_dataset("tests/data/plan").dataset
    >>> view = ssa_view(ds)
    >>> ssa_markdown(view, ds, view["by_stadtbezirk"]).splitlines()[0]
    '# Teilplanung Schulsozialarbeit 2024/25–2027/28'
    """
    head = [
        f"# {_title('Teilplanung Schulsozialarbeit', plan['school_years'])}",
        "",
        f"**ESF+-Ende:** {cliff_sentence(plan['cliff'])}",
    ]
    return _markdown_document(head, _ssa_sections(plan, dataset, by_bezirk))
