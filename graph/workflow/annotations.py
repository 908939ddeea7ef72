"""Validation results for GitHub Actions: inline annotations and the full table for the job summary."""

from __future__ import annotations

import os
from pathlib import Path

from graph.data.loader import LoadResult
from graph.data.problems import Problem
from graph.workflow.diff_report import md

__all__ = ["CAP", "annotation", "github_output", "summary_table"]

#: GitHub shows at most 10 annotations per level and step; the rest go to the summary only.
CAP = 10


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One workflow command line that GitHub shows at the problem's place in the pull request.

    The command is the problem's level (``error`` or ``warning``); the hint follows the message in brackets.
    ``%``, CR and LF are percent-encoded everywhere, ``:`` and ``,`` also in the file name and title.

    Parameters
    ----------
    problem : Problem
        One validation problem with file, line, column, code, message and hint.

    Returns
    -------
    str
        The line ``::LEVEL file=…,line=…,col=…,title=CODE::MESSAGE (HINT)``.

    Examples
    --------
    >>> print(annotation(Problem("data/actors.yaml", 3, 5, "missing-field", "Feld 'name' fehlt.", "Ergänzen Sie name: …")))
    ::error file=data/actors.yaml,line=3,col=5,title=missing-field::Feld 'name' fehlt. (Ergänzen Sie name: …)
    """
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    where = f"file={_property(problem.file)},line={problem.line},col={problem.column}"
    return f"::{problem.level} {where},title={_property(problem.code)}::{_data(message)}"


def summary_table(result: LoadResult) -> str:
    """Every problem as a German Markdown table (for ``$GITHUB_STEP_SUMMARY``).

    The heading gives the verdict and the counts; the table (level, place, code, message, hint, data texts
    escaped by :func:`graph.workflow.diff_report.md`) follows only when there are problems.

    Parameters
    ----------
    result : LoadResult
        From :func:`graph.data.loader.load_dataset`.

    Returns
    -------
    str
        The Markdown text, ending with a newline.

    Examples
    --------
    >>> from graph.data.problems import Report
    >>> print(summary_table(LoadResult(None, Report([Problem("a.yaml", 1, 2, "yaml-syntax", "kaputt")]), {"actors": 0, "relations": 0})))
    ### Datenprüfung: UNGÜLTIG (1 Fehler, 0 Warnungen)
    <BLANKLINE>
    | Ebene | Ort | Code | Meldung | Hinweis |
    | --- | --- | --- | --- | --- |
    | Fehler | a.yaml:1:2 | `yaml-syntax` | kaputt |  |
    <BLANKLINE>
    """
    verdict = "gültig" if result.valid else "UNGÜLTIG"
    lines = [f"### Datenprüfung: {verdict} ({result.report.summary()})", ""]
    if len(result.report):
        lines += ["| Ebene | Ort | Code | Meldung | Hinweis |", "| --- | --- | --- | --- | --- |"]
        for p in result.report:
            level = "Fehler" if p.level == "error" else "Warnung"
            where = md(f"{p.file}:{p.line}:{p.column}")
            lines.append(f"| {level} | {where} | `{p.code}` | {md(p.message)} | {md(p.hint)} |")
    return "\n".join(lines) + "\n"


def github_output(result: LoadResult, summary_path: str | Path | None = None) -> str:
    """Annotation lines (at most :data:`CAP` per level) plus a German closing line.

    The full table is appended to ``summary_path`` (default: ``$GITHUB_STEP_SUMMARY`` when set).

    Parameters
    ----------
    result : LoadResult
        From :func:`graph.data.loader.load_dataset`.
    summary_path : str or Path, optional
        File the :func:`summary_table` is appended to (UTF-8). ``None``: ``$GITHUB_STEP_SUMMARY``, no file when
        unset; an empty string: no file.

    Returns
    -------
    str
        The annotation lines and the closing line (verdict, counts, what only the summary shows), no final line break.

    Examples
    --------
    >>> from graph.data.problems import Report
    >>> errors = [Problem("a.yaml", n, 1, "yaml-syntax", "kaputt") for n in range(1, 13)]
    >>> out = github_output(LoadResult(None, Report(errors), {"actors": 0, "relations": 0}), summary_path="")
    >>> out.splitlines()[-2:]
    ['::error file=a.yaml,line=10,col=1,title=yaml-syntax::kaputt', 'UNGÜLTIG: 12 Fehler, 0 Warnungen; 2 Fehler nur in der Zusammenfassung des Jobs.']
    """
    lines: list[str] = []
    hidden: list[str] = []
    for problems, word in ((result.report.errors, "Fehler"), (result.report.warnings, "Warnungen")):
        lines += [annotation(p) for p in problems[:CAP]]
        if len(problems) > CAP:
            hidden.append(f"{len(problems) - CAP} {word}")
    verdict = "gültig" if result.valid else "UNGÜLTIG"
    closing = f"{verdict}: {result.report.summary()}"
    if hidden:
        closing += f"; {' und '.join(hidden)} nur in der Zusammenfassung des Jobs."
    lines.append(closing)
    target = os.environ.get("GITHUB_STEP_SUMMARY", "") if summary_path is None else str(summary_path)
    if target:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(summary_table(result))
    return "\n".join(lines)
