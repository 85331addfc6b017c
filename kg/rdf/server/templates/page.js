const form = document.getElementById('q'), out = document.getElementById('out'),
      statusEl = document.getElementById('status');
document.querySelectorAll('button.use').forEach(b => b.addEventListener('click', () => {
  form.query.value = document.getElementById(b.dataset.target).textContent;
  form.query.focus();
}));
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
