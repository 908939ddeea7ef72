"""School years, month arithmetic and the ESF+ period: one module, used by gap analysis, diff and the page Lücken."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.data import schoolyear
from graph.data.schoolyear import (
    ESF_PLUS_AFTER,
    ESF_PLUS_END,
    ESF_PLUS_START,
    SchoolYear,
    add_months,
    months_until,
    school_year_of,
    school_years,
)


def test_esf_plus_period_is_four_school_years() -> None:
    assert (dt.date(2024, 8, 1), dt.date(2028, 7, 31)) == (ESF_PLUS_START, ESF_PLUS_END)
    assert [y.name for y in school_years(ESF_PLUS_START, ESF_PLUS_END)] == ["2024/25", "2025/26", "2026/27", "2027/28"]
    assert (school_year_of(ESF_PLUS_START).start, school_year_of(ESF_PLUS_END).end) == (ESF_PLUS_START, ESF_PLUS_END)
    # the first day without ESF+ opens the school year 2028/29
    assert (ESF_PLUS_AFTER, school_year_of(ESF_PLUS_AFTER).name) == (dt.date(2028, 8, 1), "2028/29")


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 8, 1), "2026/27"),
        (dt.date(2026, 12, 31), "2026/27"),
        (dt.date(2027, 1, 1), "2026/27"),
        (dt.date(2027, 7, 31), "2026/27"),
        (dt.date(2027, 8, 1), "2027/28"),
        (dt.date(2026, 7, 31), "2025/26"),
        (dt.date(2000, 2, 29), "1999/00"),
        (dt.date(2009, 9, 1), "2009/10"),
    ],
)
def test_school_year_of(day: dt.date, name: str) -> None:
    assert school_year_of(day).name == name
    assert school_year_of(day).contains(day)


def test_school_year_bounds_and_neighbours() -> None:
    year = SchoolYear(2026)
    assert (year.start, year.end, str(year)) == (dt.date(2026, 8, 1), dt.date(2027, 7, 31), "2026/27")
    assert (year.previous().end + dt.timedelta(days=1), year.next().start) == (year.start, year.end + dt.timedelta(1))
    assert SchoolYear(2027).end == dt.date(2028, 7, 31)  # a leap year's February lies inside, the end stays 31.07.
    assert (year.contains(dt.date(2026, 7, 31)), year.contains(dt.date(2027, 8, 1))) == (False, False)


def test_school_years_are_ordered_and_hashable() -> None:
    assert sorted([SchoolYear(2027), SchoolYear(2025), SchoolYear(2026)]) == [
        SchoolYear(2025),
        SchoolYear(2026),
        SchoolYear(2027),
    ]
    assert {SchoolYear(2026): "x"}[school_year_of(dt.date(2026, 11, 28))] == "x"


@pytest.mark.parametrize("name", ["2026/27", "1999/00", "2099/00"])
def test_parse_reads_back_the_name(name: str) -> None:
    assert SchoolYear.parse(name).name == name


@pytest.mark.parametrize("name", ["2026/28", "2026-27", "26/27", "2026/2027", "", "1999/01"])
def test_parse_rejects_other_forms_in_german(name: str) -> None:
    with pytest.raises(ValueError, match="ist kein Schuljahr wie 2026/27"):
        SchoolYear.parse(name)


def test_school_years_between() -> None:
    assert school_years(dt.date(2026, 8, 1), dt.date(2026, 8, 1)) == [SchoolYear(2026)]
    assert school_years(dt.date(2026, 7, 31), dt.date(2026, 8, 1)) == [SchoolYear(2025), SchoolYear(2026)]
    assert school_years(dt.date(2026, 8, 2), dt.date(2026, 8, 1)) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 11, 28), 12, dt.date(2027, 11, 28)),
        (dt.date(2026, 11, 28), 0, dt.date(2026, 11, 28)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),
        (dt.date(2026, 10, 31), 2, dt.date(2026, 12, 31)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 15), -13, dt.date(2024, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_and_clamps_to_the_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("day", "end", "expected"),
    [
        (dt.date(2026, 11, 28), ESF_PLUS_END, 21),  # the demo's reference day
        (dt.date(2026, 7, 31), ESF_PLUS_END, 24),
        (dt.date(2026, 7, 28), ESF_PLUS_END, 25),  # 28.07.2028 lies before the end: one month more
        (dt.date(2026, 1, 31), dt.date(2026, 2, 28), 1),  # 31.01. + 1 month = 28.02. (clamped) reaches it
        (dt.date(2026, 2, 28), dt.date(2026, 3, 31), 2),
        (ESF_PLUS_END, ESF_PLUS_END, 0),
        (dt.date(2029, 1, 1), ESF_PLUS_END, 0),
    ],
)
def test_months_until_is_the_fewest_months_whose_horizon_reaches_the_end(
    day: dt.date, end: dt.date, expected: int
) -> None:
    assert months_until(day, end) == expected


def test_months_until_agrees_with_add_months_on_every_day_of_two_years() -> None:
    day = dt.date(2026, 1, 1)
    while day < dt.date(2028, 1, 1):
        n = months_until(day, ESF_PLUS_END)
        assert add_months(day, n) >= ESF_PLUS_END > add_months(day, n - 1)
        day += dt.timedelta(days=1)


def test_the_esf_end_has_one_home() -> None:
    # gaps, planning, diff and the page Lücken import it from graph.data.schoolyear; none defines its own.
    from graph.gaps import schools
    from graph.planning import ssa, years
    from graph.workflow import diff

    assert diff.ESF_PLUS_AFTER is years.ESF_PLUS_AFTER is schoolyear.ESF_PLUS_AFTER
    assert schools.ESF_PLUS_END is ssa.ESF_PLUS_END is schoolyear.ESF_PLUS_END
