"""Gaps seen from the schools: school social work missing or ending, core topics within reach."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.data.build import build_graph
from graph.data.model import Actor, Dataset, Relation, Vocabulary
from graph.data.schoolyear import ESF_PLUS_END, add_months, months_until
from graph.gaps.info import NOT_OFFERING, SCHOOL, SCHOOL_SOCIAL_WORK, _active, _bezirk, _schools
from graph.metrics import metric_graph

__all__ = [
    "DEFAULT_MONTHS",
    "MAX_MONTHS",
    "URGENT_MONTHS",
    "core_topics",
    "default_ending_months",
    "ending_horizon",
    "ending_is_urgent",
    "lacking_direct_topics",
    "school_social_work_ending",
    "school_topics",
    "schools_without_school_social_work",
    "sorted_by_missing",
]


#: School social work ending within this many months of the reference day is urgent.
URGENT_MONTHS = 6
#: Horizon of school social work that ends, unless asked otherwise (one year).
DEFAULT_MONTHS = 12
#: Longest horizon offered for school social work that ends (four school years).
MAX_MONTHS = 48


def _school_row(dataset: Dataset, school: Actor) -> dict[str, Any]:
    return {
        "id": school.id,
        "name": school.name,
        "district": school.district,
        "stadtbezirk": _bezirk(dataset.vocabulary, school),
    }


def _school_of(relation: Relation, dataset: Dataset) -> str | None:
    """The school end of a school social work relation (normally its target)."""
    for end in (relation.target, relation.source):
        actor = dataset.actors.get(end)
        if actor is not None and actor.kind == SCHOOL:
            return end
    return None


def schools_without_school_social_work(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Schools without a ``schulsozialarbeit`` relation active on ``as_of``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set; schools are actors of kind ``schule``, in data set order.
    as_of : datetime.date
        The reference day: a relation covers a school when it is active that day; one whose ``until``
        lies before it counts as ended.

    Returns
    -------
    list of dict
        ``id``, ``name``, ``district``, ``stadtbezirk``, ``ended`` (the latest ``until`` of an
        earlier school social work relation, or ``None`` if there never was one) and
        ``ended_relation`` (its id).

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2025, 7, 31)),))
    >>> [(r["id"], r["ended"]) for r in schools_without_school_social_work(ds, dt.date(2026, 1, 1))]
    [('s', datetime.date(2025, 7, 31))]
    """
    covered = {_school_of(r, dataset) for r in _active(dataset, as_of, SCHOOL_SOCIAL_WORK)}
    past: dict[str, tuple[dt.date, str]] = {}
    for relation in dataset.relations:
        school_id = _school_of(relation, dataset)
        if relation.type == SCHOOL_SOCIAL_WORK and school_id and relation.until and relation.until < as_of:
            latest = (relation.until, relation.id)
            past[school_id] = max(past.get(school_id, latest), latest)
    rows = []
    for school in _schools(dataset):
        if school.id in covered:
            continue
        ended = past.get(school.id)
        row = _school_row(dataset, school)
        row.update(ended=ended[0] if ended else None, ended_relation=ended[1] if ended else None)
        rows.append(row)
    return rows


def ending_horizon(as_of: dt.date, months: int) -> dt.date:
    """Last day :func:`school_social_work_ending` looks at: ``as_of`` plus ``months`` calendar months.

    Parameters
    ----------
    as_of : datetime.date
        Reference day of the analysis.
    months : int
        Number of calendar months to add.

    Returns
    -------
    datetime.date
        The same day of the month ``months`` months later, clamped to the last day of a shorter month.

    Examples
    --------
    >>> ending_horizon(dt.date(2026, 11, 28), 12), ending_horizon(dt.date(2027, 8, 31), 6)
    (datetime.date(2027, 11, 28), datetime.date(2028, 2, 29))
    """
    return add_months(as_of, months)


