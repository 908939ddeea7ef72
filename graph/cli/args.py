"""Pieces shared by the sub-commands of ``python -m graph``: date arguments and loading valid data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from graph.data.loader import load_dataset
from graph.data.model import Dataset

__all__ = ["load_valid", "parse_date"]


def parse_date(text: str) -> dt.date:
    """Argument type for ``JJJJ-MM-TT`` dates with a German error message.

    Parameters
    ----------
    text : str
        The command line value, an ISO date such as ``2028-07-31``.

    Returns
    -------
    datetime.date
        The day the text names.

    Raises
    ------
    argparse.ArgumentTypeError
        When :meth:`datetime.date.fromisoformat` cannot read ``text``; argparse shows the German message.

    Examples
    --------
    >>> parse_date("2028-07-31")
    datetime.date(2028, 7, 31)
    """
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' ist kein Datum der Form JJJJ-MM-TT") from exc


def load_valid(data_dir: str | Path, today: dt.date | None = None) -> Dataset | None:
    """The validated data set, or ``None`` after printing every error line and a German summary to stderr.

    Commands that compute something from the data call this first, so that invalid data always
    ends the same way: the validator's lines (``file:line:col: …``) and exit code 1.

    Parameters
    ----------
    data_dir : str or Path
        Data folder holding ``vocabulary.yaml``, ``actors.yaml`` and ``relations.yaml``.
    today : datetime.date, optional
        Reference day for freshness warnings, passed to :func:`graph.data.loader.load_dataset`
        (``None``: :mod:`graph.data.clock` decides).

    Returns
    -------
    Dataset or None
        The data set when it validates; ``None`` when it has errors (already printed to stderr).

    Examples
    --------
    >>> load_valid("/nonexistent") is None  # the file-missing errors and the summary go to stderr
    True
    """
    result = load_dataset(data_dir, today=today)
    if result.dataset is None:
        for problem in result.report.errors:
            print(problem.format(), file=sys.stderr)
        print(
            f"Die Daten in {data_dir} sind ungültig; Einzelheiten: python -m graph validate {data_dir}", file=sys.stderr
        )
    return result.dataset
