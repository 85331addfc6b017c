/* diplomatic-kg explorer: the timeline under the graph. Events per month (under the
 * current filters) as bars, the month window as two sliders, and a play button that
 * moves the window one month at a time. */
(window.dkgModules = window.dkgModules || []).push(function (dkg) {
  "use strict";
  const months = dkg.months, state = dkg.state, el = dkg.el;
  const from = document.getElementById("dkg-month-from"), to = document.getElementById("dkg-month-to");
  const play = document.getElementById("dkg-play"), hist = document.getElementById("dkg-hist");
  const label = document.getElementById("dkg-window");
  const last = Math.max(months.length - 1, 0);
  const STEP_MS = 900;
  let timer = null;

  from.max = to.max = String(last);
  to.value = String(state.to);
  if (!months.length) { [from, to, play].forEach((x) => { x.disabled = true; }); }
  const bars = months.map((m, i) => {
    const b = el("div");
    b.title = m;
    b.dataset.month = m;
    b.addEventListener("click", () => setWindow(i, i));
    hist.appendChild(b);
    return b;
  });

  function setWindow(a, b) {
    a = Math.max(0, Math.min(last, a)); b = Math.max(a, Math.min(last, b));
    state.from = a; state.to = b;
    from.value = String(a); to.value = String(b);
    dkg.refresh();
  }
  function onInput(ev) {
    let a = Number(from.value), b = Number(to.value);
    if (a > b) { if (ev.target === from) { b = a; } else { a = b; } }
    setWindow(a, b);
  }
  from.addEventListener("input", onInput);
  to.addEventListener("input", onInput);
  document.getElementById("dkg-undated").addEventListener("change", (ev) => { state.undated = ev.target.checked; dkg.refresh(); });

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "▶"; play.setAttribute("aria-label", "Play the months");
  }
  function step() {
    if (state.to >= last) { stop(); return; }
    setWindow(state.from + 1, state.to + 1);
    if (state.to >= last) { stop(); }
  }
  play.addEventListener("click", () => {
    if (timer !== null) { stop(); return; }
    if ((state.from === 0 && state.to === last) || state.to >= last) { setWindow(0, 0); }  // start at the first month
    play.textContent = "⏸"; play.setAttribute("aria-label", "Pause");
    timer = setInterval(step, STEP_MS);
  });

  let per = null, perKey = null;
  dkg.onRefresh(() => {
    // events per month under every filter but the window: recounted when those change
    const key = [state.relations, state.modalities, state.kinds].map((s) => Array.from(s).sort().join(",")).join("|");
    if (key !== perKey) {
      perKey = key;
      per = new Array(months.length).fill(0);
      const index = new Map(months.map((m, i) => [m, i]));
      const saved = [state.from, state.to];
      state.from = 0; state.to = last;
      dkg.data.edges.forEach((e) => { if (e.lo && index.has(e.lo) && dkg.edgePasses(e)) { per[index.get(e.lo)] += 1; } });
      [state.from, state.to] = saved;
      const top = Math.max(1, ...per);
      bars.forEach((b, i) => {
        b.style.height = Math.max(4, Math.round(100 * per[i] / top)) + "%";
        b.title = months[i] + ": " + per[i] + " event(s)";
      });
    }
    bars.forEach((b, i) => b.classList.toggle("dkg-in", i >= state.from && i <= state.to));
    label.textContent = dkg.windowLabel();
  });
  Object.assign(dkg, { setWindow: setWindow, play: () => play.click(), playing: () => timer !== null, stopPlay: stop });
});
