"""Read a YAML file into position-carrying nodes without constructing Python objects.

We compose instead of ``safe_load`` so that every value keeps its line and
column, repeated keys and YAML 1.1 surprises stay visible, and no tag is ever
constructed (``!!python/object`` is reported, never executed).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from graph.data.problems import Problem

__all__ = ["ReadResult", "indentation_problem", "position", "read_yaml"]

# libyaml is several times faster; the pure-Python loader gives the same nodes.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=65_536)
def _resolve(kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
    return str(_RESOLVER.resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader with a memo for implicit tags.

    Even libyaml's loader resolves tags in Python, one regular-expression scan per plain
    scalar; data files repeat the same ids and terms thousands of times, so the memo
    (a C-level cache, keyed by the scalar's text and style) saves most of that work.
    The tag of a scalar depends only on its text and whether it was quoted.
    """

    resolve = staticmethod(_resolve)
    # The composer calls these two for every node, to support path-dependent resolvers
    # (``add_path_resolver``), which we never register. C built-ins that take the same
    # arguments and do nothing cost a fraction of the Python methods (about 0.1 s at
    # 10,000 actors): ``slice(parent, index)`` and ``tuple()`` build a throwaway value.
    descend_resolver = staticmethod(slice)
    ascend_resolver = staticmethod(tuple)


# libyaml's English problem text -> (German message, German hint)
_TAB = ("Tabulator zum Einrücken.", "Tabulatoren sind in YAML nicht erlaubt: rücken Sie mit Leerzeichen ein.")
_INDENT = (
    "Die Einrückung passt nicht.",
    "Prüfen Sie die Einrückung: Einträge einer Liste beginnen alle in derselben Spalte mit '- '.",
)
_SYNTAX = (
    ("cannot start any token", _TAB),
    ("tab character", _TAB),
    (
        "mapping values are not allowed",
        (
            "Unerwarteter Doppelpunkt.",
            "Steht ein Doppelpunkt im Text? Setzen Sie den ganzen Wert in Anführungszeichen.",
        ),
    ),
    ("did not find expected '-' indicator", _INDENT),
    ("expected <block end>", _INDENT),
    (
        "could not find expected ':'",
        ("Ein Doppelpunkt fehlt.", "Jede Zeile eines Eintrags braucht die Form 'feld: wert'."),
    ),
    (
        "found unexpected end of stream",
        ("Die Datei endet mitten in einem Wert.", "Ein Anführungszeichen oder eine Klammer wurde nicht geschlossen."),
    ),
    (
        "found undefined alias",
        (
            "Verweis auf einen unbekannten Anker.",
            "Anker und Verweise (& und *) werden nicht unterstützt: schreiben Sie den Wert aus.",
        ),
    ),
    (
        "expected a single document",
        (
            "Mehr als ein Dokument in der Datei.",
            "Die Datei darf nur ein Dokument enthalten: entfernen Sie weitere '---'-Zeilen.",
        ),
    ),
)


@dataclass
class ReadResult:
    """The root node of one file (``None`` when unreadable) and the problems met."""

    node: yaml.Node | None
    problems: list[Problem]


def position(node: yaml.Node) -> tuple[int, int]:
    """Return the 1-based ``(line, column)`` where ``node`` starts.

    Parameters
    ----------
    node : yaml.Node
        A composed node.

    Returns
    -------
    tuple of int
        ``(line, column)`` of the node's start mark, counted from 1.

    Examples
    --------
    >>> node = yaml.compose("a: 1")
    >>> position(node.value[0][1])
    (1, 4)
    """
    return node.start_mark.line + 1, node.start_mark.column + 1


