"""Topic coverage by area: which actors offer a topic where (``service_area`` or their own district)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.data.model import Actor, Dataset, Vocabulary
from graph.gaps.info import NOT_OFFERING, _schools

__all__ = [
    "AREA_LEVELS",
    "coverage",
    "coverage_shown",
    "served_districts",
]

#: ``coverage`` levels: vocabulary list of the areas.
AREA_LEVELS = ("districts", "stadtbezirke", "sozialraeume")


def _providers(dataset: Dataset) -> list[Actor]:
    """Actors whose ``topics`` are offers (every kind but :data:`NOT_OFFERING`)."""
    return [a for a in dataset.actors.values() if a.kind not in NOT_OFFERING and a.topics]


def served_districts(actor: Actor, vocabulary: Vocabulary) -> set[str]:
    """District ids an actor serves: its ``service_area`` resolved, else its own ``district``.

    An actor without ``service_area`` serves only the district it sits in (and nothing when
    that is unknown too).

    Parameters
    ----------
    actor : Actor
        The actor; its ``service_area`` ids may name districts, Stadtteile, Stadtbezirke, Sozialräume or
        ``stadtweit``.
    vocabulary : Vocabulary
        Resolves areas to districts (:meth:`Vocabulary.districts_of_area`).

    Returns
    -------
    set of str
        District ids; empty when the actor has neither ``service_area`` nor ``district``.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"districts": {"a": Term("a", "A", stadtbezirk="x"), "b": Term("b", "B", stadtbezirk="x")}})
    >>> sorted(served_districts(Actor("p", "P", "beratung", service_area=("x",)), v))
    ['a', 'b']
    >>> served_districts(Actor("q", "Q", "beratung", district="b"), v)
    {'b'}
    """
    if actor.service_area:
        return set().union(*(vocabulary.districts_of_area(area) for area in actor.service_area))
    return {actor.district} if actor.district else set()


def _area_districts(vocabulary: Vocabulary, level: str) -> dict[str, set[str]]:
    if level not in AREA_LEVELS:
        raise ValueError(f"level must be one of {AREA_LEVELS}, not {level!r}")
    return {area: vocabulary.districts_of_area(area) for area in vocabulary.terms(level)}


def coverage(dataset: Dataset, level: str = "districts", topics: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Area x topic table: how many actors offer the topic and serve the area.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    level : str
        ``districts``, ``stadtbezirke`` or ``sozialraeume``. An actor serves a Stadtbezirk or
        Sozialraum when it serves at least one of its districts.
    topics : iterable of str, optional
        Topic ids (default: every topic of the vocabulary). Topics match exactly; an offer on a
        sub-topic (``schulangst``) does not count for its parent.

    Returns
    -------
    list of dict
        One row per area and topic, zeros included: ``area``, ``area_label``, ``topic``,
        ``topic_label``, ``core``, ``schools`` (schools located in the area), ``actors`` (count)
        and ``actor_ids``. Schools and committees never count as offers (their topics describe a
        profile or an agenda); see :func:`served_districts` for the areas.

    Raises
    ------
    ValueError
        When ``level`` is not one of :data:`AREA_LEVELS`.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"districts": {"a": Term("a", "A"), "b": Term("b", "B")}, "topics": {"t": Term("t", "T")}})
    >>> ds = Dataset(v, {"p": Actor("p", "P", "beratung", district="a", topics=("t",))}, ())
    >>> [(r["area"], r["actors"], r["actor_ids"]) for r in coverage(ds)]
    [('a', 1, ['p']), ('b', 0, [])]
    """
    vocabulary = dataset.vocabulary
    areas = _area_districts(vocabulary, level)
    topic_terms = vocabulary.terms("topics")
    wanted = list(topic_terms) if topics is None else list(topics)
    served = {a.id: served_districts(a, vocabulary) for a in _providers(dataset)}
    offered = {a.id: set(a.topics) for a in _providers(dataset)}
    school_districts = [s.district for s in _schools(dataset)]
    rows = []
    for area, districts in areas.items():
        schools = sum(1 for d in school_districts if d in districts)
        for topic in wanted:
            ids = [a for a, where in served.items() if topic in offered[a] and where & districts]
            term = topic_terms.get(topic)
            rows.append(
                {
                    "area": area,
                    "area_label": vocabulary.label(level, area),
                    "topic": topic,
                    "topic_label": vocabulary.label("topics", topic),
                    "core": bool(term and term.core),
                    "schools": schools,
                    "actors": len(ids),
                    "actor_ids": ids,
                }
            )
    return rows


def coverage_shown(
    rows: Iterable[dict[str, Any]], core_only: bool = False, school_areas: bool = False
) -> list[dict[str, Any]]:
    """Rows of :func:`coverage` narrowed to core topics and to areas with at least one school.

    Parameters
    ----------
    rows : iterable of dict
        Rows of :func:`coverage` (``core``, ``schools``, …).
    core_only : bool
        Keep only topics marked ``core``.
    school_areas : bool
        Keep only areas with a school.

    Returns
    -------
    list of dict

    Examples
    --------
    >>> rows = [{"topic": "a", "core": True, "schools": 0}, {"topic": "b", "core": False, "schools": 2}]
    >>> [r["topic"] for r in coverage_shown(rows, core_only=True)], [r["topic"] for r in coverage_shown(rows, school_areas=True)]
    (['a'], ['b'])
    """
    return [r for r in rows if (r["core"] or not core_only) and (r["schools"] > 0 or not school_areas)]
