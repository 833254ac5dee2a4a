"""Event streams on the service's protocol: pages of SSE (or JSON), every event exactly once, in order.

The real service (design/real-service.md) declares three query parameters on its event routes:
``after_sequence`` (the resume point), ``limit`` (1..1000: the response ends after that many
events, a *page*) and ``format`` (``sse`` or ``json``). Decoding follows the WHATWG event-stream
rules via httpx-sse (multi-line ``data:``, comments, ``id:``, ``retry:``).

:class:`StreamState` is the one place that decides (no I/O):

- what the next request asks for (:meth:`StreamState.resume`): ``after_sequence`` = the last
  delivered seq, a ``limit`` of at most 1,000 and never more than the caller's ``limit=`` leaves,
  ``Last-Event-ID`` (harmless, never depended on) and the format;
- which events the caller sees: each SSE event or JSON page item becomes an envelope dict
  ``{id, event, seq, timestamp, data, ...}``; ids may be ``"17"`` or ``"<rollout_id>:17"``;
  events at or before the last delivered seq are dropped; ``since=`` given as a timestamp drops
  events stamped at or before it; heartbeats are hidden unless asked for; an ``error`` event
  raises :class:`StreamError`; a terminal ``lifecycle`` event, or the caller's ``limit=``, ends it;
- what the end of a response means (:meth:`StreamState.on_end`): a clean end after new events is a
  page (continue at once); a cut, or a clean end with nothing new, is a failed attempt (a delay
  of at least the server's ``retry:``, growing from ``backoff_base`` to ``backoff_max``;
  ``max_retries`` failures in a row raise ``APIConnectionError`` naming the cursor to resume from).
  Heartbeats and answered JSON pages show the server alive: they reset that budget, but the next
  request still waits.

A ``200`` answer that is not ``text/event-stream`` (something between client and service broke
SSE) is read as a JSON page, and the stream asks ``format=json`` from then on.

:func:`~synth_pools._events.iter_events` / :func:`~synth_pools._async_events.aiter_events` run
that state over a transport, and ``iter_event_pages`` / ``aiter_event_pages`` read a log as JSON
pages (bulk export); ``connect`` builds the request for a :class:`Resume`, so any event route can
use them.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
from httpx_sse import ServerSentEvent

from . import _json
from ._deadline import deadline_left
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    StreamError,
    SynthPoolsValidationError,
)
from ._retry import MAX_RETRY_AFTER
from ._statuses import TERMINAL_STATUSES
from ._transport import RequestSpec

__all__ = [
    "MAX_EVENTS",
    "MAX_PAGE",
    "TERMINAL_STATUSES",
    "AsyncEventStream",
    "EventStream",
    "Page",
    "Resume",
    "StreamState",
    "check_count",
    "is_terminal_event",
    "page_events",
    "page_items",
]

log = logging.getLogger("synth_pools")

MAX_PAGE = 1000  # the service's largest `limit`
MAX_EVENTS = 1_000_000_000  # the largest `limit=` a caller may ask for in all


@dataclasses.dataclass(frozen=True, slots=True)
class Resume:
    """What the next events request asks for."""

    after_sequence: int
    limit: int
    last_event_id: str | None
    format: str  # "sse" or "json"


# Builds the request of one events route for a resume point (``_operations.EventRoute``).
Connect = Callable[[Resume], RequestSpec]


_MAYBE_TERMINAL = frozenset({"lifecycle", "status", "done", "end"})
# events the general path must see: errors, heartbeats, and whatever may end the stream
_NOT_ORDINARY = _MAYBE_TERMINAL | {"error", "heartbeat"}
_PAGE_KEYS = ("events", "items", "data")
_LOOKS_LIKE_A_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def is_terminal_event(envelope: dict[str, Any]) -> bool:
    if envelope.get("event") not in _MAYBE_TERMINAL:
        return False
    if envelope.get("event") in ("done", "end"):
        return True
    data = envelope.get("data")
    return isinstance(data, dict) and data.get("status") in TERMINAL_STATUSES


def _seq_from_id(event_id: str | None) -> int | None:
    """The seq an event id names: ``"17"`` or ``"<rollout_id>:17"``; None for any other text."""
    if not event_id:
        return None
    tail = event_id.rsplit(":", 1)[-1]
    return int(tail) if tail.isascii() and tail.isdigit() else None


def _timestamp(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _event_time(env: dict[str, Any]) -> datetime | None:
    stamp = env.get("timestamp")
    return _timestamp(stamp) if isinstance(stamp, str) else None


def _resume_seq(name: str, value: Any) -> int | None:
    """The seq a caller's ``cursor=`` names, or raise naming the parameter."""
    if value is None:
        return None
    if type(value) is int and value >= 0:
        return value
    seq = _seq_from_id(value.strip()) if isinstance(value, str) else None
    if seq is None:
        raise SynthPoolsValidationError(
            name,
            f"{value!r} names no event",
            'pass an event id from a previous stream ("17" or "<rollout_id>:17"), a sequence number >= 0, or None',
        )
    return seq


