"""What each gap analysis means (German texts for the app and reports), and what the analyses share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.data.model import Actor, Dataset, Relation, Vocabulary

__all__ = [
    "ACTOR_FIELDS",
    "GAP_INFO",
    "TOPIC_FIELDS",
    "VOCABULARY_FIELDS",
    "GapInfo",
]

SCHOOL = "schule"
COMMITTEE = "gremium"
SCHOOL_SOCIAL_WORK = "schulsozialarbeit"
MEMBERSHIP = "mitglied"
#: Kinds whose ``topics`` are not offers: a school's describe its profile or needs, a committee's its agenda.
NOT_OFFERING = frozenset({SCHOOL, COMMITTEE})

# What the ids in the rows of the analyses are, so a table can show names and labels instead:
#: row fields that hold actor ids (one or a list),
ACTOR_FIELDS = ("provider", "partner", "source", "target", "members", "cut_off", "from", "to")
#: row fields that hold topic ids,
TOPIC_FIELDS = ("direct", "two_steps", "missing", "core_no_longer_direct", "topics_lost", "topic")
#: and row fields that hold ids of another vocabulary list.
VOCABULARY_FIELDS = {
    "kind": "actor_kinds",
    "kinds": "actor_kinds",
    "missing_kinds": "actor_kinds",
    "district": "districts",
    "area": "districts",
    "stadtbezirk": "stadtbezirke",
    "stadtbezirke": "stadtbezirke",
    "missing_stadtbezirke": "stadtbezirke",
    "programme": "funding_programmes",
    "type": "relation_types",
}


@dataclass(frozen=True)
class GapInfo:
    """German title, what a gap means and what one could do about it."""

    label: str
    meaning: str
    action: str


#: One entry per analysis of :func:`gap_report` (plus ``what_if``), keyed like the report.
GAP_INFO: dict[str, GapInfo] = {
    "coverage": GapInfo(
        "Themenabdeckung nach Gebiet",
        "Wie viele Angebote (Akteure außer Schulen und Gremien) ein Thema in einem Gebiet anbieten. Eine 0 heißt: "
        "Wer dort wohnt oder zur Schule geht, findet zu diesem Thema kein zuständiges Angebot.",
        "Prüfen, ob ein bestehendes Angebot sein Einzugsgebiet erweitern kann, oder ein neues Angebot "
        "(z. B. ein BbA) für das Gebiet planen.",
    ),
    "schools_without_school_social_work": GapInfo(
        "Schulen ohne Schulsozialarbeit",
        "An diesen Schulen gibt es am Stichtag keine laufende Schulsozialarbeit.",
        "Bedarf mit der Schule klären und bei der Planung der Schulsozialarbeit (Teilplanung, ESF+) berücksichtigen.",
    ),
    "school_social_work_ending": GapInfo(
        "Schulsozialarbeit endet bald",
        "Die Schulsozialarbeit an diesen Schulen läuft innerhalb des gewählten Zeitraums aus.",
        "Anschlussfinanzierung rechtzeitig mit Träger und Geldgeber klären, damit keine Lücke entsteht.",
    ),
    "school_topics": GapInfo(
        "Kernthemen je Schule",
        "Welche Kernthemen eine Schule über direkte Partner erreicht, welche nur über einen Zwischenschritt "
        "und welche gar nicht.",
        "Für fehlende Kernthemen eine direkte Kooperation oder einen festen Verweisweg vereinbaren.",
    ),
    "isolated": GapInfo(
        "Isolierte Akteure",
        "Diese Akteure haben am Stichtag keine einzige Beziehung im Netzwerk.",
        "Kontakt aufnehmen und ins Netzwerk einladen, z. B. in ein passendes Gremium; oder fehlende Beziehungen eintragen.",
    ),
    "single_relation": GapInfo(
        "Akteure mit nur einem Partner",
        "Diese Akteure hängen an einem einzigen Partner; fällt er weg, sind sie abgeschnitten.",
        "Eine zweite Verbindung aufbauen, damit das Netz nicht an einer Stelle reißt.",
    ),
    "articulation_points": GapInfo(
        "Unverzichtbare Brückenakteure",
        "Fällt einer dieser Akteure weg, zerfällt das Netzwerk: die genannten Akteure verlieren die Verbindung "
        "zum größeren Rest.",
        "Die abhängigen Akteure zusätzlich mit anderen Partnern verbinden, damit die Brücke nicht allein trägt.",
    ),
    "bridges": GapInfo(
        "Einzige Verbindungen",
        "Endet diese Beziehung, sind die genannten Akteure vom größeren Rest des Netzwerks getrennt.",
        "Eine zweite, unabhängige Verbindung schaffen.",
    ),
    "committees": GapInfo(
        "Zusammensetzung der Gremien",
        "Welche Akteursarten und Stadtbezirke in jedem Gremium vertreten sind und welche fehlen.",
        "Fehlende Akteursarten oder Stadtbezirke gezielt zur Mitarbeit einladen.",
    ),
    "stale": GapInfo(
        "Veraltete Angaben",
        "Diese Akteure oder Beziehungen wurden seit mehr als 12 Monaten nicht geprüft.",
        "Angaben mit dem Akteur abgleichen und das Prüfdatum (verified) aktualisieren.",
    ),
    "ended_relations": GapInfo(
        "Beendete Beziehungen",
        "Diese Beziehungen sind laut Enddatum (until) vorbei.",
        "Prüfen, ob sie wirklich beendet sind oder verlängert wurden; dann das Enddatum anpassen.",
    ),
    "without_contact": GapInfo(
        "Akteure ohne Kontakt",
        "Für diese Akteure ist weder Telefon noch E-Mail noch Webseite eingetragen; eine Vermittlung ist schwer.",
        "Eine dienstliche Kontaktangabe ergänzen.",
    ),
    "pathway_gaps": GapInfo(
        "Schulen mit Lücken in der Interventionskette",
        "An diesen Schulen hat mindestens eine Stufe der Interventionskette (z. B. Frühwarnsystem "
        "Schulabsentismus) niemanden: keine Rolle außer Schule und Eltern ist mit einem Akteur besetzt.",
        "Mit der Schule klären, wer diese Stufe übernimmt, und die Stelle in die Zuständigkeitsliste eintragen "
        "lassen (Datenpflege: pathways.yaml, Abschnitt roles).",
    ),
    "what_if": GapInfo(
        "Was wäre, wenn …",
        "Welche Schulen und Themen ihre Abdeckung verlieren, wenn Akteure wegfallen oder ein Förderprogramm endet, "
        "und welche Kennzahlen sich am stärksten ändern.",
        "Früh Ersatz planen: Anschlussförderung, andere Träger oder zusätzliche Kooperationen.",
    ),
}


# The helpers below are shared by the analysis modules of this package and are not part of its API.


def _bezirk(vocabulary: Vocabulary, actor: Actor) -> str | None:
    return vocabulary.stadtbezirk_of(actor.district, actor.stadtteil)


def _active(dataset: Dataset, as_of: dt.date, rel_type: str | None = None) -> list[Relation]:
    return [r for r in dataset.relations if r.active_on(as_of) and rel_type in (None, r.type)]


def _schools(dataset: Dataset) -> list[Actor]:
    return [a for a in dataset.actors.values() if a.kind == SCHOOL]
