"""Netzwerkkarte Schulerfolg Halle: data model, validation and network logic (no UI).

The names below are imported on first use, so a module that needs only part of the
package (the command line, a test of the loader) does not pay for importing NetworkX.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.data.build import build_graph
    from graph.data.loader import DATA_FILES, LoadResult, load_dataset
    from graph.data.model import Actor, Dataset, Relation, Term, Vocabulary
    from graph.data.problems import Problem, Report
    from graph.data.provenance import provenance_label

__all__ = [
    "DATA_FILES",
    "Actor",
    "Dataset",
    "LoadResult",
    "Problem",
    "Relation",
    "Report",
    "Term",
    "Vocabulary",
    "build_graph",
    "load_dataset",
    "provenance_label",
]

_HOME = {
    "build_graph": "graph.data.build",
    "DATA_FILES": "graph.data.loader",
    "LoadResult": "graph.data.loader",
    "load_dataset": "graph.data.loader",
    "Actor": "graph.data.model",
    "Dataset": "graph.data.model",
    "Relation": "graph.data.model",
    "Term": "graph.data.model",
    "Vocabulary": "graph.data.model",
    "Problem": "graph.data.problems",
    "Report": "graph.data.problems",
    "provenance_label": "graph.data.provenance",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
