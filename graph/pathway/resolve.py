"""Roles of a pathway -> the actual actors of one school on one day, each with contact and justification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from graph.data.model import Actor, Dataset, Relation
from graph.data.pathways import DIRECTORY_ROLES, ROLES, Pathway, PathwaySet, Stage
from graph.data.provenance import provenance
from graph.data.schoolyear import de_day
from graph.data.suggest import did_you_mean
from graph.referral import ReferralIndex, build_referral_index, contact_card, refer_topics

__all__ = [
    "BERATUNG_LIMIT",
    "OWN_ROLES",
    "PathwayError",
    "ResolvedStage",
    "Responsible",
    "SchoolPathway",
    "choose_pathway",
    "resolve_roles",
    "school_pathway",
    "schools_pathways",
]

#: Roles the school and its families fill themselves: never a gap.
OWN_ROLES = frozenset({"schule", "eltern"})
#: How many counselling offers the role ``beratung`` names (best ranked first, as in the referral).
BERATUNG_LIMIT = 3
_SCHOOL_SOCIAL_WORK = "schulsozialarbeit"


class PathwayError(ValueError):
    """A school or pathway that does not exist, or a data set without pathways (German message)."""


@dataclass(frozen=True)
class Responsible:
    """One actor filling a role at one school, with its contact card and why it is named (``via``)."""

    id: str
    name: str
    role: str
    contact: dict[str, Any]
    via: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``id``, ``name``, ``role``, ``contact``, ``via``.

        Returns
        -------
        dict
            The five fields; ``contact`` and ``via`` are the same dicts, not copies.
        """
        return {"id": self.id, "name": self.name, "role": self.role, "contact": self.contact, "via": self.via}


