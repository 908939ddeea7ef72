"""Gap analysis: where support is missing, as tables with actor ids and German explanations."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from graph.build import build_graph
from graph.checks import STALE_AFTER
from graph.metrics import actor_metrics, metric_graph, network_figures
from graph.model import Actor, Dataset, Relation, Vocabulary

__all__ = [
    "AREA_LEVELS",
    "GAP_INFO",
    "GapInfo",
    "articulation_points",
    "bridges",
    "committees",
    "core_topics",
    "coverage",
    "ended_relations",
    "gap_report",
    "isolated",
    "school_social_work_ending",
    "school_topics",
    "schools_without_school_social_work",
    "served_districts",
    "single_relation",
    "stale",
    "what_if",
    "without_contact",
]

SCHOOL = "schule"
COMMITTEE = "gremium"
SCHOOL_SOCIAL_WORK = "schulsozialarbeit"
MEMBERSHIP = "mitglied"
#: ``coverage`` levels: vocabulary list of the areas.
AREA_LEVELS = ("districts", "stadtbezirke", "sozialraeume")


@dataclass(frozen=True)
class GapInfo:
    """German title, what a gap means and what one could do about it."""

    label: str
    meaning: str
    action: str


#: One entry per analysis of :func:`gap_report` (plus ``what_if``), keyed like the report.
GAP_INFO: dict[str, GapInfo] = {
    "coverage": GapInfo(
        "Themenabdeckung nach Gebiet",
        "Wie viele Angebote (Akteure außer Schulen und Gremien) ein Thema in einem Gebiet anbieten. Eine 0 heißt: "
        "Wer dort wohnt oder zur Schule geht, findet zu diesem Thema kein zuständiges Angebot.",
        "Prüfen, ob ein bestehendes Angebot sein Einzugsgebiet erweitern kann, oder ein neues Angebot "
        "(z. B. ein BbA) für das Gebiet planen.",
    ),
    "schools_without_school_social_work": GapInfo(
        "Schulen ohne Schulsozialarbeit",
        "An diesen Schulen gibt es am Stichtag keine laufende Schulsozialarbeit.",
        "Bedarf mit der Schule klären und bei der Planung der Schulsozialarbeit (Teilplanung, ESF+) berücksichtigen.",
    ),
    "school_social_work_ending": GapInfo(
        "Schulsozialarbeit endet bald",
        "Die Schulsozialarbeit an diesen Schulen läuft innerhalb des gewählten Zeitraums aus.",
        "Anschlussfinanzierung rechtzeitig mit Träger und Geldgeber klären, damit keine Lücke entsteht.",
    ),
    "school_topics": GapInfo(
        "Kernthemen je Schule",
        "Welche Kernthemen eine Schule über direkte Partner erreicht, welche nur über einen Zwischenschritt "
        "und welche gar nicht.",
        "Für fehlende Kernthemen eine direkte Kooperation oder einen festen Verweisweg vereinbaren.",
    ),
    "isolated": GapInfo(
        "Isolierte Akteure",
        "Diese Akteure haben am Stichtag keine einzige Beziehung im Netzwerk.",
        "Kontakt aufnehmen und ins Netzwerk einladen, z. B. in ein passendes Gremium; oder fehlende Beziehungen eintragen.",
    ),
    "single_relation": GapInfo(
        "Akteure mit nur einem Partner",
        "Diese Akteure hängen an einem einzigen Partner; fällt er weg, sind sie abgeschnitten.",
        "Eine zweite Verbindung aufbauen, damit das Netz nicht an einer Stelle reißt.",
    ),
    "articulation_points": GapInfo(
        "Unverzichtbare Brückenakteure",
        "Fällt einer dieser Akteure weg, zerfällt das Netzwerk: die genannten Akteure verlieren die Verbindung "
        "zum größeren Rest.",
        "Die abhängigen Akteure zusätzlich mit anderen Partnern verbinden, damit die Brücke nicht allein trägt.",
    ),
    "bridges": GapInfo(
        "Einzige Verbindungen",
        "Endet diese Beziehung, sind die genannten Akteure vom größeren Rest des Netzwerks getrennt.",
        "Eine zweite, unabhängige Verbindung schaffen.",
    ),
    "committees": GapInfo(
        "Zusammensetzung der Gremien",
        "Welche Akteursarten und Stadtbezirke in jedem Gremium vertreten sind und welche fehlen.",
        "Fehlende Akteursarten oder Stadtbezirke gezielt zur Mitarbeit einladen.",
    ),
    "stale": GapInfo(
        "Veraltete Angaben",
        "Diese Akteure oder Beziehungen wurden seit mehr als 12 Monaten nicht geprüft.",
        "Angaben mit dem Akteur abgleichen und das Prüfdatum (verified) aktualisieren.",
    ),
    "ended_relations": GapInfo(
        "Beendete Beziehungen",
        "Diese Beziehungen sind laut Enddatum (until) vorbei.",
        "Prüfen, ob sie wirklich beendet sind oder verlängert wurden; dann das Enddatum anpassen.",
    ),
    "without_contact": GapInfo(
        "Akteure ohne Kontakt",
        "Für diese Akteure ist weder Telefon noch E-Mail noch Webseite eingetragen; eine Vermittlung ist schwer.",
        "Eine dienstliche Kontaktangabe ergänzen.",
    ),
    "what_if": GapInfo(
        "Was wäre, wenn …",
        "Welche Schulen und Themen ihre Abdeckung verlieren, wenn Akteure wegfallen oder ein Förderprogramm endet, "
        "und welche Kennzahlen sich am stärksten ändern.",
        "Früh Ersatz planen: Anschlussförderung, andere Träger oder zusätzliche Kooperationen.",
    ),
}


def _name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actors.get(actor_id)
    return actor.name if actor else actor_id


def _bezirk(vocabulary: Vocabulary, actor: Actor) -> str | None:
    district = vocabulary.terms("districts").get(actor.district or "")
    return district.stadtbezirk if district else None


def _active(dataset: Dataset, as_of: dt.date, rel_type: str | None = None) -> list[Relation]:
    return [r for r in dataset.relations if r.active_on(as_of) and rel_type in (None, r.type)]


def _schools(dataset: Dataset) -> list[Actor]:
    return [a for a in dataset.actors.values() if a.kind == SCHOOL]


#: Kinds whose ``topics`` are not offers: a school's describe its profile or needs, a committee's its agenda.
NOT_OFFERING = frozenset({SCHOOL, COMMITTEE})


def _providers(dataset: Dataset) -> list[Actor]:
    """Actors whose ``topics`` are offers (every kind but :data:`NOT_OFFERING`)."""
    return [a for a in dataset.actors.values() if a.kind not in NOT_OFFERING and a.topics]


def served_districts(actor: Actor, vocabulary: Vocabulary) -> set[str]:
    """District ids an actor serves: its ``service_area`` resolved, else its own ``district``.

    An actor without ``service_area`` serves only the district it sits in (and nothing when
    that is unknown too).

    Examples
    --------
    >>> from graph.model import Term
    >>> v = Vocabulary({"districts": {"a": Term("a", "A", stadtbezirk="x"), "b": Term("b", "B", stadtbezirk="x")}})
    >>> sorted(served_districts(Actor("p", "P", "beratung", service_area=("x",)), v))
    ['a', 'b']
    >>> served_districts(Actor("q", "Q", "beratung", district="b"), v)
    {'b'}
    """
    if actor.service_area:
        return set().union(*(vocabulary.districts_of_area(area) for area in actor.service_area))
    return {actor.district} if actor.district else set()


def _area_districts(vocabulary: Vocabulary, level: str) -> dict[str, set[str]]:
    if level not in AREA_LEVELS:
        raise ValueError(f"level must be one of {AREA_LEVELS}, not {level!r}")
    return {area: vocabulary.districts_of_area(area) for area in vocabulary.terms(level)}


def coverage(dataset: Dataset, level: str = "districts", topics: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Area x topic table: how many actors offer the topic and serve the area.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    level : str
        ``districts``, ``stadtbezirke`` or ``sozialraeume``. An actor serves a Stadtbezirk or
        Sozialraum when it serves at least one of its districts.
    topics : iterable of str, optional
        Topic ids (default: every topic of the vocabulary). Topics match exactly; an offer on a
        sub-topic (``schulangst``) does not count for its parent.

    Returns
    -------
    list of dict
        One row per area and topic, zeros included: ``area``, ``area_label``, ``topic``,
        ``topic_label``, ``core``, ``schools`` (schools located in the area), ``actors`` (count)
        and ``actor_ids``. Schools and committees never count as offers (their topics describe a
        profile or an agenda); see :func:`served_districts` for the areas.

    Examples
    --------
    >>> from graph.model import Term
    >>> v = Vocabulary({"districts": {"a": Term("a", "A"), "b": Term("b", "B")}, "topics": {"t": Term("t", "T")}})
    >>> ds = Dataset(v, {"p": Actor("p", "P", "beratung", district="a", topics=("t",))}, ())
    >>> [(r["area"], r["actors"], r["actor_ids"]) for r in coverage(ds)]
    [('a', 1, ['p']), ('b', 0, [])]
    """
    vocabulary = dataset.vocabulary
    areas = _area_districts(vocabulary, level)
    topic_terms = vocabulary.terms("topics")
    wanted = list(topic_terms) if topics is None else list(topics)
    served = {a.id: served_districts(a, vocabulary) for a in _providers(dataset)}
    offered = {a.id: set(a.topics) for a in _providers(dataset)}
    school_districts = [s.district for s in _schools(dataset)]
    rows = []
    for area, districts in areas.items():
        schools = sum(1 for d in school_districts if d in districts)
        for topic in wanted:
            ids = [a for a, where in served.items() if topic in offered[a] and where & districts]
            term = topic_terms.get(topic)
            rows.append(
                {
                    "area": area,
                    "area_label": vocabulary.label(level, area),
                    "topic": topic,
                    "topic_label": vocabulary.label("topics", topic),
                    "core": bool(term and term.core),
                    "schools": schools,
                    "actors": len(ids),
                    "actor_ids": ids,
                }
            )
    return rows


