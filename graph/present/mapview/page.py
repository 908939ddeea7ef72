"""The map page: one self-contained, offline HTML document (vis-network inlined, no CDN, no pyvis template)."""

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

from graph.data.model import Vocabulary
from graph.present.mapview.style import Legend, _edges, _nodes, legend
from graph.present.mapview.text import map_text

__all__ = ["DECLUTTER_LIMIT", "FULL_MAP_LIMIT", "VIS_SCRIPT", "MapOptions", "map_html", "safe_json", "vis_library"]

#: Above this many actors the full map is not drawn unless asked for: measured in headless Chromium on
#: 2 cores, one redraw (every pan or zoom step) takes ~30 ms at 1,000 actors, ~120 ms at 2,000, ~250 ms at 3,000.
FULL_MAP_LIMIT = 1500
#: Up to this many actors the page keeps labels from covering each other (moved above the node or left out,
#: the tooltip still names the actor); above it the pairwise check would slow the first drawing.
DECLUTTER_LIMIT = 600
#: Smallest height of a label on screen, in CSS pixels, when the map opens fitted (phones: fewer, larger labels).
MIN_LABEL_PX = 10


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
        Actor to highlight (border, label kept first); the map still opens fitted to all actors.
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
    """Folder of the vis-network build bundled with pyvis.

    Returns
    -------
    Path
        ``templates/lib/vis-9.1.2`` inside the installed pyvis package (holds ``vis-network.min.js`` and its CSS).

    Examples
    --------
    >>> vis_library().name
    'vis-9.1.2'
    """
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

    Parameters
    ----------
    value : object
        Anything :func:`json.dumps` takes.

    Returns
    -------
    str
        JSON with sorted keys and non-ASCII text kept, except ``<``, ``>``, ``&``, U+2028 and U+2029, which are
        written as JSON unicode escapes.

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
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  // Labels that would cover another label or a dot are moved above their node or, failing that, left out
  // (the tooltip names every actor). Boxes are measured here, not taken from the drawing: vis-network only
  // measures labels it has drawn, i.e. inside the first view. A dot's label hangs r + 19 below its centre
  // (half the font plus 4 px, as vis-network draws it); the selected actor's label is bold.
  function labelBox(node, text, bold, size) {
    measure.font = (bold ? "bold " : "") + size + "px " + node.options.font.face;
    var width = measure.measureText(text).width, top = node.y + node.options.size + size / 2 + 4;
    return {left: node.x - width / 2, right: node.x + width / 2, top: top, bottom: top + size};
  }
  var measure = document.createElement("canvas").getContext("2d");
  function declutter(size) {
    var body = network.body.nodes, order = nodes.getIds(), hidden = [], raised = [];
    var placed = order.map(function (id) {
      var node = body[id], r = node.options.size;
      return {left: node.x - r, right: node.x + r, top: node.y - r, bottom: node.y + r};
    });
    order.sort(function (a, b) {
      return (b === data.selected) - (a === data.selected) || body[b].options.size - body[a].options.size ||
        (a < b ? -1 : a > b ? 1 : 0);
    });
    order.forEach(function (id) {
      var node = body[id], text = node.options.label;
      if (!text) { return; }
      var box = labelBox(node, text, id === data.selected, size), pad = size * 0.2;
      var below = {left: box.left - pad, right: box.right + pad, top: box.top - pad, bottom: box.bottom + pad};
      var shift = 2 * (node.y - box.top) - (box.bottom - box.top);  // the same distance above the node
      var above = {left: below.left, right: below.right, top: below.top + shift, bottom: below.bottom + shift};
      var free = function (b) { return !placed.some(function (p) { return overlaps(b, p); }); };
      if (free(below)) { placed.push(below); }
      else if (free(above)) { placed.push(above); raised.push({id: id, font: {vadjust: shift}}); }
      else if (id === data.selected) { placed.push(below); }  // the chosen actor always keeps its name
      else { hidden.push({id: id, label: ""}); }
    });
    if (hidden.length || raised.length) { nodes.update(hidden.concat(raised)); }
    return hidden.length;
  }
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
    if (box === null) { return 1; }
    var width = Math.max(box.right - box.left, 1), height = Math.max(box.bottom - box.top, 1);
    var scale = Math.min(container.clientWidth / width, container.clientHeight / height) * 0.95;
    network.moveTo({position: {x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2},
                    scale: Math.min(scale, 1.5)});
    return Math.min(scale, 1.5);
  }
  // Everything shown is in view when the map opens, also in the ego view: the selected actor is
  // marked by its border and keeps its label, but the map does not zoom onto it.
  // Labels are laid out for a label size: at least data.minLabelPx on screen at the current zoom (a phone's
  // fitted map would shrink them below reading size), never below the base size. Zooming in lays them out
  // again, so labels left out in the overview come back once there is room for them.
  var names = {}, shownSize = null, baseSize = data.options.nodes.font.size;
  data.nodes.forEach(function (n) { names[n.id] = n.label; });
  function relabel(scale) {
    var size = Math.max(baseSize, Math.ceil(data.minLabelPx / scale));
    if (size === shownSize) { return; }
    if (shownSize !== null) {
      nodes.update(nodes.getIds().map(function (id) { return {id: id, label: names[id], font: {vadjust: 0}}; }));
    }
    shownSize = size;
    network.setOptions({nodes: {font: {size: size}}});
    window.netzwerkVerborgen = declutter(size);  // labels left out, for the browser test
  }
  network.once("afterDrawing", function () {
    if (data.selected !== null && nodes.get(data.selected)) { network.selectNodes([data.selected]); }
    var size = baseSize, scale = fitWithLabels();
    if (data.nodes.length <= data.declutterLimit) {
      // Larger labels widen the fitted box and lower the scale again: two rounds with every label shown;
      // leaving labels out afterwards can only raise the scale of the last fit.
      for (var round = 0; round < 2 && size * scale < data.minLabelPx; round++) {
        size = Math.ceil(data.minLabelPx / scale);
        network.setOptions({nodes: {font: {size: size}}});
        network.redraw();
        scale = fitWithLabels();
      }
      relabel(scale);
      network.redraw();
      fitWithLabels();
      var timer = null;
      network.on("zoom", function () {
        clearTimeout(timer);
        timer = setTimeout(function () { relabel(network.getScale()); }, 150);
      });
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
        "nodes": _nodes(graph, vocabulary, positions, options.sizes, options.selected),
        "edges": _edges(graph, vocabulary),
        "options": _vis_options(options),
        "selected": options.selected if options.selected in graph else None,
        "profileLink": options.profile_link,
        "declutterLimit": DECLUTTER_LIMIT,
        "minLabelPx": MIN_LABEL_PX,
    }
    heading = f"<h1>{html.escape(options.title)}</h1>" if options.title else ""
    aria = f"Netzwerkgrafik: {map_text(graph, vocabulary).summary}"  # counts only: no data text in attributes
    vis_script = f"<script>{script}</script>"
    if options.script_src is not None:
        vis_script = f'<script src="{html.escape(options.script_src)}"></script>'

    return (
        '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8">'
        f"<title>{html.escape(options.title or 'Netzwerkkarte')}</title>"
        f"<style>{css}</style><style>{_STYLE}</style></head><body>{heading}"
        f'<div id="wrap"><div id="netzwerk" role="img" aria-label="{html.escape(aria)}" '
        f'style="height:{int(options.height)}px"></div>'
        f"{_legend_html(legend(graph, vocabulary))}</div>"
        f'<script type="application/json" id="netzwerk-daten">{safe_json(payload)}</script>'
        f"{vis_script}<script>{_SCRIPT}</script></body></html>"
    )
