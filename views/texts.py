"""Every German UI text of the dashboard in one place."""

from __future__ import annotations

APP_TITLE = "Netzwerkkarte Schulerfolg Halle"
LOADING = "Lade Daten …"
COMPUTING = "Berechne …"
LAYOUT = "Ordne die Karte an (einmal je Datenstand) …"

PAGE_MAP = "Netzwerkkarte"
PAGE_ACTORS = "Akteure"
PAGE_METRICS = "Kennzahlen"
PAGE_GAPS = "Lücken"
PAGE_REFERRAL = "Vermittlung"
PAGE_DATA = "Daten"
PAGE_EARLY_WARNING = "Frühwarnsystem"

LOGIN_INFO = "Die Netzwerkkarte enthält interne Angaben. Bitte melden Sie sich mit Ihrem Dienstkonto an."
LOGIN_BUTTON = "Anmelden"
LOGOUT_BUTTON = "Abmelden"
STALE_DATA = (
    "Die Daten in `{folder}` sind gerade ungültig ({errors} Fehler, z. B. nach einer fehlerhaften Änderung). "
    "Angezeigt wird weiter der letzte gültige Stand. Sobald die Dateien korrigiert sind, "
    "erscheint der neue Stand ohne Neustart."
)
STALE_REPORT = "Prüfbericht der ungültigen Daten"
INVALID = "Die Daten in `{folder}` enthalten {errors} Fehler und können nicht angezeigt werden. Bitte korrigieren Sie die unten genannten Stellen (Datei, Zeile, Hinweis)."
REPORT = "Prüfbericht"
REPORT_ERRORS = "{n} Fehler – diese Stellen müssen korrigiert werden, bevor die Daten gelten:"
REPORT_NO_ERRORS = "Keine Fehler: die Daten sind gültig."
REPORT_WARNINGS = "{n} Warnungen"
REPORT_WARNING_ONE = "1 Warnung"
REPORT_WARNINGS_NOTE = "Warnungen dürfen stehen bleiben, wenn es dafür einen Grund gibt (z. B. bewusst ohne Kontakt)."
REPORT_ERROR_BADGE = "Fehler"
REPORT_WARNING_BADGE = "Warnung"
REPORT_WHERE = "{file}, Zeile {line}, Spalte {column}"
REPORT_HINT = "So beheben Sie es:"
REPORT_CODE = "Prüfcode `{code}`"
REPORT_EDIT = "Zeile {line} im Web-Editor öffnen"
REPORT_MORE = "Gezeigt sind die ersten {shown} von {total}; alle stehen unten in „Alle Meldungen als Tabelle“."
REPORT_TABLE = "Alle Meldungen als Tabelle"
WHO_FIXES = "Wer korrigiert was?"
WHO_FIXES_TEXT = (
    "Die Netzwerkstelle pflegt die Daten. Fällt Ihnen in der App etwas Falsches auf, melden Sie es im Profil "
    "des Akteurs mit „Fehler melden“. Wer Schreibrechte hat, korrigiert die Stelle selbst mit „Eintrag "
    "bearbeiten“ bzw. bei einer Meldung hier mit „Zeile … im Web-Editor öffnen“. Jede Änderung wird vor der "
    "Übernahme automatisch geprüft und erscheint danach ohne Neustart in der App."
)
WHO_FIXES_REPO = (
    "Die Dateien liegen im [Daten-Repository]({url}); jede Meldung im Prüfbericht führt direkt zu ihrer Zeile."
)
WHO_FIXES_MAIL = "Meldungen gehen per E-Mail an {email}."
WHO_FIXES_NONE = (
    "Für diese Installation ist noch kein Daten-Repository eingetragen: Geben Sie Meldungen mit Datei und Zeile "
    "an die Netzwerkstelle weiter. Einrichten: `{repo}` beim Start der App setzen (docs/betrieb.md, „Korrekturen“)."
)
CLOCK_HELP = (
    "Alle Auswertungen (Aktualität, „Stand am“, bald endende Schulsozialarbeit) rechnen mit diesem Tag statt mit dem "
    "heutigen Datum, damit die Demo-Daten an jedem Tag dasselbe Bild zeigen. Festgelegt wird er mit "
    "`reference_date` in der Datei `meta.yaml` des Datenordners oder mit der Umgebungsvariablen "
    "`NETZWERKKARTE_TODAY` (hat Vorrang)."
)

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
F_SIZE_HELP = "Größere Knoten haben einen höheren Wert. Die Kennzahlen erklärt die Seite Kennzahlen."
SIZE_NONE = "alle gleich groß"
NO_MATCH = "Kein Akteur passt zu „{query}“."
MORE_MATCHES = "Weitere Treffer: {names}"
VISIBLE = "{actors} Akteure und {relations} Beziehungen sichtbar."
EMPTY_VIEW = "Mit diesen Filtern bleibt kein Akteur übrig."
MAP_HINT = "Mausrad: zoomen · ziehen: verschieben · Doppelklick auf einen Knoten: Profil öffnen. Der Link dieser Seite hält Filter und Auswahl fest."
MAP_ALT = "Netzwerkkarte als Grafik. Dieselben Akteure und Beziehungen stehen unter der Karte in „Karte als Liste“."
MAP_ALT_DEFAULT = "Netzwerkkarte als Grafik"
MAP_LIST = "Karte als Liste"
MAP_LIST_ACTORS = "Akteure"
MAP_LIST_RELATIONS = "Beziehungen"
MAP_LIST_MORE = "… und {more} weitere; vollständig im Export (CSV)."
OPEN_PROFILE = "Profil öffnen"
MAP_TOO_LARGE = (
    "Die Karte hätte {actors} Akteure. Ab {limit} Akteuren reagiert die ganze Karte im Browser nur noch sehr "
    "langsam (jedes Verschieben und Zoomen stockt), deshalb ist sie nicht gezeichnet. Wählen Sie einen Ausschnitt: "
    "das Umfeld eines Akteurs oder einen Stadtbezirk (weitere Filter links)."
)
GUARD_ACTOR = "Akteur suchen (Namen tippen)"
GUARD_EGO = "Umfeld dieses Akteurs zeigen"
GUARD_BEZIRK = "Stadtbezirk wählen"
GUARD_BEZIRK_BUTTON = "Nur diesen Stadtbezirk zeigen"
GUARD_FULL = "Ganze Karte trotzdem zeichnen"
GUARD_FULL_HELP = "Kann den Browser einige Sekunden bis Minuten blockieren und danach träge reagieren."
FULL_MAP_SHOWN = "Ganze Karte auf Wunsch gezeichnet ({actors} Akteure): Verschieben und Zoomen können stocken."
EXPORT = "Export der aktuellen Ansicht"
EXPORT_HTML = "Karte als HTML (offline)"
EXPORT_GRAPHML = "GraphML (Gephi)"
EXPORT_GEXF = "GEXF (Gephi)"
EXPORT_ACTORS = "Akteure als CSV (Excel)"
EXPORT_RELATIONS = "Beziehungen als CSV (Excel)"
EXPORT_TITLE = "Netzwerkkarte Schulerfolg Halle – Stand {day}"

