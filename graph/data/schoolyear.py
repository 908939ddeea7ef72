"""School years, month arithmetic and the written day: the one place for calendar rules of school social work.

A school year in Saxony-Anhalt runs from 1 August to 31 July and is named after both calendar years
(``2026/27``). School social work is funded per school year; the ESF+ period ends with the school
year 2027/28 (:data:`ESF_PLUS_END`). Horizons („endet innerhalb von 12 Monaten“) count calendar
months from a day (:func:`add_months`, :func:`months_until`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "ESF_PLUS_AFTER",
    "ESF_PLUS_END",
    "ESF_PLUS_START",
    "FIRST_MONTH",
    "SchoolYear",
    "add_months",
    "de_day",
    "months_until",
    "school_year_of",
    "school_years",
]

#: Month in which a school year starts (August); it ends on the last day of the month before.
FIRST_MONTH = 8
#: First day of the ESF+ period for school social work (08/2024–07/2028).
ESF_PLUS_START = dt.date(2024, 8, 1)
#: Last day of the ESF+ period for school social work: the end of the school year 2027/28.
ESF_PLUS_END = dt.date(2028, 7, 31)
#: First day without ESF+ funding (1 August 2028): the day the change report and the planning look at.
ESF_PLUS_AFTER = ESF_PLUS_END + dt.timedelta(days=1)

_NAME = re.compile(r"(\d{4})/(\d{2})")


def de_day(day: dt.date) -> str:
    """A day as people in Germany write it, ``TT.MM.JJJJ``: the one date format of every German text and table.

    :func:`graph.present.formats.de_date` builds on it (empty for none, time of day added).

    Parameters
    ----------
    day : datetime.date
        The day.

    Returns
    -------
    str
        ``TT.MM.JJJJ`` with leading zeros.

    Examples
    --------
    >>> de_day(dt.date(2026, 8, 1))
    '01.08.2026'
    """
    return f"{day:%d.%m.%Y}"


@dataclass(frozen=True, order=True)
class SchoolYear:
    """The school year that starts on 1 August of ``first_year``; ordered by time.

    Examples
    --------
    >>> year = SchoolYear(2026)
    >>> year.name, year.start, year.end
    ('2026/27', datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))
    >>> year.contains(dt.date(2027, 7, 31)), year.contains(dt.date(2027, 8, 1))
    (True, False)
    >>> year.next().name, year.previous().name, str(SchoolYear(1999))
    ('2027/28', '2025/26', '1999/00')
    """

    first_year: int

    @property
    def start(self) -> dt.date:
        """First day: 1 August."""
        return dt.date(self.first_year, FIRST_MONTH, 1)

    @property
    def end(self) -> dt.date:
        """Last day: 31 July of the following calendar year."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def name(self) -> str:
        """German name: both calendar years, the second with two digits (``2026/27``)."""
        return f"{self.first_year}/{(self.first_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.name

    def contains(self, day: dt.date) -> bool:
        """True when ``day`` lies in this school year (both ends included).

        Parameters
        ----------
        day : datetime.date
            Any day.

        Returns
        -------
        bool
            Whether ``start <= day <= end``.
        """
        return self.start <= day <= self.end

    def next(self) -> SchoolYear:
        """The school year after this one.

        Returns
        -------
        SchoolYear
            The school year starting on 1 August of ``first_year + 1``.
        """
        return SchoolYear(self.first_year + 1)

    def previous(self) -> SchoolYear:
        """The school year before this one.

        Returns
        -------
        SchoolYear
            The school year starting on 1 August of ``first_year - 1``.
        """
        return SchoolYear(self.first_year - 1)

    @classmethod
    def parse(cls, name: str) -> SchoolYear:
        """The school year of a name like ``2026/27``.

        Parameters
        ----------
        name : str
            First calendar year with four digits, ``/``, the next year's last two digits.

        Returns
        -------
        SchoolYear

        Raises
        ------
        ValueError
            When ``name`` is not of that form or the two years do not follow each other (German message).

        Examples
        --------
        >>> SchoolYear.parse("2026/27"), SchoolYear.parse(" 1999/00 ").first_year
        (SchoolYear(first_year=2026), 1999)
        >>> SchoolYear.parse("2026/28")
        Traceback (most recent call last):
        ...
        ValueError: '2026/28' ist kein Schuljahr wie 2026/27.
        """
        match = _NAME.fullmatch(name.strip())
        if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f"'{name}' ist kein Schuljahr wie 2026/27.")
        return cls(int(match[1]))


