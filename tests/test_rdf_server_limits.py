"""``kg serve`` under attack (issue 12, points 1–8): real server processes, real sockets on
loopback, CPU and memory read from /proc. Each attack is one from the red-team report
(shared/findings/attacks-and-bad-inputs.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from server_process import (
    PRODUCT,
    Listener,
    Server,
    children,
    cpu_seconds,
    get,
    graphs,
    make_store,
    make_trig,
    post,
    query_url,
    raw,
    rss_mb,
    running,
    start,
    statuses,
    tree,
)

pytestmark = pytest.mark.server

TIMEOUT = 3.0
MEMORY_MB = 200
FILE_MEMORY_MB = 40  # rdflib grows slowly: a small cap is reached well before the deadline


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("limits") / "store", 200)  # 3,000 triples


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Server]:
    s = start("--store", str(store_path), "--timeout", str(TIMEOUT), "--workers", "2",
              "--memory", str(MEMORY_MB))  # fmt: skip
    yield s
    s.stop()


@pytest.fixture(scope="module")
def file_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    path = make_trig(tmp_path_factory.mktemp("limits-file") / "graph.trig", 60)
    # 20 s: rdflib fills even a small memory cap slowly on a busy machine
    s = start(str(path), "--workers", "2", "--memory", str(FILE_MEMORY_MB), "--timeout", "20")
    yield s
    s.stop()


def _ask(server: Server) -> tuple[int | None, float]:
    t0 = time.monotonic()
    status = get(f"{server.url}/sparql?query=ASK%7B%7D", timeout=30)[0]
    return status, time.monotonic() - t0


def _workers(server: Server) -> set[int]:
    return set(tree(server.proc.pid)) - {server.proc.pid}


# -- point 1: sizes checked before any engine sees the query
@pytest.mark.parametrize(
    "text",
    [
        "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",  # SIGSEGV in Oxigraph 0.5
        "SELECT * WHERE { " + " . ".join(f"?s{i} <urn:p> ?o{i}" for i in range(4000)) + " }",
        "SELECT * WHERE { BIND(1 AS ?x0) "
        + " ".join(f"BIND(?x{i} AS ?x{i + 1})" for i in range(3000))
        + " }",
    ],
    ids=["nested-5000", "bgp-4000", "bind-3000"],
)
def test_queries_that_crashed_the_store_server_get_400(server: Server, text: str) -> None:
    status, _, body = server.query(text)
    assert status == 400 and b"limit" in body
    assert server.proc.poll() is None and _ask(server)[0] == 200


# -- point 2: past the deadline a query stops using CPU and memory
def test_runaway_queries_are_killed_and_the_next_query_is_answered_at_once(server: Server) -> None:
    before = _workers(server)
    with ThreadPoolExecutor(8) as pool:
        t0 = time.monotonic()
        answers = list(pool.map(lambda _: server.query(PRODUCT), range(8)))
        took = time.monotonic() - t0
    assert [a[0] for a in answers] == [503] * 8
    assert all(b"limit" in a[2] or b"busy" in a[2] for a in answers)
    assert took < TIMEOUT + 3
    status, seconds = _ask(server)
    assert status == 200 and seconds < 0.5, seconds
    cpu0 = cpu_seconds(server.proc.pid)
    time.sleep(1.5)
    assert cpu_seconds(server.proc.pid) - cpu0 < 0.3  # nothing is still counting
    assert before - _workers(server), "the workers that ran past the deadline are gone"


@pytest.mark.parametrize("which", ["store", "file"])
def test_order_by_over_a_product_stops_at_the_memory_limit(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Oxigraph aborts on the failed allocation, rdflib raises MemoryError: either way the
    worker alone ends, and the client is told."""
    server = request.getfixturevalue("server" if which == "store" else "file_server")
    memory = MEMORY_MB if which == "store" else FILE_MEMORY_MB
    assert _ask(server)[0] == 200
    time.sleep(0.5)  # the pool settled: every worker forked and its store open
    base = rss_mb(server.proc.pid)
    peak = [base]
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak.append(rss_mb(server.proc.pid))
            time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    product = "?a ?b ?c . ?d ?e ?f . ?g ?h ?i" if which == "store" else "?a ?b ?c . ?d ?e ?f"
    status, _, body = server.query(f"SELECT * WHERE {{ {product} }} ORDER BY ?c ?f")
    done.set()
    assert status == 503 and f"{memory} MB of memory".encode() in body, body
    assert max(peak) - base < memory * 1.5  # the process tree never grew past one worker's cap
    time.sleep(0.5)
    assert rss_mb(server.proc.pid) - base < 50  # the worker's memory went with it
    assert _ask(server)[0] == 200


