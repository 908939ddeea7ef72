"""Referral lookup ("Vermittlung"): from a described need to ranked offers, contacts and warm paths.

Rules, in the order they are applied:

Topics
    The query is matched against the topic vocabulary (:mod:`graph.textmatch`). An actor
    offering a matched topic scores that topic's match score; an actor offering the
    *parent* of a matched second-level topic (e.g. ``schulabsentismus`` for "Schulangst")
    scores it times :data:`PARENT_FACTOR`, since it is the broader, less specific help.
    Candidates are actors of the kinds :data:`CANDIDATE_KINDS` (not schools, not committees).
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
    + warm path from the school (1 hop 0.2, 2 hops 0.15, 3 hops 0.1, longer 0.05)
    + 0.1 when the offer is local to the district (not only through ``stadtweit``)
    + freshness (verified within 365 days 0.1, within 730 days 0.05).
    Ties are broken by name, then id.
When nothing passes
    ``excluded`` counts, per active filter, the topic candidates it excluded. If dropping
    the district filter alone leaves offers, those are returned with ``widened=True``.
    ``message`` explains either case in German.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.model import Actor, Dataset, Relation, Term
from graph.schema import CITYWIDE
from graph.suggest import closest, did_you_mean
from graph.textmatch import Match, TextIndex, normalize, term_entries

__all__ = [
    "CANDIDATE_KINDS",
    "FILTER_LABELS",
    "PARENT_FACTOR",
    "TREE_CACHE",
    "Offer",
    "ReferralError",
    "ReferralIndex",
    "ReferralResult",
    "build_referral_index",
    "contact_card",
    "refer",
    "refer_topics",
]

#: Actor kinds that can be referred to.
CANDIDATE_KINDS = ("beratung", "traeger", "bildungsanbieter", "projekt", "behoerde")
#: Score factor for an actor that offers only the parent of a matched topic.
PARENT_FACTOR = 0.6
#: German names of the hard filters, in the order they are reported.
FILTER_LABELS = {"district": "Stadtteil", "language": "Sprache", "audience": "Zielgruppe", "age": "Alter/Schulstufe"}
_TOPIC_WEIGHT = 0.6
_PATH_BONUS = (0.2, 0.15, 0.1)
_LONG_PATH_BONUS = 0.05
_LOCAL_BONUS = 0.1
_FRESH = ((365, 0.1), (730, 0.05))
#: How many breadth-first trees (school, day) a referral index keeps.
TREE_CACHE = 64


class ReferralError(ValueError):
    """A referral request names something that does not exist; the message is German."""


@dataclass(frozen=True)
class ReferralIndex:
    """Everything a query needs, prepared once per data set (text index, coverage, adjacency).

    ``offering`` lists, per topic, the candidate actors (kinds :data:`CANDIDATE_KINDS`) that offer
    it as positions in ``dataset.actors`` order, so a query touches only actors with a matched topic.
    ``trees`` keeps the last :data:`TREE_CACHE` breadth-first trees from a school (several needs of
    one school in a row pay the search once); it is the only part that changes after building.
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


@dataclass(frozen=True)
class Offer:
    """One ranked offer: score, German reasons, matched topics, warm path and contact card."""

    id: str
    name: str
    kind: str
    score: float
    reasons: tuple[str, ...]
    topics: tuple[str, ...]
    path: tuple[str, ...] | None
    contact: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one result of ``python -m graph refer``."""
        path = list(self.path) if self.path is not None else None
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "score": self.score,
            "reasons": list(self.reasons),
            "topics": list(self.topics),
            "path": path,
            "contact": self.contact,
        }


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``python -m graph refer --format json``."""
        return {
            "topics": list(self.topics),
            "results": [offer.to_dict() for offer in self.offers],
            "excluded": [{"filter": name, "count": count} for name, count in self.excluded],
            "widened": self.widened,
            "message": self.message,
        }


@dataclass(frozen=True)
class _Context:
    school: Actor | None
    district: str | None
    ages: tuple[int | None, int | None] | None
    language: str | None
    audience: str | None
    as_of: dt.date
    today: dt.date


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


