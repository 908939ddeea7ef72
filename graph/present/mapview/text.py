"""The map as text for screen readers: the actors and relations of the drawn view as German sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from graph.data.model import Vocabulary
from graph.present.formats import de_date

__all__ = ["MapText", "map_text"]


@dataclass(frozen=True)
class MapText:
    """What the map shows, in words.

    Attributes
    ----------
    summary : str
        One sentence: how many actors and relations, around whom.
    actors : tuple of str
        One line per actor: name, kind, Stadtteil (and, around a chosen actor, how many steps away).
    relations : tuple of str
        One line per relation: „Quelle: Beziehungsart Ziel“, with its dates.
    """

    summary: str
    actors: tuple[str, ...]
    relations: tuple[str, ...]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _day(value: object) -> str:
    return de_date(value) if isinstance(value, dt.date) else str(value)


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("name") or node)


def map_text(graph: nx.MultiDiGraph, vocabulary: Vocabulary, selected: str | None = None) -> MapText:
    """The actors and relations of ``graph`` (the filtered view the map draws) as German lines.

    Actors are sorted by name, the chosen actor first; with a chosen actor each line says how many
    steps (relations, direction ignored) it is away. Relations are sorted by source, type and target.
    The graph is only read.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The view the map draws, with ``name``, ``kind`` and ``district`` on actors and ``type``, ``since`` and
        ``until`` on relations.
    vocabulary : Vocabulary
        German labels of kinds, districts and relation types.
    selected : str, optional
        The chosen actor; ignored when it is not in ``graph``.

    Returns
    -------
    MapText
        The summary sentence, one line per actor and one line per relation.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule"), "traeger": Term("traeger", "Träger")},
    ...                 "relation_types": {"ssa": Term("ssa", "Schulsozialarbeit an")}})
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("s", name="GS Am Hang", kind="schule")
    >>> g.add_node("t", name="Verein", kind="traeger")
    >>> g.add_edge("t", "s", type="ssa", until=dt.date(2028, 7, 31))
    0
    >>> text = map_text(g, v, selected="t")
    >>> text.summary
    '2 Akteure und 1 Beziehung, ausgehend von Verein.'
    >>> text.actors
    ('Verein (Träger) – gewählter Akteur', 'GS Am Hang (Schule) – 1 Schritt entfernt')
    >>> text.relations
    ('Verein: Schulsozialarbeit an GS Am Hang (bis 31.07.2028)',)
    """
    chosen = selected if selected is not None and selected in graph else None
    steps: dict[str, int] = {}
    if chosen is not None:
        steps = dict(nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), chosen))

    def actor_line(node: str) -> str:
        attrs = graph.nodes[node]
        details = [vocabulary.label("actor_kinds", attrs.get("kind"))]
        if attrs.get("district"):
            details.append(vocabulary.label("districts", attrs["district"]))
        line = f"{_name(graph, node)} ({', '.join(d for d in details if d)})"
        if node == chosen:
            return line + " – gewählter Akteur"
        if chosen is not None:
            step = steps.get(node)
            line += " – ohne Verbindung" if step is None else f" – {_count(step, 'Schritt', 'Schritte')} entfernt"
        return line

    order = sorted(graph.nodes, key=lambda n: (n != chosen, _name(graph, n).casefold(), str(n)))
    relations = []
    for source, target, attrs in graph.edges(data=True):
        label = vocabulary.label("relation_types", attrs.get("type")) or "verbunden mit"
        dates = [f"seit {_day(attrs['since'])}"] if attrs.get("since") else []
        dates += [f"bis {_day(attrs['until'])}"] if attrs.get("until") else []
        line = f"{_name(graph, source)}: {label} {_name(graph, target)}"
        key = (_name(graph, source).casefold(), label, _name(graph, target).casefold(), line)
        relations.append((key, line + (f" ({', '.join(dates)})" if dates else "")))
    summary = (
        f"{_count(graph.number_of_nodes(), 'Akteur', 'Akteure')} und "
        f"{_count(graph.number_of_edges(), 'Beziehung', 'Beziehungen')}"
    )
    summary += f", ausgehend von {_name(graph, chosen)}." if chosen is not None else "."
    return MapText(summary, tuple(actor_line(n) for n in order), tuple(line for _, line in sorted(relations)))
