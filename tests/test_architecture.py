"""docs/architecture.md stays true: every module of graph/ and views/ is described there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
MODULES = sorted(
    p.relative_to(REPO).with_suffix("").as_posix()
    for folder in ("graph", "views")
    for p in (REPO / folder).glob("*.py")
    if not p.name.startswith("__")
)


@pytest.mark.parametrize("module", MODULES)
def test_architecture_mentions_module(module: str) -> None:
    assert f"`{Path(module).name}`" in ARCHITECTURE, f"docs/architecture.md erwähnt {module} nicht"


def test_graph_never_imports_streamlit() -> None:
    offenders = [
        p.name
        for p in (REPO / "graph").glob("*.py")
        if "import streamlit" in p.read_text(encoding="utf-8") or "from streamlit" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
