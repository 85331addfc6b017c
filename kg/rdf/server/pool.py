"""The server's side of the query workers: a small pool, a queue, deadlines and kills.

A query waits (in arrival order) for an idle worker, then runs there; the whole wait and
run share one deadline, the server's timeout. At the deadline the worker is killed, which
frees its CPU and memory at once; a spare worker, forked and ready beforehand, takes its
place, and the zygote forks a new spare, so the next query is answered without delay. A
worker that dies on its own (a crash, its memory limit) is replaced the same way, and its
client is told why.

Examples
--------
>>> import asyncio
>>> from kg.rdf.server.worker import Source
>>> pool = WorkerPool(Source("file", "tests/data/sample_graph.trig"), workers=1)
>>> pool.start()  # the zygote loads the file; a worker counts its graphs
4
>>> async def ask():
...     await pool.open()
...     meta, body = await pool.run({"op": "query", "text": "ASK {}", "max_rows": 10})
...     await pool.aclose()
...     return meta["status"], body
>>> asyncio.run(ask())
(200, b'{"head": {}, "boolean": true}')
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from kg.errors import StoreError
from kg.rdf.server import frames
from kg.rdf.server.worker import EXIT_MEMORY, Source

__all__ = ["WorkerPool"]

#: ready workers kept beside the pool, put to work the moment a worker is killed
_SPARES = 1

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


@dataclass
class _Worker:
    pid: int
    sock: socket.socket
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    jobs: int = field(default=0)


class WorkerPool:
    """*workers* query processes over *source*, each capped at *memory_mb* MB more than the
    store takes, each query given *timeout* seconds (waiting included)."""

    def __init__(
        self, source: Source, *, workers: int = 4, memory_mb: int = 1024, timeout: float = 10.0
    ) -> None:
        self.source = source
        self.size = max(1, workers)
        self.memory_mb = memory_mb
        self.timeout = timeout
        self._zygote: _Zygote | None = None
        self._first: _Worker | None = None
        self._idle: asyncio.Queue[_Worker] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._spares: list[_Worker] = []
        self._zygote_lock = asyncio.Lock()
        self._active = 0  # workers idle or running a query
        self._closing = False

    # -- start and stop
    def start(self) -> int:
        """Start the zygote and one worker, before any event loop runs: a store or file that
        cannot be opened fails here, as a :class:`~kg.errors.StoreError`. Returns the number
        of graphs served."""
        self._zygote = _Zygote(self.source, self.memory_mb)
        pid, sock = self._zygote.spawn()
        sock.settimeout(120)
        hello = frames.recv(sock)
        if not hello or not hello[0].get("ready"):
            self.close()
            message = (hello[0].get("message") if hello else None) or "the query worker did not start"
            raise StoreError("E602", message, path=self.source.path)
        frames.send(sock, {"op": "info"})
        info = frames.recv(sock)
        sock.settimeout(None)
        self._first = _Worker(pid, sock)
        return int(info[0]["graphs"]) if info else 0

    async def open(self) -> None:
        """Put the pool to work in the running event loop (the server's startup)."""
        if self._zygote is None:
            self.start()
        self._idle = asyncio.Queue()
        if self._first is not None:
            await self._adopt(self._first)
            self._first = None
        await asyncio.gather(*(self._refill() for _ in range(self.size + _SPARES - self._active)))

    async def aclose(self) -> None:
        """Stop every worker and the zygote (the server's shutdown)."""
        self._closing = True
        for t in list(self._tasks):
            t.cancel()
        self.close()

    def close(self) -> None:
        self._closing = True
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None

    # -- queries
    async def run(self, job: dict[str, Any]) -> frames.Frame:
        """Run *job* on a worker within the timeout; always returns a reply frame."""
        assert self._idle is not None, "call open() first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while True:
            try:
                worker = await asyncio.wait_for(self._idle.get(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                return self._busy()
            if worker.reader is not None and not worker.reader.at_eof():
                break
            self._discard(worker, kill=False)  # it died while idle (its zygote ended, say)
        assert worker.writer is not None and worker.reader is not None
        if deadline - loop.time() < 0.01:  # no time left to run: keep the worker for the next
            self._idle.put_nowait(worker)
            return self._busy()
        try:
            worker.writer.write(frames.pack(job))
            await worker.writer.drain()
            reply = await asyncio.wait_for(frames.read(worker.reader), max(0.0, deadline - loop.time()))
        except TimeoutError:
            self._discard(worker, kill=True)
            return _reply(503, f"the query ran longer than the {self.timeout:g} s limit and was stopped")
        except asyncio.CancelledError:  # the client went away: the worker's answer is lost
            self._discard(worker, kill=True)
            raise
        except OSError:
            reply = None
        if reply is None:
            self._discard(worker, kill=False)
            return await self._death(worker)
        if reply[0].get("exit"):
            self._discard(worker, kill=False)
            return _reply(503, self._memory_message())
        worker.jobs += 1
        self._idle.put_nowait(worker)
        return reply

    async def _death(self, worker: _Worker) -> frames.Frame:
        status = await asyncio.to_thread(self._zygote.exit_status, worker.pid) if self._zygote else None
        if status is not None and (
            (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT)
            or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == EXIT_MEMORY)
        ):
            return _reply(503, self._memory_message())
        signalled = status is not None and os.WIFSIGNALED(status)
        how = f"signal {os.WTERMSIG(status)}" if signalled else "an error"
        return _reply(500, f"the query engine stopped on this query ({how}); the server goes on")

    def _busy(self) -> frames.Frame:
        return _reply(503, f"the server is busy: no query worker came free within {self.timeout:g} s")

    def _memory_message(self) -> str:
        return f"the query needed more than its {self.memory_mb} MB of memory and was stopped"

    # -- workers
    def _discard(self, worker: _Worker, *, kill: bool) -> None:
        """Drop *worker* (killing it if asked), put a spare to work, and fork another."""
        if kill and self._zygote is not None:
            with contextlib.suppress(StoreError):  # a zygote that has gone took its workers along
                self._zygote.kill(worker.pid)
        if worker.writer is not None:
            worker.writer.close()
        self._active -= 1
        if self._closing:
            return
        if self._spares:
            self._enlist(self._spares.pop())
        task = asyncio.get_running_loop().create_task(self._refill())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refill(self) -> None:
        """Fork a worker; once it has opened the store it works, or waits as the spare."""
        worker = await self._fork()
        if worker is None:
            return
        if self._active < self.size:
            self._enlist(worker)
        else:
            self._spares.append(worker)

    async def _fork(self) -> _Worker | None:
        """A new worker, ready; retried while the store cannot be opened (a build may be
        replacing its files). ``None`` when the pool closes meanwhile."""
        delay = 0.05
        while not self._closing:
            try:
                zygote = await self._live_zygote()
                if zygote is None:
                    return None
                pid, sock = await asyncio.to_thread(zygote.spawn)
                reader, writer = await asyncio.open_connection(sock=sock)
                hello = await asyncio.wait_for(frames.read(reader), 120)
                if hello and hello[0].get("ready"):
                    return _Worker(pid, sock, reader, writer)
                writer.close()
                logger.warning("a query worker did not start: %s", hello and hello[0].get("message"))
            except (OSError, TimeoutError, StoreError) as e:
                logger.warning("cannot start a query worker: %s", e)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
        return None

    async def _live_zygote(self) -> _Zygote | None:
        """The zygote, started again if it has ended (killed, say: its workers end with
        it); ``None`` once the pool is closing."""
        async with self._zygote_lock:
            if not self._closing and (self._zygote is None or self._zygote.proc.poll() is not None):
                if self._zygote is not None:
                    logger.warning("the zygote of the query workers ended; starting another")
                    self._zygote.close()
                zygote = await asyncio.to_thread(_Zygote, self.source, self.memory_mb)
                if self._closing:
                    zygote.close()
                else:
                    self._zygote = zygote
            return None if self._closing else self._zygote

    async def _adopt(self, worker: _Worker) -> None:
        worker.sock.setblocking(False)
        worker.reader, worker.writer = await asyncio.open_connection(sock=worker.sock)
        self._enlist(worker)

    def _enlist(self, worker: _Worker) -> None:
        assert self._idle is not None
        self._active += 1
        self._idle.put_nowait(worker)


def _reply(status: int, message: str) -> frames.Frame:
    return {"status": status, "message": message}, b""


class _Zygote:
    """The zygote process (:mod:`kg.rdf.server.zygote`) and its control socket."""

    def __init__(self, source: Source, memory_mb: int) -> None:
        try:  # message boundaries, descriptors passed along, and EOF when either side ends
            mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        except (AttributeError, OSError) as e:
            raise StoreError(
                "E602", f"kg serve's query workers need Unix SOCK_SEQPACKET sockets (Linux): {e}"
            ) from None
        env = {**os.environ, "MALLOC_ARENA_MAX": "2"}  # fewer 64 MB malloc arenas under RLIMIT_AS
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.rdf.server.zygote", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.ctrl = mine
        self._send({"source": {"kind": source.kind, "path": source.path}, "memory_mb": memory_mb})
        ready = self._recv_blocking()
        if not ready or not ready.get("ready"):
            self.close()
            message = (ready or {}).get("message") or "the query workers could not start"
            raise StoreError("E602", message, path=source.path)
        self.graphs = ready.get("graphs")
        self._lock = threading.Lock()
        self._spawned: queue.Queue[tuple[int, socket.socket] | None] = queue.Queue()
        self._exits: dict[int, int] = {}
        self._exited = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="dkg-zygote", daemon=True)
        self._reader.start()

    def spawn(self, timeout: float = 30.0) -> tuple[int, socket.socket]:
        """Fork a worker; its pid and the server's end of its socket."""
        with self._lock:
            self._send({"op": "spawn"})
            try:
                got = self._spawned.get(timeout=timeout)
            except queue.Empty:
                got = None
        if got is None:
            raise StoreError("E602", "the zygote did not fork a query worker")
        return got

    def kill(self, pid: int) -> None:
        self._send({"op": "kill", "pid": pid})

    def exit_status(self, pid: int, timeout: float = 1.0) -> int | None:
        """The wait status of worker *pid* once it has ended (``None`` if not told in time)."""
        end = time.monotonic() + timeout
        with self._exited:
            while pid not in self._exits and time.monotonic() < end:
                self._exited.wait(max(0.0, end - time.monotonic()))
            return self._exits.pop(pid, None)

    def close(self) -> None:
        try:
            with contextlib.suppress(OSError):  # wakes the reader thread; the zygote sees EOF
                self.ctrl.shutdown(socket.SHUT_RDWR)
            self.ctrl.close()
        finally:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _send(self, msg: dict[str, Any]) -> None:
        try:
            self.ctrl.send(json.dumps(msg).encode())
        except OSError as e:
            raise StoreError("E602", f"the query workers' zygote has gone ({e})") from None

    def _recv_blocking(self) -> dict[str, Any] | None:
        while True:  # the zygote may take minutes to load a large graph file
            self.ctrl.settimeout(1.0)
            try:
                data = self.ctrl.recv(1 << 16)
            except TimeoutError:
                if self.proc.poll() is not None:
                    return None
                continue
            finally:
                self.ctrl.settimeout(None)
            return json.loads(data) if data else None

    def _read(self) -> None:
        while True:
            try:
                data, fds, _, _ = socket.recv_fds(self.ctrl, 1 << 16, 1)
            except OSError:
                data, fds = b"", []
            if not data:
                self._spawned.put(None)
                return
            msg = json.loads(data)
            if msg.get("op") == "spawned" and fds:
                self._spawned.put((int(msg["pid"]), socket.socket(fileno=fds[0])))
            elif msg.get("op") == "exit":
                with self._exited:
                    self._exits[int(msg["pid"])] = int(msg["status"])
                    if len(self._exits) > 1000:  # statuses nobody asked for
                        self._exits.pop(next(iter(self._exits)))
                    self._exited.notify_all()
