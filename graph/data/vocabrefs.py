"""References of an entry to actors and vocabulary terms: what the cross-checks know, and the check itself.

:class:`CheckContext` holds what checking one entry needs to know about the whole data set (the vocabulary,
the actor ids and kinds, whether those files could be read); :func:`check_vocab_refs` reports every
reference to an actor or term that does not exist, with a „Meinten Sie …?“ hint. The other checks of an
entry are in :mod:`graph.data.checks`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graph.data.convert import Entry
from graph.data.model import AREA_LISTS, Vocabulary
from graph.data.problems import Problem
from graph.data.schema import AREA, Field
from graph.data.suggest import did_you_mean

__all__ = ["CheckContext", "check_vocab_refs"]


@dataclass
class CheckContext:
    """What the cross-checks need to know about the whole data set."""

    vocabulary: Vocabulary
    actor_kinds: dict[str, str]
    vocabulary_readable: bool = True
    actors_readable: bool = True
    _allowed: dict[str, set[str]] = field(default_factory=dict)

    def allowed(self, vocab: str) -> set[str]:
        """Ids allowed for a vocabulary reference, computed once per list (checks run per value).

        Parameters
        ----------
        vocab : str
            A field's ``vocab``: a vocabulary list name, or ``@area`` for the ids allowed in ``service_area``.

        Returns
        -------
        set of str
            The term ids of that list (empty when the vocabulary lacks it); for ``@area`` ``stadtweit``
            plus the ids of every area list. The cached set itself, so callers must not change it.
        """
        if vocab not in self._allowed:
            ids = self.vocabulary.area_ids() if vocab == AREA else set(self.vocabulary.terms(vocab))
            self._allowed[vocab] = ids
        return self._allowed[vocab]

    def open_list(self, f: Field) -> bool:
        """True when ``f`` takes free text because the vocabulary lacks its optional list.

        Parameters
        ----------
        f : Field
            A field with a ``vocab`` reference.

        Returns
        -------
        bool
            ``f.vocab_optional`` is set and the list ``f.vocab`` is missing or empty in the vocabulary.
        """
        return f.vocab_optional and not self.vocabulary.terms(str(f.vocab))


_Plan = tuple[tuple[Field, "_Plan | None"], ...]


@functools.lru_cache(maxsize=64)
def _plan(fields: tuple[Field, ...]) -> _Plan:
    """The fields of ``fields`` that hold references, nested groups with their own plan.

    Worked out once per field table, so checking an entry only visits reference fields. A pure
    function of an immutable table, so its cache may be shared; asked once per list of entries,
    not per entry, because hashing a table of fields costs more than checking an entry.
    """
    plan: list[tuple[Field, _Plan | None]] = []
    for f in fields:
        if f.fields:
            nested = _plan(f.fields)
            if nested:
                plan.append((f, nested))
        elif f.vocab:
            plan.append((f, None))
    return tuple(plan)


def _references(plan: _Plan, values: dict[str, object], prefix: str = "") -> Iterator[tuple[str, Field, object]]:
    """Yield ``(path, field, value)`` for every vocabulary or actor reference in an entry."""
    for f, nested in plan:
        value = values.get(f.name)
        if value is None:
            continue
        if nested is not None:
            if isinstance(value, dict):
                yield from _references(nested, value, prefix + f.name + ".")
        elif isinstance(value, tuple):
            yield from ((f"{prefix}{f.name}.{i}", f, v) for i, v in enumerate(value))
        else:
            yield prefix + f.name, f, value


def _unknown_term(file: str, entry: Entry, path: str, f: Field, value: str, ctx: CheckContext) -> Problem | None:
    vocab = ctx.vocabulary
    if f.vocab == "@actor":
        if value in ctx.actor_kinds or not ctx.actors_readable:
            return None
        return Problem(
            file,
            *entry.where(path),
            "unknown-actor",
            f"'{f.name}' verweist auf '{value}', das es in actors.yaml nicht gibt.",
            did_you_mean(value, ctx.actor_kinds) or "Legen Sie den Akteur an oder korrigieren Sie die Kennung.",
        )
    if not ctx.vocabulary_readable:
        return None  # the vocabulary file itself is broken: its problem is reported once, not per use
    assert f.vocab is not None
    allowed = ctx.allowed(f.vocab)
    if value in allowed or ctx.open_list(f):
        return None
    if f.vocab == AREA:
        labels = {t.label: t.id for n in AREA_LISTS for t in vocab.terms(n).values()}
        list_name = ", ".join(AREA_LISTS) + " oder 'stadtweit'"
    else:
        labels = {t.label: t.id for t in vocab.terms(f.vocab).values()}
        # legal bases are also written as „SGB VIII § 13a“ or „§ 13a SGB VIII“
        labels |= {f"{t.law} {t.paragraph}": t.id for t in vocab.terms(f.vocab).values() if t.law and t.paragraph}
        labels |= {f"{t.paragraph} {t.law}": t.id for t in vocab.terms(f.vocab).values() if t.law and t.paragraph}
        list_name = f.vocab
    hint = (
        did_you_mean(value, allowed, labels)
        or f"Neue Begriffe werden in data/vocabulary.yaml unter '{list_name}' ergänzt."
    )
    return Problem(
        file,
        *entry.where(path),
        "unknown-term",
        f"'{value}' ist kein Begriff der Liste {list_name} (Feld '{f.name}').",
        hint,
    )


def _all_known(plan: _Plan, values: dict[str, Any], ctx: CheckContext) -> bool:
    """True when every reference in ``values`` names a known actor or term."""
    for f, nested in plan:
        value = values.get(f.name)
        if value is None:
            continue
        if nested is not None:
            if isinstance(value, dict) and not _all_known(nested, value, ctx):
                return False
            continue
        if ctx.open_list(f):
            continue
        known = ctx.actor_kinds if f.vocab == "@actor" else ctx.allowed(str(f.vocab))
        if isinstance(value, tuple):
            if not all(v in known for v in value):
                return False
        elif value not in known:
            return False
    return True


def check_vocab_refs(
    file: str, entries: Iterable[Entry], fields: tuple[Field, ...], ctx: CheckContext
) -> list[Problem]:
    """Report references to actors or vocabulary terms that do not exist, in every entry of one list.

    Parameters
    ----------
    file : str
        File name given to each problem.
    entries : iterable of Entry
        The converted entries of the list.
    fields : tuple of Field
        The field table of the list (e.g. :data:`graph.data.schema.RELATION_FIELDS`); only fields with a
        ``vocab`` and nested groups holding such fields are visited.
    ctx : CheckContext
        Vocabulary and actor ids to check against. Unknown actors are not reported when
        ``actors_readable`` is false, unknown terms not when ``vocabulary_readable`` is false; fields of an
        optional list the vocabulary lacks (:meth:`CheckContext.open_list`) take any value.

    Returns
    -------
    list of Problem
        One ``unknown-actor`` or ``unknown-term`` error per unknown value (each list item on its own),
        in entry order, with a "did you mean" hint when a close id or label exists.

    Examples
    --------
    >>> import yaml
    >>> from graph.data.model import Term
    >>> from graph.data.schema import RELATION_FIELDS
    >>> ctx = CheckContext(Vocabulary({"relation_types": {"kooperation": Term("kooperation", "Kooperation")}}),
    ...     {"a": "schule", "b": "traeger"})
    >>> ok = Entry({"source": "a", "target": "b", "type": "kooperation"}, {"": yaml.Mark("r", 0, 0, 0, "", 0)})
    >>> bad = Entry({"source": "a", "target": "c", "type": "kooperatoin"}, {"": yaml.Mark("r", 0, 4, 2, "", 0)})
    >>> [(p.line, p.code, p.hint) for p in check_vocab_refs("r.yaml", [ok, bad], RELATION_FIELDS, ctx)]
    [(5, 'unknown-actor', 'Legen Sie den Akteur an oder korrigieren Sie die Kennung.'), (5, 'unknown-term', "Meinten Sie 'kooperation'?")]
    """
    plan = _plan(fields)
    problems = []
    for entry in entries:
        if _all_known(plan, entry.values, ctx):  # almost every entry: no paths, no messages
            continue
        for path, f, value in _references(plan, entry.values):
            problem = _unknown_term(file, entry, path, f, str(value), ctx)
            if problem:
                problems.append(problem)
    return problems
