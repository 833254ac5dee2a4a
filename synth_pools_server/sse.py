"""The event stream: stored events first (batched reads), then live ones as they are committed.

Frames: `retry: 1000` first; each event as `id`, `event`, `data` (the EventEnvelope JSON, whose
`id` equals the SSE id); heartbeats (`event: heartbeat`, no id) when idle; the stream ends after
the terminal lifecycle event (a stream resumed past it gets that event again, then ends). Resume
position comes from Last-Event-ID, else `cursor`, else `since`; each may be an event id
("{rollout_id}:{seq}") or a bare seq.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from .cursors import offset
from .events import EventLog
from .store import now_iso

BATCH = 5000
RETRY_MS = 1000


def parse_position(*candidates: str | None) -> int:
    for value in candidates:
        if value is None or not value.strip():
            continue
        position = offset(value.strip().rsplit(":", 1)[-1])
        # unreadable cursor: replay from the start; clients dedupe by seq
        return 0 if position is None else position
    return 0


def _frame(rollout_id: str, seq: int, event: str, body: str) -> str:
    return f"id: {rollout_id}:{seq}\nevent: {event}\ndata: {body}\n\n"


async def stream(
    log: EventLog, rollout_id: str, after: int, limit: int | None, heartbeat_sec: float
) -> AsyncIterator[bytes]:
    yield f"retry: {RETRY_MS}\n\n".encode()
    sent = 0
    while True:
        waiter = log.waiter(rollout_id)
        want = BATCH if limit is None else min(BATCH, limit - sent)
        rows = log.store.read_events(rollout_id, after, want)
        if rows:
            parts = []
            done = False
            for seq, event, terminal, body in rows:
                parts.append(_frame(rollout_id, seq, event, body))
                after = seq
                if terminal:
                    done = True
                    break
            sent += len(parts)
            yield "".join(parts).encode()
            if done or (limit is not None and sent >= limit):
                return
            continue
        last = log.store.last_event_row(rollout_id)
        if last is not None and last[2]:
            # resumed at or past the end: send the terminal event again, so the client learns the
            # rollout is over (its seq tells a client that has it to drop it), and end the stream
            seq, event, _, body = last
            yield _frame(rollout_id, seq, event, body).encode()
            return
        try:
            await asyncio.wait_for(waiter.wait(), timeout=heartbeat_sec)
        except TimeoutError:
            beat = json.dumps({"event": "heartbeat", "timestamp": now_iso()})
            yield f"event: heartbeat\ndata: {beat}\n\n".encode()
