"""Load on ``kg serve``: queries per second and latency at 10, 500 and 1,000 clients.

Builds a deterministic graph (one named graph per document, in the docs/rdf-model.md
vocabulary), writes it as a TriG file and as an Oxigraph store, starts both servers
(``kg serve --store DIR`` and ``kg serve FILE``, defaults otherwise: 4 query workers, a
10 s timeout) and hits each with concurrent clients, all of them connected at once:

* 10 clients × 100 requests each, keep-alive (an analyst's scripts);
* 500 clients × 2 requests;
* 1,000 clients × 1 request.

Requests cycle through four queries (an ASK, a selective SELECT, a COUNT over every event,
one actor's events). Every answer that is not a 200, and every connection refused or
reset, is counted as refused: the target is none. As a reference, the same queries run in
one thread against raw pyoxigraph and raw rdflib in this process.

    python benchmarks/bench_serve.py                 # 200 documents (3,000 triples)
    python benchmarks/bench_serve.py --docs 1000     # 15,000 triples: rdflib's limits show
    python benchmarks/bench_serve.py --url http://127.0.0.1:7878 --name mine   # a running server

The clients are asyncio coroutines on raw sockets in this process; on a 2-core machine
they share the CPU with the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

DKG = "https://w3id.org/diplomatic-kg/ontology#"
ID = "https://w3id.org/diplomatic-kg/id/"
STATES = ["RUS", "USA", "CHN", "UKR", "SYR", "IRN", "TUR", "FRA", "DEU", "GBR", "ISR", "IND"]
PREFIX = f"PREFIX dkg: <{DKG}> "
QUERIES = [
    "ASK { ?s ?p ?o }",
    PREFIX + "SELECT ?e ?s WHERE { ?e dkg:source ?s } LIMIT 20",
    PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e a dkg:Meeting }",
    PREFIX + f"SELECT ?e ?t WHERE {{ ?e dkg:source <{ID}actor/RUS> ; dkg:target ?t }} LIMIT 10",
]
SHAPES = [(10, 100), (500, 2), (1000, 1)]


def make_data(root: Path, docs: int) -> tuple[Path, Path]:
    """A TriG file and an Oxigraph store holding the same *docs* document graphs."""
    from rdflib import Dataset, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import PROV, RDF, RDFS

    from kg.rdf.store import OxigraphStore

    ns = Namespace(DKG)
    graphs = []
    for i in range(docs):
        g = Graph()
        doc = URIRef(f"{ID}doc/d{i}")
        a, b = STATES[i % len(STATES)], STATES[(i * 7 + 1) % len(STATES)]
        for k in range(3):
            e = URIRef(f"{ID}event/e{i}-{k}")
            g.add((e, RDF.type, ns.Meeting if k else ns.Support))
            g.add((e, ns.source, URIRef(f"{ID}actor/{a}")))
            g.add((e, ns.target, URIRef(f"{ID}actor/{b}")))
            g.add((e, ns.sentence, Literal(f"{a} met {b} ({i}, {k}).")))
            g.add((e, PROV.wasDerivedFrom, doc))
        for code in (a, b):
            g.add((URIRef(f"{ID}actor/{code}"), RDFS.label, Literal(code)))
        graphs.append((str(doc), g))
    trig = root / "graph.trig"
    ds = Dataset()
    for name, g in graphs:
        ctx = ds.graph(URIRef(name))
        for t in g:
            ctx.add(t)
    ds.serialize(trig, format="trig")
    store = root / "store"
    with OxigraphStore(store) as s:
        s.put_graphs(graphs)
    return trig, store


def start_server(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *args, "--port", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        m = re.search(r"at (http://\S+/) ", line)
        if m:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep draining
            return proc, m.group(1).rstrip("/")
    raise SystemExit(f"kg serve {' '.join(args)} did not start")


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.refused = 0


async def client(host: str, port: int, requests: int, offset: int, tally: Tally, gate: asyncio.Event) -> None:
    reader = writer = None
    await gate.wait()
    for n in range(requests):
        body = urllib.parse.urlencode({"query": QUERIES[(offset + n) % len(QUERIES)]}).encode()
        head = (
            f"POST /sparql HTTP/1.1\r\nHost: {host}:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Accept: application/sparql-results+json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        t0 = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            assert reader is not None
            writer.write(head + body)
            await writer.drain()
            status_line = await reader.readuntil(b"\r\n")
            headers = await reader.readuntil(b"\r\n\r\n")
            m = re.search(rb"(?i)content-length: *(\d+)", headers)
            await reader.readexactly(int(m.group(1)) if m else 0)
            status = int(status_line.split()[1])
            if re.search(rb"(?i)connection: *close", headers):
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError):
            tally.refused += 1
            writer = None
            continue
        if status == 200:
            tally.latencies.append(time.perf_counter() - t0)
        else:
            tally.refused += 1
    if writer is not None:
        writer.close()


async def load(url: str, clients: int, requests: int) -> dict[str, float]:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    tally = Tally()
    gate = asyncio.Event()
    tasks = [asyncio.create_task(client(host, port, requests, i, tally, gate)) for i in range(clients)]
    await asyncio.sleep(0.2)
    t0 = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - t0
    lat = sorted(tally.latencies)
    p = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000) if lat else (lambda q: float("nan"))
    return {
        "requests": clients * requests,
        "qps": len(lat) / wall,
        "p50": p(0.50),
        "p95": p(0.95),
        "max": p(1.0),
        "refused": tally.refused,
        "wall": wall,
    }


def reference(trig: Path, store: Path, seconds: float = 3.0) -> dict[str, float]:
    """Queries per second of the same queries, one thread, no HTTP: raw engines."""
    import pyoxigraph as ox
    from rdflib import Dataset

    out = {}
    s = ox.Store.read_only(str(store))
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        r = s.query(QUERIES[n % len(QUERIES)])
        _ = bool(r) if isinstance(r, ox.QueryBoolean) else list(r)
        n += 1
    out["raw pyoxigraph"] = n / (time.perf_counter() - t0)
    ds = Dataset(default_union=True)
    ds.parse(trig, format="trig")
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        r = ds.query(QUERIES[n % len(QUERIES)])
        _ = r.askAnswer if r.type == "ASK" else list(r)
        n += 1
    out["raw rdflib"] = n / (time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200, help="documents in the graph (3 events each)")
    ap.add_argument("--url", help="bench a running server instead of starting both")
    ap.add_argument("--name", default="server", help="the label of --url in the table")
    args = ap.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # 1,000 client sockets

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            servers = [(args.name, None, args.url)]
        else:
            trig, store = make_data(Path(tmp), args.docs)
            print(f"graph: {args.docs} documents, {trig.stat().st_size // 1024} KB of TriG", flush=True)
            refs = reference(trig, store)
            servers = []
            for name, argv in (("store", ["--store", str(store)]), ("file", [str(trig)])):
                proc, url = start_server(*argv)
                servers.append((name, proc, url))
        try:
            for name, _, url in servers:
                for clients, requests in SHAPES:
                    r = asyncio.run(load(url, clients, requests))
                    rows.append((name, clients, requests, r))
                    print(
                        f"{name:7s} {clients:5d} x {requests:3d}  {r['qps']:7.0f} q/s  p50 {r['p50']:7.1f} ms"
                        f"  p95 {r['p95']:7.1f} ms  max {r['max']:7.1f} ms  refused {r['refused']}",
                        flush=True,
                    )
        finally:
            for _, proc, _ in servers:
                if proc is not None:
                    proc.terminate()
                    proc.wait(30)
    if not args.url:
        for name, qps in refs.items():
            print(f"reference: {name}, one thread, same queries: {qps:.0f} q/s")
    refused = sum(r["refused"] for *_, r in rows)
    print(f"refused in all: {refused} of {sum(r['requests'] for *_, r in rows)}")
    if refused:
        sys.exit(1)


if __name__ == "__main__":
    main()
