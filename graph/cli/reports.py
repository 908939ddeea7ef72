"""Command line output of metrics and gap analysis: ``python -m graph metrics`` and ``python -m graph gaps``."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import io
import json
from typing import Any

from graph.cli.args import load_valid, parse_date
from graph.data import clock
from graph.data.build import build_graph
from graph.data.model import Dataset
from graph.gaps import GAP_INFO, gap_report
from graph.metrics import actor_metrics, metric_graph
from graph.present.formats import de_date

__all__ = [
    "METRIC_COLUMNS",
    "add_gaps_arguments",
    "add_metrics_arguments",
    "gaps_markdown",
    "metrics_csv",
    "run_gaps",
    "run_metrics",
    "to_json",
]

#: Column order of the metrics table (CSV and JSON keys).
METRIC_COLUMNS = (
    "id",
    "name",
    "kind",
    "district",
    "stadtbezirk",
    "neighbours",
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "core",
    "constraint",
    "effective_size",
    "community",
    "reach2",
)


def _common_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("data_dir", nargs="?", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--format", choices=formats, default=formats[0], help="Ausgabeformat")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        help="Stichtag JJJJ-MM-TT (Standard: NETZWERKKARTE_TODAY, sonst Stichtag der Daten, sonst heute)",
    )


def add_metrics_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``metrics``: data folder, ``--format json|csv``, ``--as-of``, ``--types``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_metrics_arguments(parser)
    >>> parser.parse_args(["--format", "csv", "--types", "kooperation"])
    Namespace(data_dir='data', format='csv', as_of=None, types='kooperation')
    """
    _common_arguments(parser, ("json", "csv"))
    parser.add_argument(
        "--types", help="Nur diese Beziehungsarten zählen, durch Komma getrennt (z. B. kooperation,verweist)"
    )


