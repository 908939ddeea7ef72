"""Validation problems as data: one record per problem, collected in a report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

__all__ = [
    "CODES",
    "EXCERPT_WIDTH",
    "TITLES",
    "Level",
    "Problem",
    "Report",
    "source_excerpt",
    "source_excerpts",
    "title",
]

Level = Literal["error", "warning"]

#: Every problem code with a German one-line explanation (documented in data/README.md).
CODES: dict[str, str] = {
    "file-missing": "Eine der drei Dateien fehlt im Datenordner.",
    "file-encoding": "Die Datei ist nicht als UTF-8 gespeichert.",
    "empty-file": "Die Datei ist leer.",
    "yaml-syntax": "Die Datei verletzt die YAML-Schreibweise (Einrückung, Doppelpunkt, Anführungszeichen).",
    "yaml-duplicate-key": "Ein Feld steht in einem Eintrag zweimal.",
    "yaml-implicit-type": "Ein Wert würde von YAML still umgedeutet (06114 → 3148, no → false, 12:30 → 750).",
    "yaml-alias": "Anker und Verweise (& und *) werden nicht unterstützt.",
    "yaml-tag": "Markierungen wie !!python/object werden nicht unterstützt.",
    "wrong-root": "Die Datei hat nicht die erwartete Form (Liste bzw. benannte Listen).",
    "wrong-type": "Ein Wert hat den falschen Typ (z. B. Text statt Liste).",
    "unknown-field": "Ein Feld ist unbekannt (oft ein Tippfehler).",
    "missing-field": "Ein Pflichtfeld fehlt.",
    "empty-value": "Ein Pflichtfeld ist leer.",
    "invalid-id": "Eine Kennung enthält andere Zeichen als a–z, 0–9 und Bindestrich.",
    "invalid-value": "Ein Wert liegt außerhalb des Erlaubten (Stärke, Alter, Postleitzahl, E-Mail, Web).",
    "invalid-date": "Ein Datum ist ungültig oder nicht als JJJJ-MM-TT geschrieben.",
    "duplicate-id": "Eine Kennung ist doppelt vergeben.",
    "unknown-actor": "Eine Beziehung oder ein parent verweist auf einen Akteur, den es nicht gibt.",
    "unknown-term": "Ein Begriff steht nicht im Vokabular.",
    "kind-mismatch": "Die Beziehungsart erlaubt diese Art von Akteur an diesem Ende nicht.",
    "date-order": "Das Ende einer Beziehung liegt vor ihrem Beginn.",
    "self-relation": "Eine Beziehung verbindet einen Akteur mit sich selbst.",
    "duplicate-relation": "Dieselbe Beziehung steht zweimal in der Datei.",
    "relation-unsourced": "Eine Beziehung zwischen zwei realen Organisationen nennt keine Quelle.",
    "demo-relation-real-actor": (
        "Eine erfundene Beziehung (provenance: demo oder zu einem erfundenen Akteur) verbindet einen nicht "
        "erfundenen Akteur."
    ),
    "invalid-fte": "Der Stellenumfang (fte) ist nicht größer als 0 und höchstens 3 oder steht nicht an Schulsozialarbeit.",
    "bba-amount": "Eine BbA-Förderung nennt keinen Betrag größer als 0.",
    "bba-school-year": "Eine BbA-Förderung hat keinen Beginn oder läuft über das Ende eines Schuljahres hinaus.",
    "bba-school": "Eine BbA-Förderung ist nicht genau einer Schule zugeordnet.",
    "stale-entry": "Warnung: seit mehr als 12 Monaten nicht geprüft.",
    "relation-ended": "Warnung: die Beziehung ist beendet (until liegt in der Vergangenheit).",
    "missing-contact": "Warnung: der Akteur hat keine Kontaktangabe.",
    "phone-not-fictional": "Warnung: ein erfundener Eintrag hat eine Telefonnummer außerhalb der Bereiche für Beispiele.",
}

#: Short German title of every code: the heading of a problem in the app (the code itself only in small print).
TITLES: dict[str, str] = {
    "file-missing": "Datei fehlt",
    "file-encoding": "Falsche Zeichenkodierung",
    "empty-file": "Datei ist leer",
    "yaml-syntax": "Schreibweise verletzt",
    "yaml-duplicate-key": "Feld doppelt",
    "yaml-implicit-type": "Wert würde umgedeutet",
    "yaml-alias": "Verweis nicht erlaubt",
    "yaml-tag": "Markierung nicht erlaubt",
    "wrong-root": "Falscher Aufbau der Datei",
    "wrong-type": "Falscher Typ",
    "unknown-field": "Unbekanntes Feld",
    "missing-field": "Pflichtfeld fehlt",
    "empty-value": "Pflichtfeld leer",
    "invalid-id": "Ungültige Kennung",
    "invalid-value": "Ungültiger Wert",
    "invalid-date": "Ungültiges Datum",
    "duplicate-id": "Kennung doppelt",
    "unknown-actor": "Unbekannter Akteur",
    "unknown-term": "Unbekannter Begriff",
    "kind-mismatch": "Akteursart passt nicht zur Beziehung",
    "date-order": "Ende vor Beginn",
    "self-relation": "Beziehung zu sich selbst",
    "duplicate-relation": "Beziehung doppelt",
    "relation-unsourced": "Quelle fehlt",
    "demo-relation-real-actor": "Erfundene Beziehung mit realem Akteur",
    "invalid-fte": "Stellenumfang ungültig",
    "bba-amount": "BbA-Betrag fehlt",
    "bba-school-year": "BbA-Förderung nicht in einem Schuljahr",
    "bba-school": "BbA-Förderung ohne eindeutige Schule",
    "stale-entry": "Lange nicht geprüft",
    "relation-ended": "Beziehung beendet",
    "missing-contact": "Kontakt fehlt",
    "phone-not-fictional": "Telefonnummer nicht aus dem Beispielbereich",
}

#: Line breaks as YAML (and the positions in problems) count them.
_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
#: Control characters become their visible picture (one character each, so the caret stays aligned).
_CONTROL = {code: chr(0x2400 + code) for code in range(32)} | {9: "→", 127: "\u2421"}
#: Longest stretch of a line shown; longer lines are cut around the column with „…“.
EXCERPT_WIDTH = 80


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the data files.

    Attributes
    ----------
    file : str
        Path of the file as the user passed it (e.g. ``data/actors.yaml``).
    line, column : int
        1-based position of the offending value; 1, 1 when the whole file is meant.
    code : str
        Stable kebab-case identifier, e.g. ``unknown-actor``.
    message : str
        German sentence saying what is wrong.
    hint : str
        German sentence saying how to fix it ("" when nothing useful can be said).
    level : {"error", "warning"}
        Errors make the data set invalid; warnings do not.

    Examples
    --------
    >>> p = Problem("data/actors.yaml", 3, 5, "missing-field", "Pflichtfeld 'name' fehlt.", "Ergänzen Sie name: …")
    >>> p.format()
    "data/actors.yaml:3:5: error missing-field: Pflichtfeld 'name' fehlt. (Ergänzen Sie name: …)"
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    level: Level = "error"

    def format(self) -> str:
        """Return the one-line form ``file:line:col: level code: message (hint)``.

        Returns
        -------
        str
            The problem on one line; `` (hint)`` is left off when the hint is empty.
        """
        text = f"{self.file}:{self.line}:{self.column}: {self.level} {self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, str | int]:
        """Return the problem as a JSON-friendly dict.

        Returns
        -------
        dict of str to str or int
            The fields ``file``, ``line``, ``column``, ``code``, ``message``, ``hint`` and ``level``.
        """
        return asdict(self)


@dataclass
class Report:
    """All problems of one validation run, in file and line order.

    Examples
    --------
    >>> r = Report()
    >>> r.add(Problem("a.yaml", 1, 1, "yaml-syntax", "kaputt"))
    >>> r.valid, len(r.errors), len(r.warnings)
    (False, 1, 0)
    """

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        """Add one problem.

        Parameters
        ----------
        problem : Problem
            Appended as it is; duplicates are dropped only when the report is read (:meth:`sorted`).
        """
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add several problems.

        Parameters
        ----------
        problems : iterable of Problem
            Appended in their order; duplicates are dropped only when the report is read (:meth:`sorted`).
        """
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        # Count what iteration shows: the same problem found twice (e.g. by two checks) is one problem.
        return len(set(self.problems))

    def sorted(self) -> list[Problem]:
        """Return problems ordered by file, line, column, code.

        Returns
        -------
        list of Problem
            Every distinct problem once, ordered by file, line, column, code and message.
        """
        return sorted(set(self.problems), key=lambda p: (p.file, p.line, p.column, p.code, p.message))

    @property
    def errors(self) -> list[Problem]:
        """Problems of level ``error``."""
        return [p for p in self.sorted() if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems of level ``warning``."""
        return [p for p in self.sorted() if p.level == "warning"]

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings are allowed)."""
        return not any(p.level == "error" for p in self.problems)

    def summary(self) -> str:
        """German one-line summary, e.g. ``2 Fehler, 1 Warnung``.

        Returns
        -------
        str
            ``"<n> Fehler, <m> Warnung"`` or ``"… Warnungen"``, counting distinct problems.
        """
        n_err, n_warn = len(self.errors), len(self.warnings)
        warn_word = "Warnung" if n_warn == 1 else "Warnungen"
        return f"{n_err} Fehler, {n_warn} {warn_word}"


def title(code: str) -> str:
    """The German title of a problem code (the code itself when it has none).

    Parameters
    ----------
    code : str
        A problem code such as ``missing-contact`` (see :data:`CODES`).

    Returns
    -------
    str
        The short German title from :data:`TITLES`, or ``code`` unchanged for an unknown code.

    Examples
    --------
    >>> title("missing-contact")
    'Kontakt fehlt'
    >>> title("no-such-code")
    'no-such-code'
    """
    return TITLES.get(code, code)


def _cut(line: str, start: int) -> str:
    """``line`` from ``start`` on, at most :data:`EXCERPT_WIDTH` characters, with „…“ where it was cut."""
    shown = line[start : start + EXCERPT_WIDTH]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + EXCERPT_WIDTH < len(line) else ""
    return prefix + shown + suffix


def source_excerpt(text: str, line: int, column: int) -> str:
    r"""The line ``line`` of ``text`` with a caret under ``column``, after the line before it for context.

    Lines are numbered as in the problem; tabs show as ``→``, other control characters as their
    visible picture (one character each, so the caret stays under the column); lines longer than
    :data:`EXCERPT_WIDTH` characters are cut around the column with ``…``.

    Parameters
    ----------
    text : str
        The whole file.
    line : int
        1-based line, as in :class:`Problem`; a line just past the end shows as empty.
    column : int
        1-based column, as in :class:`Problem`; a column past the end of the line puts the caret after its last
        character.

    Returns
    -------
    str
        Two or three lines ``"  12 | text"`` and ``"     | ^"``; ``""`` when ``line`` is outside the file
        or the file is empty.

    Examples
    --------
    >>> print(source_excerpt("- id: gs-a\n  name: Schule\n   kind: schule\n", 3, 8))
     2 |   name: Schule
     3 |    kind: schule
       |        ^
    >>> print(source_excerpt("a:\tb\n", 1, 3))
     1 | a:→b
       |   ^
    >>> source_excerpt("a: 1\n", 7, 1)
    ''
    """
    return _excerpt(_lines(text), line, column)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them; ``[]`` for a file without any visible character."""
    if not text.strip():
        return []
    lines = _LINE_BREAK.split(text)
    if lines[-1] == "":
        lines.pop()  # a final line break ends the last line, it does not start a new one
    return lines


def _excerpt(lines: list[str], line: int, column: int) -> str:
    if not lines or line < 1 or line > len(lines) + 1:
        return ""
    current = lines[line - 1].translate(_CONTROL) if line <= len(lines) else ""
    offset = max(0, column - 1)
    start = (
        0 if len(current) <= EXCERPT_WIDTH else min(max(0, offset - EXCERPT_WIDTH // 2), len(current) - EXCERPT_WIDTH)
    )
    caret = (1 if start > 0 else 0) + min(offset - start, len(current) - start)
    width = len(str(line)) + 1
    out = [f"{line - 1:>{width}} | {_cut(lines[line - 2].translate(_CONTROL), start)}".rstrip()] if line > 1 else []
    out += [f"{line:>{width}} | {_cut(current, start)}".rstrip(), f"{'':>{width}} | {' ' * caret}^"]
    return "\n".join(out)


def source_excerpts(problems: Iterable[Problem]) -> dict[Problem, str]:
    r""":func:`source_excerpt` of every problem, reading each file once (``""`` when the file cannot be read).

    Files are read as UTF-8 (a byte order mark is skipped, undecodable bytes are replaced).

    Parameters
    ----------
    problems : iterable of Problem
        Problems whose ``file`` is a path that can be opened from the working directory.

    Returns
    -------
    dict of Problem to str
        The excerpt of every problem, as :func:`source_excerpt` shows it; ``""`` for an unreadable file
        or a position outside the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("- id: a\n  nme: A\n", encoding="utf-8")
    >>> problem = Problem(str(p), 2, 3, "unknown-field", "Feld 'nme' ist unbekannt.")
    >>> print(source_excerpts([problem])[problem])
     1 | - id: a
     2 |   nme: A
       |   ^
    """
    files: dict[str, list[str]] = {}
    out: dict[Problem, str] = {}
    for problem in problems:
        if problem.file not in files:
            try:
                raw = Path(problem.file).read_bytes()
            except OSError:
                raw = b""
            files[problem.file] = _lines(raw.decode("utf-8-sig", errors="replace"))
        out[problem] = _excerpt(files[problem.file], problem.line, problem.column)
    return out
