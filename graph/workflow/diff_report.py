"""The change report of ``python -m graph diff``: German Markdown for a pull request, or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

from graph.cli.args import parse_date
from graph.data import clock
from graph.data.model import Actor, Dataset, Relation
from graph.present.formats import de_date
from graph.workflow.diff import RevisionError, Side, compare, load_side

__all__ = ["add_arguments", "diff_json", "diff_markdown", "md", "run"]

#: At most this many lines per list; the rest is summed up as "… und N weitere".
CAP = 10
#: At most this many validation problems per invalid side.
PROBLEM_CAP = 20


def md(text: object) -> str:
    """Text from the data, made inert for Markdown: no markup, links, math, HTML or @-mentions.

    Parameters
    ----------
    text : object
        Any value; it is converted with :class:`str`.

    Returns
    -------
    str
        One line (whitespace runs become one space, ends stripped) with ``&``, ``<`` and ``>`` as HTML entities,
        Markdown characters (``\\`*_[]{}|#~!$``) backslash-escaped and a zero-width space after every ``@``.

    Examples
    --------
    >>> md("<b>*Hallo*</b> @team [x](y)")
    '&lt;b&gt;\\\\*Hallo\\\\*&lt;/b&gt; @\\u200bteam \\\\[x\\\\](y)'
    """
    value = re.sub(r"\s+", " ", str(text)).strip()
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = re.sub(r"([\\`*_\[\]{}|#~!$])", r"\\\1", value)  # $ starts math on GitHub
    return value.replace("@", "@\u200b")


def _code(text: str) -> str:
    """A revision or folder name as inline code (no escapes work inside backticks)."""
    return "`" + re.sub(r"[`\s]+", " ", text) + "`"


def _date(day: dt.date) -> str:
    return de_date(day)


def _value(value: Any) -> str:
    if value is None or value == ():
        return "—"
    if isinstance(value, dt.date):
        return _date(value)
    if isinstance(value, tuple):
        return ", ".join(md(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    return md(value)


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= CAP:
        return lines
    return [*lines[:CAP], f"- … und {len(lines) - CAP} weitere"]


def _actor_name(dataset: Dataset, actor_id: str) -> str:
    actor = dataset.actors.get(actor_id)
    return md(actor.name) if actor else f"`{actor_id}`"


def _actor_line(dataset: Dataset, actor: Actor) -> str:
    kind = dataset.vocabulary.label("actor_kinds", actor.kind)
    return f"- `{actor.id}` {md(actor.name)} ({md(kind)})"


def _relation_text(dataset: Dataset, relation: Relation) -> str:
    kind = dataset.vocabulary.label("relation_types", relation.type)
    text = f"{_actor_name(dataset, relation.source)} → {_actor_name(dataset, relation.target)} ({md(kind)}"
    if relation.since or relation.until:
        text += f", {_value(relation.since)} bis {_value(relation.until)}"
    return text + ")"


def _changes(changes: list[dict[str, Any]]) -> str:
    return "; ".join(f"`{c['field']}`: {_value(c['before'])} → {_value(c['after'])}" for c in changes)


def _section(title: str, groups: list[tuple[str, list[str]]]) -> list[str]:
    body: list[str] = []
    for label, lines in groups:
        if lines:
            body += ["", f"**{label} ({len(lines)})**", "", *_capped(lines)]
    return [f"### {title}", *body, ""] if body else []


def _entry_sections(result: dict[str, Any], before: Dataset, after: Dataset) -> list[str]:
    actors, relations = result["actors"], result["relations"]
    out = _section(
        "Akteure",
        [
            ("Neu", [_actor_line(after, a) for a in actors["added"]]),
            ("Entfernt", [_actor_line(before, a) for a in actors["removed"]]),
            ("Geändert", [f"- `{new.id}` {md(new.name)}: {_changes(ch)}" for _, new, ch in actors["changed"]]),
        ],
    )
    out += _section(
        "Beziehungen",
        [
            ("Neu", [f"- `{r.id}`: {_relation_text(after, r)}" for r in relations["added"]]),
            ("Entfernt", [f"- `{r.id}`: {_relation_text(before, r)}" for r in relations["removed"]]),
            (
                "Geändert",
                [f"- `{new.id}` ({_relation_text(after, new)}): {_changes(ch)}" for _, new, ch in relations["changed"]],
            ),
        ],
    )
    return out


def _ssa_line(row: dict[str, Any], opened: bool) -> str:
    when = f"am Stichtag {_date(row['from'])}" if row["on_reference_day"] else f"ab {_date(row['from'])}"
    verb = "keine Schulsozialarbeit mehr" if opened else "wieder Schulsozialarbeit"
    return f"- {md(row['name'])} hat {when} {verb}."


def _gap_lines(effects: dict[str, Any], opened: bool) -> list[str]:
    key = "opened" if opened else "closed"
    lines = [_ssa_line(row, opened) for row in effects["school_social_work"][key]]
    for cell in effects["coverage"][key]:
        state = "kein Angebot mehr" if opened else "jetzt mit Angebot"
        schools = f" ({cell['schools']} Schulen im Stadtteil)" if cell["schools"] else ""
        lines.append(f"- Thema „{md(cell['topic_label'])}“ in {md(cell['area_label'])}: {state}{schools}.")
    for actor in effects["isolated"][key]:
        state = "hat keine Beziehung (isoliert)" if opened else "ist jetzt mit dem Netzwerk verbunden"
        lines.append(f"- {md(actor['name'])} {state}.")
    return lines


def _component_text(group: list[dict[str, Any]]) -> str:
    return " + ".join(f"„{md(c['name'])}“ ({c['actors']} {'Akteur' if c['actors'] == 1 else 'Akteure'})" for c in group)


def _component_lines(components: dict[str, Any]) -> list[str]:
    lines = [f"- verbunden: {_component_text(g)}" for g in components["merged"]]
    lines += [f"- getrennt: {_component_text(g)}" for g in components["split"]]
    if components["before"] != components["after"] or lines:
        lines.insert(0, f"- Zahl der Teilnetze: {components['before']} → {components['after']}")
    return lines


def _metric_table(rows: list[dict[str, Any]], digits: int) -> list[str]:
    table = ["| Akteur | vorher | nachher | Änderung |", "| --- | ---: | ---: | ---: |"]
    for r in rows:
        cells = [f"{r['before']:.{digits}f}", f"{r['after']:.{digits}f}", f"{r['change']:+.{digits}f}"]
        table.append(f"| {md(r['name'])} | " + " | ".join(c.replace(".", ",") for c in cells) + " |")
    return table


def _effect_section(effects: dict[str, Any]) -> list[str]:
    out = _section(
        "Wirkung auf das Netzwerk",
        [
            ("Neue Lücken", _gap_lines(effects, opened=True)),
            ("Geschlossene Lücken", _gap_lines(effects, opened=False)),
            ("Teilnetze", _component_lines(effects["components"])),
        ],
    )
    for key, title, digits in (("betweenness", "Betweenness (Vermittlerrolle)", 3), ("degree", "Zahl der Partner", 0)):
        if effects[key]:
            out = (out or ["### Wirkung auf das Netzwerk", ""]) + [f"**Größte Änderungen: {title}**", ""]
            out += [*_metric_table(effects[key], digits), ""]
    return out


def _header(base: Side, head: Side, as_of: dt.date) -> list[str]:
    return [
        "## Änderungsbericht Netzwerkdaten",
        "",
        f"Vergleich {_code(base.label)} → {_code(head.label)}, Stichtag {_date(as_of)}.",
        "",
    ]


def _count(entries: dict[str, list[Any]]) -> str:
    return f"{len(entries['added'])} neu, {len(entries['removed'])} entfernt, {len(entries['changed'])} geändert"


def _summary(result: dict[str, Any]) -> str:
    return f"**Kurz:** Akteure {_count(result['actors'])} · Beziehungen {_count(result['relations'])}"


def _invalid(side: Side, role: str) -> list[str]:
    errors = side.result.report.errors
    lines = [f"### {role} {_code(side.label)} ist ungültig ({len(errors)} Fehler)", "", "```text"]
    lines += [p.format().replace("```", "'''") for p in errors[:PROBLEM_CAP]]
    if len(errors) > PROBLEM_CAP:
        lines.append(f"… und {len(errors) - PROBLEM_CAP} weitere (python -m graph validate zeigt alle)")
    return [*lines, "```", ""]


def diff_markdown(base: Side, head: Side, as_of: dt.date) -> str:
    """The German Markdown report for a pull request comment.

    When a side does not validate, its errors (at most :data:`PROBLEM_CAP`) are shown instead of the
    comparison. Otherwise: a short count, the new, removed and changed actors and relations (at most
    :data:`CAP` lines per list), and the effects on gaps, sub-networks, betweenness and number of partners.

    Parameters
    ----------
    base : Side
        The old state, from :func:`graph.workflow.diff.load_side`.
    head : Side
        The new state, from :func:`graph.workflow.diff.load_side`.
    as_of : datetime.date
        Day of the comparison: which relations are active and which gaps are open.

    Returns
    -------
    str
        The Markdown text, ending with a newline.

    Examples
    --------
    >>> from graph.workflow.diff import load_side
    >>> side = load_side("tests/data/valid", today=dt.date(2026, 11, 28))
    >>> print(diff_markdown(side, side, dt.date(2026, 11, 28)).splitlines()[-1])
    Keine inhaltlichen Änderungen an den Daten.
    """
    lines = _header(base, head, as_of)
    if base.result.dataset is None or head.result.dataset is None:
        for side, role in ((base, "Ausgangsstand"), (head, "Neuer Stand")):
            if side.result.dataset is None:
                lines += _invalid(side, role)
        lines.append("Der Vergleich ist erst möglich, wenn beide Stände gültig sind.")
        return "\n".join(lines) + "\n"
    result = compare(base.result.dataset, head.result.dataset, as_of)
    body = _entry_sections(result, base.result.dataset, head.result.dataset)
    if not body:
        return "\n".join([*lines, "Keine inhaltlichen Änderungen an den Daten."]) + "\n"
    lines += [_summary(result), "", *body, *_effect_section(result["effects"])]
    return "\n".join(lines).rstrip("\n") + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return {k: _plain(v) for k, v in items if k != "line" and v not in (None, ())}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _entries_json(entries: dict[str, Any]) -> dict[str, Any]:
    return {
        "added": _plain(entries["added"]),
        "removed": _plain(entries["removed"]),
        "changed": [{"id": new.id, "changes": _plain(ch)} for _, new, ch in entries["changed"]],
    }


def diff_json(base: Side, head: Side, as_of: dt.date) -> str:
    """The same comparison as a JSON document (``valid`` false and the problems when a side is invalid).

    Parameters
    ----------
    base : Side
        The old state, from :func:`graph.workflow.diff.load_side`.
    head : Side
        The new state, from :func:`graph.workflow.diff.load_side`.
    as_of : datetime.date
        Day of the comparison.

    Returns
    -------
    str
        JSON with ``base``, ``head``, ``as_of``, ``valid`` and ``problems`` (per side); ``actors``, ``relations``
        and ``effects`` only when both sides are valid. Dates as ``JJJJ-MM-TT``, no final line break.

    Examples
    --------
    >>> from graph.workflow.diff import load_side
    >>> side = load_side("tests/data/valid", today=dt.date(2026, 11, 28))
    >>> doc = json.loads(diff_json(side, side, dt.date(2026, 11, 28)))
    >>> doc["valid"], doc["actors"]
    ({'base': True, 'head': True}, {'added': [], 'removed': [], 'changed': []})
    """
    payload: dict[str, Any] = {"base": base.label, "head": head.label, "as_of": as_of.isoformat()}
    sides = {"base": base, "head": head}
    payload["valid"] = {k: s.result.valid for k, s in sides.items()}
    payload["problems"] = {k: [p.format() for p in s.result.report.errors] for k, s in sides.items()}
    if base.result.dataset is not None and head.result.dataset is not None:
        result = compare(base.result.dataset, head.result.dataset, as_of)
        payload["actors"] = _entries_json(result["actors"])
        payload["relations"] = _entries_json(result["relations"])
        payload["effects"] = _plain(result["effects"])
    return json.dumps(payload, ensure_ascii=False, indent=2)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``python -m graph diff``.

    Parameters
    ----------
    parser : argparse.ArgumentParser
        The sub-command's parser; the arguments are added to it in place.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> parser.parse_args(["main", "--format", "json"])
    Namespace(base='main', head=None, format='json', as_of=None, data='data', repo='.')
    """
    parser.add_argument("base", help="Ausgangsstand: git-Revision (z. B. main) oder Datenordner")
    parser.add_argument("head", nargs="?", help="Neuer Stand: git-Revision oder Datenordner (Standard: Arbeitskopie)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown", help="Ausgabeformat")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        help="Stichtag (Standard: NETZWERKKARTE_TODAY, sonst Stichtag der Daten, sonst heute)",
    )
    parser.add_argument("--data", default="data", help="Datenordner im Repository (Standard: data)")
    parser.add_argument("--repo", default=".", help="git-Repository bzw. Ausgangsordner (Standard: .)")


def run(args: argparse.Namespace, out: Callable[[str], None] = print) -> int:
    """Run ``python -m graph diff``: exit code 1 when a side is invalid or a revision is unknown.

    Without ``--as-of`` the new state decides the day (:mod:`graph.data.clock`: ``NETZWERKKARTE_TODAY``,
    its ``meta.yaml``, the real date) and the base is read on that same day.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed by a parser set up with :func:`add_arguments`.
    out : callable, optional
        Receives the report (:func:`diff_markdown` or :func:`diff_json`) or the German error as one string;
        default :func:`print`.

    Returns
    -------
    int
        0 when both sides are valid, 1 when a side is invalid or a revision is unknown.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> lines = []
    >>> run(parser.parse_args(["tests/data/valid", "tests/data/valid", "--as-of", "2026-11-28"]), out=lines.append)
    0
    >>> lines[0].splitlines()[-1]
    'Keine inhaltlichen Änderungen an den Daten.'
    """
    try:
        head = load_side(args.head, args.data, args.as_of, args.repo)
        as_of = args.as_of or (head.result.today or clock.resolve()).day
        base = load_side(args.base, args.data, as_of, args.repo)
    except RevisionError as exc:
        out(f"Fehler: {exc}")
        return 1
    render = diff_json if args.format == "json" else diff_markdown
    out(render(base, head, as_of).rstrip("\n"))
    return 0 if base.result.valid and head.result.valid else 1
