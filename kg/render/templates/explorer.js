/* diplomatic-kg explorer: draws the graph embedded as JSON in #dkg-data with vis-network.
 * Every text from the data is put in the page with textContent, never innerHTML. */
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var raw = JSON.parse(document.getElementById("dkg-data").textContent);
  marks.parsed = performance.now();
  var P = raw.palette, opts = raw.options;
  var byId = {};
  raw.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function uniq(xs) { return Array.from(new Set(xs)).sort(); }

  // ---- state of the filters -------------------------------------------------
  var relations = uniq(raw.edges.map(function (e) { return e.relation; }));
  var modalities = uniq(raw.edges.map(function (e) { return e.modality; }));
  var kinds = uniq(raw.nodes.map(function (n) { return n.kind; }));
  var dates = uniq(raw.edges.filter(function (e) { return e.date; }).map(function (e) { return e.date; }));
  var state = {
    relations: new Set(relations), modalities: new Set(modalities), kinds: new Set(kinds),
    from: 0, to: Math.max(dates.length - 1, 0), undated: true, color: opts.color
  };

  // ---- vis data -------------------------------------------------------------
  function nodeColor(n) {
    return state.color === "kind" ? (P.kind[n.kind] || P.other) : (P.bloc[n.bloc] || P.other);
  }
  function visNode(n) {  // few per-node options: each one costs a merge on big graphs
    var v = { id: n.id, label: n.label, size: n.size, color: nodeColor(n) };
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }
  // Only options that differ from the global edge defaults are set per edge: each
  // per-edge option costs vis-network a merge, which dominates opening 20k edges.
  function visEdge(e) {
    var c = P.relation[e.relation] || P.other;
    var v = { id: e.id, from: e.from, to: e.to, color: c };
    if (raw.claims.indexOf(e.modality) < 0) {  // negated, hypothetical, denied: dashed, faded
      v.dashes = true;
      v.color = { color: c, highlight: c, hover: c, opacity: 0.35 };
    }
    if (raw.undirected.indexOf(e.relation) >= 0) { v.arrows = ""; }
    if ((e.corroboration || 1) > 1) { v.width = 1 + Math.log2(e.corroboration); }
    if (e.nth > 0) {  // parallel events between the same actors: curve them apart
      v.smooth = { enabled: true, type: e.nth % 2 ? "curvedCW" : "curvedCCW",
                   roundness: 0.15 * Math.ceil(e.nth / 2) + 0.05 };
    }
    return v;
  }
  var nodes = new vis.DataSet(raw.nodes.map(visNode));
  var edges = new vis.DataSet(raw.edges.map(visEdge));
  function nodeVisible(id) { return state.kinds.has(byId[id].kind); }
  function edgeVisible(e) {
    if (!state.relations.has(e.relation) || !state.modalities.has(e.modality)) { return false; }
    if (!nodeVisible(e.from) || !nodeVisible(e.to)) { return false; }
    if (!e.date) { return state.undated; }
    return e.date >= dates[state.from] && e.date <= dates[state.to];
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeVisible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeVisible(raw.edges[e.id]); } });

  var big = raw.nodes.length > 300;
  var options = {
    layout: { randomSeed: opts.seed, improvedLayout: !big && raw.nodes.length < 150 },
    physics: opts.physics ? {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120 },
      stabilization: { enabled: true, iterations: 400, fit: true }
    } : false,
    nodes: { shape: "dot", borderWidth: big ? 0 : 1, font: { size: 14 },
             scaling: { label: { drawThreshold: 6 } } },
    edges: { smooth: false, width: 1, arrows: { to: { enabled: !big, scaleFactor: 0.5 } },
             selectionWidth: 2 },
    interaction: { hover: !big, hideEdgesOnDrag: big, hideEdgesOnZoom: big, tooltipDelay: 300 }
  };
  var container = document.getElementById("dkg-network");
  marks.datasets = performance.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  marks.network = performance.now();

  var dkg = window.dkg = {
    network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
    data: raw, state: state, ready: false, drawnAt: null, marks: marks,
    counts: function () { return { nodes: nodeView.length, edges: edgeView.length }; }
  };
  function markReady() {
    if (!dkg.ready) { dkg.ready = true; dkg.readyAt = performance.now(); document.body.dataset.ready = "1"; }
  }
  network.once("afterDrawing", function () {
    dkg.drawnAt = performance.now();
    if (!opts.physics) { markReady(); }
  });
  if (big) {  // arrow heads cost the most on big graphs: draw them only when zoomed in
    var arrowsOn = false;
    network.on("zoom", function (p) {
      var want = p.scale > 0.5;
      if (want !== arrowsOn) {
        arrowsOn = want;
        network.setOptions({ edges: { arrows: { to: { enabled: want } } } });
      }
    });
  }
  if (opts.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      markReady();
    });
  }

  // ---- filters --------------------------------------------------------------
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    var c = dkg.counts();
    document.getElementById("dkg-counts").textContent =
      c.nodes + " / " + raw.nodes.length + " actors, " + c.edges + " / " + raw.edges.length + " events";
  }
  function checkboxes(boxId, values, set, swatch) {
    var box = document.getElementById(boxId);
    values.forEach(function (v) {
      var label = el("label");
      var input = el("input");
      input.type = "checkbox"; input.checked = true; input.value = v;
      input.dataset.filter = boxId.replace("dkg-", "");
      input.addEventListener("change", function () {
        if (input.checked) { set.add(v); } else { set.delete(v); }
        refresh();
      });
      label.appendChild(input);
      if (swatch) { label.appendChild(swatch(v)); }
      label.appendChild(document.createTextNode(" " + v));
      box.appendChild(label);
    });
  }
  function colorSwatch(map) {
    return function (v) { var s = el("span", null, "dkg-swatch"); s.style.background = map[v] || P.other; return s; };
  }
  checkboxes("dkg-relations", relations, state.relations, colorSwatch(P.relation));
  checkboxes("dkg-modalities", modalities, state.modalities, function (v) {
    return el("span", null, "dkg-swatch " + (raw.claims.indexOf(v) >= 0 ? "dkg-solid" : "dkg-dashed"));
  });
  checkboxes("dkg-kinds", kinds, state.kinds, colorSwatch(P.kind));

  var from = document.getElementById("dkg-date-from"), to = document.getElementById("dkg-date-to");
  var dateLabel = document.getElementById("dkg-date-label");
  from.max = to.max = String(Math.max(dates.length - 1, 0));
  to.value = String(state.to);
  function onDates() {
    var a = Number(from.value), b = Number(to.value);
    if (a > b) { if (this === from) { to.value = String(a); b = a; } else { from.value = String(b); a = b; } }
    state.from = a; state.to = b;
    dateLabel.textContent = dates.length ? dates[a] + " – " + dates[b] : "no dated events";
    refresh();
  }
  from.addEventListener("input", onDates);
  to.addEventListener("input", onDates);
  document.getElementById("dkg-undated").addEventListener("change", function (ev) {
    state.undated = ev.target.checked; refresh();
  });
  onDates.call(from);

  document.getElementById("dkg-color").value = state.color;
  document.getElementById("dkg-color").addEventListener("change", function (ev) {
    state.color = ev.target.value;
    nodes.update(raw.nodes.map(function (n) { return { id: n.id, color: nodeColor(n) }; }));
    legend();
  });

  // ---- search ---------------------------------------------------------------
  document.getElementById("dkg-search").addEventListener("input", function (ev) {
    var q = ev.target.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); return; }
    var hits = raw.nodes.filter(function (n) {
      return nodeVisible(n.id) && (n.label.toLowerCase().indexOf(q) >= 0 || (n.country || "").toLowerCase() === q);
    }).map(function (n) { return n.id; });
    network.selectNodes(hits);
    if (hits.length) { network.focus(hits[0], { scale: 1.2, animation: false }); showNode(hits[0]); }
  });

  // ---- legend ---------------------------------------------------------------
  function legend() {
    var box = document.getElementById("dkg-legend");
    box.replaceChildren();
    box.appendChild(el("h3", "Edges: relation"));
    var ul = el("ul");
    relations.forEach(function (r) {
      var li = el("li"); li.appendChild(colorSwatch(P.relation)(r)); li.appendChild(document.createTextNode(r)); ul.appendChild(li);
    });
    var li2 = el("li"); li2.appendChild(el("span", null, "dkg-swatch dkg-dashed"));
    li2.appendChild(document.createTextNode("not asserted (negated, hypothetical, denied)")); ul.appendChild(li2);
    box.appendChild(ul);
    box.appendChild(el("h3", state.color === "kind" ? "Nodes: actor kind" : "Nodes: bloc (size: PageRank)"));
    var ul2 = el("ul");
    if (state.color === "kind") {
      kinds.forEach(function (k) {
        var li = el("li"); li.appendChild(colorSwatch(P.kind)(k)); li.appendChild(document.createTextNode(k)); ul2.appendChild(li);
      });
    } else {
      for (var b = 0; b < Math.min(raw.blocs, P.bloc.length); b++) {
        var li = el("li"); var s = el("span", null, "dkg-swatch"); s.style.background = P.bloc[b];
        li.appendChild(s); li.appendChild(document.createTextNode("bloc " + (b + 1))); ul2.appendChild(li);
      }
      if (raw.blocs > P.bloc.length) {
        var lo = el("li"); lo.appendChild(colorSwatch({})("x")); lo.appendChild(document.createTextNode("smaller blocs")); ul2.appendChild(lo);
      }
    }
    box.appendChild(ul2);
  }
  legend();

  // ---- evidence panel -------------------------------------------------------
  var panel = document.getElementById("dkg-panel");
  function evidenceList(e, parent) {
    (e.evidence || []).forEach(function (x) {
      var q = el("blockquote", x.sentence || "", "dkg-sentence");
      parent.appendChild(q);
      var meta = [x.title, x.date, x.url].filter(function (s) { return s; }).join(" · ");
      parent.appendChild(el("div", meta || (x.doc || ""), "dkg-meta"));
    });
  }
  function describe(e) {
    var a = byId[e.from], b = byId[e.to];
    return a.label + " " + e.relation + " " + b.label;
  }
  function showEdge(id) {
    var e = raw.edges[id];
    panel.replaceChildren();
    panel.appendChild(el("h2", describe(e)));
    panel.appendChild(el("div", [e.modality, e.date || "undated", (e.corroboration || 0) + " document(s)",
      e.confidence !== null && e.confidence !== undefined ? "confidence " + e.confidence : ""]
      .filter(function (s) { return s; }).join(" · "), "dkg-meta"));
    evidenceList(e, panel);
  }
  function showNode(id) {
    var n = byId[id];
    panel.replaceChildren();
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("div", [n.kind, n.country, n.wikidata, "bloc " + (n.bloc + 1)]
      .filter(function (s) { return s; }).join(" · "), "dkg-meta"));
    var mine = raw.edges.filter(function (e) { return (e.from === id || e.to === id) && edgeVisible(e); });
    mine.slice(0, 100).forEach(function (e) {
      panel.appendChild(el("h3", describe(e) + " (" + e.modality + (e.date ? ", " + e.date : "") + ")"));
      evidenceList(e, panel);
    });
    if (mine.length > 100) { panel.appendChild(el("p", (mine.length - 100) + " more events", "dkg-hint")); }
  }
  dkg.showEdge = showEdge;
  dkg.showNode = showNode;
  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  refresh();
})();
