"""Crisis first: which crisis a query names, the services to call now and the step the caller must take.

Crisis kinds (``crisis_kinds`` in the vocabulary) are matched in the same text index as the
topics, before any offer is ranked. A matched kind brings its crisis services (actors whose
``crisis`` lists it, in data set order) and its ``step``; pages, the CLI and the handout show both
above every offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.referral.index import CRISIS_PREFIX, IDIOM_PREFIX, ReferralIndex
from graph.referral.textmatch import Match

#: The ``hours`` text of a service that is always open (shown first).
ALWAYS_OPEN = "rund um die uhr"

__all__ = ["CrisisService", "CrisisStep", "crisis_kinds", "crisis_services", "crisis_steps", "split_matches"]


@dataclass(frozen=True)
class CrisisService:
    """A service to call in an acute crisis: contact, hours and why it is shown."""

    id: str
    name: str
    phone: str | None
    hours: str | None
    web: str | None
    why: str
    kinds: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one entry of ``"crisis"`` in ``python -m graph refer --format json``.

        Returns
        -------
        dict of str to Any
            ``id``, ``name``, ``phone``, ``hours``, ``web``, ``why`` and ``kinds`` (as a list).
        """
        return {
            "id": self.id,
            "name": self.name,
            "phone": self.phone,
            "hours": self.hours,
            "web": self.web,
            "why": self.why,
            "kinds": list(self.kinds),
        }


@dataclass(frozen=True)
class CrisisStep:
    """What the caller's institution must do now for one crisis kind (German text from the vocabulary)."""

    kind: str
    label: str
    step: str


def split_matches(matches: Iterable[Match]) -> tuple[tuple[Match, ...], tuple[Match, ...]]:
    """Topic matches and crisis matches (owner without the crisis prefix) of one query; idioms are dropped.

    Parameters
    ----------
    matches : iterable of Match
        The matches of one query in the referral text index; crisis kinds are owned by ``krise:<id>``,
        idioms by the idiom prefix.

    Returns
    -------
    tuple of (tuple of Match, tuple of Match)
        The topic matches, then the crisis matches with the owner reduced to the crisis kind id; both
        in the order given.

    Examples
    --------
    >>> topics, crises = split_matches([Match("krise:suizid", 1.0, "umbringen"), Match("sucht", 1.0, "trinkt")])
    >>> [m.owner for m in topics], [m.owner for m in crises]
    (['sucht'], ['suizid'])
    """
    topics: list[Match] = []
    crises: list[Match] = []
    for match in matches:
        if match.owner.startswith(IDIOM_PREFIX):
            continue
        if match.owner.startswith(CRISIS_PREFIX):
            crises.append(Match(match.owner[len(CRISIS_PREFIX) :], match.score, match.phrase, match.words, match.text))
        else:
            topics.append(match)
    return tuple(topics), tuple(crises)


def crisis_kinds(index: ReferralIndex, matches: Iterable[Match]) -> tuple[str, ...]:
    """Crisis kind ids of crisis matches, in vocabulary order (the order the steps are shown).

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set (:func:`graph.referral.index.build_referral_index`).
    matches : iterable of Match
        Crisis matches as :func:`split_matches` returns them (owner is the crisis kind id).

    Returns
    -------
    tuple of str
        Each matched kind once; owners that are not in the vocabulary's ``crisis_kinds`` are dropped.

    Examples
    --------
    >>> from graph.data.model import Dataset, Term, Vocabulary
    >>> from graph.referral.index import build_referral_index
    >>> voc = Vocabulary({"crisis_kinds": {"gewalt": Term("gewalt", "Gewalt"), "suizid": Term("suizid", "Suizid")}})
    >>> index = build_referral_index(Dataset(voc, {}, ()))
    >>> crisis_kinds(index, [Match("suizid", 1.0, "umbringen"), Match("gewalt", 1.0, "schlägt")])
    ('gewalt', 'suizid')
    """
    found = {m.owner for m in matches}
    return tuple(kind for kind in index.dataset.vocabulary.terms("crisis_kinds") if kind in found)


