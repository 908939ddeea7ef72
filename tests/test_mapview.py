"""Tests of graph.present.mapview: the offline, escaped map page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph import Dataset, build_graph
from graph.data.model import Vocabulary
from graph.present.mapview import (
    DECLUTTER_LIMIT,
    MIN_LABEL_PX,
    VIS_SCRIPT,
    MapOptions,
    degree_values,
    edge_styles,
    kind_colors,
    layout_positions,
    legend,
    map_html,
    map_text,
    node_title,
    safe_json,
    vis_library,
)
from graph.present.viewfilter import ViewFilter, filter_graph
from tests.conftest import VALID, run_page

HOSTILE = '<img src=x onerror=alert(1)></script><a href="#">x</a> {{ 7*7 }}'


def _payload(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="netzwerk-daten">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))


@pytest.fixture
def graph(small: Dataset) -> nx.MultiDiGraph:
    return build_graph(small)


def test_map_html_is_offline(small: Dataset, graph: nx.MultiDiGraph) -> None:
    page = map_html(graph, small.vocabulary, layout_positions(graph))
    assert re.findall(r'(?:src|href)\s*=\s*["\']?https?:', page) == []
    assert "bootstrap" not in page.lower()
    assert "cdnjs" not in page and "jsdelivr" not in page and "unpkg" not in page
    assert "vis.Network" in page


def test_map_html_hostile_name_never_becomes_markup(small: Dataset) -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", name=HOSTILE, kind="schule", notes=HOSTILE, contact={"role": HOSTILE})
    page = map_html(g, small.vocabulary, {"x": (0.0, 0.0)}, MapOptions(title=HOSTILE))
    assert "<img" not in page and '<a href="#"' not in page and page.count("</script>") == 3
    node = _payload(page)["nodes"][0]
    assert node["title"].startswith(HOSTILE + "\nArt: Schule")
    assert node["label"] == HOSTILE[:25].rstrip() + "…"
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the <h1> and <title>


def test_map_html_no_pyvis_popup_path(small: Dataset) -> None:
    # pyvis' template switches to an innerHTML popup when a title contains "href"; ours has no such path.
    g = nx.MultiDiGraph()
    g.add_node("x", name='<a href="javascript:alert(1)">x</a>', kind="schule")
    page = map_html(g, small.vocabulary, {})
    assert "innerHTML" not in page.split("<script>")[-1]
    assert "popup" not in page.split("<script>")[-1].lower()


def test_map_html_nodes_edges_and_selection(small: Dataset, graph: nx.MultiDiGraph) -> None:
    pos = layout_positions(graph)
    payload = _payload(map_html(graph, small.vocabulary, pos, MapOptions(selected="gs-a", physics=True)))
    nodes = {n["id"]: n for n in payload["nodes"]}
    edges = {e["id"]: e for e in payload["edges"]}
    assert len(nodes) == 8 and len(edges) == 8
    assert (nodes["gs-a"]["x"], nodes["gs-a"]["y"]) == pos["gs-a"]
    assert nodes["gs-a"]["borderWidth"] == 5 and nodes["sek-b"]["borderWidth"] == 1
    assert nodes["gs-a"]["color"]["background"] == kind_colors(small.vocabulary)["schule"]
    assert edges["koop-x-y"]["arrows"] == "" and edges["ssa-a"]["arrows"] == "to"
    assert edges["ssa-a"]["dashes"] is False and edges["koop-x-y"]["dashes"] == [10, 6]
    assert edges["traeger-y"]["smooth"] == {"type": "curvedCW", "roundness": 0.15}  # second edge x–y
    assert payload["options"]["physics"]["enabled"] is True
    assert payload["selected"] == "gs-a"


def test_map_html_leaves_graph_unchanged(small: Dataset, graph: nx.MultiDiGraph) -> None:
    before = (dict(graph.nodes(data=True)), list(graph.edges(keys=True, data=True)))
    map_html(graph, small.vocabulary, layout_positions(graph), MapOptions(sizes=degree_values(graph)))
    assert (dict(graph.nodes(data=True)), list(graph.edges(keys=True, data=True))) == before


def test_map_html_sizes_scale_linearly(small: Dataset, graph: nx.MultiDiGraph) -> None:
    payload = _payload(map_html(graph, small.vocabulary, {}, MapOptions(sizes=degree_values(graph))))
    sizes = {n["id"]: n["size"] for n in payload["nodes"]}
    assert degree_values(graph)["traeger-x"] == 5.0 and degree_values(graph)["einsam"] == 0.0
    assert (sizes["traeger-x"], sizes["einsam"], sizes["gs-a"]) == (42.0, 10.0, 22.8)
    any_mapping = _payload(map_html(graph, small.vocabulary, {}, MapOptions(sizes={"gs-a": 0.5})))
    assert {n["id"]: n["size"] for n in any_mapping["nodes"]}["gs-a"] == 26.0


def test_node_title_lists_kind_district_topics_contact(small: Dataset, graph: nx.MultiDiGraph) -> None:
    assert node_title(graph.nodes["beratung-y"], small.vocabulary) == (
        "Beratungsstelle Y\nArt: Beratungsstelle\nStadtteil: Südstadt (Stadtbezirk Süd)\n"
        "Themen: Schulabsentismus, Familie\nKontakt: Tel. 030 23125 002, info@beratung-y.example.org\n"
        "Erfundener Demo-Eintrag"
    )


def test_legend_only_what_is_shown(small: Dataset, graph: nx.MultiDiGraph) -> None:
    shown = legend(graph.subgraph(["gs-a", "traeger-x"]), small.vocabulary)
    assert [label for label, _ in shown.kinds] == ["Schule", "Freier Träger"]
    assert [label for label, _ in shown.relations] == ["Schulsozialarbeit an"]
    assert shown.relations[0][1].directed is True


def test_edge_styles_follow_vocabulary(small: Dataset) -> None:
    styles = edge_styles(small.vocabulary)
    assert list(styles) == ["schulsozialarbeit", "kooperation", "mitglied", "foerderung", "verweist", "traegerschaft"]
    assert [s.directed for s in styles.values()] == [True, False, True, True, True, True]


def test_layout_positions_seeded_and_scaled(graph: nx.MultiDiGraph) -> None:
    pos = layout_positions(graph)
    assert pos == layout_positions(graph)
    main = [xy for n, xy in pos.items() if n != "einsam"]
    assert max(max(abs(x) / 1.3, abs(y)) for x, y in main) == pytest.approx(1000, abs=0.1)
    assert pos["einsam"] == (-1300.0, 1150.0)


def test_layout_positions_large_part_seeded_and_untangled() -> None:
    # 600 actors in 30 rings of 20, the rings chained: above the Kamada-Kawai limit, so igraph's force layout runs.
    g = nx.MultiDiGraph()
    for r in range(30):
        ring = [f"r{r:02d}n{i:02d}" for i in range(20)]
        g.add_edges_from(zip(ring, ring[1:] + ring[:1], strict=True))
        if r:
            g.add_edge(f"r{r - 1:02d}n00", ring[0])
    pos = layout_positions(g)
    assert pos == layout_positions(g) and len(pos) == 600
    assert max(max(abs(x) / 1.3, abs(y)) for x, y in pos.values()) == pytest.approx(1000, abs=0.1)

    def dist(a: str, b: str) -> float:
        return float(((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5)

    linked = sorted(dist(u, v) for u, v in g.edges())
    nodes = sorted(pos)
    far = sorted(dist(a, b) for a, b in zip(nodes[:300], nodes[300:], strict=True))  # rings 15 links apart
    # Related actors sit close together: the median relation is far shorter than the median distant pair.
    assert linked[len(linked) // 2] * 3 < far[len(far) // 2]
    # Nobody sits on top of anybody: the closest pair keeps a visible gap.
    assert min(dist(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :]) > 1


def test_safe_json_round_trips() -> None:
    value = {"a": "</script>\u2028&<>"}
    assert json.loads(safe_json(value)) == value
    assert "<" not in safe_json(value) and "\u2028" not in safe_json(value)


def test_map_html_empty_vocabulary_does_not_fail() -> None:
    g = nx.MultiDiGraph([("a", "b")])
    assert len(_payload(map_html(g, Vocabulary(), {}))["edges"]) == 1


def test_map_html_with_script_src_loads_vis_network_from_our_server(small: Dataset, graph: nx.MultiDiGraph) -> None:
    inline = map_html(graph, small.vocabulary, layout_positions(graph))
    served = map_html(
        graph, small.vocabulary, layout_positions(graph), MapOptions(script_src="./app/static/v.js?a=1&b")
    )
    assert '<script src="./app/static/v.js?a=1&amp;b"></script>' in served
    assert "vis.Network" in served  # our own script stays inline
    # The library is the only difference: 460 KB less per map frame.
    library = (vis_library() / "vis-network.min.js").read_text(encoding="utf-8")
    assert library in inline and library not in served
    assert len(inline) - len(served) == len(library) + len("<script></script>") - len('<script src=""></script>') - len(
        "./app/static/v.js?a=1&amp;b"
    )


def test_map_html_carries_only_the_tooltip_rule_of_the_stylesheet(small: Dataset, graph: nx.MultiDiGraph) -> None:
    page = map_html(graph, small.vocabulary, layout_positions(graph))
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None
    assert style.group(1).startswith("div.vis-tooltip{") and style.group(1).endswith("}")
    assert "position:absolute" in style.group(1) and "visibility:hidden" in style.group(1)
    assert "data:image" not in page


def test_the_app_serves_the_same_vis_network_as_pyvis_bundles() -> None:
    served = Path(__file__).resolve().parents[1] / "static" / VIS_SCRIPT
    assert served.read_bytes() == (vis_library() / "vis-network.min.js").read_bytes()


def test_map_text_lists_every_actor_and_relation(small: Dataset, graph: nx.MultiDiGraph) -> None:
    text = map_text(graph, small.vocabulary)
    assert text.summary == "8 Akteure und 8 Beziehungen."
    assert text.actors == (
        "AG § 78 Jugendhilfe-Schule (Gremium)",
        "Beratungsstelle Y (Beratungsstelle, Südstadt)",
        "Grundschule A (Schule, Silberhöhe)",
        "Isolierter Anbieter (Freier Träger)",
        "Jugendamt (Behörde)",
        "Projekt Z (Projekt)",
        "Sekundarschule B (Schule, Südliche Neustadt)",
        "Träger X (Freier Träger)",
    )
    assert text.relations == (
        "Grundschule A: verweist an Beratungsstelle Y",
        "Jugendamt: Mitglied in AG § 78 Jugendhilfe-Schule",
        "Jugendamt: fördert Projekt Z (seit 01.01.2025)",
        "Träger X: Kooperation Beratungsstelle Y",
        "Träger X: Mitglied in AG § 78 Jugendhilfe-Schule",
        "Träger X: Schulsozialarbeit an Grundschule A (seit 01.08.2024, bis 31.07.2028)",
        "Träger X: Schulsozialarbeit an Sekundarschule B (seit 01.08.2020, bis 31.07.2025)",
        "Träger X: Träger von Beratungsstelle Y",
    )


def test_map_text_of_the_ego_view_names_the_steps(small: Dataset, graph: nx.MultiDiGraph) -> None:
    view = filter_graph(graph, ViewFilter(ego="gs-a", radius=1))
    before = nx.to_dict_of_dicts(view)
    text = map_text(view, small.vocabulary, selected="gs-a")
    assert text.summary == "3 Akteure und 4 Beziehungen, ausgehend von Grundschule A."
    assert text.actors == (
        "Grundschule A (Schule, Silberhöhe) – gewählter Akteur",
        "Beratungsstelle Y (Beratungsstelle, Südstadt) – 1 Schritt entfernt",
        "Träger X (Freier Träger) – 1 Schritt entfernt",
    )
    assert len(text.relations) == view.number_of_edges() == 4
    assert nx.to_dict_of_dicts(view) == before
    two = map_text(filter_graph(graph, ViewFilter(ego="gs-a", radius=2)), small.vocabulary, selected="gs-a")
    assert sum(line.endswith("– 2 Schritte entfernt") for line in two.actors) == 2


def test_map_text_is_plain_text_and_map_names_it(small: Dataset) -> None:
    g = nx.MultiDiGraph()
    g.add_node("x", name=HOSTILE, kind="schule")
    assert map_text(g, small.vocabulary).actors == (f"{HOSTILE} (Schule)",)
    page = map_html(g, small.vocabulary, {"x": (0.0, 0.0)})
    assert 'role="img" aria-label="Netzwerkgrafik: 1 Akteur und 0 Beziehungen."' in page
    assert map_text(nx.MultiDiGraph(), small.vocabulary, selected="fehlt").summary == "0 Akteure und 0 Beziehungen."


def test_map_opens_fitted_to_all_nodes_with_decluttered_labels(small: Dataset, graph: nx.MultiDiGraph) -> None:
    # The page fits every node (and label) on open, never zooms onto the selected actor, and keeps labels apart.
    page = map_html(graph, small.vocabulary, layout_positions(graph), MapOptions(selected="gs-a"))
    script = page.split("<script>")[-1]
    assert "network.focus(" not in script and "fitWithLabels();" in script and "declutter(size)" in script
    payload = _payload(page)
    assert (payload["declutterLimit"], payload["minLabelPx"]) == (DECLUTTER_LIMIT, MIN_LABEL_PX)
    assert payload["selected"] == "gs-a"


def test_app_map_page_lists_the_ego_view_as_text(monkeypatch: pytest.MonkeyPatch, small: Dataset) -> None:
    at = run_page("karte", VALID, monkeypatch, actor="gs-a", ego="1")
    (frame,) = at.main.get("iframe")
    assert (
        frame.proto.alt
        == "Netzwerkkarte als Grafik. Dieselben Akteure und Beziehungen stehen unter der Karte in „Karte als Liste“."
    )
    (expander,) = [e for e in at.main.expander if e.label == "Karte als Liste"]
    text = [m.value for m in expander.markdown]
    assert text == [
        "3 Akteure und 4 Beziehungen, ausgehend von Grundschule A\\.",
        "**Akteure**\n\n- Grundschule A \\(Schule, Silberhöhe\\) – gewählter Akteur\n"
        "- Beratungsstelle Y \\(Beratungsstelle, Südstadt\\) – 1 Schritt entfernt\n"
        "- Träger X \\(Freier Träger\\) – 1 Schritt entfernt",
        "**Beziehungen**\n\n- Grundschule A\\: verweist an Beratungsstelle Y\n"
        "- Träger X\\: Kooperation Beratungsstelle Y\n"
        "- Träger X\\: Schulsozialarbeit an Grundschule A \\(seit 01\\.08\\.2024, bis 31\\.07\\.2028\\)\n"
        "- Träger X\\: Träger von Beratungsstelle Y",
    ]


def test_relation_tooltip_dates_are_german(small: Dataset, graph: nx.MultiDiGraph) -> None:
    edges = {e["id"]: e for e in _payload(map_html(graph, small.vocabulary, {}))["edges"]}
    assert edges["ssa-a"]["title"].split("\n")[1] == "01.08.2024 bis 31.07.2028"
