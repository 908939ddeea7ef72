"""Command ``python -m graph pathway SCHOOL_ID``: the intervention pathway of one school, or ``--all`` schools."""

from __future__ import annotations

import argparse
import json
import sys

from graph.cli.args import load_valid, parse_date
from graph.data import clock
from graph.pathway import (
    PathwayError,
    pathway_markdown,
    pathway_text,
    school_pathway,
    schools_pathways,
)
from graph.pathway.resolve import SchoolPathway

__all__ = ["HELP", "add_arguments", "all_text", "run"]

#: German help line of the command in ``python -m graph --help``.
HELP = "Interventionskette einer Schule (Frühwarnsystem): wer was tut, mit Lücken"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``pathway``: the school (or ``--all``), pathway, day, format and data folder.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["gs-am-birkenhain", "--format", "json"])
    >>> args.school, args.all, args.format, args.data
    ('gs-am-birkenhain', False, 'json', 'data')
    """
    parser.add_argument("school", nargs="?", help="Kennung der Schule, z. B. gs-am-birkenhain")
    parser.add_argument(
        "--all", action="store_true", help="alle Schulen: eine Zeile je Schule mit ihrer Zahl an Lücken"
    )
    parser.add_argument("--pathway", help="Kennung der Interventionskette (Standard: die erste in pathways.yaml)")
    parser.add_argument("--as-of", type=parse_date, help="Stichtag JJJJ-MM-TT für laufende Beziehungen")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="Ausgabeformat")
    parser.add_argument("--data", default="data", help="Datenordner (Standard: data)")


def all_text(results: list[SchoolPathway]) -> str:
    """One line per school: id, name, number of gaps and the stages with nobody.

    Pilot schools carry ``[Pilotschule]`` after their name; a last line counts the schools with gaps.

    Parameters
    ----------
    results : list of SchoolPathway
        The pathways of the schools, as from :func:`graph.pathway.schools_pathways`.

    Returns
    -------
    str
        Tab-separated lines in German, or ``Keine Schule im Datensatz.`` when ``results`` is empty.

    Examples
    --------
    >>> all_text([])
    'Keine Schule im Datensatz.'
    """
    if not results:
        return "Keine Schule im Datensatz."
    lines = []
    for result in results:
        gaps = result.gaps
        detail = f" ({', '.join(gaps)})" if gaps else ""
        pilot = " [Pilotschule]" if result.pilot else ""
        count = "1 Lücke" if len(gaps) == 1 else f"{len(gaps)} Lücken"
        lines.append(f"{result.school.id}\t{result.school.name}{pilot}\t{count}{detail}")
    with_gaps = sum(1 for r in results if r.gaps)
    lines.append(f"{with_gaps} von {len(results)} Schulen mit Lücken in der Interventionskette")
    return "\n".join(lines)


def _all_json(results: list[SchoolPathway]) -> str:
    rows = [
        {"id": r.school.id, "name": r.school.name, "pilot": r.pilot, "gaps": list(r.gaps), "gap_count": len(r.gaps)}
        for r in results
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _all_markdown(results: list[SchoolPathway]) -> str:
    lines = ["| Schule | Lücken | Stufen ohne jemanden |", "| --- | --- | --- |"]
    for r in results:
        name = r.school.name.replace("|", "\\|")
        lines.append(f"| {name} | {len(r.gaps)} | {', '.join(r.gaps) or '–'} |")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the pathway of one school (or of all with ``--all``); exit code 1 on bad data or unknown ids.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments of :func:`add_arguments`: ``school``, ``all``, ``pathway``, ``as_of``, ``format``, ``data``.

    Returns
    -------
    int
        0 on success; 1 for invalid data or a :class:`graph.pathway.PathwayError` (message on stderr);
        2 unless exactly one of a school id and ``--all`` is given.

    Examples
    --------
    >>> run(argparse.Namespace(school=None, all=False))  # the German message goes to stderr
    2
    """
    if bool(args.school) == bool(args.all):
        print("Fehler: Nennen Sie genau eine Schule (Kennung) oder --all.", file=sys.stderr)
        return 2
    dataset = load_valid(args.data)
    if dataset is None:
        return 1
    as_of = args.as_of or clock.today(dataset)
    try:
        if args.all:
            results = schools_pathways(dataset, as_of, args.pathway)
            render = {"text": all_text, "json": _all_json, "markdown": _all_markdown}[args.format]
            print(render(results))
            return 0
        result = school_pathway(dataset, args.school, as_of, args.pathway)
    except PathwayError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(pathway_markdown(result) if args.format == "markdown" else pathway_text(result))
    return 0