def _since_point(value: str | None) -> tuple[int | None, datetime | None]:
    """``since=`` as (seq, timestamp): a sequence number or event id, or an ISO 8601 timestamp."""
    if value is None:
        return None, None
    text = value.strip() if isinstance(value, str) else ""
    if _LOOKS_LIKE_A_DATE.match(text):
        moment = _timestamp(text)
        if moment is not None:
            return None, moment
    elif _seq_from_id(text) is not None:
        return _seq_from_id(text), None
    raise SynthPoolsValidationError(
        "since",
        f"{value!r} is neither an event id, a sequence number nor an ISO 8601 timestamp",
        'pass e.g. "2026-01-31T12:00:00Z", "17" or "<rollout_id>:17"',
    )


def check_count(name: str, value: Any, low: int, high: int) -> int:
    """``value`` if it is an int from ``low`` to ``high``, else raise naming ``name``."""
    if type(value) is not int or not low <= value <= high:
        raise SynthPoolsValidationError(name, f"is {value!r}", f"pass an integer from {low:,} to {high:,}")
    return value


_KIND_KEYS = ("event", "type", "kind")


def _own_kind(payload: dict[str, Any]) -> str | None:
    """The kind an event's JSON names itself (``event``, ``type`` or ``kind``), if any."""
    for key in _KIND_KEYS:
        value = payload.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def envelope_of(sse: ServerSentEvent) -> dict[str, Any]:
    """The event as a dict: the server's JSON envelope, or one built from the SSE fields. Its
    kind is the ``event:`` line's, else the one its JSON names (``event``/``type``/``kind``), and
    only then SSE's default ``message``; a ``seq``/``sequence`` in the JSON is its sequence."""
    try:
        payload: Any = _json.loads(sse.data) if sse.data else None
    except ValueError:
        payload = sse.data
    if type(payload) is dict and "event" in payload and "data" in payload:
        env: dict[str, Any] = payload  # freshly parsed: ours to complete in place
        if type(env.get("seq")) is int and env.get("id"):
            return env  # the API's own envelope, complete: the hot path of a long stream
    else:
        kind = sse.event if sse.event and sse.event != "message" else None
        if kind is None and type(payload) is dict:
            kind = _own_kind(payload)
        env = {"event": kind or "message", "data": payload}
        if type(payload) is dict:
            seq = payload.get("seq", payload.get("sequence"))
            if type(seq) is int:
                env["seq"] = seq
    if sse.id and not env.get("id"):
        env["id"] = sse.id
    return _complete(env)


def _complete(env: dict[str, Any]) -> dict[str, Any]:
    env.setdefault("id", None)
    if type(env.get("seq")) is not int:
        env["seq"] = _seq_from_id(env.get("id") if isinstance(env.get("id"), str) else None)
    if isinstance(env["seq"], int) and not env.get("id"):
        env["id"] = str(env["seq"])
    return env


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """What one JSON page brought: the events to deliver, whether the server said the log ends
    there (``next_cursor: null``), and whether it held anything new."""

    events: list[dict[str, Any]]
    says_end: bool
    fresh: bool

    @property
    def at_log_end(self) -> bool:
        """The log's current end: nothing after this page for now."""
        return self.says_end or not self.fresh


class NotAPageError(ValueError):
    """A 200 answer that is neither an event stream nor a JSON page of events."""


#: what cuts a response short without ending the stream: the next request resumes after the last event
STREAM_CUTS = (APIConnectionError, NotAPageError, httpx.TransportError, httpx.StreamError)


