"""graph.present.layoutcache: the map layout on disk per data version, safe against broken files and folders."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import graph.present.layoutcache as layoutcache
from graph.present.layoutcache import CACHE_ENV, LAYOUT_VERSION, cache_dir, cached_layout
from graph.present.mapview import layout_positions


@pytest.fixture
def network() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    g.add_node("z")
    return g


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the layouts actually computed (not read from disk)."""
    calls: list[int] = []

    def counting(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
        calls.append(len(graph))
        return layout_positions(graph)

    monkeypatch.setattr(layoutcache, "layout_positions", counting)
    return calls


def _file(folder: Path, fingerprint: str = "f1") -> Path:
    return folder / f"layout-{LAYOUT_VERSION}-{fingerprint}.json"


def test_computed_once_per_data_version(network: nx.MultiDiGraph, computed: list[int], tmp_path: Path) -> None:
    first = cached_layout(network, "f1", tmp_path)
    again = cached_layout(network, "f1", tmp_path)  # as after a restart: nothing in memory, the file is there
    assert first == again == layout_positions(network)
    assert computed == [6]
    assert [p.name for p in tmp_path.iterdir()] == [_file(tmp_path).name]  # no temporary file left behind
    cached_layout(network, "f2", tmp_path)  # another data version is laid out anew
    assert computed == [6, 6]


@pytest.mark.parametrize(
    "content",
    [
        b'{"a": [1.0, 2',  # cut off while written by a crashed process
        b"\xff\xfe not text",
        b"[]",
        json.dumps({"a": [0, 0], "b": [1, 1]}).encode(),  # other actors than the graph's
        json.dumps({v: [0, 0] for v in "abcxyz"} | {"z": [0]}).encode(),
        json.dumps({v: [0, 0] for v in "abcxyz"} | {"z": ["0", 0]}).encode(),
        json.dumps({v: [0, 0] for v in "abcxyz"} | {"z": [True, 0]}).encode(),
        b'{"a": [0, 0], "b": [0, 0], "c": [0, 0], "x": [0, 0], "y": [0, 0], "z": [NaN, 0]}',
    ],
    ids=["truncated", "binary", "not-a-dict", "other-actors", "one-coordinate", "text", "bool", "nan"],
)
def test_broken_file_is_computed_again_and_replaced(
    network: nx.MultiDiGraph, computed: list[int], tmp_path: Path, content: bytes
) -> None:
    _file(tmp_path).write_bytes(content)
    assert cached_layout(network, "f1", tmp_path) == layout_positions(network)
    assert computed == [6]
    assert json.loads(_file(tmp_path).read_text(encoding="utf-8")) == {
        k: list(v) for k, v in layout_positions(network).items()
    }


def test_unwritable_folder_still_gives_the_layout(
    network: nx.MultiDiGraph, computed: list[int], tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert cached_layout(network, "f1", blocked / "cache") == layout_positions(network)
    assert cached_layout(network, "f1", blocked / "cache") == layout_positions(network)
    assert computed == [6, 6]
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_unreadable_file_is_computed_again(network: nx.MultiDiGraph, computed: list[int], tmp_path: Path) -> None:
    _file(tmp_path).mkdir()  # a folder where the file should be: cannot be read nor replaced
    assert cached_layout(network, "f1", tmp_path) == layout_positions(network)
    assert computed == [6]


def test_cache_folder_from_environment(
    network: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "shared"))
    assert cache_dir() == tmp_path / "shared"
    cached_layout(network, "f1")
    assert _file(tmp_path / "shared").is_file()
    monkeypatch.delenv(CACHE_ENV)
    assert cache_dir() == Path(layoutcache.__file__).resolve().parents[2] / ".cache" / "netzwerkkarte"
