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
    """Actor from a complete converted entry.

    Nested mappings (``address``, ``target_groups``, ``contact``) become their records; ``line`` is the
    line of the entry itself.

    Parameters
    ----------
    entry : graph.data.convert.Entry
        A converted actor entry with every required field (``complete``) and a mark for the entry (``""``).

    Returns
    -------
    Actor
        The typed record.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.convert import Entry
    >>> entry = Entry({"id": "a", "name": "A", "kind": "schule", "contact": {"role": "Sekretariat"}},
    ...               {"": yaml.Mark("actors.yaml", 0, 4, 0, None, None)})
    >>> actor = make_actor(entry)
    >>> actor.contact, actor.line
    (Contact(role='Sekretariat', phone=None, email=None, web=None), 5)
    """
    return Actor(**_values(entry))


def make_relation(entry: Entry, relation_id: str) -> Relation:
    """Relation from a complete converted entry; ``relation_id`` fills a missing id.

    Parameters
    ----------
    entry : graph.data.convert.Entry
        A converted relation entry with every required field and a mark for the entry (``""``).
    relation_id : str
        The id the relation gets; it replaces an ``id`` written in the entry (the loader passes that id
        when there is one, else ``source--type--target``).

    Returns
    -------
    Relation
        The typed record, ``funding`` as :class:`Funding`; ``line`` is the line of the entry.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.convert import Entry
    >>> entry = Entry({"source": "a", "target": "b", "type": "kooperation"},
    ...               {"": yaml.Mark("relations.yaml", 0, 0, 0, None, None)})
    >>> r = make_relation(entry, "a--kooperation--b")
    >>> r.id, r.line
    ('a--kooperation--b', 1)
    """
    values = _values(entry)
    values["id"] = relation_id
    return Relation(**values)


def make_term(entry: Entry) -> Term:
    """Vocabulary term from a converted entry with an id; a missing label falls back to the id.

    Parameters
    ----------
    entry : graph.data.convert.Entry
        A converted vocabulary entry with an ``id`` and a mark for the entry (``""``).

    Returns
    -------
    Term
        The typed term; ``line`` is the line of the entry.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.convert import Entry
    >>> make_term(Entry({"id": "de"}, {"": yaml.Mark("vocabulary.yaml", 0, 9, 2, None, None)})).label
    'de'
    """
    values = _values(entry)
    values.setdefault("label", values["id"])
    return Term(**values)
