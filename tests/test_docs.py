"""Documentation stays true: every field, vocabulary list and problem code is explained in data/README.md."""

from __future__ import annotations

import pytest

from graph.data.problems import CODES
from graph.data.schema import ACTOR_FIELDS, META_FIELDS, RELATION_FIELDS, VOCABULARY_LISTS, field_paths
from tests.conftest import REPO

DATA_README = (REPO / "data" / "README.md").read_text(encoding="utf-8")


def _documented(name: str) -> bool:
    # A field counts as documented when it appears as code: `name` (also inside a longer code span).
    return f"`{name}`" in DATA_README or f"`{name}:" in DATA_README


@pytest.mark.parametrize("path", field_paths(ACTOR_FIELDS))
def test_data_readme_documents_actor_field(path: str) -> None:
    assert _documented(path), f"data/README.md erklärt das Akteursfeld `{path}` nicht"


@pytest.mark.parametrize("path", field_paths(RELATION_FIELDS))
def test_data_readme_documents_relation_field(path: str) -> None:
    assert _documented(path), f"data/README.md erklärt das Beziehungsfeld `{path}` nicht"


@pytest.mark.parametrize("path", field_paths(META_FIELDS))
def test_data_readme_documents_meta_field(path: str) -> None:
    assert _documented("meta.yaml") and _documented(path), (
        f"data/README.md erklärt das Feld `{path}` in meta.yaml nicht"
    )


@pytest.mark.parametrize(
    "name", sorted({f"{lst}.{p}" for lst, (_, fields) in VOCABULARY_LISTS.items() for p in field_paths(fields)})
)
def test_data_readme_documents_vocabulary_field(name: str) -> None:
    list_name, field = name.split(".", 1)
    assert _documented(list_name), f"data/README.md erklärt die Liste `{list_name}` nicht"
    assert _documented(field), f"data/README.md erklärt das Feld `{field}` der Liste `{list_name}` nicht"


@pytest.mark.parametrize("code", sorted(CODES))
def test_data_readme_documents_problem_code(code: str) -> None:
    assert f"`{code}`" in DATA_README, f"data/README.md erklärt den Prüfcode `{code}` nicht"
