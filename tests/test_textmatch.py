"""German-tolerant text matching: normalisation, stems, lemmas, typos, compounds and the phrase rules."""

from __future__ import annotations

import pytest

from graph import load_dataset
from graph.data.model import Term
from graph.referral.textmatch import (
    MATCH_THRESHOLD,
    QUALITY,
    SPAN_SLACK,
    Match,
    TextIndex,
    edit_distance,
    normalize,
    stem,
    term_entries,
    tokens,
)
from tests.conftest import TESTS, TODAY

REFERRAL = TESTS / "data" / "referral"

# A small vocabulary for the rules: negative context, a longer phrase with one shared word, lemma forms.
RULES = {
    "schulabsentismus": Term("schulabsentismus", "Schulabsentismus", synonyms=("fehlt",), not_near=("Geld", "Vater")),
    "armut": Term("armut", "Armut", synonyms=("fehlt Geld",)),
    "gewalt": Term("gewalt", "Gewalt", synonyms=("schlägt", "wird geschlagen")),
    "suizid": Term("suizid", "Suizid", synonyms=("will sich umbringen",)),
    "psychisch": Term("psychisch", "Psychische Gesundheit", synonyms=("Klinikaufenthalt", "Angst")),
    "migration": Term("migration", "Migration", synonyms=("Aufenthalt",)),
    "schulangst": Term("schulangst", "Schulangst", synonyms=("Angst vor der Schule",)),
    "mobbing": Term("mobbing", "Mobbing"),
    "verweigerung": Term("verweigerung", "Schulverweigerung"),
}


@pytest.fixture(scope="module")
def topic_index() -> TextIndex:
    dataset = load_dataset(REFERRAL, today=TODAY).dataset
    assert dataset is not None
    return TextIndex.build(term_entries(dataset.vocabulary.terms("topics")))


@pytest.fixture(scope="module")
def rules() -> TextIndex:
    return TextIndex.build(term_entries(RULES))


def found(index: TextIndex, query: str) -> list[tuple[str, float, str, tuple[str, ...]]]:
    return [(m.owner, m.score, m.phrase, m.words) for m in index.match(query)]


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


def test_tokens_drop_only_articles_prepositions_and_conjunctions() -> None:
    # "seit" and "zur" go; pronouns and "nicht"/"mehr" carry meaning ("will nicht mehr leben") and stay.
    assert tokens("Er kommt seit Wochen nicht mehr zur Schule") == ["er", "kommt", "wochen", "nicht", "mehr", "schule"]
    assert tokens("Der Vater und die Mutter oder ein Onkel, aber ohne das Kind") == ["vater", "mutter", "onkel", "kind"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("schwaenzen", "schwaenze"), "schwaenz"),
        (("mobbing",), "mobb"),
        (("kinder", "kindern", "kindes"), "kind"),
        (("schueler", "schuelerinnen"), "schuel"),
    ],
)
def test_stem_maps_word_forms_together(words: tuple[str, ...], expected: str) -> None:
    assert {stem(w) for w in words} == {expected}


def test_stem_keeps_four_letters_and_final_t() -> None:
    assert [stem("angst"), stem("eltern"), stem("chat")] == ["angst", "elter", "chat"]
    # No "t" is removed: verb forms are read through their lemma, and the noun "Sucht" is not "suchen".
    assert [stem("sucht"), stem("suchen"), stem("schwaenzt")] == ["sucht", "such", "schwaenzt"]


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


