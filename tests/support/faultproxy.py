"""A loopback HTTP fault-injection proxy driven by the test that owns it.

    with FaultProxy(backend.base_url) as proxy:
        proxy.add(Fault.cut(1500), path=r"/events$", times=3)
        client = SomeClient(backend_base=proxy.url)

It listens on 127.0.0.1 (a free port), runs its own asyncio loop in a daemon thread, and handles
exactly one request per client connection: the request is read (head + ``Content-Length`` body),
matched against the rules in the order they were added, and either answered by the proxy itself or
sent to the upstream server on a fresh connection with ``Connection: close`` on both legs, so a
fault never leaks onto the next request through a kept-alive socket.

Faults (one per request):

- ``Fault.cut(n)``: relay the first ``n`` bytes of the upstream response (head included), then
  close the client connection (``rst=True`` resets it instead of a clean FIN);
- ``Fault.drop_response()``: the request reaches the server, its whole response is read (the server
  committed), and the client connection is closed without a byte of it;
- ``Fault.delay(s)``: wait ``s`` seconds, then relay normally;
- ``Fault.html_502()``: answer 502 with an HTML page, never contacting the server;
- ``Fault.status(code, retry_after=..., retry_after_ms=...)``: answer ``code`` with a JSON error
  body and the given ``Retry-After`` / ``retry-after-ms`` headers;
- ``Fault.reset()``: reset the connection as soon as it is accepted, before reading anything.

Every request is recorded (:attr:`FaultProxy.seen`): method, path, headers, body, the fault applied,
whether it reached the server and when it arrived (``time.monotonic()``), so tests can count
attempts and measure the gaps between them. ``set_upstream`` re-points the proxy (a restarted
backend listens on a new port) while clients keep the proxy's URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urlsplit

__all__ = ["Fault", "FaultProxy", "Seen"]

_HEAD_LIMIT = 256 * 1024
_HOP_HEADERS = {"connection", "keep-alive", "proxy-connection"}


@dataclass(frozen=True)
class Fault:
    kind: str
    nbytes: int = 0
    seconds: float = 0.0
    status_code: int = 0
    retry_after: str | None = None
    retry_after_ms: str | None = None
    rst: bool = False

    @classmethod
    def passthrough(cls) -> Fault:
        return cls("pass")

    @classmethod
    def cut(cls, nbytes: int, *, rst: bool = False) -> Fault:
        return cls("cut", nbytes=nbytes, rst=rst)

    @classmethod
    def drop_response(cls) -> Fault:
        return cls("drop_response")

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        return cls("delay", seconds=seconds)

    @classmethod
    def html_502(cls) -> Fault:
        return cls("html_502", status_code=502)

    @classmethod
    def status(
        cls, status_code: int, *, retry_after: str | None = None, retry_after_ms: str | None = None
    ) -> Fault:
        return cls("status", status_code=status_code, retry_after=retry_after, retry_after_ms=retry_after_ms)

    @classmethod
    def reset(cls) -> Fault:
        return cls("reset")


@dataclass
class Seen:
    """One request as the proxy saw it."""

    method: str
    path: str
    headers: dict[str, str]
    fault: Fault
    at: float
    reached_upstream: bool = False
    response_bytes: int = 0
    body: bytes = b""


@dataclass
class _Rule:
    fault: Fault
    method: str | None
    path: re.Pattern[str] | None
    remaining: int
    when: Callable[[str, str, dict[str, str]], bool] | None = None

    def matches(self, method: str, path: str, headers: dict[str, str]) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method != method:
            return False
        if self.path is not None and not self.path.search(path):
            return False
        return self.when is None or self.when(method, path, headers)


@dataclass
class _Sequence:
    faults: list[Fault | None]
    method: str | None
    path: re.Pattern[str] | None
    count: int = 0


@dataclass
class _Counters:
    connections: int = 0
    resets: int = 0
    cuts: int = 0
    drops: int = 0
    answered: int = 0
    errors: list[str] = field(default_factory=list)


class FaultProxy:
    def __init__(self, upstream: str) -> None:
        self.set_upstream(upstream)
        self._rules: list[_Rule] = []
        self._sequences: list[_Sequence] = []
        self._lock = threading.Lock()
        self.seen: list[Seen] = []
        self.counters = _Counters()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self.port = 0

    # -- control (test thread) ------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def set_upstream(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost") or parts.port is None:
            raise ValueError(f"upstream must be a loopback URL with a port, got {upstream!r}")
        self.upstream = (parts.hostname, parts.port)

    def add(
        self,
        fault: Fault,
        *,
        method: str | None = None,
        path: str | None = None,
        times: int = 1,
        when: Callable[[str, str, dict[str, str]], bool] | None = None,
    ) -> None:
        """Apply ``fault`` to the next ``times`` requests matching ``method`` / ``path`` (a regex)."""
        rule = _Rule(
            fault, method.upper() if method else None, re.compile(path) if path else None, times, when
        )
        with self._lock:
            self._rules.append(rule)

    def sequence(
        self, faults: list[Fault | None], *, method: str | None = None, path: str | None = None
    ) -> None:
        """The k-th request matching ``method`` / ``path`` from now on gets ``faults[k]`` (None: relayed).

        Sequences are consulted before the rules of :meth:`add`.
        """
        with self._lock:
            self._sequences.append(
                _Sequence(
                    list(faults), method.upper() if method else None, re.compile(path) if path else None
                )
            )

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._sequences.clear()

    def pending(self) -> int:
        with self._lock:
            return sum(r.remaining for r in self._rules)

    def requests(self, *, method: str | None = None, path: str | None = None) -> list[Seen]:
        pattern = re.compile(path) if path else None
        with self._lock:
            return [
                s
                for s in self.seen
                if (method is None or s.method == method.upper())
                and (pattern is None or pattern.search(s.path))
            ]

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._run, name="faultproxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self) -> None:
        loop, stopped = self._loop, self._stopped
        if loop is not None and stopped is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopped.set)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- the loop (proxy thread) ----------------------------------------------------------------
    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=512)
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stopped.wait()
        self._server.close()
        for task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
            task.cancel()

    def _take_fault(self, method: str, path: str, headers: dict[str, str]) -> Fault:
        with self._lock:
            for seq in self._sequences:
                if (seq.method is None or seq.method == method) and (
                    seq.path is None or seq.path.search(path)
                ):
                    index, seq.count = seq.count, seq.count + 1
                    if index < len(seq.faults) and seq.faults[index] is not None:
                        return seq.faults[index]  # type: ignore[return-value]
            for rule in self._rules:
                if rule.matches(method, path, headers):
                    rule.remaining -= 1
                    return rule.fault
        return Fault.passthrough()

    def _take_reset(self) -> bool:
        # "reset on connect" happens before the request is read: only rules without a matcher apply
        with self._lock:
            for rule in self._rules:
                unmatched = rule.method is None and rule.path is None and rule.when is None
                if rule.remaining > 0 and rule.fault.kind == "reset" and unmatched:
                    rule.remaining -= 1
                    return True
        return False

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.counters.connections += 1
        try:
            if self._take_reset():
                self.counters.resets += 1
                _abort(writer)
                return
            await self._serve_one(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:
            _abort(writer)
            raise
        except Exception as exc:  # keep the proxy alive; the test sees it in counters.errors
            self.counters.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            if not writer.is_closing():
                writer.close()

    async def _serve_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return  # the client opened and closed without a request
        if len(head) > _HEAD_LIMIT:
            return
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers: dict[str, str] = {}
        raw_headers: list[tuple[str, str]] = []
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
            raw_headers.append((name.strip(), value.strip()))
        if "chunked" in headers.get("transfer-encoding", "").lower():
            body = await _read_chunked(reader)
            raw_headers = [(k, v) for k, v in raw_headers if k.lower() != "transfer-encoding"]
            raw_headers.append(("Content-Length", str(len(body))))
        else:
            body = await reader.readexactly(int(headers.get("content-length", "0") or "0"))
        path = target.split("?", 1)[0]
        fault = self._take_fault(method, path, headers)
        seen = Seen(method, target, headers, fault, time.monotonic(), body=body)
        with self._lock:
            self.seen.append(seen)

        if fault.kind == "reset":
            self.counters.resets += 1
            _abort(writer)
            return
        if fault.kind in ("html_502", "status"):
            self.counters.answered += 1
            writer.write(_canned(fault))
            await writer.drain()
            return
        if fault.kind == "delay":
            await asyncio.sleep(fault.seconds)

        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        try:
            out = [f"{method} {target} HTTP/1.1"]
            out += [f"{k}: {v}" for k, v in raw_headers if k.lower() not in _HOP_HEADERS]
            out.append("Connection: close")
            up_writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1") + body)
            await up_writer.drain()
            seen.reached_upstream = True
            if fault.kind == "drop_response":
                # let the server finish (it commits before it answers), then vanish
                while await up_reader.read(65536):
                    pass
                self.counters.drops += 1
                _abort(writer)
                return
            resp_head = await up_reader.readuntil(b"\r\n\r\n")
            resp_lines = resp_head.decode("latin-1").split("\r\n")
            kept = [
                ln for ln in resp_lines[1:] if ln and ln.split(":", 1)[0].strip().lower() not in _HOP_HEADERS
            ]
            new_head = ("\r\n".join([resp_lines[0], *kept, "Connection: close"]) + "\r\n\r\n").encode(
                "latin-1"
            )
            budget = fault.nbytes if fault.kind == "cut" else None
            sent = 0

            async def send(chunk: bytes) -> bool:
                nonlocal sent
                if budget is not None and sent + len(chunk) >= budget:
                    writer.write(chunk[: max(0, budget - sent)])
                    sent = budget
                    await writer.drain()
                    return False
                writer.write(chunk)
                sent += len(chunk)
                await writer.drain()
                return True

            alive = await send(new_head)
            while alive:
                chunk = await up_reader.read(65536)
                if not chunk:
                    break
                alive = await send(chunk)
            seen.response_bytes = sent
            if not alive:
                self.counters.cuts += 1
                if fault.rst:
                    _abort(writer)
        finally:
            up_writer.close()


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with RST (SO_LINGER 0) rather than FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return body
        body += await reader.readexactly(size)
        await reader.readexactly(2)


def _canned(fault: Fault) -> bytes:
    if fault.kind == "html_502":
        body = (
            b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway"
            b"</h1></center><hr><center>nginx</center></body></html>"
        )
        ctype = "text/html"
    else:
        body = (
            b'{"error":{"code":"injected","message":"injected by the fault proxy","request_id":"req_fault"}}'
        )
        ctype = "application/json"
    reason = {429: "Too Many Requests", 502: "Bad Gateway", 503: "Service Unavailable"}.get(
        fault.status_code, "Injected"
    )
    lines = [
        f"HTTP/1.1 {fault.status_code} {reason}",
        f"Content-Type: {ctype}",
        f"Content-Length: {len(body)}",
        "Connection: close",
    ]
    if fault.retry_after is not None:
        lines.append(f"Retry-After: {fault.retry_after}")
    if fault.retry_after_ms is not None:
        lines.append(f"retry-after-ms: {fault.retry_after_ms}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