def _school_row(dataset: Dataset, school: Actor) -> dict[str, Any]:
    return {
        "id": school.id,
        "name": school.name,
        "district": school.district,
        "stadtbezirk": _bezirk(dataset.vocabulary, school),
    }


def _school_of(relation: Relation, dataset: Dataset) -> str | None:
    """The school end of a school social work relation (normally its target)."""
    for end in (relation.target, relation.source):
        actor = dataset.actors.get(end)
        if actor is not None and actor.kind == SCHOOL:
            return end
    return None


def schools_without_school_social_work(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Schools without a ``schulsozialarbeit`` relation active on ``as_of``.

    Returns
    -------
    list of dict
        ``id``, ``name``, ``district``, ``stadtbezirk``, ``ended`` (the latest ``until`` of an
        earlier school social work relation, or ``None`` if there never was one) and
        ``ended_relation`` (its id).

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2025, 7, 31)),))
    >>> [(r["id"], r["ended"]) for r in schools_without_school_social_work(ds, dt.date(2026, 1, 1))]
    [('s', datetime.date(2025, 7, 31))]
    """
    covered = {_school_of(r, dataset) for r in _active(dataset, as_of, SCHOOL_SOCIAL_WORK)}
    past: dict[str, tuple[dt.date, str]] = {}
    for relation in dataset.relations:
        school_id = _school_of(relation, dataset)
        if relation.type == SCHOOL_SOCIAL_WORK and school_id and relation.until and relation.until < as_of:
            latest = (relation.until, relation.id)
            past[school_id] = max(past.get(school_id, latest), latest)
    rows = []
    for school in _schools(dataset):
        if school.id in covered:
            continue
        ended = past.get(school.id)
        row = _school_row(dataset, school)
        row.update(ended=ended[0] if ended else None, ended_relation=ended[1] if ended else None)
        rows.append(row)
    return rows


def _add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31.01. + 1 month = 28./29.02.)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def school_social_work_ending(dataset: Dataset, as_of: dt.date, months: int = 12) -> list[dict[str, Any]]:
    """School social work relations active on ``as_of`` that end within ``months`` months.

    Returns
    -------
    list of dict
        One row per ending relation, soonest first: the school's ``id``, ``name``, ``district``,
        ``stadtbezirk``, then ``relation``, ``provider``, ``until``, ``programme`` (funding) and
        ``continues`` (True when another school social work relation at that school runs beyond
        the horizon, so the school keeps some school social work).

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")},
    ...              (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2028, 7, 31)),))
    >>> [(r["id"], r["until"]) for r in school_social_work_ending(ds, dt.date(2027, 8, 1), months=12)]
    [('s', datetime.date(2028, 7, 31))]
    >>> school_social_work_ending(ds, dt.date(2027, 7, 30), months=12)
    []
    """
    horizon = _add_months(as_of, months)
    active = [(r, _school_of(r, dataset)) for r in _active(dataset, as_of, SCHOOL_SOCIAL_WORK)]
    lasting = {school for r, school in active if r.until is None or r.until > horizon}
    rows = []
    for relation, school in active:
        if school is None or relation.until is None or relation.until > horizon:
            continue
        row = _school_row(dataset, dataset.actors[school])
        provider = relation.source if relation.target == school else relation.target
        programme = relation.funding.programme if relation.funding else None
        row.update(relation=relation.id, provider=provider, until=relation.until, programme=programme)
        row["continues"] = school in lasting
        rows.append(row)
    return sorted(rows, key=lambda r: (r["until"], r["id"]))


def core_topics(vocabulary: Vocabulary) -> list[str]:
    """Ids of the topics marked ``core: true`` in the vocabulary, in vocabulary order.

    Examples
    --------
    >>> from graph.model import Term
    >>> core_topics(Vocabulary({"topics": {"a": Term("a", "A", core=True), "b": Term("b", "B")}}))
    ['a']
    """
    return [t.id for t in vocabulary.terms("topics").values() if t.core]


def _topics_within(h: nx.Graph, dataset: Dataset, start: str) -> tuple[set[str], set[str]]:
    """Topics offered by direct partners, and by actors exactly two steps away (schools and committees offer none)."""
    direct = set(h[start])
    second = set().union(*(h[v] for v in direct)) - direct - {start} if direct else set()

    def offered(ids: set[str]) -> set[str]:
        return {t for v in ids for t in dataset.actors[v].topics if dataset.actors[v].kind not in NOT_OFFERING}

    return offered(direct), offered(second)


def school_topics(
    dataset: Dataset, as_of: dt.date, topics: Iterable[str] | None = None, h: nx.Graph | None = None
) -> list[dict[str, Any]]:
    """Per school: which core topics it reaches through direct partners, only in two steps, or not at all.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Only relations active on that day count.
    topics : iterable of str, optional
        Topics to check (default: :func:`core_topics`).
    h : networkx.Graph, optional
        A metric graph of the same day to reuse (default: every relation type counts, so a
        committee in common also counts as a path).

    Returns
    -------
    list of dict
        ``id``, ``name``, ``district``, ``stadtbezirk``, ``direct``, ``two_steps``, ``missing``
        (topic ids in the order asked) and ``missing_count``. A topic counts when a partner
        (not a school or committee) lists it in its ``topics``; the school's own topics do not count.

    Examples
    --------
    >>> from graph.model import Term
    >>> v = Vocabulary({"topics": {"a": Term("a", "A", core=True), "b": Term("b", "B", core=True)}})
    >>> actors = {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger"),
    ...           "p": Actor("p", "P", "beratung", topics=("a",))}
    >>> ds = Dataset(v, actors, (Relation("r1", "t", "s", "kooperation"), Relation("r2", "t", "p", "kooperation")))
    >>> row = school_topics(ds, dt.date(2026, 1, 1))[0]
    >>> row["direct"], row["two_steps"], row["missing"]
    ([], ['a'], ['b'])
    """
    wanted = core_topics(dataset.vocabulary) if topics is None else list(topics)
    h = metric_graph(build_graph(dataset, as_of)) if h is None else h
    rows = []
    for school in _schools(dataset):
        direct, second = _topics_within(h, dataset, school.id) if school.id in h else (set(), set())
        row = _school_row(dataset, school)
        row["direct"] = [t for t in wanted if t in direct]
        row["two_steps"] = [t for t in wanted if t in second and t not in direct]
        row["missing"] = [t for t in wanted if t not in direct and t not in second]
        row["missing_count"] = len(row["missing"])
        rows.append(row)
    return rows


def _actor_row(h: nx.Graph, v: Hashable) -> dict[str, Any]:
    attrs = h.nodes[v]
    return {"id": v, "name": attrs.get("name", str(v)), "kind": attrs.get("kind")}


def isolated(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors without any relation in the metric graph ``h`` (``id``, ``name``, ``kind``).

    Examples
    --------
    >>> h = nx.Graph([("a", "b")]); h.add_node("c")
    >>> [r["id"] for r in isolated(h)]
    ['c']
    """
    return [_actor_row(h, v) for v in h if not h[v]]