def page_items(payload: Any) -> tuple[list[Any], bool]:
    """(items, says_end) of a JSON page: a bare array, ``{"events": [...]}`` or ``{"items": [...]}``,
    with or without ``next_cursor``; ``says_end`` when the page has ``next_cursor: null``."""
    items: Any = payload
    says_end = False
    if isinstance(payload, dict):
        items = next((payload[k] for k in _PAGE_KEYS if isinstance(payload.get(k), list)), None)
        says_end = "next_cursor" in payload and payload["next_cursor"] is None
    if not isinstance(items, list):
        raise NotAPageError(f"expected a JSON array or a page with 'events', got {type(payload).__name__}")
    return items, says_end


def _page_envelope(item: dict[str, Any]) -> dict[str, Any]:
    env = dict(item)
    env.setdefault("event", _own_kind(item) or "message")
    if type(env.get("seq")) is not int and type(item.get("sequence")) is int:
        env["seq"] = item["sequence"]
    env.setdefault("data", None)
    return _complete(env)


def page_events(payload: Any) -> tuple[list[dict[str, Any]], bool]:
    """(envelopes, says_end) of a JSON page (see :func:`page_items`); items that are not objects
    are skipped, ids and seqs completed from each other."""
    items, says_end = page_items(payload)
    return [_page_envelope(item) for item in items if isinstance(item, dict)], says_end


