"""Tests of graph.present.search: tolerant name search."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from graph import Dataset, load_dataset
from graph.data.suggest import slugify
from graph.present.search import find_actors, match_score
from tests.conftest import REPO


@pytest.fixture(scope="module")
def halle_names() -> dict[str, str]:
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    return {a.id: a.name for a in dataset.actors.values()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Grundschule A", ["gs-a"]),
        ("grundschule a", ["gs-a"]),
        ("TRÄGER", ["traeger-x"]),
        ("traeger", ["traeger-x"]),
        ("trager x", ["traeger-x"]),
        ("Beratungstelle", ["beratung-y"]),
        ("jugendamt", ["amt"]),
        ("Jugendamd", ["amt"]),
        ("isolirter", ["einsam"]),
        ("sek-b", ["sek-b"]),
        ("xyz", []),
        ("", []),
    ],
)
def test_find_actors_tolerant(small: Dataset, query: str, expected: list[str]) -> None:
    names = {a.id: a.name for a in small.actors.values()}
    assert find_actors(query, names) == expected


# The hits on the bundled data as the search (then with difflib) found them before it moved to rapidfuzz.
HALLE_HITS = [
    ("AWO", ["awo-halle-merseburg", "awo-spi", "awo-erziehungsberatung"]),
    ("ASD", ["asd-halle"]),
    ("Villa", ["villa-juehling"]),
    ("vila juhling", ["villa-juehling"]),
    ("Villa Jühling", ["villa-juehling"]),
    (
        "Jugendbüro",
        ["jugendbuero-heide-nord", "jugendbuero-innenstadt", "jugendbuero-neustadt", "jugendbuero-silberhoehe"],
    ),
    (
        "jugendburo",
        [
            "jugendbuero-heide-nord",
            "jugendbuero-innenstadt",
            "jugendbuero-neustadt",
            "jugendbuero-silberhoehe",
            "jfz-st-georgen",
        ],
    ),
    (
        "go halle",
        ["jugendbuero-heide-nord", "jugendbuero-innenstadt", "jugendbuero-neustadt", "jugendbuero-silberhoehe"],
    ),
    ("Silberhohe", ["jugendbuero-silberhoehe"]),
    ("Dürer", ["gs-albrecht-duerer"]),
    ("Albrecht Durer", ["gs-albrecht-duerer"]),
    ("humbolt", ["kgs-wilhelm-von-humboldt"]),
    ("caritsa", ["caritas-regionalverband-halle", "caritas-erziehungsberatung"]),
    ("erziehungsberatng", ["awo-erziehungsberatung", "caritas-erziehungsberatung", "familienberatung-rosengarten"]),
    ("gymnasim", ["gym-am-eschenwall", "gym-am-hainbuchenweg", "gym-am-platanenhang", "gym-am-ulmenplatz"]),
    ("forderschule", ["fs-am-haselstrauch", "fs-am-wacholderweg"]),
    ("Mädchentreff", ["maedchentreff-ahornhof"]),
    ("maedchentreff", ["maedchentreff-ahornhof"]),
    ("jobcentre", ["jobcenter-halle"]),
    ("Kummer", ["nummer-gegen-kummer"]),
    ("notruf", ["notruf-polizei", "notruf-rettungsdienst", "giftnotruf-erfurt"]),  # whole word before inside one
    ("Hallianz", ["hallianz-fuer-vielfalt"]),
    ("IB", ["internationaler-bund", "igs-am-eibenhang"]),  # „(IB)“ as a word before „Eibenhang“
    (
        "kgs",
        [
            "kgs-wilhelm-von-humboldt",
            "kgs-am-buchenring",
            "gs-am-birkenhain",
            "gs-am-ebereschenweg",
            "gs-am-erlenbach",
            "gs-am-ginsterweg",
            "gs-am-kirschgarten",
            "gs-am-kornblumenfeld",
            "gs-am-lavendelweg",
            "gs-am-lindenhain",
        ],
    ),
    ("heide nord", ["jugendbuero-heide-nord"]),
    ("freiwilligen agentur", ["freiwilligen-agentur"]),
    ("stadtverwaltng", ["stadtverwaltung-halle"]),
    ("allgemeiner sozialer", ["asd-halle"]),
    ("Klosterstrasse", ["kinder-jugendschutzzentrum-halle"]),
    ("Brückenschlag", ["migrationsberatung-brueckenschlag"]),
    ("bruckenschlag", ["migrationsberatung-brueckenschlag"]),
    ("Elterncafe", ["elterncafe-ahornhof"]),
    ("Grundschul Heide", ["gs-heideschule"]),
    ("Jugendamt", ["jugendamt-halle", "asd-halle", "jfz-st-georgen"]),  # „Jugendamt“ before „Jugendamts“
    ("qqqq", []),
]


@pytest.mark.parametrize(("query", "expected"), HALLE_HITS)
def test_find_actors_on_bundled_data(halle_names: dict[str, str], query: str, expected: list[str]) -> None:
    assert find_actors(query, halle_names) == expected


def test_find_actors_orders_best_first_and_limits() -> None:
    names = {"a": "Schule Nord", "b": "Schule Süd", "c": "Schul Nord"}
    assert find_actors("schule", names) == ["a", "b", "c"]
    assert find_actors("schule", names, limit=1) == ["a"]


def test_find_actors_names_without_words_and_with_newlines() -> None:
    names = {"leer": "", "zeichen": "§ – !", "zwei": "Haus\nam See", "ende": "Jugendhaus"}
    assert find_actors("haus am see", names) == ["zwei"]
    assert find_actors("jugendhaus", names) == ["ende"]
    assert find_actors("am see haus", names) == ["zwei"]


@pytest.mark.parametrize(
    ("query", "name", "score"),
    [
        ("Süd", "Schule Sued", 1.0),
        ("notruf", "Giftnotruf Erfurt", 0.99),  # inside a word: just below whole words
        ("notruf", "Polizei – Notruf 110", 1.0),
        ("ae", "Grundschule Ä", 1.0),
        ("nord", "", 0.0),
        ("abc", "xyz", 0.0),
        ("schul nrd", "Schule Nord", (2 * 5 / 11 + 2 * 3 / 7) / 2),
        # every letter in common counts (rapidfuzz), not only difflib's greedy blocks ("en" only: 0.25)
        ("gegen", "Rosengarten", 2 * 4 / 16),
    ],
)
def test_match_score_values(query: str, name: str, score: float) -> None:
    assert match_score(query, name) == score


def _one_by_one(query: str, name: str) -> float:
    """The score rule written out for one name, word by word."""
    q, n = slugify(query), slugify(name)
    if not q:
        return 0.0
    if f"-{q}-" in f"-{n}-":
        return 1.0
    if q in n or q.replace("-", "") in n.replace("-", ""):
        return 0.99
    words = [w for w in n.split("-") if w]
    if not words:
        return 0.0
    best = [max(Indel.similarity(w, nw) / (len(w) + len(nw)) for nw in words) for w in q.split("-")]
    return sum(best) / len(best)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abeilnorstuäöü -.", max_size=14),
    st.lists(st.text(alphabet="abeilnorstuäöüß -.|\n§", max_size=24), max_size=8),
)
def test_all_names_at_once_score_as_one_by_one(query: str, names: list[str]) -> None:
    """The search over all names as one word list gives each name the score of the rule written out."""
    ids = {f"{i}": name for i, name in enumerate(names)}  # digits: the ids themselves never match
    scored = sorted((-_one_by_one(query, n), n.casefold(), i) for i, n in ids.items() if _one_by_one(query, n) >= 0.75)
    assert find_actors(query, ids, limit=99) == [i for _, _, i in scored]
    assert [match_score(query, n) for n in names] == [_one_by_one(query, n) for n in names]
