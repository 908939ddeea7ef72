"""Browser test: the ego view fits every node into the canvas, labels never overlap, the map has a text version."""

from __future__ import annotations

import time
from typing import Any

import pytest

from graph import build_graph, load_dataset
from tests.conftest import REPO
from tests.test_browser import Session, _shot, app_url, session  # noqa: F401 - fixtures
from views import texts as t

pytestmark = pytest.mark.browser

#: Every node's centre in canvas pixels, the visible label boxes (drawn shift ``font.vadjust`` included)
#: and the number of pairs of visible labels that overlap.
MEASURE = """el => {
  const n = window.netzwerk, w = el.clientWidth, h = el.clientHeight, pos = n.getPositions();
  const centres = Object.keys(pos).map(id => [id, n.canvasToDOM(pos[id])]);
  const labels = Object.values(n.body.nodes).filter(node => node.options.label).map(node => {
    const s = node.labelModule.size, v = node.options.font.vadjust || 0;
    const a = n.canvasToDOM({x: s.left, y: s.top + v}), b = n.canvasToDOM({x: s.left + s.width, y: s.top + s.height + v});
    return {id: node.id, left: a.x, top: a.y, right: b.x, bottom: b.y};
  });
  let overlaps = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
    const p = labels[i], q = labels[j];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) overlaps.push([p.id, q.id]);
  }
  return {w: w, h: h, centres: centres, labels: labels, overlaps: overlaps, hidden: window.netzwerkVerborgen,
          scale: n.getScale()};
}"""


def _well_connected() -> str:
    """The actor with the most relations in the bundled data."""
    dataset = load_dataset(REPO / "data").dataset
    assert dataset is not None
    graph = build_graph(dataset)
    return max(sorted(graph.nodes), key=graph.degree)


def _measure(tab: Session) -> dict[str, Any]:
    frame = tab.map_frame()
    canvas = frame.locator("#netzwerk")
    deadline = time.monotonic() + 30
    while not canvas.evaluate("() => window.netzwerkBereit === true") and time.monotonic() < deadline:
        time.sleep(0.2)
    canvas.evaluate("() => window.netzwerk.redraw()")  # label boxes as last drawn
    return dict(canvas.evaluate(MEASURE))


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (390, 844)])
def test_ego_view_fits_all_nodes_and_labels_do_not_overlap(
    session: Session,  # noqa: F811
    app_url: str,  # noqa: F811
    width: int,
    height: int,
) -> None:
    actor = _well_connected()
    page = session.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/?actor={actor}&ego=2")
    found = _measure(session)
    caption = page.get_by_text("Beziehungen sichtbar.").first.inner_text()  # „33 Akteure und 70 Beziehungen …“
    expected = int(caption.split()[0])
    assert len(found["centres"]) == expected > 25
    outside = [(i, p) for i, p in found["centres"] if not (0 <= p["x"] <= found["w"] and 0 <= p["y"] <= found["h"])]
    assert outside == [], f"Knoten außerhalb der Zeichenfläche {found['w']}×{found['h']}: {outside}"
    assert found["overlaps"] == []
    cut = [
        b
        for b in found["labels"]
        if b["left"] < 0 or b["top"] < 0 or b["right"] > found["w"] or b["bottom"] > found["h"]
    ]
    assert cut == []
    assert actor in {b["id"] for b in found["labels"]}  # the chosen actor keeps its name
    assert len(found["labels"]) + found["hidden"] == expected
    # Labels are drawn at least MIN_LABEL_PX (10) high, up to rounding of the second fit.
    assert min(b["bottom"] - b["top"] for b in found["labels"]) >= 9
    # Zoomed in, labels left out in the overview come back where there is room, still without overlaps.
    box = session.map_frame().locator("#netzwerk").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, -300)
        page.wait_for_timeout(100)
    page.wait_for_timeout(600)
    zoomed = dict(session.map_frame().locator("#netzwerk").evaluate(MEASURE))
    assert zoomed["scale"] > found["scale"] and zoomed["overlaps"] == []
    assert zoomed["hidden"] <= found["hidden"]
    if width < 700:  # the phone's overview had grown labels: zoomed in, more of them fit
        assert zoomed["hidden"] < found["hidden"]
    iframe = page.locator("iframe").first
    assert iframe.get_attribute("title") == t.MAP_ALT
    page.get_by_text(t.MAP_LIST, exact=True).click()
    summary = page.get_by_text(f"{expected} Akteure und", exact=False).first
    summary.wait_for()
    print(f"{width}×{height}: {expected} Knoten in {found['w']}×{found['h']} px, Maßstab {found['scale']:.3f},")
    print(f"  {len(found['labels'])} Beschriftungen sichtbar, {found['hidden']} nur im Tooltip;")
    print(f"  hineingezoomt (Maßstab {zoomed['scale']:.3f}): {zoomed['hidden']} nur im Tooltip")
    page.get_by_text(t.MAP_LIST, exact=True).click()  # closed again for the screenshot
    page.reload()
    _measure(session)
    _shot(page, f"karte-umfeld-2-{width}")
