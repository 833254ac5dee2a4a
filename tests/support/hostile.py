"""A misbehaving HTTP server on 127.0.0.1, the way slow proxies and broken middleboxes misbehave.

    with HostileServer() as server:
        server.on_get = trickle_body(b'{"rollout_id": "ro_1"}', every=0.2)
        client = EnvironmentPoolsClient(api_key="k", backend_base=server.url, timeout=1)

Each connection is served by one thread: the request head is read, then the behaviour for its
path (``on_events`` for a path ending in ``/events``, ``on_get`` for anything else) writes to the
raw socket. A behaviour stops when the client goes away (a write fails) or the server is closed.
``server.requests`` lists the paths asked for, in order.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import zlib
from collections.abc import Callable
from types import TracebackType
from typing import Any

__all__ = [
    "Behaviour",
    "HostileServer",
    "answer",
    "comments_forever",
    "gzip_bomb",
    "one_bad_event",
    "silence_after_headers",
    "trickle_body",
    "trickle_headers",
]

# (socket, server) -> None; writes the whole exchange
Behaviour = Callable[[socket.socket, "HostileServer"], None]


def _head(status: str, headers: dict[str, str]) -> bytes:
    # one exchange per connection: a client never reuses a socket this server is about to close
    lines = [
        f"HTTP/1.1 {status}",
        *(f"{k}: {v}" for k, v in {**headers, "Connection": "close"}.items()),
        "",
        "",
    ]
    return "\r\n".join(lines).encode()


def answer(status: str, body: bytes | Any, headers: dict[str, str] | None = None) -> Behaviour:
    """A whole answer at once (``body`` JSON-encoded unless bytes)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()

    def run(sock: socket.socket, server: HostileServer) -> None:
        extra = {"Content-Type": "application/json", "Content-Length": str(len(data)), **(headers or {})}
        sock.sendall(_head(status, extra) + data)

    return run


def trickle_body(body: bytes, every: float) -> Behaviour:
    """Headers at once, then the body a byte every ``every`` seconds."""

    def run(sock: socket.socket, server: HostileServer) -> None:
        sock.sendall(_head("200 OK", {"Content-Type": "application/json", "Content-Length": str(len(body))}))
        for i in range(len(body)):
            if server.closed.wait(every):
                return
            sock.sendall(body[i : i + 1])

    return run


def trickle_headers(every: float) -> Behaviour:
    """The status line and headers a byte every ``every`` seconds (they never end in time)."""

    def run(sock: socket.socket, server: HostileServer) -> None:
        head = _head("200 OK", {"Content-Type": "application/json", "X-Padding": "p" * 4000})
        for i in range(len(head)):
            if server.closed.wait(every):
                return
            sock.sendall(head[i : i + 1])

    return run


def _sse_head() -> bytes:
    return _head("200 OK", {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})


def comments_forever(every: float) -> Behaviour:
    """An event stream of ``: keep-alive`` comments only."""

    def run(sock: socket.socket, server: HostileServer) -> None:
        sock.sendall(_sse_head())
        while not server.closed.wait(every):
            sock.sendall(b": keep-alive\n\n")

    return run


def silence_after_headers() -> Behaviour:
    """An event stream's headers, then nothing at all."""

    def run(sock: socket.socket, server: HostileServer) -> None:
        sock.sendall(_sse_head())
        server.closed.wait(60)

    return run


def one_bad_event() -> Behaviour:
    """One event whose data is no JSON, then the connection closes (every time)."""

    def run(sock: socket.socket, server: HostileServer) -> None:
        sock.sendall(_sse_head() + b"event: lifecycle\ndata: {not json\n\n")

    return run


def gzip_bomb(decompressed_mb: int) -> bytes:
    """``decompressed_mb`` MiB of zeros, gzipped (about 1 KiB on the wire per MiB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(decompressed_mb)]
    parts.append(packer.flush())
    return b"".join(parts)


class HostileServer:
    """See the module notes."""

    def __init__(self) -> None:
        self.on_get: Behaviour = answer("200 OK", {"rollout_id": "ro_1", "status": "running"})
        self.on_events: Behaviour = silence_after_headers()
        self.requests: list[str] = []
        self.closed = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._conns: list[socket.socket] = []

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.closed.set()
        self._thread.join(5)
        self._listener.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.close()

    def _accept(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError):
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                head += chunk
            path = head.split(b" ", 2)[1].decode().split("?")[0]
            self.requests.append(path)
            behaviour = self.on_events if path.endswith("/events") else self.on_get
            behaviour(conn, self)
            # let the client read what was sent before the close
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            conn.close()
