"""Hard filters (district, language, audience, age), widening past the district, and the German explanation."""

from __future__ import annotations

from graph.data.model import Actor
from graph.referral.context import _Context, _level_range
from graph.referral.index import ReferralIndex

#: German names of the hard filters, in the order they are reported.
FILTER_LABELS = {"district": "Stadtteil", "language": "Sprache", "audience": "Zielgruppe", "age": "Alter/Schulstufe"}


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


def _filter(
    index: ReferralIndex, candidates: list[Actor], ctx: _Context
) -> tuple[list[Actor], list[tuple[str, int]], bool]:
    """Candidates that pass, excluded count per failed filter, and whether the district filter was dropped.

    Widening drops the district filter only when nothing passes and only for candidates that fail
    nothing else, so a wrong language or age is never shown just because the district was empty.
    """
    failures = {a.id: _failures(index, a, ctx) for a in candidates}
    counts = {name: sum(name in f for f in failures.values()) for name in FILTER_LABELS}
    excluded = [(name, count) for name, count in counts.items() if count]
    passing = [a for a in candidates if not failures[a.id]]
    widened = False
    if not passing and counts["district"]:
        passing = [a for a in candidates if failures[a.id] == ["district"]]
        widened = bool(passing)
    return passing, excluded, widened


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