def test_a_worker_that_dies_mid_query_is_reported_and_replaced(server: Server) -> None:
    result: list[tuple] = []
    t = threading.Thread(target=lambda: result.append(server.query(PRODUCT)))
    t.start()
    time.sleep(0.3)
    before = {p: cpu_seconds(p, children=False) for p in _workers(server)}
    time.sleep(0.5)
    burnt = {p: cpu_seconds(p, children=False) - c for p, c in before.items()}
    busy = max(burnt, key=burnt.__getitem__)  # the worker running the product
    assert burnt[busy] > 0.05, burnt  # the others idle at 0
    os.kill(busy, signal.SIGSEGV)  # what a crash in the engine looks like
    t.join()
    status, _, body = result[0]
    assert status == 500 and b"signal 11" in body, body
    assert _ask(server)[0] == 200 and busy not in _workers(server)


def test_the_server_outlives_its_zygote(server: Server) -> None:
    """The zygote killed (its workers end with it): a new one is started, queries go on."""
    (zygote,) = children(server.proc.pid)
    os.kill(zygote, signal.SIGKILL)
    deadline = time.monotonic() + 30
    answers = []
    while len(answers) < 10 or zygote in children(server.proc.pid):
        assert time.monotonic() < deadline, (answers, children(server.proc.pid))
        answers.append(_ask(server)[0])
        time.sleep(0.1)
    assert answers[-5:] == [200] * 5 and len(children(server.proc.pid)) == 1


# -- point 3: no outbound request, no file read
def test_service_and_from_reach_nothing_outside(server: Server, file_server: Server) -> None:
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/sparql"
    try:
        for s in (server, file_server):
            for text in [
                f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
                f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }}",
                f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?x ?y ?z }} }}",
                f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?x ?y ?z }} }}",
            ]:
                status, _, body = s.query(text)
                assert status == 400 and b"SERVICE is refused" in body, (text, body)
            for text in [
                f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
                f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                "SELECT * FROM <file:///etc/hostname> WHERE { ?s ?p ?o }",
                "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
            ]:
                status, _, body = s.query(text)
                assert status == 400 and b"names no graph served here" in body, (text, body)
            with ThreadPoolExecutor(8) as pool:  # SERVICE to a host that never answers
                text = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}"
                assert {a[0] for a in pool.map(s.query, [text] * 8)} == {400}
            # a dataset clause naming a served graph is allowed
            served = graphs(1)[0][0]
            status, _, body = s.query(f"SELECT (COUNT(*) AS ?n) FROM <{served}> WHERE {{ ?s ?p ?o }}")
            assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "15"
        time.sleep(0.3)
        assert listener.count == 0
    finally:
        listener.close()


# -- point 4: the body cap holds on what is read
def test_negative_content_length_cannot_bypass_the_body_cap(server: Server) -> None:
    """The HTTP process reads the bodies: its memory stays flat."""
    base = rss_mb(server.proc.pid, children=False)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: -1\r\n\r\n")  # fmt: skip
        sent = 0
        try:
            for _ in range(50):
                s.sendall(b"#" * (1 << 20))
                sent += 1
        except OSError:
            pass  # the server closed the connection: nothing more is read
        answer = s.recv(200)
    assert answer.startswith(b"HTTP/1.1 400"), answer
    assert rss_mb(server.proc.pid, children=False) - base < 20
    head = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")  # fmt: skip
    mib = b"100000\r\n" + b"#" * (1 << 20) + b"\r\n"
    assert statuses(raw(server.port, head + mib * 3 + b"0\r\n\r\n")) == [413]  # no length given
    assert statuses(raw(server.port, head + mib * 10)) == [413]  # answered unread past 4 MB
    assert rss_mb(server.proc.pid, children=False) - base < 20


# -- point 5: web pages and DNS rebinding
def test_other_hosts_and_origins_are_refused(server: Server) -> None:
    ask = f"{server.url}/sparql?query=ASK%7B%7D"
    status, _, body = get(ask, Host=f"evil.example:{server.port}")
    assert status == 421 and b"DNS rebinding" in body
    assert get(ask, Host=f"localhost:{server.port}")[0] == 200
    status, headers, _ = post(f"{server.url}/sparql", b"query=ASK%7B%7D", "application/x-www-form-urlencoded",
                              Origin="https://evil.example")  # fmt: skip
    assert status == 403 and "access-control-allow-origin" not in headers
    form = "application/x-www-form-urlencoded"
    same = post(f"{server.url}/sparql", b"query=ASK%7B%7D", form, Origin=server.url)
    assert same[0] == 200 and "access-control-allow-origin" not in same[1]


