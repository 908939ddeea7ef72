"""One German sentence per gap analysis that states its finding with numbers (the first line of each section)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from graph.data.model import Dataset
from graph.data.schoolyear import de_day
from graph.gaps.info import SCHOOL, _schools
from graph.gaps.pathways import pathway_gaps_summary
from graph.gaps.schools import DEFAULT_MONTHS, URGENT_MONTHS, ending_horizon, lacking_direct_topics

__all__ = [
    "SummaryContext",
    "gap_summary",
    "what_if_summary",
]

#: German nouns of the coverage levels: singular, dative plural.
_AREA_NOUNS = {
    "districts": ("Stadtteil", "Stadtteilen"),
    "stadtbezirke": ("Stadtbezirk", "Stadtbezirken"),
    "sozialraeume": ("Sozialraum", "Sozialräumen"),
}


class SummaryContext:
    """What a summary needs besides the rows: the data set, the day, the horizon and the area level.

    Parameters
    ----------
    dataset : Dataset
        The data set the rows were computed from (for totals and names).
    as_of : datetime.date
        Reference day of the analysis.
    months : int
        Horizon of ``school_social_work_ending`` in months.
    level : str
        Area level of ``coverage`` (``districts``, ``stadtbezirke``, ``sozialraeume``).
    """

    def __init__(
        self, dataset: Dataset, as_of: dt.date, months: int = DEFAULT_MONTHS, level: str = "districts"
    ) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.months = months
        self.level = level

    @property
    def schools(self) -> int:
        """Number of schools in the data set."""
        return len(_schools(self.dataset))

    @property
    def horizon(self) -> dt.date:
        """Last day of the ``school_social_work_ending`` window."""
        return ending_horizon(self.as_of, self.months)

    def name(self, actor_id: str) -> str:
        """The actor's name, or the id when it is unknown.

        Parameters
        ----------
        actor_id : str
            Id of an actor of :attr:`dataset`.

        Returns
        -------
        str
            The actor's ``name``; ``actor_id`` itself when the data set has no such actor.

        Examples
        --------
        >>> from graph.data.model import Actor, Vocabulary
        >>> ctx = SummaryContext(Dataset(Vocabulary(), {"a": Actor("a", "Villa", "traeger")}, ()), dt.date(2026, 1, 1))
        >>> ctx.name("a"), ctx.name("x")
        ('Villa', 'x')
        """
        actor = self.dataset.actors.get(actor_id)
        return actor.name if actor else actor_id


def _day(day: dt.date) -> str:
    return de_day(day)


def _count(n: int, singular: str, plural: str) -> str:
    """``1 Schule``, ``3 Schulen``."""
    return f"{n} {singular if n == 1 else plural}"


def _verb(n: int, singular: str, plural: str) -> str:
    return singular if n == 1 else plural


def _coverage(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    one, many = _AREA_NOUNS.get(ctx.level, ("Gebiet", "Gebieten"))
    school_areas = {r["area"] for r in rows if r["schools"] > 0}
    empty = [r for r in rows if r["actors"] == 0 and r["schools"] > 0]
    core_empty = [r for r in empty if r["core"]]
    core_topics = list(dict.fromkeys(r["topic_label"] for r in rows if r["core"]))
    if not school_areas:
        return f"Kein {one} hat Schulen; die Abdeckung zeigt nur Angebote."
    rest = f"; über alle Themen sind {_count(len(empty), 'Feld', 'Felder')} leer." if empty else "."
    if not core_topics:
        if not empty:
            return f"In jedem {one} mit Schulen gibt es zu jedem Thema ein Angebot."
        return f"In {many} mit Schulen sind {_count(len(empty), 'Feld', 'Felder')} leer: kein Angebot zum Thema."
    if not core_empty:
        what = f"zum Kernthema {core_topics[0]}" if len(core_topics) == 1 else "zu einem Kernthema"
        return f"Kein {one} mit Schulen ist ohne Angebot {what}" + rest
    areas = {r["area"] for r in core_empty}
    start = f"In {len(areas)} von {len(school_areas)} {many} mit Schulen fehlt ein Angebot"
    if len(core_topics) == 1:
        return f"{start} zum Kernthema {core_topics[0]}" + rest
    topic, n = Counter(r["topic_label"] for r in core_empty).most_common(1)[0]
    return f"{start} zu mindestens einem Kernthema, am häufigsten zu {topic} (in {_count(n, one, many)})" + rest


def _without(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    total, n = ctx.schools, len(rows)
    if total == 0:
        return "Die Daten enthalten keine Schulen."
    if n == 0:
        return f"{_verb(total, 'Die', 'Alle')} {_count(total, 'Schule hat', 'Schulen haben')} am {_day(ctx.as_of)} Schulsozialarbeit."
    sentence = f"{n} von {total} Schulen {_verb(n, 'hat', 'haben')} am {_day(ctx.as_of)} keine Schulsozialarbeit"
    ended = sorted(r["ended"] for r in rows if r.get("ended"))
    if n == 1 and ended:
        return f"{sentence}; sie ist am {_day(ended[0])} ausgelaufen."
    if ended:
        return f"{sentence}, an {len(ended)} davon ist sie ausgelaufen."
    return sentence + "."


def _ending(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    horizon = _day(ctx.horizon)
    if not rows:
        return f"Bis zum {horizon} endet an keiner Schule die Schulsozialarbeit."
    losing: dict[str, dt.date] = {}
    urgent: set[str] = set()
    for row in rows:
        if not row["continues"]:
            losing[row["id"]] = max(losing.get(row["id"], row["until"]), row["until"])
            if row.get("urgent"):
                urgent.add(row["id"])
    if not losing:
        schools = len({r["id"] for r in rows})
        return (
            f"An {_count(schools, 'Schule', 'Schulen')} endet bis zum {horizon} ein Teil der Schulsozialarbeit; "
            "dort läuft aber weitere Schulsozialarbeit."
        )
    n, total = len(losing), ctx.schools
    verb = _verb(n, "verliert", "verlieren")
    days = sorted(set(losing.values()))
    when = f"zum {_day(days[0])}" if len(days) == 1 else f"bis zum {_day(days[-1])}"
    sentence = f"{n} von {total} Schulen {verb} {when} ihre Schulsozialarbeit"
    if not urgent:
        return sentence + "."
    first = min(losing[s] for s in urgent)
    if n == len(urgent):
        return f"{sentence} – innerhalb von {URGENT_MONTHS} Monaten, dringend."
    return (
        f"{sentence}, {len(urgent)} davon schon innerhalb von {URGENT_MONTHS} Monaten "
        f"({'am' if len(urgent) == 1 else 'ab'} {_day(first)})."
    )


def _school_topics(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Die Daten enthalten keine Schulen."
    if not any(r["direct"] or r["two_steps"] or r["missing"] for r in rows):
        return "Im Vokabular ist kein Thema als Kernthema markiert."
    indirect = lacking_direct_topics(rows)
    missing = [r for r in rows if r["missing"]]
    total = len(rows)
    if not indirect:
        return f"Alle {total} Schulen erreichen jedes Kernthema über einen direkten Partner."
    n = len(indirect)
    sentence = f"{n} von {total} Schulen {_verb(n, 'erreicht', 'erreichen')} nicht jedes Kernthema direkt"
    if n == total > 1:
        sentence = f"Keine der {total} Schulen erreicht jedes Kernthema direkt"
    if not missing:
        return f"{sentence}, über einen Zwischenschritt aber schon."
    if len(missing) == n and n < total:
        return f"{sentence}; {_verb(n, 'sie erreicht', 'sie erreichen')} mindestens eines gar nicht."
    m = len(missing)
    davon = "" if n == total else " davon"
    return f"{sentence}; {m}{davon} {_verb(m, 'erreicht', 'erreichen')} mindestens eines gar nicht."


def _isolated(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    # crisis services stand without relations on purpose; say so where the data has them
    note = " (Krisendienste zählen hier nicht)" if any(a.crisis for a in ctx.dataset.actors.values()) else ""
    if not rows:
        return f"Jeder Akteur hat mindestens eine Beziehung{note}."
    n = len(rows)
    return f"{_count(n, 'Akteur hat', 'Akteure haben')} am {_day(ctx.as_of)} keine einzige Beziehung{note}."


def _single(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Kein Akteur hängt an nur einem Partner."
    return f"{_count(len(rows), 'Akteur hängt', 'Akteure hängen')} an nur einem Partner."


def _articulation(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Kein einzelner Akteur hält das Netz zusammen: Fällt einer weg, bleibt der Rest verbunden."
    top = rows[0]
    cut = top["cut_off_count"]
    return (
        f"{_count(len(rows), 'Akteur ist', 'Akteure sind')} unverzichtbar; fällt {top['name']} weg, "
        f"{_verb(cut, 'wäre', 'wären')} {_count(cut, 'Akteur', 'Akteure')} abgeschnitten."
    )


def _bridges(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Keine Beziehung ist die einzige Verbindung: Endet eine, bleiben alle Akteure verbunden."
    top = rows[0]
    cut = top["cut_off_count"]
    n = len(rows)
    return (
        f"{_count(n, 'Beziehung ist', 'Beziehungen sind')} die einzige Verbindung; endet die zwischen "
        f"{ctx.name(top['source'])} und {ctx.name(top['target'])}, {_verb(cut, 'wäre', 'wären')} "
        f"{_count(cut, 'Akteur', 'Akteure')} abgeschnitten."
    )


def _committees(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Es sind keine Gremien eingetragen."
    kinds = sum(1 for r in rows if r["missing_kinds"])
    bezirke = sum(1 for r in rows if r["missing_stadtbezirke"])
    schools = sum(1 for r in rows if SCHOOL in r["missing_kinds"])
    n = len(rows)
    if not kinds and not bezirke:
        return f"In {_verb(n, 'dem', 'allen')} {_count(n, 'Gremium', 'Gremien')} sind alle Arten und Stadtbezirke vertreten."
    share = f"allen {n}" if kinds == n > 1 else f"{kinds} von {n}"
    return (
        f"In {share} {_verb(n, 'Gremium', 'Gremien')} fehlen Akteursarten (in {schools} sitzt keine Schule), "
        f"in {bezirke} fehlen Stadtbezirke."
    )


def _stale(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Keine geprüfte Angabe ist älter als 12 Monate."
    actors = sum(1 for r in rows if r["record"] == "actor")
    relations = len(rows) - actors
    oldest = max(r["days"] for r in rows)
    return (
        f"{_count(actors, 'Akteur', 'Akteure')} und {_count(relations, 'Beziehung', 'Beziehungen')} "
        f"{_verb(len(rows), 'wurde', 'wurden')} seit über 12 Monaten nicht geprüft, am längsten seit {oldest} Tagen."
    )


def _ended(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    if not rows:
        return "Keine Beziehung ist laut Enddatum beendet."
    last = max(r["until"] for r in rows)
    return (
        f"{_count(len(rows), 'Beziehung ist', 'Beziehungen sind')} laut Enddatum beendet, die jüngste am {_day(last)}."
    )


def _without_contact(rows: list[dict[str, Any]], ctx: SummaryContext) -> str:
    total = len(ctx.dataset.actors)
    if not rows:
        return f"Alle {total} Akteure haben eine Kontaktangabe."
    n = len(rows)
    return f"{n} von {total} Akteuren {_verb(n, 'hat', 'haben')} weder Telefon noch E-Mail noch Webseite."


_SUMMARIES: dict[str, Callable[[list[dict[str, Any]], SummaryContext], str]] = {
    "coverage": _coverage,
    "schools_without_school_social_work": _without,
    "school_social_work_ending": _ending,
    "school_topics": _school_topics,
    "isolated": _isolated,
    "single_relation": _single,
    "articulation_points": _articulation,
    "bridges": _bridges,
    "committees": _committees,
    "stale": _stale,
    "ended_relations": _ended,
    "without_contact": _without_contact,
    "pathway_gaps": lambda rows, ctx: pathway_gaps_summary(
        rows, ctx.schools, ctx.dataset.pathways is not None and bool(ctx.dataset.pathways.pathways)
    ),
}


def gap_summary(analysis_id: str, rows: list[dict[str, Any]], context: SummaryContext) -> str:
    """One German sentence stating the finding of a gap analysis with its numbers.

    When ``rows`` is empty the sentence is the all-clear of that analysis, worded for it.

    Parameters
    ----------
    analysis_id : str
        A key of :func:`graph.gaps.gap_report` (not ``what_if``, see :func:`what_if_summary`).
    rows : list of dict
        The rows of that analysis, as the report returns them.
    context : SummaryContext
        Data set, reference day, horizon and area level the rows were computed with.

    Returns
    -------
    str
        A sentence ending with a full stop.

    Raises
    ------
    ValueError
        When ``analysis_id`` is not an analysis of the report (e.g. ``what_if``).

    Examples
    --------
    >>> from graph.data.model import Actor, Relation, Vocabulary
    >>> actors = {"s": Actor("s", "S", "schule"), "u": Actor("u", "U", "schule"), "t": Actor("t", "T", "traeger")}
    >>> ds = Dataset(Vocabulary(), actors, (Relation("r", "t", "s", "schulsozialarbeit", until=dt.date(2027, 3, 31)),))
    >>> from graph.gaps import school_social_work_ending, schools_without_school_social_work
    >>> ctx = SummaryContext(ds, dt.date(2026, 11, 28), months=12)
    >>> gap_summary("school_social_work_ending", school_social_work_ending(ds, ctx.as_of, 12), ctx)
    '1 von 2 Schulen verliert zum 31.03.2027 ihre Schulsozialarbeit – innerhalb von 6 Monaten, dringend.'
    >>> gap_summary("schools_without_school_social_work", schools_without_school_social_work(ds, ctx.as_of), ctx)
    '1 von 2 Schulen hat am 28.11.2026 keine Schulsozialarbeit.'
    >>> gap_summary("isolated", [], ctx)
    'Jeder Akteur hat mindestens eine Beziehung.'
    """
    if analysis_id not in _SUMMARIES:
        raise ValueError(f"no summary for {analysis_id!r}")
    return _SUMMARIES[analysis_id](rows, context)


def what_if_summary(result: dict[str, list[dict[str, Any]]]) -> str:
    """One German sentence on the consequences of a what-if scenario (:func:`graph.gaps.what_if`).

    Parameters
    ----------
    result : dict of str to list of dict
        The result of :func:`graph.gaps.what_if`; only ``relations``, ``schools`` (with
        ``loses_school_social_work``) and ``coverage`` (with ``area``) are read.

    Returns
    -------
    str
        „In diesem Szenario fällt keine Beziehung weg.“ when no relation is lost; else the number of lost
        relations, of schools that lose something (and of those losing school social work) and of
        districts (Stadtteile) with fewer offers.

    Examples
    --------
    >>> what_if_summary({"relations": [], "schools": [], "coverage": [], "metrics": [], "network": []})
    'In diesem Szenario fällt keine Beziehung weg.'
    >>> what_if_summary({"relations": [{}] * 3, "schools": [{"loses_school_social_work": True}], "coverage": [{"area": "a"}]})
    'Es fallen 3 Beziehungen weg; 1 Schule verliert etwas (1 davon ihre Schulsozialarbeit), in 1 Stadtteil gibt es weniger Angebote.'
    """
    relations = len(result["relations"])
    if not relations:
        return "In diesem Szenario fällt keine Beziehung weg."
    schools = result["schools"]
    ssa = sum(1 for r in schools if r["loses_school_social_work"])
    areas = len({r.get("area") for r in result["coverage"]})
    parts = [f"{_count(len(schools), 'Schule verliert', 'Schulen verlieren')} etwas"]
    if ssa:
        parts[0] += f" ({ssa} davon ihre Schulsozialarbeit)"
    if areas:
        parts.append(f"in {_count(areas, 'Stadtteil', 'Stadtteilen')} gibt es weniger Angebote")
    verb = _verb(relations, "fällt", "fallen")
    return f"Es {verb} {_count(relations, 'Beziehung', 'Beziehungen')} weg; " + ", ".join(parts) + "."
