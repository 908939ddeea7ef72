"""Teilplanung Schulsozialarbeit: which school has school social work in which school year, how much, paid by whom.

A school is ``covered`` in a school year when on every day of it some ``schulsozialarbeit`` relation runs
(several relations one after the other count together), ``partial`` when one runs on some days, ``none``
otherwise. Its ``fte`` is the yearly mean of the full-time equivalents of its relations, each weighted by
the days it runs in the school year (a 1.0 position for half the year counts 0.5), rounded to 2 decimals;
``None`` when no running relation states ``fte``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

from graph.data.model import Actor, Dataset, Relation, Vocabulary
from graph.data.schoolyear import ESF_PLUS_END, SchoolYear, school_year_of
from graph.planning.years import default_years

__all__ = [
    "COVERED",
    "NONE",
    "PARTIAL",
    "STATUSES",
    "esf_cliff",
    "filter_schools",
    "school_stadtbezirk",
    "schools_by_name",
    "ssa_changes",
    "ssa_plan",
    "ssa_programmes",
    "ssa_totals",
    "ssa_view",
    "totals_by_stadtbezirk",
    "year_status",
]

COVERED = "covered"
PARTIAL = "partial"
NONE = "none"
#: Every status, best first.
STATUSES = (COVERED, PARTIAL, NONE)
SCHOOL = "schule"
SCHOOL_SOCIAL_WORK = "schulsozialarbeit"
#: Programme ids that end with the ESF+ period.
ESF_PREFIX = "esf-plus"


def school_stadtbezirk(vocabulary: Vocabulary, school: Actor) -> str | None:
    """The Stadtbezirk of an actor: from its statistical district, else from its Stadtteil.

    A district known to the vocabulary decides even when its term names no Stadtbezirk.

    Parameters
    ----------
    vocabulary : Vocabulary
        Holds the ``districts`` and ``stadtteile`` terms with their ``stadtbezirk``.
    school : Actor
        The actor (usually a school); its ``district`` and ``stadtteil`` are looked up.

    Returns
    -------
    str or None
        The Stadtbezirk id, or ``None`` when neither term is known or names one.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"districts": {"d": Term("d", "D", stadtbezirk="sued")},
    ...                 "stadtteile": {"t": Term("t", "T", stadtbezirk="west")}})
    >>> a, b = Actor("a", "A", "schule", district="d"), Actor("b", "B", "schule", stadtteil="t")
    >>> school_stadtbezirk(v, a), school_stadtbezirk(v, b)
    ('sued', 'west')
    """
    return vocabulary.stadtbezirk_of(school.district, school.stadtteil)


def _days_in(relation: Relation, year: SchoolYear) -> tuple[dt.date, dt.date] | None:
    """First and last day the relation runs within the school year, or ``None``."""
    first = max(year.start, relation.since or year.start)
    last = min(year.end, relation.until or year.end)
    return (first, last) if first <= last else None


def _covered_days(spans: Iterable[tuple[dt.date, dt.date]]) -> int:
    """Days in the union of the spans (both ends included)."""
    total, reach = 0, None
    for first, last in sorted(spans):
        if reach is not None and first <= reach:
            first = reach + dt.timedelta(days=1)
        if first <= last:
            total += (last - first).days + 1
        reach = last if reach is None else max(reach, last)
    return total


def _unique(items: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def year_status(relations: list[Relation], year: SchoolYear) -> dict[str, Any]:
    """Status of one school in one school year from its school social work relations.

    Parameters
    ----------
    relations : list of Relation
        The school's ``schulsozialarbeit`` relations.
    year : SchoolYear
        The school year.

    Returns
    -------
    dict
        ``status`` (``covered``, ``partial``, ``none``), ``providers`` (source ids), ``fte`` (yearly mean, see the
        module docstring) and ``funding`` (programme ids), providers and programmes in the order of the relations.

    Examples
    --------
    >>> r = Relation("r", "t", "s", "schulsozialarbeit", since=dt.date(2024, 8, 1), until=dt.date(2027, 1, 31), fte=1.0)
    >>> year_status([r], SchoolYear(2025))
    {'status': 'covered', 'providers': ['t'], 'fte': 1.0, 'funding': []}
    >>> year_status([r], SchoolYear(2026))["status"], year_status([r], SchoolYear(2026))["fte"]
    ('partial', 0.5)
    >>> year_status([r], SchoolYear(2027))
    {'status': 'none', 'providers': [], 'fte': None, 'funding': []}
    """
    running = [(r, span) for r in relations if (span := _days_in(r, year)) is not None]
    days = (year.end - year.start).days + 1
    covered = _covered_days(span for _, span in running)
    status = NONE if covered == 0 else COVERED if covered == days else PARTIAL
    with_fte = [(r.fte, span) for r, span in running if r.fte is not None]
    fte = round(sum(f * ((last - first).days + 1) for f, (first, last) in with_fte) / days, 2) if with_fte else None
    return {
        "status": status,
        "providers": _unique(r.source for r, _ in running),
        "fte": fte,
        "funding": _unique(r.funding.programme if r.funding else None for r, _ in running),
    }


def _school_relations(dataset: Dataset) -> dict[str, list[Relation]]:
    by_school: dict[str, list[Relation]] = {}
    for relation in dataset.relations:
        if relation.type == SCHOOL_SOCIAL_WORK:
            by_school.setdefault(relation.target, []).append(relation)
    return by_school


def schools_by_name(dataset: Dataset) -> list[Actor]:
    """Every school of the data set, sorted by name (then id).

    Parameters
    ----------
    dataset : Dataset
        The data set; its actors of kind ``schule`` are the schools.

    Returns
    -------
    list of Actor
        The schools, sorted by case-folded name, then id.

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"b": Actor("b", "b", "schule"), "a": Actor("a", "A", "schule"),
    ...                             "t": Actor("t", "T", "traeger")}, ())
    >>> [a.id for a in schools_by_name(ds)]
    ['a', 'b']
    """
    schools = [a for a in dataset.actors.values() if a.kind == SCHOOL]
    return sorted(schools, key=lambda a: (a.name.casefold(), a.id))


def ssa_plan(dataset: Dataset, years: list[SchoolYear] | None = None) -> dict[str, Any]:
    """The planning grid: every school × school year with status, providers, FTE and programmes, and totals.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    years : list of SchoolYear, optional
        The school years (default :func:`default_years`).

    Returns
    -------
    dict
        ``school_years`` (names), ``schools`` (``id``, ``name``, ``district``, ``stadtbezirk``, ``school_type``,
        ``years``: name → :func:`year_status`), ``totals`` (:func:`ssa_totals`), ``cliff`` (:func:`esf_cliff`) and
        ``changes`` (:func:`ssa_changes` of every pair of neighbouring years); schools sorted by name.

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", since=dt.date(2026, 8, 1), fte=0.5),))
    >>> plan = ssa_plan(ds, [SchoolYear(2025), SchoolYear(2026)])
    >>> [y["status"] for y in plan["schools"][0]["years"].values()], plan["totals"]["2026/27"]["fte"]
    (['none', 'covered'], 0.5)
    """
    years = default_years() if years is None else years
    by_school = _school_relations(dataset)
    rows = [
        {
            "id": school.id,
            "name": school.name,
            "district": school.district,
            "stadtbezirk": school_stadtbezirk(dataset.vocabulary, school),
            "school_type": school.subtype,
            "years": {year.name: year_status(by_school.get(school.id, []), year) for year in years},
        }
        for school in schools_by_name(dataset)
    ]
    names = [year.name for year in years]
    return {
        "school_years": names,
        "schools": rows,
        "totals": ssa_totals(rows, names),
        "cliff": esf_cliff(dataset),
        "changes": [ssa_changes(rows, a, b) for a, b in itertools.pairwise(names)],
    }


def _fte_sum(values: Iterable[float | None]) -> float:
    return round(float(sum(v for v in values if v is not None)), 2)


def ssa_totals(rows: list[dict[str, Any]], years: list[str]) -> dict[str, dict[str, Any]]:
    """Per school year: how many schools, how many covered, partial, without, and the FTE sum.

    Parameters
    ----------
    rows : list of dict
        School rows of :func:`ssa_plan` (possibly filtered).
    years : list of str
        School year names.

    Returns
    -------
    dict
        Name → ``schools``, ``covered``, ``partial``, ``none``, ``fte``.

    Examples
    --------
    >>> rows = [{"years": {"2026/27": {"status": "covered", "fte": 1.0}}},
    ...         {"years": {"2026/27": {"status": "none", "fte": None}}}]
    >>> ssa_totals(rows, ["2026/27"])
    {'2026/27': {'schools': 2, 'covered': 1, 'partial': 0, 'none': 1, 'fte': 1.0}}
    """
    totals = {}
    for year in years:
        cells = [row["years"][year] for row in rows]
        counts = {status: sum(1 for c in cells if c["status"] == status) for status in STATUSES}
        totals[year] = {"schools": len(cells), **counts, "fte": _fte_sum(c["fte"] for c in cells)}
    return totals


def totals_by_stadtbezirk(rows: list[dict[str, Any]], years: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """:func:`ssa_totals` per Stadtbezirk (``""`` for schools without one), Stadtbezirke in alphabetical order.

    Parameters
    ----------
    rows : list of dict
        School rows of :func:`ssa_plan` (possibly filtered), each with ``stadtbezirk`` and ``years``.
    years : list of str
        School year names.

    Returns
    -------
    dict
        Stadtbezirk id → school year name → ``schools``, ``covered``, ``partial``, ``none``, ``fte``.

    Examples
    --------
    >>> rows = [{"stadtbezirk": "west", "years": {"2026/27": {"status": "partial", "fte": 0.5}}},
    ...         {"stadtbezirk": "sued", "years": {"2026/27": {"status": "none", "fte": None}}}]
    >>> {k: v["2026/27"]["partial"] for k, v in totals_by_stadtbezirk(rows, ["2026/27"]).items()}
    {'sued': 0, 'west': 1}
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get("stadtbezirk") or "", []).append(row)
    return {bezirk: ssa_totals(groups[bezirk], years) for bezirk in sorted(groups)}


