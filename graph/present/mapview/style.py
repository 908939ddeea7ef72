"""How actors and relations look on the map: colours, line styles, sizes, labels, legend, plain-text tooltips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graph.data.model import Vocabulary
from graph.data.provenance import provenance_label
from graph.present.formats import de_date

__all__ = [
    "DASHES",
    "EDGE_COLORS",
    "LABEL_LIMIT",
    "MAX_SIZE",
    "MIN_SIZE",
    "PALETTE",
    "PLAIN_SIZE",
    "EdgeStyle",
    "Legend",
    "degree_values",
    "edge_styles",
    "kind_colors",
    "legend",
    "node_title",
]

#: Okabe–Ito colours (distinguishable with colour-vision deficiency), in vocabulary order of actor kinds.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D1F", "#999999", "#000000")
#: Dash patterns for relation types in vocabulary order (``False`` = solid line).
DASHES: tuple[bool | list[int], ...] = (False, [10, 6], [2, 5], [14, 5, 3, 5], [6, 3], [18, 8])
EDGE_COLORS = ("#555555", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#8C6D1F")
MIN_SIZE, MAX_SIZE, PLAIN_SIZE = 10.0, 42.0, 16.0
LABEL_LIMIT = 26


@dataclass(frozen=True)
class EdgeStyle:
    """How one relation type is drawn."""

    label: str
    color: str
    dashes: bool | list[int]
    directed: bool


@dataclass(frozen=True)
class Legend:
    """Legend entries: ``kinds`` as (label, colour), ``relations`` as (label, style)."""

    kinds: tuple[tuple[str, str], ...]
    relations: tuple[tuple[str, EdgeStyle], ...]


def degree_values(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Number of relations of each actor, the default measure for node size.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The (filtered) network.

    Returns
    -------
    dict of str to float
        Actor id to the number of its relations, incoming and outgoing, parallel relations counted each.

    Examples
    --------
    >>> degree_values(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")]))
    {'a': 2.0, 'b': 3.0, 'c': 1.0}
    """
    return {str(n): float(d) for n, d in graph.degree()}


def kind_colors(vocabulary: Vocabulary) -> dict[str, str]:
    """Colour per actor kind, in vocabulary order.

    Parameters
    ----------
    vocabulary : Vocabulary
        Its ``actor_kinds`` give the order.

    Returns
    -------
    dict of str to str
        Kind id to a hex colour of :data:`PALETTE`; the colours repeat after 9 kinds.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> kind_colors(Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule"), "amt": Term("amt", "Amt")}}))
    {'schule': '#0072B2', 'amt': '#E69F00'}
    """
    return {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(vocabulary.terms("actor_kinds"))}


def edge_styles(vocabulary: Vocabulary) -> dict[str, EdgeStyle]:
    """Line colour, dashes and arrow per relation type, in vocabulary order.

    Parameters
    ----------
    vocabulary : Vocabulary
        Its ``relation_types`` give order, label and direction.

    Returns
    -------
    dict of str to EdgeStyle
        Relation type id to its style; colours (:data:`EDGE_COLORS`) and dashes (:data:`DASHES`) repeat
        after 6 types.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> edge_styles(Vocabulary({"relation_types": {"k": Term("k", "Kooperation")}}))["k"]
    EdgeStyle(label='Kooperation', color='#555555', dashes=False, directed=False)
    """
    return {
        t.id: EdgeStyle(t.label, EDGE_COLORS[i % len(EDGE_COLORS)], DASHES[i % len(DASHES)], t.directed)
        for i, t in enumerate(vocabulary.terms("relation_types").values())
    }


