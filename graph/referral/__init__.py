"""Referral lookup ("Vermittlung"): from a described need to ranked offers, contacts and warm paths.

Rules, in the order they are applied:

Crisis first
    Crisis kinds (``crisis_kinds`` of the vocabulary) are matched in the same text index as the
    topics (:mod:`graph.referral.crisis`). A matched kind brings its crisis services (actors whose
    ``crisis`` lists it; those open ``rund um die Uhr`` first, then in data set order, each once),
    its ``step`` for the caller's institution, and its ``topics`` at 1.0 (a topic the words matched
    keeps its match score). Pages, the CLI (JSON key ``"crisis"``) and the handout show services
    and steps above every offer.
    ``without`` never removes crisis help.
Topics
    The query is matched against the topic vocabulary (:mod:`graph.referral.textmatch`: a phrase matches
    only when all its words stand close together; lemmas, typos, compounds; the longer evidence
    wins; ``not_near`` vetoes). ``without`` drops recognised topic ids, ``also`` adds topic ids at
    1.0 unless recognised anyway (an unknown id raises :class:`ReferralError`); ``without`` wins.
    An actor offering a matched topic scores that topic's match score; an actor offering the
    *parent* of a matched second-level topic (e.g. ``schulabsentismus`` for "Schulangst")
    scores it times :data:`PARENT_FACTOR`, since it is the broader, less specific help.
Offers only
    Only actors a family or school can contact are ranked (:func:`is_offer`): Träger,
    Beratungsstellen and Bildungsanbieter unless ``referable: false``; Behörden and Projekte only
    with ``referable: true``; schools and committees never. A pilot project, a programme or a
    committee offering a topic is therefore never shown as help.
Hard filters (an offer either passes or is excluded)
    ``district``: the offer's ``service_area`` covers the district (a Stadtbezirk or
    Sozialraum covers its districts, ``stadtweit`` covers all); an actor without
    ``service_area`` serves only its own district. A school sets the district unless one is given.
    ``language``: the offer lists the language; an actor without ``languages`` counts as German only.
    ``audience``: the offer lists the audience; an actor without audiences is open to all.
    ``age``: the offer's age range (``age_min``/``age_max``, else its school levels) overlaps the
    asked range: the age, else the Schulstufe, else the school's levels; missing bounds are open.
Soft preferences (order the offers that pass)
    score = 0.6 × topic relevance (best topic + 0.25 × the others, at most 1)
    + warm path from the school: length bonus (1 hop 0.2, 2 hops 0.15, 3 hops 0.1, longer 0.05)
    × the weakest relation type on the path (:data:`~graph.referral.ranking.RELATION_WARMTH`:
    Schulsozialarbeit, Kooperation, Verweis 1.0, Trägerschaft 0.8, Förderung 0.6, Mitglied 0.4,
    others 0.5) × the oldest confirmation on the path (:data:`~graph.referral.ranking.RECENCY`:
    relation ``verified`` within 365 days 1.0, within 730 days 0.85, older or never 0.7)
    + 0.1 when the offer is local to the district (not only through ``stadtweit``)
    + 0.05 when the offer has a phone number (:data:`~graph.referral.ranking.PHONE_BONUS`)
    + freshness (verified within 365 days 0.1, within 730 days 0.05).
    Ties are broken by name, then id.
Reasons (German, in this order)
    the topics (with „übergeordnet zu …“ for a parent), the area, the language, the audience and
    the ages when asked, the warm path („bestehende Verbindung: …“, or „erfundene
    Demo-Verbindung: …“ when an invented relation carries it; „keine bestehende Verbindung zur
    Schule bekannt“ without one), „telefonisch erreichbar“, and the freshness.
When nothing passes
    ``excluded`` counts, per active filter, the topic candidates it excluded. If dropping
    the district filter alone leaves offers, those are returned with ``widened=True``.
    ``message`` explains either case in German.

One module per concern; import from here, the split is not part of the API:

- :mod:`graph.referral.index`: ``ReferralIndex`` (built once per data version), ``ReferralError``, candidates,
- :mod:`graph.referral.context`: the request (school, district, ages, language, audience) resolved to ids,
- :mod:`graph.referral.filters`: hard filters, widening past the district and the German explanation,
- :mod:`graph.referral.ranking`: ``Offer``, topic hits, scores and German reasons,
- :mod:`graph.referral.paths`: warm paths from a school, one breadth-first search per query,
- :mod:`graph.referral.cards`: contact cards,
- :mod:`graph.referral.crisis`: crisis kinds, crisis services and steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.data.model import Dataset
from graph.referral.cards import contact_card
from graph.referral.context import _context, school_scope, school_settings
from graph.referral.crisis import (
    CrisisService,
    CrisisStep,
    crisis_kinds,
    crisis_services,
    crisis_steps,
    split_matches,
)
from graph.referral.filters import FILTER_LABELS, _filter, _message
from graph.referral.index import (
    CANDIDATE_KINDS,
    ReferralError,
    ReferralIndex,
    _candidates,
    build_referral_index,
    is_offer,
)
from graph.referral.paths import _paths
from graph.referral.ranking import (
    PARENT_FACTOR,
    SCORE_PARTS,
    Offer,
    PathStep,
    _offer,
    _topic_hits,
    fit_words,
    path_chain,
)
from graph.referral.textmatch import Match

__all__ = [
    "CANDIDATE_KINDS",
    "FILTER_LABELS",
    "PARENT_FACTOR",
    "SCORE_PARTS",
    "CrisisService",
    "CrisisStep",
    "Evidence",
    "Offer",
    "PathStep",
    "ReferralError",
    "ReferralIndex",
    "ReferralResult",
    "build_referral_index",
    "contact_card",
    "fit_words",
    "is_offer",
    "path_chain",
    "refer",
    "refer_topics",
    "school_scope",
    "school_settings",
]


@dataclass(frozen=True)
class Evidence:
    """Why a topic or crisis was recognised: the words as typed, the phrase they matched, where it leads.

    ``crisis`` is the crisis kind id for crisis evidence, else ``None``; ``topics`` are the topic ids it
    adds to the search (for a crisis: the crisis kind's topics).
    """

    words: tuple[str, ...]
    phrase: str
    label: str
    topics: tuple[str, ...]
    crisis: str | None = None
    #: The stretch of the query as typed ("Umgang mit dem Handy"); falls back to the words.
    stretch: str = ""

    def text(self) -> str:
        """German one-liner: „‚ritzt sich‘ → Selbstverletzung → Krise“.

        Returns
        -------
        str
            The query stretch (else the words joined by spaces) in German single quotes, an arrow and the
            label; „ → Krise“ is appended for crisis evidence.

        Examples
        --------
        >>> Evidence(("ritzt", "sich"), "ritzt sich", "Selbstverletzung", ("psychische-gesundheit",), "x").text()
        '‚ritzt sich‘ → Selbstverletzung → Krise'
        >>> Evidence(("macht", "blau"), "macht blau", "Schulabsentismus", ("schulabsentismus",)).text()
        '‚macht blau‘ → Schulabsentismus'
        """
        said = self.stretch or " ".join(self.words)
        return f"‚{said}‘ → {self.label}" + (" → Krise" if self.crisis else "")


@dataclass(frozen=True)
class ReferralResult:
    """Outcome of :func:`refer`: matched topics, ranked offers and what the filters excluded."""

    query: str
    topics: tuple[str, ...]
    matches: tuple[Match, ...]
    offers: tuple[Offer, ...]
    excluded: tuple[tuple[str, int], ...]
    widened: bool = False
    message: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    #: Matched crisis kind ids (empty for an ordinary need), the services to call and the steps to take.
    crisis_kinds: tuple[str, ...] = ()
    crisis: tuple[CrisisService, ...] = ()
    crisis_steps: tuple[CrisisStep, ...] = ()
    #: Which words led to which topic or crisis, for the „erkannt: …“ line and its correction.
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``python -m graph refer --format json``.

        ``crisis`` lists the services to call now (id, name, phone, hours, web, why, kinds); it is
        empty when no crisis phrase matched. ``crisis_steps`` says what the caller's institution must do.

        Returns
        -------
        dict of str to Any
            Keys ``crisis``, ``crisis_steps``, ``recognised`` (one dict per evidence: words, text, phrase,
            label, topics, crisis), ``topics``, ``results`` (:meth:`Offer.to_dict` per offer), ``excluded``
            (``filter`` and ``count`` per filter), ``widened`` and ``message``; tuples become lists.
        """
        return {
            "crisis": [service.to_dict() for service in self.crisis],
            "crisis_steps": [{"kind": s.kind, "label": s.label, "step": s.step} for s in self.crisis_steps],
            "recognised": [
                {
                    "words": list(e.words),
                    "text": e.stretch,
                    "phrase": e.phrase,
                    "label": e.label,
                    "topics": list(e.topics),
                    "crisis": e.crisis,
                }
                for e in self.evidence
            ],
            "topics": list(self.topics),
            "results": [offer.to_dict() for offer in self.offers],
            "excluded": [{"filter": name, "count": count} for name, count in self.excluded],
            "widened": self.widened,
            "message": self.message,
        }


def refer_topics(
    index: ReferralIndex,
    topic_scores: Mapping[str, float],
    query: str = "",
    matches: tuple[Match, ...] = (),
    crises: tuple[str, ...] = (),
    evidence: tuple[Evidence, ...] = (),
    **options: Any,
) -> ReferralResult:
    """Rank offers for known topic scores; the filter options are those of :func:`refer`.

    Used by :func:`refer` after text matching and by the handout, which starts from topics.

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set, from :func:`build_referral_index`.
    topic_scores : mapping of str to float
        Topic id -> match score (0–1); an empty mapping ranks nothing.
    query : str, optional
        The text as typed, only for the result and the German message when no topic was recognised.
    matches : tuple of Match, optional
        The topic matches of the text; with ``query`` but no ``topic_scores`` they tell "no topic recognised"
        (no matches) from "every recognised topic removed" (:data:`ALL_REMOVED`).
    crises : tuple of str, optional
        Matched crisis kind ids; their services and steps are added to the result.
    evidence : tuple of Evidence, optional
        Which words led to which topic or crisis, passed through to the result.
    **options : Any
        The filter options of :func:`refer`: ``school``, ``district``, ``age``, ``school_level``, ``language``,
        ``audience``, ``as_of`` and ``today``.

    Returns
    -------
    ReferralResult
        Offers ranked by score (ties: name, then id), excluded counts, widening, the German message, the
        resolved request (``context``) and the crisis services and steps of ``crises``.

    Raises
    ------
    ReferralError
        For an unknown school, district, Schulstufe, language or audience in ``options``.

    Examples
    --------
    >>> from graph.data.model import Actor, Term, Vocabulary
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}, "languages": {"de": Term("de", "Deutsch")}})
    >>> ds = Dataset(voc, {"b": Actor("b", "B", "beratung", topics=("sucht",))}, ())
    >>> result = refer_topics(build_referral_index(ds), {"sucht": 1.0}, language="Deutsch", today=dt.date(2026, 1, 1))
    >>> [(o.id, o.score, o.reasons) for o in result.offers]
    [('b', 0.6, ('Thema Sucht', 'Zuständigkeitsgebiet nicht angegeben', 'spricht Deutsch', 'Prüfdatum fehlt'))]
    """
    ctx = _context(index, options)
    hits = _topic_hits(index, topic_scores)
    candidates = _candidates(index, hits)
    passing, excluded, widened = _filter(index, candidates, ctx)
    paths = (
        _paths(index.adjacency, ctx.school.id, ctx.as_of, {a.id for a in passing}) if ctx.school is not None else None
    )
    offers = sorted(
        (_offer(index, a, hits, ctx, paths, widened) for a in passing), key=lambda o: (-o.score, o.name, o.id)
    )
    message = _message(index, ctx, excluded, widened, len(offers))
    if not topic_scores and query:
        message = _no_topic_message(index, query) if not matches else ALL_REMOVED
    elif topic_scores and not candidates:
        labels = ", ".join(index.dataset.vocabulary.label("topics", t) for t in topic_scores)
        message = f"Zum Thema {labels} ist noch kein Angebot eingetragen."
    context = {
        "school": ctx.school.id if ctx.school else None,
        "district": ctx.district,
        "ages": list(ctx.ages) if ctx.ages else None,
        "language": ctx.language,
        "audience": ctx.audience,
        "as_of": ctx.as_of.isoformat(),
    }
    topics = tuple(topic_scores)
    return ReferralResult(
        query,
        topics,
        matches,
        tuple(offers),
        tuple(excluded),
        widened,
        message,
        context,
        crises,
        crisis_services(index, crises),
        crisis_steps(index, crises),
        evidence,
    )


#: Message when the user removed every recognised topic („Nicht das Richtige?“).
ALL_REMOVED = "Alle erkannten Themen sind abgewählt. Wählen Sie unter „Nicht das Richtige?“ ein Thema aus der Liste."


def _no_topic_message(index: ReferralIndex, query: str) -> str:
    examples = [t.label for t in index.dataset.vocabulary.terms("topics").values() if t.parent is None][:4]
    tip = f" Versuchen Sie ein Thema wie {', '.join(examples)}." if examples else ""
    return f"Zu „{query}“ wurde kein Thema erkannt.{tip}"


def refer(
    index_or_dataset: ReferralIndex | Dataset,
    query: str,
    school: str | None = None,
    district: str | None = None,
    age: int | None = None,
    school_level: str | None = None,
    language: str | None = None,
    audience: str | None = None,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    without: Iterable[str] = (),
    also: Iterable[str] = (),
) -> ReferralResult:
    """Find offers for a need described in free text; crisis help first when the text names a crisis.

    Parameters
    ----------
    index_or_dataset : ReferralIndex or Dataset
        Prefer an index from :func:`build_referral_index` when asking many queries.
    query : str
        The need in the caller's words, e.g. "schwänzt seit Wochen".
    school : str, optional
        School id: sets district and age range (from its school type) and is the start of warm paths.
    district : str, optional
        District id or label; overrides the school's district.
    age : int, optional
        Age of the pupil; overrides the school's age range and ``school_level``.
    school_level : str, optional
        Schulstufe id (e.g. ``sek1``) when the exact age is unknown.
    language : str, optional
        Language code or label (``ar`` or "Arabisch").
    audience : str, optional
        Audience id or label (``schueler``, ``eltern``, ``lehrkraefte``).
    as_of : datetime.date, optional
        Day on which relations must be active for a path (default: ``today``).
    today : datetime.date, optional
        Reference day for freshness (default: ``as_of``, else :func:`graph.data.clock.today`).
    without : iterable of str, optional
        Recognised topic ids the user removed („Nicht das Richtige?“); crisis help stays.
    also : iterable of str, optional
        Topic ids the user added by hand.

    Returns
    -------
    ReferralResult
        Crisis kinds, services and steps (empty for an ordinary need), matched topics with their
        evidence, ranked offers, excluded counts per filter, widening and a German message.

    Raises
    ------
    ReferralError
        For an unknown school, district, Schulstufe, language or audience, naming the value
        with a "Meinten Sie …?" suggestion.

    Examples
    --------
    >>> from graph.data.model import Actor, Term, Vocabulary
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht", synonyms=("trinkt",))}})
    >>> ds = Dataset(voc, {"b": Actor("b", "Suchtberatung", "beratung", topics=("sucht",))}, ())
    >>> result = refer(ds, "Vater trinkt", today=dt.date(2026, 1, 1))
    >>> result.topics, [o.name for o in result.offers]
    (('sucht',), ['Suchtberatung'])
    >>> refer(ds, "xyz").message
    'Zu „xyz“ wurde kein Thema erkannt. Versuchen Sie ein Thema wie Sucht.'
    """
    index = index_or_dataset if isinstance(index_or_dataset, ReferralIndex) else build_referral_index(index_or_dataset)
    matches, crisis_matches = split_matches(index.text.match(query))
    crises = crisis_kinds(index, crisis_matches)
    evidence = _evidence(index, matches, crisis_matches)
    scores = _scores(index, matches, crises, set(without), also)
    options = {
        "school": school,
        "district": district,
        "age": age,
        "school_level": school_level,
        "language": language,
        "audience": audience,
        "as_of": as_of,
        "today": today,
    }
    return refer_topics(index, scores, query, matches, crises, evidence, **options)


def _scores(
    index: ReferralIndex, matches: tuple[Match, ...], crises: tuple[str, ...], without: set[str], also: Iterable[str]
) -> dict[str, float]:
    """Topic scores: matched topics, then the topics of matched crises (1.0), then hand-added ones."""
    terms = index.dataset.vocabulary.terms("crisis_kinds")
    scores = {m.owner: m.score for m in matches}
    for kind in crises:
        for topic in terms[kind].topics:
            scores.setdefault(topic, 1.0)
    for topic in also:
        if topic not in index.dataset.vocabulary.terms("topics"):
            raise ReferralError(f"Thema '{topic}' ist unbekannt.")
        scores.setdefault(topic, 1.0)
    return {topic: score for topic, score in scores.items() if topic not in without}


def _evidence(index: ReferralIndex, matches: tuple[Match, ...], crises: tuple[Match, ...]) -> tuple[Evidence, ...]:
    vocabulary = index.dataset.vocabulary
    terms = vocabulary.terms("crisis_kinds")
    found = [
        Evidence(m.words, m.phrase, vocabulary.label("crisis_kinds", m.owner), terms[m.owner].topics, m.owner, m.text)
        for m in crises
        if m.owner in terms
    ]
    found += [
        Evidence(m.words, m.phrase, vocabulary.label("topics", m.owner), (m.owner,), None, m.text) for m in matches
    ]
    return tuple(found)
