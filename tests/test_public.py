"""Internal fields never reach public output: the handout of every school, topic and district."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph import Dataset, load_dataset
from graph.data.schema import ACTOR_FIELDS, RELATION_FIELDS, internal_paths
from graph.present.handout import handout_data, render_handout
from graph.referral import build_referral_index
from tests.conftest import REPO

SECRET = "INTERN-vertraulich-7f3a"


@pytest.fixture(scope="module")
def marked() -> Dataset:
    """The bundled data with a recognisable secret in every internal field."""
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    assert internal_paths(ACTOR_FIELDS) == ["notes"] and internal_paths(RELATION_FIELDS) == ["notes"]
    actors = {key: dataclasses.replace(a, notes=f"{SECRET} {a.id}") for key, a in dataset.actors.items()}
    relations = tuple(dataclasses.replace(r, notes=f"{SECRET} {r.id}") for r in dataset.relations)
    return Dataset(dataset.vocabulary, actors, relations)


def _handouts(dataset: Dataset) -> list[str]:
    index = build_referral_index(dataset)
    day = dt.date(2026, 11, 28)
    pages = [render_handout(index, handout_data(index, "v1", today=day))]
    schools = [a.id for a in dataset.actors.values() if a.kind == "schule"]
    pages += [render_handout(index, handout_data(index, "v1", school=s, today=day)) for s in schools]
    pages += [
        render_handout(index, handout_data(index, "v1", topic=t, today=day)) for t in dataset.vocabulary.terms("topics")
    ]
    return pages


def test_handouts_leave_internal_fields_out(marked: Dataset) -> None:
    pages = _handouts(marked)
    assert len(pages) > 40
    assert all(SECRET not in page for page in pages)


def test_handout_still_shows_public_fields(marked: Dataset) -> None:
    index = build_referral_index(marked)
    page = render_handout(index, handout_data(index, "v1", topic="sucht", today=dt.date(2026, 11, 28)))
    assert "Sucht- und Drogenberatung" in page and "030 23125 104" in page