def _resolve(value: str, terms: Mapping[str, Term], what: str) -> str:
    """Term id for an id, a German label or a synonym; :class:`ReferralError` naming the value otherwise."""
    if value in terms:
        return value
    names = {normalize(name): t.id for t in terms.values() for name in (t.label, *t.synonyms)}
    if normalize(value) in names:
        return names[normalize(value)]
    match = closest(value, terms) or closest(normalize(value), names)
    hint = f"Meinten Sie '{names.get(match, match)}'?" if match else ""
    raise ReferralError(f"{what} '{value}' ist unbekannt. {hint}".strip())


def _level_range(index: ReferralIndex, levels: tuple[str, ...]) -> tuple[int | None, int | None] | None:
    terms = index.dataset.vocabulary.terms("school_levels")
    known = [terms[level] for level in levels if level in terms]
    if not known:
        return None
    lows = [t.age_min for t in known]
    highs = [t.age_max for t in known]
    low = None if None in lows else min(x for x in lows if x is not None)
    high = None if None in highs else max(x for x in highs if x is not None)
    return low, high


def _school(index: ReferralIndex, school: str) -> Actor:
    actors = index.dataset.actors
    if school in actors and actors[school].kind == "schule":
        return actors[school]
    schools = {a.id: a for a in actors.values() if a.kind == "schule"}
    hint = did_you_mean(school, schools, {a.name: a.id for a in schools.values()})
    raise ReferralError(f"Schule '{school}' ist unbekannt. {hint}".strip())


def _context(index: ReferralIndex, options: dict[str, Any]) -> _Context:
    vocabulary = index.dataset.vocabulary
    school = _school(index, options["school"]) if options.get("school") else None
    district = options.get("district")
    if district:
        district = _resolve(district, vocabulary.terms("districts"), "Stadtteil")
    elif school is not None:
        district = school.district
    ages: tuple[int | None, int | None] | None = None
    if options.get("age") is not None:
        ages = (options["age"], options["age"])
    elif options.get("school_level"):
        ages = _level_range(
            index, (_resolve(options["school_level"], vocabulary.terms("school_levels"), "Schulstufe"),)
        )
    elif school is not None and school.subtype in vocabulary.terms("school_types"):
        ages = _level_range(index, vocabulary.terms("school_types")[school.subtype].levels)
    language = options.get("language")
    language = _resolve(language, vocabulary.terms("languages"), "Sprache") if language else None
    audience = options.get("audience")
    audience = _resolve(audience, vocabulary.terms("audiences"), "Zielgruppe") if audience else None
    today = options.get("today") or options.get("as_of") or dt.date.today()
    return _Context(school, district, ages, language, audience, options.get("as_of") or today, today)


def _actor_ages(index: ReferralIndex, actor: Actor) -> tuple[int | None, int | None]:
    groups = actor.target_groups
    if groups is None:
        return None, None
    if groups.age_min is None and groups.age_max is None and groups.school_levels:
        return _level_range(index, groups.school_levels) or (None, None)
    return groups.age_min, groups.age_max


def _failures(index: ReferralIndex, actor: Actor, ctx: _Context) -> list[str]:
    """Names of the hard filters ``actor`` does not pass, in :data:`FILTER_LABELS` order."""
    failed = []
    if ctx.district and ctx.district not in index.coverage[actor.id]:
        failed.append("district")
    if ctx.language and ctx.language not in (actor.languages or ("de",)):
        failed.append("language")
    audiences = actor.target_groups.audiences if actor.target_groups else ()
    if ctx.audience and audiences and ctx.audience not in audiences:
        failed.append("audience")
    if ctx.ages is not None:
        low, high = _actor_ages(index, actor)
        ask_low, ask_high = ctx.ages
        if (low is not None and ask_high is not None and low > ask_high) or (
            high is not None and ask_low is not None and high < ask_low
        ):
            failed.append("age")
    return failed


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


def _tree(index: ReferralIndex, start: str, day: dt.date) -> dict[str, tuple[str, Relation] | None]:
    """Breadth-first tree from ``start`` over relations active on ``day``: node -> (parent, relation).

    Adjacency order is fixed, so a node's parent (and with it each shortest path) is the same on
    every run. Cached per (start, day) in the index, the oldest tree dropped first.
    """
    key = (start, day)
    tree = index.trees.get(key)
    if tree is not None:
        return tree
    tree = {start: None}
    queue = deque([start])
    adjacency = index.adjacency
    while queue:
        node = queue.popleft()
        for other, relation in adjacency[node]:
            # Relation.active_on, inlined: this loop runs once per relation end.
            if other not in tree and (
                (relation.since is None or relation.since <= day) and (relation.until is None or day <= relation.until)
            ):
                tree[other] = (node, relation)
                queue.append(other)
    while len(index.trees) >= TREE_CACHE:  # sessions share the index: tolerate a key another thread dropped
        index.trees.pop(next(iter(index.trees), key), None)
    index.trees[key] = tree
    return tree