@dataclasses.dataclass(slots=True)
class StreamState:
    """Resume point, dedupe memory, event budget and reconnect budget of one logical event stream.

    Bad input (``limit``, ``cursor``, ``since``, ``max_retries``, ``backoff_*``) raises
    :class:`SynthPoolsValidationError` (a ``ValueError``) naming it, before any request.
    """

    cursor: str | None = None
    since: str | None = None
    include_heartbeats: bool = False
    max_retries: int = 5
    backoff_base: float = 1.0
    backoff_max: float = 30.0
    limit: int | None = None  # the most events the caller gets in all
    page_size: int = MAX_PAGE
    format: str = "sse"
    last_id: str | None = None
    last_seq: int | None = None
    seen_ids: set[str] = dataclasses.field(default_factory=set)
    server_retry: float | None = None
    failures: int = 0
    # new events taken from the wire (delivered or filtered out by `since`): progress
    accepted: int = 0
    accepted_at_end: int = 0
    # heartbeats and answered JSON pages: the server is alive, even without new events
    signals: int = 0
    signals_at_end: int = 0
    delivered: int = 0
    finished: bool = False
    since_time: datetime | None = None
    # the JSON text the last delivered SSE event was decoded from, when the event is exactly that
    # text (the hot path); None when it was completed or built (the batch journal stores the text)
    raw: str | None = None
    # a clean end that brought nothing new ends the stream instead of counting as a failure: the
    # container-pool routes end a finished rollout's stream that way, with no terminal event the
    # SDK knows (synth-containers reads them so); a cut (an error) is still retried
    ends_when_drained: bool = False

    def __post_init__(self) -> None:
        if self.limit is not None:
            check_count("limit", self.limit, 1, MAX_EVENTS)
        check_count("max_retries", self.max_retries, 0, 1000)
        check_count("page_size", self.page_size, 1, MAX_PAGE)
        for name in ("backoff_base", "backoff_max"):
            value = getattr(self, name)
            if type(value) not in (int, float) or not 0 <= value <= 3600:
                raise SynthPoolsValidationError(
                    name, f"is {value!r}", "pass a number of seconds from 0 to 3600"
                )
        start = _resume_seq("cursor", self.cursor)
        since_seq, self.since_time = _since_point(self.since)
        # resuming: events at or before that point were delivered already, even if a server
        # sends them again
        points = [p for p in (self.last_seq, start, since_seq) if p is not None]
        self.last_seq = max(points) if points else None
        if self.last_id is None and self.cursor is not None:
            self.last_id = str(self.cursor).strip()

    @property
    def _budget(self) -> int:
        return MAX_EVENTS if self.limit is None else self.limit - self.delivered

    def resume(self) -> Resume:
        """What the next request asks for."""
        return Resume(
            after_sequence=self.last_seq or 0,
            limit=min(self.page_size, self._budget),
            last_event_id=self.last_id,
            format=self.format,
        )

    def _deliver(self, env: dict[str, Any]) -> dict[str, Any]:
        self.delivered += 1
        if self.delivered == self.limit:
            self.finished = True
        return env

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
        if data[0] == "{" and self.since_time is None:
            try:
                env = _json.loads(data)
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
                    self.delivered += 1
                    if self.delivered == self.limit:
                        self.finished = True
                    self.raw = data
                    return env
        self.raw = None
        return self._admit(envelope_of(sse))

    def accept_page(self, payload: Any) -> Page:
        """Feed one JSON page; :class:`Page` holds the events the consumer should see.
        Raises :class:`NotAPageError` for anything that is not a page."""
        items, says_end = page_items(payload)
        self.raw = None
        self.signals += 1
        before = self.accepted
        out: list[dict[str, Any]] = []
        plain = self.since_time is None
        for item in items:
            if self.finished:
                break
            if type(item) is not dict:
                continue
            # as in accept(): the API's own complete envelope of an ordinary event, in few steps
            seq = item.get("seq")
            eid = item.get("id")
            kind = item.get("event")
            if (
                plain
                and type(seq) is int
                and type(eid) is str
                and eid
                and type(kind) is str
                and kind not in _NOT_ORDINARY
                and "data" in item
            ):
                last = self.last_seq
                if last is None or seq > last:
                    self.last_seq = seq
                    self.last_id = eid
                    self.accepted += 1
                    self.delivered += 1
                    out.append(item)
                    if self.delivered == self.limit:
                        self.finished = True
                continue
            kept = self._admit(_page_envelope(item))
            if kept is not None:
                out.append(kept)
        return Page(out, says_end=says_end, fresh=self.accepted != before)

    def page_answer(self, page: Page) -> dict[str, Any]:
        """One page as the SDK returns it: ``{"events": [...], "next_cursor": str | None}``, the
        cursor being None once the log has ended (the terminal event, or the server says so)."""
        ended = self.finished or page.says_end
        return {"events": page.events, "next_cursor": None if ended else str(self.last_seq or 0)}

    def _admit(self, env: dict[str, Any]) -> dict[str, Any] | None:
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
            self.signals += 1
            return env if self.include_heartbeats else None
        seq = env.get("seq")
        eid = env.get("id")
        if seq is None and not eid:
            # no id and no sequence: the service numbers its log 1, 2, 3 ... and `after_sequence`
            # skips that many, so count: a resume then asks for what follows, not the log again
            seq = env["seq"] = (self.last_seq or 0) + 1
            env["id"] = str(seq)
            eid = None
        terminal = kind in _MAYBE_TERMINAL and is_terminal_event(env)
        if isinstance(seq, int):
            if self.last_seq is not None and seq <= self.last_seq:
                # already delivered; but a terminal one still ends the stream (a server answers a
                # resume past the end with the terminal event again)
                self.finished = self.finished or terminal
                return None
            self.last_seq = seq
        elif isinstance(eid, str):
            if eid in self.seen_ids:
                return None
            self.seen_ids.add(eid)
        if isinstance(eid, str) and eid:
            self.last_id = eid
        self.accepted += 1
        if terminal:
            self.finished = True
        if self.since_time is not None:
            moment = _event_time(env)
            if moment is not None and moment <= self.since_time:
                return None  # before `since=`: its seq still moves the resume point on
        return self._deliver(env)

    def on_end(self, exc: BaseException | None, *, auto_reconnect: bool = True) -> float:
        """A response ended before the terminal event: the delay before the next one, or raise.

        ``exc`` is None for a clean end. A clean end after new events is a page: 0 (at once),
        whatever ``auto_reconnect`` says. Anything else is a failed attempt: without
        ``auto_reconnect`` it raises at once, with it it backs off until ``max_retries`` in a row.
        """
        fresh = self.accepted != self.accepted_at_end
        alive = fresh or self.signals != self.signals_at_end
        self.accepted_at_end, self.signals_at_end = self.accepted, self.signals
        if alive:
            self.failures = 0  # the budget counts failures in a row, with no sign of life between
        if exc is None and fresh:
            return 0.0
        if exc is None and self.ends_when_drained and not alive:
            # the server ended a stream it had nothing more for, not even a heartbeat: finished
            # (a response of heartbeats only was a live rollout's connection timing out: go on)
            self.finished = True
            return 0.0
        what = f"{type(exc).__name__}: {exc}" if exc else "ended with nothing new"
        if not auto_reconnect:
            if isinstance(exc, APIStatusError | APIConnectionError):
                raise exc
            raise APIConnectionError(
                f"event stream dropped ({what}); pass auto_reconnect=True or resume with {self.where()}"
            ) from exc
        self.failures += 1
        if self.failures > self.max_retries:
            raise APIConnectionError(
                f"event stream dropped {self.failures} times in a row ({what}); resume later from {self.where()}"
            ) from exc
        delay: float = min(self.backoff_max, self.backoff_base * 2.0 ** (self.failures - 1))
        if self.server_retry is not None:
            delay = max(delay, min(self.server_retry, self.backoff_max))
        if isinstance(exc, APIStatusError) and exc.response is not None:
            # a 429/503 reconnect waits as long as the server asked (Retry-After), up to the cap
            asked = exc.retry_after
            if asked is not None:
                delay = max(delay, min(asked, MAX_RETRY_AFTER))
        log.debug("event stream ended (%s); next request in %.2fs after seq %s", what, delay, self.last_seq)
        return delay

    def where(self) -> str:
        """Where a caller resumes: the last event's id as ``cursor=``."""
        if self.last_id:
            return f"cursor={self.last_id!r}"
        return "the beginning" if self.last_seq is None else f"cursor={str(self.last_seq)!r}"