def legend(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> Legend:
    """Legend of the kinds and relation types that occur in ``graph``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The network that is drawn; its ``kind`` and ``type`` attributes decide the entries.
    vocabulary : Vocabulary
        Labels, colours and order; kinds and types missing from it are not listed.

    Returns
    -------
    Legend
        The kinds and the relation types that occur, in vocabulary order.

    Examples
    --------
    >>> from graph.data.model import Term
    >>> v = Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule"), "amt": Term("amt", "Amt")}})
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="amt")
    >>> legend(g, v).kinds
    (('Amt', '#E69F00'),)
    """
    kinds = {d.get("kind") for _, d in graph.nodes(data=True)}
    types = {d.get("type") for _, _, d in graph.edges(data=True)}
    colors = kind_colors(vocabulary)
    styles = edge_styles(vocabulary)
    return Legend(
        tuple((vocabulary.label("actor_kinds", k), c) for k, c in colors.items() if k in kinds),
        tuple((s.label, s) for t, s in styles.items() if t in types),
    )


def _labels(vocabulary: Vocabulary, name: str, ids: Any) -> str:
    return ", ".join(vocabulary.label(name, i) for i in ids or ())


def node_title(attrs: Mapping[str, Any], vocabulary: Vocabulary) -> str:
    """Plain-text tooltip of an actor: name, kind, district, topics, contact, where the entry comes from.

    It is plain text on purpose: vis-network 9 shows string titles with ``innerText``,
    so markup in the data is displayed literally and never parsed. The last line is
    :func:`graph.data.provenance.provenance_label` („Erfundener Demo-Eintrag“, „Quelle: …“).

    Parameters
    ----------
    attrs : mapping
        The actor's node attributes (``name``, ``kind``, ``district``, ``stadtbezirk``, ``topics``, ``contact``
        and the provenance fields), as from :func:`graph.data.build.build_graph`.
    vocabulary : Vocabulary
        German labels of kinds, districts, Stadtbezirke and topics.

    Returns
    -------
    str
        The tooltip, one fact per line; lines without data are left out.

    Examples
    --------
    >>> node_title({"name": "<b>A</b>", "kind": "schule", "contact": {"phone": "0345"}, "provenance": "demo"},
    ...            Vocabulary())
    '<b>A</b>\\nArt: schule\\nKontakt: Tel. 0345\\nErfundener Demo-Eintrag'
    """
    lines = [str(attrs.get("name", "")), f"Art: {vocabulary.label('actor_kinds', attrs.get('kind'))}"]
    if attrs.get("district"):
        where = vocabulary.label("districts", attrs["district"])
        if attrs.get("stadtbezirk"):
            where += f" (Stadtbezirk {vocabulary.label('stadtbezirke', attrs['stadtbezirk'])})"
        lines.append(f"Stadtteil: {where}")
    if attrs.get("topics"):
        lines.append(f"Themen: {_labels(vocabulary, 'topics', attrs['topics'])}")
    contact = attrs.get("contact") or {}
    parts = [contact.get("role"), contact.get("phone") and f"Tel. {contact['phone']}", contact.get("email")]
    parts.append(contact.get("web"))
    if any(parts):
        lines.append("Kontakt: " + ", ".join(str(p) for p in parts if p))
    lines.append(provenance_label(attrs, relation=False))
    return "\n".join(lines)


def _size(value: float | None, low: float, high: float) -> float:
    if value is None:
        return MIN_SIZE
    if high <= low:
        return (MIN_SIZE + MAX_SIZE) / 2
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (value - low) / (high - low), 1)


def _day(value: object) -> str:
    """A date as ``TT.MM.JJJJ`` (empty for none)."""
    if value is None:
        return ""
    return de_date(value) if isinstance(value, dt.date) else str(value)


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1].rstrip() + "…"


def _nodes(
    graph: nx.MultiDiGraph,
    vocabulary: Vocabulary,
    positions: Mapping[str, tuple[float, float]],
    sizes: Mapping[str, float] | None,
    selected: str | None,
) -> list[dict[str, Any]]:
    """vis-network items of the actors; ``sizes`` and ``selected`` as in :class:`~graph.present.mapview.MapOptions`."""
    colors = kind_colors(vocabulary)
    values = [float(v) for n, v in (sizes or {}).items() if n in graph]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = []
    for node_id, attrs in graph.nodes(data=True):
        color = colors.get(attrs.get("kind", ""), PALETTE[-2])
        is_selected = node_id == selected
        x, y = positions.get(node_id, (0.0, 0.0))
        size = PLAIN_SIZE if sizes is None else _size(sizes.get(node_id), low, high)
        nodes.append(
            {
                "id": str(node_id),
                "label": _short(str(attrs.get("name", node_id))),
                "title": node_title(attrs, vocabulary),
                "x": x,
                "y": y,
                "size": size,
                "color": {"background": color, "border": "#111111" if is_selected else color},
                "borderWidth": 5 if is_selected else 1,
            }
        )
    return nodes


def _edges(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> list[dict[str, Any]]:
    """vis-network items of the relations; parallel relations between one pair curve apart."""
    styles = edge_styles(vocabulary)
    fallback = EdgeStyle("", "#888888", False, True)
    seen: dict[frozenset[str], int] = {}
    edges = []
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        style = styles.get(attrs.get("type", ""), fallback)
        pair = frozenset((source, target))
        nth = seen[pair] = seen.get(pair, -1) + 1
        title = style.label or str(attrs.get("type", ""))
        if attrs.get("since") or attrs.get("until"):
            title += f"\n{_day(attrs.get('since')) or '…'} bis {_day(attrs.get('until')) or 'heute'}"
        title += "\n" + provenance_label(attrs, relation=True)
        edges.append(
            {
                "id": str(key),
                "from": str(source),
                "to": str(target),
                "title": title,
                "arrows": "to" if attrs.get("directed", style.directed) else "",
                "dashes": style.dashes,
                "color": {
                    "color": style.color,
                    "highlight": style.color,
                    "hover": style.color,
                    "inherit": False,
                    "opacity": 0.85,
                },
                "width": 1 + (attrs.get("strength") or 1) * 0.6,
                "smooth": {"type": "curvedCW", "roundness": 0.15 * nth} if nth else False,
            }
        )
    return edges
