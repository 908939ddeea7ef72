"""Build the NetworkX graph of a data set, optionally as it stood on a given day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.data.gcpause import gc_paused
from graph.data.model import Dataset
from graph.data.schema import ACTOR_FIELDS, Field

__all__ = ["DERIVED_VOCABULARIES", "build_graph", "node_vocabularies"]

#: Node attributes :func:`build_graph` derives from an actor's district, with the vocabulary list of their ids.
DERIVED_VOCABULARIES = {"stadtteil": "stadtteile", "stadtbezirk": "stadtbezirke", "sozialraum": "sozialraeume"}


#: Fields of actors and relations that hold a nested record (Address, Contact, …).
_NESTED = ("address", "target_groups", "contact", "funding")


def _vocabularies(fields: tuple[Field, ...]) -> Iterable[tuple[str, str]]:
    for f in fields:
        if f.vocab is not None and not f.vocab.startswith("@"):  # "@actor", "@area": ids of other kinds
            yield f.name, f.vocab
        yield from _vocabularies(f.fields)


def node_vocabularies() -> dict[str, str]:
    """Attribute of an actor node (or of its nested records) -> the vocabulary list its ids come from.

    Read from :data:`graph.data.schema.ACTOR_FIELDS` plus :data:`DERIVED_VOCABULARIES`, so a page that
    shows labels for a node's ids needs no list of its own.

    Returns
    -------
    dict of str to str
        Field name (nested fields by their own name, e.g. ``legal_basis``) -> vocabulary list name;
        fields that refer to actors or areas (``@actor``, ``@area``) are left out, and the
        derived ``stadtteil``, ``stadtbezirk`` and ``sozialraum`` are added.

    Examples
    --------
    >>> lists = node_vocabularies()
    >>> lists["kind"], lists["audiences"], lists["legal_basis"], lists["stadtbezirk"]
    ('actor_kinds', 'audiences', 'legal_bases', 'stadtbezirke')
    >>> "parent" in lists, "service_area" in lists
    (False, False)
    """
    return dict(_vocabularies(ACTOR_FIELDS)) | DERIVED_VOCABULARIES


def _attributes(record: object) -> dict[str, Any]:
    """A record's fields as a dict, nested records as dicts (like ``dataclasses.asdict``).

    ``asdict`` deep-copies every value; our records are frozen and hold only tuples, dates
    and strings, so copying their ``__dict__`` gives the same result several times faster.
    """
    attrs = dict(vars(record))
    for key in _NESTED:
        value = attrs.get(key)
        if value is not None:
            attrs[key] = dict(vars(value))
    return attrs


def build_graph(
    dataset: Dataset,
    as_of: dt.date | None = None,
    types: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Return the network as a multigraph: one node per actor, one edge per relation.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date, optional
        Keep only relations active on that day (``since <= as_of <= until``).
        Every actor stays a node, so actors left without relations show up as isolated.
    types : iterable of str, optional
        Keep only relations of these types.

    Returns
    -------
    networkx.MultiDiGraph
        Node attributes are the actor's fields (plain dicts, tuples and dates)
        plus ``stadtbezirk``, ``stadtteil`` and ``sozialraum`` derived from the district (``stadtbezirk``
        from the Stadtteil when only that is known).
        Edges run from ``source`` to ``target`` and are keyed by relation id;
        undirected types (``kooperation``) are stored once with ``directed=False``.
        Edges carry ``strength`` as written and ``distance = 1 / strength``
        (1.0 when unknown) for shortest-path metrics; nothing is called
        ``weight``, because NetworkX reads that as a distance in some
        algorithms and as a strength in others.

    Examples
    --------
    >>> from graph.data.model import Actor, Relation, Vocabulary
    >>> ds = Dataset(Vocabulary(), {"a": Actor("a", "A", "schule"), "b": Actor("b", "B", "traeger")},
    ...              (Relation("r1", "b", "a", "schulsozialarbeit", since=dt.date(2024, 8, 1), strength=3),))
    >>> g = build_graph(ds)
    >>> g.number_of_nodes(), g.number_of_edges(), g.edges["b", "a", "r1"]["strength"]
    (2, 1, 3)
    >>> build_graph(ds, as_of=dt.date(2024, 1, 1)).number_of_edges()
    0
    """
    with gc_paused():  # a graph of 10,000 actors is ~300,000 dicts; see graph.data.gcpause
        return _build(dataset, as_of, set(types) if types is not None else None)


def _build(dataset: Dataset, as_of: dt.date | None, wanted: set[str] | None) -> nx.MultiDiGraph:
    """Body of :func:`build_graph`."""
    vocabulary = dataset.vocabulary
    districts = vocabulary.terms("districts")
    stadtteile = vocabulary.terms("stadtteile")
    relation_types = vocabulary.terms("relation_types")
    graph = nx.MultiDiGraph()
    for actor in dataset.actors.values():
        attrs = _attributes(actor)
        district = districts.get(actor.district or "")
        stadtteil = stadtteile.get((district.stadtteil if district else None) or actor.stadtteil or "")
        attrs["stadtteil"] = stadtteil.id if stadtteil else actor.stadtteil
        attrs["stadtbezirk"] = vocabulary.stadtbezirk_of(actor.district, stadtteil.id if stadtteil else None)
        attrs["sozialraum"] = district.sozialraum if district else None
        graph.add_node(actor.id, **attrs)
    for relation in dataset.relations:
        if wanted is not None and relation.type not in wanted:
            continue
        if as_of is not None and not relation.active_on(as_of):
            continue
        attrs = _attributes(relation)
        rel_type = relation_types.get(relation.type)
        attrs["directed"] = rel_type.directed if rel_type else True
        attrs["distance"] = 1.0 / relation.strength if relation.strength else 1.0
        graph.add_edge(relation.source, relation.target, key=relation.id, **attrs)
    return graph