def stream_request(state: StreamState, connect: Connect) -> RequestSpec:
    resume = state.resume()
    spec = connect(resume)
    headers = dict(spec.headers)
    headers.setdefault("Accept", "text/event-stream" if resume.format == "sse" else "application/json")
    headers.setdefault("Cache-Control", "no-cache")
    # the stream keeps its own reconnect budget; the transport must not retry underneath it
    return spec.evolve(headers=headers, max_retries=0)


def is_event_stream(response: httpx.Response) -> bool:
    return "text/event-stream" in response.headers.get("content-type", "")


def _page_payload(response: httpx.Response, body: bytes) -> Any:
    try:
        return _json.loads(body)
    except ValueError:
        kind = response.headers.get("content-type", "no content-type")
        raise NotAPageError(
            f"the events route answered 200 with {kind}, neither SSE nor a JSON page"
        ) from None


def fallback_events(state: StreamState, response: httpx.Response, body: bytes) -> list[dict[str, Any]]:
    """A 200 answer that is not an event stream: read it as a JSON page, and ask for JSON from now on."""
    if state.format == "sse":
        log.debug(
            "events answered %s instead of SSE: reading JSON pages", response.headers.get("content-type")
        )
    state.format = "json"
    return state.accept_page(_page_payload(response, body)).events


class EventStream(Iterator[dict[str, Any]]):
    """One rollout's events: iterate it, and close it (or leave its ``with`` block) to release the
    connection at once when you stop early.

    ``for event in stream`` runs on the underlying generator itself, so the wrapper costs nothing
    per event.
    """

    __slots__ = ("_events", "_state")

    def __init__(
        self, events: Generator[dict[str, Any], None, None], state: StreamState | None = None
    ) -> None:
        self._events = events
        self._state = state

    def _raw_text(self) -> str | None:
        """The JSON text the last event was decoded from, when the event is exactly that text
        (internal: the batch journal stores it rather than encode the dict again)."""
        return None if self._state is None else self._state.raw

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

    __slots__ = ("_events", "_state")

    def __init__(
        self, events: AsyncGenerator[dict[str, Any], None], state: StreamState | None = None
    ) -> None:
        self._events = events
        self._state = state

    def _raw_text(self) -> str | None:
        """See :meth:`EventStream._raw_text`."""
        return None if self._state is None else self._state.raw

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._events

    async def __anext__(self) -> dict[str, Any]:
        return await anext(self._events)

    async def aclose(self) -> None:
        await self._events.aclose()

    async def __aenter__(self) -> AsyncEventStream:
        return self

    def __await__(self) -> Generator[Any, None, AsyncEventStream]:
        """``stream = await client.stream_rollout_events(...)``: the older async clients' calling
        form (their method was a coroutine returning the stream) gives the same stream."""
        return self._itself().__await__()

    async def _itself(self) -> AsyncEventStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


def next_wait(state: StreamState, cut: BaseException | None, auto_reconnect: bool) -> float:
    """The wait before the next request; raise when it would outlast the running call's
    deadline (sync ``wait(timeout=...)``: every socket read of the stream ends by it too, so a
    stream of comments or silence cannot hold it)."""
    delay = state.on_end(cut, auto_reconnect=auto_reconnect)
    left = deadline_left()
    if left is not None and left <= delay:
        raise APITimeoutError(f"the event stream ran out of time; resume from {state.where()}") from cut
    return delay


def page_request(state: StreamState, connect: Connect, timeout: float | None) -> RequestSpec:
    state.format = "json"
    spec = connect(state.resume())
    return spec.evolve(headers={**spec.headers, "Accept": "application/json"}, timeout=timeout)
