"""One rule for stale entries: the validator, gap analysis, exports, profile, page Daten and referral agree on it."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import yaml

from graph.data.checks import freshness
from graph.data.convert import Entry
from graph.data.freshness import (
    STALE_AFTER,
    STALE_AFTER_DAYS,
    FreshnessCounts,
    age_days,
    freshness_counts,
    freshness_state,
    is_stale,
)
from graph.data.model import Actor, Dataset, Vocabulary
from graph.gaps import stale
from graph.present.export import actor_table
from graph.referral import ranking

TODAY = dt.date(2026, 11, 28)
LAST_FRESH = TODAY - dt.timedelta(days=365)
FIRST_STALE = TODAY - dt.timedelta(days=366)


def test_stale_after_twelve_months() -> None:
    assert (365, dt.timedelta(days=365)) == (STALE_AFTER_DAYS, STALE_AFTER)


def test_boundary() -> None:
    assert (is_stale(LAST_FRESH, TODAY), is_stale(FIRST_STALE, TODAY), is_stale(None, TODAY)) == (False, True, False)
    assert (age_days(LAST_FRESH, TODAY), age_days(FIRST_STALE, TODAY), age_days(None, TODAY)) == (365, 366, None)
    assert is_stale(TODAY + dt.timedelta(days=3), TODAY) is False  # verified „in the future“ (wrong clock): fresh


def test_states() -> None:
    assert [freshness_state(d, TODAY) for d in (TODAY, LAST_FRESH, FIRST_STALE, None)] == [
        "fresh",
        "fresh",
        "stale",
        "unverified",
    ]


def test_counts() -> None:
    days = [TODAY, LAST_FRESH, FIRST_STALE, None, None, dt.date(2019, 5, 1)]
    assert freshness_counts(days, TODAY) == FreshnessCounts(fresh=2, stale=2, unverified=2, oldest=dt.date(2019, 5, 1))
    assert freshness_counts(days, TODAY).total == 6
    assert freshness_counts([None], TODAY) == FreshnessCounts(0, 0, 1, None)
    assert freshness_counts(iter([]), TODAY) == FreshnessCounts(0, 0, 0, None)


def test_every_user_draws_the_line_at_the_same_day() -> None:
    actors = {
        "fresh": Actor("fresh", "Fresh", "beratung", verified=LAST_FRESH),
        "old": Actor("old", "Old", "beratung", verified=FIRST_STALE),
        "never": Actor("never", "Never", "beratung"),
    }
    dataset = Dataset(Vocabulary(), actors, ())
    assert [r["id"] for r in stale(dataset, TODAY)] == ["old"]  # gap analysis: only dated entries
    graph = nx.MultiDiGraph()
    for actor in actors.values():
        graph.add_node(actor.id, name=actor.name, kind=actor.kind, verified=actor.verified)
    table = actor_table(graph, Vocabulary(), TODAY)
    # the export warns its reader about both: an entry never checked is as doubtful as a stale one
    assert dict(zip(table["Kennung"], table["Veraltet"], strict=True)) == {"fresh": False, "old": True, "never": True}
    reasons = {a: ranking._freshness(actors[a], TODAY)[1] for a in ("fresh", "old")}
    assert reasons == {
        "fresh": "Angaben geprüft am 28.11.2025",
        "old": "Angaben zuletzt geprüft am 27.11.2025 – bitte vor Weitergabe prüfen",
    }


def test_validator_warns_from_the_same_day() -> None:
    entry = Entry({}, {"": yaml.Mark("actors.yaml", 0, 0, 0, None, None)})
    codes = {
        day: [p.code for p in freshness("actors.yaml", entry, TODAY, Actor("a", "A", "beratung", verified=day))]
        for day in (LAST_FRESH, FIRST_STALE)
    }
    assert (codes[LAST_FRESH].count("stale-entry"), codes[FIRST_STALE].count("stale-entry")) == (0, 1)