def crisis_services(index: ReferralIndex, kinds: tuple[str, ...]) -> tuple[CrisisService, ...]:
    """Services to call for ``kinds``, each once, with a German reason.

    Services open around the clock (``hours: rund um die Uhr``) come first, the others follow;
    within each group the data set order holds, so the data decide (110 before 112 …).

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set (:func:`graph.referral.index.build_referral_index`).
    kinds : tuple of str
        Crisis kind ids, e.g. from :func:`crisis_kinds`; their order is the order of the labels in ``why``.

    Returns
    -------
    tuple of CrisisService
        One entry per actor whose ``crisis`` lists any of ``kinds``: phone and web from its contact,
        ``why`` as „Hilfe bei: <Label>, <Label>“ and the kinds it serves.

    Examples
    --------
    >>> from graph.data.model import Actor, Contact, Dataset, Term, Vocabulary
    >>> from graph.referral.index import build_referral_index
    >>> voc = Vocabulary({"crisis_kinds": {"suizid": Term("suizid", "Suizidgefahr")}})
    >>> ts = Actor("ts", "TelefonSeelsorge", "beratung", contact=Contact(phone="0800 111 0 111"), crisis=("suizid",),
    ...            hours="rund um die Uhr")
    >>> [(s.name, s.phone, s.why) for s in crisis_services(build_referral_index(Dataset(voc, {"ts": ts}, ())), ("suizid",))]
    [('TelefonSeelsorge', '0800 111 0 111', 'Hilfe bei: Suizidgefahr')]
    """
    vocabulary = index.dataset.vocabulary
    actors = index.dataset.actors
    order = {actor_id: i for i, actor_id in enumerate(actors)}
    chosen = sorted(
        {a for kind in kinds for a in index.crisis_services.get(kind, ())},
        key=lambda a: (not _always_open(actors[a].hours), order[a]),
    )
    services = []
    for actor_id in chosen:
        actor = actors[actor_id]
        mine = tuple(k for k in kinds if k in actor.crisis)
        labels = ", ".join(vocabulary.label("crisis_kinds", k) for k in mine)
        # A colon, not „bei Akute Gewalt“: the labels are nominatives and cannot be declined here.
        why = f"Hilfe bei: {labels}"
        contact = actor.contact
        phone = contact.phone if contact else None
        web = contact.web if contact else None
        services.append(CrisisService(actor.id, actor.name, phone, actor.hours, web, why, mine))
    return tuple(services)


def _always_open(hours: str | None) -> bool:
    return (hours or "").strip().casefold() == ALWAYS_OPEN


def crisis_steps(index: ReferralIndex, kinds: tuple[str, ...]) -> tuple[CrisisStep, ...]:
    """The ``step`` of each matched crisis kind (kinds without a step are left out).

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set (:func:`graph.referral.index.build_referral_index`).
    kinds : tuple of str
        Crisis kind ids, e.g. from :func:`crisis_kinds`; unknown ids are left out.

    Returns
    -------
    tuple of CrisisStep
        Kind id, German label and step text, in the order of ``kinds``.

    Examples
    --------
    >>> from graph.data.model import Dataset, Term, Vocabulary
    >>> from graph.referral.index import build_referral_index
    >>> voc = Vocabulary({"crisis_kinds": {"gewalt": Term("gewalt", "Gewalt", step="Polizei rufen: 110."),
    ...                                    "suizid": Term("suizid", "Suizidgefahr")}})
    >>> crisis_steps(build_referral_index(Dataset(voc, {}, ())), ("gewalt", "suizid"))
    (CrisisStep(kind='gewalt', label='Gewalt', step='Polizei rufen: 110.'),)
    """
    terms = index.dataset.vocabulary.terms("crisis_kinds")
    return tuple(CrisisStep(k, terms[k].label, terms[k].step or "") for k in kinds if k in terms and terms[k].step)
