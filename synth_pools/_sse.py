"""Event streams: decode SSE, resume after any cut, deliver every event exactly once, in order.

Decoding follows the WHATWG event-stream rules via httpx-sse (multi-line ``data:``, comments,
``id:``, ``retry:``). :class:`StreamState` holds every decision that is not I/O:

- each SSE event becomes an envelope dict ``{id, event, seq, timestamp, data, ...}`` (the JSON
  envelope the API sends, or one assembled from the SSE fields);
- events whose ``seq`` (or, lacking one, ``id``) was already delivered are dropped;
- heartbeats are hidden unless asked for; an ``error`` event raises :class:`StreamError`;
- a terminal ``lifecycle`` event (status succeeded/failed/cancelled/error/...) ends the stream;
- after a cut the next connection carries ``Last-Event-ID`` and ``cursor`` = the last id, after
  a delay of at least the server's ``retry:``, growing from ``backoff_base`` to ``backoff_max``;
  ``max_retries`` consecutive failed reconnects (no event in between) end it with
  ``APIConnectionError`` saying which cursor to resume from.

:func:`iter_events` / :func:`aiter_events` run that state over a transport; ``connect`` builds
the request for a given resume cursor, so any SSE route (global or pool-scoped) can use them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from typing import Any

import attrs
import httpx
from httpx_sse import EventSource, ServerSentEvent

from ._errors import APIConnectionError, APIStatusError, StreamError, retry_after_seconds
from ._retry import MAX_RETRY_AFTER, retryable_status
from ._transport import AsyncTransport, RequestSpec, SyncTransport

__all__ = [
    "TERMINAL_STATUSES",
    "AsyncEventStream",
    "EventStream",
    "StreamState",
    "aiter_events",
    "is_terminal_event",
    "iter_events",
]

log = logging.getLogger("synth_pools")

TERMINAL_STATUSES = frozenset(
    {"succeeded", "failed", "cancelled", "canceled", "error", "completed", "timed_out", "validated"}
)

# Built per (cursor, last_event_id): the resume point of the next connection.
Connect = Callable[[str | None, str | None], RequestSpec]

_CUT_ERRORS = (httpx.TransportError, httpx.StreamError)


_MAYBE_TERMINAL = frozenset({"lifecycle", "status", "done", "end"})
# events the general path must see: errors, heartbeats, and whatever may end the stream
_NOT_ORDINARY = _MAYBE_TERMINAL | {"error", "heartbeat"}


def is_terminal_event(envelope: dict[str, Any]) -> bool:
    if envelope.get("event") not in ("lifecycle", "status", "done", "end"):
        return False
    if envelope.get("event") in ("done", "end"):
        return True
    data = envelope.get("data")
    return isinstance(data, dict) and data.get("status") in TERMINAL_STATUSES


def _seq_from_id(event_id: str | None) -> int | None:
    # the API's ids look like "<rollout_id>:<seq>"; use that when an envelope has no seq
    if not event_id:
        return None
    tail = event_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def envelope_of(sse: ServerSentEvent) -> dict[str, Any]:
    """The event as a dict: the server's JSON envelope, or one built from the SSE fields."""
    try:
        payload: Any = json.loads(sse.data) if sse.data else None
    except ValueError:
        payload = sse.data
    if type(payload) is dict and "event" in payload and "data" in payload:
        env: dict[str, Any] = payload  # freshly parsed: ours to complete in place
        if type(env.get("seq")) is int and env.get("id"):
            return env  # the API's own envelope, complete: the hot path of a long stream
    else:
        env = {"event": sse.event or "message", "data": payload}
    if sse.id and not env.get("id"):
        env["id"] = sse.id
    env.setdefault("id", None)
    if type(env.get("seq")) is not int:
        env["seq"] = _seq_from_id(env.get("id"))
    return env


