"""Referral lookup on the fixed network of ``tests/data/referral``: exact ranking, reasons, filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import graph.referral
from graph import Dataset, load_dataset
from graph.referral import ReferralError, ReferralIndex, build_referral_index, contact_card, refer
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"

# Reasons that recur below.
FRESH_SUED = "Angaben geprüft am 01.06.2026"
FRESH_SCHULWEG = "Angaben geprüft am 01.09.2026"
STALE_STADT = "Angaben zuletzt geprüft am 01.03.2025 – bitte vor Weitergabe prüfen"
ABSENT = "Thema Schulabsentismus"


@pytest.fixture(scope="module")
def referral_data() -> Dataset:
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    return dataset


@pytest.fixture(scope="module")
def index(referral_data: Dataset) -> ReferralIndex:
    return build_referral_index(referral_data)


def ranking(index: ReferralIndex, query: str, **options: Any) -> list[tuple[str, float, list[str]]]:
    result = refer(index, query, today=TODAY, **options)
    return [(o.id, o.score, list(o.reasons)) for o in result.offers]


# Scores: 0.6 x topic relevance + warm path (0.2 / 0.15 / 0.1 / 0.05) + 0.1 local + freshness (0.1 / 0.05).
SCHWAENZEN = [
    ("beratung-sued", 0.7, [ABSENT, "zuständig für Süd", FRESH_SUED]),
    ("projekt-schulweg", 0.7, [ABSENT, "zuständig für Silberhöhe", FRESH_SCHULWEG]),
    ("beratung-stadt", 0.65, [ABSENT, "stadtweit zuständig", STALE_STADT]),
]


@pytest.mark.parametrize(
    "query",
    ["schwänzt seit Wochen", "SCHWAENZEN", "Schulverweigerung", "Er fehlt ständig"],
    ids=["inflected", "umlaut-spelling", "synonym", "synonym-fehlt"],
)
def test_refer_synonyms_and_word_forms_rank_alike(index: ReferralIndex, query: str) -> None:
    # Equal scores are ordered by name; the AG § 78 (a committee) is never offered.
    assert ranking(index, query) == SCHWAENZEN


def test_refer_participle_and_typo(index: ReferralIndex) -> None:
    result = refer(index, "wurde gemobbt", today=TODAY)
    assert (result.topics, ranking(index, "wurde gemobbt")) == (
        ("mobbing",),
        [("mobbing-team", 0.7, ["Thema Mobbing und Konflikte", "zuständig für West", "Angaben geprüft am 01.02.2026"])],
    )
    # "Mobing" is a typo (0.8); "Klassenchat" half-matches Cybermobbing (0.486), which the Medienscouts offer.
    typo = refer(index, "Mobing im Klassenchat", today=TODAY)
    assert typo.topics == ("mobbing", "cybermobbing")
    assert ranking(index, "Mobing im Klassenchat") == [
        (
            "mobbing-team",
            round(0.6 * (0.8 + 0.25 * 0.486) + 0.1, 3),
            [
                "Thema Mobbing und Konflikte",
                "Thema Cybermobbing",
                "zuständig für West",
                "Angaben geprüft am 01.02.2026",
            ],
        ),
        (
            "medienscouts",
            round(0.6 * 0.486, 3),
            [
                "Thema Cybermobbing",
                "stadtweit zuständig",
                "Angaben zuletzt geprüft am 01.05.2024 – bitte vor Weitergabe prüfen",
            ],
        ),
    ]


def test_refer_second_level_topic_reaches_parent_offers_lower(index: ReferralIndex) -> None:
    parent = "Thema Schulabsentismus (übergeordnet zu Schulangst)"
    assert ranking(index, "Schulangst") == [
        ("beratung-stadt", 0.65, ["Thema Schulangst", parent, "stadtweit zuständig", STALE_STADT]),
        ("beratung-sued", round(0.6 * 0.6 + 0.1, 3), [parent, "zuständig für Süd", FRESH_SUED]),
        ("projekt-schulweg", 0.46, [parent, "zuständig für Silberhöhe", FRESH_SCHULWEG]),
    ]


def test_refer_language_filter(index: ReferralIndex) -> None:
    result = refer(index, "Probleme zu Hause", language="Arabisch", today=TODAY)
    # The Jugendamt lists no languages and counts as German only.
    assert result.excluded == (("language", 1),)
    assert ranking(index, "Probleme zu Hause", language="ar") == [
        ("beratung-sued", 0.7, ["Thema Familie und Erziehung", "zuständig für Süd", "spricht Arabisch", FRESH_SUED]),
        (
            "migrationsberatung",
            0.7,
            ["Thema Familie und Erziehung", "zuständig für West", "spricht Arabisch", "Angaben geprüft am 01.05.2026"],
        ),
    ]


def test_refer_age_filter(index: ReferralIndex) -> None:
    # Projekt Schulweg is for Sekundarstufe I (10–16 via its school level): excluded at 8.
    result = refer(index, "geschwänzt", age=8, today=TODAY)
    assert result.excluded == (("age", 1),)
    assert ranking(index, "geschwänzt", age=8) == [
        ("beratung-sued", 0.64, [ABSENT, "zuständig für Süd", "für 6–18 Jahre", FRESH_SUED]),
        ("beratung-stadt", 0.59, [ABSENT, "stadtweit zuständig", "für 6–19 Jahre", STALE_STADT]),
    ]


def test_refer_school_with_warm_paths(index: ReferralIndex) -> None:
    # The Grundschule sets district Silberhöhe and ages 6–10 (Primarstufe), which overlaps 10–16.
    result = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    assert result.context["district"] == "silberhoehe" and result.context["ages"] == [6, 10]
    assert [(o.id, o.path) for o in result.offers] == [
        ("projekt-schulweg", ("gs-silberhoehe", "projekt-schulweg")),
        ("beratung-sued", ("gs-silberhoehe", "traeger-x", "beratung-sued")),
        ("beratung-stadt", ("gs-silberhoehe", "traeger-x", "beratung-sued", "jugendamt", "ag78", "beratung-stadt")),
    ]
    assert ranking(index, "schwänzt", school="gs-silberhoehe") == [
        (
            "projekt-schulweg",
            1.0,
            [
                ABSENT,
                "zuständig für Silberhöhe",
                "für 10–16 Jahre",
                "bestehende Verbindung: Grundschule Silberhöhe → verweist an Projekt Schulweg",
                FRESH_SCHULWEG,
            ],
        ),
        (
            "beratung-sued",
            0.95,
            [
                ABSENT,
                "zuständig für Silberhöhe",
                "für 6–18 Jahre",
                "bestehende Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
                " → kooperiert mit Familienberatung Süd",
                FRESH_SUED,
            ],
        ),
        (
            "beratung-stadt",
            0.7,
            [
                ABSENT,
                "stadtweit zuständig",
                "für 6–19 Jahre",
                "bestehende Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
                " → kooperiert mit Familienberatung Süd → gefördert von Jugendamt Halle"
                " → Mitglied in AG § 78 Jugendhilfe-Schule → hat als Mitglied Schulpsychologische Beratung",
                STALE_STADT,
            ],
        ),
    ]


def test_refer_school_without_warm_path(index: ReferralIndex) -> None:
    result = refer(index, "Prüfungsangst", school="gym-altstadt", today=TODAY)
    assert result.excluded == (("district", 2),)
    assert [(o.id, o.score, list(o.reasons), o.path) for o in result.offers] == [
        (
            "beratung-stadt",
            0.65,
            [
                "Thema Schulangst",
                "Thema Schulabsentismus (übergeordnet zu Schulangst)",
                "stadtweit zuständig",
                "für 6–19 Jahre",
                "keine bestehende Verbindung zur Schule bekannt",
                STALE_STADT,
            ],
            None,
        )
    ]


def test_refer_path_uses_relations_active_on_date(index: ReferralIndex) -> None:
    # Schulsozialarbeit of Jugendhilfe Y at the Sekundarschule Südstadt ended on 2025-07-31.
    before = refer(index, "Praktikum", school="sek-suedstadt", as_of=dt.date(2025, 1, 1), today=TODAY)
    after = refer(index, "Praktikum", school="sek-suedstadt", today=TODAY)
    assert [o.path for o in before.offers] == [("sek-suedstadt", "jugendhilfe-y")]
    assert [o.path for o in after.offers] == [None]


def test_build_referral_index_lists_candidates_per_topic(referral_data: Dataset) -> None:
    index = build_referral_index(referral_data)
    ids = list(referral_data.actors)
    offering = {topic: [ids[p] for p in positions] for topic, positions in index.offering.items()}
    # Schools and committees (gs-*, ag78) never appear; order is the data set's order.
    assert offering["schulabsentismus"] == ["beratung-sued", "beratung-stadt", "projekt-schulweg"]
    assert offering["cybermobbing"] == ["mobbing-team", "medienscouts"]
    assert offering["familie"] == ["beratung-sued", "migrationsberatung", "jugendamt"]


def test_refer_paths_from_a_cached_tree_are_the_same(referral_data: Dataset) -> None:
    index = build_referral_index(referral_data)
    first = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    assert list(index.trees) == [("gs-silberhoehe", TODAY)]
    again = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    other = refer(index, "Praktikum", school="gs-silberhoehe", today=TODAY)  # another need, same tree
    assert again == first and list(index.trees) == [("gs-silberhoehe", TODAY)]
    assert other == refer(build_referral_index(referral_data), "Praktikum", school="gs-silberhoehe", today=TODAY)
    assert [o.path for o in first.offers][1] == ("gs-silberhoehe", "traeger-x", "beratung-sued")


def test_referral_index_keeps_the_newest_trees(referral_data: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph.referral.paths, "TREE_CACHE", 2)
    index = build_referral_index(referral_data)
    days = [dt.date(2025, 1, 1), dt.date(2025, 6, 1), TODAY]
    found = [refer(index, "Praktikum", school="sek-suedstadt", as_of=day, today=TODAY) for day in days]
    assert list(index.trees) == [("sek-suedstadt", days[1]), ("sek-suedstadt", TODAY)]
    assert [o.path for o in found[0].offers] == [("sek-suedstadt", "jugendhilfe-y")]
    assert [o.path for o in found[2].offers] == [None]


def test_refer_audience_filter(index: ReferralIndex) -> None:
    result = refer(index, "Erziehungsfragen", audience="lehrkraefte", today=TODAY)
    # Two offers name only parents and pupils; the Jugendamt names no audience and stays open to all.
    assert result.excluded == (("audience", 2),)
    assert ranking(index, "Erziehungsfragen", audience="lehrkraefte") == [
        (
            "jugendamt",
            0.7,
            ["Thema Familie und Erziehung", "stadtweit zuständig", "für Lehrkräfte", "Angaben geprüft am 15.01.2026"],
        )
    ]


def test_refer_no_topic_is_explained(index: ReferralIndex) -> None:
    result = refer(index, "Kaffeemaschine kaputt", today=TODAY)
    assert (result.topics, result.offers, result.excluded, result.widened) == ((), (), (), False)
    assert result.message == (
        "Zu „Kaffeemaschine kaputt“ wurde kein Thema erkannt. "
        "Versuchen Sie ein Thema wie Schulabsentismus, Mobbing und Konflikte, Sucht, Familie und Erziehung."
    )


def test_refer_widens_to_whole_city_when_district_excludes_all(index: ReferralIndex) -> None:
    result = refer(index, "Mobbing", district="silberhoehe", today=TODAY)
    assert (result.widened, result.excluded) == (True, (("district", 1),))
    assert result.message == (
        "Im Stadtteil Silberhöhe passt kein Angebot (Stadtteil schließt 1 aus). "
        "Gezeigt werden deshalb Angebote aus der ganzen Stadt, ohne den Filter Stadtteil."
    )
    assert ranking(index, "Mobbing", district="silberhoehe") == [
        (
            "mobbing-team",
            0.7,
            [
                "Thema Mobbing und Konflikte",
                "zuständig für West (nicht für Silberhöhe)",
                "Angaben geprüft am 01.02.2026",
            ],
        )
    ]


def test_refer_no_widening_past_other_filters(index: ReferralIndex) -> None:
    result = refer(index, "Vater trinkt", language="ar", today=TODAY)
    assert (result.topics, result.offers, result.excluded, result.widened) == (
        ("sucht",),
        (),
        (("language", 1),),
        False,
    )
    assert result.message == "Kein Angebot erfüllt alle Filter (Sprache schließt 1 aus). Lockern Sie einen der Filter."


def test_refer_district_keeps_local_and_citywide(index: ReferralIndex) -> None:
    # Silberhöhe lies in Stadtbezirk Süd: the Familienberatung (service area Süd) is local, earns 0.1.
    assert [(o.id, o.score) for o in refer(index, "schwänzen", district="Silberhöhe", today=TODAY).offers] == [
        ("beratung-sued", 0.8),
        ("projekt-schulweg", 0.8),
        ("beratung-stadt", 0.65),
    ]


def test_refer_school_level(index: ReferralIndex) -> None:
    result = refer(index, "Fehlzeiten", school_level="sek2", today=TODAY)
    # Sekundarstufe II (16–19) touches Projekt Schulweg's Sekundarstufe I (10–16) at 16: ranges overlap inclusively.
    assert result.context["ages"] == [16, 19]
    assert [o.id for o in result.offers] == ["beratung-sued", "projekt-schulweg", "beratung-stadt"]


@pytest.mark.parametrize("audience", ["lehrkraefte", "Lehrkräfte", "Lehrer"])
def test_refer_filter_accepts_id_label_or_synonym(index: ReferralIndex, audience: str) -> None:
    assert refer(index, "Erziehungsfragen", audience=audience, today=TODAY).context["audience"] == "lehrkraefte"


def test_refer_accepts_dataset(referral_data: Dataset) -> None:
    assert [o.id for o in refer(referral_data, "Vater trinkt", today=TODAY).offers] == ["suchtberatung"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"school": "gs-silberhoe"}, "Schule 'gs-silberhoe' ist unbekannt. Meinten Sie 'gs-silberhoehe'?"),
        ({"school": "traeger-x"}, "Schule 'traeger-x' ist unbekannt."),
        ({"district": "silberhohe"}, "Stadtteil 'silberhohe' ist unbekannt. Meinten Sie 'silberhoehe'?"),
        ({"language": "Arabic"}, "Sprache 'Arabic' ist unbekannt. Meinten Sie 'ar'?"),
        ({"audience": "Hausmeister"}, "Zielgruppe 'Hausmeister' ist unbekannt."),
        ({"school_level": "sek3"}, "Schulstufe 'sek3' ist unbekannt. Meinten Sie 'sek2'?"),
    ],
)
def test_refer_unknown_ids_raise_german_error(index: ReferralIndex, options: dict[str, str], message: str) -> None:
    with pytest.raises(ReferralError) as info:
        refer(index, "schwänzen", **options)
    assert str(info.value) == message


def test_contact_card_fields(referral_data: Dataset) -> None:
    assert contact_card(referral_data.actors["beratung-sued"]) == {
        "role": "Sekretariat",
        "phone": "0345 200 00 01",
        "email": "info@familienberatung-sued.example.org",
        "web": None,
        "address": "Südweg 5, 06130 Halle (Saale)",
        "access": "Telefonisch Termin vereinbaren; offene Sprechstunde dienstags 14–16 Uhr",
        "verified": "2026-06-01",
        "demo": True,
    }


def test_result_to_dict_shape(index: ReferralIndex) -> None:
    payload = refer(index, "Vater trinkt", today=TODAY).to_dict()
    assert list(payload) == ["topics", "results", "excluded", "widened", "message"]
    assert payload["topics"] == ["sucht"]
    assert list(payload["results"][0]) == ["id", "name", "kind", "score", "reasons", "topics", "path", "contact"]
    assert payload["results"][0]["path"] is None