# Akteure
ACTORS_SEARCH = "Suche"
ACTORS_HINT = (
    "„öffnen“ in der Spalte Profil (oder das Kästchen am Zeilenanfang) öffnet das Profil. Ein Klick auf einen "
    "Spaltenkopf sortiert."
)
BACK = "Zurück zur Liste"
PROFILE_ATTRIBUTES = "Angaben"
PROFILE_CONTACT = "Kontakt"
PROFILE_NO_CONTACT = "Keine Kontaktangabe hinterlegt."
PROFILE_RELATIONS = "Beziehungen"
PROFILE_NO_RELATIONS = "Keine Beziehungen erfasst."
PROFILE_MAP = "Umfeld"
PROFILE_STALE = "Die Angaben wurden seit mehr als 12 Monaten nicht geprüft (zuletzt: {day})."
PROFILE_UNVERIFIED = "Kein Prüfdatum: Die Angaben wurden noch nicht mit der Organisation abgestimmt."
PROFILE_DEMO = (
    "Ein erfundenes Beispiel aus den Demonstrationsdaten: Diese Organisation und ihre Angaben gibt es so nicht."
)
PROFILE_NO_SOURCE = "Für diesen Eintrag ist keine Quelle angegeben."
AGES_RANGE = "{low}–{high} Jahre"
AGES_FROM = "ab {low} Jahren"
AGES_TO = "bis {high} Jahre"
PROFILE_RELATION_COLUMNS = ["Von", "An", "Herkunft", "Seit", "Bis", "Themen", "Stärke"]
#: Help (the „?“ at the column head) for the columns whose meaning is not plain.
PROFILE_RELATION_HELP = {
    "Herkunft": "Woher die Angabe stammt: eine öffentliche Quelle oder ein erfundener Demo-Eintrag.",
    "Seit": "Beginn der Beziehung; leer, wenn er nicht bekannt ist.",
    "Bis": "Ende der Beziehung; leer, solange sie läuft.",
    "Stärke": "gelegentlich, regelmäßig oder vertraglich (z. B. Schulsozialarbeit mit Vertrag); leer: nicht angegeben.",
}
CORRECTION_EDIT = "Eintrag bearbeiten"
CORRECTION_EDIT_HELP = (
    "Öffnet {file}, Zeile {line}, im Web-Editor des Daten-Repositorys (die Änderung wird vor der Übernahme geprüft)."
)
CORRECTION_REPORT = "Fehler melden"
CORRECTION_REPORT_ISSUE_HELP = "Öffnet ein neues Ticket im Daten-Repository, in dem dieser Eintrag schon genannt ist."
CORRECTION_REPORT_MAIL_HELP = "Öffnet eine E-Mail an {email}, in der dieser Eintrag schon genannt ist."
CORRECTION_OFF_HELP = "Noch nicht eingerichtet – siehe Hinweis darunter."
CORRECTION_SETUP = (
    "„Eintrag bearbeiten“ und „Fehler melden“ sind noch nicht eingerichtet. Dafür beim Start der App "
    "`{repo}` setzen (Adresse des Daten-Repositorys, z. B. `https://github.com/ORG/REPO`; Zweig: `{branch}`, "
    "Standard `main`) – oder nur `{email}` für Meldungen per E-Mail. Anleitung: docs/betrieb.md, „Korrekturen“."
)
CORRECTION_EDIT_SETUP = (
    "„Eintrag bearbeiten“ braucht `{repo}` (Adresse des Daten-Repositorys, z. B. `https://github.com/ORG/REPO`). "
    "Anleitung: docs/betrieb.md, „Korrekturen“."
)
FIELD_LABELS = {
    "id": "Kennung",
    "kind": "Art",
    "subtype": "Unterart / Schulform",
    "district": "Stadtviertel",
    "stadtteil": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "sozialraum": "Sozialraum",
    "address": "Anschrift",
    "topics": "Themen",
    "target_groups": "Zielgruppen",
    "languages": "Sprachen",
    "access": "Zugang",
    "hours": "Erreichbarkeit",
    "crisis": "Krisendienst bei",
    "referable": "Direkt vermittelbar",
    "legal_basis": "Rechtsgrundlagen",
    "service_area": "Zuständigkeitsgebiet",
    "parent": "Gehört zu",
    "provenance": "Quelle",
    "source_date": "Stand der Quelle",
    "verified": "Geprüft am",
    "notes": "Bemerkungen",
}
YES = "ja"
NO = "nein"
CONTACT_LABELS = {"role": "Stelle", "phone": "Telefon", "email": "E-Mail", "web": "Web"}
FIELD = "Feld"
VALUE = "Wert"