def default_ending_months(as_of: dt.date, end: dt.date = ESF_PLUS_END) -> int:
    """Horizon in months to offer first: the fewest that include ``end`` (the ESF+ end), 1 to :data:`MAX_MONTHS`.

    Parameters
    ----------
    as_of : datetime.date
        Reference day of the analysis.
    end : datetime.date
        The day the horizon should reach (default :data:`graph.data.schoolyear.ESF_PLUS_END`).

    Returns
    -------
    int

    Examples
    --------
    >>> default_ending_months(dt.date(2026, 11, 28)), default_ending_months(dt.date(2026, 7, 28))
    (21, 25)
    >>> default_ending_months(dt.date(2029, 1, 1)), default_ending_months(dt.date(2020, 1, 1))
    (1, 48)
    """
    return max(1, min(MAX_MONTHS, months_until(as_of, end)))


def school_social_work_ending(dataset: Dataset, as_of: dt.date, months: int = DEFAULT_MONTHS) -> list[dict[str, Any]]:
    """School social work relations active on ``as_of`` that end within ``months`` months.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Reference day: only relations active that day count.
    months : int
        Horizon in calendar months (default :data:`DEFAULT_MONTHS`); a relation counts when its ``until``
        lies on or before :func:`ending_horizon`. Relations without ``until`` or without a school end are left out.

    Returns
    -------
    list of dict
        One row per ending relation, soonest first: the school's ``id``, ``name``, ``district``,
        ``stadtbezirk``, then ``relation``, ``provider``, ``until``, ``programme`` (funding) and
        ``continues`` (True when another school social work relation at that school runs beyond
        the horizon, so the school keeps some school social work) and ``urgent`` (True when it
        ends within :data:`URGENT_MONTHS` months of ``as_of``).

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2028, 7, 31)),))
    >>> [(r["id"], r["until"], r["urgent"]) for r in school_social_work_ending(ds, dt.date(2027, 8, 1), months=12)]
    [('s', datetime.date(2028, 7, 31), False)]
    >>> [r["urgent"] for r in school_social_work_ending(ds, dt.date(2028, 2, 1), months=12)]
    [True]
    >>> school_social_work_ending(ds, dt.date(2027, 7, 30), months=12)
    []
    """
    horizon = ending_horizon(as_of, months)
    urgent = add_months(as_of, URGENT_MONTHS)
    active = [(r, _school_of(r, dataset)) for r in _active(dataset, as_of, SCHOOL_SOCIAL_WORK)]
    lasting = {school for r, school in active if r.until is None or r.until > horizon}
    rows = []
    for relation, school in active:
        if school is None or relation.until is None or relation.until > horizon:
            continue
        row = _school_row(dataset, dataset.actors[school])
        provider = relation.source if relation.target == school else relation.target
        programme = relation.funding.programme if relation.funding else None
        row.update(relation=relation.id, provider=provider, until=relation.until, programme=programme)
        row["continues"] = school in lasting
        row["urgent"] = relation.until <= urgent
        rows.append(row)
    return sorted(rows, key=lambda r: (r["until"], r["id"]))


def ending_is_urgent(rows: Iterable[dict[str, Any]]) -> bool:
    """True when a school loses its school social work within :data:`URGENT_MONTHS` (the section turns red).

    Parameters
    ----------
    rows : iterable of dict
        Rows of :func:`school_social_work_ending`; one that ``continues`` elsewhere at its school is no loss.

    Returns
    -------
    bool

    Examples
    --------
    >>> ending_is_urgent([{"urgent": True, "continues": True}, {"urgent": False, "continues": False}])
    False
    >>> ending_is_urgent([{"urgent": True, "continues": False}])
    True
    """
    return any(row["urgent"] and not row["continues"] for row in rows)


def core_topics(vocabulary: Vocabulary) -> list[str]:
    """Ids of the topics marked ``core: true`` in the vocabulary, in vocabulary order.

    Parameters
    ----------
    vocabulary : Vocabulary
        The vocabulary whose ``topics`` list is read.

    Returns
    -------
    list of str
        The core topic ids; empty when there are none or the list is missing.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> core_topics(Vocabulary({"topics": {"a": Term("a", "A", core=True), "b": Term("b", "B")}}))
    ['a']
    """
    return [t.id for t in vocabulary.terms("topics").values() if t.core]


