"""How well the referral lookup reads what callers say: topic recall and precision, crisis recall, false alarms.

Run from the repository root::

    .venv/bin/python -m bench.referral_quality [--data DIR] [--phrases FILE] [--failures]

The phrases (``bench/referral_phrases.yaml``) are written the way staff type a need during a call, independently
of the matcher. Each names the topics a professional would expect (``topics``), topics that would be a misreading
(``not_topics``), and whether a crisis notice must appear (``crisis``, ``crisis_kinds``). The file is checked
against the vocabulary of the data folder first; a broken entry stops the run with a German message naming the line.

Figures (micro-averaged over all phrases)
    *Themen-Trefferquote* (recall): expected topics recognised / expected topics; a recognised child of an
    expected topic counts as recognising it.
    *Themen-Genauigkeit* (precision): recognised topics that were expected / recognised topics; the parent or a
    child of an expected topic counts as expected.
    *Falsche Themen*: recognised topics that are in ``not_topics`` (or whose parent is).
    *Krisen erkannt*: crisis phrases with at least one recognised crisis kind / crisis phrases.
    *Fehlalarme*: non-crisis phrases with a recognised crisis kind / non-crisis phrases.
    Side figures: the right crisis kind (one of ``crisis_kinds``) among crisis phrases that name kinds, and the
    matcher's time per phrase (p50/p95).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import statistics
import sys
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A script as well as a module: make the repository root importable when started as ``python bench/…``.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from graph import load_dataset
from graph.data.model import Dataset
from graph.referral import ReferralIndex, ReferralResult, build_referral_index, refer

__all__ = [
    "PHRASES",
    "TARGETS",
    "Failure",
    "Phrase",
    "PhraseError",
    "QualityReport",
    "evaluate",
    "known_ids",
    "load_phrases",
    "main",
    "markdown",
]

REPO = Path(__file__).resolve().parents[1]
PHRASES = REPO / "bench" / "referral_phrases.yaml"
#: Freshness does not change topics; a fixed day keeps runs comparable.
TODAY = dt.date(2026, 11, 28)
#: Target values shown next to the figures (the tests hold their own copy).
TARGETS = {"recall": 0.95, "precision": 0.85, "wrong": 0, "crisis_recall": 1.0, "false_alarms": 0.01}

_FIELDS = ("text", "topics", "not_topics", "crisis", "crisis_kinds", "near_miss", "school", "age", "note")


class PhraseError(ValueError):
    """The phrase file is broken; the message is German and names file and line of every problem."""


@dataclass(frozen=True)
class Phrase:
    """One need as typed during a call, with what a professional expects the lookup to recognise."""

    text: str
    line: int
    topics: tuple[str, ...] = ()
    not_topics: tuple[str, ...] = ()
    crisis: bool = False
    crisis_kinds: tuple[str, ...] = ()
    near_miss: bool = False
    school: str | None = None
    age: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Failure:
    """What went wrong for one phrase; empty fields mean that part was right."""

    phrase: Phrase
    recognised: tuple[str, ...]
    crisis_kinds: tuple[str, ...]
    missing: tuple[str, ...] = ()
    unexpected: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    crisis_missed: bool = False
    false_alarm: bool = False
    kind_missed: bool = False

    def describe(self) -> str:
        """One German line: line number, text and each problem."""
        parts = []
        if self.crisis_missed:
            parts.append("KRISE NICHT ERKANNT")
        if self.false_alarm:
            parts.append(f"Fehlalarm ({', '.join(self.crisis_kinds)})")
        if self.kind_missed:
            shown = ", ".join(self.crisis_kinds)
            parts.append(f"falsche Krisenart: {shown}, erwartet {' oder '.join(self.phrase.crisis_kinds)}")
        if self.wrong:
            parts.append(f"falsch: {', '.join(self.wrong)}")
        if self.missing:
            parts.append(f"fehlt: {', '.join(self.missing)}")
        if self.unexpected:
            parts.append(f"zusätzlich: {', '.join(self.unexpected)}")
        recognised = ", ".join(self.recognised) or "–"
        return f"Zeile {self.phrase.line}: „{self.phrase.text}“ – {'; '.join(parts)} (erkannt: {recognised})"


@dataclass
class QualityReport:
    """The figures of one run over a phrase set, with the phrases behind every miss."""

    phrases: int = 0
    expected: int = 0
    found: int = 0
    recognised: int = 0
    precise: int = 0
    wrong: int = 0
    crisis_phrases: int = 0
    crisis_found: int = 0
    kind_phrases: int = 0
    kind_found: int = 0
    calm_phrases: int = 0
    false_alarms: int = 0
    near_miss_phrases: int = 0
    near_miss_alarms: int = 0
    times_ms: list[float] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Expected topics recognised / expected topics (1.0 when nothing was expected)."""
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Recognised topics that were expected (or parent/child of one) / recognised topics."""
        return self.precise / self.recognised if self.recognised else 1.0

    @property
    def crisis_recall(self) -> float:
        """Crisis phrases with a crisis shown / crisis phrases."""
        return self.crisis_found / self.crisis_phrases if self.crisis_phrases else 1.0

    @property
    def crisis_kind_rate(self) -> float:
        """Crisis phrases naming kinds where one of them was recognised / such phrases."""
        return self.kind_found / self.kind_phrases if self.kind_phrases else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Non-crisis phrases with a crisis shown / non-crisis phrases."""
        return self.false_alarms / self.calm_phrases if self.calm_phrases else 0.0

    @property
    def p50_ms(self) -> float:
        """Median time of one lookup in milliseconds."""
        return statistics.median(self.times_ms) if self.times_ms else float("nan")

    @property
    def p95_ms(self) -> float:
        """95th percentile of one lookup in milliseconds."""
        if len(self.times_ms) < 2:
            return self.p50_ms
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[18]

    def failing(self, kind: str) -> list[Failure]:
        """The failures of one kind: ``missing``, ``unexpected``, ``wrong``, ``crisis_missed``, ``false_alarm``, ``kind_missed``."""
        return [f for f in self.failures if getattr(f, kind)]


