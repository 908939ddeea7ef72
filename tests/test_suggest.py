"""Tests of graph.data.suggest: slugs and 'Meinten Sie …?' stay what the plain definitions give."""

from __future__ import annotations

import difflib
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.data.suggest import ascii_words, closest, slugify
from tests.conftest import VALID

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
IDS = sorted(set(re.findall(r"^- id: (\S+)", (VALID / "actors.yaml").read_text(encoding="utf-8"), re.M)))


def _plain_slug(text: str) -> str:
    """The slug rule as first written: umlauts spelled out, accents dropped, other runs of characters a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _plain_closest(value: str, pool: list[str]) -> str | None:
    slug = _plain_slug(value)
    if slug in pool and slug != value:
        return slug
    match = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
    match = match or (difflib.get_close_matches(slug, pool, n=1, cutoff=0.6) if slug else [])
    return match[0] if match else None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_slugify_is_the_plain_rule(text: str) -> None:
    assert slugify(text) == _plain_slug(text) == "-".join(ascii_words(text).split())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdeghilnorstuz-äöü 0123456789", max_size=16))
def test_closest_is_plain_difflib(value: str) -> None:
    """rapidfuzz only leaves out what difflib could never pick: the suggestion is the same."""
    assert closest(value, IDS) == _plain_closest(value, IDS)


NUMBERED = [f"{kind}-{i:05d}" for kind in ("schule", "traeger", "projekt") for i in range(0, 3000, 7)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NUMBERED), st.integers(0, 12), st.sampled_from(["", "0", "x", "-", "1"]))
def test_closest_among_many_alike_is_plain_difflib(wanted: str, at: int, typo: str) -> None:
    """Hundreds of candidates share their bound: ties go to the larger text, as in difflib."""
    value = wanted[:at] + typo + wanted[at + 1 :]
    assert closest(value, NUMBERED) == _plain_closest(value, NUMBERED)


def test_closest_empty() -> None:
    assert closest("", ["", "a"]) == _plain_closest("", ["", "a"]) == ""
    assert closest("a", []) is None


def test_closest_on_typos_of_ids() -> None:
    typos = {"gs-aa": "gs-a", "sek-": "sek-b", "traeger": "traeger-x", "beratng-y": "beratung-y", "xyzzy": None}
    assert {typo: closest(typo, IDS) for typo in typos} == typos