# Kennzahlen
METRICS_INTRO = (
    "Wer ist wie gut vernetzt? Die Kennzahlen beschreiben jeden Akteur und das Netzwerk als Ganzes. "
    "Zwei Akteure gelten als verbunden, wenn am Stichtag mindestens eine Beziehung der gewählten Arten besteht."
)
METRICS_OPTIONS = "Einstellungen"
METRICS_AS_OF = "Stichtag"
METRICS_AS_OF_HELP = "Nur Beziehungen, die an diesem Tag bestehen."
METRICS_TYPES = "Diese Beziehungsarten zählen"
METRICS_TYPES_HELP = "Zum Beispiel Mitgliedschaften in Gremien weglassen, um nur die Arbeitsbeziehungen zu sehen."
METRICS_WEIGHTED = "Nach Stärke gewichten"
METRICS_WEIGHTED_HELP = (
    "An: eine starke Beziehung (Stärke 3) gilt als kurzer Weg, eine schwache als langer. Das verändert "
    "Brückenakteur, Nähe, Einfluss und Gruppen; Anzahl der Partner und Kernzugehörigkeit bleiben reine Zählungen."
)
METRICS_NO_TYPES = "Bitte mindestens eine Beziehungsart wählen."
METRICS_CHOICE = "Kennzahl"
METRICS_CHOICE_HELP = "Sortiert die Tabelle, bestimmt das Balkendiagramm und kann auf der Karte die Knotengröße geben."
METRICS_TOP = "Die {count} Akteure mit dem höchsten Wert: {label}"
METRICS_TOP_COUNT = "Anzahl im Diagramm"
METRICS_ON_MAP = "Auf der Karte als Knotengröße zeigen"
METRICS_TABLE = "Alle Akteure"
METRICS_TABLE_HINT = (
    "Spaltenköpfe sortieren · Fragezeichen am Spaltenkopf erklärt die Kennzahl · „öffnen“ zeigt das Profil."
)
METRICS_EXPLAIN = "Was bedeuten die Kennzahlen?"
METRICS_METHOD = "Wie wird das berechnet?"
METRICS_METHOD_INTRO = (
    "Für Fachleute: die Verfahren hinter den Kennzahlen. Gerechnet wird auf einem einfachen Netz: zwei Akteure "
    "sind verbunden, wenn am Stichtag mindestens eine Beziehung der gewählten Arten besteht; n ist die Zahl der "
    "Akteure."
)
METRICS_LITERATURE = "Literatur"
METRICS_NETWORK = "Das Netzwerk als Ganzes"
METRICS_BY_KIND = "Nach Art des Akteurs"
METRICS_BY_BEZIRK = "Nach Stadtbezirk"
METRICS_GROUP_HINT = "Je Gruppe zählen nur die Beziehungen innerhalb der Gruppe."
METRICS_NO_BEZIRK = "ohne Stadtbezirk"
METRICS_DOWNLOAD_CSV = "Tabelle als CSV (Excel)"
METRICS_DOWNLOAD_XLSX = "Tabelle als Excel-Datei"
METRICS_EMPTY = "Für diesen Stichtag gibt es keine Akteure."
COL_NAME = "Name"
COL_KIND = "Art"
COL_DISTRICT = "Stadtteil"
COL_BEZIRK = "Stadtbezirk"
COL_PROFILE = "Profil"
COL_GROUP = "Gruppe"
COL_ID = "Kennung"
OPEN = "öffnen"

