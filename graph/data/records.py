"""Build the typed records of :mod:`graph.data.model` from converted entries."""

from __future__ import annotations

from typing import Any

from graph.data.convert import Entry
from graph.data.model import Actor, Address, Contact, Funding, Relation, TargetGroups, Term

__all__ = ["make_actor", "make_relation", "make_term"]

_NESTED = {"address": Address, "target_groups": TargetGroups, "contact": Contact, "funding": Funding}


def _values(entry: Entry) -> dict[str, Any]:
    values = {key: _NESTED[key](**value) if key in _NESTED else value for key, value in entry.values.items()}
    values["line"] = entry.where("")[0]
    return values


def make_actor(entry: Entry) -> Actor:
    """Actor from a complete converted entry."""
    return Actor(**_values(entry))


def make_relation(entry: Entry, relation_id: str) -> Relation:
    """Relation from a complete converted entry; ``relation_id`` fills a missing id."""
    values = _values(entry)
    values["id"] = relation_id
    return Relation(**values)


def make_term(entry: Entry) -> Term:
    """Vocabulary term from a converted entry with an id; a missing label falls back to the id."""
    values = _values(entry)
    values.setdefault("label", values["id"])
    return Term(**values)
