"""docs/architecture.md stays true: every module of graph/ and views/ is described there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
FOLDERS = ("graph", "views")


def _doc_name(path: Path, folder: str) -> str | None:
    """How the docs name a module: ``metrics``, a sub-package ``gaps``, its modules ``gaps.coverage``.

    ``None`` for the top-level ``__init__``/``__main__``, which have no table row.
    """
    parts = list(path.relative_to(REPO / folder).with_suffix("").parts)
    if len(parts) > 1 and parts[-1] == "__init__":
        parts.pop()
    if parts[-1].startswith("__"):
        return None
    return ".".join(parts)


MODULES = sorted(
    (p.relative_to(REPO).as_posix(), name)
    for folder in FOLDERS
    for p in (REPO / folder).rglob("*.py")
    if (name := _doc_name(p, folder)) is not None
)


def test_sub_packages_are_found() -> None:
    # Guards the recursive glob: the gap analyses are a package, so its modules must be among MODULES.
    assert ("graph/gaps/__init__.py", "gaps") in MODULES
    assert ("graph/gaps/coverage.py", "gaps.coverage") in MODULES


@pytest.mark.parametrize(("path", "name"), MODULES, ids=[path for path, _ in MODULES])
def test_architecture_mentions_module(path: str, name: str) -> None:
    assert f"`{name}`" in ARCHITECTURE, f"docs/architecture.md erwähnt {path} nicht (als `{name}`)"


def test_graph_never_imports_streamlit() -> None:
    offenders = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "graph").rglob("*.py")
        if "import streamlit" in (text := p.read_text(encoding="utf-8")) or "from streamlit" in text
    ]
    assert offenders == []