def test_cors_and_every_interface_only_when_asked(store_path: Path) -> None:
    with running("--store", str(store_path), "--host", "0.0.0.0", "--cors", "https://app.example",
                 "--workers", "1") as s:  # fmt: skip
        assert s.lines[0].startswith("warning listening on 0.0.0.0:")
        ask = f"http://127.0.0.1:{s.port}/sparql?query=ASK%7B%7D"
        status, headers, _ = get(ask, Origin="https://app.example")
        assert status == 200 and headers["access-control-allow-origin"] == "https://app.example"
        assert headers["access-control-expose-headers"] == "X-DKG-Truncated"
        preflight = urllib.request.Request(ask, method="OPTIONS", headers={
            "Origin": "https://app.example", "Access-Control-Request-Method": "POST"})  # fmt: skip
        with urllib.request.urlopen(preflight, timeout=10) as r:
            assert r.status == 204 and r.headers["Access-Control-Allow-Origin"] == "https://app.example"
        assert get(ask, Origin="https://evil.example")[0] == 403
        assert get(ask, Host=f"192.0.2.7:{s.port}")[0] == 200  # an address of this machine, as typed
        assert get(ask, Host=f"evil.example:{s.port}")[0] == 421


# -- point 6: the store is opened read-only; the file server queues
def test_a_build_can_write_the_store_while_it_is_served(server: Server, store_path: Path) -> None:
    from kg.rdf.store import open_store

    new = "https://w3id.org/diplomatic-kg/id/doc/written-while-served"
    with open_store(store_path) as store:  # read-write: the server holds no lock
        store.put_graph(new, graphs(1)[0][1])
    deadline = time.monotonic() + 10
    while True:  # every worker sees the new graph once it notices the store changed
        answers = {json.loads(server.query(f"ASK {{ GRAPH <{new}> {{ ?s ?p ?o }} }}")[2])["boolean"]
                   for _ in range(6)}  # fmt: skip
        if answers == {True} or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert answers == {True}


def test_a_store_on_a_read_only_disk_is_served(store_path: Path, tmp_path: Path) -> None:
    mount = tmp_path / "ro"
    mount.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        == 0
    )
    try:
        shutil.copytree(store_path, mount / "store")
        if mounted:  # a real read-only file system
            assert subprocess.run(["mount", "-o", "remount,ro", str(mount)]).returncode == 0
        else:  # not root: the same fault, made with permissions
            for p in [mount / "store", *(mount / "store").iterdir()]:
                p.chmod(0o555 if p.is_dir() else 0o444)
        with pytest.raises(OSError):
            (mount / "store" / "probe").write_text("x")
        with running("--store", str(mount / "store"), "--workers", "1") as s:
            assert re.match(r"Serving 20[01] graph\(s\)", s.lines[-1]), s.lines
            assert json.loads(s.query("ASK { ?s ?p ?o }")[2])["boolean"] is True
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_the_file_server_queues_500_clients_instead_of_refusing(file_server: Server) -> None:
    start_line = threading.Barrier(500)
    text = urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a ?c } LIMIT 3"}).encode()

    def one(_: int) -> int | None:
        start_line.wait(timeout=60)
        return post(f"{file_server.url}/sparql", text, "application/x-www-form-urlencoded", timeout=60)[0]

    t0 = time.monotonic()
    with ThreadPoolExecutor(500) as pool:
        got = list(pool.map(one, range(500)))
    assert got.count(200) == 500, {s: got.count(s) for s in set(got)}
    assert time.monotonic() - t0 < 10  # all answered within the default timeout


# -- slowloris: idle sockets cost the event loop nothing
def test_slow_clients_do_not_hold_up_the_others(server: Server) -> None:
    socks = []
    try:
        for _ in range(300):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: ")
            socks.append(s)
        for _ in range(5):
            status, seconds = _ask(server)
            assert status == 200 and seconds < 1.0
    finally:
        for s in socks:
            s.close()


# -- point 8: a port in use is one coded line
def test_port_already_in_use_is_one_coded_error_line(server: Server, store_path: Path) -> None:
    res = subprocess.run(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_path), "--port", str(server.port)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "300"},
    )  # fmt: skip
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error E601") and "already in use" in lines[0], lines
    assert query_url(server.url, "ASK {}") and _ask(server)[0] == 200