def test_term_entries_keep_labels_whole_and_skip_descriptions() -> None:
    terms = {
        "m": Term("m", "Mobbing und Konflikte", description="Streit in der Klasse.", synonyms=("a/b",)),
        "b": Term("b", "Übergang Schule–Beruf", not_near=("Geld", "Vater")),
    }
    assert term_entries(terms) == [
        ("m", "Mobbing und Konflikte", (), ()),
        ("m", "a/b", (), ()),
        ("b", "Übergang Schule–Beruf", ("Geld", "Vater"), ()),
    ]
    crisis = {"suizid": Term("suizid", "Suizidgefahr", synonyms=("umbringen",), topics=("psychisch",))}
    assert term_entries(crisis, prefix="krise:") == [
        ("krise:suizid", "Suizidgefahr", (), ("psychisch",)),
        ("krise:suizid", "umbringen", (), ("psychisch",)),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # synonyms and word forms; the words are reported as typed
        ("schwänzt seit Wochen", [("schulabsentismus", 1.0, "schwänzen", ("schwänzt",))]),
        ("SCHWAENZEN", [("schulabsentismus", 1.0, "schwänzen", ("SCHWAENZEN",))]),
        ("hat geschwänzt", [("schulabsentismus", 1.0, "schwänzen", ("geschwänzt",))]),
        ("Vater trinkt", [("sucht", 1.0, "trinkt", ("trinkt",))]),
        ("kifft", [("sucht", 1.0, "Kiffen", ("kifft",))]),
        ("Panikattacke", [("psychische-gesundheit", 1.0, "Panikattacken", ("Panikattacke",))]),
        # of one owner's phrases the longer one is reported
        ("Sohn wird gemobbt", [("mobbing", 1.0, "wird gemobbt", ("wird", "gemobbt"))]),
        ("wurde gemobbt", [("mobbing", 1.0, "wird gemobbt", ("wurde", "gemobbt"))]),
        # every word of a phrase, extra words in between allowed
        (
            "kommt nicht mehr zur Schule",
            [("schulabsentismus", 1.0, "kommt nicht zur Schule", ("kommt", "nicht", "Schule"))],
        ),
        ("kommt zur Schule", []),
        ("Mobbing im Klassenchat", [("mobbing", 1.0, "gemobbt", ("Mobbing",))]),
        (
            "im Klassenchat fertiggemacht",
            [("cybermobbing", 1.0, "im Klassenchat fertiggemacht", ("Klassenchat", "fertiggemacht"))],
        ),
        # labels are whole phrases: "und" is left out, but each other word is needed
        ("Familie und Erziehung", [("familie", 1.0, "Familie und Erziehung", ("Familie", "Erziehung"))]),
        ("Familie", []),
        ("WhatsApp-Gruppe", [("cybermobbing", 1.0, "WhatsApp-Gruppe", ("WhatsApp", "Gruppe"))]),
        # typos
        ("Mobing", [("mobbing", 0.8, "gemobbt", ("Mobing",))]),
        ("Schulabsentimsus", [("schulabsentismus", 0.8, "Schulabsentismus", ("Schulabsentimsus",))]),
        # compounds: a vocabulary word of 5+ letters at the start or the end of a longer word
        ("Angstzustände", [("psychische-gesundheit", 0.6, "Angst", ("Angstzustände",))]),
        ("Drogenprobleme", [("sucht", 0.6, "Drogen", ("Drogenprobleme",))]),
        ("Alkoholsucht", [("sucht", 0.6, "Sucht", ("Alkoholsucht",))]),
        ("Zukunftsangst", [("psychische-gesundheit", 0.6, "Angst", ("Zukunftsangst",))]),
        # the noun "Sucht" is not the verb "sucht" (suchen)
        ("Sucht", [("sucht", 1.0, "Sucht", ("Sucht",))]),
        ("sucht eine Ausbildung", [("berufsorientierung", 1.0, "Ausbildung", ("Ausbildung",))]),
        # dashes and slashes join words, they do not end a clause
        (
            "Übergang Schule–Beruf",
            [("berufsorientierung", 1.0, "Übergang Schule–Beruf", ("Übergang", "Schule", "Beruf"))],
        ),
        (
            "Übergang Schule – Beruf",
            [("berufsorientierung", 1.0, "Übergang Schule–Beruf", ("Übergang", "Schule", "Beruf"))],
        ),
        # longer evidence wins: "Angst" alone is psychische Gesundheit, with "Schule" it is Schulangst
        ("Angst", [("psychische-gesundheit", 1.0, "Angst", ("Angst",))]),
        ("Angst vor der Schule", [("schulangst", 1.0, "Angst vor der Schule", ("Angst", "Schule"))]),
        ("Angstzustände vor der Schule", [("schulangst", 0.8, "Angst vor der Schule", ("Angstzustände", "Schule"))]),
        # descriptions are not matched; generic words alone find nothing
        ("Schikane", []),
        ("Belastungen", []),
        ("Schule", []),
        ("Kaffeemaschine kaputt", []),
        ("", []),
    ],
)
def test_match_topics(
    topic_index: TextIndex, query: str, expected: list[tuple[str, float, str, tuple[str, ...]]]
) -> None:
    assert found(topic_index, query) == expected


def test_match_returns_match_records_with_the_stretch_as_typed(topic_index: TextIndex) -> None:
    assert topic_index.match("Prüfungsangst!") == [
        Match("schulangst", 1.0, "Prüfungsangst", ("Prüfungsangst",), "Prüfungsangst")
    ]
    assert topic_index.match("Er kommt seit Montag nicht zur Schule.") == [
        Match(
            "schulabsentismus",
            1.0,
            "kommt nicht zur Schule",
            ("kommt", "nicht", "Schule"),
            "kommt seit Montag nicht zur Schule",
        )
    ]


