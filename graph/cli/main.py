"""Command line ``python -m graph <command>``: one sub-command per concern.

Each command is a pair of functions, ``add_arguments(parser)`` and ``run(args) -> exit code``,
registered in :data:`COMMANDS`. Add a new command by writing those two functions and one
line in the table.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from graph.cli import pathway as pathway_cli
from graph.cli import plan as plan_cli
from graph.cli import refer as referral_cli
from graph.cli.args import parse_date
from graph.cli.reports import add_gaps_arguments, add_metrics_arguments, run_gaps, run_metrics
from graph.data import clock
from graph.data.loader import LoadResult, load_dataset
from graph.workflow import diff_report, fmt, importer, jsonschema
from graph.workflow.annotations import github_output

__all__ = ["COMMANDS", "main", "parse_date"]


def _validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="Ausgabeformat")
    parser.add_argument(
        "--today",
        type=parse_date,
        help="Stichtag für Warnungen (Standard: NETZWERKKARTE_TODAY, sonst Stichtag der Daten, sonst heute)",
    )


def validation_json(result: LoadResult) -> str:
    """The validation result as the JSON document of ``validate --format json``.

    Keys: ``valid``, ``counts`` (actors and relations read) and ``issues``, one object per problem with
    ``level``, ``code``, ``file``, ``line``, ``column``, ``message`` and ``hint``; umlauts kept, indented by 2.

    Parameters
    ----------
    result : LoadResult
        From :func:`graph.data.loader.load_dataset`.

    Returns
    -------
    str
        The JSON text (no final line break).

    Examples
    --------
    >>> from graph.data.problems import Problem, Report
    >>> report = Report([Problem("a.yaml", 1, 2, "yaml-syntax", "kaputt")])
    >>> doc = json.loads(validation_json(LoadResult(None, report, {"actors": 0, "relations": 0})))
    >>> doc["valid"], doc["counts"], doc["issues"][0]["code"], doc["issues"][0]["line"]
    (False, {'actors': 0, 'relations': 0}, 'yaml-syntax', 1)
    """
    fields = ("level", "code", "file", "line", "column", "message", "hint")
    payload = {
        "valid": result.valid,
        "counts": result.counts,
        "issues": [{k: p.to_dict()[k] for k in fields} for p in result.report],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def validation_text(result: LoadResult) -> str:
    """One line per problem, then a German summary line.

    Each problem as :meth:`graph.data.problems.Problem.format` writes it (``file:line:col: level code: …``);
    the summary says „gültig“ or „UNGÜLTIG“, how many actors and relations were read, and how many
    errors and warnings there are.

    Parameters
    ----------
    result : LoadResult
        From :func:`graph.data.loader.load_dataset`.

    Returns
    -------
    str
        The lines, without a final line break.

    Examples
    --------
    >>> from graph.data.problems import Problem, Report
    >>> report = Report([Problem("a.yaml", 1, 2, "yaml-syntax", "kaputt")])
    >>> print(validation_text(LoadResult(None, report, {"actors": 0, "relations": 0})))
    a.yaml:1:2: error yaml-syntax: kaputt
    UNGÜLTIG: 0 Akteure, 0 Beziehungen; 1 Fehler, 0 Warnungen
    """
    lines = [p.format() for p in result.report]
    counts = f"{result.counts['actors']} Akteure, {result.counts['relations']} Beziehungen"
    verdict = "gültig" if result.valid else "UNGÜLTIG"
    lines.append(f"{verdict}: {counts}; {result.report.summary()}")
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    result = load_dataset(args.data_dir, today=args.today)
    if args.format == "github":
        print(github_output(result))
        return 0 if result.valid else 1
    print(validation_json(result) if args.format == "json" else validation_text(result))
    return 0 if result.valid else 1


#: (name, German help, add_arguments, run) of every sub-command.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "validate": ("Datenordner prüfen (Exit-Code 1 bei Fehlern)", _validate_arguments, _validate),
    "metrics": ("Kennzahlen je Akteur als JSON oder CSV", add_metrics_arguments, run_metrics),
    "gaps": ("Lückenanalyse als JSON oder Markdown", add_gaps_arguments, run_gaps),
    "schema": ("JSON-Schema für Editoren erzeugen (--check: nur prüfen)", jsonschema.add_arguments, jsonschema.run),
    "refer": (referral_cli.HELP, referral_cli.add_arguments, referral_cli.run),
    "diff": ("Änderungsbericht zwischen zwei Datenständen", diff_report.add_arguments, diff_report.run),
    "fmt": ("Datendateien in kanonische Form bringen (--check: nur prüfen)", fmt.add_arguments, fmt.run),
    "import": ("Akteure oder Beziehungen aus Excel/CSV anhängen", importer.add_arguments, importer.run),
    "pathway": (pathway_cli.HELP, pathway_cli.add_arguments, pathway_cli.run),
    "plan": (plan_cli.HELP, plan_cli.add_arguments, plan_cli.run),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph", description="Netzwerkkarte Schulerfolg Halle")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, _) in COMMANDS.items():
        add_arguments(commands.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code.

    An invalid ``NETZWERKKARTE_TODAY`` ends every command with its German message and exit code 2.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after ``python -m graph``, e.g. ``["validate", "data"]`` (``None``: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code of the sub-command's ``run`` (see :data:`COMMANDS`); 2 for an invalid ``NETZWERKKARTE_TODAY``.

    Raises
    ------
    SystemExit
        From argparse: code 2 for unknown commands or bad arguments, code 0 after ``--help``.

    Examples
    --------
    >>> main(["validate", "/nonexistent", "--today", "2026-01-01"])  # doctest: +ELLIPSIS
    /nonexistent/actors.yaml:1:1: error file-missing: Die Datei fehlt. ...
    1
    """
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command][2](args)
    except clock.ClockError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