def esf_cliff(
    dataset: Dataset, last_day: dt.date = ESF_PLUS_END, schools: Iterable[str] | None = None
) -> dict[str, Any]:
    """Schools whose school social work runs on the ESF+ period's last day and not on the day after.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    last_day : datetime.date
        The last funded day (default :data:`graph.data.schoolyear.ESF_PLUS_END`).
    schools : iterable of str, optional
        Only these schools (a filtered view); default every school.

    Returns
    -------
    dict
        ``school_year`` (the first one without funding, ``2028/29``), ``schools`` (ids, sorted), ``fte`` (sum of
        the FTE that end), ``esf`` (how many of the schools lose ESF+-funded school social work).

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2028, 7, 31), fte=1.5),))
    >>> esf_cliff(ds)
    {'school_year': '2028/29', 'schools': ['s'], 'fte': 1.5, 'esf': 0}
    """
    after = last_day + dt.timedelta(days=1)
    wanted = None if schools is None else set(schools)
    ids, fte, esf = [], 0.0, 0
    for school, relations in sorted(_school_relations(dataset).items()):
        if wanted is not None and school not in wanted:
            continue
        ending = [r for r in relations if r.active_on(last_day)]
        if not ending or any(r.active_on(after) for r in relations):
            continue
        ids.append(school)
        fte += sum(r.fte or 0.0 for r in ending)
        esf += any(r.funding and (r.funding.programme or "").startswith(ESF_PREFIX) for r in ending)
    return {"school_year": school_year_of(after).name, "schools": ids, "fte": round(fte, 2), "esf": esf}