def test_match_threshold(topic_index: TextIndex) -> None:
    assert MATCH_THRESHOLD == 0.45
    assert [m.score for m in topic_index.match("Mobing", threshold=0.8)] == [0.8]
    assert topic_index.match("Mobing", threshold=0.81) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("will sich umbringen", ("will", "sich", "umbringen")),
        # German word order moves the verb: any order within the span
        ("umbringen will er sich", ("umbringen", "will", "sich")),
        # reflexive and object pronouns stand for each other
        ("will mich umbringen", ("will", "mich", "umbringen")),
        # SPAN_SLACK = 3 extra words between the phrase words are allowed ...
        ("will sich heute Abend wirklich umbringen", ("will", "sich", "umbringen")),
    ],
)
def test_phrase_words_in_any_order_within_the_span(rules: TextIndex, query: str, expected: tuple[str, ...]) -> None:
    assert found(rules, query) == [("suizid", 1.0, "will sich umbringen", expected)]


def test_phrase_span_and_clause_break(rules: TextIndex) -> None:
    assert SPAN_SLACK == 3
    # ... a fourth is too many (articles and prepositions such as "am" do not count)
    assert found(rules, "will sich heute am Abend ganz wirklich umbringen") == []
    # a comma ends the clause: the words on either side are too far apart
    assert found(rules, "will sich, umbringen") == []
    # a missing word is a missing phrase
    assert found(rules, "will sich") == []


def test_clause_break_on_the_referral_vocabulary(topic_index: TextIndex) -> None:
    assert found(topic_index, "kommt nicht zur Schule") == [
        ("schulabsentismus", 1.0, "kommt nicht zur Schule", ("kommt", "nicht", "Schule"))
    ]
    assert found(topic_index, "Er kommt pünktlich zur Schule, nicht zu spät") == []
    # an ordinal is a word, not the end of a sentence
    assert found(topic_index, "kommt nicht zur 3. Stunde in die Schule") == [
        ("schulabsentismus", 1.0, "kommt nicht zur Schule", ("kommt", "nicht", "Schule"))
    ]
    assert found(topic_index, "kommt nicht zur Stunde. In die Schule") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Er fehlt seit Montag", [("schulabsentismus", 1.0, "fehlt", ("fehlt",))]),
        # "Geld" right after "fehlt": not absenteeism; the longer phrase of Armut takes the words
        ("Es fehlt Geld", [("armut", 1.0, "fehlt Geld", ("fehlt", "Geld"))]),
        # "Vater" right before "fehlt" (the article does not count): vetoed, nobody else matches
        ("Der Vater fehlt", []),
        ("fehlt Vater", []),
        # the veto word must stand directly next to the phrase, in the same clause
        ("Vater sagt, er fehlt", [("schulabsentismus", 1.0, "fehlt", ("fehlt",))]),
        ("Vater sagt er fehlt", [("schulabsentismus", 1.0, "fehlt", ("fehlt",))]),
        ("fehlt, Vater weiß Bescheid", [("schulabsentismus", 1.0, "fehlt", ("fehlt",))]),
    ],
)
def test_not_near_vetoes_a_match(
    rules: TextIndex, query: str, expected: list[tuple[str, float, str, tuple[str, ...]]]
) -> None:
    assert found(rules, query) == expected


