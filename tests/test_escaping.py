"""Every text of the hostile data set (tests/data/xss) stays text in every HTML, Markdown and file output.

Fast checks without a browser: the HTML is parsed and searched for elements, event handlers and
links that the data smuggled in; Markdown is searched for payload syntax that is not escaped.
The browser test (tests/test_browser.py) proves the same in Chromium.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph import Dataset, build_graph, load_dataset
from graph.cli.reports import gaps_markdown
from graph.gaps import gap_report
from graph.present.export import actor_table, relation_table, spreadsheet_safe, to_csv, to_gexf, to_graphml
from graph.present.handout import PRINT_SCRIPT, handout_data, render_handout
from graph.present.mapview import MapOptions, layout_positions, map_html
from graph.present.viewfilter import ViewFilter, filter_graph
from graph.referral import build_referral_index
from graph.workflow.annotations import summary_table
from graph.workflow.diff import Side, load_side
from graph.workflow.diff_report import diff_markdown
from tests.conftest import TESTS, TODAY, run_page
from views.common import md, to_xlsx

XSS = TESTS / "data" / "xss"
#: Markers of the payloads: one of them in ``window.top.__xss`` means a payload ran.
MARKER = re.compile(r"__xss")
#: Tags that no output of ours contains unless the data smuggled them in.
FOREIGN_TAGS = {"img", "iframe", "object", "embed", "form", "input", "base", "link", "a", "image", "foreignobject"}
#: Markdown / Streamlit syntax in the payloads that must never appear unescaped.
RAW_MARKDOWN = [
    re.compile(r"(?<!\\)<(?:img|svg|script|/script|b|a)\b"),  # HTML (st.markdown shows it escaped as \<img)
    # A link or image: [x](javascript:…). Only our own tel: and mailto: links pass (graph.present.handout.tel_uri:
    # digits only; mailto_uri: a plain address, no ?, no brackets).
    re.compile(r"(?<!\\)\]\((?!tel:\+?\d+\)|mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\))"),
    re.compile(r"(?<!\\):(?:red|blue)(?<!\\)\["),  # Streamlit colour directive
    re.compile(r"(?<!\\)\$x\^2(?<!\\)\$"),  # LaTeX
    re.compile(r"(?<!\\)\{(?<!\\)\{ ?7(?<!\\)\*7"),  # template syntax (and the * inside)
]


@pytest.fixture(scope="module")
def xss() -> Dataset:
    result = load_dataset(XSS, today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report]
    return result.dataset


@pytest.fixture(scope="module")
def payloads(xss: Dataset) -> list[str]:
    """Every hostile text of the data set (actor, relation and vocabulary fields), at least 60."""
    texts: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str) and re.search(r"[<\[{$:]", value):
            texts.append(value)
        elif isinstance(value, tuple | list):
            for item in value:
                collect(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                collect(getattr(value, name))

    for record in [*xss.actors.values(), *xss.relations]:
        collect(record)
    for terms in xss.vocabulary.lists.values():
        for term in terms.values():
            collect(term)
    assert len(texts) >= 60
    return texts


class _Page(HTMLParser):
    """Collects start tags with attributes, script bodies and the visible text of an HTML page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _assert_inert_html(page: str, scripts: int) -> _Page:
    """No foreign element, no event handler, no script link, exactly ``scripts`` script elements."""
    parsed = _Page(page)
    assert [tag for tag, _ in parsed.tags if tag in FOREIGN_TAGS and tag != "a"] == []
    handlers = [(tag, name) for tag, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    values = [str(v) for _, attrs in parsed.tags for v in attrs.values()]
    assert [v for v in values if "javascript:" in v.replace(" ", "").lower()] == []
    assert len(parsed.scripts) == scripts
    return parsed


def _raw_markdown(text: str) -> list[str]:
    return [m.group(0) for pattern in RAW_MARKDOWN for m in pattern.finditer(text)]


# ---------------------------------------------------------------- the data set itself


def test_xss_set_has_payloads_in_every_text_field(xss: Dataset) -> None:
    img = xss.actors["xss-img"]
    assert img.contact is not None and img.address is not None
    fields = [img.name, img.contact.role, img.contact.phone, img.contact.email, img.contact.web, img.access]
    fields += [img.address.street, img.address.city, img.provenance, img.notes, *img.legal_basis]
    fields += [xss.actors["xss-amt"].subtype]
    fields += [xss.relations[0].notes, xss.relations[0].provenance]
    for name, terms in xss.vocabulary.lists.items():
        if name not in ("topics",):
            fields.append(next(iter(terms.values())).label)
    topic = xss.vocabulary.terms("topics")["xss-thema"]
    fields += [topic.label, topic.description, *topic.synonyms[1:]]
    assert [f for f in fields if not f or not re.search(r"<|\]\(|:red\[|\$x|javascript:", f)] == []


# ---------------------------------------------------------------- HTML outputs


def _map(xss: Dataset, graph: nx.MultiDiGraph, title: str = "") -> str:
    options = MapOptions(None, False, "xss-img", 600, title, "akteure?actor=")
    return map_html(graph, xss.vocabulary, layout_positions(graph), options)


def _map_data(page: str) -> dict[str, Any]:
    data = _Page(page).scripts[0]
    assert "<" not in data and ">" not in data and "&" not in data
    result: dict[str, Any] = json.loads(data)
    return result


@pytest.mark.parametrize("title", ["", "<script>window.top.__xss='title'</script>"], ids=["app", "export"])
def test_map_html_keeps_every_text_inert(xss: Dataset, title: str) -> None:
    graph = build_graph(xss)
    page = _map(xss, graph, title)
    parsed = _assert_inert_html(page, scripts=3)
    assert parsed.tags[[t for t, _ in parsed.tags].index("script")][1] == {
        "type": "application/json",
        "id": "netzwerk-daten",
    }
    assert not MARKER.search("".join(parsed.scripts[1:]))  # the code scripts carry no data
    text = "".join(parsed.text)
    assert title in text
    for kind in {a.kind for a in xss.actors.values()}:
        assert xss.vocabulary.label("actor_kinds", kind) in text  # the legend shows the labels literally
    for relation in xss.relations:
        assert xss.vocabulary.label("relation_types", relation.type) in text
    data = _map_data(page)
    titles = {n["id"]: n["title"] for n in data["nodes"]}
    assert titles["xss-img"].splitlines()[0] == xss.actors["xss-img"].name
    assert xss.vocabulary.label("topics", "xss-thema") in titles["xss-img"]
    edges = {e["id"]: e["title"] for e in data["edges"]}
    assert edges["ssa-xss"].startswith(xss.vocabulary.label("relation_types", "schulsozialarbeit") + "\n")


def test_map_html_never_contains_href_for_pyvis_trap(xss: Dataset) -> None:
    """vis-network shows string titles as text; our page never goes through pyvis' ``href`` switch to HTML."""
    page = _map(xss, build_graph(xss))
    assert "pyvis" not in page and "innerHTML" not in _Page(page).scripts[2]
    assert any("href" in n["title"] for n in _map_data(page)["nodes"])  # the trap substring is in the data


def test_ego_map_html_is_inert(xss: Dataset) -> None:
    ego = filter_graph(build_graph(xss), ViewFilter(ego="xss-img", radius=1))
    _assert_inert_html(_map(xss, ego), scripts=3)


@pytest.mark.parametrize(
    "target", [{"school": "xss-img"}, {"topic": "xss-thema"}, {"district": "silberhoehe"}, {}], ids=str
)
def test_handout_keeps_every_text_inert(xss: Dataset, target: dict[str, str]) -> None:
    index = build_referral_index(xss)
    data = handout_data(index, "<b>v</b>", today=TODAY, **target)
    assert data.sections, data.message
    page = render_handout(index, data)
    parsed = _assert_inert_html(page, scripts=0)
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert links and all(str(h).startswith(("mailto:", "https://", "tel:")) for h in links)
    # A tel: link carries only the digits of the number, whatever the data wrote around them.
    assert all(str(h)[4:].lstrip("+").isdigit() for h in links if str(h).startswith("tel:"))
    text = "".join(parsed.text)
    assert xss.actors["xss-link"].name in text
    assert "window.top.__xss='notes" not in page  # internal notes never reach the handout
    (csp,) = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in str(csp["content"])


def test_handout_for_hostile_school_shows_its_name_in_the_title(xss: Dataset) -> None:
    index = build_referral_index(xss)
    page = render_handout(index, handout_data(index, "v", school="xss-img", today=TODAY))
    (title,) = [t for t in _Page(page).text if t.startswith("Unterstützungsangebote für")][:1]
    assert title == "Unterstützungsangebote für " + xss.actors["xss-img"].name


# ---------------------------------------------------------------- files


def test_graphml_and_gexf_carry_texts_literally(xss: Dataset) -> None:
    graph = build_graph(xss)
    for data in (to_graphml(graph), to_gexf(graph)):
        texts = [e.text or "" for e in ET.fromstring(data).iter()] + [
            v for e in ET.fromstring(data).iter() for v in e.attrib.values()
        ]
        assert xss.actors["xss-img"].name in texts
        assert b"<img" not in data and b"<script" not in data


def test_csv_and_xlsx_keep_formulas_inert(xss: Dataset) -> None:
    table = actor_table(build_graph(xss), xss.vocabulary, TODAY)
    table.loc[0, "Name"] = '=HYPERLINK("https://x.example.org","klick")'
    table.loc[1, "Kontakt"] = "+49 345 1"
    text = to_csv(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'+49 345 1;" in text.replace('"', "")
    assert xss.actors["xss-link"].name in text
    workbook = pd.read_excel(io.BytesIO(to_xlsx(table, "Akteure")))
    assert workbook.loc[0, "Name"] == "'" + str(table.loc[0, "Name"])
    assert spreadsheet_safe(relation_table(build_graph(xss), xss.vocabulary))["Von"].str[0].isin(["=", "+"]).sum() == 0


# ---------------------------------------------------------------- Markdown outputs


def _escaped_everywhere(text: str, specials: str) -> bool:
    """True when every character of ``specials`` in ``text`` is preceded by a backslash escape."""
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in specials:
            return False
        i += 1
    return True


def test_md_escapes_every_payload(payloads: list[str]) -> None:
    for text in payloads:
        assert _escaped_everywhere(md(text), "`*_{}[]()#+-.!<>|~:$&"), text
        assert _raw_markdown(md(text)) == []


def test_diff_report_markdown_is_inert(tmp_path: Path) -> None:
    base = tmp_path / "base"
    shutil.copytree(XSS, base)
    (base / "actors.yaml").write_text(
        "- {id: ruhig, name: Ruhige Grundschule, kind: schule, subtype: grundschule, district: suedliche-neustadt,"
        ' contact: {phone: "0345 555 00 10"}, verified: 2026-06-01}\n'
        "- {id: xss-template, name: Alt, kind: traeger, contact: {phone: '1'}, verified: 2026-06-01}\n",
        encoding="utf-8",
    )
    (base / "relations.yaml").write_text(
        "- {id: ssa-ruhig, source: xss-template, target: ruhig, type: schulsozialarbeit}\n", encoding="utf-8"
    )
    text = diff_markdown(load_side(str(base), today=TODAY), load_side(str(XSS), today=TODAY), TODAY)
    assert "**Kurz:** Akteure 4 neu, 0 entfernt, 1 geändert" in text
    assert "<" not in text and _raw_markdown(text) == []
    assert "&lt;img src=x onerror=" in text


def test_diff_report_of_invalid_side_keeps_problems_in_code_block(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(XSS, broken)
    actors = (broken / "actors.yaml").read_text(encoding="utf-8")
    (broken / "actors.yaml").write_text(actors.replace("kind: traeger", "kind: '<img src=x onerror=alert(9)>'"))
    side = load_side(str(broken), today=TODAY)
    assert side.result.dataset is None
    text = diff_markdown(side, Side("neu", load_dataset(XSS, today=TODAY)), TODAY)
    inside = text.split("```text\n", 1)[1].split("```", 1)[0]
    assert "<img src=x onerror=alert(9)>" in inside and "<img" not in text.replace(inside, "")
    table = summary_table(side.result)
    assert "<img" not in table and "&lt;img src=x onerror=alert(9)&gt;" in table


def test_gaps_markdown_is_inert(xss: Dataset) -> None:
    text = gaps_markdown(gap_report(xss, TODAY), TODAY)
    assert "<" not in text and _raw_markdown(text) == []
    assert "| Silberhöhe &lt;img src=x onerror=\"alert('district');window.top.\\_\\_xss='district'\"&gt; |" in text


# ---------------------------------------------------------------- the pages (AppTest, no browser)

MARKDOWN_ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "warning", "info", "error", "success")


def _app(monkeypatch: pytest.MonkeyPatch, page: str, **params: str) -> AppTest:
    return run_page(page, XSS, monkeypatch, **params)


def _markdown_bodies(at: AppTest) -> list[str]:
    return [str(e.value) for kind in MARKDOWN_ELEMENTS for e in at.main.get(kind) + at.sidebar.get(kind)]


def _assert_page_inert(at: AppTest) -> list[str]:
    bodies = _markdown_bodies(at)
    assert bodies
    assert [(b, _raw_markdown(b)) for b in bodies if _raw_markdown(b)] == []
    for srcdoc in (e.proto.srcdoc for e in at.main.get("iframe")):
        if "Content-Security-Policy" not in srcdoc:
            _assert_inert_html(srcdoc, scripts=3)  # a map: vis-network, its data, our drawing code
            continue
        # A handout preview: nothing but the print button's own script, which its CSP hash pins.
        parsed = _assert_inert_html(srcdoc, scripts=1 if 'id="drucken"' in srcdoc else 0)
        assert parsed.scripts in ([], [PRINT_SCRIPT])
    return bodies


@pytest.mark.parametrize("actor", ["xss-img", "xss-link", "xss-amt", "xss-gremium"])
def test_app_profile_of_hostile_actor_is_inert(monkeypatch: pytest.MonkeyPatch, actor: str) -> None:
    at = _app(monkeypatch, "akteure", actor=actor)
    bodies = _assert_page_inert(at)
    assert any("\\_\\_xss" in b for b in bodies)  # the payloads are shown, escaped


def test_app_map_search_and_link_notices_are_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(monkeypatch, "karte", actor="[klick](https://x.example.org) :red[rot]", topic="<img src=x>")
    assert len(at.warning) == 2
    at.text_input(key="k_search").input("a").run()  # several hostile names match: the caption lists them
    bodies = _assert_page_inert(at)
    assert any(b.startswith("Weitere Treffer:") for b in bodies)
    at.text_input(key="k_search").input("<img src=x onerror=[x](y)>").run()
    _assert_page_inert(at)


def test_app_metrics_relation_type_pills_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(monkeypatch, "kennzahlen")
    _assert_page_inert(at)
    (pills,) = at.main.get("button_group")
    labels = [option.content for option in pills.proto.options]
    assert len(labels) == 6 and [(x, _raw_markdown(x)) for x in labels if _raw_markdown(x)] == []
    assert labels[1].startswith(r"Kooperation \[k\]\(javascript\:")


def test_app_gaps_and_data_pages_are_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(monkeypatch, "luecken")
    _assert_page_inert(at)
    at.selectbox(key="gl_programme").set_value("esf-plus").run()
    at.multiselect(key="gl_remove").set_value(["xss-template"]).run()
    assert not at.exception
    _assert_page_inert(at)
    _assert_page_inert(_app(monkeypatch, "daten"))


def test_app_referral_card_and_handout_are_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(monkeypatch, "vermittlung")
    at.selectbox(key="v_school").set_value("xss-img").run()
    at.text_input(key="v_query").input("zauberwort").run()
    bodies = _assert_page_inert(at)
    assert any(b.startswith("#### 1. Beratung \\[klick\\]") for b in bodies)
    assert len(at.main.get("iframe")) == 1  # the handout for the chosen school
