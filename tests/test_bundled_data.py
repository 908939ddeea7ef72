"""The bundled Halle demo data: valid, the promised size, honest provenance, ESF+ period."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import Dataset, build_graph, load_dataset
from tests.conftest import REPO, TODAY

ESF_START = dt.date(2024, 8, 1)


@pytest.fixture(scope="module")
def halle() -> Dataset:
    result = load_dataset(REPO / "data", today=TODAY)
    assert result.dataset is not None, [p.format() for p in result.report.errors]
    return result.dataset


def test_bundled_data_has_no_errors() -> None:
    assert load_dataset(REPO / "data", today=TODAY).report.errors == []


def test_bundled_data_graph_counts(halle: Dataset) -> None:
    graph = build_graph(halle)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (84, 217)


def test_bundled_data_as_of_before_esf_drops_esf_relations(halle: Dataset) -> None:
    esf = {r.id for r in halle.relations if r.funding and (r.funding.programme or "").startswith("esf-plus")}
    assert len(esf) == 27
    before = {key for _, _, key in build_graph(halle, as_of=ESF_START - dt.timedelta(days=1)).edges(keys=True)}
    during = {key for _, _, key in build_graph(halle, as_of=ESF_START).edges(keys=True)}
    assert esf.isdisjoint(before)
    assert {r.id for r in halle.relations if r.id in esf and r.since == ESF_START} <= during
    assert (len(before), len(during)) == (61, 109)


def test_bundled_data_size_and_spread(halle: Dataset) -> None:
    schools = [a for a in halle.actors.values() if a.kind == "schule"]
    assert len(halle.actors) >= 60 and len(halle.relations) >= 150
    assert len({a.district for a in schools if a.district}) >= 12
    assert {r.type for r in halle.relations} == {
        "schulsozialarbeit",
        "kooperation",
        "mitglied",
        "foerderung",
        "verweist",
        "traegerschaft",
    }


def test_bundled_data_every_entry_states_provenance(halle: Dataset) -> None:
    assert [a.id for a in halle.actors.values() if not a.provenance] == []
    assert [r.id for r in halle.relations if not r.provenance] == []


def test_bundled_data_invented_relations_are_marked(halle: Dataset) -> None:
    # Only the links DOMAIN.md backs with a public source may name one; every other relation says demo.
    assert sorted(r.id for r in halle.relations if not r.is_demo) == [
        "mitglied-buergerstiftung-hallianz",
        "mitglied-friedenskreis-halle-hallianz",
        "mitglied-fwa-hallianz",
        "mitglied-stadt-hallianz",
        "ssa-internationaler-bund-gms-heinrich-heine",
        "ssa-villa-juehling-bbs-iv",
        "ssa-villa-juehling-gs-albrecht-duerer",
        "ssa-villa-juehling-gs-heideschule",
        "ssa-villa-juehling-kgs-humboldt",
        "ssa-villa-juehling-lilien-grundschule",
    ]