# --- reading and checking the phrase file ---------------------------------------------------------------------


def _suggest(value: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f" Meinten Sie „{close[0]}“?" if close else ""


def _id_list(
    value: Any, line: int, key: str, known: Collection[str], what: str, problems: list[str]
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{line}: „{key}“ muss eine Liste von Kennungen sein, z. B. [mobbing, gewalt].")
        return ()
    for item in value:
        if item not in known:
            problems.append(f"{line}: {what} „{item}“ in „{key}“.{_suggest(item, known)}")
    return tuple(value)


def _scalar_lines(entry: yaml.MappingNode) -> dict[str, int]:
    return {str(k.value): v.start_mark.line + 1 for k, v in entry.value if isinstance(k, yaml.ScalarNode)}


def _check_entry(
    node: yaml.Node, value: Any, topics: Collection[str], kinds: Collection[str], schools: Collection[str]
) -> tuple[Phrase | None, list[str]]:
    line = node.start_mark.line + 1
    problems: list[str] = []
    if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
        return None, [f"{line}: Jeder Eintrag braucht die Form „- text: …“ mit „topics“ und „crisis“."]
    lines = _scalar_lines(node)
    keys = [str(k.value) for k, _ in node.value]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"{lines[key]}: Feld „{key}“ steht zweimal im selben Eintrag.")
    for key in keys:
        if key not in _FIELDS:
            problems.append(f"{lines[key]}: unbekanntes Feld „{key}“ (erlaubt: {', '.join(_FIELDS)}).")
    text = value.get("text")
    if "text" not in value:
        problems.append(f"{line}: Eintrag ohne „text“: jedes Anliegen braucht seinen Wortlaut.")
    elif not isinstance(text, str) or not text.strip():
        problems.append(f"{lines['text']}: „text“ muss ein nicht leerer Text sein (in Anführungszeichen setzen).")
    found_topics = _id_list(
        value.get("topics"), lines.get("topics", line), "topics", topics, "unbekanntes Thema", problems
    )
    not_topics = _id_list(
        value.get("not_topics"), lines.get("not_topics", line), "not_topics", topics, "unbekanntes Thema", problems
    )
    both = sorted(set(found_topics) & set(not_topics))
    if both:
        problems.append(f"{line}: {', '.join(both)} steht in „topics“ und in „not_topics“.")
    crisis = value.get("crisis")
    if not isinstance(crisis, bool):
        where = lines.get("crisis", line)
        problems.append(
            f"{where}: „crisis“ fehlt oder ist nicht true/false: bei jedem Eintrag angeben, ob eine Krise vorliegt."
        )
    crisis_kinds = _id_list(
        value.get("crisis_kinds"),
        lines.get("crisis_kinds", line),
        "crisis_kinds",
        kinds,
        "unbekannte Krisenart",
        problems,
    )
    if crisis_kinds and crisis is False:
        problems.append(f"{lines['crisis_kinds']}: „crisis_kinds“ nur bei „crisis: true“.")
    near_miss = value.get("near_miss", False)
    if not isinstance(near_miss, bool):
        problems.append(f"{lines['near_miss']}: „near_miss“ muss true oder false sein.")
    elif near_miss and crisis is True:
        problems.append(f"{lines['near_miss']}: „near_miss“ markiert Fast-Krisen und passt nicht zu „crisis: true“.")
    school = value.get("school")
    if school is not None and school not in schools:
        problems.append(f"{lines['school']}: unbekannte Schule „{school}“.{_suggest(str(school), schools)}")
    age = value.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 27):
        problems.append(f"{lines['age']}: „age“ muss eine ganze Zahl von 0 bis 27 sein.")
    note = value.get("note", "")
    if not isinstance(note, str):
        problems.append(f"{lines['note']}: „note“ muss ein Text sein.")
    if problems:
        return None, problems
    phrase = Phrase(
        text=str(text),
        line=line,
        topics=found_topics,
        not_topics=not_topics,
        crisis=bool(crisis),
        crisis_kinds=crisis_kinds,
        near_miss=bool(near_miss),
        school=school,
        age=age,
        note=note,
    )
    return phrase, []


