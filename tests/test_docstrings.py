"""Public functions of graph/ carry numpydoc sections: Parameters when they take any, Returns when they return."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

SECTIONS = {"Parameters": "----------", "Returns": "-------", "Yields": "------"}


def _public_functions(path: Path) -> Iterator[ast.FunctionDef]:
    """Module-level functions and methods of module-level classes whose names do not start with ``_``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield from (
                item for item in node.body if isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
            )


def _has(doc: str, section: str) -> bool:
    return f"\n{section}\n{SECTIONS[section]}\n" in f"\n{doc}\n"


def _returns_value(node: ast.FunctionDef) -> bool:
    returns = node.returns
    return returns is not None and not (isinstance(returns, ast.Constant) and returns.value is None)


def missing_sections(node: ast.FunctionDef) -> list[str]:
    """The numpydoc sections a function lacks: parameters named in the code, a result it returns."""
    doc = ast.get_docstring(node) or ""
    params = [a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)]
    params = [p for p in params if p not in ("self", "cls")]
    missing = []
    if params and not _has(doc, "Parameters"):
        missing.append("Parameters")
    undocumented = [p for p in params if _has(doc, "Parameters") and f"\n{p} :" not in doc and f"\n{p}\n" not in doc]
    missing += [f"Parameter {p}" for p in undocumented]
    is_property = any(isinstance(d, ast.Name) and d.id in ("property", "cached_property") for d in node.decorator_list)
    if _returns_value(node) and not is_property and not (_has(doc, "Returns") or _has(doc, "Yields")):
        missing.append("Returns")
    return missing


FILES = sorted(p for p in (REPO / "graph").rglob("*.py"))


def test_the_check_finds_functions() -> None:
    names = {node.name for node in _public_functions(REPO / "graph" / "data" / "loader.py")}
    assert "load_dataset" in names


def test_the_check_flags_a_bare_function() -> None:
    node = ast.parse("def f(a: int) -> int:\n    '''Add one.'''\n    return a + 1\n").body[0]
    assert isinstance(node, ast.FunctionDef)
    assert missing_sections(node) == ["Parameters", "Returns"]


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(REPO).as_posix() for p in FILES])
def test_public_functions_have_numpydoc_sections(path: Path) -> None:
    gaps = {node.name: m for node in _public_functions(path) if (m := missing_sections(node))}
    assert gaps == {}