# Lücken
GAPS_INTRO = (
    "Wo fehlt Unterstützung? Jede Auswertung sagt, was sie bedeutet und was man tun könnte. "
    "Alle Tabellen lassen sich herunterladen; „öffnen“ zeigt das Profil des Akteurs."
)
GAPS_AS_OF = "Stichtag"
GAPS_WHAT_TO_DO = "**Was tun?** {action}"
GAPS_DOWNLOAD = "Als CSV (Excel)"
GAPS_COUNT = "{count} Einträge"
GAPS_TABS = [
    "Abdeckung",
    "Schulsozialarbeit",
    "Kernthemen je Schule",
    "Struktur",
    "Was wäre, wenn …",
    "Gremien",
    "Aktualität",
]
GAPS_LEVEL = "Gebiete"
GAPS_LEVELS = {"districts": "Stadtteile", "stadtbezirke": "Stadtbezirke", "sozialraeume": "Sozialräume"}
GAPS_CORE_ONLY = "Nur Kernthemen"
GAPS_SCHOOL_AREAS = "Nur Gebiete mit Schulen"
GAPS_HEATMAP_HINT = (
    "Zahl = Angebote zum Thema, die für das Gebiet zuständig sind. Rot: kein Angebot in einem Gebiet mit Schulen; "
    "grau: kein Angebot, aber auch keine Schule. Kernthemen sind mit ★ markiert."
)
GAPS_SCHOOLS = "Schulen"
#: Plural first, singular second: indexed with ``count == 1``.
GAPS_SCHOOL_COUNT = ("{n} Schulen", "{n} Schule")
GAPS_EMPTY_SCHOOL = "kein Angebot, Schulen im Gebiet"
GAPS_EMPTY_NO_SCHOOL = "kein Angebot, keine Schule"
GAPS_COVERAGE_EMPTY = "Für diese Auswahl gibt es keine Gebiete zu zeigen."
GAPS_URGENT = "Dringend"
GAPS_MONTHS = "Endet innerhalb von … Monaten"
GAPS_MONTHS_HELP = "Voreinstellung: bis einschließlich Ende der ESF+-Förderperiode am {day}."
GAPS_HORIZON = "Betrachtet bis {day}. „Dringend“ (rot): endet innerhalb von {months} Monaten nach dem Stichtag."
GAPS_STRUCTURE_CUT = "Abgeschnitten wären"
GAPS_WHAT_IF_REMOVE = "Diese Akteure fallen weg"
GAPS_WHAT_IF_PROGRAMME = "Dieses Förderprogramm endet"
GAPS_WHAT_IF_END = "Letzter Fördertag"
GAPS_WHAT_IF_NONE = "— keines —"
GAPS_WHAT_IF_END_HELP = (
    "Verglichen wird am Tag danach. Ein Ende, das die Daten schon vorsehen (z. B. ESF+ am {esf_end}), "
    "ändert nichts; ein früheres Datum zeigt, was ein vorzeitiges Ende bedeuten würde."
)
GAPS_WHAT_IF_NO_CHANGE = (
    "In diesem Szenario ändert sich nichts: keine Beziehung fällt zusätzlich weg. Vielleicht sehen die Daten "
    "dieses Ende schon vor – ein früheres Datum wählen."
)
GAPS_WHAT_IF_HINT = "Akteure und/oder ein Förderprogramm wählen, um die Folgen zu sehen."
GAPS_WHAT_IF_RELATIONS = "Wegfallende Beziehungen"
GAPS_WHAT_IF_SCHOOLS = "Schulen, die etwas verlieren"
GAPS_WHAT_IF_COVERAGE = "Stadtteile und Themen mit weniger Angeboten"
GAPS_WHAT_IF_METRICS = "Größte Änderungen der Kennzahlen"
GAPS_WHAT_IF_NETWORK = "Das Netzwerk vorher und nachher"
#: Under an empty part of the what-if comparison (neutral, not an all-clear: other parts may list losses).
GAPS_WHAT_IF_EMPTY = {
    "what_if_relations": "Keine Beziehung fällt weg.",
    "what_if_schools": "Keine Schule verliert Schulsozialarbeit oder ein Thema.",
    "what_if_coverage": "Kein Stadtteil hat zu einem Thema weniger Angebote.",
    "what_if_metrics": "Keine Kennzahl eines Akteurs ändert sich.",
    "what_if_network": "Keine Angaben.",
}
GAPS_STALE = "Seit über 12 Monaten nicht geprüft"
GAPS_ENDED = "Beendete Beziehungen"
GAPS_NO_CONTACT = "Ohne Kontaktangabe"
GAP_COLUMNS = {
    "name": "Name",
    "kind": "Art",
    "district": "Stadtteil",
    "stadtbezirk": "Stadtbezirk",
    "ended": "Schulsozialarbeit endete am",
    "provider": "Träger",
    "until": "Endet am",
    "programme": "Förderprogramm",
    "continues": "Weitere Schulsozialarbeit läuft",
    "urgent": "Dringend",
    "direct": "Über direkte Partner",
    "two_steps": "Nur über einen Zwischenschritt",
    "missing": "Gar nicht erreicht",
    "missing_count": "Fehlend",
    "gap_count": "Stufen ohne Zuständige",
    "gap_texts": "Was fehlt",
    "partner": "Einziger Partner",
    "relations": "Beziehungen",
    "cut_off": "Abgeschnitten wären",
    "cut_off_count": "Anzahl abgeschnitten",
    "source": "Bleibt verbunden",
    "target": "Andere Seite",
    "relation_ids": "Beziehung (Kennung)",
    "member_count": "Mitglieder",
    "members": "Mitglieder (Namen)",
    "kinds": "Vertretene Arten",
    "missing_kinds": "Fehlende Arten",
    "stadtbezirke": "Vertretene Stadtbezirke",
    "missing_stadtbezirke": "Fehlende Stadtbezirke",
    "record": "Eintrag",
    "verified": "Geprüft am",
    "days": "Tage seit Prüfung",
    "type": "Art der Beziehung",
    "from": "Von",
    "to": "An",
    "loses_school_social_work": "Verliert Schulsozialarbeit",
    "core_no_longer_direct": "Kernthemen nicht mehr direkt",
    "topics_lost": "Themen nicht mehr erreichbar",
    "area": "Stadtteil",
    "topic": "Thema",
    "before": "Vorher",
    "after": "Nachher",
    "change": "Änderung",
    "metric": "Kennzahl",
    "figure": "Kennzahl",
    "id": "Kennung",
}
RECORD_KINDS = {"actor": "Akteur", "relation": "Beziehung"}
YES = "ja"
NO = "nein"

