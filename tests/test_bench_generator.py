"""Synthetic network generator: valid data at every benchmark size, same data for the same seed."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.generate import KIND_SHARES, RELATION_SHARES, SIZES, generate, write_network
from graph import build_graph, load_dataset
from graph.data.loader import LoadResult
from tests.conftest import TODAY


@pytest.fixture(scope="module", params=SIZES, ids=[f"n{n}" for n in SIZES])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, LoadResult]:
    """Each size generated, written and loaded once for the module."""
    folder = tmp_path_factory.mktemp(f"net{request.param}")
    write_network(folder, request.param, seed=7)
    return request.param, load_dataset(folder, today=TODAY)


def test_write_network_validates_without_errors(written: tuple[int, LoadResult]) -> None:
    size, result = written
    assert [p.format() for p in result.report.errors] == []
    assert result.counts["actors"] == size
    assert 2.8 * size <= result.counts["relations"] <= 3.0 * size


def test_write_network_has_hubs_and_one_isolate(written: tuple[int, LoadResult]) -> None:
    size, result = written
    dataset = result.dataset
    assert dataset is not None
    degrees = sorted((d for _, d in build_graph(dataset).degree()), reverse=True)
    median = degrees[size // 2]
    assert 3 <= median <= 7
    assert degrees[0] >= 5 * median  # hubs, as committees and carriers in the demo data
    assert degrees.count(0) >= 1


def test_generate_same_seed_same_network() -> None:
    first, again, other = generate(300, seed=3), generate(300, seed=3), generate(300, seed=4)
    assert first == again
    assert first.relations != other.relations


def test_generate_keeps_proportions() -> None:
    network = generate(2000, seed=7)
    kinds = Counter(a["kind"] for a in network.actors)
    assert {k: round(c / 2000, 2) for k, c in kinds.items()} == KIND_SHARES
    types = Counter(r["type"] for r in network.relations)
    shares = {t: c / len(network.relations) for t, c in types.items()}
    assert shares == pytest.approx(RELATION_SHARES, abs=0.01)


def test_generate_rejects_tiny_size() -> None:
    with pytest.raises(ValueError, match="at least 20"):
        generate(5)
