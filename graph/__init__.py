"""Netzwerkkarte Schulerfolg Halle: data model, validation and network logic (no UI)."""

from graph.build import build_graph
from graph.loader import DATA_FILES, LoadResult, load_dataset
from graph.model import Actor, Dataset, Relation, Term, Vocabulary
from graph.problems import Problem, Report

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
]