# Vermittlung
REFERRAL_INTRO = (
    "Anliegen in eigenen Worten eingeben (z. B. „schwänzt seit Wochen“, „Mobbing im Klassenchat“, „Vater trinkt“) "
    "und mit Enter bestätigen. Unter „Eingrenzen“ wählen Sie Schule, Alter oder Sprache; mit einer Schule zeigt die Liste auch, "
    "wen die Schule schon kennt."
)
REFERRAL_QUERY = "Anliegen"
REFERRAL_QUERY_PLACEHOLDER = "z. B. schwänzt seit Wochen"
REFERRAL_FILTERS = "Eingrenzen"
REFERRAL_SCHOOL = "Schule"
REFERRAL_DISTRICT = "Stadtteil"
REFERRAL_DISTRICT_HELP = "Ohne Angabe gilt der Stadtteil der gewählten Schule."
REFERRAL_AGE = "Alter"
REFERRAL_LEVEL = "Schulstufe"
REFERRAL_LEVEL_HELP = "Nur, wenn das Alter nicht bekannt ist."
REFERRAL_LANGUAGE = "Sprache"
REFERRAL_AUDIENCE = "Für wen"
REFERRAL_AS_OF = "Stichtag"
REFERRAL_ANY = "— egal —"
REFERRAL_TOPICS = "Erkannte Themen: {topics}"
REFERRAL_RECOGNISED = "**Erkannt:** {items}"
REFERRAL_RECOGNISED_NONE = "Kein Thema erkannt."
REFERRAL_CORRECT = "Nicht das Richtige? Themen ändern"
REFERRAL_CORRECT_TOPICS = "Gesuchte Themen"
REFERRAL_CORRECT_HELP = (
    "Entfernen Sie ein falsch erkanntes Thema oder fügen Sie eines aus der Liste hinzu. "
    "Der Krisenhinweis bleibt stehen, solange das Anliegen eine Krise nennt."
)
REFERRAL_CORRECTED = "Themen von Hand geändert: {topics}"
CRISIS_TITLE = "Akute Krise – zuerst Hilfe holen"
CRISIS_INTRO = "Das Anliegen nennt eine akute Krise ({kinds}). Diese Stellen sind jetzt zuständig:"
CRISIS_STEP = "**Was Ihre Einrichtung jetzt tun muss – {label}:** {step}"
CRISIS_NO_PHONE = "ohne Telefonnummer"
REFERRAL_COUNT_ONE = "1 passendes Angebot."
REFERRAL_COUNT = "{count} passende Angebote."
REFERRAL_START = "Noch kein Anliegen eingegeben. Beispiele: {examples}"
REFERRAL_WIDEN = "Ohne Filter {label} suchen"
REFERRAL_REASONS = "Warum"
REFERRAL_PATH = "**Bekannt über:** {path}"
REFERRAL_NO_PATH = "Keine bestehende Verbindung der Schule bekannt."
REFERRAL_DEMO = "Demo-Eintrag (erfunden)"
REFERRAL_DEMO_PATH = "erfundene Demo-Verbindung"
REFERRAL_PICK = "In die Handreichung"
REFERRAL_SCOPE = "Eingegrenzt auf: {parts}"
REFERRAL_NO_CONTACT = "Keine Kontaktangabe hinterlegt – über das Profil oder den Träger nachfragen."
REFERRAL_MAP = "Weg auf der Karte"
REFERRAL_MAP_EGO = "Umfeld auf der Karte"
REFERRAL_CONTACT_LABELS = {
    "role": "Stelle",
    "phone": "Telefon",
    "email": "E-Mail",
    "web": "Web",
    "address": "Anschrift",
    "access": "Zugang",
    "verified": "Geprüft am",
}
REFERRAL_TAB_SEARCH = "Suche"
REFERRAL_TAB_HANDOUT = "Handreichung"
HANDOUT_INTRO = "Eine druckbare Seite mit den passenden Angeboten und Kontakten, nach Thema geordnet."
HANDOUT_FOR = "Handreichung für"
HANDOUT_KINDS = {"search": "die Suche", "school": "eine Schule", "topic": "ein Thema", "district": "einen Stadtteil"}
HANDOUT_SEARCH_NONE = (
    "Geben Sie im Reiter „Suche“ ein Anliegen ein; die Handreichung übernimmt es mit Schule und Stadtteil."
)
HANDOUT_TOPIC = "Thema"
HANDOUT_DOWNLOAD = "Als HTML-Seite herunterladen"
HANDOUT_DOWNLOAD_PDF = "Als PDF herunterladen"
HANDOUT_PRINT = "Drucken Sie mit dem Knopf „Drucken“ in der Vorschau oder laden Sie das PDF herunter."
HANDOUT_PICKED = "{count} aus der Suche angehakt."
HANDOUT_PICKED_HOW = (
    " Haken Sie in der Suche „In die Handreichung“ an, was Sie weitergeben möchten. Krisennummern stehen immer "
    "darauf, wenn das Anliegen eine Krise nennt."
)
HANDOUT_PICKED_COUNT = {0: "Noch kein Angebot", 1: "1 Angebot"}
HANDOUT_PICKED_MANY = "{count} Angebote"

