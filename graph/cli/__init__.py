"""The command line ``python -m graph``: the sub-command table and its shared argument helpers."""

from graph.cli.main import COMMANDS, main, parse_date

__all__ = ["COMMANDS", "main", "parse_date"]