def single_relation(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors with exactly one partner: ``id``, ``name``, ``kind``, ``partner`` and ``relations`` (count).

    Examples
    --------
    >>> [(r["id"], r["partner"]) for r in single_relation(nx.Graph([("a", "b"), ("b", "c")]))]
    [('a', 'b'), ('c', 'b')]
    """
    rows = []
    for v in h:
        if len(h[v]) == 1:
            partner = next(iter(h[v]))
            row = _actor_row(h, v)
            row.update(partner=partner, relations=max(1, len(h.edges[v, partner].get("relation_ids", ()))))
            rows.append(row)
    return rows


@dataclass
class _DepthFirst:
    """Depth-first search tree of every component: preorder list, discovery index, low point, subtree size."""

    preorder: list[Hashable]
    disc: dict[Hashable, int]
    low: dict[Hashable, int]
    size: dict[Hashable, int]
    parent: dict[Hashable, Hashable]
    component_of: dict[Hashable, tuple[int, int]]

    def subtree(self, v: Hashable) -> list[Hashable]:
        """``v`` and its descendants: a contiguous slice of the preorder."""
        return self.preorder[self.disc[v] : self.disc[v] + self.size[v]]


def _depth_first(h: nx.Graph) -> _DepthFirst:
    """Iterative Hopcroft–Tarjan search in graph order (linear time, no recursion limit)."""
    tree = _DepthFirst([], {}, {}, {}, {}, {})
    for root in h:
        if root in tree.disc:
            continue
        start = len(tree.preorder)
        _visit(h, root, tree)
        span = (start, len(tree.preorder))
        for v in tree.preorder[start:]:
            tree.component_of[v] = span
    return tree


def _visit(h: nx.Graph, root: Hashable, tree: _DepthFirst) -> None:
    def discover(v: Hashable) -> None:
        tree.disc[v] = tree.low[v] = len(tree.preorder)
        tree.preorder.append(v)

    discover(root)
    stack = [(root, iter(h[root]))]
    while stack:
        v, neighbours = stack[-1]
        for w in neighbours:
            if w not in tree.disc:
                tree.parent[w] = v
                discover(w)
                stack.append((w, iter(h[w])))
                break
            if w != tree.parent.get(v):
                tree.low[v] = min(tree.low[v], tree.disc[w])
        else:
            stack.pop()
            tree.size[v] = len(tree.preorder) - tree.disc[v]
            if stack:
                up = stack[-1][0]
                tree.low[up] = min(tree.low[up], tree.low[v])


def _children(tree: _DepthFirst) -> dict[Hashable, list[Hashable]]:
    children: dict[Hashable, list[Hashable]] = {}
    for v in tree.preorder:
        if v in tree.parent:
            children.setdefault(tree.parent[v], []).append(v)
    return children


def _cut_row(h: nx.Graph, v: Hashable, tree: _DepthFirst, pieces: list[Hashable]) -> dict[str, Any]:
    """Row for articulation point ``v`` whose removal splits off the subtrees of ``pieces``.

    The part that stays is the largest one; on a tie the part holding the component's first actor
    (in data order). Everything else is cut off.
    """
    start, end = tree.component_of[v]
    rest = (end - start) - 1 - sum(tree.size[w] for w in pieces)
    sizes = [rest, *(tree.size[w] for w in pieces)]
    keep = sizes.index(max(sizes))
    cut: list[Hashable] = []
    if keep != 0:  # the rest of the component (everything outside the separated subtrees) is cut off
        taken = {u for w in pieces for u in tree.subtree(w)}
        cut += [u for u in tree.preorder[start:end] if u != v and u not in taken]
    for i, w in enumerate(pieces, start=1):
        if i != keep:
            cut += tree.subtree(w)
    row = _actor_row(h, v)
    row.update(cut_off=cut, cut_off_count=len(cut), component_size=end - start)
    return row


def _separated(tree: _DepthFirst, v: Hashable, kids: list[Hashable]) -> list[Hashable]:
    """Tree children of ``v`` whose subtree loses all contact to the rest when ``v`` is removed."""
    if v not in tree.parent:  # a root separates only when it has two or more tree children
        return kids if len(kids) > 1 else []
    return [w for w in kids if tree.low[w] >= tree.disc[v]]


def articulation_points(h: nx.Graph) -> list[dict[str, Any]]:
    """Actors whose removal splits their part of the network, with the actors that would be cut off.

    "Cut off" means: no longer connected to the largest part that remains of the component the
    actor sits in (so for an actor in a small island, the island is the reference).

    Returns
    -------
    list of dict
        ``id``, ``name``, ``kind``, ``cut_off`` (ids, data order), ``cut_off_count`` and
        ``component_size``; most cut-off actors first.

    Examples
    --------
    >>> h = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> [(r["id"], r["cut_off"]) for r in articulation_points(h)]
    [('c', ['d'])]
    """
    tree = _depth_first(h)
    children = _children(tree)
    rows = []
    for v in tree.preorder:
        pieces = _separated(tree, v, children.get(v, []))
        if pieces:
            rows.append(_cut_row(h, v, tree, pieces))
    return sorted(rows, key=lambda r: -r["cut_off_count"])


def bridges(h: nx.Graph) -> list[dict[str, Any]]:
    """Pairs joined only by one tie whose end would split the network, with the smaller side cut off.

    Returns
    -------
    list of dict
        ``source`` and ``target`` (the end that stays first), ``relation_ids``, ``cut_off``
        (ids of the smaller side; on a tie the side away from the component's first actor) and
        ``cut_off_count``; most cut-off actors first.

    Examples
    --------
    >>> h = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    >>> [(r["source"], r["target"], r["cut_off"]) for r in bridges(h)]
    [('c', 'd', ['d'])]
    """
    tree = _depth_first(h)
    rows = []
    for w in tree.preorder:
        v = tree.parent.get(w)
        if v is None or tree.low[w] <= tree.disc[v]:
            continue
        start, end = tree.component_of[w]
        below = tree.subtree(w)
        if len(below) <= (end - start) - len(below):
            source, target, cut = v, w, below
        else:
            inside = set(below)
            source, target, cut = w, v, [u for u in tree.preorder[start:end] if u not in inside]
        ids = list(h.edges[v, w].get("relation_ids", ()))
        rows.append(
            {"source": source, "target": target, "relation_ids": ids, "cut_off": cut, "cut_off_count": len(cut)}
        )
    return sorted(rows, key=lambda r: -r["cut_off_count"])


def committees(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Per ``gremium``: members (active ``mitglied`` relations), represented and missing kinds and Stadtbezirke.

    Expected kinds are all actor kinds except ``gremium``; a member's Stadtbezirk is that of its
    ``district`` (members without a district, e.g. citywide offices, represent no Stadtbezirk).

    Examples
    --------
    >>> from graph.model import Term
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


def _record_row(dataset: Dataset, record: Actor | Relation) -> dict[str, Any]:
    if isinstance(record, Actor):
        return {"record": "actor", "id": record.id, "name": record.name, "source": None, "target": None}
    name = f"{_name(dataset, record.source)} – {_name(dataset, record.target)} ({record.type})"
    return {"record": "relation", "id": record.id, "name": name, "source": record.source, "target": record.target}


def stale(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Actors and relations last verified more than 12 months (365 days) before ``as_of``.

    Same rule as the validator's ``stale-entry`` warning; entries without ``verified`` are not listed.
    Rows: ``record`` (``actor``/``relation``), ``id``, ``name``, ``source``, ``target``, ``verified``, ``days``.

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"a": Actor("a", "A", "schule", verified=dt.date(2025, 1, 1))}, ())
    >>> [(r["id"], r["days"]) for r in stale(ds, dt.date(2026, 1, 2))]
    [('a', 366)]
    """
    records: list[Actor | Relation] = [*dataset.actors.values(), *dataset.relations]
    rows = []
    for record in records:
        if record.verified is not None and as_of - record.verified > STALE_AFTER:
            row = _record_row(dataset, record)
            row.update(verified=record.verified, days=(as_of - record.verified).days)
            rows.append(row)
    return rows


def ended_relations(dataset: Dataset, as_of: dt.date) -> list[dict[str, Any]]:
    """Relations whose ``until`` lies before ``as_of``: ``id``, ``source``, ``target``, ``type``, ``until``.

    Examples
    --------
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

    Examples
    --------
    >>> [r["id"] for r in without_contact(Dataset(Vocabulary(), {"a": Actor("a", "A", "schule")}, ()))]
    ['a']
    """
    return [
        {"id": a.id, "name": a.name, "kind": a.kind}
        for a in dataset.actors.values()
        if a.contact is None or a.contact.is_empty()
    ]


@dataclass
class _Snapshot:
    """What the what-if analysis compares: one data set on one day."""

    relations: set[str]
    school_social_work: set[str]
    topics: dict[str, tuple[set[str], set[str]]]
    coverage: dict[tuple[str, str], int]
    metrics: dict[Hashable, dict[str, Any]]
    figures: dict[str, Any] = field(default_factory=dict)


def _snapshot(dataset: Dataset, day: dt.date) -> _Snapshot:
    h = metric_graph(build_graph(dataset, day))
    topics = {}
    for row in school_topics(dataset, day, topics=list(dataset.vocabulary.terms("topics")), h=h):
        topics[row["id"]] = (set(row["direct"]), set(row["direct"]) | set(row["two_steps"]))
    active = _active(dataset, day)
    return _Snapshot(
        relations={r.id for r in active},
        school_social_work={s for r in active if r.type == SCHOOL_SOCIAL_WORK and (s := _school_of(r, dataset))},
        topics=topics,
        coverage={(r["area"], r["topic"]): r["actors"] for r in coverage(dataset)},
        metrics={r["id"]: r for r in actor_metrics(h)},
        figures=network_figures(h),
    )


def _scenario(dataset: Dataset, remove: set[str], programme: str | None, end: dt.date) -> Dataset:
    """The data set without the removed actors, with the programme's relations ending on ``end``."""
    relations = []
    for relation in dataset.relations:
        if relation.source in remove or relation.target in remove:
            continue
        if programme and relation.funding and relation.funding.programme == programme:
            relation = replace(relation, until=min(relation.until or end, end))
        relations.append(relation)
    actors = {k: a for k, a in dataset.actors.items() if k not in remove}
    return Dataset(dataset.vocabulary, actors, tuple(relations))


def _school_changes(dataset: Dataset, before: _Snapshot, after: _Snapshot) -> list[dict[str, Any]]:
    rows = []
    for school in _schools(dataset):
        if school.id not in after.topics:
            continue
        loses = school.id in before.school_social_work and school.id not in after.school_social_work
        direct_before, reached_before = before.topics[school.id]
        direct_after, reached_after = after.topics[school.id]
        core = core_topics(dataset.vocabulary)
        no_longer_direct = [t for t in core if t in direct_before and t not in direct_after]
        lost = [t for t in dataset.vocabulary.terms("topics") if t in reached_before and t not in reached_after]
        if loses or no_longer_direct or lost:
            row = _school_row(dataset, school)
            row.update(loses_school_social_work=loses, core_no_longer_direct=no_longer_direct, topics_lost=lost)
            rows.append(row)
    return rows


def _metric_changes(before: _Snapshot, after: _Snapshot, top: int) -> list[dict[str, Any]]:
    rows = []
    for metric in ("degree", "betweenness", "closeness", "eigenvector"):
        for v, row in after.metrics.items():
            old, new = before.metrics[v][metric], row[metric]
            if old != new:
                rows.append({"id": v, "name": row["name"], "metric": metric, "before": old, "after": new})
    for row in rows:
        row["change"] = row["after"] - row["before"]
    return sorted(rows, key=lambda r: -abs(r["change"]))[:top]


def what_if(
    dataset: Dataset,
    as_of: dt.date,
    remove: Iterable[str] = (),
    programme: str | None = None,
    programme_end: dt.date | None = None,
    top: int = 15,
) -> dict[str, list[dict[str, Any]]]:
    """Compare the network with a scenario: actors removed and/or a funding programme ended.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.
    as_of : datetime.date
        Day to compare on.
    remove : iterable of str
        Actor ids to take out (with all their relations).
    programme : str, optional
        Funding programme id (``funding.programme``): all its relations end on ``programme_end``.
    programme_end : datetime.date, optional
        Last day of the programme; default the day before ``as_of``. Both networks are compared on
        ``max(as_of, programme_end + 1 day)``, so losses that the data already foresees (an ``until``
        before that day) show in both and are not counted as caused by the scenario.
    top : int
        How many of the largest metric changes to list.

    Returns
    -------
    dict
        ``relations`` (active before, gone after: ``id``, ``source``, ``target``, ``type``),
        ``schools`` (schools that lose school social work, a core topic through a direct partner, or
        any topic within two steps), ``coverage`` (district x topic cells with fewer offers),
        ``metrics`` (largest changes of degree, betweenness, closeness, eigenvector) and
        ``network`` (network-level figures before and after).

    Examples
    --------
    >>> from graph.model import Funding
    >>> actors = {"s": Actor("s", "S", "schule"), "t": Actor("t", "T", "traeger")}
    >>> ds = Dataset(Vocabulary(), actors, (Relation("r", "t", "s", "schulsozialarbeit", funding=Funding("esf")),))
    >>> result = what_if(ds, dt.date(2026, 1, 1), programme="esf")
    >>> [r["id"] for r in result["relations"]], [(r["id"], r["loses_school_social_work"]) for r in result["schools"]]
    (['r'], [('s', True)])
    """
    end = programme_end or as_of - dt.timedelta(days=1)
    day = max(as_of, end + dt.timedelta(days=1)) if programme else as_of
    scenario = _scenario(dataset, set(remove), programme, end)
    before, after = _snapshot(dataset, day), _snapshot(scenario, day)
    lost = before.relations - after.relations
    gone = [r for r in dataset.relations if r.id in lost]
    return {
        "relations": [{"id": r.id, "source": r.source, "target": r.target, "type": r.type} for r in gone],
        "schools": _school_changes(dataset, before, after),
        "coverage": [
            {"area": area, "topic": topic, "before": n, "after": after.coverage[area, topic]}
            for (area, topic), n in before.coverage.items()
            if after.coverage[area, topic] < n
        ],
        "metrics": _metric_changes(before, after, top),
        "network": [
            {"figure": key, "before": value, "after": after.figures[key]} for key, value in before.figures.items()
        ],
    }


def gap_report(dataset: Dataset, as_of: dt.date, months: int = 12, level: str = "districts") -> dict[str, Any]:
    """Every analysis of :data:`GAP_INFO` except ``what_if``, keyed by its id, on one day.

    The metric graph (all relation types, unweighted) is built once and shared by the
    structural analyses and ``school_topics``.

    Examples
    --------
    >>> ds = Dataset(Vocabulary(), {"s": Actor("s", "S", "schule")}, ())
    >>> report = gap_report(ds, dt.date(2026, 1, 1))
    >>> [r["id"] for r in report["isolated"]], [r["id"] for r in report["schools_without_school_social_work"]]
    (['s'], ['s'])
    """
    h = metric_graph(build_graph(dataset, as_of))
    return {
        "coverage": coverage(dataset, level),
        "schools_without_school_social_work": schools_without_school_social_work(dataset, as_of),
        "school_social_work_ending": school_social_work_ending(dataset, as_of, months),
        "school_topics": school_topics(dataset, as_of, h=h),
        "isolated": isolated(h),
        "single_relation": single_relation(h),
        "articulation_points": articulation_points(h),
        "bridges": bridges(h),
        "committees": committees(dataset, as_of),
        "stale": stale(dataset, as_of),
        "ended_relations": ended_relations(dataset, as_of),
        "without_contact": without_contact(dataset),
    }
