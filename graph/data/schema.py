"""The data model as one declarative table: fields, types, vocabularies, German docs.

Validation, the documentation test and (later) the editor JSON Schema all read
these tables, so a field exists in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ACTOR_FIELDS",
    "AREA",
    "CITYWIDE",
    "META_FIELDS",
    "RELATION_FIELDS",
    "SLUG_PATTERN",
    "VOCABULARY_LISTS",
    "Field",
    "field_paths",
    "internal_paths",
]

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: Special ``service_area`` term: the whole city.
CITYWIDE = "stadtweit"
#: Pseudo vocabulary for ``service_area``: districts, Stadtbezirke, Sozialräume or ``stadtweit``.
AREA = "@area"


@dataclass(frozen=True)
class Field:
    """One field of an entry.

    Attributes
    ----------
    name : str
        Key in the YAML mapping.
    kind : str
        ``str``, ``slug``, ``int``, ``number``, ``date``, ``bool``, ``list`` or ``mapping``.
    doc : str
        German explanation for editors.
    required : bool
        Whether the key must be present.
    vocab : str, optional
        Vocabulary list whose ids are allowed (for ``slug`` values or list items);
        ``"@actor"`` for actor ids, :data:`AREA` for service areas.
    item : str, optional
        Kind of list items (``str`` or ``slug``).
    fields : tuple of Field
        Sub-fields of a ``mapping``.
    minimum, maximum : int, optional
        Bounds for ``int`` values.
    vocab_optional : bool
        The values are checked against ``vocab`` only when the vocabulary has that list at all: data sets
        from before the list existed keep their free text (``legal_basis`` before ``legal_bases``).
    internal : bool
        Internal to the Netzwerkstelle (e.g. ``notes`` about a partner): shown to staff in the app,
        never written into anything meant for the public (the handout).
    max_length : int
        Longest text allowed (characters), for ``str`` values and list items: a 10,000-character
        name is a pasting accident, and it would break every table and map label.
    """

    name: str
    kind: str
    doc: str
    required: bool = False
    vocab: str | None = None
    item: str | None = None
    fields: tuple[Field, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 500
    internal: bool = False
    vocab_optional: bool = False


def _f(name: str, kind: str, doc: str, **options: object) -> Field:
    return Field(name, kind, doc, **options)  # type: ignore[arg-type]


_PROVENANCE = _f("provenance", "str", "Öffentliche Quelle (URL) der Angaben oder genau 'demo' für erfundene Einträge.")
_VERIFIED = _f(
    "verified",
    "date",
    "Datum, an dem eine Person die Angaben mit der Organisation bestätigt hat (JJJJ-MM-TT); "
    "nicht das Datum der Quelle.",
)
_SOURCE_DATE = _f(
    "source_date",
    "date",
    "Stand der Quelle (JJJJ-MM-TT): Datum der Seite oder des Artikels in provenance, sonst der Tag des Abrufs.",
)
_NOTES = _f(
    "notes", "str", "Interne Bemerkungen (erscheinen nie in öffentlichen Ausgaben).", max_length=5000, internal=True
)

ACTOR_FIELDS: tuple[Field, ...] = (
    _f("id", "slug", "Dauerhafte Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen.", required=True),
    _f("name", "str", "Name der Organisation oder des Angebots.", required=True, max_length=200),
    _f("kind", "slug", "Art des Akteurs.", required=True, vocab="actor_kinds"),
    _f("subtype", "str", "Unterart; bei Schulen die Schulform aus school_types."),
    _f("district", "slug", "Statistischer Stadtteil oder Stadtviertel, in dem der Akteur sitzt.", vocab="districts"),
    _f(
        "stadtteil",
        "slug",
        "Stadtteil (eine der 22), wenn der genaue statistische Stadtteil nicht bekannt ist, z. B. neustadt.",
        vocab="stadtteile",
    ),
    _f(
        "address",
        "mapping",
        "Postanschrift.",
        fields=(
            _f("street", "str", "Straße und Hausnummer."),
            _f("postcode", "str", 'Postleitzahl, immer in Anführungszeichen: "06114".'),
            _f("city", "str", "Ort, z. B. Halle (Saale)."),
        ),
    ),
    _f("topics", "list", "Themen, zu denen der Akteur etwas anbietet.", item="slug", vocab="topics"),
    _f(
        "target_groups",
        "mapping",
        "Zielgruppen des Angebots.",
        fields=(
            _f("audiences", "list", "Wer angesprochen wird.", item="slug", vocab="audiences"),
            _f("age_min", "int", "Mindestalter in Jahren.", minimum=0, maximum=99),
            _f("age_max", "int", "Höchstalter in Jahren.", minimum=0, maximum=99),
            _f("school_levels", "list", "Schulstufen.", item="slug", vocab="school_levels"),
        ),
    ),
    _f("languages", "list", "Sprachen, in denen beraten wird (ISO-639-1-Kürzel).", item="slug", vocab="languages"),
    _f(
        "contact",
        "mapping",
        "Dienstlicher Kontakt; eine Funktion, nie der Name einer Privatperson.",
        fields=(
            _f("role", "str", "Funktion der Kontaktstelle, z. B. Sekretariat."),
            _f("phone", "str", "Telefonnummer, in Anführungszeichen."),
            _f("email", "str", "Dienstliche E-Mail-Adresse."),
            _f("web", "str", "Webseite (https://…)."),
        ),
    ),
    _f("access", "str", "Wie man Hilfe bekommt: Telefon, offene Sprechstunde, über die Schule …", max_length=2000),
    _f(
        "legal_basis",
        "list",
        "Rechtsgrundlagen als Kennungen aus legal_bases, z. B. sgb-viii-13a.",
        item="slug",
        vocab="legal_bases",
        vocab_optional=True,
    ),
    _f(
        "service_area",
        "list",
        "Zuständigkeitsgebiet: Stadtteile, Stadtbezirke, Sozialräume oder 'stadtweit'.",
        item="slug",
        vocab=AREA,
    ),
    _f("parent", "slug", "Organisation, zu der der Akteur gehört (Kennung eines Akteurs).", vocab="@actor"),
    _f(
        "referable",
        "bool",
        "Vermittelbares Angebot (true/false): Familien oder Schulen können sich direkt hierhin wenden. "
        "Ohne Angabe gilt true für Träger, Beratungsstellen und Bildungsanbieter, false für Behörden und Projekte.",
    ),
    _f(
        "crisis",
        "list",
        "Krisendienst: bei welchen akuten Krisen dieser Dienst zuerst genannt wird (Kennungen aus crisis_kinds).",
        item="slug",
        vocab="crisis_kinds",
    ),
    _f("hours", "str", "Erreichbarkeit, z. B. 'rund um die Uhr' oder 'Mo–Fr 8–18 Uhr'.", max_length=300),
    _PROVENANCE,
    _SOURCE_DATE,
    _VERIFIED,
    _NOTES,
)

RELATION_FIELDS: tuple[Field, ...] = (
    _f("id", "slug", "Kennung der Beziehung (optional, wird sonst erzeugt)."),
    _f("source", "slug", "Kennung des Ausgangsakteurs.", required=True, vocab="@actor"),
    _f("target", "slug", "Kennung des Zielakteurs.", required=True, vocab="@actor"),
    _f("type", "slug", "Art der Beziehung.", required=True, vocab="relation_types"),
    _f("since", "date", "Beginn (JJJJ-MM-TT)."),
    _f("until", "date", "Ende (JJJJ-MM-TT), einschließlich."),
    _f("topics", "list", "Themen der Zusammenarbeit.", item="slug", vocab="topics"),
    _f("strength", "int", "Stärke: 1 gelegentlich, 2 regelmäßig, 3 vertraglich.", minimum=1, maximum=3),
    _f(
        "fte",
        "number",
        "Stellenumfang der Schulsozialarbeit in Vollzeitäquivalenten (VZÄ), größer als 0 und höchstens 3, z. B. 0.5.",
    ),
    _f(
        "funding",
        "mapping",
        "Förderung: Programm und Betrag.",
        fields=(
            _f("programme", "slug", "Förderprogramm.", vocab="funding_programmes"),
            _f("amount", "number", "Betrag in Euro pro Jahr."),
        ),
    ),
    _PROVENANCE,
    _SOURCE_DATE,
    _VERIFIED,
    _NOTES,
)

_ID = _f("id", "slug", "Kennung des Begriffs.", required=True)
_LABEL = _f("label", "str", "Deutsche Bezeichnung.", required=True, max_length=200)
_DESCRIPTION = _f("description", "str", "Kurze Erklärung.", max_length=5000)
_VOCAB_NOTES = _f(
    "notes", "str", "Interne Bemerkungen (erscheinen nie in öffentlichen Ausgaben).", max_length=5000, internal=True
)
_VOCAB_PROVENANCE = _f("provenance", "str", "Quelle der Angabe oder 'demo'.")
_KINDS_LIST = {"item": "slug", "vocab": "actor_kinds"}

#: Lists of ``data/vocabulary.yaml``: list name -> (German title, entry fields).
VOCABULARY_LISTS: dict[str, tuple[str, tuple[Field, ...]]] = {
    "actor_kinds": ("Arten von Akteuren", (_ID, _LABEL, _DESCRIPTION, _VOCAB_NOTES)),
    "school_levels": (
        "Schulstufen",
        (
            _ID,
            _LABEL,
            _f("age_min", "int", "Typisches Mindestalter.", minimum=0, maximum=99),
            _f("age_max", "int", "Typisches Höchstalter.", minimum=0, maximum=99),
            _DESCRIPTION,
            _VOCAB_NOTES,
        ),
    ),
    "school_types": (
        "Schulformen",
        (
            _ID,
            _LABEL,
            _f("levels", "list", "Schulstufen der Schulform.", item="slug", vocab="school_levels"),
            _DESCRIPTION,
            _VOCAB_NOTES,
        ),
    ),
    "stadtbezirke": ("Stadtbezirke", (_ID, _LABEL, _DESCRIPTION, _VOCAB_PROVENANCE, _VOCAB_NOTES)),
    "stadtteile": (
        "Stadtteile (22)",
        (
            _ID,
            _LABEL,
            _f(
                "stadtbezirk",
                "slug",
                "Stadtbezirk des Stadtteils; leer, wenn der Stadtteil in mehreren Stadtbezirken liegt (Halle).",
                vocab="stadtbezirke",
            ),
            _DESCRIPTION,
            _VOCAB_PROVENANCE,
            _VOCAB_NOTES,
        ),
    ),
    "sozialraeume": ("Sozialräume", (_ID, _LABEL, _DESCRIPTION, _VOCAB_PROVENANCE, _VOCAB_NOTES)),
    "districts": (
        "Statistische Stadtteile und Stadtviertel",
        (
            _ID,
            _LABEL,
            _f("stadtbezirk", "slug", "Stadtbezirk des Stadtteils.", vocab="stadtbezirke"),
            _f("stadtteil", "slug", "Stadtteil (eine der 22), zu dem das Stadtviertel gehört.", vocab="stadtteile"),
            _f("sozialraum", "slug", "Sozialraum des Stadtteils.", vocab="sozialraeume"),
            _DESCRIPTION,
            _VOCAB_PROVENANCE,
            _VOCAB_NOTES,
        ),
    ),
    "topics": (
        "Themen",
        (
            _ID,
            _LABEL,
            _DESCRIPTION,
            _f("synonyms", "list", "Suchwörter, die zu diesem Thema führen.", item="str"),
            _f("parent", "slug", "Übergeordnetes Thema.", vocab="topics"),
            _f("core", "bool", "Kernthema, das jede Schule erreichen sollte (true/false)."),
            _f(
                "not_near",
                "list",
                "Wörter, die ein einzelnes Suchwort dieses Themas aufheben, wenn sie direkt daneben stehen "
                "(z. B. 'Geld' bei 'fehlt': „Es fehlt Geld“ ist kein Schulabsentismus).",
                item="str",
            ),
            _f(
                "topics",
                "list",
                "Themen, die neben diesem erkannt bleiben, auch wenn ihr Suchwort in einer Wendung dieses Themas "
                "steckt („Vater trinkt“: Kinder suchtkranker Eltern und Sucht).",
                item="slug",
                vocab="topics",
            ),
            _VOCAB_NOTES,
        ),
    ),
    "idioms": (
        "Redewendungen ohne Anliegen",
        (
            _ID,
            _LABEL,
            _f("synonyms", "list", "Weitere Wendungen derselben Art.", item="str"),
            _DESCRIPTION,
            _VOCAB_NOTES,
        ),
    ),
    "crisis_kinds": (
        "Akute Krisen",
        (
            _ID,
            _LABEL,
            _DESCRIPTION,
            _f("synonyms", "list", "Wendungen, an denen die Krise erkannt wird.", item="str"),
            _f(
                "not_near",
                "list",
                "Wörter, die eine Wendung aufheben, wenn sie direkt daneben stehen (z. B. 'Fortbildung', 'Prävention').",
                item="str",
            ),
            _f("topics", "list", "Themen, zu denen danach Angebote gesucht werden.", item="slug", vocab="topics"),
            _f("step", "str", "Was die anrufende Einrichtung jetzt tun muss.", max_length=2000),
            _VOCAB_PROVENANCE,
            _VOCAB_NOTES,
        ),
    ),
    "audiences": (
        "Zielgruppen",
        (_ID, _LABEL, _DESCRIPTION, _f("synonyms", "list", "Suchwörter.", item="str"), _VOCAB_NOTES),
    ),
    "languages": ("Sprachen", (_ID, _LABEL, _VOCAB_NOTES)),
    "relation_types": (
        "Beziehungsarten",
        (
            _ID,
            _LABEL,
            _f("label_reverse", "str", "Bezeichnung aus Sicht des Ziels."),
            _f("directed", "bool", "Gerichtet (true) oder wechselseitig (false).", required=True),
            _f("source_kinds", "list", "Erlaubte Arten am Ausgangspunkt.", **_KINDS_LIST),
            _f("target_kinds", "list", "Erlaubte Arten am Ziel.", **_KINDS_LIST),
            _DESCRIPTION,
            _VOCAB_NOTES,
        ),
    ),
    "funding_programmes": (
        "Förderprogramme",
        (
            _ID,
            _LABEL,
            _DESCRIPTION,
            _f(
                "cap",
                "number",
                "Obergrenze der Förderung je Schule und Schuljahr in Euro, falls das Programm eine hat (z. B. bei BbA); "
                "leer lassen, solange keine Quelle sie nennt.",
            ),
            _VOCAB_PROVENANCE,
            _VOCAB_NOTES,
        ),
    ),
    "legal_bases": (
        "Rechtsgrundlagen",
        (
            _ID,
            _f("label", "str", "Kurzer deutscher Titel, z. B. Schulsozialarbeit.", required=True, max_length=200),
            _f("law", "str", "Gesetz, z. B. SGB VIII oder SchulG LSA.", required=True, max_length=100),
            _f("paragraph", "str", "Paragraf, z. B. § 13a.", max_length=50),
            _f(
                "description",
                "str",
                "Was die Rechtsgrundlage für Familien, Schulen und Fachkräfte bedeutet.",
                max_length=5000,
            ),
            _VOCAB_PROVENANCE,
            _VOCAB_NOTES,
        ),
    ),
}


#: Fields of the optional ``meta.yaml``: facts about the data set as a whole.
META_FIELDS: tuple[Field, ...] = (
    _f(
        "reference_date",
        "date",
        "Stichtag der Daten (JJJJ-MM-TT): an diesem Tag gelten Aktualität, laufende Beziehungen und Fristen als "
        "„heute“, solange NETZWERKKARTE_TODAY nicht gesetzt ist. Ohne Angabe gilt das heutige Datum.",
    ),
)


def internal_paths(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    """Paths of the fields marked internal.

    Parameters
    ----------
    fields : tuple of Field
        A field table such as :data:`ACTOR_FIELDS`; sub-fields of mappings are searched too.
    prefix : str, optional
        Put before every path (used for sub-fields: ``"contact."``); default ``""``.

    Returns
    -------
    list of str
        Dotted paths of every field with ``internal=True``, in table order.

    Examples
    --------
    >>> internal_paths(ACTOR_FIELDS), internal_paths(RELATION_FIELDS)
    (['notes'], ['notes'])
    """
    paths: list[str] = []
    for field in fields:
        if field.internal:
            paths.append(prefix + field.name)
        paths.extend(internal_paths(field.fields, prefix + field.name + "."))
    return paths


def field_paths(fields: tuple[Field, ...], prefix: str = "") -> list[str]:
    """Return every field name, sub-fields as ``parent.child``.

    Parameters
    ----------
    fields : tuple of Field
        A field table such as :data:`RELATION_FIELDS`.
    prefix : str, optional
        Put before every path (used for sub-fields: ``"funding."``); default ``""``.

    Returns
    -------
    list of str
        Every path in table order, each mapping followed by its sub-fields.

    Examples
    --------
    >>> field_paths(RELATION_FIELDS)[-5:]
    ['funding.amount', 'provenance', 'source_date', 'verified', 'notes']
    """
    paths: list[str] = []
    for field in fields:
        paths.append(prefix + field.name)
        paths.extend(field_paths(field.fields, prefix + field.name + "."))
    return paths