@dataclass(frozen=True)
class ResolvedStage:
    """A stage with its responsible actors; ``unresolved`` network roles without anybody; ``missing`` when all are."""

    number: int
    stage: Stage
    responsible: tuple[Responsible, ...]
    unresolved: tuple[str, ...]
    missing: bool
    gap_text: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one stage of ``python -m graph pathway --format json``.

        Returns
        -------
        dict
            The stage's ``id``, ``title``, ``trigger``, ``deadline``, ``actions``, ``documents``, ``source``,
            ``roles``, then ``responsible`` (:meth:`Responsible.to_dict`), ``unresolved_roles``, ``missing`` and
            ``gap`` (the German gap text or ``None``).
        """
        s = self.stage
        return {
            "id": s.id,
            "title": s.title,
            "trigger": s.trigger,
            "deadline": s.deadline,
            "actions": s.actions,
            "documents": list(s.documents),
            "source": s.source,
            "roles": list(s.roles),
            "responsible": [r.to_dict() for r in self.responsible],
            "unresolved_roles": list(self.unresolved),
            "missing": self.missing,
            "gap": self.gap_text,
        }


@dataclass(frozen=True)
class SchoolPathway:
    """A pathway resolved for one school on one day: stages and the school's contact list by role."""

    school: Actor
    pathway: Pathway
    as_of: dt.date
    stages: tuple[ResolvedStage, ...]
    contacts: dict[str, tuple[Responsible, ...]]
    pilot: bool

    @property
    def gaps(self) -> tuple[str, ...]:
        """Ids of the stages with nobody, in stage order."""
        return tuple(s.stage.id for s in self.stages if s.missing)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``python -m graph pathway --format json`` (contract of issue 15, plus details).

        Returns
        -------
        dict
            ``school`` (``id``, ``name``, ``pilot``), ``pathway`` (``id``, ``label``, ``source``, ``topic``),
            ``as_of`` (ISO date), ``stages`` (:meth:`ResolvedStage.to_dict`), ``gaps`` (stage ids) and
            ``contacts`` (role → list of :meth:`Responsible.to_dict`).
        """
        p = self.pathway
        return {
            "school": {"id": self.school.id, "name": self.school.name, "pilot": self.pilot},
            "pathway": {"id": p.id, "label": p.label, "source": p.source, "topic": p.topic},
            "as_of": self.as_of.isoformat(),
            "stages": [s.to_dict() for s in self.stages],
            "gaps": list(self.gaps),
            "contacts": {role: [r.to_dict() for r in people] for role, people in self.contacts.items()},
        }


def _via(kind: str, text: str, source: Any, relation: Relation | None = None) -> dict[str, Any]:
    origin = provenance(source)
    return {
        "kind": kind,
        "relation": relation.id if relation is not None else None,
        "text": text,
        "demo": origin.invented,
        "provenance": origin.label,
        "source_url": origin.url,
    }


def _responsible(actor: Actor, role: str, via: dict[str, Any]) -> Responsible:
    return Responsible(actor.id, actor.name, role, contact_card(actor), via)


def _school_social_work(dataset: Dataset, school: Actor, as_of: dt.date) -> list[Responsible]:
    found = []
    for relation in dataset.relations:
        if relation.type != _SCHOOL_SOCIAL_WORK or not relation.active_on(as_of):
            continue
        if school.id not in (relation.source, relation.target):
            continue
        other = relation.source if relation.target == school.id else relation.target
        provider = dataset.actors[other]
        until = f" bis {de_day(relation.until)}" if relation.until else ""
        text = f"Schulsozialarbeit an dieser Schule laut Beziehung '{relation.id}'{until}"
        found.append(_responsible(provider, _SCHOOL_SOCIAL_WORK, _via("relation", text, relation, relation)))
    return found


def _school_districts(dataset: Dataset, school: Actor) -> set[str]:
    if school.district:
        return {school.district}
    if school.stadtteil:
        return dataset.vocabulary.districts_of_area(school.stadtteil)
    return set()


def _covers(dataset: Dataset, actor: Actor, school: Actor) -> str | None:
    """German area reason when ``actor`` serves ``school``'s district; ``None`` when it does not."""
    if not actor.service_area or "stadtweit" in actor.service_area:
        return "stadtweit zuständig" if actor.service_area else "kein Zuständigkeitsgebiet angegeben"
    districts = _school_districts(dataset, school)
    for area in actor.service_area:
        if districts & dataset.vocabulary.districts_of_area(area):
            # A school placed only by Stadtteil has no district label: name the matching area instead of its id.
            shown = dataset.vocabulary.label("districts", school.district) if school.district else None
            return f"zuständig für {shown or dataset.vocabulary.area_label(area)}"
    return None


def _directory(dataset: Dataset, pathways: PathwaySet, school: Actor, role: str) -> list[Responsible]:
    found = []
    for actor_id in pathways.roles.get(role, ()):
        actor = dataset.actors[actor_id]
        area = _covers(dataset, actor, school)
        if area is None:
            continue
        text = f"{ROLES[role]} laut Zuständigkeitsliste der Interventionskette; {area}"
        origin = pathways.role_sources.get(role) or actor.provenance
        found.append(_responsible(actor, role, _via("directory", text, {"kind": role, "provenance": origin})))
    return found


def _counselling(index: ReferralIndex, pathway: Pathway, school: Actor, as_of: dt.date) -> list[Responsible]:
    if pathway.topic is None:
        return []
    result = refer_topics(index, {pathway.topic: 1.0}, school=school.id, as_of=as_of, today=as_of)
    found = []
    for offer in result.offers[:BERATUNG_LIMIT]:
        actor = index.dataset.actors[offer.id]
        text = "Angebot zum Thema, gerankt wie in der Vermittlung: " + "; ".join(offer.reasons[:3])
        found.append(_responsible(actor, "beratung", _via("referral", text, actor)))
    return found


