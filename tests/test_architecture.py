"""docs/architecture.md stays true: every module of graph/ and views/ has a table row, every row a module."""

from __future__ import annotations

import ast
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


VIEWS = sorted((REPO / "views").glob("*.py"))
#: The modules of views/ a page may import: shared plumbing, texts and widgets, never another page.
SHARED_VIEWS = {"common", "texts", "widgets"}


def _imported_views(path: Path) -> set[str]:
    """Names of the views modules that ``path`` imports (``from views import x``, ``import views.x``, …)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "views":
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("views."):
            names.add(str(node.module).split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("views."))
    return names


def test_imported_views_are_found() -> None:
    # Guards the AST walk: the map page imports common and texts, so both must be seen.
    assert _imported_views(REPO / "views" / "karte.py") >= {"common", "texts"}


@pytest.mark.parametrize("path", VIEWS, ids=[p.name for p in VIEWS])
def test_a_page_never_imports_another_page(path: Path) -> None:
    assert _imported_views(path) - SHARED_VIEWS - {path.stem} == set()


#: Numbers that are rules of graph/: days until stale (365, 730), years of funding periods and school years.
RULE_NUMBERS = {365, 366, 730}
RULE_TEXT = re.compile(r"\b(19|20)\d\d\b|\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def _literals(path: Path) -> list[object]:
    """Every literal of the module's code (docstrings and comments are no rules and are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docstrings]


def test_literals_are_found() -> None:
    # Guards the AST walk: the page Lücken names its CSV downloads with this MIME type.
    assert "text/csv" in _literals(REPO / "views" / "luecken.py")


@pytest.mark.parametrize("path", VIEWS, ids=[p.name for p in VIEWS])
def test_pages_hold_no_dates_or_deadlines(path: Path) -> None:
    """Stale after 365 days, the ESF+ end 31.07.2028, school years: graph/data/freshness.py and schoolyear.py."""
    offenders = [
        value
        for value in _literals(path)
        if (isinstance(value, int) and not isinstance(value, bool) and (value in RULE_NUMBERS or 1900 <= value < 2100))
        or (isinstance(value, str) and RULE_TEXT.search(value))
    ]
    assert offenders == []
