"""Referral lookup on the fixed network of ``tests/data/referral``: crisis first, exact ranking, reasons, filters."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest

from graph import Dataset, load_dataset
from graph.referral import (
    CrisisService,
    CrisisStep,
    Evidence,
    PathStep,
    ReferralError,
    ReferralIndex,
    ReferralResult,
    build_referral_index,
    contact_card,
    is_offer,
    path_chain,
    refer,
)
from graph.referral.ranking import PHONE_BONUS, RECENCY, RELATION_WARMTH
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"

# Reasons that recur below.
FRESH_SUED = "Angaben geprüft am 01.06.2026"
FRESH_SCHULWEG = "Angaben geprüft am 01.09.2026"
STALE_STADT = "Angaben zuletzt geprüft am 01.03.2025 – bitte vor Weitergabe prüfen"
ABSENT = "Thema Schulabsentismus"
PHONE = "telefonisch erreichbar"
PSYCH = "Thema Psychische Gesundheit und Krisen"
FAMILY = "Thema Familie und Erziehung"

# The crisis services of the test network: 110 and the Krisendienst are open around the clock and
# come first (in data order), the Seelsorgetelefon (weekdays only) follows.
NOTRUF = CrisisService("notruf", "Notruf 110", "110", "rund um die Uhr", None, "Hilfe bei: Suizidgefahr", ("suizid",))
KRISENDIENST = CrisisService(
    "krisendienst",
    "Krisendienst Halle",
    "030 23125 002",
    "rund um die Uhr",
    None,
    "Hilfe bei: Suizidgefahr",
    ("suizid",),
)
SEELSORGE = CrisisService(
    "seelsorge", "Seelsorgetelefon", "030 23125 001", "Mo–Fr 9–17 Uhr", None, "Hilfe bei: Suizidgefahr", ("suizid",)
)
SUIZID_STEP = CrisisStep("suizid", "Suizidgefahr", "Nicht allein lassen, 112 anrufen.")


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


# Scores: 0.6 x topic relevance + warm path + 0.1 local + 0.05 phone + freshness (0.1 / 0.05).
# Familienberatung Süd: 0.6 + 0.05 + 0.1; Projekt Schulweg (no phone): 0.6 + 0.1;
# Schulpsychologische Beratung (checked 637 days ago): 0.6 + 0.05 + 0.05.
SCHWAENZEN = [
    ("beratung-sued", 0.75, [ABSENT, "zuständig für Süd", PHONE, FRESH_SUED]),
    ("projekt-schulweg", 0.7, [ABSENT, "zuständig für Silberhöhe", FRESH_SCHULWEG]),
    ("beratung-stadt", 0.7, [ABSENT, "stadtweit zuständig", PHONE, STALE_STADT]),
]


@pytest.mark.parametrize(
    "query",
    ["schwänzt seit Wochen", "SCHWAENZEN", "hat geschwänzt", "Schulverweigerung", "Er fehlt ständig"],
    ids=["inflected", "umlaut-spelling", "participle", "synonym", "synonym-fehlt"],
)
def test_refer_synonyms_and_word_forms_rank_alike(index: ReferralIndex, query: str) -> None:
    # Equal scores are ordered by name; the pilot project (not referable) and the AG § 78 (a committee)
    # offer Schulabsentismus too but are never offered.
    assert ranking(index, query) == SCHWAENZEN


def test_refer_participle_and_typo(index: ReferralIndex) -> None:
    result = refer(index, "wurde gemobbt", today=TODAY)
    assert (result.topics, ranking(index, "wurde gemobbt")) == (
        ("mobbing",),
        [
            (
                "mobbing-team",
                0.75,
                ["Thema Mobbing und Konflikte", "zuständig für West", PHONE, "Angaben geprüft am 01.02.2026"],
            )
        ],
    )
    # "Cybermobbnig" is a typo (0.8), "Schulmobbing" a compound (0.6): relevance 0.8 + 0.25 x 0.6.
    typo = refer(index, "Schulmobbing, Cybermobbnig", today=TODAY)
    assert [(m.owner, m.score) for m in typo.matches] == [("cybermobbing", 0.8), ("mobbing", 0.6)]
    assert typo.topics == ("cybermobbing", "mobbing")
    assert ranking(index, "Schulmobbing, Cybermobbnig") == [
        (
            "mobbing-team",
            round(0.6 * (0.8 + 0.25 * 0.6) + 0.05 + 0.1, 3),
            [
                "Thema Cybermobbing",
                "Thema Mobbing und Konflikte",
                "zuständig für West",
                PHONE,
                "Angaben geprüft am 01.02.2026",
            ],
        ),
        (
            "medienscouts",
            round(0.6 * 0.8, 3),
            [
                "Thema Cybermobbing",
                "stadtweit zuständig",
                "Angaben zuletzt geprüft am 01.05.2024 – bitte vor Weitergabe prüfen",
            ],
        ),
    ]


def test_refer_second_level_topic_reaches_parent_offers_lower(index: ReferralIndex) -> None:
    # The pilot project offers Schulangst too, but a pilot is no offer.
    parent = "Thema Schulabsentismus (übergeordnet zu Schulangst)"
    assert ranking(index, "Schulangst") == [
        ("beratung-stadt", 0.7, ["Thema Schulangst", parent, "stadtweit zuständig", PHONE, STALE_STADT]),
        ("beratung-sued", round(0.6 * 0.6 + 0.05 + 0.1, 3), [parent, "zuständig für Süd", PHONE, FRESH_SUED]),
        ("projekt-schulweg", round(0.6 * 0.6 + 0.1, 3), [parent, "zuständig für Silberhöhe", FRESH_SCHULWEG]),
    ]


def test_refer_language_filter(index: ReferralIndex) -> None:
    result = refer(index, "schwänzt", language="Arabisch", today=TODAY)
    # Projekt Schulweg lists no languages and counts as German only, like the Schulpsychologische Beratung (de).
    assert result.excluded == (("language", 2),)
    assert ranking(index, "schwänzt", language="ar") == [
        ("beratung-sued", 0.75, [ABSENT, "zuständig für Süd", "spricht Arabisch", PHONE, FRESH_SUED]),
    ]
    assert ranking(index, "Probleme zu Hause", language="ar") == [
        ("beratung-sued", 0.75, [FAMILY, "zuständig für Süd", "spricht Arabisch", PHONE, FRESH_SUED]),
        (
            "migrationsberatung",
            0.75,
            [FAMILY, "zuständig für West", "spricht Arabisch", PHONE, "Angaben geprüft am 01.05.2026"],
        ),
    ]


def test_refer_age_filter(index: ReferralIndex) -> None:
    # Projekt Schulweg is for Sekundarstufe I (10–16 via its school level): excluded at 8.
    result = refer(index, "geschwänzt", age=8, today=TODAY)
    assert result.excluded == (("age", 1),)
    assert ranking(index, "geschwänzt", age=8) == [
        ("beratung-sued", 0.75, [ABSENT, "zuständig für Süd", "für 6–18 Jahre", PHONE, FRESH_SUED]),
        ("beratung-stadt", 0.7, [ABSENT, "stadtweit zuständig", "für 6–19 Jahre", PHONE, STALE_STADT]),
    ]


def test_refer_school_with_warm_paths(index: ReferralIndex) -> None:
    # The Grundschule sets district Silberhöhe and ages 6–10 (Primarstufe), which overlaps 10–16.
    result = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    assert result.context["district"] == "silberhoehe" and result.context["ages"] == [6, 10]
    assert [(o.id, o.path) for o in result.offers] == [
        ("beratung-sued", ("gs-silberhoehe", "traeger-x", "beratung-sued")),
        ("projekt-schulweg", ("gs-silberhoehe", "projekt-schulweg")),
        ("beratung-stadt", ("gs-silberhoehe", "traeger-x", "beratung-sued", "jugendamt", "ag78", "beratung-stadt")),
    ]
    # No test relation carries ``verified``: every path counts as old (0.7).
    # Familienberatung: 2 hops of Schulsozialarbeit and Kooperation (warmth 1.0): 0.15 x 0.7, plus local, phone, fresh.
    # Projekt Schulweg: 1 hop "verweist" (1.0): 0.2 x 0.7, local, fresh, no phone.
    # Schulpsychologische Beratung: 5 hops, the weakest is "Mitglied" (0.4): 0.05 x 0.4 x 0.7; citywide, phone, stale.
    assert ranking(index, "schwänzt", school="gs-silberhoehe") == [
        (
            "beratung-sued",
            round(0.6 + 0.15 * 0.7 + 0.1 + 0.05 + 0.1, 3),
            [
                ABSENT,
                "zuständig für Silberhöhe",
                "für 6–18 Jahre",
                "erfundene Demo-Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
                " → kooperiert mit Familienberatung Süd",
                PHONE,
                FRESH_SUED,
            ],
        ),
        (
            "projekt-schulweg",
            round(0.6 + 0.2 * 0.7 + 0.1 + 0.1, 3),
            [
                ABSENT,
                "zuständig für Silberhöhe",
                "für 10–16 Jahre",
                "erfundene Demo-Verbindung: Grundschule Silberhöhe → verweist an Projekt Schulweg",
                FRESH_SCHULWEG,
            ],
        ),
        (
            "beratung-stadt",
            round(0.6 + 0.05 * 0.4 * 0.7 + 0.05 + 0.05, 3),
            [
                ABSENT,
                "stadtweit zuständig",
                "für 6–19 Jahre",
                "erfundene Demo-Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
                " → kooperiert mit Familienberatung Süd → gefördert von Jugendamt Halle"
                " → Mitglied in AG § 78 Jugendhilfe-Schule → hat als Mitglied Schulpsychologische Beratung",
                PHONE,
                STALE_STADT,
            ],
        ),
    ]
    assert [(o.score, o.demo_path) for o in result.offers] == [(0.955, True), (0.94, True), (0.714, True)]
    sued = result.offers[0]
    assert sued.steps == (
        PathStep(
            "gs-silberhoehe",
            "Grundschule Silberhöhe",
            "ssa-gs",
            "schulsozialarbeit",
            "Schulsozialarbeit durch",
            "traeger-x",
            "Träger X",
            True,
        ),
        PathStep(
            "traeger-x", "Träger X", "koop-x-sued", "kooperation", "kooperiert mit", "beratung-sued",
            "Familienberatung Süd", True,
        ),
    )  # fmt: skip
    assert sued.path_text() == sued.reasons[3] == "erfundene Demo-Verbindung: " + path_chain(sued.steps)
    assert sued.path_at == 3 and sued.other_reasons() == sued.reasons[:3] + sued.reasons[4:]
    assert path_chain(sued.steps, str.upper) == (
        "GRUNDSCHULE SILBERHÖHE → SCHULSOZIALARBEIT DURCH TRÄGER X → KOOPERIERT MIT FAMILIENBERATUNG SÜD"
    )
    assert sued.to_dict()["path_steps"] == [
        {
            "source": "gs-silberhoehe",
            "source_name": "Grundschule Silberhöhe",
            "relation": "ssa-gs",
            "relation_type": "schulsozialarbeit",
            "relation_label": "Schulsozialarbeit durch",
            "target": "traeger-x",
            "target_name": "Träger X",
            "demo": True,
        },
        {
            "source": "traeger-x",
            "source_name": "Träger X",
            "relation": "koop-x-sued",
            "relation_type": "kooperation",
            "relation_label": "kooperiert mit",
            "target": "beratung-sued",
            "target_name": "Familienberatung Süd",
            "demo": True,
        },
    ]


def test_warm_path_weighted_by_recency_and_source(referral_data: Dataset) -> None:
    # Confirmed relations from a public source: "bestehende Verbindung" and the recency factor of the oldest step.
    assert RECENCY == ((365, 1.0), (730, 0.85))
    assert (RELATION_WARMTH["verweist"], RELATION_WARMTH["kooperation"], RELATION_WARMTH["mitglied"]) == (1.0, 1.0, 0.4)
    source = "https://example.org/kooperationen"
    confirmed = {
        "ssa-gs": dt.date(2026, 3, 1),  # 272 days: 1.0
        "koop-x-sued": dt.date(2026, 9, 1),  # 88 days: 1.0
        "verweis-gs-schulweg": dt.date(2025, 6, 1),  # 545 days: 0.85
    }
    relations = tuple(
        replace(r, verified=confirmed[r.id], provenance=source) if r.id in confirmed else r
        for r in referral_data.relations
    )
    index = build_referral_index(replace(referral_data, relations=relations))
    result = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    assert [(o.id, o.score, o.path_text(), o.demo_path) for o in result.offers] == [
        (
            "beratung-sued",
            round(0.6 + 0.15 + 0.1 + 0.05 + 0.1, 3),
            "bestehende Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
            " → kooperiert mit Familienberatung Süd",
            False,
        ),
        (
            "projekt-schulweg",
            round(0.6 + 0.2 * 0.85 + 0.1 + 0.1, 3),
            "bestehende Verbindung: Grundschule Silberhöhe → verweist an Projekt Schulweg",
            False,
        ),
        (
            "beratung-stadt",
            # the unconfirmed demo relations on the long path keep it old (0.7) and invented
            round(0.6 + 0.05 * 0.4 * 0.7 + 0.05 + 0.05, 3),
            "erfundene Demo-Verbindung: Grundschule Silberhöhe → Schulsozialarbeit durch Träger X"
            " → kooperiert mit Familienberatung Süd → gefördert von Jugendamt Halle"
            " → Mitglied in AG § 78 Jugendhilfe-Schule → hat als Mitglied Schulpsychologische Beratung",
            True,
        ),
    ]


def test_refer_school_without_warm_path(index: ReferralIndex) -> None:
    result = refer(index, "Prüfungsangst", school="gym-altstadt", today=TODAY)
    assert result.excluded == (("district", 2),)
    assert [(o.id, o.score, list(o.reasons), o.path, o.steps) for o in result.offers] == [
        (
            "beratung-stadt",
            0.7,
            [
                "Thema Schulangst",
                "Thema Schulabsentismus (übergeordnet zu Schulangst)",
                "stadtweit zuständig",
                "für 6–19 Jahre",
                "keine bestehende Verbindung zur Schule bekannt",
                PHONE,
                STALE_STADT,
            ],
            None,
            (),
        )
    ]
    assert result.offers[0].path_text() is None and result.offers[0].path_at is None
    assert result.offers[0].other_reasons() == result.offers[0].reasons


def test_refer_path_uses_relations_active_on_date(index: ReferralIndex) -> None:
    # Schulsozialarbeit of Jugendhilfe Y at the Sekundarschule Südstadt ended on 2025-07-31.
    before = refer(index, "Praktikum", school="sek-suedstadt", as_of=dt.date(2025, 1, 1), today=TODAY)
    after = refer(index, "Praktikum", school="sek-suedstadt", today=TODAY)
    assert [o.path for o in before.offers] == [("sek-suedstadt", "jugendhilfe-y")]
    assert [o.path for o in after.offers] == [None]


def test_build_referral_index_lists_offers_per_topic(referral_data: Dataset) -> None:
    index = build_referral_index(referral_data)
    ids = list(referral_data.actors)
    offering = {topic: [ids[p] for p in positions] for topic, positions in index.offering.items()}
    # Only offers: no schools, no committee (ag78), no pilot project without ``referable: true``,
    # no authority without it (Jugendamt Halle); order is the data set's order.
    assert offering == {
        "schulabsentismus": ["beratung-sued", "beratung-stadt", "projekt-schulweg"],
        "familie": ["beratung-sued", "migrationsberatung"],
        "erziehungsberatung": ["beratung-sued"],
        "schulangst": ["beratung-stadt"],
        "psychische-gesundheit": ["beratung-stadt", "seelsorge"],
        "mobbing": ["mobbing-team"],
        "cybermobbing": ["mobbing-team", "medienscouts"],
        "sucht": ["suchtberatung"],
        "migration": ["migrationsberatung"],
        "berufsorientierung": ["jugendhilfe-y"],
    }
    assert index.crisis_services == {"suizid": ("notruf", "seelsorge", "krisendienst"), "akute-gewalt": ("notruf",)}


def test_is_offer_on_the_test_network(referral_data: Dataset) -> None:
    offers = [a.id for a in referral_data.actors.values() if is_offer(a)]
    assert offers == [
        "beratung-sued",
        "beratung-stadt",  # Behörde with referable: true
        "projekt-schulweg",  # Projekt with referable: true
        "mobbing-team",
        "medienscouts",  # Projekt with referable: true
        "suchtberatung",
        "migrationsberatung",
        "jugendhilfe-y",
        "seelsorge",
        "traeger-x",
    ]


@pytest.mark.parametrize(
    "query",
    ["schwänzt", "Schulangst", "Prüfungsangst", "Fehlzeiten", "will nicht in die Schule", "Er will nicht mehr leben"],
)
@pytest.mark.parametrize("school", [None, "gs-silberhoehe", "sek-suedstadt"])
def test_pilot_committee_and_crisis_lines_are_never_offered(
    index: ReferralIndex, query: str, school: str | None
) -> None:
    offered = {o.id for o in refer(index, query, school=school, today=TODAY).offers}
    assert offered and not offered & {"pilot-fruehwarn", "ag78", "jugendamt", "notruf", "krisendienst"}


def test_refer_paths_are_the_same_on_every_query(referral_data: Dataset) -> None:
    index = build_referral_index(referral_data)
    before = copy.deepcopy(index)
    first = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    again = refer(index, "schwänzt", school="gs-silberhoehe", today=TODAY)
    other = refer(index, "Praktikum", school="gs-silberhoehe", today=TODAY)
    assert again == first
    assert other == refer(build_referral_index(referral_data), "Praktikum", school="gs-silberhoehe", today=TODAY)
    assert first.offers[0].path == ("gs-silberhoehe", "traeger-x", "beratung-sued")
    assert index == before  # queries leave the shared index as it was built


def test_refer_paths_follow_the_day(index: ReferralIndex) -> None:
    days = [dt.date(2025, 1, 1), dt.date(2025, 6, 1), TODAY]
    found = [refer(index, "Praktikum", school="sek-suedstadt", as_of=day, today=TODAY) for day in days]
    assert [o.path for o in found[0].offers] == [("sek-suedstadt", "jugendhilfe-y")]
    assert [o.path for o in found[2].offers] == [None]


#: Phrases, schools and days the threads below mix: crisis, typo, two topics, no topic, with and without school.
_THREAD_PHRASES = (
    "schwänzt seit Wochen",
    "Er will nicht mehr leben",
    "Mobing",
    "Praktikum",
    "Prüfungsangst",
    "Vater hat ein Messer",
    "Es fehlt Geld, Vater trinkt",
    "Kaffeemaschine kaputt",
    "Schulangst",
    "Erziehungsfragen",
)
_THREAD_SCHOOLS = (None, "gs-silberhoehe", "sek-neustadt", "sek-suedstadt", "gym-altstadt")
_THREAD_DAYS = (dt.date(2025, 1, 1), dt.date(2025, 6, 1), TODAY)


def test_one_index_serves_many_threads(referral_data: Dataset) -> None:
    # Sessions share one index built once: 8 threads of 50 mixed queries give the single-threaded answers.
    combos = list(itertools.product(_THREAD_PHRASES, _THREAD_SCHOOLS, _THREAD_DAYS))
    queries = [combos[n * 7 % len(combos)] for n in range(400)]  # 7 and 150 are coprime: every combination
    shared = build_referral_index(referral_data)
    before = copy.deepcopy(shared)

    def ask(item: tuple[str, str | None, dt.date]) -> ReferralResult:
        return refer(shared, item[0], school=item[1], as_of=item[2], today=TODAY)

    def thread(part: list[tuple[str, str | None, dt.date]]) -> list[ReferralResult]:
        return [ask(q) for q in part]

    expected = thread(queries)
    with ThreadPoolExecutor(max_workers=8) as pool:
        parts = list(pool.map(thread, [queries[t * 50 : (t + 1) * 50] for t in range(8)]))
    assert [r for part in parts for r in part] == expected
    assert len(set(queries)) == len(combos) == 150 and shared == before


def test_refer_audience_filter(index: ReferralIndex) -> None:
    result = refer(index, "Erziehungsfragen", audience="lehrkraefte", today=TODAY)
    # Both family offers name only parents (and pupils).
    assert (result.excluded, result.offers) == ((("audience", 2),), ())
    assert result.message == (
        "Kein Angebot erfüllt alle Filter (Zielgruppe schließt 2 aus). Lockern Sie einen der Filter."
    )
    # Jugendhilfe Y names no audience and stays open to all.
    assert ranking(index, "Praktikum", audience="lehrkraefte") == [
        (
            "jugendhilfe-y",
            0.75,
            [
                "Thema Übergang Schule–Beruf",
                "zuständig für Silberhöhe",
                "für Lehrkräfte",
                PHONE,
                "Angaben geprüft am 01.07.2026",
            ],
        )
    ]


def test_refer_no_topic_is_explained(index: ReferralIndex) -> None:
    result = refer(index, "Kaffeemaschine kaputt", today=TODAY)
    assert (result.topics, result.offers, result.excluded, result.widened) == ((), (), (), False)
    assert (result.crisis_kinds, result.crisis, result.crisis_steps, result.evidence) == ((), (), (), ())
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
            0.75,
            [
                "Thema Mobbing und Konflikte",
                "zuständig für West (nicht für Silberhöhe)",
                PHONE,
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
        ("beratung-sued", round(0.6 + 0.1 + PHONE_BONUS + 0.1, 3)),
        ("projekt-schulweg", 0.8),
        ("beratung-stadt", 0.7),
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
        ({"also": ["sucht2"]}, "Thema 'sucht2' ist unbekannt."),
    ],
)
def test_refer_unknown_ids_raise_german_error(index: ReferralIndex, options: dict[str, Any], message: str) -> None:
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
        "provenance": "Erfundener Demo-Eintrag",
        "source_url": None,
    }


def test_result_to_dict_shape(index: ReferralIndex) -> None:
    payload = refer(index, "Vater trinkt", today=TODAY).to_dict()
    assert list(payload) == [
        "crisis",
        "crisis_steps",
        "recognised",
        "topics",
        "results",
        "excluded",
        "widened",
        "message",
    ]
    assert (payload["crisis"], payload["crisis_steps"], payload["topics"]) == ([], [], ["sucht"])
    assert payload["recognised"] == [
        {
            "words": ["trinkt"],
            "text": "trinkt",
            "phrase": "trinkt",
            "label": "Sucht",
            "topics": ["sucht"],
            "crisis": None,
        }
    ]
    assert list(payload["results"][0]) == [
        "id",
        "name",
        "kind",
        "score",
        "reasons",
        "topics",
        "path",
        "path_steps",
        "contact",
    ]
    assert (payload["results"][0]["path"], payload["results"][0]["path_steps"]) == (None, [])


# Crisis first


def test_crisis_phrase_brings_services_steps_and_offers(index: ReferralIndex) -> None:
    result = refer(index, "Er will nicht mehr leben", today=TODAY)
    assert result.crisis_kinds == ("suizid",)
    assert result.crisis == (NOTRUF, KRISENDIENST, SEELSORGE)
    assert result.crisis_steps == (SUIZID_STEP,)
    assert result.evidence == (
        Evidence(
            ("nicht", "mehr", "leben"),
            "nicht mehr leben",
            "Suizidgefahr",
            ("psychische-gesundheit",),
            "suizid",
            "nicht mehr leben",
        ),
    )
    assert result.evidence[0].text() == "‚nicht mehr leben‘ → Suizidgefahr → Krise"
    # The crisis kind's topic is searched at full score; the crisis lines that are no offers stay out of the list.
    assert (result.topics, result.matches) == (("psychische-gesundheit",), ())
    assert ranking(index, "Er will nicht mehr leben") == [
        ("seelsorge", 0.75, [PSYCH, "stadtweit zuständig", PHONE, "Angaben geprüft am 01.06.2026"]),
        ("beratung-stadt", 0.7, [PSYCH, "stadtweit zuständig", PHONE, STALE_STADT]),
    ]


def test_crisis_json_exact(index: ReferralIndex) -> None:
    payload = refer(index, "Er will nicht mehr leben", today=TODAY).to_dict()
    assert payload["crisis"] == [
        {
            "id": "notruf",
            "name": "Notruf 110",
            "phone": "110",
            "hours": "rund um die Uhr",
            "web": None,
            "why": "Hilfe bei: Suizidgefahr",
            "kinds": ["suizid"],
        },
        {
            "id": "krisendienst",
            "name": "Krisendienst Halle",
            "phone": "030 23125 002",
            "hours": "rund um die Uhr",
            "web": None,
            "why": "Hilfe bei: Suizidgefahr",
            "kinds": ["suizid"],
        },
        {
            "id": "seelsorge",
            "name": "Seelsorgetelefon",
            "phone": "030 23125 001",
            "hours": "Mo–Fr 9–17 Uhr",
            "web": None,
            "why": "Hilfe bei: Suizidgefahr",
            "kinds": ["suizid"],
        },
    ]
    assert payload["crisis_steps"] == [
        {"kind": "suizid", "label": "Suizidgefahr", "step": "Nicht allein lassen, 112 anrufen."}
    ]
    assert payload["recognised"] == [
        {
            "words": ["nicht", "mehr", "leben"],
            "text": "nicht mehr leben",
            "phrase": "nicht mehr leben",
            "label": "Suizidgefahr",
            "topics": ["psychische-gesundheit"],
            "crisis": "suizid",
        }
    ]
    assert payload["topics"] == ["psychische-gesundheit"]


@pytest.mark.parametrize(
    "query",
    ["will sich umbringen", "umbringen", "hat Suizidgedanken", "leben will er nicht mehr", "UMBRINGEN"],
)
def test_crisis_synonyms_and_word_order(index: ReferralIndex, query: str) -> None:
    result = refer(index, query, today=TODAY)
    assert (result.crisis_kinds, result.crisis, result.crisis_steps) == (
        ("suizid",),
        (NOTRUF, KRISENDIENST, SEELSORGE),
        (SUIZID_STEP,),
    )


def test_two_crisis_kinds_in_vocabulary_order(index: ReferralIndex) -> None:
    result = refer(index, "Vater hat ein Messer, sie will nicht mehr leben", today=TODAY)
    assert result.crisis_kinds == ("suizid", "akute-gewalt")
    # 110 serves both kinds and is listed once.
    assert result.crisis == (
        replace(NOTRUF, why="Hilfe bei: Suizidgefahr, Akute Gewalt", kinds=("suizid", "akute-gewalt")),
        KRISENDIENST,
        SEELSORGE,
    )
    # Akute Gewalt has no step in the test vocabulary.
    assert result.crisis_steps == (SUIZID_STEP,)
    assert result.topics == ("psychische-gesundheit", "familie")
    assert [e.text() for e in result.evidence] == [
        "‚nicht mehr leben‘ → Suizidgefahr → Krise",
        "‚Messer‘ → Akute Gewalt → Krise",
    ]


def test_crisis_without_step_or_offer_of_its_own(index: ReferralIndex) -> None:
    result = refer(index, "Vater hat ein Messer", today=TODAY)
    assert result.crisis_kinds == ("akute-gewalt",)
    assert result.crisis == (replace(NOTRUF, why="Hilfe bei: Akute Gewalt", kinds=("akute-gewalt",)),)
    assert result.crisis_steps == ()
    assert ranking(index, "Vater hat ein Messer") == [
        ("beratung-sued", 0.75, [FAMILY, "zuständig für Süd", PHONE, FRESH_SUED]),
        ("migrationsberatung", 0.75, [FAMILY, "zuständig für West", PHONE, "Angaben geprüft am 01.05.2026"]),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "schwänzt seit Wochen",
        "Vater trinkt",
        "will nicht in die Schule",  # "nicht" without "mehr leben"
        "Das Leben ist schön, nicht mehr so stressig",  # the comma separates "Leben" from "nicht mehr"
        "Angst",
    ],
)
def test_ordinary_need_has_no_crisis(index: ReferralIndex, query: str) -> None:
    result = refer(index, query, today=TODAY)
    assert (result.crisis_kinds, result.crisis, result.crisis_steps) == ((), (), ())
    assert all(e.crisis is None for e in result.evidence)
    payload = result.to_dict()
    assert (payload["crisis"], payload["crisis_steps"]) == ([], [])


def test_without_removes_a_recognised_topic(index: ReferralIndex) -> None:
    result = refer(index, "Vater trinkt und schwänzt", without=["schulabsentismus"], today=TODAY)
    assert result.topics == ("sucht",)
    # What was recognised stays visible (for „Nicht das Richtige?“), only the search drops it.
    assert [m.owner for m in result.matches] == ["schulabsentismus", "sucht"]
    assert ranking(index, "Vater trinkt und schwänzt", without=["schulabsentismus"]) == [
        ("suchtberatung", 0.75, ["Thema Sucht", "stadtweit zuständig", PHONE, "Angaben geprüft am 01.10.2026"]),
    ]


def test_without_keeps_crisis_help(index: ReferralIndex) -> None:
    result = refer(index, "Er will nicht mehr leben", without=["psychische-gesundheit"], today=TODAY)
    assert (result.topics, result.offers) == ((), ())
    assert (result.crisis_kinds, result.crisis, result.crisis_steps) == (
        ("suizid",),
        (NOTRUF, KRISENDIENST, SEELSORGE),
        (SUIZID_STEP,),
    )


def test_also_adds_a_topic(index: ReferralIndex) -> None:
    result = refer(index, "schwänzt", also=["sucht"], today=TODAY)
    assert result.topics == ("schulabsentismus", "sucht")
    assert ranking(index, "schwänzt", also=["sucht"]) == [
        *SCHWAENZEN[:1],
        ("suchtberatung", 0.75, ["Thema Sucht", "stadtweit zuständig", PHONE, "Angaben geprüft am 01.10.2026"]),
        *SCHWAENZEN[1:],
    ]
    # A topic added by hand that was recognised anyway keeps its match score.
    assert refer(index, "Mobing", also=["mobbing"], today=TODAY).offers[0].score == round(0.6 * 0.8 + 0.05 + 0.1, 3)
    # Without wins over also.
    assert refer(index, "Kaffee", also=["sucht"], without=["sucht"], today=TODAY).topics == ()
