"""A loopback event server that reads ONLY what the real service declares on its event routes.

    with DeclaredEventServer() as server:
        server.add_rollout("ro_1", 10_000)      # 9,999 agent events, then the terminal lifecycle one
        EnvironmentPoolsClient(backend_base=server.url, ...).rollouts.events("ro_1")

The real backend's OpenAPI (design/real-service.md) gives `GET /v1/rollouts/{id}/events` and
`GET /v1/pools/{pool_id}/rollouts/{id}/events` exactly three query parameters: `after_sequence`
(integer >= 0, default 0), `limit` (1..1000, default 200) and `format` (`sse` or `json`). This server
reads those and nothing else (no `cursor`, `since` or `Last-Event-ID`), ends every response after
`limit` events (or after the terminal event), and gives events their plain sequence number as id.
Bad parameters answer FastAPI's 422 `{"detail": [{"loc": ["query", name], ...}]}`.

`json_shape` chooses how JSON pages look (`events`: `{"events", "next_cursor"}`, `items`, or `bare`:
a bare array), and `sse_broken=True` answers every request with a JSON page, as something between
a client and the service that breaks SSE would. Every request is recorded (:attr:`requests`) with
its query and how its response ended.

It runs its own asyncio loop in a daemon thread on 127.0.0.1 (a free port), one request per
connection (`Connection: close`), SSE bodies chunked as uvicorn sends them.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["DeclaredEventServer", "Served"]

DECLARED = ("after_sequence", "limit", "format")
DEFAULT_LIMIT = 200
MAX_LIMIT = 1000
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
_ROUTES = (
    re.compile(r"^/v1/rollouts/(?P<rid>[^/]+)/events$"),
    re.compile(r"^/v1/pools/(?P<pool>[^/]+)/rollouts/(?P<rid>[^/]+)/events$"),
)
_FRAMES_PER_CHUNK = 25


def event_time(seq: int) -> str:
    """Event `seq` is stamped `seq` milliseconds after 2026-01-01T00:00:00Z."""
    return (EPOCH + timedelta(milliseconds=seq)).isoformat().replace("+00:00", "Z")


@dataclass
class Served:
    """One request and how its response ended."""

    path: str
    query: dict[str, str]
    last_event_id: str | None
    status: int = 200
    events: int = 0
    first_seq: int | None = None
    ended_on_limit: bool = False
    ended_on_terminal: bool = False


@dataclass
class _Rollout:
    bodies: list[str]  # index i = the envelope JSON of seq i + 1
    frames: list[str]  # index i = its SSE frame
    pool_id: str | None = None


@dataclass
class DeclaredEventServer:
    json_shape: str = "events"
    sse_broken: bool = False
    requests: list[Served] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    port: int = 0

    def __post_init__(self) -> None:
        self._rollouts: dict[str, _Rollout] = {}
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Event | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_rollout(self, rollout_id: str, n_events: int, *, pool_id: str | None = None) -> None:
        """A finished rollout: agent events 1..n-1 (``data.line`` = the seq), then `succeeded`."""
        bodies = []
        for seq in range(1, n_events + 1):
            last = seq == n_events
            env = {
                "id": str(seq),
                "event": "lifecycle" if last else "agent",
                "seq": seq,
                "timestamp": event_time(seq),
                "rollout_id": rollout_id,
                "data": {"status": "succeeded"} if last else {"type": "tool_output", "line": str(seq)},
            }
            bodies.append(json.dumps(env, separators=(",", ":")))
        frames = [
            f"id: {i + 1}\nevent: {json.loads(b)['event']}\ndata: {b}\n\n" for i, b in enumerate(bodies)
        ]
        with self._lock:
            self._rollouts[rollout_id] = _Rollout(bodies, frames, pool_id)

    def served(self, path_suffix: str = "/events") -> list[Served]:
        with self._lock:
            return [s for s in self.requests if s.path.endswith(path_suffix)]

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> DeclaredEventServer:
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("declared-parameters event server did not start")
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._loop is not None and self._stopped is not None:
            self._loop.call_soon_threadsafe(self._stopped.set)
        if self._thread is not None:
            self._thread.join(10)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = asyncio.Event()
        server = await asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=256)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stopped.wait()
        server.close()

    # -- one request -------------------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            _method, target, _ = lines[0].split(" ", 2)
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)
            }
            await self._answer(writer, target, headers)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass  # a client (or the fault proxy) went away mid-answer: what the tests do on purpose
        except Exception as exc:  # the test sees it in `errors`
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            writer.close()

    async def _answer(self, writer: asyncio.StreamWriter, target: str, headers: dict[str, str]) -> None:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        served = Served(parts.path, query, headers.get("last-event-id"))
        with self._lock:
            self.requests.append(served)
        rollout = self._route(parts.path)
        if rollout is None:
            served.status = 404
            await _send_json(writer, 404, {"detail": f"no route or rollout for {parts.path}"})
            return
        problems, after, limit, fmt = _read_declared(query)
        if problems:
            served.status = 422
            await _send_json(writer, 422, {"detail": problems})
            return
        picked = rollout.bodies[after : after + limit]
        served.events = len(picked)
        served.first_seq = after + 1 if picked else None
        finished = after + len(picked) >= len(rollout.bodies)
        served.ended_on_terminal = finished and bool(picked)
        served.ended_on_limit = not finished and len(picked) == limit
        if fmt == "json" or self.sse_broken:
            await _send_raw_json(writer, self._page_text(picked, after, finished))
            return
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream; charset=utf-8\r\n"
            b"cache-control: no-cache\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
        )
        await _chunk(writer, b"retry: 1000\n\n")
        for start in range(after, after + len(picked), _FRAMES_PER_CHUNK):
            frames = rollout.frames[start : min(start + _FRAMES_PER_CHUNK, after + len(picked))]
            await _chunk(writer, "".join(frames).encode())
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    def _route(self, path: str) -> _Rollout | None:
        for pattern in _ROUTES:
            m = pattern.match(path)
            if m:
                with self._lock:
                    rollout = self._rollouts.get(m["rid"])
                pool = m.groupdict().get("pool")
                if rollout is not None and (pool is None or rollout.pool_id in (None, pool)):
                    return rollout
        return None

    def _page_text(self, picked: list[str], after: int, finished: bool) -> str:
        items = "[" + ",".join(picked) + "]"
        if self.json_shape == "bare":
            return items
        nxt = "null" if finished else json.dumps(str(after + len(picked)))
        return f'{{"{self.json_shape}":{items},"next_cursor":{nxt}}}'


def _read_declared(query: dict[str, str]) -> tuple[list[dict[str, Any]], int, int, str]:
    """(FastAPI-style problems, after_sequence, limit, format) from the declared parameters only."""
    problems: list[dict[str, Any]] = []

    def integer(name: str, default: int, low: int, high: int | None) -> int:
        raw = query.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            problems.append(
                {"loc": ["query", name], "msg": "Input should be a valid integer", "type": "int_parsing"}
            )
            return default
        if value < low or (high is not None and value > high):
            bound = f"greater than or equal to {low}" if value < low else f"less than or equal to {high}"
            problems.append({"loc": ["query", name], "msg": f"Input should be {bound}", "type": "bound"})
        return value

    after = integer("after_sequence", 0, 0, None)
    limit = integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    fmt = query.get("format", "sse")
    if fmt not in ("sse", "json"):
        problems.append(
            {
                "loc": ["query", "format"],
                "msg": "String should match pattern '^(sse|json)$'",
                "type": "string_pattern_mismatch",
            }
        )
    return problems, after, limit, fmt


async def _chunk(writer: asyncio.StreamWriter, data: bytes) -> None:
    writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
    await writer.drain()


async def _send_raw_json(writer: asyncio.StreamWriter, text: str, status: int = 200) -> None:
    body = text.encode()
    reason = {200: "OK", 404: "Not Found", 422: "Unprocessable Entity"}[status]
    writer.write(
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
        + body
    )
    await writer.drain()


async def _send_json(writer: asyncio.StreamWriter, status: int, doc: Any) -> None:
    await _send_raw_json(writer, json.dumps(doc), status)