def add_gaps_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``gaps``: data folder, ``--format json|markdown``, ``--as-of``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_gaps_arguments(parser)
    >>> parser.parse_args(["daten", "--as-of", "2026-11-28"])
    Namespace(data_dir='daten', format='json', as_of=datetime.date(2026, 11, 28))
    """
    _common_arguments(parser, ("json", "markdown"))


def _load(args: argparse.Namespace) -> tuple[Dataset | None, clock.Today]:
    """Validated data set and the day, or ``None`` after printing the validation problems to stderr.

    The day is ``--as-of`` when given, else :func:`graph.data.clock.resolve` (``NETZWERKKARTE_TODAY``,
    the data's reference date, the real date).
    """
    dataset = load_valid(args.data_dir, today=args.as_of)
    return dataset, clock.Today(args.as_of, "given") if args.as_of else clock.resolve(dataset)


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(payload: object) -> str:
    """JSON text with dates as ``JJJJ-MM-TT`` and umlauts kept.

    Parameters
    ----------
    payload : object
        Anything :func:`json.dumps` takes, plus dates (as ISO text) and sets (as lists sorted by their text).

    Returns
    -------
    str
        The JSON text, indented by 2, without a final line break.

    Raises
    ------
    TypeError
        For any other value that JSON cannot hold.

    Examples
    --------
    >>> to_json({"until": dt.date(2028, 7, 31), "name": "Süd"})
    '{\\n  "until": "2028-07-31",\\n  "name": "Süd"\\n}'
    """
    return json.dumps(payload, ensure_ascii=False, indent=2, default=_plain)


def metrics_csv(rows: list[dict[str, Any]]) -> str:
    """The metrics table as CSV (comma-separated, header row, empty cell for undefined values).

    A machine format for scripts, on purpose: ``,`` between cells, decimal point, the English keys of
    :data:`METRIC_COLUMNS`. The download on the page Kennzahlen is the German one (:mod:`graph.present.formats`).

    Parameters
    ----------
    rows : list of dict
        One dict per actor as from :func:`graph.metrics.actor_metrics`; keys outside :data:`METRIC_COLUMNS`
        are ignored, missing keys and ``None`` give empty cells.

    Returns
    -------
    str
        The CSV text: header row, then one row per actor, each ended by a newline.

    Examples
    --------
    >>> print(metrics_csv([{"id": "a", "name": "A", "constraint": None}]).splitlines()[1][:12])
    a,A,,,,,,,,,
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=METRIC_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def run_metrics(args: argparse.Namespace) -> int:
    """Print the per-actor metrics of the data folder; exit code 1 when the data does not validate.

    Prints JSON (``--format json``) or CSV (``--format csv``) to stdout; ``--types`` keeps only these relation
    types; ``--as-of`` is the day whose relations count (default: :func:`graph.data.clock.resolve`).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_metrics_arguments`.

    Returns
    -------
    int
        0 after printing, 1 when the data do not validate (problems printed to stderr).

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_metrics_arguments(parser)
    >>> run_metrics(parser.parse_args(["/nonexistent"]))  # the validation errors go to stderr
    1
    """
    dataset, today = _load(args)
    if dataset is None:
        return 1
    day = today.day
    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    rows = actor_metrics(metric_graph(build_graph(dataset, as_of=day), types=types))
    print(to_json(rows) if args.format == "json" else metrics_csv(rows), end="\n" if args.format == "json" else "")
    return 0


def _cell(value: object) -> str:
    """One Markdown table cell; data texts are hostile, so HTML and table syntax are escaped."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        value = ", ".join(str(v) for v in value)
    elif isinstance(value, bool):
        value = "ja" if value else "nein"
    text = " ".join(str(value).split())  # no line breaks inside a table row
    for char in "\\`*_[]|":  # backslash first, so the escapes added later stay intact
        text = text.replace(char, "\\" + char)
    return html.escape(text, quote=False)


def _markdown_table(rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return ["Keine Einträge."]
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in rows]
    return lines


def gaps_markdown(report: dict[str, list[dict[str, Any]]], day: dt.date, note: str | None = None) -> str:
    """The gap report as Markdown: one section per analysis with its German explanation.

    The coverage section lists only the empty cells (no offer) of areas where there are schools.
    ``note`` (e.g. „Demo-Stand: … (Stichtag der Daten)“) goes below the heading.

    Parameters
    ----------
    report : dict of str to list of dict
        From :func:`graph.gaps.gap_report`: one list of rows per analysis, keyed as in :data:`graph.gaps.GAP_INFO`.
    day : datetime.date
        The day of the analysis, shown in the heading as ``TT.MM.JJJJ``.
    note : str, optional
        A line below the heading (e.g. :meth:`graph.data.clock.Today.note`); ``None`` or empty leaves it out.

    Returns
    -------
    str
        The Markdown text, ending with a newline; data texts in the tables are escaped.

    Examples
    --------
    >>> text = gaps_markdown({"isolated": [{"id": "a", "name": "<b>A|B</b>", "kind": "traeger"}]}, dt.date(2026, 1, 1))
    >>> text.splitlines()[-1]
    '| a | &lt;b&gt;A\\\\|B&lt;/b&gt; | traeger |'
    """
    lines = [f"# Lückenanalyse zum {de_date(day)}"]
    if note:
        lines += ["", note]
    for key, rows in report.items():
        info = GAP_INFO[key]
        shown = [r for r in rows if r["actors"] == 0 and r["schools"] > 0] if key == "coverage" else rows
        title = f"{info.label}: leere Felder in Gebieten mit Schulen" if key == "coverage" else info.label
        lines += ["", f"## {title} ({len(shown)})", "", info.meaning, "", f"Was tun? {info.action}", ""]
        lines += _markdown_table(shown)
    return "\n".join(lines) + "\n"


def run_gaps(args: argparse.Namespace) -> int:
    """Print every gap analysis of the data folder; exit code 1 when the data does not validate.

    Prints JSON (``--format json``) or Markdown (``--format markdown``, :func:`gaps_markdown`) to stdout;
    ``--as-of`` is the day of the analysis (default: :func:`graph.data.clock.resolve`).

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_gaps_arguments`.

    Returns
    -------
    int
        0 after printing, 1 when the data do not validate (problems printed to stderr).

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_gaps_arguments(parser)
    >>> run_gaps(parser.parse_args(["/nonexistent"]))  # the validation errors go to stderr
    1
    """
    dataset, today = _load(args)
    if dataset is None:
        return 1
    report = gap_report(dataset, today.day)
    print(
        to_json(report) if args.format == "json" else gaps_markdown(report, today.day, today.note()),
        end="\n" if args.format == "json" else "",
    )
    return 0
