"""kg.rdf.server: the read-only SPARQL endpoint, queried by a real client (SPARQLWrapper)."""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from test_rdf_store import CHN, RUS, USA, doc_graph, name

from kg.rdf.queries import SavedQuery, list_queries
from kg.rdf.server import make_server
from kg.rdf.store import MemoryStore, open_store

pytestmark = pytest.mark.server

MEETS = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "


def _start(store, **kwargs) -> tuple[str, object]:
    server = make_server(store, "127.0.0.1", 0, **kwargs)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def _stop(server) -> None:
    server.shutdown()
    server.server_close()


def _graphs(n: int) -> list[tuple[str, Graph]]:
    actors = [RUS, USA, CHN]
    return [(name(i), doc_graph(i, actors[i % 3], actors[(i + 1) % 3])) for i in range(n)]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with open_store(tmp_path_factory.mktemp("store") / "s") as store:
        store.put_graphs(_graphs(12))
        base, server = _start(store, timeout=5.0, max_rows=50, max_request_bytes=20_000)
        try:
            yield base
        finally:
            _stop(server)


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _post(url: str, body: bytes, ctype: str) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def _client(url: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    c = SPARQLWrapper(f"{url}/sparql")
    c.setQuery(query)
    c.setReturnFormat(fmt)
    if method:
        c.setMethod(method)
    return c


SELECT = MEETS + "SELECT ?e ?s WHERE { ?e dkg:source ?s } ORDER BY ?e"


def test_sparqlwrapper_json_get_and_post(url: str) -> None:
    for method in (None, POST):
        data = _client(url, SELECT, JSON, method).query().convert()
        assert data["head"]["vars"] == ["e", "s"]
        rows = data["results"]["bindings"]
        assert len(rows) == 12
        assert {r["s"]["value"] for r in rows} == {str(RUS), str(USA), str(CHN)}


def test_sparqlwrapper_xml_csv_tsv(url: str) -> None:
    doc = _client(url, SELECT, XML).query().convert()
    assert len(doc.getElementsByTagName("result")) == 12
    text = _client(url, SELECT, CSV).query().convert().decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["e", "s"] and len(rows) == 13
    text = _client(url, SELECT, TSV).query().convert().decode()
    lines = text.splitlines()
    assert lines[0] == "?e\t?s" and len(lines) == 13
    assert lines[1].startswith("<https://w3id.org/diplomatic-kg/id/event/")


def test_literals_in_every_format(url: str) -> None:
    q = MEETS + "SELECT ?t WHERE { ?x dkg:sentence ?t } ORDER BY ?t LIMIT 1"
    data = _client(url, q, JSON).query().convert()
    value = data["results"]["bindings"][0]["t"]["value"]
    assert value.startswith('Putin met Xi "in Moscow" \\') and "\n" in value
    tsv = _client(url, q, TSV).query().convert().decode()
    assert tsv.splitlines()[1].startswith('"Putin met Xi \\"in Moscow\\" \\\\')
    doc = _client(url, q, XML).query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == value


def test_construct_as_turtle(url: str) -> None:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name(4)}> {{ ?s ?p ?o }} }}"
    data = _client(url, q, TURTLE).query().convert()
    g = Graph().parse(data=data, format="turtle")
    assert isomorphic(g, _graphs(5)[4][1])
    status, headers, body = _get(
        f"{url}/sparql?{urllib.parse.urlencode({'query': q})}", Accept="application/n-triples"
    )
    assert status == 200 and headers["Content-Type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == 15


def test_ask_and_cors(url: str) -> None:
    status, headers, body = _get(f"{url}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_updates_are_refused(url: str) -> None:
    insert = "INSERT DATA { GRAPH <urn:ex:g> { <urn:ex:a> <urn:ex:p> <urn:ex:b> } }"
    with pytest.raises(Exception) as info:
        _client(url, insert, JSON, POST).query()  # SPARQLWrapper sends update=…
    assert "403" in str(info.value)
    assert _post(f"{url}/sparql", insert.encode(), "application/sparql-query")[0] == 403
    assert _post(f"{url}/sparql", b"DROP ALL", "application/sparql-update")[0] == 403
    assert _get(f"{url}/sparql?query=DROP%20ALL")[0] == 403
    status, _, body = _get(f"{url}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D&update=x")
    assert status == 403 and b"read-only" in body
    assert _post(f"{url}/sparql?query=x", b"", "application/json")[0] == 415
    status, _, body = _get(f"{url}/sparql?query=ASK%7BGRAPH%20%3Curn%3Aex%3Ag%3E%7B%7D%7D")
    assert json.loads(body)["boolean"] is False


def test_bad_query_is_400_with_the_parser_message(url: str) -> None:
    status, headers, body = _get(f"{url}/sparql?query=SELECT%20WHERE%20%7B")
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    assert b"error" in body.lower()
    assert _get(f"{url}/sparql")[0] == 400
    assert _get(f"{url}/nowhere")[0] == 404


def test_oversized_request_is_413(url: str) -> None:
    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 30_000).encode()
    assert _post(f"{url}/sparql", big, "application/sparql-query")[0] == 413
    assert _get(f"{url}/sparql?query=ASK%7B%7D")[0] == 200  # still serving


def test_result_cap_drops_rows_and_says_so(url: str) -> None:
    status, headers, body = _get(
        f"{url}/sparql?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o }'})}"
    )
    assert status == 200 and headers.get("X-DKG-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    status, headers, _ = _get(f"{url}/sparql?{urllib.parse.urlencode({'query': SELECT})}")
    assert "X-DKG-Truncated" not in headers


def test_html_page_lists_saved_queries_offline(url: str) -> None:
    status, headers, body = _get(f"{url}/")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for q in list_queries():
        assert q.name in page
    # IRIs appear only as the text of the saved queries shown in <pre> blocks
    outside = re.sub(r"<pre[^>]*>.*?</pre>", "", page, flags=re.S)
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]", outside), "external URL"
    assert not re.search(r"(?i)<(link|img|iframe)\b|\bsrc\s*=|@import", page)


def test_html_page_escapes_saved_queries(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.rdf.queries

    evil = SavedQuery("evil", "<script>alert(1)</script>", "a & b", (), "ASK {} # </pre><b>")
    monkeypatch.setattr(kg.rdf.queries, "list_queries", lambda: [evil])
    base, server = _start(MemoryStore())
    try:
        page = _get(f"{base}/")[2].decode()
    finally:
        _stop(server)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; b" in page and "&lt;/pre&gt;&lt;b&gt;" in page


def test_slow_query_times_out_with_503() -> None:
    store = MemoryStore()
    store.put_graphs(_graphs(200))  # 3,000 triples
    base, server = _start(store, timeout=0.5)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # 9 million pairs
    try:
        t0 = time.monotonic()
        status, _, body = _get(f"{base}/sparql?{urllib.parse.urlencode({'query': slow})}")
        assert status == 503 and b"0.5 s limit" in body
        assert time.monotonic() - t0 < 5
        # the worker was interrupted, not left running
        deadline = time.monotonic() + 5
        while any(t.name == "dkg-query" for t in threading.enumerate()):
            assert time.monotonic() < deadline, "the timed-out query is still running"
            time.sleep(0.05)
        assert _get(f"{base}/sparql?query=ASK%7B%7D")[0] == 200
    finally:
        _stop(server)


def test_200_concurrent_queries(url: str) -> None:
    queries = [
        MEETS + "SELECT ?e WHERE { ?e dkg:source ?s } ORDER BY ?e",
        MEETS + "SELECT (COUNT(*) AS ?n) WHERE { ?e dkg:hasEvidence ?x }",
        "ASK { ?s ?p ?o }",
    ]

    start = threading.Barrier(200)  # all 200 clients connect at the same moment

    def one(i: int) -> int:
        q = urllib.parse.urlencode({"query": queries[i % 3]}).encode()
        start.wait(timeout=30)
        status, _, body = _post(f"{url}/sparql", q, "application/x-www-form-urlencoded")
        assert status == 200, body
        return status

    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(one, range(200)))
    assert statuses == [200] * 200
    assert time.monotonic() - t0 < 60


def test_binds_loopback_unless_told_otherwise() -> None:
    server = make_server(MemoryStore(), port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_memory_store_answers_too() -> None:
    store = MemoryStore()
    store.put_graphs(_graphs(3))
    base, server = _start(store)
    try:
        data = _client(base, SELECT, JSON).query().convert()
        assert len(data["results"]["bindings"]) == 3
        data = _client(base, "SELECT ?x WHERE { BIND(42 AS ?x) }", JSON).query().convert()
        assert data["results"]["bindings"][0]["x"]["datatype"].endswith("integer")
    finally:
        _stop(server)


def test_kg_serve_command_serves_a_trig_file(tmp_path: Path) -> None:
    ds = Dataset()
    for n, g in _graphs(3):
        ctx = ds.graph(URIRef(n))
        for t in g:
            ctx.add(t)
    path = tmp_path / "graph.trig"
    ds.serialize(path, format="trig")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(path), "--port", "0", "--timeout", "5"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        m = re.search(r"Serving 3 graph\(s\) at (http://127\.0\.0\.1:\d+/)", line)
        assert m, line
        data = _client(m.group(1).rstrip("/"), SELECT, JSON).query().convert()
        assert len(data["results"]["bindings"]) == 3
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
