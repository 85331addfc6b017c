"""The zygote: a small single-threaded process that forks query workers on request.

The server cannot fork its own workers (it runs threads and an event loop), and starting
a fresh interpreter for each would take a second, or minutes for a large graph file. The
zygote imports the engines once (and, for a graph file, loads it once) and then forks: a
worker killed at its deadline is replaced in milliseconds, and the workers of a file
server share the loaded graph copy-on-write.

It speaks over one ``SOCK_SEQPACKET`` socket, one JSON message per packet:

* server → zygote: the configuration first (``{"source": …, "memory_mb": …}``), then
  ``{"op": "spawn"}`` or ``{"op": "kill", "pid": …}``;
* zygote → server: ``{"ready": true, "graphs": …}`` (or ``{"ready": false, "message":
  …}``), ``{"op": "spawned", "pid": …}`` with the worker's socket attached (SCM_RIGHTS),
  and ``{"op": "exit", "pid": …, "status": …}`` when a worker ends.

It ends, killing its workers, when the server closes the socket (or dies: on Linux the
kernel kills it then, ``PR_SET_PDEATHSIG``). Run as ``python -m kg.rdf.server.zygote FD``.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
from typing import Any

__all__ = ["main"]


def main(argv: list[str]) -> int:
    ctrl = socket.socket(fileno=int(argv[1]))
    gc.disable()  # no holes in the pages the workers will share (see gc.freeze)
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    config = json.loads(ctrl.recv(1 << 16) or b"{}")
    from kg.errors import KGError
    from kg.rdf.server.worker import Source, load_file

    source = Source(**config["source"])
    preloaded = None
    try:
        _warm()
        if source.kind == "file":
            preloaded = load_file(source.path)
    except KGError as e:
        ctrl.send(json.dumps({"ready": False, "message": str(e)}).encode())
        return 1
    except Exception as e:  # an unreadable file: the parser's own words
        ctrl.send(json.dumps({"ready": False, "message": f"E301 {source.path}: {e}"}).encode())
        return 1
    graphs = len(preloaded.graph_names()) if preloaded is not None else None
    gc.freeze()  # the workers' collections skip what they share: no copy-on-write by the GC
    ctrl.send(json.dumps({"ready": True, "graphs": graphs}).encode())
    return _loop(ctrl, source, preloaded, int(config.get("memory_mb", 1024)))


def _warm() -> None:
    """Import, once and before any fork, what every worker needs: each fork starts warm."""
    import pyoxigraph  # noqa: F401
    import rdflib.plugins.sparql.evaluate
    import rdflib.plugins.sparql.parser  # noqa: F401
    from rdflib import Graph
    from rdflib.plugin import Serializer, get

    import kg.rdf.results
    import kg.rdf.server.formats  # noqa: F401
    from kg.rdf.store import MemoryStore

    for fmt in ("turtle", "nt"):
        get(fmt, Serializer)
    Graph().serialize(format="turtle")
    MemoryStore().query("SELECT ?s WHERE { ?s ?p ?o FILTER(?o > 1) } ORDER BY ?s LIMIT 1")


def _loop(ctrl: socket.socket, source: Any, preloaded: Any, memory_mb: int) -> int:
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    children: set[int] = set()
    try:
        while True:
            ready, _, _ = select.select([ctrl, wake_r], [], [])
            if wake_r in ready:
                os.read(wake_r, 4096)
            for pid, status in _reap(children):
                ctrl.send(json.dumps({"op": "exit", "pid": pid, "status": status}).encode())
            if ctrl not in ready:
                continue
            data = ctrl.recv(1 << 16)
            if not data:
                return 0
            msg = json.loads(data)
            if msg.get("op") == "kill" and msg.get("pid") in children:
                os.kill(msg["pid"], signal.SIGKILL)  # reaped below, so the pid is still ours
            elif msg.get("op") == "spawn":
                mine, theirs = socket.socketpair()
                pid = os.fork()
                if pid == 0:
                    _child(ctrl, mine, theirs, (wake_r, wake_w), source, preloaded, memory_mb)
                theirs.close()
                children.add(pid)
                socket.send_fds(ctrl, [json.dumps({"op": "spawned", "pid": pid}).encode()], [mine.fileno()])
                mine.close()
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def _reap(children: set[int]) -> list[tuple[int, int]]:
    done = []
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        children.discard(pid)
        done.append((pid, status))
    return done


def _child(
    ctrl: socket.socket,
    mine: socket.socket,
    theirs: socket.socket,
    pipe: tuple[int, int],
    source: Any,
    preloaded: Any,
    memory_mb: int,
) -> None:
    """In the forked worker: drop the zygote's handles, then serve jobs on *theirs*."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        gc.enable()
        ctrl.close()
        mine.close()
        for fd in pipe:
            os.close(fd)
        _die_with_parent()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)  # engines' panic messages: the server reports the exit instead
        os.dup2(devnull, 2)
        from kg.rdf.server.worker import run_worker

        code = run_worker(theirs, source, preloaded, memory_mb)
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent ends."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the parent is already gone
            os._exit(1)


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stderr.flush()
    os._exit(code)  # no interpreter teardown: the server waits for this exit
