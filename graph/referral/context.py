"""The request of one referral query: school, district, ages, language and audience resolved to ids.

Names the caller typed (ids, German labels, synonyms) become vocabulary ids here; anything unknown
raises :class:`~graph.referral.index.ReferralError` with a German "Meinten Sie …?" hint.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.data import clock
from graph.data.model import Actor, Term
from graph.data.suggest import closest, did_you_mean
from graph.referral.index import ReferralError, ReferralIndex
from graph.referral.textmatch import normalize


@dataclass(frozen=True)
class _Context:
    school: Actor | None
    district: str | None
    ages: tuple[int | None, int | None] | None
    language: str | None
    audience: str | None
    as_of: dt.date
    today: dt.date


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
    today = options.get("today") or options.get("as_of") or clock.today(index.dataset)
    return _Context(school, district, ages, language, audience, options.get("as_of") or today, today)


#: Opening of :func:`school_scope`.
SCOPE_PREFIX = "Gilt für die Suche: "


def school_settings(index: ReferralIndex, school: str) -> str:
    """What choosing ``school`` sets for the search, in German, without an opening: district, form, stages, ages.

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set.
    school : str
        Id of an actor of kind ``schule``.

    Returns
    -------
    str
        The parts known (district, school type with its stages, age range only when both ends are known),
        joined by „ · “, or „keine Angaben zur Schule“; no opening (:func:`school_scope` adds it).

    Raises
    ------
    ReferralError
        When ``school`` is not the id of a school (German message with a „Meinten Sie …?“ hint).

    Examples
    --------
    >>> from graph.data.model import Actor, Dataset, Term, Vocabulary
    >>> from graph.referral.index import build_referral_index
    >>> voc = Vocabulary({"districts": {"a": Term("a", "Altstadt")},
    ...     "school_levels": {"p": Term("p", "Primarstufe", age_min=6, age_max=10)},
    ...     "school_types": {"gs": Term("gs", "Grundschule", levels=("p",))}})
    >>> ds = Dataset(voc, {"s": Actor("s", "S", "schule", subtype="gs", district="a"), "t": Actor("t", "T", "schule")}, ())
    >>> school_settings(build_referral_index(ds), "s"), school_settings(build_referral_index(ds), "t")
    ('Stadtteil Altstadt · Grundschule (Primarstufe) · Alter 6–10 Jahre', 'keine Angaben zur Schule')
    """
    vocabulary = index.dataset.vocabulary
    actor = _school(index, school)
    parts = []
    if actor.district:
        parts.append(f"Stadtteil {vocabulary.label('districts', actor.district)}")
    school_type = vocabulary.terms("school_types").get(actor.subtype or "")
    if school_type is not None:
        stages = ", ".join(vocabulary.label("school_levels", level) for level in school_type.levels)
        parts.append(f"{school_type.label} ({stages})" if stages else school_type.label)
        ages = _level_range(index, school_type.levels)
        if ages is not None and None not in ages:
            parts.append(f"Alter {ages[0]}–{ages[1]} Jahre")
    return " · ".join(parts) if parts else "keine Angaben zur Schule"


def school_scope(index: ReferralIndex, school: str) -> str:
    """What choosing ``school`` sets for the search, as a German sentence (:func:`school_settings` with an opening).

    Parameters
    ----------
    index : ReferralIndex
        The referral index of the data set.
    school : str
        Id of an actor of kind ``schule``.

    Returns
    -------
    str
        :data:`SCOPE_PREFIX` („Gilt für die Suche: “) followed by :func:`school_settings`.

    Raises
    ------
    ReferralError
        When ``school`` is not the id of a school (German message with a „Meinten Sie …?“ hint).

    Examples
    --------
    >>> from graph.data.model import Actor, Dataset, Term, Vocabulary
    >>> from graph.referral.index import build_referral_index
    >>> voc = Vocabulary({"districts": {"a": Term("a", "Altstadt")},
    ...     "school_levels": {"p": Term("p", "Primarstufe", age_min=6, age_max=10)},
    ...     "school_types": {"gs": Term("gs", "Grundschule", levels=("p",))}})
    >>> ds = Dataset(voc, {"s": Actor("s", "S", "schule", subtype="gs", district="a")}, ())
    >>> school_scope(build_referral_index(ds), "s")
    'Gilt für die Suche: Stadtteil Altstadt · Grundschule (Primarstufe) · Alter 6–10 Jahre'
    """
    return SCOPE_PREFIX + school_settings(index, school)
