"""BbA overview: where the grants for bildungsbezogene Angebote went, per school and school year.

A grant is a ``foerderung`` relation with ``funding.programme: bba`` (:mod:`graph.data.planrules` checks that it
has an amount, lies in one school year and belongs to exactly one school). It counts in the school year of its
``since``, for its school: the target, or the one school the funded project is linked to.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from graph.data.model import Dataset, Relation
from graph.data.planrules import BBA, grant_school_candidates, is_bba_grant
from graph.data.schoolyear import SchoolYear, school_year_of
from graph.planning.ssa import filter_schools, school_stadtbezirk, schools_by_name, ssa_plan
from graph.planning.years import default_years

__all__ = ["bba_cap", "bba_changes", "bba_grants", "bba_overview", "bba_view"]

PROJECT = "projekt"
CARRIER = "traegerschaft"


def _is_grant(relation: Relation) -> bool:
    programme = relation.funding.programme if relation.funding else None
    return is_bba_grant({"type": relation.type, "funding": {"programme": programme}})


def bba_cap(dataset: Dataset, programme: str = BBA) -> float | None:
    """The cap per school and school year the vocabulary declares for ``programme`` (``None``: no cap known).

    Parameters
    ----------
    dataset : Dataset
        The data set whose vocabulary lists the ``funding_programmes``.
    programme : str
        The programme id; default ``bba``.

    Returns
    -------
    float or None
        The term's ``cap`` in euros as written in the vocabulary, or ``None`` when the programme or its cap is missing.

    Examples
    --------
    >>> from graph.data.model import Term, Vocabulary
    >>> bba_cap(Dataset(Vocabulary({"funding_programmes": {"bba": Term("bba", "BbA", cap=3000)}}), {}, ()))
    3000
    >>> bba_cap(Dataset(Vocabulary(), {}, ())) is None
    True
    """
    term = dataset.vocabulary.terms("funding_programmes").get(programme)
    return term.cap if term is not None else None


def _provider(dataset: Dataset, project: str | None) -> str | None:
    """Who runs a funded project: its ``parent``, else the source of a ``traegerschaft`` relation to it."""
    if project is None:
        return None
    parent = dataset.actors[project].parent
    if parent:
        return parent
    carriers = sorted(r.source for r in dataset.relations if r.type == CARRIER and r.target == project)
    return carriers[0] if carriers else None


def bba_grants(dataset: Dataset) -> list[dict[str, Any]]:
    """Every BbA grant with its school and school year, in school year, school and relation order.

    Grants without ``since`` or without exactly one school are left out (:mod:`graph.data.planrules` reports them).

    Parameters
    ----------
    dataset : Dataset
        The data set; ``foerderung`` relations with programme ``bba`` are the grants.

    Returns
    -------
    list of dict
        ``relation``, ``school``, ``school_year`` (name), ``project`` (the funded project or ``None`` when the
        school itself is funded), ``provider`` (who runs the project), ``funder`` (the grant's source), ``amount``,
        ``topics`` (the grant's own, else the project's); sorted by school year name, school id and relation id.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor, Funding, Vocabulary
    >>> actors = {"s": Actor("s", "S", "schule"), "f": Actor("f", "F", "traeger")}
    >>> grant = Relation("g", "f", "s", "foerderung", since=dt.date(2026, 9, 1), funding=Funding("bba", 900))
    >>> [(g["school"], g["school_year"], g["amount"]) for g in bba_grants(Dataset(Vocabulary(), actors, (grant,)))]
    [('s', '2026/27', 900)]
    """
    kinds = {a.id: a.kind for a in dataset.actors.values()}
    links = [(r.source, r.target) for r in dataset.relations if not _is_grant(r)]
    grants = []
    for relation in dataset.relations:
        if not _is_grant(relation) or relation.since is None:
            continue
        schools = grant_school_candidates(relation.target, kinds, links)
        if len(schools) != 1:
            continue
        project = relation.target if kinds.get(relation.target) == PROJECT else None
        topics = relation.topics or (dataset.actors[project].topics if project else ())
        grants.append(
            {
                "relation": relation.id,
                "school": schools[0],
                "school_year": school_year_of(relation.since).name,
                "project": project,
                "provider": _provider(dataset, project),
                "funder": relation.source,
                "amount": _sum([relation.funding.amount if relation.funding else None]),
                "topics": list(topics),
            }
        )
    return sorted(grants, key=lambda g: (g["school_year"], g["school"], g["relation"]))


def _sum(amounts: Iterable[float | None]) -> float:
    total = sum(a for a in amounts if a is not None)
    return int(total) if float(total).is_integer() else round(total, 2)


def _grant_row(grant: dict[str, Any]) -> dict[str, Any]:
    return {k: grant[k] for k in ("relation", "project", "provider", "amount", "topics")}


def bba_overview(dataset: Dataset, years: list[SchoolYear] | None = None) -> dict[str, Any]:
    """Grants per school and school year against the cap, schools never funded, sums per topic and Stadtbezirk.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    years : list of SchoolYear, optional
        The school years (default: the ESF+ period); grants of other years are left out everywhere.

    Returns
    -------
    dict
        ``school_years``; ``cap`` (:func:`bba_cap`); ``schools``: every school (``id``, ``name``, ``district``,
        ``stadtbezirk``, ``school_type``, ``years``: name → ``amount``, ``grants`` and ``over_cap``, true only when a
        cap is set and the amount exceeds it); ``never_funded`` (ids of schools without any grant in the years);
        ``totals`` (name → ``amount``, ``grants``, ``schools``); ``by_topic`` (topic → ``grants``, ``amount``; a grant
        with two topics counts for both); ``by_district`` (Stadtbezirk → year name → amount); ``changes``
        (:func:`bba_changes` of every pair of neighbouring years).

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Actor, Funding, Term, Vocabulary
    >>> v = Vocabulary({"funding_programmes": {"bba": Term("bba", "BbA", cap=1000)}})
    >>> actors = {"s": Actor("s", "S", "schule"), "n": Actor("n", "N", "schule"), "f": Actor("f", "F", "traeger")}
    >>> grants = tuple(Relation(f"g{i}", "f", "s", "foerderung", since=dt.date(2026, 9, i), funding=Funding("bba", 600))
    ...                for i in (1, 2))
    >>> view = bba_overview(Dataset(v, actors, grants), [SchoolYear(2026)])
    >>> view["schools"][1]["years"]["2026/27"]["amount"], view["schools"][1]["years"]["2026/27"]["over_cap"]
    (1200, True)
    >>> view["never_funded"]
    ['n']
    """
    years = default_years() if years is None else years
    names = [y.name for y in years]
    cap = bba_cap(dataset)
    grants = [g for g in bba_grants(dataset) if g["school_year"] in names]
    rows = []
    for school in schools_by_name(dataset):
        cells = {}
        for name in names:
            own = [g for g in grants if g["school"] == school.id and g["school_year"] == name]
            amount = _sum(g["amount"] for g in own)
            over = cap is not None and amount > cap
            cells[name] = {"amount": amount, "grants": [_grant_row(g) for g in own], "over_cap": over}
        rows.append(
            {
                "id": school.id,
                "name": school.name,
                "district": school.district,
                "stadtbezirk": school_stadtbezirk(dataset.vocabulary, school),
                "school_type": school.subtype,
                "years": cells,
            }
        )
    funded = {g["school"] for g in grants}
    return {
        "school_years": names,
        "cap": cap,
        "schools": rows,
        "never_funded": [row["id"] for row in rows if row["id"] not in funded],
        "totals": _totals(grants, names),
        "by_topic": _by_topic(grants),
        "by_district": _by_district(rows, names),
        "changes": [bba_changes(rows, a, b) for a, b in itertools.pairwise(names)],
    }


def _totals(grants: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, Any]]:
    totals = {}
    for name in names:
        own = [g for g in grants if g["school_year"] == name]
        totals[name] = {
            "amount": _sum(g["amount"] for g in own),
            "grants": len(own),
            "schools": len({g["school"] for g in own}),
        }
    return totals


def _by_topic(grants: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    topics: dict[str, list[dict[str, Any]]] = {}
    for grant in grants:
        for topic in grant["topics"] or [""]:
            topics.setdefault(topic, []).append(grant)
    return {
        topic: {"grants": len(own), "amount": _sum(g["amount"] for g in own)} for topic, own in sorted(topics.items())
    }


def _by_district(rows: list[dict[str, Any]], names: list[str]) -> dict[str, dict[str, Any]]:
    districts: dict[str, dict[str, Any]] = {}
    for row in rows:
        bezirk = row["stadtbezirk"] or ""
        sums = districts.setdefault(bezirk, dict.fromkeys(names, 0))
        for name in names:
            sums[name] = _sum([sums[name], row["years"][name]["amount"]])
    return {bezirk: districts[bezirk] for bezirk in sorted(districts)}


def bba_changes(rows: list[dict[str, Any]], first: str, second: str) -> dict[str, Any]:
    """Schools funded in ``second`` but not ``first`` (``new``), the reverse (``ended``), or with another amount
    (``changed``); each with ``id``, ``name`` and the amount ``before`` and ``after``.

    Parameters
    ----------
    rows : list of dict
        School rows of :func:`bba_overview` with ``id``, ``name`` and ``years`` (name → cell with ``amount``).
    first : str
        Name of the earlier school year.
    second : str
        Name of the later school year.

    Returns
    -------
    dict
        ``from``, ``to`` and the lists ``new``, ``ended``, ``changed``, in the order of ``rows``; an amount of 0
        counts as not funded.

    Examples
    --------
    >>> cell = lambda a: {"amount": a}
    >>> rows = [{"id": "a", "name": "A", "years": {"x": cell(0), "y": cell(500)}},
    ...         {"id": "b", "name": "B", "years": {"x": cell(800), "y": cell(600)}}]
    >>> change = bba_changes(rows, "x", "y")
    >>> change["new"], change["changed"][0]["after"]
    ([{'id': 'a', 'name': 'A', 'before': 0, 'after': 500}], 600)
    """
    result: dict[str, Any] = {"from": first, "to": second, "new": [], "ended": [], "changed": []}
    for row in rows:
        before, after = row["years"][first]["amount"], row["years"][second]["amount"]
        if before == after:
            continue
        kind = "new" if not before else "ended" if not after else "changed"
        result[kind].append({"id": row["id"], "name": row["name"], "before": before, "after": after})
    return result


def bba_view(
    dataset: Dataset,
    years: list[SchoolYear] | None = None,
    stadtbezirke: Iterable[str] = (),
    school_types: Iterable[str] = (),
    programmes: Iterable[str] = (),
) -> dict[str, Any]:
    """:func:`bba_overview` of the schools that pass the filters of the SSA view
    (:func:`graph.planning.ssa.filter_schools`; ``programmes`` filters by the school social work's programme).

    ``schools``, ``never_funded``, ``totals``, ``by_topic``, ``by_district`` and ``changes`` count only those
    schools' grants.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    years : list of SchoolYear or None
        The school years (default: the ESF+ period).
    stadtbezirke : iterable of str
        Stadtbezirk ids to keep; empty (default) keeps all.
    school_types : iterable of str
        School type ids to keep; empty (default) keeps all.
    programmes : iterable of str
        Funding programme ids of the school's school social work in the years shown; empty (default) keeps all.

    Returns
    -------
    dict
        The keys of :func:`bba_overview`; ``school_years`` and ``cap`` unchanged, the others over the kept schools.

    Examples
    --------
    >>> from graph.data.model import Actor, Vocabulary
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule", subtype="gs"), "t": Actor("t", "T", "schule")}, ())
    >>> bba_view(ds, [SchoolYear(2026)], school_types=["gs"])["never_funded"]
    ['s']
    """
    plan = ssa_plan(dataset, years)
    kept = {r["id"] for r in filter_schools(plan["schools"], stadtbezirke, school_types, programmes)}
    overview = bba_overview(dataset, years)
    names = overview["school_years"]
    rows = [r for r in overview["schools"] if r["id"] in kept]
    grants = [g for g in bba_grants(dataset) if g["school"] in kept and g["school_year"] in names]
    return overview | {
        "schools": rows,
        "never_funded": [s for s in overview["never_funded"] if s in kept],
        "totals": _totals(grants, names),
        "by_topic": _by_topic(grants),
        "by_district": _by_district(rows, names),
        "changes": [bba_changes(rows, a, b) for a, b in itertools.pairwise(names)],
    }
