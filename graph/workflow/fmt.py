"""Canonical form of the data files: key order of the schema, one quoting rule, comments kept."""

from __future__ import annotations

import argparse
import io
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from graph.data.atomicfile import write_atomic
from graph.data.loader import DATA_FILES, LoadResult, load_dataset
from graph.data.model import Dataset
from graph.data.schema import ACTOR_FIELDS, RELATION_FIELDS, VOCABULARY_LISTS, Field

__all__ = ["FmtResult", "add_arguments", "canonical_text", "format_folder", "run", "same_data"]

#: Fields whose values are always quoted: digit strings that YAML 1.1 turns into numbers.
ALWAYS_QUOTED = frozenset({"postcode", "phone"})
_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()
_YAML12 = VersionedResolver(version=(1, 2))
_ANALYSER = Emitter(io.StringIO(), allow_unicode=True)
# Without a dumper, ruamel asks the emitter itself for the YAML version when a scalar holds "?" (URLs with a
# query); answer 1.1, the version our reader uses, so "?" counts as a flow indicator as PyYAML would read it.
_ANALYSER.use_version = (1, 1)  # type: ignore[attr-defined]


def _misread(text: str) -> bool:
    """True when a plain scalar ``text`` would not be read back as a string (YAML 1.1 or 1.2)."""
    implicit = (True, False)
    tag11: str = _YAML11.resolve(yaml.ScalarNode, text, implicit)  # type: ignore[no-untyped-call]
    tag12: str = _YAML12.resolve(ScalarNode, text, implicit)
    return tag11 != _STR_TAG or tag12 != _STR_TAG


def _styled(text: str, name: str, in_flow: bool) -> Any:
    """The string as a plain or a double-quoted scalar, by the one quoting rule of the project."""
    if "\n" in text:
        return LiteralScalarString(text)
    analysis = _ANALYSER.analyze_scalar(text)
    plain_ok = analysis.allow_flow_plain if in_flow else analysis.allow_block_plain
    if name in ALWAYS_QUOTED or not text or not plain_ok or _misread(text) or text != text.strip():
        return DoubleQuotedScalarString(text)
    return str(text)


def _is_block(value: Any) -> bool:
    """True for a non-empty block collection; comments after a flow one sit with its key, as after a scalar."""
    return isinstance(value, CommentedMap | CommentedSeq) and bool(value) and value.fa.flow_style() is not True


def _comment_slot(node: Any) -> tuple[list[Any], int] | None:
    """The comment slot after the deepest last scalar of ``node`` (list of its comment tokens, index)."""
    if isinstance(node, CommentedMap) and node:
        last = next(reversed(node))
        if _is_block(node[last]):
            return _comment_slot(node[last])
        return node.ca.items.setdefault(last, [None, None, None, None]), 2
    if isinstance(node, CommentedSeq) and node:
        if _is_block(node[-1]):
            return _comment_slot(node[-1])
        return node.ca.items.setdefault(len(node) - 1, [None, None]), 0
    return None


def _take_trailing(node: Any) -> str:
    """Detach the blank lines and comment lines that follow ``node`` (its end-of-line comment stays).

    Returned as ``"\n" + lines``: the leading newline ends the value's own line.
    """
    slot = _comment_slot(node)
    if slot is None or slot[0][slot[1]] is None:
        return ""
    token = slot[0][slot[1]]
    text = token.value
    if text.startswith("#"):
        own, _, rest = text.partition("\n")
        token.value = own + "\n"
        return "\n" + rest if rest else ""
    slot[0][slot[1]] = None
    return str(text)


def _put_trailing(node: Any, text: str) -> None:
    """Attach lines taken by :func:`_take_trailing` after the (new) last value of ``node``."""
    slot = _comment_slot(node)
    if slot is None or not text:
        return
    token = slot[0][slot[1]]
    if token is None:
        slot[0][slot[1]] = CommentToken(text, CommentMark(0), None)
    else:
        token.value = token.value + text[1:]


def _order_keys(mapping: CommentedMap, order: list[str]) -> None:
    """Sort keys in place: schema order first, unknown keys after them in their old order."""
    wanted = [k for k in order if k in mapping] + [k for k in mapping if k not in order]
    if list(mapping) == wanted:
        return
    trailing = _take_trailing(mapping)
    for key in wanted:
        mapping.move_to_end(key)
    _put_trailing(mapping, trailing)


