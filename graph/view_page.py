"""The page around the view data (:func:`graph.view.render_html`): stylesheet, script, the bar of
controls, and the check that the page loads nothing from the network.

The script draws the node labels itself, on vis-network's canvas after each drawing, rather
than letting vis-network draw them: at a fixed size on screen (each node's ``labelPx``,
whatever the zoom), placed in order of importance (each node's ``rank``, 0 first, selected
nodes before all) below, above, beside or at a diagonal of the node (or one line further
out), and left out when the box would overlap a label already placed or leave the canvas; a node's first title is added under its
name where there is room. So the most important actors are named at the first zoom, more
appear as one zooms in, and no two labels overlap. The label lines placed in the last
drawing are in ``window.cgLabels`` (boxes in CSS pixels of the canvas).

It also opens the first view with a margin for the labels, keeps every node at least a few
pixels wide on screen, turns tooltips into elements, runs the legend filters and the
search box, and opens a node's ``href`` on click (only http(s) or a link relative to the
page: anything else is ignored).
"""

from __future__ import annotations

import html
import re
from typing import Any

_REMOTE_TAG = re.compile(
    r"""<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^>]*>"""
    r"""|<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//[^>]*>\s*</script>""",
    re.IGNORECASE)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_COMMENTED_TAGS = re.compile(r"<!--(?:(?!-->).)*?<(?:link|script)\b.*?-->", re.IGNORECASE | re.DOTALL)
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S+?(?=</script>|$)", re.MULTILINE)
_ANY_RESOURCE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=""", re.IGNORECASE)

PAGE_CSS = """
body { margin: 0; font-family: sans-serif; }
#cg-bar { padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
#cg-bar h1 { font-size: 18px; margin: 4px 0; }
#cg-bar fieldset { display: inline-block; border: 1px solid #ddd; margin: 2px 6px 2px 0; padding: 2px 8px; }
#cg-bar label { margin-right: 8px; white-space: nowrap; }
.cg-swatch { display: inline-block; width: 12px; height: 12px; margin-right: 3px; vertical-align: middle; }
.cg-line { display: inline-block; width: 18px; height: 3px; margin-right: 3px; vertical-align: middle; }
#cg-note { color: #a33; margin: 2px 0; }
#cg-search-result { margin-left: 6px; color: #555; }
#mynetwork { float: none !important; border: none !important; }
div.vis-tooltip { white-space: normal; max-width: 440px; font-size: 13px; }
.cg-tip .cg-q { margin-top: 4px; }
"""

PAGE_JS = """
(function () {
  var FACE = "sans-serif", LINE = 1.2, GAP = 3, PAD = 2, CELL = 64, MIN_NODE_PX = 5, MAX_FIRST_SCALE = 1.5;
  var MARGIN = {x: 70, y: 40};
  var container = document.getElementById("mynetwork");
  var info = {}, hidden = {};
  nodes.get().forEach(function (n) {
    info[n.id] = {lines: String(n.text || "").split("\\n"), px: n.labelPx || 12, rank: n.rank || 0,
                  size: n.size, drawn: n.size, href: n.href};
  });
  var order = Object.keys(info).sort(function (a, b) { return info[a].rank - info[b].rank; });

  var measure = document.createElement("canvas").getContext("2d"), widths = {};
  function textWidth(text, px) {
    if (!(text in widths)) { measure.font = "100px " + FACE; widths[text] = measure.measureText(text).width / 100; }
    return widths[text] * px;
  }

  // Label placement, greedy in rank order: first every name (below, above, beside or at a
  // diagonal of its node; then the same one line further out), then the first title under the
  // names that have room for it. Boxes are indexed in a grid of CELL-pixel squares.
  function candidates(c, r, w, h) {
    var out = [];
    [0, h].forEach(function (further) {
      var d = (r + further) * 0.7 + GAP, s = r + further + GAP;
      out.push([c.x - w / 2, c.y + s, "center", true], [c.x - w / 2, c.y - s - h, "center", false],
               [c.x + s, c.y - h / 2, "left", true], [c.x - s - w, c.y - h / 2, "right", true],
               [c.x + d, c.y + d, "left", true], [c.x - d - w, c.y + d, "right", true],
               [c.x + d, c.y - d - h, "left", false], [c.x - d - w, c.y - d - h, "right", false]);
    });
    return out.map(function (p) { return {left: p[0], top: p[1], width: w, height: h, align: p[2], under: p[3]}; });
  }
  function cells(b, visit) {
    for (var i = Math.floor((b.left - PAD) / CELL); i <= Math.floor((b.left + b.width + PAD) / CELL); i++) {
      for (var j = Math.floor((b.top - PAD) / CELL); j <= Math.floor((b.top + b.height + PAD) / CELL); j++) {
        if (visit(i + "," + j)) { return true; }
      }
    }
    return false;
  }
  function overlaps(a, b) {
    return a.left < b.left + b.width + PAD && b.left < a.left + a.width + PAD &&
           a.top < b.top + b.height + PAD && b.top < a.top + a.height + PAD;
  }
  function placeLabels() {
    var scale = network.getScale(), w = container.clientWidth, h = container.clientHeight;
    var pos = network.getPositions(), grid = {}, placed = [], selected = network.getSelectedNodes();
    var ids = selected.concat(order.filter(function (id) { return selected.indexOf(id) < 0; }));
    function free(b) {
      return b.left >= 0 && b.top >= 0 && b.left + b.width <= w && b.top + b.height <= h &&
             !cells(b, function (k) { return (grid[k] || []).some(function (o) { return overlaps(b, o); }); });
    }
    function put(b) { cells(b, function (k) { (grid[k] = grid[k] || []).push(b); return false; }); placed.push(b); }
    var names = [];
    ids.forEach(function (id) {
      var n = info[id];
      if (!n || hidden[id] || !pos[id] || !n.lines[0]) { return; }
      var c = network.canvasToDOM(pos[id]), forced = selected.indexOf(id) >= 0;
      if (c.x < -w || c.x > 2 * w || c.y < -h || c.y > 2 * h) { return; }
      var found = candidates(c, n.drawn * scale, textWidth(n.lines[0], n.px), n.px * LINE)
        .filter(function (b) { return forced || free(b); })[0];
      if (found) {
        found.id = id; found.text = n.lines[0]; found.px = n.px;
        put(found);
        names.push(found);
      }
    });
    names.forEach(function (b) {
      var n = info[b.id];
      if (!b.under || n.lines.length < 2) { return; }
      var tw = textWidth(n.lines[1], n.px);
      var left = b.align === "center" ? b.left + (b.width - tw) / 2 : b.align === "left" ? b.left : b.left + b.width - tw;
      var t = {id: b.id, text: n.lines[1], px: n.px, left: left, top: b.top + b.height, width: tw, height: b.height,
               align: b.align, title: true};
      if (free(t)) { put(t); }
    });
    return placed;
  }
  // Placed again only when the view, the selection, the filters or a position changed (not
  // for a redraw on hover).
  var placedFor = null, changes = 0;
  function bump() { changes++; }
  network.on("dragging", bump);
  network.on("dragEnd", bump);
  function currentLabels() {
    var v = network.getViewPosition();
    var key = [network.getScale(), v.x, v.y, container.clientWidth, container.clientHeight,
               network.getSelectedNodes().join(" "), changes].join("|");
    if (key !== placedFor) { placedFor = key; window.cgLabels = placeLabels(); }
    return window.cgLabels;
  }
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    currentLabels();
    ctx.save();
    ctx.textBaseline = "top"; ctx.lineJoin = "round";
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)"; ctx.lineWidth = 3 / scale;
    window.cgLabels.forEach(function (b) {
      var x = b.align === "center" ? b.left + b.width / 2 : b.align === "left" ? b.left : b.left + b.width;
      var p = network.DOMtoCanvas({x: x, y: b.top});
      var font = (b.px / scale) + "px " + FACE;
      if (ctx.font !== font) { ctx.font = font; }
      ctx.textAlign = b.align;
      ctx.fillStyle = b.title ? "#555" : "#222";
      ctx.strokeText(b.text, p.x, p.y);
      ctx.fillText(b.text, p.x, p.y);
    });
    ctx.restore();
  });

  // Nodes at least MIN_NODE_PX wide on screen at any zoom.
  function resize() {
    var least = MIN_NODE_PX / network.getScale(), changes = [];
    order.forEach(function (id) {
      var size = Math.max(info[id].size, least);
      if (size !== info[id].drawn) { info[id].drawn = size; changes.push({id: id, size: size}); }
    });
    if (changes.length) { nodes.update(changes); }
  }
  network.on("zoom", resize);

  // The first view: the whole drawing, with room around it for the labels.
  function firstView() {
    var pos = network.getPositions(), xs = [], ys = [];
    order.forEach(function (id) { xs.push(pos[id].x); ys.push(pos[id].y); });
    if (!xs.length) { return; }
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys),
        y1 = Math.max.apply(null, ys);
    var scale = Math.min((container.clientWidth - 2 * MARGIN.x) / Math.max(x1 - x0, 1),
                         (container.clientHeight - 2 * MARGIN.y) / Math.max(y1 - y0, 1), MAX_FIRST_SCALE);
    network.moveTo({position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2}, scale: Math.max(scale, 0.01)});
    resize();
  }

  // Clicking a node opens its page: only an http(s) link or one relative to this page.
  function safeHref(href) {
    if (typeof href !== "string" || !href) { return null; }
    var url = new URL(href, document.baseURI), relative = !/^[a-z][a-z0-9+.-]*:/i.test(href);
    var ok = url.protocol === "http:" || url.protocol === "https:" || (relative && url.protocol === location.protocol);
    return ok ? url.href : null;
  }
  // The whole window goes to the page (also when the view is embedded in a frame of the app);
  // with Ctrl or Cmd, a new tab.
  network.on("click", function (p) {
    var target = p.nodes.length === 1 && info[p.nodes[0]] ? safeHref(info[p.nodes[0]].href) : null;
    var key = p.event && p.event.srcEvent ? p.event.srcEvent : {};
    if (!target) { return; }
    if (key.ctrlKey || key.metaKey) { window.open(target, "_blank", "noopener"); return; }
    try { window.top.location.href = target; } catch (blocked) { window.location.href = target; }
  });
  network.on("hoverNode", function (p) { if (safeHref((info[p.node] || {}).href)) { container.style.cursor = "pointer"; } });
  network.on("blurNode", function () { container.style.cursor = ""; });

  // Tooltips become elements (vis-network shows a string title as plain text) when first
  // hovered: converting them all up front would delay the first drawing of a large graph.
  window.cgTip = function (markup) {
    var box = document.createElement("div");
    box.className = "cg-tip";
    box.innerHTML = markup;  // built from html.escape()d text only
    return box;
  };
  function ensureTip(items, id) {
    var item = items.get(id);
    if (item && !(item.title instanceof Element)) { items.update({id: id, title: window.cgTip(item.tip)}); }
  }
  network.on("hoverNode", function (p) { ensureTip(nodes, p.node); });
  network.on("hoverEdge", function (p) { ensureTip(edges, p.edge); });

  function checked(name) {
    var on = {};
    document.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }
  function applyFilters() {
    var kinds = checked("cg-kind"), tags = checked("cg-tag");
    hidden = {};
    bump();
    nodes.get().forEach(function (n) { hidden[n.id] = kinds[n.kind] === false; });
    nodes.update(nodes.get().map(function (n) { return {id: n.id, hidden: hidden[n.id]}; }));
    edges.update(edges.get().map(function (e) {
      return {id: e.id, hidden: !e.tags.some(function (t) { return tags[t] !== false; })};
    }));
  }
  document.querySelectorAll("input[name=cg-kind], input[name=cg-tag]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });

  function find(query) {
    var q = query.trim().toLowerCase(), all = nodes.get(), hit = null;
    if (!q) { return null; }
    all.forEach(function (n) {
      if (!hit && n.names.some(function (s) { return s.toLowerCase() === q; })) { hit = n; }
    });
    all.forEach(function (n) {
      if (!hit && n.names.some(function (s) { return s.toLowerCase().indexOf(q) >= 0; })) { hit = n; }
    });
    return hit;
  }
  window.cgSearch = function (query) {
    var hit = find(query), out = document.getElementById("cg-search-result");
    if (!hit) { out.textContent = "no actor matches"; return null; }
    if (hit.hidden) { hidden[hit.id] = false; bump(); nodes.update({id: hit.id, hidden: false}); }
    network.selectNodes([hit.id]);
    network.focus(hit.id, {scale: Math.max(network.getScale(), 1.2)});
    resize();
    out.textContent = "found: " + hit.names[0];
    return hit.id;
  };
  document.getElementById("cg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    window.cgSearch(document.getElementById("cg-search").value);
  });
  firstView();
  network.once("afterDrawing", function () { window.cgDrawnAt = performance.now(); });
  network.redraw();
})();
"""


def controls(data: dict[str, Any], title: str, note: str | None) -> str:
    """The bar above the graph: heading, note, search box, legend with filters, counts (text escaped)."""
    e = html.escape
    kinds = "".join(f"<label><input type='checkbox' name='cg-kind' value='{e(k['name'])}' checked>"
                    f"<span class='cg-swatch' style='background:{e(k['color'])}'></span>{e(k['label'])}</label>"
                    for k in data["legend"]["kinds"])
    tags = "".join(f"<label><input type='checkbox' name='cg-tag' value='{e(t['name'])}' checked>"
                   f"<span class='cg-line' style='background:{e(t['color'])}'></span>{e(t['label'])}</label>"
                   for t in data["legend"]["tags"])
    note_html = f"<p id='cg-note'>{e(note)}</p>" if note else ""
    return (f"<div id='cg-bar'><h1>{e(title)}</h1>{note_html}"
            "<form id='cg-search-form'><input id='cg-search' type='search' placeholder='Find an actor…' "
            "aria-label='Find an actor'> <button type='submit'>Find</button>"
            "<span id='cg-search-result'></span></form>"
            f"<fieldset><legend>Actors</legend>{kinds}</fieldset>"
            f"<fieldset><legend>Links</legend>{tags}</fieldset>"
            f"<span id='cg-counts'>{len(data['nodes'])} actors, {len(data['edges'])} links</span></div>\n")


def offline(page: str) -> str:
    """``page`` without remote stylesheets/scripts, commented-out ones, the source-map
    reference and pyvis's empty headings.

    Raises:
        RuntimeError: when a script, stylesheet or image is still loaded from anywhere (a pyvis
            template change).
    """
    for pattern in (_REMOTE_TAG, _COMMENTED_TAGS, _SOURCE_MAP, _EMPTY_HEADING):
        page = pattern.sub("", page)
    leftover = _ANY_RESOURCE.search(page)
    if leftover:
        raise RuntimeError(f"the page still loads a resource: {leftover.group(0)[:80]}")
    return page
