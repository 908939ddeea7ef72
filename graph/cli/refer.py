"""Command ``python -m graph refer QUERY``: the referral lookup on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from graph.cli.args import load_valid, parse_date
from graph.data.model import Vocabulary
from graph.referral import FILTER_LABELS, ReferralError, ReferralResult, build_referral_index, refer

__all__ = ["add_arguments", "referral_text", "run"]

#: German help line of the command in ``python -m graph --help``.
HELP = "Passende Angebote zu einem Anliegen finden (Vermittlung)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``refer``: the query words and the optional filters.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["schwänzt", "seit", "Wochen", "--age", "12"])
    >>> args.query, args.age, args.format, args.data
    (['schwänzt', 'seit', 'Wochen'], 12, 'text', 'data')
    """
    parser.add_argument("query", nargs="+", help="Anliegen in eigenen Worten, z. B. 'schwänzt seit Wochen'")
    parser.add_argument("--school", help="Kennung der Schule (setzt Stadtteil und Alter, sucht Verbindungen)")
    parser.add_argument("--district", help="Kennung des Stadtteils")
    parser.add_argument("--age", type=int, help="Alter in Jahren")
    parser.add_argument("--school-level", help="Schulstufe, z. B. sek1")
    parser.add_argument("--language", help="Sprache (Kürzel wie ar oder Name wie Arabisch)")
    parser.add_argument("--audience", help="Zielgruppe: schueler, eltern, lehrkraefte …")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="Ausgabeformat")
    parser.add_argument("--data", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--as-of", type=parse_date, help="Stichtag JJJJ-MM-TT für Beziehungen und Aktualität")


def _contact_line(contact: dict[str, Any]) -> str:
    parts = [
        f"{label} {contact[key]}"
        for key, label in (("phone", "Tel."), ("email", "E-Mail"), ("web", "Web"), ("address", "Adresse"))
        if contact.get(key)
    ]
    line = "Kontakt: " + (", ".join(parts) if parts else "keine Angabe")
    if contact.get("access"):
        line += f"; Zugang: {contact['access']}"
    if contact.get("demo"):
        line += " [Demo-Eintrag, erfunden]"
    return line


def _crisis_lines(result: ReferralResult) -> list[str]:
    """The crisis block printed before everything else; empty for an ordinary need."""
    if not result.crisis_kinds:
        return []
    lines = ["!!! KRISE – zuerst Hilfe holen !!!"]
    for service in result.crisis:
        phone = f"Tel. {service.phone}" if service.phone else "ohne Telefonnummer"
        hours = f"; {service.hours}" if service.hours else ""
        lines.append(f"  {service.name}: {phone} ({service.why}{hours})")
    for step in result.crisis_steps:
        lines.append(f"  Schritt – {step.label}: {step.step}")
    lines.append("")
    return lines


def referral_text(result: ReferralResult, vocabulary: Vocabulary) -> str:
    """Plain-text rendering of a referral result, one block per offer.

    The crisis block (services, then steps) comes first when the query names a crisis; then the query with
    its recognised topics and the evidence, one numbered block per offer (name, id, score, reasons, contact),
    how many offers each filter excluded, and the result's message.

    Parameters
    ----------
    result : ReferralResult
        From :func:`graph.referral.refer`.
    vocabulary : Vocabulary
        For the German labels of the topics.

    Returns
    -------
    str
        The text, without a final line break.

    Examples
    --------
    >>> print(referral_text(ReferralResult("xyz", (), (), (), (), message="Kein Thema."), Vocabulary()))
    Anliegen: „xyz“ – Themen: keine erkannt
    Hinweis: Kein Thema.
    """
    lines = _crisis_lines(result)
    topics = ", ".join(vocabulary.label("topics", t) for t in result.topics) or "keine erkannt"
    lines.append(f"Anliegen: „{result.query}“ – Themen: {topics}")
    if result.evidence:
        lines.append("Erkannt: " + "; ".join(e.text() for e in result.evidence))
    for rank, offer in enumerate(result.offers, 1):
        lines.append(f"{rank}. {offer.name} ({offer.id}) – Punktzahl {offer.score}")
        lines.append("   " + " · ".join(offer.reasons))
        lines.append("   " + _contact_line(offer.contact))
    if result.excluded:
        counts = ", ".join(f"{FILTER_LABELS[name]} {count}" for name, count in result.excluded)
        lines.append(f"Durch Filter ausgeschlossen: {counts}")
    if result.message:
        lines.append(f"Hinweis: {result.message}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``refer``: exit 0 with results (possibly none), 1 on invalid data, 2 on an unknown id.

    The result goes to stdout as text (:func:`referral_text`) or, with ``--format json``, as JSON; the German
    message of a :class:`~graph.referral.ReferralError` (e.g. an unknown school) goes to stderr.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_arguments`.

    Returns
    -------
    int
        0 with results (possibly none), 1 when the data do not validate, 2 on a :class:`~graph.referral.ReferralError`.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["Mathe", "--data", "tests/data/valid", "--school", "gibtsnicht", "--as-of", "2026-11-28"])
    >>> run(args)  # „Fehler: Schule 'gibtsnicht' ist unbekannt.“ goes to stderr
    2
    """
    today: dt.date | None = args.as_of  # None: graph.data.clock decides (NETZWERKKARTE_TODAY, meta.yaml, real date)
    dataset = load_valid(args.data, today=today)
    if dataset is None:
        return 1
    try:
        result = refer(
            build_referral_index(dataset),
            " ".join(args.query),
            school=args.school,
            district=args.district,
            age=args.age,
            school_level=args.school_level,
            language=args.language,
            audience=args.audience,
            as_of=args.as_of,
            today=today,
        )
    except ReferralError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(referral_text(result, dataset.vocabulary))
    return 0
