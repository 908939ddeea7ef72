"""docs/architecture.md stays true: every module of graph/ and views/ has a table row, every row a module."""

from __future__ import annotations

import re
import subprocess
import sys
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


def _rows(heading: str) -> list[str]:
    """Module names in the first column of the tables below a ``## …`` heading, up to the next one."""
    section = ARCHITECTURE.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([\w.]+)` \|", section, flags=re.MULTILINE)


ROWS = {"graph": _rows("## Module in `graph/`"), "views": _rows("## Seiten in `views/`")}


def test_sub_packages_are_found() -> None:
    # Guards the recursive glob: layers and analyses are packages, so their modules must be among MODULES.
    assert ("graph/gaps/__init__.py", "gaps") in MODULES
    assert ("graph/gaps/coverage.py", "gaps.coverage") in MODULES
    assert ("graph/data/loader.py", "data.loader") in MODULES
    assert ("graph/present/mapview/layout.py", "present.mapview.layout") in MODULES


def test_rows_are_read_from_the_tables() -> None:
    assert "data.loader" in ROWS["graph"]
    assert "vermittlung" in ROWS["views"]


@pytest.mark.parametrize(("path", "name"), MODULES, ids=[path for path, _ in MODULES])
def test_architecture_has_a_row_for_module(path: str, name: str) -> None:
    folder = path.split("/", 1)[0]
    assert name in ROWS[folder], f"docs/architecture.md hat keine Tabellenzeile für {path} (als `{name}`)"


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_row_names_an_existing_module(folder: str) -> None:
    existing = {name for path, name in MODULES if path.startswith(f"{folder}/")}
    assert [row for row in ROWS[folder] if row not in existing] == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_module_has_two_rows(folder: str) -> None:
    assert len(ROWS[folder]) == len(set(ROWS[folder]))


def test_graph_never_imports_streamlit() -> None:
    offenders = [
        p.relative_to(REPO).as_posix()
        for p in (REPO / "graph").rglob("*.py")
        if "import streamlit" in (text := p.read_text(encoding="utf-8")) or "from streamlit" in text
    ]
    assert offenders == []


_IMPORT_EACH_FIRST = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "graph" or m.startswith("graph.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {exc!r}")
print("\\n".join(failed))
"""


def test_every_module_imports_first() -> None:
    # An import cycle shows only when a module of the cycle is imported before the others (issue 17 found one).
    names = sorted(
        "graph." + name for path, name in MODULES if path.startswith("graph/") and not path.endswith("__main__.py")
    )
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH_FIRST, *names], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
