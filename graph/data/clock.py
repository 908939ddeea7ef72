"""Which day is „today“: the one place in ``graph/`` and ``views/`` that reads the real clock.

A demo must not decay: evaluations that look at „today“ (freshness warnings, relations in force,
school social work that ends soon) use, in this order,

1. the environment variable ``NETZWERKKARTE_TODAY`` (``JJJJ-MM-TT``), e.g. for a presentation or a test run;
2. the reference date of the data set (``reference_date`` in ``data/meta.yaml``), so the bundled demo
   shows the same picture on every day;
3. the real date.

Functions that take an explicit ``today`` or ``as_of`` keep it; only their fallback comes from here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from graph.data.model import Dataset
from graph.data.schoolyear import de_day

__all__ = ["ENV_VAR", "ClockError", "Source", "Today", "holds_demo", "inputs", "resolve", "system_date", "today"]

#: Environment variable that fixes „today“ for the app and every command (``JJJJ-MM-TT``).
ENV_VAR = "NETZWERKKARTE_TODAY"

#: Where the day came from: the environment variable, the data's reference date, the real clock, or
#: ``given`` by the caller (``--as-of``, ``--today``, an explicit argument).
Source = Literal["env", "data", "system", "given"]


class ClockError(ValueError):
    """``NETZWERKKARTE_TODAY`` holds something that is not a date; the message is German."""


@dataclass(frozen=True)
class Today:
    """The day used as „today“ and where it came from.

    Examples
    --------
    >>> Today(dt.date(2026, 11, 28), "data").note()
    'Stichtag: 28.11.2026 (Stichtag der Daten)'
    >>> Today(dt.date(2026, 11, 28), "data", demo=True).note()
    'Demo-Stand: 28.11.2026 (Stichtag der Daten)'
    >>> Today(dt.date(2026, 11, 28), "system").note() is None
    True
    """

    day: dt.date
    source: Source
    #: The data set holds invented (demo) entries: its reference date is the demo's „today“.
    demo: bool = False

    def note(self) -> str | None:
        """German one-line notice when the day is not the real date; ``None`` for the real clock or a given day.

        Returns
        -------
        str or None
            ``"Stichtag: TT.MM.JJJJ (…)"`` naming the environment variable or the data, ``"Demo-Stand: …"``
            for the reference date of a data set with invented entries; None for ``system`` and ``given``.
        """
        if self.source == "env":
            return f"Stichtag: {de_day(self.day)} (gesetzt über {ENV_VAR})"
        if self.source == "data":
            label = "Demo-Stand" if self.demo else "Stichtag"
            return f"{label}: {de_day(self.day)} (Stichtag der Daten)"
        return None


def system_date() -> dt.date:
    """The real date of the machine; everything else asks :func:`today` or :func:`resolve`.

    Returns
    -------
    datetime.date
        today in the machine's local time zone (``datetime.date.today``).

    Examples
    --------
    >>> isinstance(system_date(), dt.date)
    True
    """
    return dt.date.today()


def _override(environ: Mapping[str, str] | None) -> dt.date | None:
    """The date in ``NETZWERKKARTE_TODAY``, ``None`` when unset or empty."""
    text = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ClockError(
        f"Die Umgebungsvariable {ENV_VAR} enthält '{text}', das ist kein gültiges Datum. "
        f"Schreiben Sie das Datum als JJJJ-MM-TT (z. B. {ENV_VAR}=2026-11-28) oder entfernen Sie die Variable."
    )


def inputs(environ: Mapping[str, str] | None = None) -> tuple[dt.date | None, dt.date]:
    """Everything besides the data that decides „today“: the override and the real date (a cache key).

    Parameters
    ----------
    environ : mapping, optional
        Environment to read (default: ``os.environ``); tests pass their own.

    Returns
    -------
    tuple of (datetime.date or None, datetime.date)
        The date in ``NETZWERKKARTE_TODAY`` (None when unset or blank) and the real date.

    Raises
    ------
    ClockError
        When ``NETZWERKKARTE_TODAY`` is set but not a date.

    Examples
    --------
    >>> inputs({ENV_VAR: "2027-07-01"})[0]
    datetime.date(2027, 7, 1)
    """
    return _override(environ), system_date()


def resolve(reference: Dataset | dt.date | None = None, environ: Mapping[str, str] | None = None) -> Today:
    """Decide „today“: ``NETZWERKKARTE_TODAY``, else the data's reference date, else the real date.

    Parameters
    ----------
    reference : Dataset or datetime.date, optional
        The data set (its ``reference_date`` is used) or a reference date itself.
    environ : mapping, optional
        Environment to read (default: ``os.environ``); tests pass their own.

    Returns
    -------
    Today
        The day and its source (``env``, ``data`` or ``system``).

    Raises
    ------
    ClockError
        When ``NETZWERKKARTE_TODAY`` is set but not a date (German message with a hint).

    Examples
    --------
    >>> resolve(dt.date(2026, 11, 28), environ={})
    Today(day=datetime.date(2026, 11, 28), source='data', demo=False)
    >>> resolve(dt.date(2026, 11, 28), environ={ENV_VAR: "2027-07-01"}).source
    'env'
    >>> resolve(None, environ={}).source
    'system'
    """
    override = _override(environ)
    if override is not None:
        return Today(override, "env")
    day = reference.reference_date if isinstance(reference, Dataset) else reference
    if day is not None:
        return Today(day, "data", isinstance(reference, Dataset) and holds_demo(reference))
    return Today(system_date(), "system")


def holds_demo(dataset: Dataset) -> bool:
    """Whether ``dataset`` holds invented (``provenance: demo``) actors, so its reference date is a demo's.

    Parameters
    ----------
    dataset : Dataset
        A validated data set.

    Returns
    -------
    bool
        True when at least one actor is marked ``demo``.

    Examples
    --------
    >>> from graph.data.model import Actor, Vocabulary
    >>> holds_demo(Dataset(Vocabulary({}), {"a": Actor("a", "A", "schule", provenance="demo")}, ()))
    True
    """
    return any(actor.is_demo for actor in dataset.actors.values())


def today(reference: Dataset | dt.date | None = None) -> dt.date:
    """The day to use as „today“ (see :func:`resolve`).

    Parameters
    ----------
    reference : Dataset or datetime.date, optional
        The data set (its ``reference_date`` is used) or a reference date itself.

    Returns
    -------
    datetime.date
        ``NETZWERKKARTE_TODAY`` if set, else the reference date, else the real date.

    Raises
    ------
    ClockError
        When ``NETZWERKKARTE_TODAY`` is set but not a date.

    Examples
    --------
    >>> isinstance(today(dt.date(2026, 11, 28)), dt.date)
    True
    """
    return resolve(reference).day