def resolve_roles(
    dataset: Dataset, school: Actor, pathway: Pathway, as_of: dt.date, index: ReferralIndex | None = None
) -> dict[str, tuple[Responsible, ...]]:
    """Every role of :data:`graph.data.pathways.ROLES` -> the actors filling it at ``school`` on ``as_of``.

    ``schule`` is the school itself; ``eltern`` is nobody in the data (the family of the pupil);
    ``schulsozialarbeit`` the providers of ``schulsozialarbeit`` relations active on ``as_of``; ``beratung``
    the best :data:`BERATUNG_LIMIT` offers for the pathway's topic, ranked as in the referral (district
    and ages of the school); the other roles the actors named in ``pathways.yaml`` whose ``service_area``
    covers the school's district.

    Parameters
    ----------
    dataset : Dataset
        A validated data set with ``pathways``.
    school : Actor
        The school (kind ``schule``).
    pathway : Pathway
        Its ``topic`` decides the counselling offers.
    as_of : datetime.date
        Only relations active on that day count.
    index : ReferralIndex, optional
        A referral index of ``dataset`` to reuse (built when missing).

    Returns
    -------
    dict of str to tuple of Responsible
        In the order of ``ROLES``; an empty tuple when nobody fills the role.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2025, 7, 31)),),
    ...              pathways=PathwaySet())
    >>> p = Pathway("p", "P", "https://example.org", ())
    >>> [r.id for r in resolve_roles(ds, ds.actors["s"], p, dt.date(2025, 7, 31))["schulsozialarbeit"]]
    ['t']
    >>> resolve_roles(ds, ds.actors["s"], p, dt.date(2025, 8, 1))["schulsozialarbeit"]
    ()
    """
    pathways = dataset.pathways or PathwaySet()
    found: dict[str, list[Responsible]] = {role: [] for role in ROLES}
    found["schule"] = [_responsible(school, "schule", _via("school", "die Schule selbst", school))]
    found[_SCHOOL_SOCIAL_WORK] = _school_social_work(dataset, school, as_of)
    if pathway.topic is not None:
        found["beratung"] = _counselling(index or build_referral_index(dataset), pathway, school, as_of)
    for role in DIRECTORY_ROLES:
        found[role] = _directory(dataset, pathways, school, role)
    return {role: tuple(people) for role, people in found.items()}


_GAP_PHRASES = {
    "schulsozialarbeit": "Keine Schulsozialarbeit an dieser Schule",
    "beratung": "Kein Beratungsangebot zum Thema für diese Schule",
}


def _gap_phrase(role: str) -> str:
    return _GAP_PHRASES.get(role, f"Niemand eingetragen für „{ROLES[role]}“")


def _stage(number: int, stage: Stage, contacts: dict[str, tuple[Responsible, ...]]) -> ResolvedStage:
    responsible = tuple(r for role in stage.roles for r in contacts.get(role, ()))
    network = [role for role in stage.roles if role not in OWN_ROLES]
    unresolved = tuple(role for role in network if not contacts.get(role))
    missing = bool(network) and len(unresolved) == len(network)
    gap = None
    if missing:
        gap = " und ".join(_gap_phrase(role) for role in unresolved) + f" – Stufe {number} hat niemanden"
    return ResolvedStage(number, stage, responsible, unresolved, missing, gap)


def choose_pathway(dataset: Dataset, pathway_id: str | None = None) -> Pathway:
    """The pathway with ``pathway_id``, or the first of the file when no id is given.

    Parameters
    ----------
    dataset : Dataset
        The data set; its ``pathways`` are searched.
    pathway_id : str or None
        Id of the pathway; ``None`` (default) for the first in ``pathways.yaml``.

    Returns
    -------
    Pathway
        The chosen pathway.

    Raises
    ------
    PathwayError
        When the data folder has no ``pathways.yaml`` or no pathway with that id (German, with „Meinten Sie …?“).

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> choose_pathway(Dataset(Vocabulary(), {}, ()))
    Traceback (most recent call last):
    ...
    graph.pathway.resolve.PathwayError: Im Datenordner steht keine Interventionskette (Datei pathways.yaml fehlt oder ist leer).
    """
    pathways = dataset.pathways.pathways if dataset.pathways else {}
    if not pathways:
        raise PathwayError("Im Datenordner steht keine Interventionskette (Datei pathways.yaml fehlt oder ist leer).")
    if pathway_id is None:
        return next(iter(pathways.values()))
    if pathway_id not in pathways:
        hint = did_you_mean(pathway_id, pathways) or "Vorhanden: " + ", ".join(pathways) + "."
        raise PathwayError(f"Interventionskette '{pathway_id}' ist unbekannt. {hint}")
    return pathways[pathway_id]


