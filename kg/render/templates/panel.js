/* diplomatic-kg explorer: the evidence panel (an event's sentences and articles, an
 * actor's events grouped by relation), ego networks, search with suggestions, and the
 * PNG of the view. Texts go in with textContent; a link is made only for an http(s) URL. */
(window.dkgModules = window.dkgModules || []).push(function (dkg) {
  "use strict";
  const el = dkg.el, network = dkg.network, byId = dkg.byId;
  const panel = document.getElementById("dkg-panel");
  const label = (id) => (byId.get(id) || { label: String(id) }).label;
  const MAX_PER_RELATION = 30;

  function safeUrl(u) {
    try {
      const x = new URL(String(u));
      return x.protocol === "http:" || x.protocol === "https:" ? x : null;
    } catch (err) { return null; }
  }
  function joined(parent, parts) {  // parts: strings or nodes, joined with " · "
    parts.filter((p) => p !== null && p !== undefined && p !== "").forEach((p, i) => {
      if (i) { parent.appendChild(document.createTextNode(" · ")); }
      parent.appendChild(typeof p === "string" ? document.createTextNode(p) : p);
    });
    return parent;
  }
  function source(x) {
    const url = x.url ? safeUrl(x.url) : null;
    let head = x.title || null;
    if (url) {
      const a = el("a", x.title || url.href);
      a.href = url.href; a.rel = "noopener noreferrer"; a.target = "_blank";
      head = a;
    }
    return joined(el("div", null, "dkg-meta"), [head, x.date || null, url ? url.hostname : (x.url || null),
      !x.title && !x.url ? (x.doc || null) : null]);
  }
  function evidence(e, parent) {
    (e.evidence || []).forEach((x) => {
      parent.appendChild(el("blockquote", x.sentence || "", "dkg-sentence"));
      parent.appendChild(source(x));
    });
  }
  const describe = (e) => label(e.from) + " " + e.relation + " " + label(e.to);
  const when = (e) => (e.date ? e.date + (e.granularity === "reported" ? " (report date)" : "") : "undated");

  function showEdge(id) {
    const e = dkg.edgeById.get(id);
    if (!e) { return; }
    panel.replaceChildren();
    panel.appendChild(el("h2", describe(e)));
    panel.appendChild(joined(el("div", null, "dkg-meta"), [e.modality, when(e),
      (e.corroboration || 0) + " document(s)",
      e.confidence !== null && e.confidence !== undefined ? "confidence " + e.confidence : null]));
    evidence(e, panel);
  }

  function showNode(id) {
    const n = byId.get(id);
    if (!n) { return; }
    panel.replaceChildren();
    panel.appendChild(el("h2", n.label));
    const bloc = dkg.blocOf(n);
    panel.appendChild(joined(el("div", null, "dkg-meta"), [n.kind, n.country || null, n.wikidata || null,
      bloc ? "bloc " + n.bloc + (bloc.size > 1 ? " (" + bloc.size + " actors)" : " (alone)") : null,
      n.rank !== undefined ? "PageRank " + Number(n.rank).toFixed(3) : null]));
    const actions = el("div", null, "dkg-actions");
    [1, 2].forEach((h) => {
      const b = el("button", "Ego network: " + h + (h === 1 ? " hop" : " hops"));
      b.type = "button"; b.dataset.ego = String(h);
      b.addEventListener("click", () => setEgo(id, h));
      actions.appendChild(b);
    });
    if (dkg.state.ego) {
      const b = el("button", "Show all"); b.type = "button";
      b.addEventListener("click", clearEgo);
      actions.appendChild(b);
    }
    panel.appendChild(actions);
    if (!n._on) { panel.appendChild(el("p", "Not in the current view (filters or time window).", "dkg-hint")); }
    const all = dkg.data.edges.filter((e) => e.from === id || e.to === id);
    const mine = all.filter((e) => e._on);
    panel.appendChild(el("p", mine.length + " event(s) in view, of " + all.length, "dkg-meta"));
    dkg.relations.forEach((r) => {
      const list = mine.filter((e) => e.relation === r);
      if (!list.length) { return; }
      list.sort((a, b) => String(a.date || "~").localeCompare(String(b.date || "~")));
      const box = el("details");
      box.open = true;
      box.dataset.relation = r;
      box.appendChild(el("summary", r + " · " + list.length));
      list.slice(0, MAX_PER_RELATION).forEach((e) => {
        const other = e.from === id ? "→ " + label(e.to) : "← " + label(e.from);
        const h = el("h3", other + " (" + e.modality + ", " + when(e) + ")");
        h.dataset.edge = String(e.id);
        box.appendChild(h);
        evidence(e, box);
      });
      if (list.length > MAX_PER_RELATION) { box.appendChild(el("p", (list.length - MAX_PER_RELATION) + " more", "dkg-hint")); }
      panel.appendChild(box);
    });
  }

  // ---- ego networks ---------------------------------------------------------------
  const egoBar = document.getElementById("dkg-ego");
  function setEgo(id, hops) {
    dkg.state.ego = { id: id, hops: hops };
    dkg.refresh();
    const ids = dkg.data.nodes.filter((n) => n._on).map((n) => n.id);
    dkg.fitNodes(ids);
    network.selectNodes([id]);
    document.getElementById("dkg-ego-label").textContent =
      "Ego network of " + label(id) + ": " + hops + (hops === 1 ? " hop" : " hops") + ", " + ids.length + " actors";
    egoBar.hidden = false;
    showNode(id);
  }
  function clearEgo() {
    const was = dkg.state.ego;
    dkg.state.ego = null;
    egoBar.hidden = true;
    dkg.refresh();
    dkg.fitMain();
    if (was) { showNode(was.id); }
  }
  document.getElementById("dkg-ego-clear").addEventListener("click", clearEgo);

  // ---- search with suggestions ------------------------------------------------------
  const input = document.getElementById("dkg-search"), list = document.getElementById("dkg-suggest");
  const msg = document.getElementById("dkg-search-msg");
  let hits = [], active = -1;
  function matches(q) {
    const score = (n) => {
      const l = n.label.toLowerCase();
      if ((n.country || "").toLowerCase() === q || l === q) { return 0; }
      if (l.startsWith(q)) { return 1; }
      if (l.split(/[\s-]+/).some((w) => w.startsWith(q))) { return 2; }
      return l.indexOf(q) >= 0 ? 3 : -1;
    };
    return dkg.data.nodes.map((n) => [score(n), n]).filter((x) => x[0] >= 0)
      .sort((a, b) => a[0] - b[0] || (b[1].rank || 0) - (a[1].rank || 0) || a[1].label.localeCompare(b[1].label))
      .map((x) => x[1]);
  }
  function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
  function mark() {
    Array.from(list.children).forEach((li, i) => li.setAttribute("aria-selected", i === active ? "true" : "false"));
  }
  function choose(n) {
    input.value = n.label;
    close();
    msg.textContent = "";
    network.selectNodes(n._on ? [n.id] : []);
    if (n._on) { network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: false }); }
    showNode(n.id);
  }
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    list.replaceChildren();
    if (!q) { close(); msg.textContent = ""; network.unselectAll(); return; }
    hits = matches(q);
    if (!hits.length) { close(); msg.textContent = "No actor matches “" + input.value.trim() + "”"; network.unselectAll(); return; }
    msg.textContent = "";
    hits.slice(0, 10).forEach((n, i) => {
      const li = el("li");
      li.setAttribute("role", "option");
      li.dataset.id = String(n.id);
      li.appendChild(el("span", n.label));
      li.appendChild(el("span", [n.kind, n.country].filter(Boolean).join(" · ") + (n._on ? "" : " · hidden"), "dkg-meta"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(n); });
      li.addEventListener("mouseenter", () => { active = i; mark(); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    active = -1;
    mark();
    const visible = hits.filter((n) => n._on).map((n) => n.id);
    network.selectNodes(visible);
    if (visible.length === 1) { network.focus(visible[0], { scale: Math.max(network.getScale(), 1.2), animation: false }); }
  });
  input.addEventListener("keydown", (ev) => {
    const k = Math.min(hits.length, 10);
    if (ev.key === "ArrowDown" && k) { active = (active + 1) % k; mark(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && k) { active = (active - 1 + k) % k; mark(); ev.preventDefault(); }
    else if (ev.key === "Enter" && hits.length && !list.hidden) { choose(hits[Math.max(active, 0)]); ev.preventDefault(); }
    else if (ev.key === "Escape") { close(); }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));

  // ---- the view as a PNG ------------------------------------------------------------
  function png() {
    const src = document.querySelector("#dkg-network canvas");
    const band = 28 * (window.devicePixelRatio || 1);
    const c = document.createElement("canvas");
    c.width = src.width; c.height = src.height + band;
    const ctx = c.getContext("2d");
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, c.width, c.height);
    ctx.fillStyle = "#222"; ctx.font = Math.round(band * 0.5) + "px sans-serif";
    ctx.fillText(document.title + " · " + document.getElementById("dkg-counts").textContent, band * 0.3, band * 0.68);
    ctx.drawImage(src, 0, band);
    return c;
  }
  document.getElementById("dkg-png").addEventListener("click", () => {
    png().toBlob((blob) => {
      const a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = (document.title || "diplomatic-kg").replace(/[^\w.-]+/g, "_") + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, "image/png");
  });

  network.on("click", (p) => {
    if (p.nodes.length) { showNode(p.nodes[0]); } else if (p.edges.length) { showEdge(p.edges[0]); }
  });
  Object.assign(dkg, { showNode: showNode, showEdge: showEdge, setEgo: setEgo, clearEgo: clearEgo, png: png, safeUrl: safeUrl });
});
