"""Which school years a planning view covers: the ESF+ period by default, a chosen range, the options of a picker."""

from __future__ import annotations

from graph.data.model import Dataset
from graph.data.schoolyear import ESF_PLUS_AFTER, ESF_PLUS_END, ESF_PLUS_START, SchoolYear, school_years

__all__ = ["default_years", "year_options", "years_between"]


def default_years() -> list[SchoolYear]:
    """The school years of the ESF+ period, the Teilplanung's range (2024/25 to 2027/28).

    Returns
    -------
    list of SchoolYear
        The school years from :data:`graph.data.schoolyear.ESF_PLUS_START` to ``ESF_PLUS_END``, in order.

    Examples
    --------
    >>> [y.name for y in default_years()]
    ['2024/25', '2025/26', '2026/27', '2027/28']
    """
    return school_years(ESF_PLUS_START, ESF_PLUS_END)


def years_between(first: SchoolYear | None, last: SchoolYear | None) -> list[SchoolYear]:
    """School years from ``first`` to ``last`` (both included); a missing end is the ESF+ period's.

    Parameters
    ----------
    first : SchoolYear or None
        The first school year; ``None`` for the first of :func:`default_years` (2024/25).
    last : SchoolYear or None
        The last school year; ``None`` for the last of :func:`default_years` (2027/28).

    Returns
    -------
    list of SchoolYear
        The school years in order; empty when ``last`` is before ``first``.

    Examples
    --------
    >>> [y.name for y in years_between(SchoolYear(2026), None)]
    ['2026/27', '2027/28']
    >>> years_between(SchoolYear(2027), SchoolYear(2026))
    []
    """
    start = first or default_years()[0]
    stop = last or default_years()[-1]
    return school_years(start.start, stop.end)


def year_options(dataset: Dataset) -> list[SchoolYear]:
    """School years worth offering in a range picker: from the earliest start of a relation (at the latest the
    ESF+ start) to the first school year after the ESF+ period.

    Parameters
    ----------
    dataset : Dataset
        The data set; only the ``since`` dates of its relations are read.

    Returns
    -------
    list of SchoolYear
        The school years in order, the last one 2028/29.

    Examples
    --------
    >>> import datetime as dt
    >>> from graph.data.model import Relation, Vocabulary
    >>> ds = Dataset(Vocabulary(), {}, (Relation("r", "a", "b", "kooperation", since=dt.date(2023, 3, 1)),))
    >>> [y.name for y in year_options(ds)]
    ['2022/23', '2023/24', '2024/25', '2025/26', '2026/27', '2027/28', '2028/29']
    """
    starts = [r.since for r in dataset.relations if r.since is not None]
    first = min([ESF_PLUS_START, *starts])
    return school_years(first, ESF_PLUS_AFTER)
