"""AppTest of the pages Lücken and Kennzahlen: each section opens with its finding in one sentence.

The sentences come from :mod:`graph.gaps.summary` and :mod:`graph.metrics.summary`; here they are checked
exactly as the pages show them, on the small reference network and on the bundled data.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO, VALID, run_page
from tests.test_gaps import SMALL_SUMMARIES
from tests.test_metrics_summary import JARGON, SMALL
from views.common import md

#: Order of the analyses on the page Lücken (tabs left to right, sections top to bottom).
GAP_ORDER = [
    "coverage",
    "schools_without_school_social_work",
    "school_social_work_ending",
    "school_topics",
    "isolated",
    "single_relation",
    "articulation_points",
    "bridges",
    "committees",
    "stale",
    "ended_relations",
    "without_contact",
]
URGENT = ":red-badge[:material/priority_high: Dringend] "


def _bold(sentence: str) -> str:
    return f"**{md(sentence)}**"


def _findings(at: AppTest) -> list[str]:
    """The bold one-sentence findings of the page, in order (bold titles do not end with a full stop)."""
    return [m.value for m in at.markdown if re.fullmatch(r"(:red-badge\[[^]]*\] )?\*\*.*\\\.\*\*", m.value)]


def _frame_with(at: AppTest, column: str) -> object:
    return next(df.value for df in at.dataframe if column in df.value.columns)


def test_gaps_every_section_opens_with_its_finding_small(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", VALID, monkeypatch)
    assert _findings(at) == [_bold(SMALL_SUMMARIES[key]) for key in GAP_ORDER]
    # every section lists a gap, so no green all-clear anywhere on the page
    assert not at.success


def test_gaps_findings_on_the_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", REPO / "data", monkeypatch)
    findings = _findings(at)
    # the gaps that data/README.md lists, in the page's words
    assert findings[1] == _bold(
        "8 von 32 Schulen haben am 28.11.2026 keine Schulsozialarbeit, an 2 davon ist sie ausgelaufen."
    )
    assert findings[2] == URGENT + _bold(
        "19 von 32 Schulen verlieren bis zum 31.07.2028 ihre Schulsozialarbeit, "
        "1 davon schon innerhalb von 6 Monaten (am 31.12.2026)."
    )
    # the bundled data has pathways.yaml: every stage has someone, so its section says so in green
    assert "An allen 32 Schulen ist jede Stufe der Interventionskette besetzt." in [s.value for s in at.success]
    assert findings[4] == _bold(
        "3 Akteure haben am 28.11.2026 keine einzige Beziehung (Krisendienste zählen hier nicht)."
    )
    assert findings[0] == _bold(
        "Kein Stadtteil mit Schulen ist ohne Angebot zu einem Kernthema; über alle Themen sind 156 Felder leer."
    )
    ending = _frame_with(at, "Dringend")
    urgent = ending[ending["Dringend"] == "ja"]["Name"].tolist()  # type: ignore[index]
    assert urgent == ["Grundschule Am Kirschgarten"]
    # the highlighted rows are the urgent ones (from the rows' urgent flag, not the cell text)
    table = next(df for df in at.dataframe if "Dringend" in df.value.columns)
    marked = sorted({int(n) for n in re.findall(r"_row(\d+)_col\d+", table.proto.arrow_data.styler.styles)})
    assert [table.value["Name"][n] for n in marked] == ["Grundschule Am Kirschgarten"]
    at.slider(key="gl_months").set_value(6).run()
    assert _findings(at)[2] == URGENT + _bold(
        "1 von 32 Schulen verliert zum 31.12.2026 ihre Schulsozialarbeit – innerhalb von 6 Monaten, dringend."
    )


def test_gaps_no_all_clear_under_a_list_of_losses(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("luecken", REPO / "data", monkeypatch)
    at.slider(key="gl_months").set_value(1).run()
    # nothing ends within a month: the section's own all-clear, worded for it, in green
    assert [s.value for s in at.success] == [
        "Bis zum 28.12.2026 endet an keiner Schule die Schulsozialarbeit.",
        "An allen 32 Schulen ist jede Stufe der Interventionskette besetzt.",
    ]
    at.selectbox(key="gl_programme").set_value("esf-plus-schulsozialarbeit").run()
    at.date_input(key="gl_end").set_value(at.date_input(key="gl_as_of").value).run()
    assert not at.exception
    summary = [m.value for m in at.markdown if m.value.startswith("**Es fallen ")]
    assert summary == [
        _bold("Es fallen 18 Beziehungen weg; 18 Schulen verlieren etwas (18 davon ihre Schulsozialarbeit).")
    ]
    # the empty part of the comparison says what did not change, neutrally, not „keine Lücke“ in green
    assert "Kein Stadtteil hat zu einem Thema weniger Angebote." in [c.value for c in at.caption]
    assert [s.value for s in at.success] == [
        "Bis zum 28.12.2026 endet an keiner Schule die Schulsozialarbeit.",
        "An allen 32 Schulen ist jede Stufe der Interventionskette besetzt.",
    ]


def _main_texts(at: AppTest) -> list[str]:
    """Markdown and captions outside the expanders (the page's main text)."""
    inside = {id(e) for x in at.expander for e in [*x.markdown, *x.caption]}
    return [e.value for e in [*at.markdown, *at.caption] if id(e) not in inside]


def test_metrics_sections_open_with_findings_small(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("kennzahlen", VALID, monkeypatch)
    assert _findings(at)[:2] == [
        _bold(SMALL["betweenness"]),
        _bold(
            "8 Akteure mit 7 Beziehungen in 3 getrennten Teilen; im größten (6 Akteure) liegen zwei Akteure "
            "im Mittel 2,1 Schritte auseinander."
        ),
    ]
    assert md("In keiner Gruppe gibt es Beziehungen untereinander.") in [m.value for m in at.markdown]
    at.selectbox(key="km_metric").set_value("neighbours").run()
    assert _findings(at)[0] == _bold(SMALL["neighbours"])
    texts = _main_texts(at)
    assert not [text for text in texts if JARGON.search(text)]
    method = next(x for x in at.expander if x.label == "Wie wird das berechnet?")
    inside = " ".join(m.value for m in method.markdown)
    assert "Louvain-Verfahren (Blondel u. a. 2008)" in inside and "Burt (1992" in inside and "Literatur" in inside


def test_metrics_finding_on_the_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("kennzahlen", REPO / "data", monkeypatch)
    assert _findings(at)[0] == _bold(
        "Brückenwerk Jugendhilfe gGmbH ist der wichtigste Brückenakteur: 6 % der kürzesten Wege zwischen zwei "
        "anderen Akteuren führen hier durch."
    )
    at.selectbox(key="km_metric").set_value("neighbours").run()
    assert _findings(at)[0] == _bold("Brückenwerk Jugendhilfe gGmbH hat die meisten direkten Partner: 15.")
