"""Typed, immutable records of a validated data set."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.data.provenance import is_demo
from graph.data.schema import CITYWIDE

if TYPE_CHECKING:
    from graph.data.pathways import PathwaySet

#: Vocabulary lists whose ids a ``service_area`` may name (besides ``stadtweit``).
AREA_LISTS = ("districts", "stadtteile", "stadtbezirke", "sozialraeume")

__all__ = [
    "AREA_LISTS",
    "Actor",
    "Address",
    "Contact",
    "Dataset",
    "Funding",
    "Relation",
    "TargetGroups",
    "Term",
    "Vocabulary",
]


@dataclass(frozen=True)
class Address:
    """Postal address; every part optional."""

    street: str | None = None
    postcode: str | None = None
    city: str | None = None


@dataclass(frozen=True)
class TargetGroups:
    """Who an offer is for."""

    audiences: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    school_levels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    """Institutional contact: a role, never a private person."""

    role: str | None = None
    phone: str | None = None
    email: str | None = None
    web: str | None = None

    def is_empty(self) -> bool:
        """True when no way to reach the actor is given.

        Returns
        -------
        bool
            True when ``phone``, ``email`` and ``web`` are all empty; a ``role`` alone does not count.
        """
        return not (self.phone or self.email or self.web)


@dataclass(frozen=True)
class Funding:
    """Funding programme and yearly amount in EUR."""

    programme: str | None = None
    amount: float | None = None


@dataclass(frozen=True)
class Actor:
    """One organisation, school, committee or offer (a node of the network)."""

    id: str
    name: str
    kind: str
    line: int = 0
    subtype: str | None = None
    district: str | None = None
    stadtteil: str | None = None
    address: Address | None = None
    topics: tuple[str, ...] = ()
    target_groups: TargetGroups | None = None
    languages: tuple[str, ...] = ()
    contact: Contact | None = None
    access: str | None = None
    legal_basis: tuple[str, ...] = ()
    service_area: tuple[str, ...] = ()
    parent: str | None = None
    referable: bool | None = None
    crisis: tuple[str, ...] = ()
    hours: str | None = None
    provenance: str | None = None
    source_date: dt.date | None = None
    verified: dt.date | None = None
    notes: str | None = None

    @property
    def is_demo(self) -> bool:
        """True for invented entries (``provenance: demo``)."""
        return is_demo(self.provenance)


@dataclass(frozen=True)
class Relation:
    """One relation between two actors (an edge of the network)."""

    id: str
    source: str
    target: str
    type: str
    line: int = 0
    since: dt.date | None = None
    until: dt.date | None = None
    topics: tuple[str, ...] = ()
    strength: int | None = None
    fte: float | None = None
    funding: Funding | None = None
    provenance: str | None = None
    source_date: dt.date | None = None
    verified: dt.date | None = None
    notes: str | None = None

    def active_on(self, day: dt.date) -> bool:
        """True when the relation runs on ``day`` (``since`` and ``until`` inclusive).

        Parameters
        ----------
        day : datetime.date
            The day asked about.

        Returns
        -------
        bool
            True when ``since`` is missing or not after ``day`` and ``until`` is missing or not before it.

        Examples
        --------
        >>> r = Relation("r", "a", "b", "kooperation", since=dt.date(2024, 8, 1))
        >>> r.active_on(dt.date(2024, 7, 31)), r.active_on(dt.date(2024, 8, 1))
        (False, True)
        """
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)

    @property
    def is_demo(self) -> bool:
        """True for invented relations (``provenance: demo``)."""
        return is_demo(self.provenance)


@dataclass(frozen=True)
class Term:
    """One vocabulary entry; which optional attributes apply depends on its list."""

    id: str
    label: str
    line: int = 0
    description: str | None = None
    synonyms: tuple[str, ...] = ()
    parent: str | None = None
    core: bool = False
    not_near: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    step: str | None = None
    levels: tuple[str, ...] = ()
    age_min: int | None = None
    age_max: int | None = None
    stadtbezirk: str | None = None
    stadtteil: str | None = None
    sozialraum: str | None = None
    law: str | None = None
    paragraph: str | None = None
    label_reverse: str | None = None
    directed: bool = False
    source_kinds: tuple[str, ...] = ()
    target_kinds: tuple[str, ...] = ()
    cap: float | None = None
    provenance: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """The controlled lists of ``vocabulary.yaml``: list name -> id -> term."""

    lists: dict[str, dict[str, Term]] = field(default_factory=dict)

    def terms(self, name: str) -> dict[str, Term]:
        """Return the terms of one list (empty when the list is missing).

        Parameters
        ----------
        name : str
            List name in ``vocabulary.yaml``, e.g. ``topics`` or ``districts``.

        Returns
        -------
        dict of str to Term
            Term id to term, in file order; the stored dict itself, not a copy.
        """
        return self.lists.get(name, {})

    def label(self, name: str, term_id: str | None) -> str:
        """German label of a term, or the id itself when unknown.

        Parameters
        ----------
        name : str
            List name, e.g. ``actor_kinds``.
        term_id : str or None
            Id of the term.

        Returns
        -------
        str
            The term's ``label``; ``term_id`` when the list has no such term; ``""`` when ``term_id`` is None.

        Examples
        --------
        >>> v = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}})
        >>> v.label("topics", "sucht"), v.label("topics", "mobbing"), v.label("topics", None)
        ('Sucht', 'mobbing', '')
        """
        if term_id is None:
            return ""
        term = self.terms(name).get(term_id)
        return term.label if term else term_id

    def area_label(self, area: str) -> str:
        """German label of a ``service_area`` id, from the first of :data:`AREA_LISTS` that has it, else the id.

        Parameters
        ----------
        area : str
            A ``service_area`` id: a district, Stadtteil, Stadtbezirk or Sozialraum, or ``stadtweit``.

        Returns
        -------
        str
            The term's ``label``, or ``area`` itself when no list has it (as for ``stadtweit``).

        Examples
        --------
        >>> v = Vocabulary({"stadtbezirke": {"nord": Term("nord", "Nord")}, "stadtteile": {"t": Term("t", "T")}})
        >>> v.area_label("nord"), v.area_label("t"), v.area_label("stadtweit")
        ('Nord', 'T', 'stadtweit')
        """
        return next((self.label(name, area) for name in AREA_LISTS if area in self.terms(name)), area)

    def area_ids(self) -> set[str]:
        """Every id allowed in ``service_area``.

        Returns
        -------
        set of str
            ``stadtweit`` and the ids of the lists in :data:`AREA_LISTS`.
        """
        return {CITYWIDE}.union(*(self.terms(n) for n in AREA_LISTS))

    def districts_of_area(self, area: str) -> set[str]:
        """District ids an area covers: itself, its Stadtbezirk's, Stadtteil's or Sozialraum's districts, or all.

        Parameters
        ----------
        area : str
            A ``service_area`` id: ``stadtweit``, a district, a Stadtbezirk, a Stadtteil or a Sozialraum.

        Returns
        -------
        set of str
            All district ids for ``stadtweit``; ``{area}`` for a district; else the districts whose
            ``stadtbezirk``, ``sozialraum`` or ``stadtteil`` is ``area`` (empty for an unknown id).

        Examples
        --------
        >>> v = Vocabulary({"districts": {"a": Term("a", "A", stadtbezirk="x", stadtteil="t"), "b": Term("b", "B")}})
        >>> sorted(v.districts_of_area("x")), sorted(v.districts_of_area("t")), sorted(v.districts_of_area("stadtweit"))
        (['a'], ['a'], ['a', 'b'])
        """
        districts = self.terms("districts")
        if area == CITYWIDE:
            return set(districts)
        if area in districts:
            return {area}
        return {d.id for d in districts.values() if area in (d.stadtbezirk, d.sozialraum, d.stadtteil)}

    def stadtbezirk_of(self, district: str | None, stadtteil: str | None = None) -> str | None:
        """The Stadtbezirk of a place: from its statistical district, else from its Stadtteil.

        The one rule for the map, the gap tables and the planning views (an actor may name only a Stadtteil).

        Parameters
        ----------
        district : str or None
            A ``districts`` id (an actor's ``district``).
        stadtteil : str or None, optional
            A ``stadtteile`` id (an actor's ``stadtteil``), used when the district is missing or unknown.

        Returns
        -------
        str or None
            The ``stadtbezirke`` id, or None when neither names one.

        Examples
        --------
        >>> v = Vocabulary({"districts": {"d": Term("d", "D", stadtbezirk="sued")},
        ...                 "stadtteile": {"t": Term("t", "T", stadtbezirk="west")}})
        >>> v.stadtbezirk_of("d", "t"), v.stadtbezirk_of(None, "t"), v.stadtbezirk_of("x")
        ('sued', 'west', None)
        """
        found = self.terms("districts").get(district or "")
        if found is not None:
            return found.stadtbezirk
        part = self.terms("stadtteile").get(stadtteil or "")
        return part.stadtbezirk if part is not None else None


@dataclass(frozen=True)
class Dataset:
    """A validated data set: vocabulary, actors by id (file order) and relations.

    ``reference_date`` is the day the data describe (``data/meta.yaml``), used as „today“ by
    :mod:`graph.data.clock` unless ``NETZWERKKARTE_TODAY`` is set. It is not part of equality: two data
    sets with the same entries are the same data.
    """

    vocabulary: Vocabulary
    actors: dict[str, Actor]
    relations: tuple[Relation, ...]
    reference_date: dt.date | None = field(default=None, compare=False)
    #: The optional ``pathways.yaml`` (:mod:`graph.data.pathways`); ``None`` when the folder has none.
    pathways: PathwaySet | None = field(default=None, compare=False)
