"""The network map as one self-contained, offline HTML page (vis-network inlined, no CDN, no pyvis template)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from numba import njit

from graph.model import Vocabulary

__all__ = [
    "FULL_MAP_LIMIT",
    "VIS_SCRIPT",
    "EdgeStyle",
    "Legend",
    "MapOptions",
    "degree_values",
    "edge_styles",
    "kind_colors",
    "layout_positions",
    "legend",
    "map_html",
    "node_title",
    "safe_json",
    "vis_library",
]

#: Okabe–Ito colours (distinguishable with colour-vision deficiency), in vocabulary order of actor kinds.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C6D1F", "#999999", "#000000")
#: Dash patterns for relation types in vocabulary order (``False`` = solid line).
DASHES: tuple[bool | list[int], ...] = (False, [10, 6], [2, 5], [14, 5, 3, 5], [6, 3], [18, 8])
EDGE_COLORS = ("#555555", "#0072B2", "#009E73", "#D55E00", "#CC79A7", "#8C6D1F")
MIN_SIZE, MAX_SIZE, PLAIN_SIZE = 10.0, 42.0, 16.0
LABEL_LIMIT = 26
KAMADA_KAWAI_LIMIT = 400
#: Above this many actors the full map is not drawn unless asked for: measured in headless Chromium on
#: 2 cores, one redraw (every pan or zoom step) takes ~30 ms at 1,000 actors, ~120 ms at 2,000, ~250 ms at 3,000.
FULL_MAP_LIMIT = 1500
#: Force-directed rounds of the compiled layout for parts above :data:`KAMADA_KAWAI_LIMIT` (fewer for huge parts).
FORCE_ROUNDS = 120


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


@dataclass(frozen=True)
class MapOptions:
    """View options of the map.

    Attributes
    ----------
    sizes : mapping of actor id to number, optional
        Node size grows linearly with the value (degree today, betweenness later); ``None`` draws equal nodes.
    physics : bool
        Let vis-network move the nodes (off: the precomputed layout stays as it is).
    selected : str, optional
        Actor to highlight and zoom to.
    height : int
        Height of the drawing area in pixels.
    title : str
        Heading shown above the map (export); escaped.
    profile_link : str, optional
        When set and the map runs inside the app, a double click opens ``profile_link + actor id``
        in the app window (e.g. ``"akteure?actor="``).
    script_src : str, optional
        Address of vis-network's script (:data:`VIS_SCRIPT`) on our own server. The app sets it:
        the browser then loads the 460 KB once, compiles it off the main thread and keeps it
        cached, instead of parsing it inline with every map. ``None`` inlines the script, so an
        exported page works on its own.
    """

    sizes: Mapping[str, float] | None = None
    physics: bool = False
    selected: str | None = None
    height: int = 720
    title: str = ""
    profile_link: str | None = None
    script_src: str | None = None


#: File name of vis-network's script as the app serves it (``static/`` beside ``app.py``); a copy
#: of the file bundled with pyvis (a test keeps the two identical).
VIS_SCRIPT = "vis-network-9.1.2.min.js"


def vis_library() -> Path:
    """Folder of the vis-network build bundled with pyvis."""
    import pyvis

    return Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


@cache
def _vis_assets() -> tuple[str, str]:
    """The vis-network script and the part of its stylesheet we use (read once).

    The full stylesheet is 220 KB, nearly all of it editing and navigation controls drawn as
    inline images; with those switched off only the tooltip's rule matters (vis-network styles
    its canvas inline), so each map carries 0.5 KB instead.
    """
    lib = vis_library()
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    tooltip = re.search(r"div\.vis-tooltip\{[^}]*\}", css)
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), tooltip.group(0) if tooltip else css


def safe_json(value: object) -> str:
    """JSON that can sit inside ``<script>`` without ending it or opening markup.

    Examples
    --------
    >>> safe_json({"name": "</script><b>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


@njit(cache=True, nogil=True)
def _force_layout(pos: Any, indptr: Any, indices: Any, rounds: int) -> Any:  # pragma: no cover - compiled by numba
    """Fruchterman–Reingold in the unit square, as NetworkX' ``spring_layout`` does it, compiled.

    Every pair repels with ``k² / d``, every relation pulls with ``d² / k`` (``k = 1 / √n``), and
    each round moves a node at most by a temperature that cools linearly to zero. No random
    numbers and a fixed order of operations: the same start gives the same result.
    """
    n = pos.shape[0]
    k2 = 1.0 / n
    k = np.sqrt(k2)
    disp = np.zeros((n, 2))
    temperature = 0.1 * max(pos[:, 0].max() - pos[:, 0].min(), pos[:, 1].max() - pos[:, 1].min())
    cooling = temperature / (rounds + 1)
    for _ in range(rounds):
        disp[:, :] = 0.0
        for i in range(n):
            xi, yi = pos[i, 0], pos[i, 1]
            for j in range(i + 1, n):
                dx, dy = xi - pos[j, 0], yi - pos[j, 1]
                d2 = max(dx * dx + dy * dy, 1e-12)
                f = k2 / d2
                disp[i, 0] += dx * f
                disp[i, 1] += dy * f
                disp[j, 0] -= dx * f
                disp[j, 1] -= dy * f
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                dx, dy = xi - pos[j, 0], yi - pos[j, 1]
                f = np.sqrt(dx * dx + dy * dy) / k
                disp[i, 0] -= dx * f
                disp[i, 1] -= dy * f
        for i in range(n):
            length = np.sqrt(disp[i, 0] ** 2 + disp[i, 1] ** 2)
            if length > 0.0:
                step = min(length, temperature) / length
                pos[i, 0] += disp[i, 0] * step
                pos[i, 1] += disp[i, 1] * step
        temperature -= cooling
    return pos


def _fast_layout(component: nx.Graph, seed: int) -> dict[Any, Any]:
    """Compiled force layout of a large part from a seeded random start (one pair loop per round)."""
    nodes = sorted(component)
    index = {v: i for i, v in enumerate(nodes)}
    adj = component.adj
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(adj[v]) for v in nodes])
    indices = np.fromiter((index[u] for v in nodes for u in sorted(adj[v])), dtype=np.int64, count=int(indptr[-1]))
    start = np.random.default_rng(seed).random((len(nodes), 2))
    # The pair loop is quadratic: above a few thousand actors fewer rounds keep the layout within seconds.
    rounds = FORCE_ROUNDS if len(nodes) <= 4000 else max(30, FORCE_ROUNDS * 4000 // len(nodes))
    pos = _force_layout(start, indptr, indices, rounds)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


def _component_layout(component: nx.Graph, seed: int) -> dict[Any, Any]:
    if component.number_of_nodes() <= KAMADA_KAWAI_LIMIT:
        # Kamada-Kawai spreads a mid-sized network evenly and is deterministic given the seeded start.
        start = nx.spring_layout(component, seed=seed)
        return dict(nx.kamada_kawai_layout(component, pos=start))
    return _fast_layout(component, seed)


def layout_positions(
    graph: nx.MultiDiGraph, seed: int = 7, scale: float = 1000.0, aspect: float = 1.3
) -> dict[str, tuple[float, float]]:
    """Seeded layout of the whole network, scaled for vis-network.

    The largest connected part fills a box ``2 * scale`` high and ``2 * scale * aspect`` wide
    (a wide box suits a wide screen and leaves room for labels); smaller parts and
    isolated actors are lined up in rows below it, so they do not push the main part
    into a corner. Compute it once per data version on the full graph and reuse it for
    every filtered view, so that nodes keep their place when filters change.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> g.add_node("z")
    >>> pos = layout_positions(g)
    >>> sorted(pos), pos == layout_positions(g), max(abs(xy[1]) for n, xy in pos.items() if n != "z") <= 1000
    (['a', 'b', 'c', 'z'], True, True)
    >>> pos["z"][1] > max(pos[n][1] for n in "abc")
    True
    """
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    parts = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    if not parts:
        return {}
    main = nx.rescale_layout_dict(_component_layout(simple.subgraph(parts[0]), seed), scale=scale)
    positions = {str(n): (round(float(x) * aspect, 1), round(float(y), 1)) for n, (x, y) in main.items()}
    rest = [n for part in parts[1:] for n in sorted(part)]
    step = scale / 4
    per_row = max(1, int(2 * scale * aspect / step) + 1)
    for i, node in enumerate(rest):
        positions[str(node)] = (
            round(-scale * aspect + (i % per_row) * step, 1),
            round(scale * 1.15 + (i // per_row) * step, 1),
        )
    return positions


def degree_values(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Number of relations of each actor, the default measure for node size.

    Examples
    --------
    >>> degree_values(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")]))
    {'a': 2.0, 'b': 3.0, 'c': 1.0}
    """
    return {str(n): float(d) for n, d in graph.degree()}


def kind_colors(vocabulary: Vocabulary) -> dict[str, str]:
    """Colour per actor kind, in vocabulary order.

    Examples
    --------
    >>> from graph.model import Term
    >>> kind_colors(Vocabulary({"actor_kinds": {"schule": Term("schule", "Schule"), "amt": Term("amt", "Amt")}}))
    {'schule': '#0072B2', 'amt': '#E69F00'}
    """
    return {kind: PALETTE[i % len(PALETTE)] for i, kind in enumerate(vocabulary.terms("actor_kinds"))}


def edge_styles(vocabulary: Vocabulary) -> dict[str, EdgeStyle]:
    """Line colour, dashes and arrow per relation type, in vocabulary order.

    Examples
    --------
    >>> from graph.model import Term
    >>> edge_styles(Vocabulary({"relation_types": {"k": Term("k", "Kooperation")}}))["k"]
    EdgeStyle(label='Kooperation', color='#555555', dashes=False, directed=False)
    """
    return {
        t.id: EdgeStyle(t.label, EDGE_COLORS[i % len(EDGE_COLORS)], DASHES[i % len(DASHES)], t.directed)
        for i, t in enumerate(vocabulary.terms("relation_types").values())
    }


def legend(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> Legend:
    """Legend of the kinds and relation types that occur in ``graph``.

    Examples
    --------
    >>> from graph.model import Term
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
    """Plain-text tooltip of an actor: name, kind, district, topics, contact.

    It is plain text on purpose: vis-network 9 shows string titles with ``innerText``,
    so markup in the data is displayed literally and never parsed.

    Examples
    --------
    >>> node_title({"name": "<b>A</b>", "kind": "schule", "contact": {"phone": "0345"}}, Vocabulary())
    '<b>A</b>\\nArt: schule\\nKontakt: Tel. 0345'
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
    return "\n".join(lines)


def _size(value: float | None, low: float, high: float) -> float:
    if value is None:
        return MIN_SIZE
    if high <= low:
        return (MIN_SIZE + MAX_SIZE) / 2
    return round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * (value - low) / (high - low), 1)


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1].rstrip() + "…"


def _nodes(
    graph: nx.MultiDiGraph, vocabulary: Vocabulary, positions: Mapping[str, tuple[float, float]], options: MapOptions
) -> list[dict[str, Any]]:
    colors = kind_colors(vocabulary)
    values = [float(v) for n, v in (options.sizes or {}).items() if n in graph]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    nodes = []
    for node_id, attrs in graph.nodes(data=True):
        color = colors.get(attrs.get("kind", ""), PALETTE[-2])
        selected = node_id == options.selected
        x, y = positions.get(node_id, (0.0, 0.0))
        size = PLAIN_SIZE if options.sizes is None else _size(options.sizes.get(node_id), low, high)
        nodes.append(
            {
                "id": str(node_id),
                "label": _short(str(attrs.get("name", node_id))),
                "title": node_title(attrs, vocabulary),
                "x": x,
                "y": y,
                "size": size,
                "color": {"background": color, "border": "#111111" if selected else color},
                "borderWidth": 5 if selected else 1,
            }
        )
    return nodes


def _edges(graph: nx.MultiDiGraph, vocabulary: Vocabulary) -> list[dict[str, Any]]:
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
            title += f"\n{attrs.get('since') or '…'} bis {attrs.get('until') or 'heute'}"
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


def _dash_css(dashes: bool | list[int]) -> str:
    return "" if dashes is False or dashes is True else " ".join(str(d) for d in dashes)


def _legend_html(data: Legend) -> str:
    kinds = "".join(
        f'<li><span class="dot" style="background:{c}"></span>{html.escape(label)}</li>' for label, c in data.kinds
    )
    rels = "".join(
        f'<li><svg width="34" height="10"><line x1="0" y1="5" x2="{28 if s.directed else 34}" y2="5" '
        f'stroke="{s.color}" stroke-width="2.5" stroke-dasharray="{_dash_css(s.dashes)}"/>'
        + ('<polygon points="26,1 34,5 26,9" fill="' + s.color + '"/>' if s.directed else "")
        + f"</svg>{html.escape(label)}</li>"
        for label, s in data.relations
    )
    return f'<div id="legend" aria-label="Legende"><b>Art</b><ul>{kinds}</ul><b>Beziehung</b><ul>{rels}</ul></div>'


_STYLE = """
html, body { margin: 0; padding: 0; font-family: system-ui, sans-serif; background: #fff; }
h1 { font-size: 20px; margin: 8px 12px; }
#wrap { display: flex; gap: 8px; align-items: flex-start; }
#netzwerk { flex: 1 1 auto; min-width: 0; border: 1px solid #ddd; box-sizing: border-box; }
#legend { flex: 0 0 auto; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px 10px;
  font-size: 13px; line-height: 1.45; max-width: 230px; }
#legend ul { list-style: none; margin: 2px 0 6px 0; padding: 0; }
#legend li { display: flex; align-items: center; gap: 6px; }
#legend .dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; }
div.vis-tooltip { white-space: pre-line; font-family: system-ui, sans-serif; font-size: 13px; max-width: 380px; }
@media (max-width: 700px) {
  #wrap { flex-direction: column; height: 100vh; }
  #netzwerk { width: 100%; flex: 1 1 auto; height: auto !important; min-height: 0; }
  #legend { max-width: none; width: 100%; box-sizing: border-box; font-size: 12px; line-height: 1.3; }
  #legend ul { display: flex; flex-wrap: wrap; gap: 0 12px; }
}
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("netzwerk-daten").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("netzwerk");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  window.netzwerk = network;
  window.netzwerkKnoten = nodes;
  // vis-network fits node centres only, so long labels at the edge were cut off: fit the label boxes too.
  function fitWithLabels() {
    var box = null;
    nodes.getIds().forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      box = box === null ? {left: b.left, right: b.right, top: b.top, bottom: b.bottom} : {
        left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
        top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)};
    });
    if (box === null) { return; }
    var width = Math.max(box.right - box.left, 1), height = Math.max(box.bottom - box.top, 1);
    var scale = Math.min(container.clientWidth / width, container.clientHeight / height) * 0.95;
    network.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2},
                    scale: Math.min(scale, 1.5)});
  }
  network.once("afterDrawing", function () {
    fitWithLabels();
    if (data.selected !== null && nodes.get(data.selected)) {
      network.selectNodes([data.selected]);
      if (data.nodes.length > 30) { network.focus(data.selected, {scale: 0.9}); }
    }
    window.netzwerkBereit = true;  // drawn and fitted: the browser test and the benchmark wait for this
  });
  if (data.profileLink !== null && window.top !== window) {
    network.on("doubleClick", function (params) {
      if (params.nodes.length === 1) {
        window.top.location.href = new URL(data.profileLink + encodeURIComponent(params.nodes[0]),
                                           window.top.location.href).href;
      }
    });
  }
})();
"""


def _vis_options(options: MapOptions) -> dict[str, Any]:
    return {
        "physics": {"enabled": options.physics, "stabilization": {"iterations": 150}},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": False},
        "nodes": {
            "shape": "dot",
            "font": {"size": 30, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
        },
        "edges": {"selectionWidth": 2},
        "layout": {"improvedLayout": False},
    }


def map_html(
    graph: nx.MultiDiGraph,
    vocabulary: Vocabulary,
    positions: Mapping[str, tuple[float, float]],
    options: MapOptions | None = None,
) -> str:
    """Return a complete HTML page drawing ``graph`` with vis-network, working offline.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The (filtered) network; it is only read, never changed.
    vocabulary : Vocabulary
        Labels for kinds, districts, topics and relation types.
    positions : mapping of actor id to (x, y)
        Precomputed layout (see :func:`layout_positions`); missing nodes start at (0, 0).
    options : MapOptions, optional
        Sizes, physics, selection, height, title.

    Returns
    -------
    str
        The page. Data travels as JSON inside a ``<script type="application/json">`` block with
        ``<``, ``>`` and ``&`` escaped, tooltips are plain text, legend and title are HTML-escaped.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", name="<img src=x onerror=alert(1)>", kind="schule")
    >>> page = map_html(g, Vocabulary(), {"x": (0.0, 0.0)})
    >>> "<img" in page, "https://" in page.split("<script>")[0]
    (False, False)
    """
    options = options or MapOptions()
    script, css = _vis_assets()
    payload = {
        "nodes": _nodes(graph, vocabulary, positions, options),
        "edges": _edges(graph, vocabulary),
        "options": _vis_options(options),
        "selected": options.selected if options.selected in graph else None,
        "profileLink": options.profile_link,
    }
    heading = f"<h1>{html.escape(options.title)}</h1>" if options.title else ""
    vis_script = f"<script>{script}</script>"
    if options.script_src is not None:
        vis_script = f'<script src="{html.escape(options.script_src)}"></script>'

    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>{html.escape(options.title or 'Netzwerkkarte')}</title>"
        f"<style>{css}</style><style>{_STYLE}</style></head><body>{heading}"
        f'<div id="wrap"><div id="netzwerk" style="height:{int(options.height)}px"></div>'
        f"{_legend_html(legend(graph, vocabulary))}</div>"
        f'<script type="application/json" id="netzwerk-daten">{safe_json(payload)}</script>'
        f"{vis_script}<script>{_SCRIPT}</script></body></html>"
    )
