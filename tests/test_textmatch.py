"""German-tolerant text matching: normalisation, stems, typos, compounds, phrase scores."""

from __future__ import annotations

import pytest

from graph import load_dataset
from graph.model import Term
from graph.textmatch import MATCH_THRESHOLD, TextIndex, edit_distance, normalize, stem, term_entries, tokens
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"


@pytest.fixture(scope="module")
def topic_index() -> TextIndex:
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    return TextIndex.build(term_entries(dataset.vocabulary.terms("topics")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Schwänzt", "schwaenzt"),
        ("SCHWAENZT", "schwaenzt"),
        ("Straße, Öl & Übel!", "strasse oel uebel"),
        ("WhatsApp-Gruppe", "whatsapp gruppe"),
        ("Café  § 8a", "cafe 8a"),
        ("", ""),
    ],
)
def test_normalize_folds_case_umlauts_and_punctuation(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_tokens_drop_stopwords() -> None:
    assert tokens("Er kommt seit Wochen nicht mehr zur Schule") == ["kommt", "wochen", "mehr", "schule"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("schwaenzt", "schwaenzen", "schwaenzte"), "schwaenz"),
        (("mobbing", "mobbt"), "mobb"),
        (("trinkt", "trinken"), "trink"),
        (("kinder", "kindern", "kindes"), "kind"),
        (("schueler", "schuelerinnen"), "schuel"),
    ],
)
def test_stem_maps_word_forms_together(words: tuple[str, ...], expected: str) -> None:
    assert {stem(w) for w in words} == {expected}


def test_stem_keeps_four_letters() -> None:
    assert [stem("angst"), stem("eltern"), stem("chat")] == ["angs", "elter", "chat"]


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("mobbing", "mobbing", 2, 0),
        ("mobing", "mobbing", 2, 1),
        ("mobbnig", "mobbing", 2, 1),
        ("schulabsentimsus", "schulabsentismus", 2, 1),
        ("moping", "mobbing", 2, 2),
        ("abc", "xyz", 2, 3),
        ("kurz", "sehr lang", 1, 2),
    ],
)
def test_edit_distance_bounded(a: str, b: str, limit: int, expected: int) -> None:
    assert edit_distance(a, b, limit) == expected


def test_term_entries_split_labels_and_keep_descriptions() -> None:
    terms = {"m": Term("m", "Mobbing und Konflikte", description="Streit in der Klasse.", synonyms=("a/b",))}
    assert term_entries(terms) == [
        ("m", "Mobbing", 1.0, False),
        ("m", "Konflikte", 1.0, False),
        ("m", "a", 1.0, False),
        ("m", "b", 1.0, False),
        ("m", "Streit in der Klasse.", 0.5, True),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # synonyms and word forms
        ("schwänzt seit Wochen", [("schulabsentismus", 1.0, "schwänzen")]),
        ("SCHWAENZEN", [("schulabsentismus", 1.0, "schwänzen")]),
        ("hat geschwänzt", [("schulabsentismus", 0.9, "schwänzen")]),
        ("Sohn wird gemobbt", [("mobbing", 1.0, "gemobbt")]),
        ("Vater trinkt", [("sucht", 1.0, "trinkt")]),
        ("kommt nicht mehr zur Schule", [("schulabsentismus", 1.0, "kommt nicht zur Schule")]),
        # labels split at "und"
        ("Familie", [("familie", 1.0, "Familie")]),
        # typos
        ("Mobing", [("mobbing", 0.8, "Mobbing")]),
        ("Schulabsentimsus", [("schulabsentismus", 0.8, "Schulabsentismus")]),
        # partial phrases: 10 topics; "klassenchat" in 1 (idf ln 11), "fertiggemacht" in 2 (idf ln 6):
        # 0.85 * ln 11 / (ln 11 + ln 6) = 0.486
        (
            "Mobbing im Klassenchat",
            [("mobbing", 1.0, "Mobbing"), ("cybermobbing", 0.486, "im Klassenchat fertiggemacht")],
        ),
        # compounds
        ("Angstzustände", [("psychische-gesundheit", 0.6, "Angst")]),
        ("Angst", [("psychische-gesundheit", 1.0, "Angst"), ("schulangst", 0.467, "Angst vor der Schule")]),
        # a distinctive description word
        ("Schikane", [("mobbing", 0.5, "schikane")]),
        # generic words alone find nothing
        ("Schule", []),
        ("Kaffeemaschine kaputt", []),
        ("", []),
    ],
)
def test_match_topics(topic_index: TextIndex, query: str, expected: list[tuple[str, float, str]]) -> None:
    assert [(m.owner, m.score, m.phrase) for m in topic_index.match(query)] == expected


def test_match_common_description_word_stays_below_threshold(topic_index: TextIndex) -> None:
    scores = [m.score for m in topic_index.match("Belastungen", threshold=0.0)]
    assert scores and max(scores) < MATCH_THRESHOLD


def test_token_matches_memoised(topic_index: TextIndex) -> None:
    first = topic_index.token_matches("mobing")
    assert first == {"mobb": 0.8}
    assert topic_index.token_matches("mobing") is first
