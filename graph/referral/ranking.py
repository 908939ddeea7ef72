"""Soft ranking: topic hits, scores and the German reasons of each offer that passed the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.data.freshness import STALE_AFTER_DAYS
from graph.data.model import Actor, Relation
from graph.data.provenance import provenance
from graph.data.schoolyear import de_day
from graph.referral.cards import contact_card
from graph.referral.context import _Context
from graph.referral.filters import _actor_ages
from graph.referral.index import ReferralIndex

#: Score factor for an actor that offers only the parent of a matched topic.
PARENT_FACTOR = 0.6
_TOPIC_WEIGHT = 0.6
_PATH_BONUS = (0.2, 0.15, 0.1)
_LONG_PATH_BONUS = 0.05
_LOCAL_BONUS = 0.1
_FRESH = ((STALE_AFTER_DAYS, 0.1), (730, 0.05))
#: Bonus for an offer with a phone number: on a live call, a number beats an e-mail inbox.
PHONE_BONUS = 0.05
#: How much a relation type counts as "we know them" on a warm path (the weakest step counts):
#: working together or referring counts fully; sitting in the same committee counts little.
RELATION_WARMTH = {
    "schulsozialarbeit": 1.0,
    "kooperation": 1.0,
    "verweist": 1.0,
    "traegerschaft": 0.8,
    "foerderung": 0.6,
    "mitglied": 0.4,
}
#: Recency of a step: confirmed (``verified``) within 365 days counts fully, within 730 days 0.85, else 0.7.
RECENCY = ((365, 1.0), (730, 0.85))
_OLD = 0.7


#: Words for a score, best first (the score's parts are explained by :data:`SCORE_PARTS`).
FIT_WORDS = ((0.85, "passt sehr gut"), (0.7, "passt gut"), (0.0, "passt zum Teil"))
#: German one-sentence explanation of the score, built from the weights above.
SCORE_PARTS = (
    "Die Reihenfolge ergibt sich aus dem Thema (bis {topic}), einer bestehenden Verbindung der Schule (bis {path}, "
    "je nach Art und Alter der Beziehung), einem Angebot im Stadtteil ({local}), einer Telefonnummer ({phone}) "
    "und kürzlich geprüften Angaben (bis {fresh})."
).format(
    **{
        key: f"{value:g}".replace(".", ",")
        for key, value in (
            ("topic", _TOPIC_WEIGHT),
            ("path", _PATH_BONUS[0]),
            ("local", _LOCAL_BONUS),
            ("phone", PHONE_BONUS),
            ("fresh", _FRESH[0][1]),
        )
    }
)


def fit_words(score: float) -> str:
    """German words for an offer's score, so staff need not read numbers.

    Parameters
    ----------
    score : float
        The offer's score (:attr:`Offer.score`); negative scores are not expected.

    Returns
    -------
    str
        The words of the first :data:`FIT_WORDS` threshold the score reaches: „passt sehr gut“ from 0.85,
        „passt gut“ from 0.7, else „passt zum Teil“.

    Examples
    --------
    >>> fit_words(0.95), fit_words(0.75), fit_words(0.5)
    ('passt sehr gut', 'passt gut', 'passt zum Teil')
    """
    return next(words for threshold, words in FIT_WORDS if score >= threshold)


@dataclass(frozen=True)
class PathStep:
    """One step of a warm path: from an actor over a relation (German label as seen from ``source``) to the next."""

    source: str
    source_name: str
    relation: str
    relation_type: str
    relation_label: str
    target: str
    target_name: str
    demo: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON.

        Returns
        -------
        dict of str to Any
            Every field by name (``source``, ``source_name``, ``relation``, ``relation_type``,
            ``relation_label``, ``target``, ``target_name``, ``demo``).
        """
        return dict(vars(self))


