"""Turn composed YAML nodes into plain values, field by field, reporting every mismatch.

This is where YAML 1.1 surprises are caught: a plain ``06114`` where text is
expected would be read by PyYAML as the number 3148, ``no`` as ``False`` and
``12:30`` as 750. We look at the raw text and the node's style, so the user
gets told to quote instead of getting a silently changed value.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from graph.data.problems import Problem
from graph.data.schema import SLUG_PATTERN, Field
from graph.data.suggest import did_you_mean
from graph.data.yamlread import position

__all__ = ["Converter", "Entry"]

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SAFE_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_TYPE_WORDS = {
    _TAG + "int": "Zahl",
    _TAG + "float": "Zahl",
    _TAG + "bool": "Wahrheitswert",
    _TAG + "timestamp": "Datum",
    _TAG + "null": "leerer Wert",
}
_KIND_WORDS = {
    "str": "Text",
    "slug": "Kennung (Text)",
    "int": "ganze Zahl",
    "number": "Zahl",
    "date": "Datum (JJJJ-MM-TT)",
    "bool": "true oder false",
    "list": "Liste",
    "mapping": "Feldgruppe (feld: wert)",
}
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_DECIMAL_NUMBER = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?$")
_SLUG = re.compile(SLUG_PATTERN)
_SCALAR = yaml.ScalarNode


@dataclass
class Entry:
    """One converted list entry with the positions of its values.

    ``marks`` maps a field path (``name``, ``address.postcode``, ``topics.2``) to the
    parser's mark of its value; ``""`` is the entry itself. :meth:`where` turns a mark
    into the 1-based ``(line, column)`` only when a problem needs it.
    ``complete`` is false when a required field is missing or unusable.
    """

    values: dict[str, Any]
    marks: dict[str, yaml.Mark] = field(default_factory=dict)
    complete: bool = True

    def where(self, path: str) -> tuple[int, int]:
        """Position of ``path``, falling back to its parent field, then the entry.

        Parameters
        ----------
        path : str
            Dotted field path, e.g. ``address.postcode`` or ``topics.2``; ``""`` for the entry itself.

        Returns
        -------
        tuple of int
            1-based ``(line, column)`` of the value at ``path`` or, when it has no mark, of the nearest
            parent path that has one.

        Examples
        --------
        >>> e = Entry({}, {"": yaml.Mark("a", 0, 4, 2, "", 0), "address": yaml.Mark("a", 0, 6, 4, "", 0)})
        >>> e.where("address.postcode"), e.where("name")
        ((7, 5), (5, 3))
        """
        while path not in self.marks and path:
            path = path.rpartition(".")[0]
        mark = self.marks[path]
        return mark.line + 1, mark.column + 1


@dataclass(frozen=True)
class _Table:
    """A field table worked out for converting: fields by name, the required ones, the tables of nested groups."""

    by_name: dict[str, Field]
    required: tuple[Field, ...]
    nested: dict[str, _Table]


@functools.lru_cache(maxsize=64)
def _table(fields: tuple[Field, ...]) -> _Table:
    """The :class:`_Table` of ``fields``.

    A pure function of an immutable table, so its cache may be shared; it is asked once per
    file (hashing a table of fields costs more than converting an entry), not once per entry.
    """
    nested = {f.name: _table(f.fields) for f in fields if f.kind == "mapping"}
    return _Table({f.name: f for f in fields}, tuple(f for f in fields if f.required), nested)


def _plain(node: yaml.ScalarNode) -> bool:
    """True for an unquoted scalar (libyaml says ``''``, the Python parser ``None``)."""
    return not node.style


def _yaml_reading(node: yaml.ScalarNode) -> str:
    """How PyYAML would read a plain scalar, for the message."""
    try:
        return repr(yaml.safe_load(node.value))
    except yaml.YAMLError:
        return str(node.value)


class Converter:
    """Convert the entries of one file, collecting problems in ``problems``.

    Examples
    --------
    >>> from graph.data.schema import RELATION_FIELDS
    >>> c = Converter("r.yaml")
    >>> entries = c.entries(yaml.compose("- {source: a, target: b, type: x, strength: '2'}"), RELATION_FIELDS)
    >>> entries[0].values["source"], [p.code for p in c.problems]
    ('a', ['wrong-type'])
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def report(self, node: yaml.Node, code: str, message: str, hint: str = "") -> None:
        """Record a problem at ``node``.

        Appends an error :class:`~graph.data.problems.Problem` for this converter's file to ``problems``.

        Parameters
        ----------
        node : yaml.Node
            The node the problem is about; its start gives line and column.
        code : str
            Problem code (see :data:`graph.data.problems.CODES`).
        message : str
            German message for the user.
        hint : str
            German hint on how to fix it; empty by default.
        """
        line, column = position(node)
        self.problems.append(Problem(self.file, line, column, code, message, hint))

    def _usable(self, node: yaml.Node) -> bool:
        # Aliases never get here: graph.data.yamlread refuses files that use them.
        if node.tag not in _SAFE_TAGS:
            self.report(
                node,
                "yaml-tag",
                f"Die YAML-Markierung '{node.tag}' wird nicht unterstützt.",
                "Entfernen Sie die Markierung (z. B. '!!python/object') und schreiben Sie den Wert als Text.",
            )
            return False
        return True

    def entries(self, root: yaml.Node, fields: tuple[Field, ...], what: str = "Eintrag") -> list[Entry]:
        """Convert a top-level list of mappings.

        Parameters
        ----------
        root : yaml.Node
            Composed root of the file.
        fields : tuple of Field
            Allowed fields of an entry.
        what : str
            German noun for one entry, used in messages.

        Returns
        -------
        list of Entry
            One entry per item that is a mapping, in file order; items that are not mappings or carry an
            unsupported tag are reported and skipped. Empty, with a problem recorded, when ``root`` is not a
            list or carries an unsupported tag.
        """
        if not self._usable(root):
            return []
        if not isinstance(root, yaml.SequenceNode):
            self.report(
                root,
                "wrong-root",
                "Die Datei muss eine Liste von Einträgen sein.",
                "Beginnen Sie jeden Eintrag mit '- ' am Zeilenanfang.",
            )
            return []
        result = []
        table = _table(fields)
        for item in root.value:
            if not self._usable(item):
                continue
            if not isinstance(item, yaml.MappingNode):
                self.report(
                    item,
                    "wrong-type",
                    f"Jeder {what} muss aus Zeilen 'feld: wert' bestehen.",
                    "Siehe die Beispiele in data/README.md.",
                )
                continue
            entry = Entry({}, {"": item.start_mark})
            entry.values = self._mapping(item, table, "", entry)
            result.append(entry)
        return result

    def record(self, root: yaml.Node, fields: tuple[Field, ...], what: str = "Datei") -> Entry | None:
        """Convert a top-level mapping of fields (``meta.yaml``); ``None`` when it is not one.

        Parameters
        ----------
        root : yaml.Node
            Composed root of the file.
        fields : tuple of Field
            Allowed fields of the record.
        what : str
            German noun for the file, used in the message when the root is not a mapping.

        Returns
        -------
        Entry or None
            The converted record (values that failed to convert are left out, their problems recorded);
            ``None``, with a problem recorded, when ``root`` is not a mapping or carries an unsupported tag.

        Examples
        --------
        >>> from graph.data.schema import META_FIELDS
        >>> c = Converter("meta.yaml")
        >>> c.record(yaml.compose("reference_date: 2026-11-28"), META_FIELDS).values
        {'reference_date': datetime.date(2026, 11, 28)}
        >>> c.record(yaml.compose("reference_date: 2026-02-30"), META_FIELDS).values, [p.code for p in c.problems]
        ({}, ['invalid-date'])
        """
        if not self._usable(root):
            return None
        if not isinstance(root, yaml.MappingNode):
            self.report(
                root,
                "wrong-root",
                f"Die {what} muss aus Zeilen 'feld: wert' bestehen, nicht aus einer Liste oder einem einzelnen Wert.",
                "Siehe data/README.md.",
            )
            return None
        entry = Entry({}, {"": root.start_mark})
        entry.values = self._mapping(root, _table(fields), "", entry)
        return entry

    def keyed_lists(self, root: yaml.Node, lists: dict[str, tuple[str, tuple[Field, ...]]]) -> dict[str, list[Entry]]:
        """Convert a top-level mapping of named lists (the vocabulary file).

        Parameters
        ----------
        root : yaml.Node
            Composed root of the file.
        lists : dict of str to tuple of (str, tuple of Field)
            Allowed list names -> (description, fields of one entry); only the fields are used here.

        Returns
        -------
        dict of str to list of Entry
            The converted entries of each known list present in the file; unknown and repeated keys are
            reported and skipped. Empty, with a problem recorded, when ``root`` is not a mapping.

        Examples
        --------
        >>> from graph.data.schema import Field
        >>> c = Converter("vocabulary.yaml")
        >>> lists = {"topics": ("Themen", (Field("id", "slug", "Kennung."),))}
        >>> result = c.keyed_lists(yaml.compose("{topics: [{id: lesen}], topcs: []}"), lists)
        >>> result["topics"][0].values, [p.code for p in c.problems]
        ({'id': 'lesen'}, ['unknown-field'])
        """
        result: dict[str, list[Entry]] = {}
        if not self._usable(root):
            return result
        if not isinstance(root, yaml.MappingNode):
            self.report(
                root,
                "wrong-root",
                "Die Datei muss aus benannten Listen bestehen (z. B. 'topics:').",
                "Siehe data/README.md, Abschnitt Vokabular.",
            )
            return result
        for key, value in self._keys(root, list(lists)):
            result[key] = self.entries(value, lists[key][1], "Begriff")
        return result

    def _keys(self, node: yaml.MappingNode, allowed: dict[str, Any] | list[str]) -> list[tuple[str, yaml.Node]]:
        """Known keys with their value nodes; reports unknown and repeated keys."""
        seen: dict[str, yaml.Node] = {}  # the key node, not its line: a line is only needed for a repeated key
        pairs = []
        for key_node, value_node in node.value:
            key = key_node.value if type(key_node) is _SCALAR else ""
            if key in seen:
                self.report(
                    key_node,
                    "yaml-duplicate-key",
                    f"Das Feld '{key}' steht in diesem Eintrag zweimal (zuerst in Zeile {position(seen[key])[0]}).",
                    "Löschen Sie eine der beiden Zeilen; YAML würde sonst still die letzte nehmen.",
                )
                continue
            seen[key] = key_node
            if key not in allowed:
                hint = did_you_mean(key, list(allowed)) or "Erlaubte Felder: " + ", ".join(allowed) + "."
                self.report(key_node, "unknown-field", f"Unbekanntes Feld '{key}'.", hint)
                continue
            pairs.append((key, value_node))
        return pairs

    def _mapping(self, node: yaml.MappingNode, table: _Table, prefix: str, entry: Entry) -> dict[str, Any]:
        by_name, required = table.by_name, table.required
        values: dict[str, Any] = {}
        marks = entry.marks
        for key, value_node in self._keys(node, by_name):
            path = prefix + key
            marks[path] = value_node.start_mark
            f = by_name[key]
            # Fast path for the most common value, a text that YAML also read as text;
            # anything else takes the full route below.
            if value_node.tag == _STR and type(value_node) is _SCALAR and f.kind in ("str", "slug"):
                text = value_node.value
                if len(text) <= f.max_length and (f.name != "id" or f.kind == "str" or _SLUG.match(text)):
                    values[key] = text
                    continue
            value = self._value(value_node, f, path, entry, table)
            if value is not None:
                values[key] = value
        for f in required:
            if f.name not in values:
                if prefix + f.name not in entry.marks:
                    self.report(
                        node,
                        "missing-field",
                        f"Pflichtfeld '{f.name}' fehlt.",
                        f"Ergänzen Sie eine Zeile '{f.name}: …' ({f.doc})",
                    )
                entry.complete = False
        return values

    def _value(self, node: yaml.Node, f: Field, path: str, entry: Entry, parent: _Table) -> Any:
        if not self._usable(node):
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null" and _plain(node):
            if f.required:
                self.report(
                    node, "empty-value", f"Das Pflichtfeld '{f.name}' ist leer.", f"Tragen Sie einen Wert ein ({f.doc})"
                )
            return None
        if f.kind == "mapping":
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, parent.nested[f.name], path + ".", entry)
            self._wrong(node, f)
            return None
        if f.kind == "list":
            return self._list(node, f, path, entry)
        return self._scalar(node, f.kind, f)

    def _list(self, node: yaml.Node, f: Field, path: str, entry: Entry) -> tuple[Any, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode):
                self._wrong(node, f, f"Schreiben Sie eine Liste: {f.name}: [{node.value}]")
                return None
            self._wrong(node, f)
            return None
        items = []
        for index, item in enumerate(node.value):
            if not self._usable(item):
                continue
            entry.marks[f"{path}.{index}"] = item.start_mark
            value = self._scalar(item, f.item or "str", f) if isinstance(item, yaml.ScalarNode) else None
            if value is None and not isinstance(item, yaml.ScalarNode):
                self.report(
                    item,
                    "wrong-type",
                    f"Jeder Listeneintrag in '{f.name}' muss ein einzelner Wert sein.",
                    "Schreiben Sie die Werte durch Komma getrennt in eckige Klammern: [a, b].",
                )
            if value is not None:
                items.append(value)
        return tuple(items)

    def _wrong(self, node: yaml.Node, f: Field, hint: str = "") -> None:
        found = (
            "Liste"
            if isinstance(node, yaml.SequenceNode)
            else "Feldgruppe"
            if isinstance(node, yaml.MappingNode)
            else f"'{node.value}'"
        )
        self.report(
            node, "wrong-type", f"'{f.name}' erwartet {_KIND_WORDS[f.kind]}, gefunden: {found}.", hint or f"{f.doc}"
        )
        return None

    def _scalar(self, node: yaml.Node, kind: str, f: Field) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self._wrong(node, Field(f.name, kind, f.doc))
            return None
        plain = _plain(node)
        if kind in ("str", "slug"):
            if plain and node.tag != _TAG + "str":
                self._implicit(node, f, f'Setzen Sie den Wert in Anführungszeichen: "{node.value}".')
                return None
            if kind == "slug" and f.name == "id" and not _SLUG.match(node.value):
                self.report(
                    node,
                    "invalid-id",
                    f"Die Kennung '{node.value}' ist ungültig.",
                    "Nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, z. B. 'gs-silberhoehe'.",
                )
                return None
            if len(node.value) > f.max_length:
                self.report(
                    node,
                    "invalid-value",
                    f"Der Text in '{f.name}' ist {len(node.value)} Zeichen lang, erlaubt sind {f.max_length}.",
                    f"Kürzen Sie den Text auf höchstens {f.max_length} Zeichen.",
                )
                return None
            return node.value
        if kind == "date":
            return self._date(node, f)
        if kind == "bool":
            if plain and node.tag == _TAG + "bool" and node.value.lower() in ("true", "false"):
                return node.value.lower() == "true"
            if plain and node.tag == _TAG + "bool":
                self._implicit(node, f, "Schreiben Sie true oder false.")
                return None
            self._wrong(node, Field(f.name, kind, f.doc), "Schreiben Sie true oder false.")
            return None
        return self._number(node, kind, f)

    def _implicit(self, node: yaml.ScalarNode, f: Field, hint: str) -> None:
        word = _TYPE_WORDS.get(node.tag, "anderer Typ")
        self.report(
            node,
            "yaml-implicit-type",
            f"'{node.value}' in '{f.name}' wird von YAML als {word} {_yaml_reading(node)} gelesen, "
            f"nicht als {_KIND_WORDS.get(f.kind if f.kind != 'list' else f.item or 'str')}.",
            hint,
        )
        return None

    def _date(self, node: yaml.ScalarNode, f: Field) -> dt.date | None:
        try:
            if len(node.value) == 10:
                return dt.date.fromisoformat(node.value)
        except ValueError:
            pass
        self.report(
            node,
            "invalid-date",
            f"'{node.value}' in '{f.name}' ist kein gültiges Datum.",
            "Schreiben Sie das Datum als JJJJ-MM-TT, z. B. 2024-08-01.",
        )
        return None

    def _number(self, node: yaml.ScalarNode, kind: str, f: Field) -> int | float | None:
        pattern = _DECIMAL_INT if kind == "int" else _DECIMAL_NUMBER
        if not _plain(node) or not pattern.match(node.value):
            hint = f.doc if _plain(node) else "Schreiben Sie die Zahl ohne Anführungszeichen."
            if _plain(node) and node.tag in (_TAG + "int", _TAG + "float"):
                hint = f"YAML liest '{node.value}' als {_yaml_reading(node)}; schreiben Sie die Zahl dezimal."
            self._wrong(node, Field(f.name, kind, f.doc), hint)
            return None
        number: int | float = int(node.value) if kind == "int" else float(node.value)
        if (f.minimum is not None and number < f.minimum) or (f.maximum is not None and number > f.maximum):
            self.report(
                node, "invalid-value", f"'{f.name}' ist {node.value}, erlaubt ist {f.minimum} bis {f.maximum}.", f.doc
            )
            return None
        return number