def _school(dataset: Dataset, school_id: str) -> Actor:
    actor = dataset.actors.get(school_id)
    if actor is not None and actor.kind == "schule":
        return actor
    schools = {a.id: a for a in dataset.actors.values() if a.kind == "schule"}
    hint = did_you_mean(school_id, schools, {a.name: a.id for a in schools.values()})
    raise PathwayError(f"Schule '{school_id}' ist unbekannt. {hint}".strip())


def school_pathway(
    dataset: Dataset,
    school_id: str,
    as_of: dt.date,
    pathway_id: str | None = None,
    index: ReferralIndex | None = None,
) -> SchoolPathway:
    """Resolve a pathway for one school on one day.

    A stage is ``missing`` (a gap) when it names roles beyond the school and the family and none of them
    resolves to anybody; ``unresolved`` lists every such role without anybody, also in stages that are not
    wholly missing.

    Parameters
    ----------
    dataset : Dataset
        A validated data set with ``pathways``.
    school_id : str
        Id of an actor of kind ``schule``.
    as_of : datetime.date
        Only relations active on that day count.
    pathway_id : str, optional
        Which pathway (default: the first in ``pathways.yaml``).
    index : ReferralIndex, optional
        A referral index of ``dataset`` to reuse.

    Returns
    -------
    SchoolPathway
        Stages with responsible actors and gaps, and the contact list by role.

    Raises
    ------
    PathwayError
        Unknown school or pathway, or no pathways at all.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> stage = Stage("s1", "Gespräch", "Fehlen", ("schulsozialarbeit",), "https://example.org")
    >>> ps = PathwaySet({"p": Pathway("p", "P", "https://example.org", (stage,))})
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule")}, (), pathways=ps)
    >>> result = school_pathway(ds, "s", dt.date(2026, 1, 1))
    >>> result.gaps, result.stages[0].gap_text
    (('s1',), 'Keine Schulsozialarbeit an dieser Schule – Stufe 1 hat niemanden')
    """
    school = _school(dataset, school_id)
    pathway = choose_pathway(dataset, pathway_id)
    contacts = resolve_roles(dataset, school, pathway, as_of, index)
    stages = tuple(_stage(n, stage, contacts) for n, stage in enumerate(pathway.stages, start=1))
    return SchoolPathway(school, pathway, as_of, stages, contacts, school.id in pathway.pilot_schools)


def schools_pathways(dataset: Dataset, as_of: dt.date, pathway_id: str | None = None) -> list[SchoolPathway]:
    """The pathway resolved for every school, in file order (one referral index for all).

    Parameters
    ----------
    dataset : Dataset
        A validated data set with ``pathways``.
    as_of : datetime.date
        Only relations active on that day count.
    pathway_id : str or None
        Which pathway (default: the first in ``pathways.yaml``).

    Returns
    -------
    list of SchoolPathway
        One per actor of kind ``schule``, in the order of the actors.

    Raises
    ------
    PathwayError
        When there are no pathways or none with ``pathway_id`` (checked once, before any school).

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> ps = PathwaySet({"p": Pathway("p", "P", "https://example.org", ())})
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")}, (), pathways=ps)
    >>> [r.school.id for r in schools_pathways(ds, dt.date(2026, 1, 1))]
    ['s']
    """
    choose_pathway(dataset, pathway_id)  # fail early, once
    index = build_referral_index(dataset)
    schools = [a.id for a in dataset.actors.values() if a.kind == "schule"]
    return [school_pathway(dataset, s, as_of, pathway_id, index) for s in schools]
