"""Live view of a batch of rollouts: counts by status, events/s and cost so far, then a summary.

It polls each unfinished rollout's summary (status, event count, usage), which the API serves
cheaply; polling keeps one code path for any number of rollouts and survives reconnects.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
from rich.console import Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from synth_pools._sse import TERMINAL_STATUSES
from synth_pools.cli.output import console


@attrs.define
class RolloutRow:
    rollout_id: str
    status: str = "queued"
    reward: float | None = None
    events: int = 0
    cost_usd: float = 0.0
    reason: str | None = None

    @property
    def done(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def update(self, summary: Mapping[str, Any]) -> None:
        self.status = str(summary.get("status") or self.status)
        self.reward = summary.get("reward", self.reward)
        self.events = int(summary.get("event_count") or self.events)
        self.reason = summary.get("status_reason") or self.reason
        usage = summary.get("usage") or {}
        self.cost_usd = float(usage.get("cost_usd") or self.cost_usd)


@attrs.define
class BatchProgress:
    """Tracks rollouts until all are terminal; `fetch_summary` is the SDK call that reads one."""

    rows: list[RolloutRow]
    fetch_summary: Callable[[str], Mapping[str, Any]]
    started: float = attrs.field(factory=time.monotonic)
    _last_events: int = 0
    _last_time: float = attrs.field(factory=time.monotonic)
    events_per_sec: float = 0.0

    def poll(self) -> None:
        for row in self.rows:
            if not row.done:
                row.update(self.fetch_summary(row.rollout_id))
        now = time.monotonic()
        total = sum(row.events for row in self.rows)
        if now > self._last_time:
            self.events_per_sec = (total - self._last_events) / (now - self._last_time)
        self._last_events, self._last_time = total, now

    @property
    def finished(self) -> bool:
        return all(row.done for row in self.rows)

    def counts(self) -> Counter[str]:
        return Counter(row.status for row in self.rows)

    def render(self) -> Group:
        counts = self.counts()
        line = Text.assemble(
            (f"{len(self.rows)} rollouts  ", "bold"),
            (f"queued {counts['queued']}  ", "yellow"),
            (f"running {counts['running']}  ", "cyan"),
            (f"succeeded {counts['succeeded'] + counts['completed']}  ", "green"),
            (f"failed {counts['failed'] + counts['error']}  ", "red"),
            (f"cancelled {counts['cancelled']}  ", "magenta"),
            f"| {self.events_per_sec:,.0f} events/s | ${sum(r.cost_usd for r in self.rows):.4f} so far"
            f" | {time.monotonic() - self.started:,.1f}s",
        )
        return Group(line)

    def wait(self, interval: float = 0.5) -> None:
        """Poll until every rollout is terminal, without a display (for --json)."""
        self.poll()
        while not self.finished:
            time.sleep(interval)
            self.poll()

    def run(self, interval: float = 0.5) -> None:
        with Live(self.render(), console=console, refresh_per_second=4, transient=False) as live:
            while True:
                self.poll()
                live.update(self.render())
                if self.finished:
                    break
                time.sleep(interval)
        if not console.is_terminal:
            console.line()  # off a terminal, Live leaves its last frame without a line end


def summary_table(rows: Sequence[RolloutRow]) -> Table:
    grid = Table(title="rollouts", header_style="bold")
    for column in ("rollout_id", "status", "reward", "events", "cost_usd", "reason"):
        grid.add_column(column)
    for row in rows:
        reward = "-" if row.reward is None else f"{row.reward:.3f}"
        cells = (row.rollout_id, row.status, reward, str(row.events), f"{row.cost_usd:.4f}", row.reason or "")
        grid.add_row(*(Text(cell) for cell in cells))  # plain text: a reason may hold brackets
    return grid
