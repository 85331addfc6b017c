/* diplomatic-kg explorer, core. Reads the network pyvis wrote (#dkg-nodes, #dkg-edges,
 * #dkg-options) and our page data (#dkg-meta), draws it with vis-network, filters it, and
 * runs the modules that registered in window.dkgModules (panel.js, timeline.js).
 * Every text from the data goes into the page with textContent, never as markup. */
(function () {
  "use strict";
  const marks = { start: performance.now() };
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const nodesIn = read("dkg-nodes"), edgesIn = read("dkg-edges"), options = read("dkg-options"), meta = read("dkg-meta");
  marks.parsed = performance.now();
  const P = meta.palette, opts = meta.options;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  const ordered = (known, values) => {  // the known order first, then the rest sorted
    const seen = new Set(values);
    return known.filter((v) => seen.has(v)).concat(Array.from(seen).filter((v) => known.indexOf(v) < 0).sort());
  };

  // ---- data -----------------------------------------------------------------
  const byId = new Map(), edgeById = new Map();
  nodesIn.forEach((n) => { n.kind = n.kind || "unknown"; byId.set(n.id, n); });
  edgesIn.forEach((e, i) => {
    if (e.id === undefined) { e.id = "e" + i; }
    e.relation = e.relation || "unknown";
    e.modality = e.modality || "asserted";
    const d = e.date ? String(e.date) : "";
    e.lo = d.length >= 7 ? d.slice(0, 7) : (d ? d.slice(0, 4) + "-01" : null);  // month window
    e.hi = d.length >= 7 ? e.lo : (d ? d.slice(0, 4) + "-12" : null);
    e._c = typeof e.color === "object" && e.color ? e.color.color : (e.color || P.other);
    edgeById.set(e.id, e);
  });
  const relations = ordered(Object.keys(P.relation), edgesIn.map((e) => e.relation));
  const modalities = ordered(meta.modalities || [], edgesIn.map((e) => e.modality));
  const kinds = ordered(Object.keys(P.kind), nodesIn.map((n) => n.kind));
  const months = monthRange(edgesIn.filter((e) => e.lo).map((e) => e.lo));
  // Every calendar month from the first to the last event when that spans five years or
  // less; otherwise (a few old events cited in recent news) only the months with events.
  function monthRange(list) {
    const have = Array.from(new Set(list)).sort();
    if (!have.length) { return []; }
    let [y, m] = have[0].split("-").map(Number);
    const [y1, m1] = have[have.length - 1].split("-").map(Number);
    if ((y1 - y) * 12 + (m1 - m) > 60) { return have; }
    const out = [];
    for (;;) {
      const s = y + "-" + String(m).padStart(2, "0");
      out.push(s);
      if (y === y1 && m === m1) { return out; }
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
  }

  const state = {
    relations: new Set(relations), modalities: new Set(modalities), kinds: new Set(kinds),
    from: 0, to: Math.max(months.length - 1, 0), undated: true, isolated: false,
    color: opts.color, ego: null
  };

  // ---- vis-network ------------------------------------------------------------
  // node.bloc is 1-based (as in kg analyze and the exports); meta.blocs[bloc - 1] is it
  const blocOf = (n) => (n.bloc ? meta.blocs[n.bloc - 1] || null : null);
  function nodeColor(n) {
    if (state.color === "kind") { return P.kind[n.kind] || P.kind.unknown; }
    const b = blocOf(n);
    return b && b.size > 1 && n.bloc <= P.bloc.length ? P.bloc[n.bloc - 1] : P.other;
  }
  const NODE_KEYS = ["id", "label", "shape", "value", "x", "y", "title", "size"];
  const EDGE_KEYS = ["id", "from", "to", "color", "dashes", "arrows", "width", "smooth", "title"];
  const pick = (o, keys) => { const v = {}; keys.forEach((k) => { if (o[k] !== undefined && o[k] !== null) { v[k] = o[k]; } }); return v; };
  const big = !!opts.big;
  const visEdge = (e) => {
    const v = pick(e, EDGE_KEYS);
    if (big) { delete v.title; }  // no hover on big graphs
    return v;
  };
  // Big graphs get their vis-network edges after the first frame, in chunks: until then
  // the edges are drawn from our own data (below), and clicking an edge waits for them.
  const LAZY = big && edgesIn.length > 4000;
  const nodes = new vis.DataSet(nodesIn.map((n) => Object.assign(pick(n, NODE_KEYS), { color: nodeColor(n) })));
  const edges = new vis.DataSet(LAZY ? [] : edgesIn.map(visEdge));
  marks.datasets = performance.now();
  const container = document.getElementById("dkg-network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  marks.network = performance.now();
  const B = network.body, R = network.renderer;
  const draw = { mode: "native", nodes: "native", edges: 0, loaded: !LAZY };
  function loadEdges(done) {
    const CHUNK = 5000;
    let i = 0;
    (function step() {
      edges.add(edgesIn.slice(i, i + CHUNK).map((e) => Object.assign(visEdge(e), { hidden: !e._on })));
      i += CHUNK;
      if (i < edgesIn.length) { setTimeout(step, 0); } else { draw.loaded = true; marks.edges = performance.now(); done(); }
    })();
  }
  // the drawing styles of the edges (colour, dashes, width), numbered once
  const styles = [], styleIndex = new Map();
  edgesIn.forEach((e) => {
    const key = e._c + "|" + (e.dashes ? 1 : 0) + "|" + (e.width || 1);
    if (!styleIndex.has(key)) { styleIndex.set(key, styles.length); styles.push({ color: e._c, dashed: !!e.dashes, width: e.width || 1 }); }
    e._s = styleIndex.get(key);
  });

  // Only the edges in view are drawn; above BATCH of them, one path per style instead of
  // one stroke per edge (vis-network strokes each: 20k edges cost ~250 ms a frame).
  const BATCH = 1500;
  R._drawEdges = function (ctx) {
    const c = network.canvas, w = c.frame.canvas.clientWidth, h = c.frame.canvas.clientHeight;
    const a = c.DOMtoCanvas({ x: 0, y: 0 }), b = c.DOMtoCanvas({ x: w, y: h });
    const shown = [];
    for (let i = 0; i < edgesIn.length; i++) {
      const e = edgesIn[i];
      if (!e._on) { continue; }
      const f = B.nodes[e.from], t = B.nodes[e.to];
      if (!f || !t) { continue; }
      if (Math.max(f.x, t.x) < a.x || Math.min(f.x, t.x) > b.x || Math.max(f.y, t.y) < a.y || Math.min(f.y, t.y) > b.y) { continue; }
      shown.push(e);
    }
    draw.edges = shown.length;
    draw.shown = shown;
    if (shown.length <= BATCH && draw.loaded) {
      draw.mode = "native";
      shown.forEach((e) => { const v = B.edges[e.id]; if (v && v.connected) { v.draw(ctx); } });
      return;
    }
    draw.mode = "batched";
    const scale = network.getScale(), lists = styles.map(() => []), top = [];
    shown.forEach((e) => {
      const v = B.edges[e.id];
      if (v && (v.selected || v.hover)) { top.push(v); } else { lists[e._s].push(e); }
    });
    styles.forEach((g, i) => {
      const list = lists[i];
      if (!list.length) { return; }
      ctx.strokeStyle = g.color;
      ctx.globalAlpha = g.dashed ? 0.35 : 1;
      ctx.lineWidth = Math.max(g.width, 0.3 / scale);
      ctx.setLineDash(g.dashed ? [4 / scale, 4 / scale] : []);  // 4 px dashes on screen
      ctx.beginPath();
      for (let j = 0; j < list.length; j++) {
        const f = B.nodes[list[j].from], t = B.nodes[list[j].to];
        ctx.moveTo(f.x, f.y); ctx.lineTo(t.x, t.y);
      }
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    top.forEach((v) => v.draw(ctx));
    draw.top = top;
  };
  R._drawArrows = function (ctx) {
    const list = draw.mode === "native" ? (draw.shown || []).map((e) => B.edges[e.id]) : (draw.top || []);
    list.forEach((v) => { if (v && v.connected) { v.drawArrows(ctx); } });
  };

  // Nodes likewise: above BATCH of them in view, those whose label is too small to draw
  // are filled one path per colour and shape; the others are drawn by vis-network.
  const nativeNodes = R._drawNodes;
  const threshold = (((options.nodes || {}).scaling || {}).label || {}).drawThreshold || 5;
  const SHAPES = {
    dot: (ctx, x, y, r) => { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); },
    square: (ctx, x, y, r) => { ctx.rect(x - r, y - r, 2 * r, 2 * r); },
    diamond: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath(); },
    triangle: (ctx, x, y, r) => { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + 0.6 * r); ctx.lineTo(x - r, y + 0.6 * r); ctx.closePath(); },
    triangleDown: (ctx, x, y, r) => { ctx.moveTo(x, y + r); ctx.lineTo(x + r, y - 0.6 * r); ctx.lineTo(x - r, y - 0.6 * r); ctx.closePath(); },
    hexagon: (ctx, x, y, r) => {
      for (let k = 0; k < 6; k++) { const t = Math.PI / 3 * k; ctx[k ? "lineTo" : "moveTo"](x + r * Math.cos(t), y + r * Math.sin(t)); }
      ctx.closePath();
    }
  };
  R._drawNodes = function (ctx, alwaysShow) {
    const c = network.canvas, w = c.frame.canvas.clientWidth, h = c.frame.canvas.clientHeight;
    const a = c.DOMtoCanvas({ x: -20, y: -20 }), b = c.DOMtoCanvas({ x: w + 20, y: h + 20 });
    const ids = B.nodeIndices, inView = [];
    for (let i = 0; i < ids.length; i++) {
      const n = B.nodes[ids[i]];
      if (n && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y) { inView.push(n); }
    }
    if (alwaysShow || inView.length <= BATCH) { draw.nodes = "native"; return nativeNodes.call(R, ctx, alwaysShow); }
    draw.nodes = "batched";
    const scale = network.getScale(), groups = new Map(), own = [], labels = [];
    inView.forEach((n) => {
      const o = n.options;
      if (n.selected || n.hover || (o.font && o.font.size * scale >= threshold)) { own.push(n); return; }
      n.updateBoundingBox(ctx, n.selected);  // kept for clicks, as vis-network does off screen
      const color = o.color && o.color.background ? o.color.background : P.other;
      const key = color + "|" + (SHAPES[o.shape] ? o.shape : "dot");
      let g = groups.get(key);
      if (!g) { g = { color: color, shape: SHAPES[o.shape] || SHAPES.dot, list: [] }; groups.set(key, g); }
      g.list.push(n);
    });
    groups.forEach((g) => {
      ctx.fillStyle = g.color;
      ctx.beginPath();
      g.list.forEach((n) => g.shape(ctx, n.x, n.y, n.options.size));
      ctx.fill();
    });
    own.forEach((n) => { const r = n.draw(ctx); if (r && r.drawExternalLabel) { labels.push(r.drawExternalLabel); } });
    return { drawExternalLabels: () => labels.forEach((f) => f()) };
  };

  // ---- filters ------------------------------------------------------------------
  const kindOf = (id) => (byId.get(id) || { kind: "unknown" }).kind;
  function edgePasses(e) {
    if (!state.relations.has(e.relation) || !state.modalities.has(e.modality)) { return false; }
    if (!state.kinds.has(kindOf(e.from)) || !state.kinds.has(kindOf(e.to))) { return false; }
    if (!e.lo) { return state.undated; }
    if (!months.length) { return true; }
    return e.lo <= months[state.to] && e.hi >= months[state.from];
  }
  function egoSet(id, hops, on) {
    const adj = new Map();
    edgesIn.forEach((e) => {
      if (!on(e)) { return; }
      if (!adj.has(e.from)) { adj.set(e.from, []); }
      if (!adj.has(e.to)) { adj.set(e.to, []); }
      adj.get(e.from).push(e.to); adj.get(e.to).push(e.from);
    });
    const keep = new Set([id]);
    let ring = [id];
    for (let k = 0; k < hops; k++) {
      const next = [];
      ring.forEach((n) => (adj.get(n) || []).forEach((m) => { if (!keep.has(m)) { keep.add(m); next.push(m); } }));
      ring = next;
    }
    return keep;
  }
  const listeners = [];
  function refresh() {
    const t0 = performance.now();
    edgesIn.forEach((e) => { e._on = edgePasses(e); });
    let keep = null;
    if (state.ego) {
      keep = egoSet(state.ego.id, state.ego.hops, (e) => e._on);
      edgesIn.forEach((e) => { if (e._on && !(keep.has(e.from) && keep.has(e.to))) { e._on = false; } });
    }
    const degree = new Map();
    edgesIn.forEach((e) => {
      if (e._on) { degree.set(e.from, (degree.get(e.from) || 0) + 1); degree.set(e.to, (degree.get(e.to) || 0) + 1); }
    });
    const ni = [], ei = [];
    nodesIn.forEach((n) => {
      let on = state.kinds.has(n.kind) && (degree.has(n.id) || (state.isolated && !keep));
      if (keep) { on = on && keep.has(n.id) || (n.id === state.ego.id && state.kinds.has(n.kind)); }
      n._on = on;
      const v = B.nodes[n.id];
      if (v) { v.options.hidden = !on; if (on) { ni.push(n.id); } }
    });
    edgesIn.forEach((e) => {
      const v = B.edges[e.id];
      if (v) { v.options.hidden = !e._on; if (e._on) { ei.push(e.id); } }
    });
    // the same rule as vis-network's _updateVisibleIndices, without a pass over its objects
    B.nodeIndices = ni;
    B.edgeIndices = ei;
    B.emitter.emit("_requestRedraw");
    const c = counts();
    document.getElementById("dkg-counts").textContent =
      c.nodes + " / " + nodesIn.length + " actors · " + c.edges + " / " + edgesIn.length + " events · " + windowLabel();
    dkg.lastRefreshMs = performance.now() - t0;
    listeners.forEach((f) => f());
  }
  function counts() {
    return { nodes: nodesIn.filter((n) => n._on).length, edges: edgesIn.filter((e) => e._on).length };
  }
  function windowLabel() {
    if (!months.length) { return "no dated events"; }
    const a = months[state.from], b = months[state.to];
    return a === b ? a : a + " – " + b;
  }
  function mainComponent() {
    const parent = new Map();
    const find = (x) => { while (parent.get(x) !== x) { parent.set(x, parent.get(parent.get(x))); x = parent.get(x); } return x; };
    nodesIn.forEach((n) => { if (n._on) { parent.set(n.id, n.id); } });
    edgesIn.forEach((e) => { if (e._on && parent.has(e.from) && parent.has(e.to)) { parent.set(find(e.from), find(e.to)); } });
    const size = new Map();
    parent.forEach((_, n) => { const r = find(n); size.set(r, (size.get(r) || 0) + 1); });
    let best = null;
    size.forEach((s, r) => { if (best === null || s > size.get(best)) { best = r; } });
    return Array.from(parent.keys()).filter((n) => find(n) === best);
  }
  const fitMain = () => fitNodes(mainComponent());
  function fitNodes(ids) {  // fit the view to these actors, beside the legend
    if (!ids.length) { return ids; }
    network.fit({ nodes: ids, animation: false });
    const lg = document.getElementById("dkg-legend"), W = container.clientWidth;
    const d = lg && !lg.classList.contains("dkg-folded") ? lg.offsetWidth + 8 : 0;
    if (d > 0 && d < W / 2) {
      const s = network.getScale() * (W - d) / W, p = network.getViewPosition();
      network.moveTo({ scale: s, position: { x: p.x - d / 2 / s, y: p.y }, animation: false });
    }
    return ids;
  }

  // ---- the filter boxes and the legend ---------------------------------------------
  function swatch(color, cls) {
    const s = el("span", null, "dkg-swatch" + (cls ? " " + cls : ""));
    if (cls && cls.indexOf("dkg-line") >= 0) { s.style.borderTopColor = color; } else { s.style.background = color; }
    return s;
  }
  function checkboxes(boxId, values, set, mark) {
    const box = document.getElementById(boxId);
    values.forEach((v) => {
      const label = el("label"), input = el("input");
      input.type = "checkbox"; input.checked = true; input.value = v;
      input.dataset.filter = boxId.replace("dkg-", "");
      input.addEventListener("change", () => { if (input.checked) { set.add(v); } else { set.delete(v); } refresh(); });
      label.appendChild(input);
      label.appendChild(mark(v));
      label.appendChild(document.createTextNode(v));
      box.appendChild(label);
    });
  }
  const claims = new Set(meta.claims);
  const kindMark = (k) => swatch(P.kind[k] || P.kind.unknown, "dkg-shape-" + (P.shape[k] || "dot"));
  checkboxes("dkg-relations", relations, state.relations, (r) => swatch(P.relation[r] || P.other, "dkg-line"));
  checkboxes("dkg-modalities", modalities, state.modalities,
    (m) => swatch("#555", "dkg-line" + (claims.has(m) ? "" : " dkg-dashed")));
  checkboxes("dkg-kinds", kinds, state.kinds, kindMark);
  document.getElementById("dkg-isolated").addEventListener("change", (ev) => { state.isolated = ev.target.checked; refresh(); });

  function legend() {
    const box = document.getElementById("dkg-legend");
    box.replaceChildren();
    const fold = el("button", box.classList.contains("dkg-folded") ? "Legend ▸" : "Legend ▾", "dkg-fold");
    fold.type = "button";
    fold.setAttribute("aria-expanded", box.classList.contains("dkg-folded") ? "false" : "true");
    fold.addEventListener("click", () => { box.classList.toggle("dkg-folded"); legend(); });
    box.appendChild(fold);
    const list = (title, items) => {
      box.appendChild(el("h3", title));
      const ul = el("ul");
      items.forEach(([mark, text]) => { const li = el("li"); li.appendChild(mark); li.appendChild(document.createTextNode(text)); li.title = text; ul.appendChild(li); });
      box.appendChild(ul);
    };
    if (state.color === "kind") {
      list("Actors: colour and shape = kind", kinds.map((k) => [kindMark(k), k]));
    } else {
      const shown = [];
      meta.blocs.forEach((b, i) => {
        if (b.size > 1 && i < P.bloc.length && shown.length < 8) { shown.push([swatch(P.bloc[i]), (i + 1) + " · " + b.names.join(", ") + (b.size > b.names.length ? " … (" + b.size + ")" : "")]); }
      });
      const rest = meta.blocs.length - shown.length;
      if (rest > 0) { shown.push([swatch(P.other), rest + " smaller blocs and lone actors"]); }
      list("Actors: colour = bloc", shown);
      list("Shape = kind", kinds.map((k) => [swatch("#777", "dkg-shape-" + (P.shape[k] || "dot")), k]));
    }
    list("Size = PageRank; edges", [
      [swatch("#555", "dkg-line"), "colour = relation (left)"],
      [swatch("#555", "dkg-line dkg-dashed"), "not claimed: negated, hypothetical, denied"]
    ]);
  }
  const colorSelect = document.getElementById("dkg-color");
  colorSelect.value = state.color;
  colorSelect.addEventListener("change", (ev) => {
    state.color = ev.target.value;
    nodes.update(nodesIn.map((n) => ({ id: n.id, color: nodeColor(n) })));
    refresh();
    legend();
  });
  document.getElementById("dkg-fit").addEventListener("click", () => fitMain());

  // ---- the page's API (modules, tests, benchmarks) ------------------------------
  const dkg = window.dkg = {
    network: network, nodes: nodes, edges: edges, data: { nodes: nodesIn, edges: edgesIn, meta: meta, options: options },
    byId: byId, edgeById: edgeById, blocOf: blocOf, relations: relations, modalities: modalities, kinds: kinds, months: months,
    state: state, marks: marks, draw: draw, ready: false, drawnAt: null, readyAt: null, edgesReady: !LAZY,
    el: el, counts: counts, refresh: refresh, windowLabel: windowLabel, fitMain: fitMain, fitNodes: fitNodes,
    mainComponent: mainComponent,
    egoSet: egoSet, edgePasses: edgePasses, onRefresh: (f) => listeners.push(f)
  };
  (window.dkgModules || []).forEach((init) => init(dkg));
  legend();
  refresh();
  function markReady() {
    if (dkg.ready) { return; }
    fitMain();
    dkg.ready = true;
    dkg.readyAt = performance.now();
    document.body.dataset.ready = "1";
  }
  network.once("afterDrawing", () => {
    dkg.drawnAt = performance.now();
    if (!opts.physics || !nodesIn.length) { markReady(); }  // no stabilisation without nodes
    if (LAZY) { setTimeout(() => loadEdges(() => { dkg.edgesReady = true; }), 0); }
  });
  if (opts.physics) {
    network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); markReady(); });
  }
})();