def _paths(index: ReferralIndex, start: str, day: dt.date, targets: set[str]) -> dict[str, list[tuple[str, Relation]]]:
    """Shortest undirected paths from ``start`` over relations active on ``day`` to ``targets``: node -> hops."""
    tree = _tree(index, start, day)
    paths: dict[str, list[tuple[str, Relation]]] = {}
    for target in targets:
        if target not in tree:
            continue
        hops: list[tuple[str, Relation]] = []
        node = target
        while (step := tree[node]) is not None:
            hops.append((node, step[1]))
            node = step[0]
        paths[target] = hops[::-1]
    return paths


def _path_text(index: ReferralIndex, start: str, hops: list[tuple[str, Relation]]) -> str:
    actors = index.dataset.actors
    types = index.dataset.vocabulary.terms("relation_types")
    parts = [actors[start].name]
    node = start
    for other, relation in hops:
        term = types.get(relation.type)
        label = relation.type if term is None else term.label
        if term is not None and relation.source != node and term.label_reverse:
            label = term.label_reverse
        parts.append(f"{label} {actors[other].name}")
        node = other
    return "bestehende Verbindung: " + " → ".join(parts)


def _fmt_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _freshness(actor: Actor, today: dt.date) -> tuple[float, str]:
    if actor.verified is None:
        return 0.0, "Prüfdatum fehlt"
    age = (today - actor.verified).days
    bonus = next((b for days, b in _FRESH if age <= days), 0.0)
    if age <= _FRESH[0][0]:
        return bonus, f"Angaben geprüft am {_fmt_date(actor.verified)}"
    return bonus, f"Angaben zuletzt geprüft am {_fmt_date(actor.verified)} – bitte vor Weitergabe prüfen"


def contact_card(actor: Actor) -> dict[str, Any]:
    """The contact card of an actor: plain strings, ``None`` for what is missing.

    Examples
    --------
    >>> from graph.model import Address, Contact
    >>> card = contact_card(Actor("b", "B", "beratung", address=Address("Weg 1", "06132", "Halle (Saale)"),
    ...                           contact=Contact(phone="0345 1"), provenance="demo"))
    >>> card["address"], card["phone"], card["email"], card["demo"]
    ('Weg 1, 06132 Halle (Saale)', '0345 1', None, True)
    """
    contact = actor.contact
    address = actor.address
    place = " ".join(p for p in (address.postcode, address.city) if p) if address else ""
    line = ", ".join(p for p in ((address.street if address else None), place) if p)
    return {
        "role": contact.role if contact else None,
        "phone": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "web": contact.web if contact else None,
        "address": line or None,
        "access": actor.access,
        "verified": actor.verified.isoformat() if actor.verified else None,
        "demo": actor.is_demo,
    }


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
    if ctx.school is not None and paths is not None:
        hops = paths.get(actor.id)
        if hops:
            path = (ctx.school.id, *(node for node, _ in hops))
            path_bonus = _PATH_BONUS[len(hops) - 1] if len(hops) <= len(_PATH_BONUS) else _LONG_PATH_BONUS
            reasons.append(_path_text(index, ctx.school.id, hops))
        else:
            reasons.append("keine bestehende Verbindung zur Schule bekannt")
    fresh, fresh_reason = _freshness(actor, ctx.today)
    reasons.append(fresh_reason)
    score = round(_TOPIC_WEIGHT * relevance + path_bonus + (_LOCAL_BONUS if local else 0.0) + fresh, 3)
    return Offer(actor.id, actor.name, actor.kind, score, tuple(reasons), tuple(mine), path, contact_card(actor))