def filter_schools(
    rows: list[dict[str, Any]],
    stadtbezirke: Iterable[str] = (),
    school_types: Iterable[str] = (),
    programmes: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """School rows of :func:`ssa_plan` (or :func:`graph.planning.bba.bba_overview`) that pass every filter given.

    An empty filter lets every row pass; ``programmes`` keeps schools with one of them in any school year shown.

    Parameters
    ----------
    rows : list of dict
        School rows with ``stadtbezirk``, ``school_type`` and ``years`` (cells may carry ``funding``).
    stadtbezirke : iterable of str
        Stadtbezirk ids to keep; empty (default) keeps all.
    school_types : iterable of str
        School type ids (``school_type`` of the row) to keep; empty (default) keeps all.
    programmes : iterable of str
        Funding programme ids; a row passes with one of them in the ``funding`` of any cell. Empty (default) keeps
        all; rows whose cells have no ``funding`` (as in the BbA overview) never pass a non-empty one.

    Returns
    -------
    list of dict
        The rows that pass, in their order (the same dicts, not copies).

    Examples
    --------
    >>> rows = [{"id": "a", "stadtbezirk": "sued", "school_type": "gs", "years": {"x": {"funding": ["esf"]}}},
    ...         {"id": "b", "stadtbezirk": "west", "school_type": "gs", "years": {"x": {"funding": []}}}]
    >>> [r["id"] for r in filter_schools(rows, programmes=["esf"])], [r["id"] for r in filter_schools(rows, ["west"])]
    (['a'], ['b'])
    """
    bezirke, types, wanted = set(stadtbezirke), set(school_types), set(programmes)
    return [
        row
        for row in rows
        if (not bezirke or row["stadtbezirk"] in bezirke)
        and (not types or row["school_type"] in types)
        and (not wanted or any(wanted & set(c.get("funding", ())) for c in row["years"].values()))
    ]


def _change_row(row: dict[str, Any], before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    keys = ("status", "fte", "providers", "funding")
    return {
        "id": row["id"],
        "name": row["name"],
        "before": {k: before[k] for k in keys},
        "after": {k: after[k] for k in keys},
    }


def ssa_changes(rows: list[dict[str, Any]], first: str, second: str) -> dict[str, Any]:
    """What changed from school year ``first`` to ``second``: schools that get, lose or change school social work.

    ``new``: none before, some after; ``ended``: some before, none after; ``changed``: some in both, but another
    status, FTE, provider or programme.

    Parameters
    ----------
    rows : list of dict
        School rows of :func:`ssa_plan` with ``id``, ``name`` and ``years`` (name → :func:`year_status`).
    first : str
        Name of the earlier school year, e.g. ``2026/27``.
    second : str
        Name of the later school year.

    Returns
    -------
    dict
        ``from``, ``to`` and the lists ``new``, ``ended``, ``changed`` of ``id``, ``name``, ``before`` and
        ``after`` (each ``status``, ``fte``, ``providers``, ``funding``), in the order of ``rows``.

    Examples
    --------
    >>> cell = lambda s, f: {"status": s, "fte": f, "providers": [], "funding": []}
    >>> rows = [{"id": "a", "name": "A", "years": {"x": cell("none", None), "y": cell("covered", 1.0)}},
    ...         {"id": "b", "name": "B", "years": {"x": cell("covered", 1.0), "y": cell("partial", 0.5)}}]
    >>> change = ssa_changes(rows, "x", "y")
    >>> [r["id"] for r in change["new"]], [r["id"] for r in change["ended"]], [r["id"] for r in change["changed"]]
    (['a'], [], ['b'])
    """
    result: dict[str, Any] = {"from": first, "to": second, "new": [], "ended": [], "changed": []}
    for row in rows:
        before, after = row["years"][first], row["years"][second]
        if before == after:
            continue
        kind = "new" if before["status"] == NONE else "ended" if after["status"] == NONE else "changed"
        result[kind].append(_change_row(row, before, after))
    return result


def ssa_view(
    dataset: Dataset,
    years: list[SchoolYear] | None = None,
    stadtbezirke: Iterable[str] = (),
    school_types: Iterable[str] = (),
    programmes: Iterable[str] = (),
) -> dict[str, Any]:
    """:func:`ssa_plan` of the schools that pass the filters (:func:`filter_schools`), totals, cliff and changes
    counted over those schools only, plus ``by_stadtbezirk`` (:func:`totals_by_stadtbezirk`).

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    years : list of SchoolYear or None
        The school years (default :func:`default_years`).
    stadtbezirke : iterable of str
        Stadtbezirk ids to keep; empty (default) keeps all.
    school_types : iterable of str
        School type ids to keep; empty (default) keeps all.
    programmes : iterable of str
        Funding programme ids of school social work to keep; empty (default) keeps all.

    Returns
    -------
    dict
        The keys of :func:`ssa_plan` over the kept schools, plus ``by_stadtbezirk``.

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule", subtype="gs"), "t": Actor("t", "T", "schule")}, ())
    >>> view = ssa_view(ds, [SchoolYear(2026)], school_types=["gs"])
    >>> [r["id"] for r in view["schools"]], view["totals"]["2026/27"]["schools"]
    (['s'], 1)
    """
    plan = ssa_plan(dataset, years)
    rows = filter_schools(plan["schools"], stadtbezirke, school_types, programmes)
    names = plan["school_years"]
    return plan | {
        "schools": rows,
        "totals": ssa_totals(rows, names),
        "by_stadtbezirk": totals_by_stadtbezirk(rows, names),
        "cliff": esf_cliff(dataset, schools=[r["id"] for r in rows]),
        "changes": [ssa_changes(rows, a, b) for a, b in itertools.pairwise(names)],
    }


def ssa_programmes(dataset: Dataset) -> list[str]:
    """Funding programmes of school social work in the data, in vocabulary order (the page's programme filter).

    Parameters
    ----------
    dataset : Dataset
        The data set; its ``schulsozialarbeit`` relations with funding are read.

    Returns
    -------
    list of str
        Programme ids that occur, in the order of ``funding_programmes``; ids missing from the vocabulary are left out.

    Examples
    --------
    >>> from graph.data.model import Funding, Term
    >>> v = Vocabulary({"funding_programmes": {"a": Term("a", "A"), "b": Term("b", "B")}})
    >>> ds = Dataset(v, {}, (Relation("r", "t", "s", "schulsozialarbeit", funding=Funding("b")),))
    >>> ssa_programmes(ds)
    ['b']
    """
    used = {r.funding.programme for r in dataset.relations if r.type == SCHOOL_SOCIAL_WORK and r.funding}
    return [p for p in dataset.vocabulary.terms("funding_programmes") if p in used]