def _topics_within(h: nx.Graph, dataset: Dataset, start: str) -> tuple[set[str], set[str]]:
    """Topics offered by direct partners, and by actors exactly two steps away (schools and committees offer none)."""
    direct = set(h[start])
    second = set().union(*(h[v] for v in direct)) - direct - {start} if direct else set()

    def offered(ids: set[str]) -> set[str]:
        return {t for v in ids for t in dataset.actors[v].topics if dataset.actors[v].kind not in NOT_OFFERING}

    return offered(direct), offered(second)


def school_topics(
    dataset: Dataset, as_of: dt.date, topics: Iterable[str] | None = None, h: nx.Graph | None = None
) -> list[dict[str, Any]]:
    """Per school: which core topics it reaches through direct partners, only in two steps, or not at all.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Only relations active on that day count.
    topics : iterable of str, optional
        Topics to check (default: :func:`core_topics`).
    h : networkx.Graph, optional
        A metric graph of the same day to reuse (default: every relation type counts, so a
        committee in common also counts as a path).

    Returns
    -------
    list of dict
        ``id``, ``name``, ``district``, ``stadtbezirk``, ``direct``, ``two_steps``, ``missing``
        (topic ids in the order asked) and ``missing_count``. A topic counts when a partner
        (not a school or committee) lists it in its ``topics``; the school's own topics do not count.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"topics": {"a": Term("a", "A", core=True), "b": Term("b", "B", core=True)}})
    >>> actors = {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger"),
    ...           "p": Actor("p", "P", "beratung", topics=("a",))}
    >>> ds = Dataset(v, actors, (Relation("r1", "t", "s", "kooperation"), Relation("r2", "t", "p", "kooperation")))
    >>> row = school_topics(ds, dt.date(2026, 1, 1))[0]
    >>> row["direct"], row["two_steps"], row["missing"]
    ([], ['a'], ['b'])
    """
    wanted = core_topics(dataset.vocabulary) if topics is None else list(topics)
    h = metric_graph(build_graph(dataset, as_of)) if h is None else h
    rows = []
    for school in _schools(dataset):
        direct, second = _topics_within(h, dataset, school.id) if school.id in h else (set(), set())
        row = _school_row(dataset, school)
        row["direct"] = [t for t in wanted if t in direct]
        row["two_steps"] = [t for t in wanted if t in second and t not in direct]
        row["missing"] = [t for t in wanted if t not in direct and t not in second]
        row["missing_count"] = len(row["missing"])
        rows.append(row)
    return rows


def lacking_direct_topics(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of :func:`school_topics` whose school does not reach every core topic through a direct partner.

    Parameters
    ----------
    rows : iterable of dict
        Rows of :func:`school_topics`; ``two_steps`` and ``missing`` are read.

    Returns
    -------
    list of dict
        The rows with a non-empty ``two_steps`` or ``missing``, in the given order (the same dicts, not copies).

    Examples
    --------
    >>> rows = [{"id": "a", "two_steps": [], "missing": []}, {"id": "b", "two_steps": ["x"], "missing": []}]
    >>> [r["id"] for r in lacking_direct_topics(rows)]
    ['b']
    """
    return [row for row in rows if row["missing"] or row["two_steps"]]


def sorted_by_missing(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of :func:`school_topics`, the schools missing the most core topics first, then by name.

    Parameters
    ----------
    rows : iterable of dict
        Rows of :func:`school_topics`; ``missing_count`` and ``name`` are read.

    Returns
    -------
    list of dict
        A new list of the same rows, by ``missing_count`` descending, then ``name`` ascending.

    Examples
    --------
    >>> rows = [{"name": "B", "missing_count": 1}, {"name": "A", "missing_count": 1}, {"name": "C", "missing_count": 2}]
    >>> [r["name"] for r in sorted_by_missing(rows)]
    ['C', 'A', 'B']
    """
    return sorted(rows, key=lambda row: (-row["missing_count"], row["name"]))
