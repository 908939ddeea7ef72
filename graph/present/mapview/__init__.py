"""The network map as one self-contained, offline HTML page (vis-network inlined, no CDN, no pyvis template).

One module per concern; import from here, the split is not part of the API:

- :mod:`graph.present.mapview.layout`: seeded layout (Kamada-Kawai, igraph's force layout for large parts),
- :mod:`graph.present.mapview.style`: colours, line styles, sizes, legend, plain-text tooltips, node and edge items,
- :mod:`graph.present.mapview.page`: ``MapOptions``, the HTML page, escaped JSON, vis-network's files,
- :mod:`graph.present.mapview.text`: the drawn view as German lines for screen readers (``map_text``).
"""

from __future__ import annotations

from graph.present.mapview.layout import FORCE_ROUNDS as FORCE_ROUNDS
from graph.present.mapview.layout import KAMADA_KAWAI_LIMIT as KAMADA_KAWAI_LIMIT
from graph.present.mapview.layout import layout_positions, local_scale
from graph.present.mapview.page import DECLUTTER_LIMIT as DECLUTTER_LIMIT
from graph.present.mapview.page import FULL_MAP_LIMIT, VIS_SCRIPT, MapOptions, map_html, safe_json, vis_library
from graph.present.mapview.page import MIN_LABEL_PX as MIN_LABEL_PX
from graph.present.mapview.style import DASHES as DASHES
from graph.present.mapview.style import EDGE_COLORS as EDGE_COLORS
from graph.present.mapview.style import LABEL_LIMIT as LABEL_LIMIT
from graph.present.mapview.style import MAX_SIZE as MAX_SIZE
from graph.present.mapview.style import MIN_SIZE as MIN_SIZE
from graph.present.mapview.style import PALETTE as PALETTE
from graph.present.mapview.style import PLAIN_SIZE as PLAIN_SIZE
from graph.present.mapview.style import EdgeStyle, Legend, degree_values, edge_styles, kind_colors, legend, node_title
from graph.present.mapview.text import MapText, map_text

__all__ = [
    "FULL_MAP_LIMIT",
    "VIS_SCRIPT",
    "EdgeStyle",
    "Legend",
    "MapOptions",
    "MapText",
    "degree_values",
    "edge_styles",
    "kind_colors",
    "layout_positions",
    "legend",
    "local_scale",
    "map_html",
    "map_text",
    "node_title",
    "safe_json",
    "vis_library",
]