def school_year_of(day: dt.date) -> SchoolYear:
    """The school year ``day`` falls in: from August on the one starting that year, before it the previous one.

    Parameters
    ----------
    day : datetime.date
        Any day.

    Returns
    -------
    SchoolYear

    Examples
    --------
    >>> school_year_of(dt.date(2026, 7, 31)).name, school_year_of(dt.date(2026, 8, 1)).name
    ('2025/26', '2026/27')
    >>> school_year_of(ESF_PLUS_END).name, school_year_of(ESF_PLUS_START).name
    ('2027/28', '2024/25')
    """
    return SchoolYear(day.year if day.month >= FIRST_MONTH else day.year - 1)


def school_years(first: dt.date, last: dt.date) -> list[SchoolYear]:
    """Every school year that has a day between ``first`` and ``last`` (both included), in order.

    Parameters
    ----------
    first : datetime.date
        First day of the period.
    last : datetime.date
        Last day of the period.

    Returns
    -------
    list of SchoolYear
        The school years in order; empty when ``last`` lies before ``first``.

    Examples
    --------
    >>> [y.name for y in school_years(ESF_PLUS_START, ESF_PLUS_END)]
    ['2024/25', '2025/26', '2026/27', '2027/28']
    >>> [y.name for y in school_years(dt.date(2026, 7, 31), dt.date(2026, 8, 1))]
    ['2025/26', '2026/27']
    >>> school_years(dt.date(2026, 8, 1), dt.date(2026, 7, 31))
    []
    """
    if last < first:
        return []
    start, stop = school_year_of(first).first_year, school_year_of(last).first_year
    return [SchoolYear(year) for year in range(start, stop + 1)]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (earlier when negative), clamped to the month's end.

    This is how every horizon counts: „innerhalb von 6 Monaten“ from 31.08. reaches 28./29.02.

    Parameters
    ----------
    day : datetime.date
        Where to start.
    months : int
        Calendar months to add.

    Returns
    -------
    datetime.date

    Examples
    --------
    >>> add_months(dt.date(2026, 1, 31), 1), add_months(dt.date(2027, 8, 31), 6)
    (datetime.date(2026, 2, 28), datetime.date(2028, 2, 29))
    >>> add_months(dt.date(2026, 11, 28), 14), add_months(dt.date(2026, 3, 15), -3)
    (datetime.date(2028, 1, 28), datetime.date(2025, 12, 15))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_until(day: dt.date, end: dt.date) -> int:
    """Fewest whole months from ``day`` whose horizon (:func:`add_months`) reaches ``end``; 0 when already there.

    Parameters
    ----------
    day : datetime.date
        Where the horizon starts.
    end : datetime.date
        The day it must include.

    Returns
    -------
    int
        The smallest ``n >= 0`` with ``add_months(day, n) >= end``.

    Examples
    --------
    >>> months_until(dt.date(2026, 11, 28), ESF_PLUS_END)
    21
    >>> months_until(dt.date(2026, 7, 31), ESF_PLUS_END), months_until(dt.date(2026, 7, 28), ESF_PLUS_END)
    (24, 25)
    >>> months_until(dt.date(2028, 7, 31), ESF_PLUS_END), months_until(dt.date(2029, 1, 1), ESF_PLUS_END)
    (0, 0)
    """
    if end <= day:
        return 0
    months = (end.year - day.year) * 12 + end.month - day.month
    # The horizon keeps the day of the month (28.07. + 24 months = 28.07.): short of the end, one more month.
    return months if add_months(day, months) >= end else months + 1
