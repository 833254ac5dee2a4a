"""The event routes: a page of the log as server-sent events (stored events first, then live ones
as they are committed) or as one JSON page.

The real service's protocol (real-service.md): `after_sequence` is the resume point, `limit` (1..1000,
default 200) ends the response after that many events, `format` is `sse` or `json`. SSE frames:
`retry: 1000` first; each event as `id` (the seq), `event`, `data` (the EventEnvelope JSON, whose
`id` equals the SSE id); heartbeats (`event: heartbeat`, no id) when idle. A response also ends after
the terminal lifecycle event; one resumed past it gets that event again, then ends.

Extensions of this backend: `Last-Event-ID` and `cursor` (an event id such as "17" or
"{rollout_id}:17", or a bare seq) are read too; the resume point is the furthest of those given.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from .cursors import INT64_MAX, offset
from .events import EventLog
from .store import now_iso

DEFAULT_LIMIT = 200  # the real service's default page
BATCH = 1000  # rows read from the store at a time
RETRY_MS = 1000


def parse_position(value: str | None) -> int:
    """The seq an extension resume point (`cursor`, `Last-Event-ID`) names; 0 when unreadable."""
    if value is None or not value.strip():
        return 0
    position = offset(value.strip().rsplit(":", 1)[-1])
    # unreadable cursor: replay from the start; clients dedupe by seq
    return 0 if position is None else position


def resume_point(after_sequence: int | None, *extensions: str | None) -> int:
    """The furthest of the resume points given (a browser's EventSource keeps the first URL's
    after_sequence and sends a newer Last-Event-ID), clamped to SQLite's integer range."""
    furthest = max([after_sequence or 0, *(parse_position(v) for v in extensions)])
    return min(furthest, INT64_MAX)


def _frame(seq: int, event: str, body: str) -> str:
    return f"id: {seq}\nevent: {event}\ndata: {body}\n\n"


def page(log: EventLog, rollout_id: str, after: int, limit: int) -> bytes:
    """One JSON EventPage (format=json): up to `limit` events after `after`, ending at the terminal one.

    `next_cursor` is the after_sequence of the next page, or null when nothing more will come
    (this page holds the terminal event, or the rollout finished at or before `after`). The stored
    envelopes are JSON already: they are joined, not decoded and encoded again.
    """
    rows = log.store.read_events(rollout_id, after, limit)
    bodies: list[str] = []
    done = False
    for seq, _event, terminal, body in rows:
        bodies.append(body)
        after = seq
        if terminal:
            done = True
            break
    if not rows:
        last = log.store.last_event_row(rollout_id)
        done = last is not None and bool(last[2])
    next_cursor = "null" if done else f'"{after}"'
    return f'{{"events":[{",".join(bodies)}],"next_cursor":{next_cursor}}}'.encode()


async def stream(
    log: EventLog, rollout_id: str, after: int, limit: int, heartbeat_sec: float
) -> AsyncIterator[bytes]:
    yield f"retry: {RETRY_MS}\n\n".encode()
    sent = 0
    while True:
        waiter = log.waiter(rollout_id)
        rows = log.store.read_events(rollout_id, after, min(BATCH, limit - sent))
        if rows:
            parts = []
            done = False
            for seq, event, terminal, body in rows:
                parts.append(_frame(seq, event, body))
                after = seq
                if terminal:
                    done = True
                    break
            sent += len(parts)
            yield "".join(parts).encode()
            if done or sent >= limit:
                return
            continue
        last = log.store.last_event_row(rollout_id)
        if last is not None and last[2]:
            # resumed at or past the end: send the terminal event again, so the client learns the
            # rollout is over (its seq tells a client that has it to drop it), and end the stream
            seq, event, _, body = last
            yield _frame(seq, event, body).encode()
            return
        try:
            await asyncio.wait_for(waiter.wait(), timeout=heartbeat_sec)
        except TimeoutError:
            beat = json.dumps({"event": "heartbeat", "timestamp": now_iso()})
            yield f"event: heartbeat\ndata: {beat}\n\n".encode()
