"""Command ``python -m graph plan ssa|bba``: the planning views on the command line (text, JSON, Markdown, Excel)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from graph.cli.args import load_valid
from graph.cli.reports import to_json
from graph.data.schoolyear import SchoolYear
from graph.planning import bba_overview, ssa_view, years_between
from graph.planning.bba_tables import bba_markdown, bba_text, bba_workbook
from graph.planning.ssa_tables import ssa_markdown, ssa_text, ssa_workbook

__all__ = ["HELP", "add_arguments", "run", "school_year"]

HELP = "Planung: Schulsozialarbeit je Schuljahr (ssa) oder BbA-Förderung (bba)"
FORMATS = ("text", "json", "markdown", "xlsx")


def school_year(text: str) -> SchoolYear:
    """Argument type for a school year like ``2026/27`` with a German error message.

    Parameters
    ----------
    text : str
        The school year as written on the command line, e.g. ``2026/27``.

    Returns
    -------
    SchoolYear
        The parsed school year (:meth:`graph.data.schoolyear.SchoolYear.parse`).

    Raises
    ------
    argparse.ArgumentTypeError
        When ``text`` is not a school year; carries the message of the ``ValueError`` of the parser.

    Examples
    --------
    >>> school_year("2026/27").name
    '2026/27'
    """
    try:
        return SchoolYear.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``plan``: the view, ``--from``/``--to``, ``--format``, ``--data``, ``--output``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["ssa", "--from", "2025/26", "--format", "json"])
    >>> args.view, args.first.name, args.last, args.format, args.data
    ('ssa', '2025/26', None, 'json', 'data')
    """
    parser.add_argument("view", choices=("ssa", "bba"), help="ssa: Schulsozialarbeit je Schuljahr; bba: BbA-Förderung")
    parser.add_argument(
        "--from",
        dest="first",
        type=school_year,
        metavar="SCHULJAHR",
        help="erstes Schuljahr, z. B. 2024/25 (Standard: Beginn von ESF+)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=school_year,
        metavar="SCHULJAHR",
        help="letztes Schuljahr, z. B. 2027/28 (Standard: Ende von ESF+)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="Ausgabeformat (Standard: text)")
    parser.add_argument("--data", default="data", metavar="ORDNER", help="Datenordner (Standard: data)")
    parser.add_argument(
        "--output", metavar="DATEI", help="in diese Datei schreiben, z. B. planung.xlsx (Standard: Standardausgabe)"
    )


def _emit(args: argparse.Namespace, text: str | bytes) -> None:
    """Write the output to ``--output`` when given, else to the standard output (bytes unchanged)."""
    data = text if isinstance(text, bytes) else (text + "\n").encode("utf-8")
    if args.output:
        Path(args.output).write_bytes(data)
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        print(text)


def run(args: argparse.Namespace) -> int:
    """Print the chosen planning view; exit code 1 for invalid data or an empty range of school years.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments of :func:`add_arguments`: ``view`` (``ssa`` or ``bba``), ``first``, ``last``, ``format``,
        ``data`` and ``output`` (a file path, or ``None`` for the standard output).

    Returns
    -------
    int
        0 on success; 1 when ``first`` lies after ``last`` or the data are invalid (message on stderr).

    Examples
    --------
    >>> args = argparse.Namespace(view="ssa", first=SchoolYear(2027), last=SchoolYear(2026), format="json",
    ...                           data="data", output=None)
    >>> run(args)  # the German message goes to stderr
    1
    """
    years = years_between(args.first, args.last)
    if not years:
        print(f"Fehler: das erste Schuljahr {args.first} liegt nach dem letzten {args.last}.", file=sys.stderr)
        return 1
    dataset = load_valid(args.data)
    if dataset is None:
        return 1
    outputs: dict[str, Callable[[], str | bytes]]
    if args.view == "ssa":
        plan = ssa_view(dataset, years)
        by_bezirk = plan["by_stadtbezirk"]
        outputs = {
            "json": lambda: to_json(plan),
            "text": lambda: ssa_text(plan, dataset, by_bezirk),
            "markdown": lambda: ssa_markdown(plan, dataset, by_bezirk),
            "xlsx": lambda: ssa_workbook(plan, dataset, by_bezirk),
        }
    else:
        overview = bba_overview(dataset, years)
        outputs = {
            "json": lambda: to_json(overview),
            "text": lambda: bba_text(overview, dataset),
            "markdown": lambda: bba_markdown(overview, dataset),
            "xlsx": lambda: bba_workbook(overview, dataset),
        }
    _emit(args, outputs[args.format]())
    return 0
