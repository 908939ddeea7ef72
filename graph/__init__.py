"""Netzwerkkarte Schulerfolg Halle: data model, validation and network logic (no UI).

The names below are imported on first use, so a module that needs only part of the
package (the second reading process of :mod:`graph.readworker`, the command line) does
not pay for importing NetworkX.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.build import build_graph
    from graph.loader import DATA_FILES, LoadResult, load_dataset
    from graph.model import Actor, Dataset, Relation, Term, Vocabulary
    from graph.problems import Problem, Report
    from graph.provenance import provenance_label

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
    "build_graph": "graph.build",
    "DATA_FILES": "graph.loader",
    "LoadResult": "graph.loader",
    "load_dataset": "graph.loader",
    "Actor": "graph.model",
    "Dataset": "graph.model",
    "Relation": "graph.model",
    "Term": "graph.model",
    "Vocabulary": "graph.model",
    "Problem": "graph.problems",
    "Report": "graph.problems",
    "provenance_label": "graph.provenance",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
