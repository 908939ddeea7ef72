"""Validation problems as data: one record per problem, collected in a report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

__all__ = ["CODES", "Level", "Problem", "Report"]

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
    "demo-relation-real-actor": "Eine erfundene Beziehung (provenance: demo) verbindet einen nicht erfundenen Akteur.",
    "stale-entry": "Warnung: seit mehr als 12 Monaten nicht geprüft.",
    "relation-ended": "Warnung: die Beziehung ist beendet (until liegt in der Vergangenheit).",
    "missing-contact": "Warnung: der Akteur hat keine Kontaktangabe.",
    "phone-not-fictional": "Warnung: ein erfundener Eintrag hat eine Telefonnummer außerhalb der Bereiche für Beispiele.",
}


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
    >>> p = Problem("data/actors.yaml", 3, 5, "missing-field", "Pflichtfeld 'name' fehlt.", "Ergänze name: …")
    >>> p.format()
    "data/actors.yaml:3:5: error missing-field: Pflichtfeld 'name' fehlt. (Ergänze name: …)"
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    level: Level = "error"

    def format(self) -> str:
        """Return the one-line form ``file:line:col: level code: message (hint)``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.level} {self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self) -> dict[str, str | int]:
        """Return the problem as a JSON-friendly dict."""
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
        """Add one problem."""
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add several problems."""
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.problems)

    def sorted(self) -> list[Problem]:
        """Return problems ordered by file, line, column, code."""
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
        """German one-line summary, e.g. ``2 Fehler, 1 Warnung``."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        warn_word = "Warnung" if n_warn == 1 else "Warnungen"
        return f"{n_err} Fehler, {n_warn} {warn_word}"