def known_ids(dataset: Dataset) -> tuple[dict[str, str | None], frozenset[str]]:
    """Topic ids with their parents, and crisis kind ids, from the data set's vocabulary."""
    parents = {t.id: t.parent for t in dataset.vocabulary.terms("topics").values()}
    return parents, frozenset(dataset.vocabulary.terms("crisis_kinds"))


def load_phrases(path: Path, dataset: Dataset) -> tuple[Phrase, ...]:
    """Read and check a phrase file against the vocabulary and schools of ``dataset``.

    Parameters
    ----------
    path : Path
        A YAML file with a list ``phrases`` (see ``bench/referral_phrases.yaml`` for the fields).
    dataset : Dataset
        Topic ids, crisis kinds and school ids are checked against it.

    Returns
    -------
    tuple of Phrase
        In file order.

    Raises
    ------
    PhraseError
        With one German line per problem, ``datei:zeile: meldung``.
    """
    shown = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PhraseError(f"{shown}: Datei nicht lesbar: {error.strerror or error}") from error
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{mark.line + 1}" if mark is not None else "?"
        problem = getattr(error, "problem", None) or str(error)
        raise PhraseError(f"{shown}:{where}: YAML-Fehler: {problem}") from error
    entries = None
    if isinstance(root, yaml.MappingNode):
        entries = next((v for k, v in root.value if getattr(k, "value", None) == "phrases"), None)
    if not isinstance(entries, yaml.SequenceNode):
        raise PhraseError(f"{shown}:1: Die Datei braucht eine Liste „phrases:“ mit einem Eintrag je Anliegen.")
    parents, kinds = known_ids(dataset)
    schools = {a.id for a in dataset.actors.values() if a.kind == "schule"}
    constructor = yaml.SafeLoader("")
    phrases: list[Phrase] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for node in entries.value:
        value = constructor.construct_object(node, deep=True)
        phrase, found = _check_entry(node, value, parents, kinds, schools)
        problems += found
        if phrase is None:
            continue
        key = " ".join(phrase.text.casefold().split())
        if key in seen:
            problems.append(f"{phrase.line}: „{phrase.text}“ steht schon in Zeile {seen[key]}.")
        seen.setdefault(key, phrase.line)
        phrases.append(phrase)
    if problems:
        raise PhraseError("\n".join(f"{shown}:{p}" for p in problems))
    return tuple(phrases)