def _normalise_list(seq: CommentedSeq, f: Field) -> None:
    flow = f.item == "slug"
    if flow:
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    for i, item in enumerate(seq):
        if isinstance(item, str):
            # list.__setitem__: CommentedSeq's own setter would keep the old quoting
            list.__setitem__(seq, i, _styled(item, f.name, flow))


def _normalise_value(value: Any, f: Field | None, name: str) -> Any:
    if f is not None and f.kind == "mapping" and isinstance(value, CommentedMap):
        _normalise_mapping(value, f.fields)
    elif f is not None and f.kind == "list" and isinstance(value, CommentedSeq):
        _normalise_list(value, f)
    elif isinstance(value, str):
        return _styled(value, name, in_flow=False)
    return value


def _normalise_mapping(mapping: CommentedMap, schema: tuple[Field, ...]) -> None:
    by_name = {f.name: f for f in schema}
    _order_keys(mapping, list(by_name))
    mapping.fa.set_block_style()
    for key in list(mapping):
        value = _normalise_value(mapping[key], by_name.get(str(key)), str(key))
        # ordereddict.__setitem__: CommentedMap's own setter would keep the old quoting
        ordereddict.__setitem__(mapping, key, value)


def _normalise_entries(seq: Any, schema: tuple[Field, ...]) -> None:
    if isinstance(seq, CommentedSeq):
        seq.fa.set_block_style()
        for entry in seq:
            if isinstance(entry, CommentedMap):
                _normalise_mapping(entry, schema)


def _normalise_vocabulary(doc: Any) -> None:
    if not isinstance(doc, CommentedMap):
        return
    _order_keys(doc, list(VOCABULARY_LISTS))
    for name, entries in doc.items():
        if name in VOCABULARY_LISTS:
            _normalise_entries(entries, VOCABULARY_LISTS[name][1])


class _Emitter(Emitter):
    """Ruamel's emitter with one rule for end-of-line comments: two spaces after the value."""

    def write_comment(self, comment: Any, pre: bool = False) -> None:
        if not pre and self.column and str(comment.value).startswith("#"):
            comment = CommentToken(comment.value, CommentMark(self.column + 2), None)
        super().write_comment(comment, pre)


def _yaml() -> YAML:
    y = YAML()  # round-trip mode: keeps comments, key order and flow/block style
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096  # never fold long German sentences onto several lines
    y.preserve_quotes = True
    y.Emitter = _Emitter
    return y


def _dedent_root_list(text: str) -> str:
    """Put the items of a root-level list at column 0 (``- id: …``), as editors and the docs show them."""
    return re.sub(r"(?m)^  ", "", text)


def canonical_text(text: str, file_name: str) -> str:
    """Return ``text`` of ``actors.yaml``, ``relations.yaml`` or ``vocabulary.yaml`` in canonical form.

    Keys follow the order of :mod:`graph.data.schema`; lists of ids are written in flow style
    (``topics: [a, b]``), everything else in block style with 2-space indentation; a string is
    double-quoted when YAML would read it as something else (``"06114"``, ``"no"``, ``"12:30"``),
    when it cannot be written plain, and always in ``postcode`` and ``phone``; other text stays
    plain. Comments stay where they are.

    Parameters
    ----------
    text : str
        Content of one data file.
    file_name : str
        ``vocabulary.yaml`` or ``actors.yaml`` picks that schema; any other name is read as ``relations.yaml``.

    Returns
    -------
    str
        The canonical text; a root-level list has its items at column 0.

    Examples
    --------
    >>> print(canonical_text("- name: 'A'  # Schule\\n  id: a\\n  kind: schule\\n  topics:\\n  - x\\n", "actors.yaml"), end="")
    - id: a
      name: A  # Schule
      kind: schule
      topics: [x]
    """
    y = _yaml()
    doc = y.load(text)
    if file_name == "vocabulary.yaml":
        _normalise_vocabulary(doc)
    else:
        _normalise_entries(doc, ACTOR_FIELDS if file_name == "actors.yaml" else RELATION_FIELDS)
    out = io.StringIO()
    y.dump(doc, out)
    result = out.getvalue()
    return _dedent_root_list(result) if isinstance(doc, CommentedSeq) else result


