"""``kg serve``: the SPARQL 1.1 Protocol, formats, refusals and the query page, on a real
server process queried by real clients (SPARQLWrapper, urllib, raw sockets)."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from server_process import (
    MEETS,
    Server,
    get,
    graphs,
    make_store,
    make_trig,
    post,
    query_url,
    raw,
    start,
    statuses,
)
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from test_rdf_store import CHN, RUS, USA, name

from kg.rdf.queries import SavedQuery, list_queries
from kg.rdf.server.page import render_page

pytestmark = pytest.mark.server

SELECT = MEETS + "SELECT ?e ?s WHERE { ?e dkg:source ?s } ORDER BY ?e"
ASK_ALL = "ASK%7B%3Fs%20%3Fp%20%3Fo%7D"


@pytest.fixture(scope="module")
def store_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = make_store(tmp_path_factory.mktemp("store") / "s", 12)
    server = start("--store", str(path), "--timeout", "5", "--max-rows", "50", "--workers", "2")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def file_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = make_trig(tmp_path_factory.mktemp("file") / "graph.trig", 3)
    server = start(str(path), "--timeout", "5", "--workers", "2")
    yield server
    assert server.stop() == 0  # Ctrl-C ends it cleanly


@pytest.fixture(params=["store", "file"])
def both(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


def _client(url: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    c = SPARQLWrapper(f"{url}/sparql")
    c.setQuery(query)
    c.setReturnFormat(fmt)
    if method:
        c.setMethod(method)
    return c


def test_sparqlwrapper_json_get_and_post(store_server: Server) -> None:
    for method in (None, POST):
        data = _client(store_server.url, SELECT, JSON, method).query().convert()
        assert data["head"]["vars"] == ["e", "s"]
        rows = data["results"]["bindings"]
        assert len(rows) == 12
        assert {r["s"]["value"] for r in rows} == {str(RUS), str(USA), str(CHN)}


def test_sparqlwrapper_xml_csv_tsv(store_server: Server) -> None:
    url = store_server.url
    doc = _client(url, SELECT, XML).query().convert()
    assert len(doc.getElementsByTagName("result")) == 12
    rows = list(csv.reader(io.StringIO(_client(url, SELECT, CSV).query().convert().decode())))
    assert rows[0] == ["e", "s"] and len(rows) == 13
    lines = _client(url, SELECT, TSV).query().convert().decode().splitlines()
    assert lines[0] == "?e\t?s" and len(lines) == 13
    assert lines[1].startswith("<https://w3id.org/diplomatic-kg/id/event/")


def test_literals_in_every_format(store_server: Server) -> None:
    url = store_server.url
    q = MEETS + "SELECT ?t WHERE { ?x dkg:sentence ?t } ORDER BY ?t LIMIT 1"
    value = _client(url, q, JSON).query().convert()["results"]["bindings"][0]["t"]["value"]
    assert value.startswith('Putin met Xi "in Moscow" \\') and "\n" in value
    tsv = _client(url, q, TSV).query().convert().decode()
    assert tsv.splitlines()[1].startswith('"Putin met Xi \\"in Moscow\\" \\\\')
    doc = _client(url, q, XML).query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == value


def test_construct_as_turtle_and_ntriples(store_server: Server) -> None:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name(4)}> {{ ?s ?p ?o }} }}"
    data = _client(store_server.url, q, TURTLE).query().convert()
    assert isomorphic(Graph().parse(data=data, format="turtle"), graphs(5)[4][1])
    status, headers, body = get(query_url(store_server.url, q), Accept="application/n-triples")
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=body, format="nt")) == 15


def test_ask_with_no_cors_header_unless_asked(both: Server) -> None:
    status, headers, body = get(f"{both.url}/sparql?query={ASK_ALL}")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert not any(k.startswith("access-control-") for k in headers), headers
    assert headers["x-content-type-options"] == "nosniff"


UPDATE = "INSERT DATA { GRAPH <urn:ex:g> { <urn:ex:a> <urn:ex:p> <urn:ex:b> } }"
FORM = "application/x-www-form-urlencoded"


def _form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def test_thirteen_kinds_of_update_are_refused(both: Server) -> None:
    url = f"{both.url}/sparql"
    with pytest.raises(Exception, match="403"):
        _client(both.url, UPDATE, JSON, POST).query()  # SPARQLWrapper sends update=…
    tries = {
        "GET query=INSERT": get(query_url(both.url, UPDATE)),
        "GET update=": get(f"{url}?query={ASK_ALL}&update=x"),
        "POST form query=INSERT": post(url, _form(query=UPDATE), FORM),
        "POST form update=": post(url, _form(update=UPDATE), FORM),
        "POST sparql-query INSERT": post(url, UPDATE.encode(), "application/sparql-query"),
        "POST sparql-update": post(url, b"DROP ALL", "application/sparql-update"),
        "POST Application/SPARQL-Update": post(url, b"DROP ALL", "Application/SPARQL-Update"),
        "LOAD": post(url, b"LOAD <file:///etc/hostname>", "application/sparql-query"),
        "DELETE WHERE": post(url, b"DELETE WHERE { ?s ?p ?o }", "application/sparql-query"),
        "GET DROP ALL": get(f"{url}?query=DROP%20ALL"),
    }
    for what, (status, _, body) in tries.items():
        assert status == 403 and b"read-only" in body, (what, status, body)
    multipart = b'--b\r\nContent-Disposition: form-data; name="update"\r\n\r\nDROP ALL\r\n--b--\r\n'
    assert post(url, multipart, "multipart/form-data; boundary=b")[0] == 415
    assert post(url, b"x", "application/json")[0] == 415
    assert post(f"{both.url}/update", _form(update="DROP ALL"), FORM)[0] == 404
    req = urllib.request.Request(url, data=b"<urn:a> <urn:b> <urn:c> .", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=30)
    assert info.value.code == 405
    written = "ASK { { GRAPH ?g { <urn:ex:a> ?p ?o } } UNION { <urn:ex:a> ?p ?o } }"
    status, _, body = get(query_url(both.url, written))
    assert json.loads(body)["boolean"] is False  # nothing was written


def test_bad_query_is_400_with_the_parser_message(both: Server) -> None:
    status, headers, body = get(f"{both.url}/sparql?query=SELECT%20WHERE%20%7B")
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert b"error" in body.lower() or b"failed" in body.lower()
    assert get(f"{both.url}/sparql")[0] == 400
    assert get(f"{both.url}/sparql?query=%FF%FE")[0] == 400  # not UTF-8
    assert get(f"{both.url}/sparql?query=ASK%20%7B")[0] == 400


def test_oversized_body_is_413_by_its_length_or_by_what_is_read(store_server: Server) -> None:
    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_100_000).encode()
    assert post(f"{store_server.url}/sparql", big, "application/sparql-query")[0] == 413
    head = b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
    # a declared length over the cap is refused before the body is read
    assert statuses(raw(store_server.port, head + b"Content-Length: 5000000\r\n\r\nASK {}")) == [413]
    chunk = b"%x\r\n%s\r\n" % (1 << 16, b"#" * (1 << 16))
    chunked = head + b"Transfer-Encoding: chunked\r\n\r\n" + chunk * 20 + b"0\r\n\r\n"
    assert statuses(raw(store_server.port, chunked)) == [413]
    assert get(f"{store_server.url}/sparql?query={ASK_ALL}")[0] == 200  # still serving


@pytest.mark.parametrize("length", [b"-1", b"1_5", b"+15", b"0x10", b"abc", b"15, 16"])
def test_lenient_or_negative_content_length_is_400(store_server: Server, length: bytes) -> None:
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: " + length + b"\r\n\r\nASK {}         "
    )
    assert statuses(raw(store_server.port, request)) == [400]


def test_smuggling_and_malformed_heads_are_refused(store_server: Server) -> None:
    host = b"Host: 127.0.0.1\r\n"
    cases = {
        "CL 0 + chunked, then a smuggled GET": (
            b"POST /sparql HTTP/1.1\r\n" + host + b"Content-Type: application/sparql-query\r\n"
            b"Content-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            b"GET /nowhere HTTP/1.1\r\n" + host + b"\r\n", [400]),
        "two Content-Lengths": (
            b"POST /sparql HTTP/1.1\r\n" + host + b"Content-Type: application/sparql-query\r\n"
            b"Content-Length: 6\r\nContent-Length: 60\r\n\r\nASK {}", [400]),
        "101 headers": (
            b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n" + host
            + b"".join(b"X-%d: y\r\n" % i for i in range(101)) + b"\r\n", [431]),
        "70 KB request line": (
            b"GET /sparql?query=" + b"A" * 70_000 + b" HTTP/1.1\r\n" + host + b"\r\n", [400]),
        "HTTP/1.1 without Host": (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n", [400]),
    }  # fmt: skip
    for what, (request, expected) in cases.items():
        assert statuses(raw(store_server.port, request)) == expected, what


def test_traversal_and_reflection_get_a_plain_404(store_server: Server) -> None:
    for path in ["/..", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/%00",
                 "/sparql/..%2f..%2fetc/passwd", "/.%2e/kg/cli/serve.py",
                 "/%3Cscript%3Ealert(1)%3C/script%3E"]:  # fmt: skip
        request = b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        response = raw(store_server.port, request, 2)
        head, _, body = response.partition(b"\r\n\r\n")
        assert statuses(response) == [404], path
        assert b"content-type: text/plain" in head.lower() and b"nosniff" in head.lower()
        assert b"<script>" not in body and b"root:" not in body


def test_result_cap_drops_rows_and_says_so(store_server: Server) -> None:
    status, headers, body = get(query_url(store_server.url, "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and headers.get("x-dkg-truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    product = "CONSTRUCT { ?a <urn:x> ?d } WHERE { ?a ?b ?c . ?d ?e ?f }"
    status, headers, body = get(query_url(store_server.url, product))
    assert status == 200 and headers.get("x-dkg-truncated") == "true"
    assert len(Graph().parse(data=body, format="turtle")) == 50
    assert "x-dkg-truncated" not in get(query_url(store_server.url, SELECT))[1]


def test_query_page_lists_saved_queries_offline_under_a_strict_policy(both: Server) -> None:
    status, headers, body = get(f"{both.url}/")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    for q in list_queries():
        assert q.name in page
    # IRIs appear only as the text of the saved queries shown in <pre> blocks
    outside = re.sub(r"<pre[^>]*>.*?</pre>", "", page, flags=re.S)
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]", outside), "external URL"
    assert not re.search(r"(?i)<(link|img|iframe)\b|\bsrc\s*=|@import", page)
    csp = headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp) and "default-src 'none'" in csp


def test_page_escapes_saved_queries() -> None:
    evil = SavedQuery("evil", "<script>alert(1)</script>", "a & b", (), "ASK {} # </pre><b>")
    page = render_page(timeout=10, max_rows=10, saved=[evil]).html
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "a &amp; b" in page and "&lt;/pre&gt;&lt;b&gt;" in page


def test_200_concurrent_queries(store_server: Server) -> None:
    queries = [
        MEETS + "SELECT ?e WHERE { ?e dkg:source ?s } ORDER BY ?e",
        MEETS + "SELECT (COUNT(*) AS ?n) WHERE { ?e dkg:hasEvidence ?x }",
        "ASK { ?s ?p ?o }",
    ]
    start_line = threading.Barrier(200)  # all 200 clients connect at the same moment

    def one(i: int) -> int | None:
        body = urllib.parse.urlencode({"query": queries[i % 3]}).encode()
        start_line.wait(timeout=30)
        status, _, text = post(f"{store_server.url}/sparql", body, FORM)
        assert status == 200, text
        return status

    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=200) as pool:
        assert list(pool.map(one, range(200))) == [200] * 200
    assert time.monotonic() - t0 < 60


def test_binds_loopback_unless_told_otherwise(store_server: Server) -> None:
    assert store_server.url.startswith("http://127.0.0.1:")
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "0A":  # LISTEN
            listening.add(local)
    assert f"0100007F:{store_server.port:04X}" in listening
    assert f"00000000:{store_server.port:04X}" not in listening


def test_file_server_answers_like_the_store(file_server: Server) -> None:
    data = _client(file_server.url, SELECT, JSON).query().convert()
    assert len(data["results"]["bindings"]) == 3
    data = _client(file_server.url, "SELECT ?x WHERE { BIND(42 AS ?x) }", JSON).query().convert()
    assert data["results"]["bindings"][0]["x"]["datatype"].endswith("integer")
    assert file_server.lines[0].startswith("Serving 3 graph(s) at http://127.0.0.1:")