# --- evaluation --------------------------------------------------------------------------------------------------


def _related(topic: str, expected: Iterable[str], parents: Mapping[str, str | None]) -> bool:
    """``topic`` is expected, a child of an expected topic, or the parent of one."""
    return any(topic == e or parents.get(topic) == e or parents.get(e) == topic for e in expected)


def evaluate(index: ReferralIndex, phrases: Sequence[Phrase], repeat: int = 3, today: dt.date = TODAY) -> QualityReport:
    """Run every phrase through :func:`graph.referral.refer` and count hits, misses and false alarms.

    Parameters
    ----------
    index : ReferralIndex
        Built from the data set the phrases were checked against.
    phrases : sequence of Phrase
        From :func:`load_phrases`.
    repeat : int
        Lookups per phrase for the timing (the median counts); the first result is scored.
    today : datetime.date
        Reference day of the lookups.

    Returns
    -------
    QualityReport
        Figures, per-phrase times and a :class:`Failure` for every phrase with any miss.
    """
    parents, _ = known_ids(index.dataset)
    report = QualityReport()
    refer(index, "Warmlaufen", today=today)  # first-call costs (imports, caches) stay out of the timing
    for phrase in phrases:
        times = []
        result: ReferralResult | None = None
        for _ in range(max(1, repeat)):
            start = time.perf_counter()
            found = refer(index, phrase.text, school=phrase.school, age=phrase.age, today=today)
            times.append((time.perf_counter() - start) * 1000)
            result = result or found
        assert result is not None
        report.times_ms.append(statistics.median(times))
        _score(report, phrase, result, parents)
    return report


def _score(report: QualityReport, phrase: Phrase, result: ReferralResult, parents: Mapping[str, str | None]) -> None:
    recognised = tuple(result.topics)
    kinds = tuple(result.crisis_kinds)
    report.phrases += 1
    missing = tuple(e for e in phrase.topics if not any(t == e or parents.get(t) == e for t in recognised))
    report.expected += len(phrase.topics)
    report.found += len(phrase.topics) - len(missing)
    unexpected = tuple(t for t in recognised if not _related(t, phrase.topics, parents))
    report.recognised += len(recognised)
    report.precise += len(recognised) - len(unexpected)
    wrong = tuple(t for t in recognised if t in phrase.not_topics or parents.get(t) in phrase.not_topics)
    report.wrong += len(wrong)
    crisis_missed = false_alarm = kind_missed = False
    if phrase.crisis:
        report.crisis_phrases += 1
        report.crisis_found += bool(kinds)
        crisis_missed = not kinds
        if phrase.crisis_kinds:
            report.kind_phrases += 1
            hit = bool(set(kinds) & set(phrase.crisis_kinds))
            report.kind_found += hit
            kind_missed = bool(kinds) and not hit
    else:
        report.calm_phrases += 1
        report.false_alarms += bool(kinds)
        false_alarm = bool(kinds)
        if phrase.near_miss:
            report.near_miss_phrases += 1
            report.near_miss_alarms += bool(kinds)
    if missing or unexpected or wrong or crisis_missed or false_alarm or kind_missed:
        failure = Failure(
            phrase, recognised, kinds, missing, unexpected, wrong, crisis_missed, false_alarm, kind_missed
        )
        report.failures.append(failure)


# --- output --------------------------------------------------------------------------------------------------------


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def _ms(value: float) -> str:
    return f"{value:.2f} ms".replace(".", ",")


def _yes(ok: bool) -> str:
    return "ja" if ok else "**nein**"


