"""The referral index: what every query needs, prepared once per data version, and the candidate lookup."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.data.model import Actor, Dataset, Relation
from graph.data.schema import CITYWIDE
from graph.referral.textmatch import Entry, TextIndex, term_entries

#: Actor kinds that are offers unless they say ``referable: false``; any other kind only with ``referable: true``.
CANDIDATE_KINDS = ("beratung", "traeger", "bildungsanbieter")
#: Owner prefix of crisis phrases in the shared text index (topics and crisis kinds are matched together,
#: so that the longer phrase wins between them: "Alkoholmissbrauch" is Sucht, not sexual abuse).
CRISIS_PREFIX = "krise:"
#: Owner prefix of idioms ("schlägt sich gut"): they swallow the topic words inside them and are never reported.
#: They never swallow a crisis phrase: a crisis shown once too often is cheaper than one missed.
IDIOM_PREFIX = "redewendung:"


def is_offer(actor: Actor) -> bool:
    """True when a family or school can contact ``actor`` for help: what the referral ranks.

    Träger, Beratungsstellen and Bildungsanbieter are offers unless ``referable: false``;
    authorities, projects and any other kind only with ``referable: true`` (e.g. the ASD),
    so a pilot or a programme is never offered as help. Schools and committees never, whatever ``referable`` says.

    Parameters
    ----------
    actor : Actor
        Any actor of the data set; its ``kind`` and ``referable`` decide.

    Returns
    -------
    bool
        False for kinds ``schule`` and ``gremium``; else ``referable`` when set, else whether the kind is one of
        :data:`CANDIDATE_KINDS`.

    Examples
    --------
    >>> is_offer(Actor("b", "B", "beratung")), is_offer(Actor("p", "Pilot", "projekt"))
    (True, False)
    >>> is_offer(Actor("asd", "ASD", "behoerde", referable=True)), is_offer(Actor("g", "AG", "gremium", referable=True))
    (True, False)
    """
    if actor.kind in ("schule", "gremium"):
        return False
    return actor.referable if actor.referable is not None else actor.kind in CANDIDATE_KINDS


class ReferralError(ValueError):
    """A referral request names something that does not exist; the message is German."""


@dataclass(frozen=True)
class ReferralIndex:
    """Everything a query needs, prepared once per data set (text index, coverage, adjacency).

    ``offering`` lists, per topic, the offers (:func:`is_offer`) that offer
    it as positions in ``dataset.actors`` order, so a query touches only actors with a matched topic.
    Nothing in it changes after building: sessions share one index, and a query keeps what it
    works out (the breadth-first tree of its school's warm paths) to itself.
    """

    dataset: Dataset
    text: TextIndex
    coverage: dict[str, frozenset[str]]
    citywide: frozenset[str]
    adjacency: dict[str, tuple[tuple[str, Relation], ...]]
    offering: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Crisis kind -> ids of the actors marked ``crisis`` for it, in data set order (the order they are shown).
    crisis_services: dict[str, tuple[str, ...]] = field(default_factory=dict)


def build_referral_index(dataset: Dataset) -> ReferralIndex:
    """Prepare a data set for many referral queries.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.

    Returns
    -------
    ReferralIndex
        Reusable across queries and dates (relations are filtered by date per query).

    Examples
    --------
    >>> from graph.data.model import Term, Vocabulary
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht", synonyms=("trinkt",))}})
    >>> index = build_referral_index(Dataset(voc, {"b": Actor("b", "B", "beratung", topics=("sucht",))}, ()))
    >>> [m.owner for m in index.text.match("Vater trinkt")], index.coverage["b"]
    (['sucht'], frozenset())
    """
    vocabulary = dataset.vocabulary
    coverage: dict[str, frozenset[str]] = {}
    citywide = set()
    for actor in dataset.actors.values():
        areas = actor.service_area or ((actor.district,) if actor.district else ())
        coverage[actor.id] = frozenset().union(*(vocabulary.districts_of_area(a) for a in areas))
        if CITYWIDE in actor.service_area:
            citywide.add(actor.id)
    neighbours: dict[str, list[tuple[str, Relation]]] = {a: [] for a in dataset.actors}
    for relation in dataset.relations:
        neighbours[relation.source].append((relation.target, relation))
        neighbours[relation.target].append((relation.source, relation))
    adjacency = {a: tuple(sorted(n, key=lambda x: (x[0], x[1].id))) for a, n in neighbours.items()}
    crises = term_entries(vocabulary.terms("crisis_kinds"), prefix=CRISIS_PREFIX)
    every_crisis = tuple(CRISIS_PREFIX + kind for kind in vocabulary.terms("crisis_kinds"))
    idioms: list[Entry] = [
        (owner, text, (), every_crisis) for owner, text, _, _ in term_entries(vocabulary.terms("idioms"), IDIOM_PREFIX)
    ]
    text = TextIndex.build(term_entries(vocabulary.terms("topics")) + crises + idioms)
    offering: dict[str, list[int]] = {}
    services: dict[str, list[str]] = {}
    for position, actor in enumerate(dataset.actors.values()):
        if is_offer(actor):
            for topic in dict.fromkeys(actor.topics):
                offering.setdefault(topic, []).append(position)
        for kind in actor.crisis:
            services.setdefault(kind, []).append(actor.id)
    topics = {topic: tuple(positions) for topic, positions in offering.items()}
    crisis = {kind: tuple(ids) for kind, ids in services.items()}
    return ReferralIndex(dataset, text, coverage, frozenset(citywide), adjacency, topics, crisis)


def _candidates(index: ReferralIndex, hits: Mapping[str, object]) -> list[Actor]:
    """Candidate actors offering a hit topic, in data set order (from the per-topic lists of the index)."""
    positions = sorted({p for topic in hits for p in index.offering.get(topic, ())})
    ordered = list(index.dataset.actors.values())
    return [ordered[p] for p in positions]
