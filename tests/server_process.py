"""Helpers for the server tests: a real ``kg serve`` process, HTTP on real sockets, and
the CPU and memory of a process tree read from /proc."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from test_rdf_store import CHN, RUS, USA, doc_graph, name

MEETS = "PREFIX dkg: <https://w3id.org/diplomatic-kg/ontology#> "
#: status, headers (lower-case names), body
Answer = tuple[int, dict[str, str], bytes]
PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def graphs(n: int) -> list[tuple[str, Graph]]:
    actors = [RUS, USA, CHN]
    return [(name(i), doc_graph(i, actors[i % 3], actors[(i + 1) % 3])) for i in range(n)]


def make_store(path: Path, n: int) -> Path:
    from kg.rdf.store import open_store

    with open_store(path) as store:
        store.put_graphs(graphs(n))
    return path


def make_trig(path: Path, n: int) -> Path:
    ds = Dataset()
    for iri, g in graphs(n):
        ctx = ds.graph(URIRef(iri))
        for t in g:
            ctx.add(t)
    ds.serialize(path, format="trig")
    return path


class Server:
    """A ``kg serve`` process; ``url`` is its root, ``lines`` what it printed on stderr."""

    def __init__(self, proc: subprocess.Popen[str], url: str, lines: list[str]) -> None:
        self.proc, self.url, self.lines = proc, url.rstrip("/"), lines
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def query(self, text: str, *, timeout: float = 30, **headers: str) -> Answer:
        ctype = "application/sparql-query"
        return post(f"{self.url}/sparql", text.encode(), ctype, timeout=timeout, **headers)


def start(*args: str, env: dict[str, str] | None = None, wait: float = 90) -> Server:
    """Start ``kg serve ARGS --port 0`` (unless a port is given) and wait for its URL."""
    argv = [sys.executable, "-m", "kg", "serve", *args]
    if "--port" not in args:
        argv += ["--port", "0"]
    proc = subprocess.Popen(
        argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={**os.environ, "COLUMNS": "300", **(env or {})},
    )  # fmt: skip
    lines: list[str] = []
    found: list[str] = []

    def read() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line.rstrip("\n"))
            m = re.search(r"Serving \d+ graph\(s\) at (http://\S+/) ", line)
            if m and not found:
                found.append(m.group(1))

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + wait
    while not found:
        if proc.poll() is not None and not found:
            time.sleep(0.2)  # the last lines
            pytest.fail(f"kg serve exited with {proc.returncode}: {lines}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"kg serve did not start within {wait} s: {lines}")
        time.sleep(0.05)
    return Server(proc, found[0], lines)


@contextmanager
def running(*args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    server = start(*args, env=env)
    try:
        yield server
    finally:
        server.stop()


def get(url: str, *, timeout: float = 30, **headers: str) -> Answer:
    return _open(urllib.request.Request(url, headers=headers), timeout)


def post(url: str, body: bytes, ctype: str, *, timeout: float = 30, **headers: str) -> Answer:
    req = urllib.request.Request(url, data=body, headers={"Content-Type": ctype, **headers}, method="POST")
    return _open(req, timeout)


def query_url(base: str, text: str) -> str:
    return f"{base}/sparql?{urllib.parse.urlencode({'query': text})}"


def _open(req: urllib.request.Request, timeout: float) -> Answer:
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def raw(port: int, data: bytes, wait: float = 3.0) -> bytes:
    """Send *data* on a fresh connection; what is answered until the server closes it, no
    more comes for 0.5 s, or *wait* s have passed."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # refused before all was sent
            s.sendall(data)
        out = b""
        end = time.monotonic() + wait
        while time.monotonic() < end:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            out += chunk
            s.settimeout(0.5)  # an answer came: wait a little for a second one, not the whole time
        return out


def statuses(response: bytes) -> list[int]:
    return [int(m) for m in re.findall(rb"(?m)^HTTP/1\.[01] (\d{3}) ", response)]


def _parents() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def children(pid: int) -> list[int]:
    """The live child processes of *pid* (for ``kg serve``: its zygote)."""
    return sorted(_parents().get(pid, []))


def tree(pid: int) -> list[int]:
    """*pid* and all its descendants."""
    kids = _parents()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += kids.get(p, [])
    return out


def cpu_seconds(pid: int, *, children: bool = True) -> float:
    """User + system CPU time of the live processes of *pid*'s tree (or of *pid* alone)."""
    total = 0
    for p in tree(pid) if children else [pid]:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int, *, children: bool = True) -> float:
    """Resident memory of *pid*'s tree (or of *pid* alone), in MB."""
    kb = 0
    for p in tree(pid) if children else [pid]:
        try:
            with open(f"/proc/{p}/status") as f:
                kb += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            continue
    return kb / 1024


class Listener:
    """A local TCP listener that counts the connections made to it and answers none."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.count = 0
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.count += 1
            self._held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self._held:
            c.close()