@attrs.define
class StreamState:
    """Resume point, dedupe memory and reconnect budget of one logical event stream."""

    cursor: str | None = None
    since: str | None = None
    include_heartbeats: bool = False
    max_retries: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    last_id: str | None = None
    last_seq: int | None = None
    seen_ids: set[str] = attrs.field(factory=set)
    server_retry: float | None = None
    failures: int = 0
    # events taken from the wire (heartbeats included); a change between two cuts is progress
    accepted: int = 0
    accepted_at_cut: int = 0
    finished: bool = False

    def __attrs_post_init__(self) -> None:
        # resuming from a cursor: events at or before it were delivered already, even if a server
        # sends them again
        if self.last_seq is None:
            start = self.cursor if self.cursor is not None else self.since
            self.last_seq = _seq_from_id(start.strip()) if isinstance(start, str) else None

    def request_point(self) -> tuple[str | None, str | None, str | None]:
        """(cursor, since, last_event_id) for the next connection."""
        if self.last_id is not None:
            return self.last_id, None, self.last_id
        return self.cursor, self.since, self.cursor

    def accept(self, sse: ServerSentEvent) -> dict[str, Any] | None:
        """Feed one decoded SSE event; return it if the consumer should see it."""
        if sse.retry is not None:
            self.server_retry = sse.retry / 1000.0
        data = sse.data
        if not data:
            # WHATWG: an event with an empty data buffer is not dispatched (e.g. a lone `retry:`)
            return None
        # Hot path of a long stream: the API's own complete envelope of an ordinary event. It does
        # what the general path below does for such an event, with fewer lookups per event.
        if data[0] == "{":
            try:
                env = json.loads(data)
            except ValueError:
                env = None
            if type(env) is dict:
                seq = env.get("seq")
                kind = env.get("event")
                eid = env.get("id")
                if (
                    type(seq) is int
                    and type(eid) is str
                    and eid
                    and type(kind) is str
                    and kind not in _NOT_ORDINARY
                    and "data" in env
                ):
                    if self.last_seq is not None and seq <= self.last_seq:
                        return None
                    self.last_seq = seq
                    self.last_id = eid
                    self.accepted += 1
                    return env
        return self._accept_general(sse)

    def _accept_general(self, sse: ServerSentEvent) -> dict[str, Any] | None:
        env = envelope_of(sse)
        kind = env.get("event")
        if kind == "error":
            data = env.get("data")
            message = data.get("message") if isinstance(data, dict) else None
            raise StreamError(
                f"the event stream reported an error: {message or data!r}", data=data, event_id=env.get("id")
            )
        if kind == "heartbeat":
            # no place in the order: SSE gives an id-less event the previous event's id, which
            # would make every heartbeat look like a duplicate of that event
            env["id"] = env["seq"] = None
            self.accepted += 1
            return env if self.include_heartbeats else None
        seq = env.get("seq")
        eid = env.get("id")
        if isinstance(seq, int):
            if self.last_seq is not None and seq <= self.last_seq:
                # already delivered; but a terminal one still ends the stream (a server answers a
                # resume past the end with the terminal event again)
                if kind in _MAYBE_TERMINAL and is_terminal_event(env):
                    self.finished = True
                return None
            self.last_seq = seq
        elif isinstance(eid, str):
            if eid in self.seen_ids:
                return None
            self.seen_ids.add(eid)
        if isinstance(eid, str) and eid:
            self.last_id = eid
        self.accepted += 1
        if kind in _MAYBE_TERMINAL and is_terminal_event(env):
            self.finished = True
        return env

    def on_cut(self, exc: BaseException | None) -> float:
        """A connection ended before the terminal event: the delay before reconnecting, or raise."""
        progressed = self.accepted != self.accepted_at_cut
        self.accepted_at_cut = self.accepted
        if progressed:
            self.failures = 0  # the reconnect budget counts consecutive failures only
        if exc is None and progressed:
            # a clean close after delivering events is the server ending a page (limit=):
            # continue at once, as a watch does, without spending the failure budget
            return 0.0
        self.failures += 1
        if self.failures > self.max_retries:
            where = f"cursor={self.last_id!r}" if self.last_id else "the beginning"
            raise APIConnectionError(
                f"event stream dropped {self.failures} times in a row ({type(exc).__name__ if exc else 'closed'});"
                f" resume later from {where}"
            ) from exc
        delay: float = min(self.backoff_max, self.backoff_base * 2.0 ** (self.failures - 1))
        if self.server_retry is not None:
            delay = max(delay, min(self.server_retry, self.backoff_max))
        if isinstance(exc, APIStatusError) and exc.response is not None:
            # a 429/503 reconnect waits as long as the server asked (Retry-After), up to the cap
            asked = retry_after_seconds(exc.response, exc.body)
            if asked is not None:
                delay = max(delay, min(asked, MAX_RETRY_AFTER))
        log.debug("event stream cut (%s); reconnecting in %.2fs from %s", exc, delay, self.last_id)
        return delay


