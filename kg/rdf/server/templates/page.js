const form = document.getElementById('q'), out = document.getElementById('out'),
      statusEl = document.getElementById('status');
// a saved query's parameter fields bind the actor's exact label with a VALUES clause
// (a trailing VALUES is SPARQL 1.1); the labels come from the endpoint itself
const literal = v => '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r') + '"';
document.querySelectorAll('button.use').forEach(b => b.addEventListener('click', () => {
  let text = document.getElementById(b.dataset.target).textContent;
  document.querySelectorAll('input.param[data-for="' + b.dataset.target + '"]').forEach(f => {
    if (f.value.trim()) { text += '\nVALUES ?' + f.dataset.var + ' { ' + literal(f.value.trim()) + ' }'; }
  });
  form.query.value = text;
  form.query.focus();
}));
(async () => {
  const list = document.getElementById('dkg-actors'), q = document.getElementById('actors-query');
  if (!list || !q) { return; }
  try {
    const r = await fetch('sparql', {method: 'POST', body: new URLSearchParams({query: q.textContent}),
                                     headers: {'Accept': 'application/sparql-results+json'}});
    if (!r.ok) { return; }
    (await r.json()).results.bindings.forEach(b => {
      const o = document.createElement('option'); o.value = b.label.value; list.appendChild(o);
    });
  } catch (e) { /* the fields still take any label */ }
})();
form.addEventListener('submit', async ev => {
  ev.preventDefault();
  statusEl.textContent = 'running…'; out.replaceChildren();
  const t0 = performance.now();
  const body = new URLSearchParams({query: form.query.value});
  try {
    const r = await fetch('sparql', {method: 'POST', body,
      headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
    const text = await r.text();
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    if (!r.ok) { statusEl.textContent = r.status + ': ' + text; return; }
    if ((r.headers.get('Content-Type') || '').includes('json')) {
      const data = JSON.parse(text);
      if ('boolean' in data) { statusEl.textContent = String(data.boolean); return; }
      const vars = data.head.vars, rows = data.results.bindings;
      const table = document.createElement('table'), head = table.insertRow();
      vars.forEach(v => { const th = document.createElement('th'); th.textContent = v;
                          head.appendChild(th); });
      rows.forEach(b => { const tr = table.insertRow();
        vars.forEach(v => { tr.insertCell().textContent = b[v] ? b[v].value : ''; }); });
      out.appendChild(table);
      statusEl.textContent = rows.length + ' rows in ' + secs + ' s' +
        (r.headers.get('X-DKG-Truncated') ? ' (truncated)' : '');
    } else {
      const pre = document.createElement('pre'); pre.textContent = text; out.appendChild(pre);
      statusEl.textContent = 'graph in ' + secs + ' s';
    }
  } catch (e) { statusEl.textContent = String(e); }
});