# Profil: Kennzahlen
PROFILE_METRICS = "Stellung im Netzwerk"
PROFILE_METRICS_NONE = "Hat am heutigen Tag keine Beziehung im Netzwerk; die Kennzahlen entfallen."
PROFILE_PARTNERS = "Verbindet **{count}** Partner direkt (Rang {rank} von {total}) und erreicht **{reach}** Akteure in höchstens zwei Schritten."
PROFILE_RANK = "**{label}:** Rang {rank} von {total} (Wert {value})."
PROFILE_NOT_BRIDGE = "**{label}:** liegt auf keinem kürzesten Weg zwischen anderen – keine Brückenfunktion."
PROFILE_CORE = "**{label}:** Stufe {core} von {top} (1: eher am Rand; {top}: im dicht vernetzten Kern des Netzes)."
PROFILE_COMMUNITY = "**{label}:** Gruppe {number} mit {size} Akteuren."
PROFILE_TECHNICAL = "Technische Angaben: Kennung {id} · {file}, Zeile {line}"
PROFILE_METRICS_NOTE = "Stand heute, alle Beziehungsarten. Erklärungen und Vergleich auf der Seite Kennzahlen."

# Daten
DATA_FOLDER = "Technische Angaben: Datenordner `{folder}` · Datenversion {version}"
DATA_COUNTS = "Umfang"
DATA_FRESHNESS = "Aktualität"
FRESH_OK = "geprüft in den letzten 12 Monaten"
FRESH_OLD = "älter als 12 Monate"
FRESH_NONE = "ohne Prüfdatum"
FRESH_OLDEST = "Älteste Prüfung: {day}"
COUNT = "Anzahl"
STATE = "Stand"