def _spec_for(state: StreamState, connect: Connect) -> RequestSpec:
    cursor, since, last_event_id = state.request_point()
    spec = connect(cursor, last_event_id)
    params = dict(spec.params)
    if since is not None and "since" not in params:
        params["since"] = since
    headers = dict(spec.headers)
    headers.setdefault("Accept", "text/event-stream")
    headers.setdefault("Cache-Control", "no-cache")
    # the stream keeps its own reconnect budget; the transport must not retry underneath it
    return spec.evolve(params=params, headers=headers, max_retries=0)


class EventStream(Iterator[dict[str, Any]]):
    """One rollout's events: iterate it, and close it (or leave its ``with`` block) to release the
    connection at once when you stop early.

    ``for event in stream`` runs on the underlying generator itself, so the wrapper costs nothing
    per event.
    """

    __slots__ = ("_events",)

    def __init__(self, events: Generator[dict[str, Any], None, None]) -> None:
        self._events = events

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._events

    def __next__(self) -> dict[str, Any]:
        return next(self._events)

    def close(self) -> None:
        self._events.close()

    def __enter__(self) -> EventStream:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncEventStream(AsyncIterator[dict[str, Any]]):
    """Async twin of :class:`EventStream` (``async with``, ``aclose()``)."""

    __slots__ = ("_events",)

    def __init__(self, events: AsyncGenerator[dict[str, Any], None]) -> None:
        self._events = events

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._events

    async def __anext__(self) -> dict[str, Any]:
        return await anext(self._events)

    async def aclose(self) -> None:
        await self._events.aclose()

    async def __aenter__(self) -> AsyncEventStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def iter_events(
    transport: SyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> EventStream:
    """The stream's events, each exactly once, reconnecting after cuts when allowed."""
    return EventStream(_iter_events(transport, connect, state, auto_reconnect=auto_reconnect))


def aiter_events(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> AsyncEventStream:
    """Async twin of :func:`iter_events`."""
    return AsyncEventStream(_aiter_events(transport, connect, state, auto_reconnect=auto_reconnect))


def _iter_events(
    transport: SyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> Generator[dict[str, Any], None, None]:
    while not state.finished:
        cut: BaseException | None = None
        try:
            with transport.stream(_spec_for(state, connect)) as response:
                for sse in EventSource(response).iter_sse():
                    env = state.accept(sse)
                    if env is not None:
                        yield env
                    if state.finished:
                        return
        except APIStatusError as exc:
            if not auto_reconnect or not retryable_status(exc):  # as request retries do
                raise
            cut = exc
        except APIConnectionError as exc:
            if not auto_reconnect:
                raise
            cut = exc
        except _CUT_ERRORS as exc:
            if not auto_reconnect:
                raise APIConnectionError(
                    f"event stream dropped ({type(exc).__name__}); pass auto_reconnect=True "
                    f"or resume with cursor={state.last_id!r}"
                ) from exc
            cut = exc
        if not auto_reconnect:
            return  # the server closed the stream cleanly and we were asked not to reconnect
        transport.sleep(state.on_cut(cut))


async def _aiter_events(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> AsyncGenerator[dict[str, Any], None]:
    while not state.finished:
        cut: BaseException | None = None
        try:
            async with transport.stream(_spec_for(state, connect)) as response:
                async for sse in EventSource(response).aiter_sse():
                    env = state.accept(sse)
                    if env is not None:
                        yield env
                    if state.finished:
                        return
        except APIStatusError as exc:
            if not auto_reconnect or not retryable_status(exc):  # as request retries do
                raise
            cut = exc
        except APIConnectionError as exc:
            if not auto_reconnect:
                raise
            cut = exc
        except _CUT_ERRORS as exc:
            if not auto_reconnect:
                raise APIConnectionError(
                    f"event stream dropped ({type(exc).__name__}); pass auto_reconnect=True "
                    f"or resume with cursor={state.last_id!r}"
                ) from exc
            cut = exc
        if not auto_reconnect:
            return
        await transport.sleep(state.on_cut(cut))
