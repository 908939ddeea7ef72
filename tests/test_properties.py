"""Property-based tests: no mutation of valid data crashes the loader; every outcome is data or a located report."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import load_dataset
from graph.data.loader import DATA_FILES
from tests.conftest import TODAY, VALID

ORIGINAL = {name: yaml.safe_load((VALID / name).read_text(encoding="utf-8")) for name in DATA_FILES}
TEXTS = {name: (VALID / name).read_text(encoding="utf-8") for name in DATA_FILES}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates().map(lambda d: d.isoformat()),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, str]:
    """The reference data with a few structural mutations, dumped back to YAML text."""
    files = {name: yaml.safe_load(yaml.safe_dump(data)) for name, data in ORIGINAL.items()}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(DATA_FILES))
        paths = _paths(files[name])
        path = draw(st.sampled_from(paths))
        parent = files[name]
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["delete", "replace", "rename-id", "shuffle"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "rename-id" and isinstance(parent, dict) and "id" in parent:
            parent["id"] = draw(st.text(max_size=12))
        elif isinstance(parent, list):
            draw(st.randoms()).shuffle(parent)
    return {name: yaml.safe_dump(data, allow_unicode=True, sort_keys=False) for name, data in files.items()}


@st.composite
def garbled(draw: st.DrawFn) -> dict[str, str]:
    """The reference files with random characters inserted or removed in one place."""
    files = dict(TEXTS)
    name = draw(st.sampled_from(DATA_FILES))
    text = files[name]
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, 5))
    files[name] = text[:at] + draw(st.text(max_size=6)) + text[at + cut :]
    return files


def _check(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        result = load_dataset(folder, today=TODAY)
        if result.valid:
            assert result.dataset is not None and not result.report.errors
            return
        assert result.dataset is None
        for problem in result.report.errors:
            assert Path(problem.file).name in DATA_FILES
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message and problem.code


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(mutated())
def test_loader_survives_structural_mutations(files: dict[str, str]) -> None:
    _check(files)


@SETTINGS
@given(garbled())
def test_loader_survives_garbled_text(files: dict[str, str]) -> None:
    _check(files)


def test_loader_survives_missing_folder(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path)
    assert [p.code for p in load_dataset(tmp_path).report.errors] == ["file-missing"] * 3