def markdown(report: QualityReport) -> str:
    """The figures as a German Markdown table (Kennzahl, Wert, Ziel, erreicht)."""
    r = report
    rows = [
        ("Themen-Trefferquote", f"{_pct(r.recall)} ({r.found}/{r.expected})", "≥ 95 %", r.recall >= TARGETS["recall"]),
        (
            "Themen-Genauigkeit",
            f"{_pct(r.precision)} ({r.precise}/{r.recognised})",
            "≥ 85 %",
            r.precision >= TARGETS["precision"],
        ),
        ("Falsche Themen (aus „not_topics“)", str(r.wrong), "0", r.wrong == TARGETS["wrong"]),
        (
            "Krisen erkannt",
            f"{_pct(r.crisis_recall)} ({r.crisis_found}/{r.crisis_phrases})",
            "100 %",
            r.crisis_recall >= TARGETS["crisis_recall"],
        ),
        (
            "Fehlalarme (keine Krise, Hinweis gezeigt)",
            f"{_pct(r.false_alarm_rate)} ({r.false_alarms}/{r.calm_phrases})",
            "≤ 1 %",
            r.false_alarm_rate <= TARGETS["false_alarms"],
        ),
    ]
    lines = ["| Kennzahl | Wert | Ziel | erreicht |", "|---|---|---|---|"]
    lines += [f"| {name} | {value} | {target} | {_yes(ok)} |" for name, value, target, ok in rows]
    lines += [
        f"| davon Fast-Krisen mit Fehlalarm | {r.near_miss_alarms}/{r.near_miss_phrases} | – | – |",
        f"| richtige Krisenart | {_pct(r.crisis_kind_rate)} ({r.kind_found}/{r.kind_phrases}) | – | – |",
        f"| Zeit je Anliegen p50 / p95 | {_ms(r.p50_ms)} / {_ms(r.p95_ms)} | – | – |",
    ]
    return "\n".join(lines)


def _failure_lines(report: QualityReport) -> list[str]:
    order = ("crisis_missed", "false_alarm", "kind_missed", "wrong", "missing", "unexpected")
    titles = {
        "crisis_missed": "Krise nicht erkannt",
        "false_alarm": "Fehlalarm",
        "kind_missed": "Krise erkannt, aber andere Krisenart",
        "wrong": "Falsches Thema (Fehllesung)",
        "missing": "Erwartetes Thema fehlt",
        "unexpected": "Nur zusätzliches Thema (sonst richtig)",
    }
    lines: list[str] = []
    shown: set[int] = set()
    for kind in order:
        group = [f for f in report.failing(kind) if id(f) not in shown]
        if not group:
            continue
        lines += ["", f"### {titles[kind]} ({len(group)})", ""]
        lines += [f"- {f.describe()}" for f in group]
        shown |= {id(f) for f in group}
    return lines


def main(argv: list[str] | None = None) -> int:
    """Check the phrase file, run it on the data, print the table (and with ``--failures`` every failing phrase)."""
    parser = argparse.ArgumentParser(description="Qualität der Vermittlung: erkannte Themen und Krisen je Anliegen.")
    parser.add_argument("--data", type=Path, default=REPO / "data", help="Datenordner (Standard: data/)")
    parser.add_argument(
        "--phrases", type=Path, default=PHRASES, help="Anliegen (Standard: bench/referral_phrases.yaml)"
    )
    parser.add_argument("--failures", action="store_true", help="jedes Anliegen mit Fehler auflisten")
    args = parser.parse_args(argv)
    loaded = load_dataset(args.data, today=TODAY)
    if loaded.dataset is None:
        print(f"Die Daten in {args.data} sind fehlerhaft; zuerst `python -m graph validate {args.data}`.")
        return 2
    try:
        phrases = load_phrases(args.phrases, loaded.dataset)
    except PhraseError as error:
        print(f"Die Anliegen-Datei ist fehlerhaft:\n{error}")
        return 2
    report = evaluate(build_referral_index(loaded.dataset), phrases)
    crisis = sum(p.crisis for p in phrases)
    near = sum(p.near_miss for p in phrases)
    print(f"{len(phrases)} Anliegen ({crisis} Krisen, {near} Fast-Krisen) auf {args.data}")
    print()
    print(markdown(report))
    failing = len(report.failures)
    if args.failures:
        print("\n".join(_failure_lines(report)))
    else:
        print(f"\n{failing} Anliegen mit mindestens einem Fehler (Liste mit --failures).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
