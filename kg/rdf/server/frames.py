"""Messages between the server and its query workers: a JSON header and a body of bytes.

A frame is two big-endian 32-bit lengths, the header (JSON) and the body. Results travel
already serialized, so the server process never unpickles anything a worker sent.

Examples
--------
>>> import socket
>>> a, b = socket.socketpair()
>>> send(a, {"status": 200}, b"true")
>>> recv(b)
({'status': 200}, b'true')
>>> a.close(); recv(b) is None
True
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
from typing import Any

__all__ = ["Frame", "pack", "read", "recv", "send"]

Frame = tuple[dict[str, Any], bytes]
_LENGTHS = struct.Struct("!II")
#: a result is at most max_rows rows: a frame larger than this is a bug, not data
_MAX = 1 << 30


def pack(meta: dict[str, Any], body: bytes = b"") -> bytes:
    """The bytes of one frame."""
    head = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    return _LENGTHS.pack(len(head), len(body)) + head + body


def send(sock: socket.socket, meta: dict[str, Any], body: bytes = b"") -> None:
    """Write one frame to a blocking socket."""
    sock.sendall(pack(meta, body))


def recv(sock: socket.socket) -> Frame | None:
    """Read one frame from a blocking socket; ``None`` when the other side has closed it."""
    lengths = _read_exactly(sock, _LENGTHS.size)
    if lengths is None:
        return None
    n_head, n_body = _LENGTHS.unpack(lengths)
    if n_head + n_body > _MAX:
        raise ConnectionError(f"a frame of {n_head + n_body} bytes")
    data = _read_exactly(sock, n_head + n_body)
    if data is None:
        return None
    return json.loads(data[:n_head]), data[n_head:]


async def read(reader: asyncio.StreamReader) -> Frame | None:
    """Read one frame from a stream; ``None`` when the other side has closed it."""
    try:
        n_head, n_body = _LENGTHS.unpack(await reader.readexactly(_LENGTHS.size))
        if n_head + n_body > _MAX:
            raise ConnectionError(f"a frame of {n_head + n_body} bytes")
        data = await reader.readexactly(n_head + n_body)
    except (asyncio.IncompleteReadError, ConnectionResetError):
        return None
    return json.loads(data[:n_head]), data[n_head:]


def _read_exactly(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)