# Frühwarnsystem (views/fruehwarnsystem.py)
EW_INTRO = (
    "Wer an einer Schule welche Stufe der Interventionskette übernimmt – aus dem Netz gefüllt: Schulsozialarbeit "
    "aus den laufenden Beziehungen, Beratung wie in der Vermittlung, ASD und weitere Stellen aus der Zuständigkeitsliste der Interventionskette."
)
EW_NONE = (
    "Im Datenordner steht keine Interventionskette. Legen Sie `pathways.yaml` an (Anleitung in data/README.md, "
    "Abschnitt „pathways.yaml“)."
)
EW_SETTINGS = "Kette, Stichtag und Pilotschulen"
EW_WEB = "Webseite"
EW_PATHWAY = "Interventionskette"
EW_AS_OF = "Stand am"
EW_AS_OF_HELP = "Nur Beziehungen, die an diesem Tag laufen, zählen."
EW_TAB_SCHOOL = "Eine Schule"
EW_TAB_CITY = "Ganze Stadt"
EW_SCHOOL = "Schule"
EW_PILOT_ONLY = "Nur Pilotschulen"
EW_PILOT_NONE = (
    "In den Daten ist keine Pilotschule markiert: markiert wird eine Schule nur, wenn eine öffentliche Quelle sie "
    "als Pilotschule nennt (Datenpflege: pathways.yaml, pilot_schools mit pilot_source)."
)
EW_PILOT_SOURCE = "Pilotschulen laut: {source}"
EW_PILOT_BADGE = "Pilotschule"
EW_GAPS = {1: "1 von {total} Stufen hat an dieser Schule niemanden."}
EW_GAPS_MANY = "{n} von {total} Stufen haben an dieser Schule niemanden."
EW_NO_GAPS = "Jede Stufe hat an dieser Schule jemanden."
EW_TRIGGER = "Auslöser"
EW_DEADLINE = "Frist"
EW_DEADLINE_NONE = "keine Angabe in der Quelle"
EW_ACTIONS = "Was geschieht"
EW_DOCUMENTS = "Unterlagen"
EW_WHO = "Wer"
EW_SOURCE = "Quelle"
EW_GAP = "Lücke"
EW_PARTIAL = "Ohne Zuständige: {roles}"
EW_NOBODY = "niemand eingetragen"
EW_THIS_SCHOOL = "diese Schule"
EW_FAMILY = "die Familie der Schülerin oder des Schülers"
EW_INVENTED = "erfunden"
EW_CONTACTS = "Kontaktliste dieser Schule"
EW_GLANCE = "Auf einen Blick: wen diese Schule anruft"
EW_PDF = "PDF fürs Lehrerzimmer herunterladen"
EW_CITY_SUMMARY = "{n} von {total} Schulen haben Stufen ohne Zuständige."
EW_CITY_SUMMARY_ONE = "1 von {total} Schulen hat Stufen ohne Zuständige."
EW_CITY_NO_GAPS = "An allen {total} Schulen ist jede Stufe besetzt."
EW_CITY_EMPTY = "Keine Schule passt zur Auswahl."
EW_COVERED = "besetzt"
EW_PARTIAL_CELL = "teilweise"
EW_GAP_CELL = "Lücke"
EW_COL_SCHOOL = "Schule"
EW_COL_PILOT = "Pilot"
EW_COL_GAPS = "Lücken"
EW_COL_GAP_STAGES = "Stufen ohne Zuständige"
EW_CITY_LEGEND = (
    "„besetzt“: jede Rolle der Stufe hat jemanden · „teilweise“: einige Rollen haben niemanden · "
    "„Lücke“: außer Schule und Eltern hat niemand die Stufe."
)
# Page Planung (issue 16): Teilplanung Schulsozialarbeit and BbA overview
PAGE_PLAN = "Planung"
PLAN_INTRO = (
    "Welche Schule hat in welchem Schuljahr Schulsozialarbeit, mit wie vielen Stellen (VZÄ) und aus welchem "
    "Programm finanziert – und wohin sind die Mittel für bildungsbezogene Angebote (BbA) geflossen. Ein Schuljahr "
    "läuft vom 1. August bis 31. Juli."
)
PLAN_RANGE = "Schuljahre"
PLAN_RANGE_HELP = "Von welchem bis zu welchem Schuljahr die Planung reicht; vorgeschlagen ist der ESF+-Zeitraum."
PLAN_TABS = ["Schulsozialarbeit", "BbA-Förderung"]
PLAN_FILTER_BEZIRK = "Stadtbezirk"
PLAN_FILTER_TYPE = "Schulform"
PLAN_FILTER_PROGRAMME = "Förderprogramm"
PLAN_FILTER_ALL = "alle"
PLAN_GRID = "Schulen je Schuljahr"
PLAN_GRID_HELP = (
    "abgedeckt: an jedem Tag des Schuljahres läuft Schulsozialarbeit; teilweise: an manchen Tagen; keine: an keinem. "
    "VZÄ: Vollzeitstellen im Mittel des Schuljahres (eine volle Stelle für ein halbes Jahr zählt 0,5)."
)
PLAN_CLIFF = "ESF+-Ende: {sentence}."
PLAN_CLIFF_NONE = "Nach dem Ende von ESF+ verliert keine der gezeigten Schulen ihre Schulsozialarbeit."
PLAN_CLIFF_SCHOOLS = "Betroffene Schulen ({n})"
PLAN_TOTALS = "Summen je Schuljahr"
PLAN_BEZIRKE = "Summen je Stadtbezirk"
PLAN_CHANGE = "Was sich zwischen zwei Schuljahren ändert"
PLAN_CHANGE_FROM = "von Schuljahr"
PLAN_CHANGE_TO = "nach Schuljahr"
PLAN_CHANGE_SUMMARY = "{new} neu, {ended} beendet, {changed} verändert."
PLAN_CHANGE_NONE = "Zwischen diesen Schuljahren ändert sich nichts."
PLAN_EMPTY = "Keine Schule passt zu den Filtern."
PLAN_DOWNLOAD_SSA = "Planung Schulsozialarbeit als Excel-Datei"
PLAN_DOWNLOAD_BBA = "BbA-Übersicht als Excel-Datei"
PLAN_BBA_CAP = "Obergrenze je Schule und Schuljahr: {cap} EUR. Rot markiert: Schulen darüber."
PLAN_BBA_NO_CAP = (
    "Für BbA ist keine Obergrenze je Schule und Schuljahr eingetragen (Halles Regel ist nicht öffentlich). "
    "Die Netzwerkstelle kann sie im Vokabular beim Förderprogramm als `cap` eintragen."
)
PLAN_BBA_CHART = "Fördersumme je Schuljahr und Stadtbezirk"
PLAN_BBA_AMOUNT = "Betrag (EUR)"
PLAN_BBA_GRANTS = "Förderungen ({n})"
PLAN_BBA_SCHOOLS = "Je Schule und Schuljahr (EUR)"
PLAN_BBA_NEVER = "Schulen ohne BbA-Förderung in diesen Schuljahren ({n})"
PLAN_BBA_TOPICS = "Förderungen je Thema (eine Förderung mit zwei Themen zählt bei beiden)"
PLAN_BBA_TOTAL = "{year}: {amount} EUR in {grants} an {schools}"
#: (plural, singular) of the counts in PLAN_BBA_TOTAL, chosen by ``n == 1``.
PLAN_GRANTS = ("{n} Förderungen", "{n} Förderung")
PLAN_SCHOOLS = ("{n} Schulen", "{n} Schule")
