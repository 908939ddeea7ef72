"""The planning views as German tables: for the page, the Excel workbook, and the text and Markdown of ``plan``.

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

__all__ = [
    "STATUS_LABELS",
    "bba_change_frame",
    "bba_frames",
    "bba_markdown",
    "bba_text",
    "bba_workbook",
    "bezirk_frame",
    "bezirk_grid",
    "cliff_sentence",
    "de_money",
    "display_table",
    "ssa_change_frame",
    "ssa_frames",
    "ssa_grid",
    "ssa_markdown",
    "ssa_text",
    "ssa_workbook",
    "totals_frame",
    "workbook",
]

#: German name of each status of :mod:`graph.planning.ssa`.
STATUS_LABELS = {"covered": "abgedeckt", "partial": "teilweise", "none": "keine"}
CHANGE_LABELS = {"new": "neu", "ended": "beendet", "changed": "verändert"}
FTE = "VZÄ"
EUR = "Betrag (EUR)"
#: Stadtbezirk of schools without one (real schools whose district no source names).
NO_BEZIRK = "ohne Angabe"


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


def _school_columns(dataset: Dataset, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "Schule": row["name"],
        "Stadtbezirk": _label(dataset, "stadtbezirke", row["stadtbezirk"]),
        "Stadtteil": _label(dataset, "districts", row["district"]),
        "Schulform": _label(dataset, "school_types", row["school_type"]),
    }


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


def _bba_school_frame(overview: dict[str, Any], dataset: Dataset) -> pd.DataFrame:
    records = []
    for row in overview["schools"]:
        record = _school_columns(dataset, row)
        for year in overview["school_years"]:
            cell = row["years"][year]
            record[f"{year} {EUR}"] = cell["amount"]
            record[f"{year} über Obergrenze"] = cell["over_cap"]
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


def _title(kind: str, years: list[str]) -> str:
    return f"{kind} {years[0]}–{years[-1]}" if years else kind


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
    lines = [
        _title("Teilplanung Schulsozialarbeit", plan["school_years"]),
        f"ESF+-Ende: {cliff_sentence(plan['cliff'])}",
    ]
    for title, frame in _ssa_sections(plan, dataset, by_bezirk):
        lines += ["", title, *(_fixed(frame) if not frame.empty else ["(keine)"])]
    return "\n".join(lines)


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
    lines = [
        f"# {_title('Teilplanung Schulsozialarbeit', plan['school_years'])}",
        "",
        f"**ESF+-Ende:** {cliff_sentence(plan['cliff'])}",
    ]
    for title, frame in _ssa_sections(plan, dataset, by_bezirk):
        lines += ["", f"## {title}", "", *(_markdown(frame) if not frame.empty else ["(keine)"])]
    return "\n".join(lines)


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
    lines = [_title("BbA-Förderung", overview["school_years"]), _cap_sentence(overview["cap"])]
    for title, frame in _bba_sections(overview, dataset):
        lines += ["", title, *(_fixed(frame) if not frame.empty else ["(keine)"])]
    return "\n".join(lines)


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
    lines = [f"# {_title('BbA-Förderung', overview['school_years'])}", "", _cap_sentence(overview["cap"])]
    for title, frame in _bba_sections(overview, dataset):
        lines += ["", f"## {title}", "", *(_markdown(frame) if not frame.empty else ["(keine)"])]
    return "\n".join(lines)
