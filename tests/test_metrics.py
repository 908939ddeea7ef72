"""Metrics: NetworkX reference graphs, hand-computed small graphs, metric graph options."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import networkx as nx
import pytest

from graph import build_graph
from graph.metrics import (
    ACTOR_METRICS,
    METRIC_INFO,
    NETWORK_INFO,
    actor_metrics,
    communities,
    component_table,
    group_figures,
    metric_graph,
    network_figures,
)
from tests.conftest import TODAY


def as_relations(g: nx.Graph, strength: str | None = None) -> nx.MultiDiGraph:
    """A simple graph written as undirected relations, the way build_graph stores them."""
    m = nx.MultiDiGraph()
    m.add_nodes_from(g.nodes(data=True))
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        m.add_edge(u, v, key=f"r{i}", id=f"r{i}", type="kooperation", directed=False, strength=data.get(strength))
    return m


def by_id(h: nx.Graph) -> dict[Any, dict[str, Any]]:
    return {row["id"]: row for row in actor_metrics(h)}


REFERENCE = [nx.florentine_families_graph(), nx.karate_club_graph()]


@pytest.mark.parametrize("g", REFERENCE, ids=["florentine", "karate"])
@pytest.mark.parametrize(
    ("metric", "reference"),
    [
        ("degree", nx.degree_centrality),
        ("betweenness", nx.betweenness_centrality),
        ("closeness", nx.closeness_centrality),
        ("core", nx.core_number),
    ],
)
def test_actor_metrics_equal_networkx(g: nx.Graph, metric: str, reference: Callable[..., Any]) -> None:
    rows = by_id(metric_graph(as_relations(g)))
    expected = reference(g)
    if metric in ("degree", "core"):  # counts and quotients of counts: the same arithmetic
        assert {v: rows[v][metric] for v in g} == expected
    else:  # igraph sums the same paths in another order
        assert {v: rows[v][metric] for v in g} == pytest.approx(expected, abs=1e-12, rel=0)


@pytest.mark.parametrize("g", REFERENCE, ids=["florentine", "karate"])
def test_actor_metrics_match_networkx_up_to_rounding(g: nx.Graph) -> None:
    rows = by_id(metric_graph(as_relations(g)))
    n = len(g)
    references = {
        "eigenvector": nx.eigenvector_centrality_numpy(g),
        "constraint": nx.constraint(g),
        "effective_size": nx.effective_size(g),
        "harmonic": {v: x / (n - 1) for v, x in nx.harmonic_centrality(g).items()},
    }
    for metric, expected in references.items():
        assert {v: rows[v][metric] for v in g} == pytest.approx(expected, abs=1e-12), metric


def test_actor_metrics_weighted_karate_uses_distance_and_strength() -> None:
    g = nx.karate_club_graph()
    for _, _, data in g.edges(data=True):
        data["distance"] = 1.0 / data["weight"]
        data["exact"] = Fraction(1, data["weight"])
    rows = by_id(metric_graph(as_relations(g, strength="weight"), weighted=True))
    references = {
        # Exact distances: in floats 1/3 + 1/6 != 1/2, so NetworkX would miss tied shortest paths that
        # igraph (comparing with a tolerance) counts; with fractions NetworkX counts them too.
        "betweenness": {v: float(x) for v, x in nx.betweenness_centrality(g, weight="exact").items()},
        "closeness": nx.closeness_centrality(g, distance="distance"),
        "eigenvector": nx.eigenvector_centrality_numpy(g, weight="weight"),
        "constraint": nx.constraint(g, weight="weight"),
        # NetworkX 3.6's vectorised branch (nodes=None) divides by the row maxima along the wrong
        # axis on weighted graphs; its per-node branch follows Burt's definition, as we do.
        "effective_size": nx.effective_size(g, nodes=list(g), weight="weight"),
    }
    for metric, expected in references.items():
        assert {v: rows[v][metric] for v in g} == pytest.approx(expected, abs=1e-12), metric
    assert {v: rows[v]["degree"] for v in g} == nx.degree_centrality(g)


def test_actor_metrics_star_hand_computed() -> None:
    rows = by_id(metric_graph(nx.star_graph(4)))
    centre, leaf = rows[0], rows[1]
    assert (centre["neighbours"], centre["degree"], centre["betweenness"], centre["closeness"]) == (4, 1.0, 1.0, 1.0)
    assert (leaf["neighbours"], leaf["degree"], leaf["betweenness"]) == (1, 0.25, 0.0)
    assert leaf["closeness"] == pytest.approx(4 / 7)  # distances 1 + 2 + 2 + 2
    assert leaf["harmonic"] == pytest.approx((1 + 3 * 0.5) / 4)
    assert centre["eigenvector"] == pytest.approx(0.7071067811865476)  # 1 / sqrt(2)
    assert leaf["eigenvector"] == pytest.approx(0.3535533905932738)  # 1 / sqrt(2 * 4)
    assert (centre["constraint"], leaf["constraint"]) == (0.25, 1.0)
    assert (centre["effective_size"], leaf["effective_size"]) == (4.0, 1.0)
    assert (centre["core"], centre["reach2"], leaf["reach2"]) == (1, 4, 4)


def test_actor_metrics_path_hand_computed() -> None:
    rows = by_id(metric_graph(nx.path_graph(4)))
    assert [rows[v]["betweenness"] for v in range(4)] == pytest.approx([0.0, 2 / 3, 2 / 3, 0.0])
    assert [rows[v]["closeness"] for v in range(4)] == pytest.approx([0.5, 0.75, 0.75, 0.5])
    assert [rows[v]["reach2"] for v in range(4)] == [2, 3, 3, 2]
    assert [rows[v]["core"] for v in range(4)] == [1, 1, 1, 1]


TWO_TRIANGLES = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")])


def test_actor_metrics_two_triangles_hand_computed() -> None:
    rows = by_id(metric_graph(TWO_TRIANGLES))
    assert rows["c"]["betweenness"] == pytest.approx(0.6)  # 6 of 10 pairs pass through c
    assert rows["a"]["betweenness"] == 0.0
    assert rows["c"]["closeness"] == pytest.approx(5 / 7)  # distances 1 + 1 + 1 + 2 + 2
    assert rows["a"]["constraint"] == pytest.approx(145 / 144)  # (1/2 + 1/6)^2 + (1/2 + 1/4)^2
    assert rows["c"]["effective_size"] == pytest.approx(3 - 2 / 3)  # 3 partners, one tie among them
    assert rows["a"]["effective_size"] == pytest.approx(1.0)
    assert [rows[v]["community"] for v in "abcdef"] == [1, 1, 1, 2, 2, 2]
    assert [rows[v]["core"] for v in "abcdef"] == [2] * 6


def test_network_figures_two_triangles_hand_computed() -> None:
    figures = network_figures(metric_graph(TWO_TRIANGLES))
    assert figures["actors"] == 6
    assert figures["ties"] == 7
    assert figures["density"] == pytest.approx(7 / 15)
    assert figures["components"] == 1
    assert figures["clustering"] == pytest.approx(7 / 9)  # four corners 1, c and d 1/3
    assert figures["average_path_length"] == pytest.approx(27 / 15)  # 7 pairs at 1, 4 at 2, 4 at 3
    assert figures["centralization"] == pytest.approx(4 / 20)  # max degree 3: (1 + 1 + 0 + 0 + 1 + 1) / (5 * 4)


def test_actor_metrics_isolate_hand_computed() -> None:
    g = nx.Graph([("a", "b")])
    g.add_node("z")
    rows = by_id(metric_graph(g))
    z, a = rows["z"], rows["a"]
    assert (z["neighbours"], z["degree"], z["closeness"], z["harmonic"], z["eigenvector"], z["reach2"]) == (
        0,
        0.0,
        0.0,
        0.0,
        0.0,
        0,
    )
    assert (z["constraint"], z["effective_size"], z["community"]) == (None, None, 2)
    assert a["closeness"] == 0.5  # one reachable actor at distance 1, scaled by (2 - 1) / (3 - 1)
    assert a["harmonic"] == 0.5
    assert a["eigenvector"] == pytest.approx(math.sqrt(0.5) * 2 / 3)  # unit vector scaled by component share
    figures = network_figures(metric_graph(g))
    assert (figures["components"], figures["isolates"], figures["largest_component"]) == (2, 1, 2)
    assert figures["average_path_length"] == 1.0
    assert figures["centralization"] == pytest.approx(0.5)  # (0 + 0 + 1) / (2 * 1)


def test_metric_graph_collapses_relations_with_directions() -> None:
    m = nx.MultiDiGraph()
    m.add_nodes_from("abc")
    m.add_edge("a", "b", key="v1", id="v1", type="verweist", directed=True, strength=1)
    m.add_edge("a", "b", key="v2", id="v2", type="verweist", directed=True, strength=3)
    m.add_edge("b", "c", key="k1", id="k1", type="kooperation", directed=False)
    m.add_edge("c", "c", key="self", id="self", type="kooperation", directed=False)
    h = metric_graph(m, weighted=True)
    assert sorted(h.edges) == [("a", "b"), ("b", "c")]
    assert h.edges["a", "b"]["relation_ids"] == ("v1", "v2")
    assert (h.edges["a", "b"]["strength"], h.edges["a", "b"]["distance"]) == (3, 1 / 3)
    assert (h.edges["b", "c"]["strength"], h.edges["b", "c"]["distance"]) == (1, 1.0)
    assert not any("weight" in data for _, _, data in h.edges(data=True))
    rows = by_id(h)
    assert [(rows[v]["in_degree"], rows[v]["out_degree"]) for v in "abc"] == [(0.0, 0.5), (1.0, 0.5), (0.5, 0.5)]
    assert "strength" not in metric_graph(m).edges["a", "b"]


def test_metric_graph_types_leave_relations_out(small: Any) -> None:
    g = build_graph(small, as_of=TODAY)
    without = metric_graph(g, types=["schulsozialarbeit", "kooperation", "verweist", "foerderung", "traegerschaft"])
    assert metric_graph(g).has_edge("amt", "ag78")
    assert not without.has_edge("amt", "ag78")
    assert len(without) == len(g)


def test_actor_metrics_on_small_network(small: Any) -> None:
    rows = by_id(metric_graph(build_graph(small, as_of=TODAY)))
    assert list(rows["traeger-x"]) == ["id", "name", "kind", "district", "stadtbezirk", *ACTOR_METRICS]
    assert rows["traeger-x"]["neighbours"] == 3  # gs-a, beratung-y, ag78 (sek-b ended 2025)
    assert rows["einsam"]["neighbours"] == 0
    assert rows["beratung-y"]["stadtbezirk"] == "sued"


def test_communities_numbered_by_size_then_member() -> None:
    g = nx.Graph([("x", "y"), ("b", "c"), ("c", "d"), ("b", "d"), ("p", "q")])
    assert communities(g) == {"x": 3, "y": 3, "b": 1, "c": 1, "d": 1, "p": 2, "q": 2}


def test_component_table_largest_first() -> None:
    g = nx.Graph([("x", "y"), ("a", "b"), ("b", "c")])
    g.add_node("z")
    table = component_table(g)
    assert [(r["actors"], r["members"], r["average_path_length"]) for r in table] == [
        (3, ["a", "b", "c"], pytest.approx(4 / 3)),
        (2, ["x", "y"], 1.0),
        (1, ["z"], None),
    ]


def test_group_figures_per_stadtbezirk(small: Any) -> None:
    h = metric_graph(build_graph(small, as_of=TODAY))
    groups = {r["group"]: r for r in group_figures(h, "stadtbezirk")}
    assert set(groups) == {"sued", "west", None}
    assert (groups["sued"]["actors"], groups["sued"]["ties"]) == (2, 1)  # gs-a verweist an beratung-y
    assert (groups["west"]["actors"], groups["west"]["ties"], groups["west"]["density"]) == (1, 0, 0.0)


def test_metric_info_explains_every_metric_in_german() -> None:
    assert set(METRIC_INFO) == set(ACTOR_METRICS)
    assert METRIC_INFO["betweenness"].explanation.startswith("Verbindet Gruppen, die sonst nicht")
    assert all(info.label and len(info.explanation) > 40 for info in METRIC_INFO.values())
    assert set(NETWORK_INFO) == set(network_figures(nx.path_graph(3)))


def _with_isolates() -> nx.Graph:
    g = nx.gnp_random_graph(120, 0.025, seed=3)  # several components and isolated actors
    g.add_nodes_from(range(120, 125))
    return g


MORE = [nx.les_miserables_graph(), _with_isolates(), nx.barabasi_albert_graph(400, 2, seed=1)]


@pytest.mark.parametrize("g", REFERENCE + MORE, ids=["florentine", "karate", "lesmis", "isolates", "hubs"])
def test_actor_metrics_igraph_equal_networkx(g: nx.Graph) -> None:
    plain = nx.Graph(g.edges())
    plain.add_nodes_from(g)
    rows = by_id(metric_graph(as_relations(plain)))
    n = len(plain)
    exact = pytest.approx  # within 1e-12: igraph and NetworkX add the same terms in another order
    assert {v: rows[v]["betweenness"] for v in plain} == exact(nx.betweenness_centrality(plain), abs=1e-12, rel=0)
    assert {v: rows[v]["closeness"] for v in plain} == exact(nx.closeness_centrality(plain), abs=1e-12, rel=0)
    harmonic = {v: x / (n - 1) for v, x in nx.harmonic_centrality(plain).items()}
    assert {v: rows[v]["harmonic"] for v in plain} == exact(harmonic, abs=1e-12, rel=0)
    assert {v: rows[v]["core"] for v in plain} == nx.core_number(plain)
    constraint = {v: rows[v]["constraint"] for v in plain if plain.degree(v)}
    expected = {v: x for v, x in nx.constraint(plain).items() if plain.degree(v)}
    assert constraint == exact(expected, abs=1e-12, rel=0)
    effective = {v: rows[v]["effective_size"] for v in plain if plain.degree(v)}
    assert effective == exact({v: x for v, x in nx.effective_size(plain).items() if plain.degree(v)}, abs=1e-12)
    reach2 = {v: len(nx.single_source_shortest_path_length(plain, v, cutoff=2)) - 1 for v in plain}
    assert {v: rows[v]["reach2"] for v in plain} == reach2


def test_actor_metrics_eigenvector_per_component_equals_networkx() -> None:
    g = _with_isolates()
    rows = by_id(metric_graph(as_relations(g)))
    n = len(g)
    for part in nx.connected_components(g):
        if len(part) < 3:  # two actors: 1/sqrt(2) each, scaled; checked in test_actor_metrics_isolate_hand_computed
            continue
        expected = {v: x * len(part) / n for v, x in nx.eigenvector_centrality_numpy(g.subgraph(part)).items()}
        assert {v: rows[v]["eigenvector"] for v in part} == pytest.approx(expected, abs=1e-12)
    assert all(rows[v]["eigenvector"] == 0.0 for v in nx.isolates(g))


def test_actor_metrics_same_on_every_run() -> None:
    h = metric_graph(as_relations(nx.barabasi_albert_graph(400, 2, seed=1)))
    assert actor_metrics(h) == actor_metrics(h)