@dataclass(frozen=True)
class Offer:
    """One ranked offer: score, German reasons, matched topics, warm path (ids and steps) and contact card."""

    id: str
    name: str
    kind: str
    score: float
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    path: tuple[str, ...] | None
    contact: dict[str, Any]
    steps: tuple[PathStep, ...] = ()
    #: Position in ``reasons`` of the warm-path sentence made from ``steps`` (None without a path).
    path_at: int | None = None

    def path_text(self) -> str | None:
        """The German warm-path reason (also one of ``reasons``), or None without a path.

        Returns
        -------
        str or None
            „bestehende Verbindung: …“ (or „erfundene Demo-Verbindung: …“ when an invented relation is on the
            path) with :func:`path_chain` of ``steps``; None when ``steps`` is empty.
        """
        return _path_reason(self.steps) if self.steps else None

    def other_reasons(self) -> tuple[str, ...]:
        """The reasons without the warm-path sentence, for a page that shows the path from ``steps`` itself.

        Returns
        -------
        tuple of str
            ``reasons`` in their order without the one at ``path_at`` (all of them when ``path_at`` is None).
        """
        return tuple(reason for n, reason in enumerate(self.reasons) if n != self.path_at)

    @property
    def demo_path(self) -> bool:
        """True when an invented (demo) relation carries the warm path."""
        return any(step.demo for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one result of ``python -m graph refer``.

        Returns
        -------
        dict of str to Any
            ``id``, ``name``, ``kind``, ``score``, ``reasons``, ``topics``, ``path`` (list of actor ids from the
            school, or None), ``path_steps`` (:meth:`PathStep.to_dict` per step) and ``contact``.
        """
        path = list(self.path) if self.path is not None else None
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "score": self.score,
            "reasons": list(self.reasons),
            "topics": list(self.topics),
            "path": path,
            "path_steps": [step.to_dict() for step in self.steps],
            "contact": self.contact,
        }


def _topic_hits(index: ReferralIndex, scores: Mapping[str, float]) -> dict[str, tuple[float, str | None]]:
    """Offered topic -> (score, matched child or None): matched topics and, lower, their parents."""
    topics = index.dataset.vocabulary.terms("topics")
    hits: dict[str, tuple[float, str | None]] = {}
    for topic, score in scores.items():
        if score > hits.get(topic, (0.0, None))[0]:
            hits[topic] = (score, None)
        parent = topics[topic].parent if topic in topics else None
        if parent and score * PARENT_FACTOR > hits.get(parent, (0.0, None))[0]:
            hits[parent] = (round(score * PARENT_FACTOR, 3), topic)
    return hits


def _fmt_date(day: dt.date) -> str:
    return de_day(day)


def _freshness(actor: Actor, today: dt.date) -> tuple[float, str]:
    if actor.verified is None:
        return 0.0, "Prüfdatum fehlt"
    age = (today - actor.verified).days
    bonus = next((b for days, b in _FRESH if age <= days), 0.0)
    if age <= _FRESH[0][0]:
        return bonus, f"Angaben geprüft am {_fmt_date(actor.verified)}"
    return bonus, f"Angaben zuletzt geprüft am {_fmt_date(actor.verified)} – bitte vor Weitergabe prüfen"


def _area_reason(index: ReferralIndex, actor: Actor, ctx: _Context, widened: bool) -> str:
    vocabulary = index.dataset.vocabulary
    if actor.id in index.citywide:
        return "stadtweit zuständig"
    labels = [_area_label(index, a) for a in actor.service_area or ((actor.district,) if actor.district else ())]
    if ctx.district and not widened:
        return f"zuständig für {vocabulary.label('districts', ctx.district)}"
    if not labels:
        return "Zuständigkeitsgebiet nicht angegeben"
    where = ", ".join(labels)
    if ctx.district:
        return f"zuständig für {where} (nicht für {vocabulary.label('districts', ctx.district)})"
    return f"zuständig für {where}"


def _area_label(index: ReferralIndex, area: str) -> str:
    vocabulary = index.dataset.vocabulary
    for name in ("districts", "stadtbezirke", "sozialraeume"):
        if area in vocabulary.terms(name):
            return vocabulary.label(name, area)
    return area


def _age_reason(index: ReferralIndex, actor: Actor) -> str:
    low, high = _actor_ages(index, actor)
    if low is not None and high is not None:
        return f"für {low}–{high} Jahre"
    if low is not None:
        return f"ab {low} Jahren"
    if high is not None:
        return f"bis {high} Jahre"
    return "ohne Altersgrenze"


def _steps(index: ReferralIndex, start: str, hops: list[tuple[str, Relation]]) -> tuple[PathStep, ...]:
    actors = index.dataset.actors
    types = index.dataset.vocabulary.terms("relation_types")
    steps = []
    node = start
    for other, relation in hops:
        term = types.get(relation.type)
        label = relation.type if term is None else term.label
        if term is not None and relation.source != node and term.label_reverse:
            label = term.label_reverse
        steps.append(
            PathStep(
                node, actors[node].name, relation.id, relation.type, label, other, actors[other].name, relation.is_demo
            )
        )
        node = other
    return tuple(steps)


def _invented(relation: Relation) -> bool:
    """One rule with the map and the profile (:func:`graph.data.provenance.provenance`): demo or without source."""
    return provenance(relation, relation=True).invented


def _recency(relation: Relation, today: dt.date) -> float:
    if relation.verified is None:
        return _OLD
    age = (today - relation.verified).days
    return next((factor for days, factor in RECENCY if age <= days), _OLD)


def _warmth(hops: list[tuple[str, Relation]], today: dt.date) -> float:
    """Path bonus: by length, times the weakest relation type and the oldest confirmation on the path."""
    base = _PATH_BONUS[len(hops) - 1] if len(hops) <= len(_PATH_BONUS) else _LONG_PATH_BONUS
    kind = min(RELATION_WARMTH.get(relation.type, 0.5) for _, relation in hops)
    recency = min(_recency(relation, today) for _, relation in hops)
    return round(base * kind * recency, 4)


def path_chain(steps: tuple[PathStep, ...], text: Callable[[str], str] = str) -> str:
    """The actors and relations of a warm path as one German chain; ``text`` prepares each name and label.

    The one place that words a path: the reasons of an offer, the command line and the
    Vermittlung page (which passes its Markdown escaping as ``text``) all read it from here.

    Parameters
    ----------
    steps : tuple of PathStep
        The path's steps in order, starting at the school; must not be empty.
    text : callable, optional
        Applied to every actor name and relation label before joining (default :class:`str`, unchanged).

    Returns
    -------
    str
        The first step's source name, then „relation label + target name“ per step, joined by „ → “.

    Examples
    --------
    >>> step = PathStep("s", "GS Silberhöhe", "r1", "kooperation", "kooperiert mit", "b", "Beratung Süd", False)
    >>> path_chain((step,))
    'GS Silberhöhe → kooperiert mit Beratung Süd'
    >>> path_chain((step,), str.upper)
    'GS SILBERHÖHE → KOOPERIERT MIT BERATUNG SÜD'
    """
    parts = [text(steps[0].source_name)] + [f"{text(s.relation_label)} {text(s.target_name)}" for s in steps]
    return " → ".join(parts)


def _path_reason(steps: tuple[PathStep, ...]) -> str:
    """German reason naming the relation that carries the path; invented relations say so."""
    prefix = "erfundene Demo-Verbindung" if any(s.demo for s in steps) else "bestehende Verbindung"
    return f"{prefix}: {path_chain(steps)}"


def _offer(
    index: ReferralIndex,
    actor: Actor,
    hits: dict[str, tuple[float, str | None]],
    ctx: _Context,
    paths: dict[str, list[tuple[str, Relation]]] | None,
    widened: bool,
) -> Offer:
    vocabulary = index.dataset.vocabulary
    mine = sorted((t for t in actor.topics if t in hits), key=lambda t: (-hits[t][0], t))
    values = [hits[t][0] for t in mine]
    relevance = min(1.0, values[0] + 0.25 * sum(values[1:]))
    reasons = []
    for topic in mine:
        child = hits[topic][1]
        label = vocabulary.label("topics", topic)
        reasons.append(f"Thema {label}" + (f" (übergeordnet zu {vocabulary.label('topics', child)})" if child else ""))
    reasons.append(_area_reason(index, actor, ctx, widened))
    local = bool(ctx.district) and not widened and actor.id not in index.citywide
    if ctx.language:
        reasons.append(f"spricht {vocabulary.label('languages', ctx.language)}")
    if ctx.audience:
        reasons.append(f"für {vocabulary.label('audiences', ctx.audience)}")
    if ctx.ages is not None:
        reasons.append(_age_reason(index, actor))
    path_bonus = 0.0
    path: tuple[str, ...] | None = None
    steps: tuple[PathStep, ...] = ()
    path_at: int | None = None
    if ctx.school is not None and paths is not None:
        hops = paths.get(actor.id)
        if hops:
            path = (ctx.school.id, *(node for node, _ in hops))
            path_bonus = _warmth(hops, ctx.today)
            steps = _steps(index, ctx.school.id, hops)
            path_at = len(reasons)
            reasons.append(_path_reason(steps))
        else:
            reasons.append("keine bestehende Verbindung zur Schule bekannt")
    phone = bool(actor.contact and actor.contact.phone)
    if phone:
        reasons.append("telefonisch erreichbar")
    fresh, fresh_reason = _freshness(actor, ctx.today)
    reasons.append(fresh_reason)
    bonus = path_bonus + (_LOCAL_BONUS if local else 0.0) + (PHONE_BONUS if phone else 0.0) + fresh
    score = round(_TOPIC_WEIGHT * relevance + bonus, 3)
    card = contact_card(actor)
    return Offer(actor.id, actor.name, actor.kind, score, tuple(reasons), tuple(mine), path, card, steps, path_at)
