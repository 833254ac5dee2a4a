"""Progress of rollouts: a live line on a terminal, timestamped lines everywhere else.

On a terminal, a Rich live line (counts by status, events/s, cost, elapsed). Off a terminal (a
pipe, nohup, CI) a live display shows nothing until the end, so `ProgressLines` writes a plain
``2026-01-01T12:00:00Z ...`` line to stderr at a steady interval, from a thread (a blocking call
cannot hold it back), and one at once at each milestone (all launched, each quarter done, all done).

`BatchProgress` polls each unfinished rollout's summary (status, event count, usage), which the
API serves cheaply; polling keeps one code path for any number of rollouts and survives reconnects.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any

import attrs
from rich.console import Group
from rich.table import Table
from rich.text import Text

from synth_pools._money import usd
from synth_pools._statuses import FAILURE_STATUSES, SUCCESS_STATUSES, TERMINAL_STATUSES
from synth_pools.cli.output import console, err_console, print_table
from synth_pools.cli.summary import Outcome


def stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def quarter_milestone(before: int, after: int, total: int) -> str | None:
    """'50% done' when the done count crosses a quarter of the total, else None."""
    if total <= 0:
        return None
    for quarter in (4, 3, 2, 1):
        mark = -(-total * quarter // 4)  # ceil: 1 of 2 is 50%, 1 of 3 is not yet 50%
        if before < mark <= after:
            return "all done" if quarter == 4 else f"{quarter * 25}% done"
    return None


class ProgressLines:
    """Timestamped progress lines on stderr: ``describe()`` every ``interval`` s, milestones at once."""

    def __init__(self, what: str, describe: Callable[[], str], interval: float) -> None:
        self.what = what
        self.describe = describe
        self.interval = interval
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._last = time.monotonic()
        self._thread = threading.Thread(target=self._beat, name="synth-pools-progress", daemon=True)

    def _write(self, text: str) -> None:
        with self._lock:
            self._last = time.monotonic()
            err_console.print(Text(f"{stamp()} {self.what}: {text}"), soft_wrap=True, highlight=False)

    def milestone(self, text: str) -> None:
        self._write(f"{text} | {self.describe()}")

    def _beat(self) -> None:
        while not self._stop.wait(min(self.interval, 0.2)):
            if time.monotonic() - self._last >= self.interval:
                self._write(self.describe())

    def __enter__(self) -> ProgressLines:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()


def live_display(json_output: bool) -> bool:
    """A live (redrawn) display only for people at a terminal; lines otherwise."""
    return console.is_terminal and not json_output


@attrs.define
class RolloutRow:
    rollout_id: str
    status: str = "queued"
    reward: float | None = None
    events: int = 0
    cost_usd: float = 0.0
    reason: str | None = None
    duration_sec: float | None = None
    task: str | None = None
    agent: str | None = None
    simulated: bool = False  # the local backend's stand-in agent made the run up (never rewarded)

    @property
    def done(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def update(self, summary: Mapping[str, Any]) -> None:
        self.status = str(summary.get("status") or self.status)
        self.reward = summary.get("reward", self.reward)
        self.events = int(summary.get("event_count") or self.events)
        self.reason = summary.get("status_reason") or self.reason
        self.simulated = bool(summary.get("simulated", self.simulated))
        usage = summary.get("usage") or {}
        self.cost_usd = float(usage.get("cost_usd") or self.cost_usd)
        wall = usage.get("wall_time_sec")
        if isinstance(wall, int | float):
            self.duration_sec = float(wall)

    def outcome(self) -> Outcome:
        return Outcome(self.status, self.reward, self.cost_usd, self.duration_sec, self.task, self.agent)


@attrs.define
class BatchProgress:
    """Tracks rollouts until all are terminal; `fetch_summary` is the SDK call that reads one."""

    rows: list[RolloutRow]
    fetch_summary: Callable[[str], Mapping[str, Any]]
    started: float = attrs.field(factory=time.monotonic)
    _last_events: int = 0
    _last_time: float = attrs.field(factory=time.monotonic)
    events_per_sec: float = 0.0
    on_milestone: Callable[[str], None] | None = None

    def poll(self) -> None:
        done_before = sum(row.done for row in self.rows)
        for row in self.rows:
            if not row.done:
                row.update(self.fetch_summary(row.rollout_id))
        now = time.monotonic()
        total = sum(row.events for row in self.rows)
        if now > self._last_time:
            self.events_per_sec = (total - self._last_events) / (now - self._last_time)
        self._last_events, self._last_time = total, now
        milestone = quarter_milestone(done_before, sum(row.done for row in self.rows), len(self.rows))
        if milestone and self.on_milestone is not None:
            self.on_milestone(milestone)

    @property
    def finished(self) -> bool:
        return all(row.done for row in self.rows)

    def counts(self) -> Counter[str]:
        return Counter(row.status for row in self.rows)

    def line(self) -> str:
        counts = self.counts()
        done = sum(row.done for row in self.rows)
        statuses = "  ".join(f"{status} {n}" for status, n in sorted(counts.items()))
        return (
            f"{done}/{len(self.rows)} done ({statuses}) | {self._last_events:,} events"
            f" | ${usd(sum(r.cost_usd for r in self.rows))} | {time.monotonic() - self.started:,.1f}s"
        )

    def render(self) -> Group:
        """The live line: each status the service reported, and how many rollouts are in it."""
        counts = self.counts()
        shown = [("queued", counts.pop("queued", 0)), ("running", counts.pop("running", 0))]
        line = Text.assemble(
            (f"{len(self.rows)} rollouts  ", "bold"),
            *((f"{status} {n}  ", _style(status)) for status, n in [*shown, *sorted(counts.items())]),
            f"| {self.events_per_sec:,.0f} events/s | ${usd(sum(r.cost_usd for r in self.rows))} so far"
            f" | {time.monotonic() - self.started:,.1f}s",
        )
        return Group(line)

    def wait(self, interval: float = 0.5) -> None:
        """Poll until every rollout is terminal, without a display."""
        self.poll()
        while not self.finished:
            time.sleep(interval)
            self.poll()

    def run(self, interval: float = 0.5, *, live: bool = True, line_interval: float = 10.0) -> None:
        """Follow to the end: a live line when ``live``, else timestamped lines on stderr."""
        if not live:
            with ProgressLines("rollouts", self.line, line_interval) as lines:
                self.on_milestone = lines.milestone
                lines.milestone(f"following {len(self.rows)} rollout(s)")
                self.wait(interval)
            return
        from rich.live import Live

        with Live(self.render(), console=console, refresh_per_second=4, transient=False) as shown:
            while True:
                self.poll()
                shown.update(self.render())
                if self.finished:
                    break
                time.sleep(interval)


def _style(status: str) -> str:
    if status in SUCCESS_STATUSES:
        return "green"
    if status in FAILURE_STATUSES:
        return "magenta" if status in ("cancelled", "canceled") else "red"
    return {"queued": "yellow", "running": "cyan"}.get(status, "")


def summary_table(rows: Sequence[RolloutRow]) -> Table:
    grid = Table(title="rollouts", header_style="bold")
    for column in ("rollout_id", "status", "reward", "simulated", "events", "cost_usd", "reason"):
        grid.add_column(column, overflow="fold")
    for row in rows:
        reward = "-" if row.reward is None else f"{row.reward:.3f}"
        simulated = "yes" if row.simulated else ""
        cells = (
            row.rollout_id,
            row.status,
            reward,
            simulated,
            str(row.events),
            usd(row.cost_usd),
            row.reason or "",
        )
        grid.add_row(*(Text(cell) for cell in cells))  # plain text: a reason may hold brackets
    return grid


def print_rollouts(rows: Sequence[RolloutRow]) -> None:
    print_table(summary_table(rows))
