"""Network and data upkeep: committee composition, stale entries, ended relations, actors without contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.data.freshness import age_days, is_stale
from graph.data.model import Actor, Dataset, Relation
from graph.gaps.info import COMMITTEE, MEMBERSHIP, _active, _bezirk

__all__ = [
    "committees",
    "ended_relations",
    "stale",
    "without_contact",
]


def committees(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Per ``gremium``: members (active ``mitglied`` relations), represented and missing kinds and Stadtbezirke.

    Expected kinds are all actor kinds except ``gremium``; a member's Stadtbezirk is that of its
    ``district`` (members without a district, e.g. citywide offices, represent no Stadtbezirk).

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Only ``mitglied`` relations active on this day count.

    Returns
    -------
    list of dict
        One row per committee in data order: ``id``, ``name``, ``members`` (ids, first mention first),
        ``member_count``, ``kinds``, ``missing_kinds``, ``stadtbezirke`` and ``missing_stadtbezirke``
        (in vocabulary order).

    Examples
    --------
    >>> from graph.data.model import Term, Vocabulary
    >>> v = Vocabulary({"actor_kinds": {k: Term(k, k) for k in ("schule", "traeger", "gremium")}})
    >>> actors = {"g": Actor("g", "G", "gremium"), "s": Actor("s", "S", "schule")}
    >>> row = committees(Dataset(v, actors, (Relation("m", "s", "g", "mitglied"),)), dt.date(2026, 1, 1))[0]
    >>> row["members"], row["kinds"], row["missing_kinds"]
    (['s'], ['schule'], ['traeger'])
    """
    vocabulary = dataset.vocabulary
    kinds = [k for k in vocabulary.terms("actor_kinds") if k != COMMITTEE]
    bezirke = list(vocabulary.terms("stadtbezirke"))
    members: dict[str, list[str]] = {}
    for relation in _active(dataset, as_of, MEMBERSHIP):
        members.setdefault(relation.target, []).append(relation.source)
    rows = []
    for committee in (a for a in dataset.actors.values() if a.kind == COMMITTEE):
        ids = list(dict.fromkeys(members.get(committee.id, [])))
        present_kinds = {dataset.actors[m].kind for m in ids}
        present_bezirke = {_bezirk(vocabulary, dataset.actors[m]) for m in ids}
        rows.append(
            {
                "id": committee.id,
                "name": committee.name,
                "members": ids,
                "member_count": len(ids),
                "kinds": [k for k in kinds if k in present_kinds],
                "missing_kinds": [k for k in kinds if k not in present_kinds],
                "stadtbezirke": [b for b in bezirke if b in present_bezirke],
                "missing_stadtbezirke": [b for b in bezirke if b not in present_bezirke],
            }
        )
    return rows


def _name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actors.get(actor_id)
    return actor.name if actor else actor_id


def _record_row(dataset: Dataset, record: Actor | Relation) -> dict[str, Any]:
    if isinstance(record, Actor):
        return {"record": "actor", "id": record.id, "name": record.name, "source": None, "target": None}
    kind = dataset.vocabulary.label("relation_types", record.type)  # „kooperiert mit“, not the id „kooperation“
    name = f"{_name(dataset, record.source)} – {_name(dataset, record.target)} ({kind})"
    return {"record": "relation", "id": record.id, "name": name, "source": record.source, "target": record.target}


def stale(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Actors and relations last verified more than 12 months before ``as_of``.

    The rule is :func:`graph.data.freshness.is_stale`, as for the validator's ``stale-entry`` warning;
    entries without ``verified`` are not listed.
    Rows: ``record`` (``actor``/``relation``), ``id``, ``name``, ``source``, ``target``, ``verified``, ``days``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        The day the age of ``verified`` is measured from.

    Returns
    -------
    list of dict
        Actors first, then relations, each in data order; ``name`` of a relation reads
        ``"Quelle – Ziel (Art der Beziehung)"`` with the German label of the type; ``source`` and ``target``
        are None for actors, ``days`` is the age in days.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> ds = Dataset(Vocabulary(), {"a": Actor("a", "A", "schule", verified=dt.date(2025, 1, 1))}, ())
    >>> [(r["id"], r["days"]) for r in stale(ds, dt.date(2026, 1, 2))]
    [('a', 366)]
    """
    records: list[Actor | Relation] = [*dataset.actors.values(), *dataset.relations]
    rows = []
    for record in records:
        if is_stale(record.verified, as_of):
            row = _record_row(dataset, record)
            row.update(verified=record.verified, days=age_days(record.verified, as_of))
            rows.append(row)
    return rows


def ended_relations(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Relations whose ``until`` lies before ``as_of``: ``id``, ``source``, ``target``, ``type``, ``until``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Relations that ended on this day still count as running (``until`` is inclusive).

    Returns
    -------
    list of dict
        One row per ended relation, in data order.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> ds = Dataset(Vocabulary(), {}, (Relation("r", "a", "b", "kooperation", until=dt.date(2025, 6, 30)),))
    >>> [(r["id"], r["until"]) for r in ended_relations(ds, dt.date(2026, 1, 1))]
    [('r', datetime.date(2025, 6, 30))]
    """
    return [
        {"id": r.id, "source": r.source, "target": r.target, "type": r.type, "until": r.until}
        for r in dataset.relations
        if r.until is not None and r.until < as_of
    ]


def without_contact(dataset: Dataset) -> list[dict[str, Any]]:
    """Actors with neither phone, e-mail nor web address: ``id``, ``name``, ``kind``.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.

    Returns
    -------
    list of dict
        One row per actor without ``contact`` or with an empty one (a ``role`` alone does not count), in
        data order.

    Examples
    --------
    >>> from graph.data.model import Vocabulary
    >>> [r["id"] for r in without_contact(Dataset(Vocabulary(), {"a": Actor("a", "A", "schule")}, ()))]
    ['a']
    """
    return [
        {"id": a.id, "name": a.name, "kind": a.kind}
        for a in dataset.actors.values()
        if a.contact is None or a.contact.is_empty()
    ]
