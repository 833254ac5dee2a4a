"""Event log: every event is committed to SQLite, then waiting streams are woken.

Per-rollout `seq` starts at 1 and is assigned here only; `id` is the seq as a string, as the real
service's integer `after_sequence` resume key implies (real-service.md).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .store import TERMINAL, Store, now_iso


def event_id(seq: int) -> str:
    return str(seq)


class EventLog:
    def __init__(self, store: Store) -> None:
        self.store = store
        self._seq: dict[str, int] = {}
        self._waiters: dict[str, asyncio.Event] = {}

    def _next(self, rollout_id: str) -> int:
        if rollout_id not in self._seq:
            self._seq[rollout_id] = self.store.last_seq(rollout_id)
        self._seq[rollout_id] += 1
        return self._seq[rollout_id]

    def append_many(self, rollout_id: str, items: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Store (event, data) pairs in one transaction; then wake streams. Returns the envelopes."""
        if not items:
            return []
        ts = now_iso()
        rows = []
        envelopes = []
        for kind, data in items:
            seq = self._next(rollout_id)
            env = {
                "id": event_id(seq),
                "event": kind,
                "seq": seq,
                "timestamp": ts,
                "rollout_id": rollout_id,
                "data": data,
            }
            terminal = int(kind == "lifecycle" and data.get("status") in TERMINAL)
            rows.append((rollout_id, seq, kind, terminal, json.dumps(env, ensure_ascii=False)))
            envelopes.append(env)
        try:
            self.store.insert_events(rows)
        except BaseException:
            self._seq.pop(rollout_id, None)
            raise
        self.notify(rollout_id)
        return envelopes

    def append(self, rollout_id: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.append_many(rollout_id, [(kind, data)])[0]

    def forget(self, rollout_id: str) -> None:
        self._seq.pop(rollout_id, None)

    def waiter(self, rollout_id: str) -> asyncio.Event:
        """Take this before reading, then await it if the read found nothing new (no lost wake-ups)."""
        ev = self._waiters.get(rollout_id)
        if ev is None:
            ev = self._waiters[rollout_id] = asyncio.Event()
        return ev

    def notify(self, rollout_id: str) -> None:
        ev = self._waiters.pop(rollout_id, None)
        if ev is not None:
            ev.set()

    def notify_all(self) -> None:
        for rid in list(self._waiters):
            self.notify(rid)