def _plain(value: Any) -> Any:
    """A record without its ``line`` attribute, for comparing two loads of the same data."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
        if "line" in changes:
            changes["line"] = 0
        return replace(value, **changes)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def same_data(a: Dataset, b: Dataset) -> bool:
    """True when two data sets hold the same entries (positions in the files ignored).

    Parameters
    ----------
    a : Dataset
        The first data set; the ``line`` of every record is ignored.
    b : Dataset
        The second data set; the ``line`` of every record is ignored.

    Returns
    -------
    bool
        True when everything but the line numbers is equal.

    Examples
    --------
    >>> from graph.data.model import Actor, Vocabulary
    >>> same_data(Dataset(Vocabulary(), {"a": Actor("a", "A", "schule", line=3)}, ()),
    ...           Dataset(Vocabulary(), {"a": Actor("a", "A", "schule", line=9)}, ()))
    True
    """
    return bool(_plain(a) == _plain(b))


@dataclass
class FmtResult:
    """Outcome of :func:`format_folder`: files not yet canonical, problems, and whether files were written."""

    changed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    written: bool = False


def _problem_lines(result: LoadResult, prefix: str) -> list[str]:
    return [prefix] + [p.format() for p in result.report.errors]


def _check_result(data_dir: Path, texts: dict[str, str], before: Dataset) -> list[str]:
    """Load the formatted texts from a scratch copy; they must validate and mean the same."""
    with tempfile.TemporaryDirectory() as scratch:
        for name in DATA_FILES:
            source = data_dir / name
            target = Path(scratch) / name
            target.write_text(texts.get(name, source.read_text(encoding="utf-8")), encoding="utf-8")
        after = load_dataset(scratch, today=None)
    if after.dataset is None:
        return _problem_lines(after, "Das formatierte Ergebnis wäre ungültig; nichts geschrieben:")
    if not same_data(before, after.dataset):
        return ["Das Formatieren würde den Inhalt ändern; nichts geschrieben. Bitte melden."]
    return []


def format_folder(data_dir: str | Path = "data", check: bool = False) -> FmtResult:
    """Bring the three files of a data folder into canonical form (or, with ``check``, only report).

    Refuses (``problems``, nothing written) when the folder does not validate, or when the
    formatted files would not validate or would load to different data. Files that are already
    canonical are never touched; the others are written atomically.

    Parameters
    ----------
    data_dir : str or Path
        Folder holding ``vocabulary.yaml``, ``actors.yaml`` and ``relations.yaml`` (default ``data``).
    check : bool
        Only report which files are not canonical; write nothing.

    Returns
    -------
    FmtResult
        ``changed``: paths of the files not in canonical form (formatted unless ``check`` or refused);
        ``problems``: German lines why nothing was written; ``written``: whether files were written.

    Examples
    --------
    >>> format_folder("tests/data/valid", check=True).problems
    []
    """
    base = Path(data_dir)
    loaded = load_dataset(base)
    if loaded.dataset is None:
        return FmtResult(problems=_problem_lines(loaded, "Die Daten sind ungültig; nichts formatiert:"))
    texts: dict[str, str] = {}
    for name in DATA_FILES:
        original = (base / name).read_text(encoding="utf-8")
        canonical = canonical_text(original, name)
        if canonical != original:
            texts[name] = canonical
    result = FmtResult(changed=[str(base / name) for name in texts])
    if check or not texts:
        return result
    result.problems = _check_result(base, texts, loaded.dataset)
    if result.problems:
        return result
    for name, text in texts.items():
        write_atomic(base / name, text)
    result.written = True
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m graph fmt``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["--check"])
    Namespace(data_dir='data', check=True)
    """
    parser.add_argument("data_dir", nargs="?", default="data", help="Datenordner (Standard: data)")
    parser.add_argument("--check", action="store_true", help="nur prüfen, nichts schreiben (Exit-Code 1, falls nötig)")


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run ``python -m graph fmt``; exit code 1 on problems or, with ``--check``, on files to format.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_arguments`.
    out : callable, optional
        Receives each German output line (problems, files formatted or to format); default :func:`print`.

    Returns
    -------
    int
        0 when done (or nothing to do), 1 on problems or, with ``--check``, when a file is not canonical.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> lines = []
    >>> run(parser.parse_args(["/nonexistent", "--check"]), out=lines.append)
    1
    >>> lines[0]
    'Die Daten sind ungültig; nichts formatiert:'
    """
    result = format_folder(args.data_dir, check=args.check)
    for line in result.problems:
        out(line)
    if result.problems:
        return 1
    if args.check:
        for name in result.changed:
            out(f"{name}: nicht in kanonischer Form (python -m graph fmt {args.data_dir} behebt das)")
        if not result.changed:
            out("Alle Dateien sind in kanonischer Form.")
        return 1 if result.changed else 0
    for name in result.changed:
        out(f"{name}: formatiert")
    if not result.changed:
        out("Alle Dateien sind bereits in kanonischer Form.")
    return 0