def _message(index: ReferralIndex, ctx: _Context, excluded: list[tuple[str, int]], widened: bool, found: int) -> str:
    parts = ", ".join(f"{FILTER_LABELS[name]} schließt {count} aus" for name, count in excluded)
    if widened:
        district = index.dataset.vocabulary.label("districts", ctx.district)
        return (
            f"Im Stadtteil {district} passt kein Angebot ({parts}). "
            "Gezeigt werden deshalb Angebote aus der ganzen Stadt, ohne den Filter Stadtteil."
        )
    if not found and excluded:
        return f"Kein Angebot erfüllt alle Filter ({parts}). Lockern Sie einen der Filter."
    return ""


def refer_topics(
    index: ReferralIndex,
    topic_scores: Mapping[str, float],
    query: str = "",
    matches: tuple[Match, ...] = (),
    **options: Any,
) -> ReferralResult:
    """Rank offers for known topic scores; the filter options are those of :func:`refer`.

    Used by :func:`refer` after text matching and by the handout, which starts from topics.

    Examples
    --------
    >>> from graph.model import Term, Vocabulary
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht")}, "languages": {"de": Term("de", "Deutsch")}})
    >>> ds = Dataset(voc, {"b": Actor("b", "B", "beratung", topics=("sucht",))}, ())
    >>> result = refer_topics(build_referral_index(ds), {"sucht": 1.0}, language="Deutsch", today=dt.date(2026, 1, 1))
    >>> [(o.id, o.score, o.reasons) for o in result.offers]
    [('b', 0.6, ('Thema Sucht', 'Zuständigkeitsgebiet nicht angegeben', 'spricht Deutsch', 'Prüfdatum fehlt'))]
    """
    ctx = _context(index, options)
    hits = _topic_hits(index, topic_scores)
    candidates = _candidates(index, hits)
    failures = {a.id: _failures(index, a, ctx) for a in candidates}
    counts = {name: sum(name in f for f in failures.values()) for name in FILTER_LABELS}
    excluded = [(name, count) for name, count in counts.items() if count]
    passing = [a for a in candidates if not failures[a.id]]
    widened = False
    if not passing and counts["district"]:
        passing = [a for a in candidates if failures[a.id] == ["district"]]
        widened = bool(passing)
    paths = _paths(index, ctx.school.id, ctx.as_of, {a.id for a in passing}) if ctx.school is not None else None
    offers = sorted(
        (_offer(index, a, hits, ctx, paths, widened) for a in passing), key=lambda o: (-o.score, o.name, o.id)
    )
    message = _message(index, ctx, excluded, widened, len(offers))
    if not topic_scores and query:
        message = _no_topic_message(index, query)
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
    return ReferralResult(query, topics, matches, tuple(offers), tuple(excluded), widened, message, context)


def _candidates(index: ReferralIndex, hits: Mapping[str, object]) -> list[Actor]:
    """Candidate actors offering a hit topic, in data set order (from the per-topic lists of the index)."""
    positions = sorted({p for topic in hits for p in index.offering.get(topic, ())})
    ordered = list(index.dataset.actors.values())
    return [ordered[p] for p in positions]


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
) -> ReferralResult:
    """Find offers for a need described in free text.

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
        Reference day for freshness (default: ``as_of``, else the current date).

    Returns
    -------
    ReferralResult
        Matched topics, ranked offers, excluded counts per filter, widening and a German message.

    Raises
    ------
    ReferralError
        For an unknown school, district, Schulstufe, language or audience, naming the value
        with a "Meinten Sie …?" suggestion.

    Examples
    --------
    >>> from graph.model import Term, Vocabulary
    >>> voc = Vocabulary({"topics": {"sucht": Term("sucht", "Sucht", synonyms=("trinkt",))}})
    >>> ds = Dataset(voc, {"b": Actor("b", "Suchtberatung", "beratung", topics=("sucht",))}, ())
    >>> result = refer(ds, "Vater trinkt", today=dt.date(2026, 1, 1))
    >>> result.topics, [o.name for o in result.offers]
    (('sucht',), ['Suchtberatung'])
    >>> refer(ds, "xyz").message
    'Zu „xyz“ wurde kein Thema erkannt. Versuchen Sie ein Thema wie Sucht.'
    """
    index = index_or_dataset if isinstance(index_or_dataset, ReferralIndex) else build_referral_index(index_or_dataset)
    matches = tuple(index.text.match(query))
    scores = {m.owner: m.score for m in matches}
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
    return refer_topics(index, scores, query, matches, **options)
