"""graph.data.loadcache: a restarted app reads the checked data set from disk; anything odd means reading again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import graph.data.loadcache as loadcache
from graph.data.diskcache import prune, write_bytes
from graph.data.fingerprint import data_fingerprint
from graph.data.loader import load_dataset
from tests.conftest import REPO

VALID = REPO / "tests" / "data" / "valid"
DAY = dt.date(2026, 11, 28)


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("read the data again although the cache holds it")


def test_second_load_comes_from_disk_and_equals_a_fresh_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = loadcache.cached_load(VALID, data_fingerprint(VALID), DAY, tmp_path)
    monkeypatch.setattr(loadcache, "load_dataset", _refuse)
    again = loadcache.cached_load(VALID, data_fingerprint(VALID), DAY, tmp_path)
    assert again == first == load_dataset(VALID, today=DAY)
    assert again.today == first.today and again.dataset == first.dataset


def test_the_day_and_its_source_are_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETZWERKKARTE_TODAY", raising=False)
    from_data = loadcache.cached_load(VALID, "f", None, tmp_path)
    given = loadcache.cached_load(VALID, "f", from_data.today.day if from_data.today else DAY, tmp_path)
    later = loadcache.cached_load(VALID, "f", dt.date(2030, 1, 1), tmp_path)
    assert [r.today.source if r.today else None for r in (from_data, given, later)] == ["data", "given", "given"]
    assert len(list(tmp_path.glob("load-*.pickle"))) == 3
    assert len(later.report.warnings) > len(from_data.report.warnings)  # entries grow stale by 2030


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."])  # empty, garbage, a pickled None
def test_a_broken_or_foreign_file_is_read_again(tmp_path: Path, content: bytes) -> None:
    loadcache.cached_load(VALID, "f", DAY, tmp_path)
    (path,) = tmp_path.glob("load-*.pickle")
    path.write_bytes(content)
    assert loadcache.cached_load(VALID, "f", DAY, tmp_path) == load_dataset(VALID, today=DAY)


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    assert loadcache.cached_load(VALID, "f", DAY, blocked / "cache") == load_dataset(VALID, today=DAY)
    assert not write_bytes(blocked / "cache" / "x.bin", b"1")


def test_code_version_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = loadcache.code_version()
    loadcache.code_version.cache_clear()
    monkeypatch.setattr(loadcache.sys, "version", "other")
    try:
        assert loadcache.code_version() != before
    finally:
        loadcache.code_version.cache_clear()


def test_prune_keeps_the_newest_files_of_one_kind(tmp_path: Path) -> None:
    import os

    for i in range(10):
        write_bytes(tmp_path / f"load-{i}.pickle", b"x")
        os.utime(tmp_path / f"load-{i}.pickle", (1000 + i, 1000 + i))
    write_bytes(tmp_path / "layout-a.json", b"{}")
    prune(tmp_path, "load-*.pickle", keep=8)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["layout-a.json"] + [f"load-{i}.pickle" for i in range(2, 10)]
