"""Command line: ``python -m graph validate [DATA_DIR] [--format text|json]``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from graph.loader import LoadResult, load_dataset

__all__ = ["main"]


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' ist kein Datum der Form JJJJ-MM-TT") from exc


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m graph", description="Netzwerkkarte Schulerfolg Halle")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="Datenordner prüfen (Exit-Code 1 bei Fehlern)")
    validate.add_argument("data_dir", nargs="?", default="data", help="Datenordner (Standard: data)")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--today", type=_parse_date, help="Stichtag für Warnungen (Standard: heute)")
    return parser


def _validation_json(result: LoadResult) -> str:
    payload = {
        "valid": result.valid,
        "counts": result.counts,
        "issues": [
            {k: p.to_dict()[k] for k in ("level", "code", "file", "line", "column", "message", "hint")}
            for p in result.report
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _validation_text(result: LoadResult) -> str:
    lines = [p.format() for p in result.report]
    counts = f"{result.counts['actors']} Akteure, {result.counts['relations']} Beziehungen"
    verdict = "gültig" if result.valid else "UNGÜLTIG"
    lines.append(f"{verdict}: {counts}; {result.report.summary()}")
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    result = load_dataset(args.data_dir, today=args.today)
    output = _validation_json(result) if args.format == "json" else _validation_text(result)
    print(output)
    return 0 if result.valid else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code.

    Examples
    --------
    >>> main(["validate", "/nonexistent", "--today", "2026-01-01"])  # doctest: +ELLIPSIS
    /nonexistent/actors.yaml:1:1: error file-missing: Die Datei fehlt. ...
    1
    """
    args = _parser().parse_args(argv)
    handlers = {"validate": _validate}
    return handlers[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
