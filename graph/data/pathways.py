"""The optional ``pathways.yaml``: intervention pathways (ordered stages with roles) and who fills the roles.

A pathway is data, like actors and relations: an id, a label, its public source and ordered stages. Each
stage names the roles responsible from the fixed list :data:`ROLES`; :mod:`graph.pathway` turns the roles
into the actual actors of one school. The file is read and checked with the same converter as the other
files, so every problem carries file, line and column; a data folder without the file stays valid.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from graph.data.checks import check_duplicate_ids
from graph.data.convert import Converter, Entry
from graph.data.model import Actor, Vocabulary
from graph.data.problems import Problem
from graph.data.schema import Field
from graph.data.suggest import did_you_mean
from graph.data.yamlread import read_yaml

if TYPE_CHECKING:
    from graph.data.loader import LoadResult

__all__ = [
    "DIRECTORY_ROLES",
    "PATHWAYS_FILE",
    "PATHWAY_FIELDS",
    "ROLES",
    "ROLE_FIELDS",
    "STAGE_FIELDS",
    "Pathway",
    "PathwaySet",
    "Stage",
    "attach_pathways",
    "read_pathways",
]

#: The optional file of a data folder that holds the pathways.
PATHWAYS_FILE = "pathways.yaml"

#: The fixed roles a stage may name, with their German labels.
ROLES: dict[str, str] = {
    "schule": "Schule (Klassenleitung, Schulleitung)",
    "eltern": "Eltern (Sorgeberechtigte)",
    "schulsozialarbeit": "Schulsozialarbeit",
    "beratung": "Beratung zum Thema",
    "schulpsychologie": "Schulpsychologie",
    "asd": "Allgemeiner Sozialer Dienst (ASD)",
    "landesschulamt": "Landesschulamt",
    "ordnungsamt": "Zuständige Behörde der Stadt (Schulpflicht)",
    "netzwerkstelle": "Netzwerkstelle „Schulerfolg für Halle“",
}
#: Roles whose actors the file names (``roles:``); the others come from the network itself: the school,
#: its families, its school social work (relations) and counselling offers (the referral's ranking).
DIRECTORY_ROLES = ("schulpsychologie", "asd", "landesschulamt", "ordnungsamt", "netzwerkstelle")


def _f(name: str, kind: str, doc: str, **options: object) -> Field:
    return Field(name, kind, doc, **options)  # type: ignore[arg-type]


_SOURCE = _f(
    "source",
    "str",
    "Öffentliche Quelle (URL, dahinter in Klammern, was dort steht). Nur was die Quelle sagt, gehört hierher.",
    required=True,
    max_length=1000,
)
_NOTES = _f("notes", "str", "Interne Bemerkungen.", max_length=5000, internal=True)

#: Fields of one stage of a pathway.
STAGE_FIELDS: tuple[Field, ...] = (
    _f("id", "slug", "Kennung der Stufe, eindeutig in der Kette.", required=True),
    _f("title", "str", "Kurzer Titel der Stufe.", required=True, max_length=200),
    _f("trigger", "str", "Auslöser, z. B. „erste ungeklärte Abwesenheit“.", required=True, max_length=500),
    _f("deadline", "str", "Frist, wie die Quelle sie nennt; weglassen, wenn die Quelle keine nennt.", max_length=300),
    _f("actions", "str", "Was in dieser Stufe getan wird.", max_length=2000),
    _f("documents", "list", "Dokumente und Formulare dieser Stufe.", item="str"),
    _f(
        "roles", "list", "Zuständige Rollen aus der festen Liste: " + ", ".join(ROLES) + ".", item="slug", required=True
    ),
    _SOURCE,
    _NOTES,
)

#: Fields of one pathway; ``stages`` is a list of entries with :data:`STAGE_FIELDS`.
PATHWAY_FIELDS: tuple[Field, ...] = (
    _f("id", "slug", "Kennung der Interventionskette.", required=True),
    _f("label", "str", "Name der Interventionskette.", required=True, max_length=200),
    _f("topic", "slug", "Thema aus topics; danach sucht die Rolle beratung passende Angebote.", vocab="topics"),
    _SOURCE,
    _f(
        "pilot_schools",
        "list",
        "Schulen, die eine öffentliche Quelle als Pilotschulen nennt (Kennungen von Schulen).",
        item="slug",
    ),
    _f(
        "pilot_source",
        "str",
        "Öffentliche Quelle, die die Pilotschulen nennt (Pflicht bei pilot_schools).",
        max_length=1000,
    ),
    _f("stages", "list", "Die Stufen in ihrer Reihenfolge (Felder siehe data/README.md).", required=True),
    _NOTES,
)

#: Fields of one entry of ``roles:``: which actors fill a role of :data:`DIRECTORY_ROLES`.
ROLE_FIELDS: tuple[Field, ...] = (
    _f("role", "slug", "Rolle: " + ", ".join(DIRECTORY_ROLES) + ".", required=True),
    _f(
        "actors",
        "list",
        "Akteure, die die Rolle ausfüllen; mit service_area nur für Schulen in ihrem Gebiet.",
        item="slug",
        required=True,
    ),
    _f("provenance", "str", "Quelle, die die Zuständigkeit belegt.", max_length=1000),
    _NOTES,
)

_TOP_KEYS = ("roles", "pathways")
#: The pathway fields the converter handles; ``stages`` is split off and converted entry by entry.
_PATHWAY_OWN = tuple(f for f in PATHWAY_FIELDS if f.name != "stages")


@dataclass(frozen=True)
class Stage:
    """One stage of a pathway, in file order."""

    id: str
    title: str
    trigger: str
    roles: tuple[str, ...]
    source: str
    deadline: str | None = None
    actions: str | None = None
    documents: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Pathway:
    """An intervention pathway: ordered stages, its source, the topic its counselling role looks for."""

    id: str
    label: str
    source: str
    stages: tuple[Stage, ...]
    topic: str | None = None
    pilot_schools: tuple[str, ...] = ()
    pilot_source: str | None = None
    line: int = 0


@dataclass(frozen=True)
class PathwaySet:
    """Everything ``pathways.yaml`` holds: pathways by id (file order) and role -> actor ids."""

    pathways: dict[str, Pathway] = field(default_factory=dict)
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    role_sources: dict[str, str] = field(default_factory=dict)


def _without(node: yaml.MappingNode, key: str) -> tuple[yaml.MappingNode, yaml.Node | None]:
    """The mapping without ``key`` and the value of ``key`` (``None`` when absent)."""
    keep, found = [], None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and found is None:
            found = value_node
        else:
            keep.append((key_node, value_node))
    return yaml.MappingNode(node.tag, keep, node.start_mark, node.end_mark, node.flow_style), found


@dataclass
class _Read:
    """Converted entries of the file: pathways with their stage entries, and role entries."""

    pathways: list[tuple[Entry, list[Entry]]] = field(default_factory=list)
    roles: list[Entry] = field(default_factory=list)


def _top(converter: Converter, root: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(root, yaml.MappingNode):
        converter.report(
            root,
            "wrong-root",
            "Die Datei pathways.yaml muss aus den Abschnitten 'roles:' und 'pathways:' bestehen.",
            "Siehe data/README.md, Abschnitt pathways.yaml.",
        )
        return {}
    parts: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
        if key in parts:
            converter.report(
                key_node, "yaml-duplicate-key", f"Der Abschnitt '{key}' steht zweimal.", "Führen Sie beide zusammen."
            )
        elif key not in _TOP_KEYS:
            hint = did_you_mean(key, _TOP_KEYS) or "Erlaubt sind nur 'roles:' und 'pathways:'."
            converter.report(key_node, "unknown-field", f"Unbekannter Abschnitt '{key}'.", hint)
        else:
            parts[key] = value_node
    return parts


def _section(converter: Converter, node: yaml.Node, key: str, what: str) -> bool:
    """True when the section ``key:`` is a list; otherwise say so at the node (an empty value counts as a list)."""
    if isinstance(node, yaml.SequenceNode) or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return isinstance(node, yaml.SequenceNode)
    converter.report(
        node,
        "wrong-type",
        f"Der Abschnitt '{key}:' muss eine Liste von {what} sein.",
        "Beginnen Sie jeden Eintrag mit '- ' (eingerückt unter dem Abschnitt), siehe data/README.md.",
    )
    return False


def _pathway(converter: Converter, item: yaml.MappingNode) -> tuple[Entry, list[Entry]] | None:
    rest, stages_node = _without(item, "stages")
    for key_node, _ in rest.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "stages":
            converter.report(
                key_node,
                "yaml-duplicate-key",
                "Das Feld 'stages' steht in dieser Interventionskette zweimal.",
                "Führen Sie die Stufen unter einem 'stages:' zusammen.",
            )
            rest.value = [(k, v) for k, v in rest.value if k is not key_node]
    entry = converter.record(rest, _PATHWAY_OWN, "Interventionskette")
    if entry is None:
        return None
    if stages_node is None:
        converter.report(
            item, "missing-field", "Pflichtfeld 'stages' fehlt.", "Ergänzen Sie 'stages:' mit den Stufen der Kette."
        )
        entry.complete = False
        return entry, []
    entry.marks["stages"] = stages_node.start_mark
    if not _section(converter, stages_node, "stages", "Stufen"):
        return entry, []
    return entry, converter.entries(stages_node, STAGE_FIELDS, "Stufe")


def _convert(converter: Converter, root: yaml.Node) -> _Read:
    read = _Read()
    parts = _top(converter, root)
    if "roles" in parts and _section(converter, parts["roles"], "roles", "Rolleneinträgen"):
        read.roles = converter.entries(parts["roles"], ROLE_FIELDS, "Rolleneintrag")
    if "pathways" not in parts or not _section(converter, parts["pathways"], "pathways", "Interventionsketten"):
        return read
    for item in parts["pathways"].value:
        if not isinstance(item, yaml.MappingNode):
            converter.report(
                item,
                "wrong-type",
                "Jede Interventionskette muss aus Zeilen 'feld: wert' bestehen.",
                "Siehe das Beispiel in data/README.md, Abschnitt pathways.yaml.",
            )
            continue
        found = _pathway(converter, item)
        if found is not None:
            read.pathways.append(found)
    return read


def _problem(file: str, entry: Entry, path: str, code: str, message: str, hint: str = "") -> Problem:
    line, column = entry.where(path)
    return Problem(file, line, column, code, message, hint)


def _check_roles_of_stage(file: str, stage: Entry) -> Iterator[Problem]:
    for index, role in enumerate(stage.values.get("roles", ())):
        if role not in ROLES:
            hint = did_you_mean(role, ROLES) or "Erlaubte Rollen: " + ", ".join(ROLES) + "."
            yield _problem(
                file, stage, f"roles.{index}", "unknown-term", f"'{role}' ist keine Rolle der festen Liste.", hint
            )


def _check_actor_ids(file: str, entry: Entry, path: str, actors: dict[str, Actor] | None) -> Iterator[Problem]:
    if actors is None:
        return
    for index, actor_id in enumerate(entry.values.get(path, ())):
        if actor_id not in actors:
            hint = did_you_mean(actor_id, actors) or "Tragen Sie den Akteur zuerst in actors.yaml ein."
            message = f"'{actor_id}' steht nicht in actors.yaml."
            yield _problem(file, entry, f"{path}.{index}", "unknown-actor", message, hint)
        elif path == "pilot_schools" and actors[actor_id].kind != "schule":
            message = (
                f"'{actor_id}' ist keine Schule (Art '{actors[actor_id].kind}'), kann also keine Pilotschule sein."
            )
            yield _problem(file, entry, f"{path}.{index}", "kind-mismatch", message, "Nennen Sie hier nur Schulen.")


def _check_pathway(
    file: str, entry: Entry, vocabulary: Vocabulary | None, actors: dict[str, Actor] | None
) -> Iterator[Problem]:
    topic = entry.values.get("topic")
    topics = vocabulary.terms("topics") if vocabulary is not None else None
    if topic is not None and topics is not None and topic not in topics:
        hint = did_you_mean(topic, topics) or "Themen stehen in data/vocabulary.yaml unter topics."
        yield _problem(
            file, entry, "topic", "unknown-term", f"'{topic}' ist kein Begriff der Liste topics (Feld 'topic').", hint
        )
    yield from _check_actor_ids(file, entry, "pilot_schools", actors)
    if entry.values.get("pilot_schools") and not entry.values.get("pilot_source"):
        yield _problem(
            file,
            entry,
            "pilot_schools",
            "missing-field",
            "Pilotschulen sind eingetragen, aber 'pilot_source' fehlt.",
            "Nennen Sie die öffentliche Quelle, die diese Schulen als Pilotschulen nennt, oder lassen Sie pilot_schools weg.",
        )


def _check_role_entry(file: str, entry: Entry, actors: dict[str, Actor] | None) -> Iterator[Problem]:
    role = entry.values.get("role")
    if role is not None and role not in DIRECTORY_ROLES:
        if role in ROLES:
            message = f"Die Rolle '{role}' kommt aus dem Netz selbst und wird hier nicht eingetragen."
            hint = "Hier stehen nur: " + ", ".join(DIRECTORY_ROLES) + "."
        else:
            message = f"'{role}' ist keine Rolle der festen Liste."
            hint = did_you_mean(role, DIRECTORY_ROLES) or "Erlaubt: " + ", ".join(DIRECTORY_ROLES) + "."
        yield _problem(file, entry, "role", "unknown-term", message, hint)
    yield from _check_actor_ids(file, entry, "actors", actors)


def _duplicate_roles(file: str, entries: list[Entry]) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for entry in entries:
        role = entry.values.get("role")
        if role is None:
            continue
        if role in first:
            message = f"Die Rolle '{role}' steht schon in Zeile {first[role]}."
            yield _problem(
                file, entry, "role", "duplicate-id", message, "Führen Sie die Akteure in einem Eintrag zusammen."
            )
        else:
            first[role] = entry.where("")[0]


def _check(file: str, read: _Read, vocabulary: Vocabulary | None, actors: dict[str, Actor] | None) -> list[Problem]:
    problems: list[Problem] = list(_duplicate_roles(file, read.roles))
    for role_entry in read.roles:
        problems += _check_role_entry(file, role_entry, actors)
    problems += check_duplicate_ids(file, [entry for entry, _ in read.pathways], "Interventionskette")
    for entry, stages in read.pathways:
        problems += _check_pathway(file, entry, vocabulary, actors)
        problems += check_duplicate_ids(file, stages, "Stufe")
        for stage in stages:
            problems += _check_roles_of_stage(file, stage)
    return problems


def _stage(entry: Entry) -> Stage:
    values = {k: v for k, v in entry.values.items() if k != "notes"}
    return Stage(**values, line=entry.where("")[0])


def _build(read: _Read) -> PathwaySet:
    pathways: dict[str, Pathway] = {}
    for entry, stages in read.pathways:
        if not entry.complete:
            continue
        values = {k: v for k, v in entry.values.items() if k != "notes"}
        stage_records = tuple(_stage(s) for s in stages if s.complete)
        pathways.setdefault(values["id"], Pathway(**values, stages=stage_records, line=entry.where("")[0]))
    roles = {e.values["role"]: tuple(e.values["actors"]) for e in read.roles if e.complete}
    sources = {e.values["role"]: e.values["provenance"] for e in read.roles if e.complete and "provenance" in e.values}
    return PathwaySet(pathways, roles, sources)


def read_pathways(
    data_dir: str | Path, vocabulary: Vocabulary | None = None, actors: dict[str, Actor] | None = None
) -> tuple[PathwaySet | None, list[Problem]]:
    """Read and check ``pathways.yaml`` of a data folder.

    Parameters
    ----------
    data_dir : str or Path
        The data folder; the file name in problems is shown relative to it as given (``data/pathways.yaml``).
    vocabulary : Vocabulary, optional
        To check ``topic``; ``None`` skips that check (the vocabulary itself is broken).
    actors : dict of str to Actor, optional
        To check actor ids; ``None`` skips those checks (``actors.yaml`` itself is broken).

    Returns
    -------
    tuple of (PathwaySet or None, list of Problem)
        The pathways (``None`` when the file is missing, holds only comments or has an error) and the problems.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> read_pathways(d)
    (None, [])
    >>> text = "pathways:\\n- id: p\\n  label: P\\n  source: https://example.org\\n  stages:\\n"
    >>> text += "  - {id: s1, title: T, trigger: A, source: https://example.org, roles: [schule, lehrer]}\\n"
    >>> _ = (d / "pathways.yaml").write_text(text, encoding="utf-8")
    >>> found, problems = read_pathways(d)
    >>> found, [(p.code, p.line, p.column, p.hint) for p in problems]
    (None, [('unknown-term', 6, 81, 'Erlaubte Rollen: schule, eltern, schulsozialarbeit, beratung, schulpsychologie, asd, landesschulamt, ordnungsamt, netzwerkstelle.')])
    """
    path = Path(data_dir) / PATHWAYS_FILE
    if not path.exists():
        return None, []
    shown = str(path)
    read_result = read_yaml(path, shown)
    if read_result.node is None:
        return None, [p for p in read_result.problems if p.code != "empty-file"]
    converter = Converter(shown)
    read = _convert(converter, read_result.node)
    problems = read_result.problems + converter.problems + _check(shown, read, vocabulary, actors)
    if any(p.level == "error" for p in problems):
        return None, problems
    return _build(read), problems


def attach_pathways(data_dir: str | Path, result: LoadResult) -> LoadResult:
    """Add the checked ``pathways.yaml`` to a load result: its problems to the report, its pathways to the data set.

    An error in the file makes the whole data set invalid, like an error in any other file.

    Parameters
    ----------
    data_dir : str or Path
        The data folder that ``result`` was loaded from.
    result : LoadResult
        From the loader; changed in place and returned.

    Returns
    -------
    LoadResult
        The same object, its ``report`` extended and its ``dataset`` carrying ``pathways`` (or ``None`` on error).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph.data.loader import load_dataset
    >>> load_dataset(tempfile.mkdtemp()).valid  # no files at all: the three files are missing
    False
    """
    dataset = result.dataset
    found, problems = read_pathways(
        data_dir, dataset.vocabulary if dataset else None, dataset.actors if dataset else None
    )
    result.report.extend(problems)
    if dataset is not None:
        errors = any(p.level == "error" for p in problems)
        result.dataset = None if errors else dataclasses.replace(dataset, pathways=found)
    return result