#: Parser problems that a line indented differently from its neighbours causes.
_INDENT_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>",
)
_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_LIST_ITEM = re.compile(r"^( *)-(?: |$)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_indent(line: str) -> int:
    """Column (0-based) where the keys of the mapping on ``line`` start: after any ``- `` markers."""
    column = _indent(line)
    while line[column:].startswith("- "):
        column += 2 + _indent(line[column + 2 :])
    return column


def _meaningful(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip(" ").startswith("#")


def indentation_problem(text: str, line: int) -> tuple[str, str] | None:
    r"""German message and hint when ``line`` is indented differently from the line it should align with.

    A list item (``- …``) should align with the list item before it, any other line with the keys of
    the line before it. Returns ``None`` when the indentation matches, when the line before opens a
    nested block (``key:`` at the end), or when there is no line before.

    Parameters
    ----------
    text : str
        The whole file text.
    line : int
        1-based number of the line to judge (the line a parser error points at). Blank and comment lines
        are skipped when looking for the line before.

    Returns
    -------
    tuple of (str, str) or None
        ``(message, hint)`` naming the found and the wanted number of spaces and the reference line;
        ``None`` as described above, and also when ``line`` is the first line, lies outside the text or is
        blank or a comment.

    Examples
    --------
    >>> message, hint = indentation_problem("- id: gs-a\n  name: Schule\n   kind: schule\n", 3)
    >>> message
    'Die Zeile ist anders eingerückt als die vorige: 3 statt 2 Leerzeichen.'
    >>> hint
    'Rücken Sie sie auf 2 Leerzeichen ein, wie Zeile 2.'
    >>> indentation_problem("- id: a\n  name: A\n - id: b\n", 3)[1]
    'Lassen Sie die Zeile ganz links beginnen, wie Zeile 1.'
    >>> indentation_problem("- name: Schule: Mitte\n", 1) is None
    True
    """
    lines = _LINE_BREAK.split(text)
    if not 1 < line <= len(lines) or not _meaningful(lines[line - 1]):
        return None
    current = lines[line - 1]
    before = [n for n in range(line - 1, 0, -1) if _meaningful(lines[n - 1])]
    if not before:
        return None
    item = _LIST_ITEM.match(current)
    if item:
        siblings = [n for n in before if _LIST_ITEM.match(lines[n - 1])]
        reference = next((n for n in siblings if _indent(lines[n - 1]) <= _indent(current) + 2), before[0])
        wanted = _indent(lines[reference - 1]) if _LIST_ITEM.match(lines[reference - 1]) else None
    else:
        reference = before[0]
        wanted = None
    previous = lines[reference - 1]
    if wanted is None:
        if previous.split(" #")[0].rstrip().endswith(":"):
            return None  # a nested block opens here: any deeper indentation is right
        wanted = _content_indent(previous)
    have = _indent(current)
    if have == wanted:
        return None
    message = f"Die Zeile ist anders eingerückt als die vorige: {have} statt {wanted} Leerzeichen."
    if wanted == 0:
        hint = f"Lassen Sie die Zeile ganz links beginnen, wie Zeile {reference}."
    else:
        hint = f"Rücken Sie sie auf {wanted} Leerzeichen ein, wie Zeile {reference}."
    return message, hint


def _syntax_text(detail: str) -> tuple[str, str]:
    """German message and hint for a parser problem; the parser's own words stay in the message."""
    for needle, (message, hint) in _SYNTAX:
        if needle in detail:
            return f"YAML-Syntaxfehler: {message} (Parser: {detail})", hint
    hint = "Prüfen Sie die Zeile und die darüber auf Einrückung, Doppelpunkte und Anführungszeichen."
    return f"YAML-Syntaxfehler (Parser: {detail})", hint


def _alias_problems(text: str, shown: str) -> list[Problem]:
    """One problem per line that uses an alias (``*name``).

    Aliases are refused outright: expanding them is how a tiny "billion laughs" file eats
    gigabytes, and a reader of the data file cannot see what ``*name`` stands for anyway.
    """
    lines: dict[int, Problem] = {}
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) and mark is not None and mark.line + 1 not in lines:
            line, column = mark.line + 1, mark.column + 1
            message = f"Verweis '*{event.anchor}' auf einen Anker: Anker und Verweise werden nicht unterstützt."
            hint = "Schreiben Sie den Wert an dieser Stelle aus und entfernen Sie '&name' beim Original."
            lines[line] = Problem(shown, line, column, "yaml-alias", message, hint)
    return list(lines.values())


def _decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    try:
        # utf-8-sig drops a byte-order mark that Windows editors like to add.
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problem = Problem(
            shown,
            line,
            column,
            "file-encoding",
            f"Die Datei ist nicht als UTF-8 gespeichert (Byte 0x{raw[exc.start]:02x}).",
            "Speichern Sie die Datei im Editor mit der Kodierung UTF-8.",
        )
        return None, [problem]


def _parse(text: str, shown: str) -> ReadResult:
    try:
        node = _Loader(text).get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (exc.context, exc.problem) if part)
        message, hint = _syntax_text(detail)
        indentation = indentation_problem(text, line) if any(p in detail for p in _INDENT_PROBLEMS) else None
        if indentation is not None:
            message, hint = f"YAML-Syntaxfehler: {indentation[0]} (Parser: {detail})", indentation[1]
        return ReadResult(None, [Problem(shown, line, column, "yaml-syntax", message, hint)])
    except yaml.reader.ReaderError as exc:  # control characters: only a character offset is known
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = f"Die Datei enthält ein unsichtbares Steuerzeichen (Code {exc.character!r})."
        hint = "Löschen Sie das Zeichen an dieser Stelle (oft beim Kopieren aus Word oder PDF entstanden)."
        return ReadResult(None, [Problem(shown, line, column, "yaml-syntax", message, hint)])
    if "*" in text:  # cheap gate: only files that could hold an alias pay for the second pass
        aliases = _alias_problems(text, shown)
        if aliases:
            return ReadResult(None, aliases)
    if node is None:
        hint = "Eine leere Liste schreibt man als '[]'."
        return ReadResult(None, [Problem(shown, 1, 1, "empty-file", "Die Datei ist leer.", hint)])
    return ReadResult(node, [])


def read_yaml(path: Path, shown: str | None = None) -> ReadResult:
    """Compose one YAML file, reporting what keeps it from being read.

    Parameters
    ----------
    path : Path
        File to read.
    shown : str, optional
        Name used in problems (defaults to ``str(path)``).

    Returns
    -------
    ReadResult
        ``node`` is the composed root or ``None``; ``problems`` lists
        ``file-missing``, ``file-encoding``, ``yaml-syntax``, ``yaml-alias`` or ``empty-file``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
    >>> _ = p.write_text("a: [1, 2", encoding="utf-8")
    >>> [pr.code for pr in read_yaml(p).problems]
    ['yaml-syntax']
    """
    shown = shown or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        hint = "Legen Sie die Datei an oder prüfen Sie den Datenordner."
        return ReadResult(None, [Problem(shown, 1, 1, "file-missing", "Die Datei fehlt.", hint)])
    except IsADirectoryError:
        hint = "An dieser Stelle wird eine YAML-Datei erwartet."
        return ReadResult(None, [Problem(shown, 1, 1, "file-missing", "Das ist ein Ordner, keine Datei.", hint)])
    text, problems = _decode(raw, shown)
    if text is None:
        return ReadResult(None, problems)
    return _parse(text, shown)