def test_not_near_veto_alone() -> None:
    # Without the Armut phrase, "Es fehlt Geld" finds nothing: the veto, not the longer phrase, drops it.
    index = TextIndex.build(term_entries({"schulabsentismus": RULES["schulabsentismus"]}))
    assert found(index, "Es fehlt Geld") == []
    assert found(index, "Es fehlt") == [("schulabsentismus", 1.0, "fehlt", ("fehlt",))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the exact synonym wins over the compound part "Aufenthalt" (Migration)
        ("Klinikaufenthalt", [("psychisch", 1.0, "Klinikaufenthalt", ("Klinikaufenthalt",))]),
        ("Aufenthalt", [("migration", 1.0, "Aufenthalt", ("Aufenthalt",))]),
        ("Aufenthaltsgenehmigung", [("migration", 0.6, "Aufenthalt", ("Aufenthaltsgenehmigung",))]),
        # a typo of the whole word (0.8) beats the compound part (0.6) on the same word
        ("Kliniksaufenthalt", [("psychisch", 0.8, "Klinikaufenthalt", ("Kliniksaufenthalt",))]),
        # a longer phrase of another owner takes the word "Angst" (also with a compound)
        ("Angst", [("psychisch", 1.0, "Angst", ("Angst",))]),
        ("Angst vor der Schule", [("schulangst", 1.0, "Angst vor der Schule", ("Angst", "Schule"))]),
        ("Angstzustände vor der Schule", [("schulangst", 0.8, "Angst vor der Schule", ("Angstzustände", "Schule"))]),
    ],
)
def test_longer_or_better_evidence_wins(
    rules: TextIndex, query: str, expected: list[tuple[str, float, str, tuple[str, ...]]]
) -> None:
    assert found(rules, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # simplemma lemmas: participle and past tense find the present tense and vice versa
        ("Vater hat ihn geschlagen", [("gewalt", 1.0, "schlägt", ("geschlagen",))]),
        ("schlug", [("gewalt", 1.0, "schlägt", ("schlug",))]),
        ("Vater schlägt ihn", [("gewalt", 1.0, "schlägt", ("schlägt",))]),
        ("wurde geschlagen", [("gewalt", 1.0, "wird geschlagen", ("wurde", "geschlagen"))]),
    ],
)
def test_lemma_forms(rules: TextIndex, query: str, expected: list[tuple[str, float, str, tuple[str, ...]]]) -> None:
    assert found(rules, query) == expected


@pytest.mark.parametrize(
    ("query", "score"),
    [
        ("Mobbing", QUALITY["exact"]),
        ("Mobing", QUALITY["typo1"]),  # deletion
        ("Mobbbing", QUALITY["typo1"]),  # insertion
        ("Mobbnig", QUALITY["typo1"]),  # swap
        ("Schulverweigrung", QUALITY["typo1"]),
        ("Schuhlverweigrung", QUALITY["typo2"]),  # two edits, allowed from 8 letters
        ("Schulvrweigrng", None),  # three edits
        ("Mobbign", QUALITY["typo1"]),
        ("Mbobign", None),  # two edits in a word of 7 letters
    ],
)
def test_typo_qualities(rules: TextIndex, query: str, score: float | None) -> None:
    assert QUALITY == {"exact": 1.0, "typo1": 0.8, "typo2": 0.7, "compound": 0.6}
    assert [m.score for m in rules.match(query)] == ([] if score is None else [score])


def test_typos_only_for_words_the_lexicon_does_not_know() -> None:
    index = TextIndex.build(term_entries({"rauchen": Term("rauchen", "Rauchen", synonyms=("raucht",))}))
    assert found(index, "raucht") == [("rauchen", 1.0, "Rauchen", ("raucht",))]
    # "braucht" is one edit from "raucht", but a German word as typed; "rauhct" is a typo.
    assert found(index, "braucht Hilfe") == []
    assert found(index, "rauhct") == [("rauchen", 0.8, "Rauchen", ("rauhct",))]


def test_a_phrase_keeps_the_matches_of_its_topics() -> None:
    sucht = Term("sucht", "Sucht", synonyms=("trinkt",))
    keeping = Term("eltern", "Kinder suchtkranker Eltern", synonyms=("Vater trinkt",), topics=("sucht",))
    swallowing = Term("eltern", "Kinder suchtkranker Eltern", synonyms=("Vater trinkt",))
    both = [("eltern", 1.0, "Vater trinkt", ("Vater", "trinkt")), ("sucht", 1.0, "trinkt", ("trinkt",))]
    assert found(TextIndex.build(term_entries({"sucht": sucht, "eltern": keeping})), "Vater trinkt") == both
    assert found(TextIndex.build(term_entries({"sucht": sucht, "eltern": swallowing})), "Vater trinkt") == both[:1]


def test_word_matches_exact_first(topic_index: TextIndex) -> None:
    # A word found exactly is not also looked up as a typo or a compound part.
    assert topic_index.word_matches("Mobbing") == {"mobb": 1.0}
    assert topic_index.word_matches("mobing") == {"mobb": 0.8}
    assert topic_index.word_matches("Angst") == {"angst": 1.0}
    assert topic_index.word_matches("Angstzustände") == {"angst": 0.6}
    assert topic_index.word_matches("Zukunftsangst") == {"angst": 0.6}
    assert topic_index.word_matches("Schuhlverweigrung") == {"schulverweigerung": 0.7}
    assert topic_index.word_matches("Kaffee") == {}
    assert topic_index.word_matches("") == {}
