"""Every German UI text of the dashboard in one place."""

from __future__ import annotations

APP_TITLE = "Netzwerkkarte Schulerfolg Halle"
LOADING = "Lade Daten …"

PAGE_MAP = "Netzwerkkarte"
PAGE_ACTORS = "Akteure"
PAGE_METRICS = "Kennzahlen"
PAGE_GAPS = "Lücken"
PAGE_REFERRAL = "Vermittlung"
PAGE_DATA = "Daten"

INVALID = "Die Daten in `{folder}` enthalten {errors} Fehler und können nicht angezeigt werden. Bitte korrigiere die unten genannten Stellen (Datei, Zeile, Hinweis)."
REPORT = "Prüfbericht"

# Filters (Netzwerkkarte)
FILTERS = "Filter"
F_KIND = "Art des Akteurs"
F_BEZIRK = "Stadtbezirk"
F_DISTRICT = "Stadtteil"
F_TOPIC = "Thema"
F_TYPE = "Art der Beziehung"
F_AS_OF = "Stand am"
F_AS_OF_HELP = "Nur Beziehungen, die an diesem Tag bestehen (seit/bis)."
F_ISOLATED = "Akteure ohne Beziehung ausblenden"
F_SEARCH = "Akteur suchen"
F_SEARCH_HELP = "Name oder Teil davon; Groß-/Kleinschreibung, ä/ae und kleine Tippfehler sind egal."
F_ALL = "alle"
F_ACTOR = "Gewählter Akteur"
F_NO_ACTOR = "— keiner —"
F_EGO = "Nur Umfeld des gewählten Akteurs"
F_RADIUS = "Schritte im Umfeld"
F_SIZE = "Knotengröße nach"
F_PHYSICS = "Knoten beweglich (Physik)"
F_PHYSICS_HELP = "Aus: die berechnete Anordnung bleibt ruhig stehen. An: die Knoten ordnen sich selbst neu."
SIZE_DEGREE = "Anzahl Beziehungen"
SIZE_NONE = "alle gleich groß"
NO_MATCH = "Kein Akteur passt zu „{query}“."
MORE_MATCHES = "Weitere Treffer: {names}"
VISIBLE = "{actors} Akteure und {relations} Beziehungen sichtbar."
EMPTY_VIEW = "Mit diesen Filtern bleibt kein Akteur übrig."
MAP_HINT = "Mausrad: zoomen · ziehen: verschieben · Doppelklick auf einen Knoten: Profil öffnen. Der Link dieser Seite hält Filter und Auswahl fest."
OPEN_PROFILE = "Profil öffnen"
EXPORT = "Export der aktuellen Ansicht"
EXPORT_HTML = "Karte als HTML (offline)"
EXPORT_GRAPHML = "GraphML (Gephi)"
EXPORT_GEXF = "GEXF (Gephi)"
EXPORT_ACTORS = "Akteure als CSV (Excel)"
EXPORT_RELATIONS = "Beziehungen als CSV (Excel)"
EXPORT_TITLE = "Netzwerkkarte Schulerfolg Halle – Stand {day}"

# Akteure
ACTORS_SEARCH = "Suche"
ACTORS_HINT = "Zeile anklicken, um das Profil zu öffnen. Spaltenköpfe sortieren."
BACK = "Zurück zur Liste"
PROFILE_ATTRIBUTES = "Angaben"
PROFILE_CONTACT = "Kontakt"
PROFILE_NO_CONTACT = "Keine Kontaktangabe hinterlegt."
PROFILE_RELATIONS = "Beziehungen"
PROFILE_NO_RELATIONS = "Keine Beziehungen erfasst."
PROFILE_MAP = "Umfeld"
PROFILE_STALE = "Die Angaben wurden seit mehr als 12 Monaten nicht geprüft (zuletzt: {day})."
PROFILE_UNVERIFIED = "Für diesen Eintrag ist kein Prüfdatum hinterlegt."
PROFILE_DEMO = "Dieser Eintrag ist erfunden (Demonstrationsdaten, provenance: demo)."
FIELD_LABELS = {
    "id": "Kennung",
    "kind": "Art",
    "subtype": "Unterart / Schulform",
    "district": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "sozialraum": "Sozialraum",
    "address": "Anschrift",
    "topics": "Themen",
    "target_groups": "Zielgruppen",
    "languages": "Sprachen",
    "access": "Zugang",
    "legal_basis": "Rechtsgrundlagen",
    "service_area": "Zuständigkeitsgebiet",
    "parent": "Gehört zu",
    "provenance": "Quelle",
    "verified": "Geprüft am",
    "notes": "Bemerkungen",
}
CONTACT_LABELS = {"role": "Stelle", "phone": "Telefon", "email": "E-Mail", "web": "Web"}
FIELD = "Feld"
VALUE = "Wert"

# Kennzahlen
METRICS_INTRO = "Zählungen über das ganze Netzwerk (alle Beziehungen, auch beendete)."
METRICS_KINDS = "Akteure nach Art"
METRICS_TYPES = "Beziehungen nach Art"
METRICS_PARTNERS = "Partner je Akteur"
METRICS_SUMMARY = "{actors} Akteure, {relations} Beziehungen, {isolated} Akteure ohne Beziehung."

# Lücken
GAPS_INTRO = "Einträge, die gepflegt werden sollten: nicht geprüft seit über 12 Monaten, beendete Beziehungen, fehlende Kontakte."
GAPS_NONE = "Keine Pflegehinweise – alle Einträge sind aktuell."
GAPS_COUNT = "{count} Pflegehinweise."

# Vermittlung
REFERRAL_TOPIC = "Anlass / Thema"
REFERRAL_INTRO = "Akteure, die zum gewählten Thema etwas anbieten, mit Kontakt."
REFERRAL_NONE = "Kein Akteur hat dieses Thema angegeben."

# Daten
DATA_FOLDER = "Datenordner: `{folder}` · Fingerabdruck `{fingerprint}`"
DATA_COUNTS = "Umfang"
DATA_FRESHNESS = "Aktualität"
FRESH_OK = "geprüft in den letzten 12 Monaten"
FRESH_OLD = "älter als 12 Monate"
FRESH_NONE = "ohne Prüfdatum"
FRESH_OLDEST = "Älteste Prüfung: {day}"
COUNT = "Anzahl"
STATE = "Stand"
