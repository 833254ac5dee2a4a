"""The CLI's live view stops on every status the SDK treats as terminal (timed_out, canceled...)."""

from __future__ import annotations

import pytest
from rich.text import Text

from synth_pools._sse import TERMINAL_STATUSES
from synth_pools.cli.progress import BatchProgress, RolloutRow


@pytest.mark.parametrize("status", sorted(TERMINAL_STATUSES))
def test_terminal_status_ends_the_row(status: str) -> None:
    row = RolloutRow("ro_1")
    row.update({"status": status, "event_count": 3, "usage": {"cost_usd": 0.01}})
    assert row.done and row.events == 3 and row.cost_usd == 0.01


def test_batch_stops_polling_finished_rows() -> None:
    asked: list[str] = []

    def fetch(rollout_id: str) -> dict[str, object]:
        asked.append(rollout_id)
        return {"status": "timed_out" if rollout_id == "ro_1" else "running"}

    progress = BatchProgress([RolloutRow("ro_1"), RolloutRow("ro_2")], fetch)
    progress.poll()
    progress.poll()
    assert asked == ["ro_1", "ro_2", "ro_2"]


def test_wait_sleeps_between_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    # `rollouts launch --json` waits this way; it used to poll in a tight loop (thousands of
    # summary requests for one short rollout)
    sleeps: list[float] = []
    monkeypatch.setattr("synth_pools.cli.progress.time.sleep", sleeps.append)
    answers = iter(["queued", "running", "running", "succeeded"])
    progress = BatchProgress([RolloutRow("ro_1")], lambda _rid: {"status": next(answers)})
    progress.wait(interval=0.25)
    assert progress.finished and sleeps == [0.25, 0.25, 0.25]


def test_the_live_line_counts_every_status_the_service_reported() -> None:
    # it had fixed buckets (succeeded/completed, failed/error, cancelled): timed_out fell in none
    statuses = {"ro_1": "timed_out", "ro_2": "completed", "ro_3": "running", "ro_4": "canceled"}
    progress = BatchProgress([RolloutRow(rid) for rid in statuses], lambda rid: {"status": statuses[rid]})
    progress.poll()
    [line] = progress.render().renderables
    assert isinstance(line, Text)
    assert line.plain.startswith(
        "4 rollouts  queued 0  running 1  canceled 1  completed 1  timed_out 1  |"
    ), line.plain
