"""The referral index: what every query needs, prepared once per data version, and the candidate lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from graph.model import Actor, Dataset, Relation
from graph.schema import CITYWIDE
from graph.textmatch import TextIndex, term_entries

#: Actor kinds that can be referred to.
CANDIDATE_KINDS = ("beratung", "traeger", "bildungsanbieter", "projekt", "behoerde")


class ReferralError(ValueError):
    """A referral request names something that does not exist; the message is German."""


@dataclass(frozen=True)
class ReferralIndex:
    """Everything a query needs, prepared once per data set (text index, coverage, adjacency).

    ``offering`` lists, per topic, the candidate actors (kinds :data:`CANDIDATE_KINDS`) that offer
    it as positions in ``dataset.actors`` order, so a query touches only actors with a matched topic.
    ``trees`` keeps the last :data:`graph.referral.paths.TREE_CACHE` breadth-first trees from a school
    (several needs of one school in a row pay the search once); it is the only part that changes after building.
    """

    dataset: Dataset
    text: TextIndex
    coverage: dict[str, frozenset[str]]
    citywide: frozenset[str]
    adjacency: dict[str, tuple[tuple[str, Relation], ...]]
    offering: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: Breadth-first trees by (school, day), filled by queries: node -> (parent, relation). Internal memo.
    trees: dict[tuple[str, dt.date], dict[str, tuple[str, Relation] | None]] = field(
        default_factory=dict, compare=False, repr=False
    )


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
    >>> from graph.model import Term, Vocabulary
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
    text = TextIndex.build(term_entries(vocabulary.terms("topics")))
    offering: dict[str, list[int]] = {}
    for position, actor in enumerate(dataset.actors.values()):
        if actor.kind in CANDIDATE_KINDS:
            for topic in dict.fromkeys(actor.topics):
                offering.setdefault(topic, []).append(position)
    topics = {topic: tuple(positions) for topic, positions in offering.items()}
    return ReferralIndex(dataset, text, coverage, frozenset(citywide), adjacency, topics)


def _candidates(index: ReferralIndex, hits: Mapping[str, object]) -> list[Actor]:
    """Candidate actors offering a hit topic, in data set order (from the per-topic lists of the index)."""
    positions = sorted({p for topic in hits for p in index.offering.get(topic, ())})
    ordered = list(index.dataset.actors.values())
    return [ordered[p] for p in positions]
