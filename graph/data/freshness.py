"""When an entry counts as stale: the one rule for the validator, gap analysis, exports, profile and referral.

An entry is *stale* when its ``verified`` date lies more than :data:`STALE_AFTER_DAYS` days before
today; an entry without ``verified`` is *unverified* (never checked with the organisation), which is
not the same as stale: the validator warns only about stale entries, the export marks both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "STALE_AFTER",
    "STALE_AFTER_DAYS",
    "FreshnessCounts",
    "State",
    "age_days",
    "freshness_counts",
    "freshness_state",
    "is_stale",
]

#: An entry verified more than this many days ago is stale (12 months, as the warning says).
STALE_AFTER_DAYS = 365
#: :data:`STALE_AFTER_DAYS` as a time span.
STALE_AFTER = dt.timedelta(days=STALE_AFTER_DAYS)

#: ``fresh``: verified within :data:`STALE_AFTER_DAYS`; ``stale``: verified before; ``unverified``: no date.
State = Literal["fresh", "stale", "unverified"]


def age_days(verified: dt.date | None, today: dt.date) -> int | None:
    """Days since ``verified`` (negative when it lies after ``today``), ``None`` without a date.

    Parameters
    ----------
    verified : datetime.date or None
        The entry's ``verified`` field.
    today : datetime.date
        The reference day.

    Returns
    -------
    int or None
        ``(today - verified).days``; ``None`` when ``verified`` is ``None``.

    Examples
    --------
    >>> age_days(dt.date(2025, 1, 1), dt.date(2026, 1, 2)), age_days(None, dt.date(2026, 1, 2))
    (366, None)
    """
    return None if verified is None else (today - verified).days


def is_stale(verified: dt.date | None, today: dt.date) -> bool:
    """True when ``verified`` lies more than :data:`STALE_AFTER_DAYS` days before ``today``; never without a date.

    Parameters
    ----------
    verified : datetime.date or None
        The entry's ``verified`` field.
    today : datetime.date
        The reference day (from :mod:`graph.data.clock` or the caller).

    Returns
    -------
    bool

    Examples
    --------
    >>> today = dt.date(2026, 1, 1)
    >>> is_stale(dt.date(2025, 1, 1), today), is_stale(dt.date(2024, 12, 31), today), is_stale(None, today)
    (False, True, False)
    """
    age = age_days(verified, today)
    return age is not None and age > STALE_AFTER_DAYS


def freshness_state(verified: dt.date | None, today: dt.date) -> State:
    """``fresh``, ``stale`` or ``unverified`` (see :data:`State`).

    Parameters
    ----------
    verified : datetime.date or None
        The entry's ``verified`` field.
    today : datetime.date
        The reference day.

    Returns
    -------
    State
        ``unverified`` without a date, ``stale`` when :func:`is_stale`, else ``fresh`` (also for a date after
        ``today``).

    Examples
    --------
    >>> today = dt.date(2026, 1, 1)
    >>> [freshness_state(d, today) for d in (dt.date(2025, 6, 1), dt.date(2020, 1, 1), None)]
    ['fresh', 'stale', 'unverified']
    """
    if verified is None:
        return "unverified"
    return "stale" if is_stale(verified, today) else "fresh"


@dataclass(frozen=True)
class FreshnessCounts:
    """How many entries are fresh, stale or unverified, and the oldest ``verified`` date (``None`` when none)."""

    fresh: int
    stale: int
    unverified: int
    oldest: dt.date | None

    @property
    def total(self) -> int:
        """All entries counted."""
        return self.fresh + self.stale + self.unverified


def freshness_counts(verified: Iterable[dt.date | None], today: dt.date) -> FreshnessCounts:
    """Count the ``verified`` dates of some entries by :func:`freshness_state`.

    Parameters
    ----------
    verified : iterable of datetime.date or None
        One ``verified`` field per entry (e.g. ``a.verified for a in dataset.actors.values()``).
    today : datetime.date
        The reference day.

    Returns
    -------
    FreshnessCounts

    Examples
    --------
    >>> days = [dt.date(2025, 6, 1), dt.date(2020, 1, 1), None, dt.date(2025, 12, 1)]
    >>> freshness_counts(days, dt.date(2026, 1, 1))
    FreshnessCounts(fresh=2, stale=1, unverified=1, oldest=datetime.date(2020, 1, 1))
    >>> freshness_counts([], dt.date(2026, 1, 1)).total
    0
    """
    counts: dict[State, int] = {"fresh": 0, "stale": 0, "unverified": 0}
    oldest: dt.date | None = None
    for day in verified:
        counts[freshness_state(day, today)] += 1
        if day is not None and (oldest is None or day < oldest):
            oldest = day
    return FreshnessCounts(counts["fresh"], counts["stale"], counts["unverified"], oldest)
