"""A batch survives its client: SIGKILL the process running run_batch at random points, rerun it.

Each trial runs a 100-request batch (``events="keep"``, journal on disk) in a child process
against the local backend, kills it with SIGKILL at a random point of the run (odd trials kill the
first rerun too), then reruns it to the end. Then, read straight from the backend:

- exactly 100 rollouts exist in the trial's pool (no request got a second one);
- the journal holds a finished result for every request, for exactly those rollouts;
- the journal holds every event of every rollout exactly once, in order (equal to the backend's log);
- the JSONL export's rewards equal the backend's.

Kill points are stratified over the run's progress (trial k of K waits until the journal holds a
result count drawn from the k-th slice of 0..100, seeded, then up to 0.1 s more), so the first
creates, streams, collects and the last flush all get hit, however fast the machine is. `make test` runs 3
trials; `make reliability` runs all 10 (``SYNTH_POOLS_LONG=1``).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from synth_pools.batch import BatchResult
from tests.batch._setup import backend_events, backend_rollouts, make_pool
from tests.support.backend import REPO, LocalBackend

N = 100
SEED = 19


def _child(backend: LocalBackend, journal: Path, pool: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "SYNTH_BACKEND_URL": backend.base_url,
        "SYNTH_API_KEY": backend.api_key,
        "PYTHONPATH": str(REPO),
    }
    argv = [sys.executable, "-m", "tests.reliability._batch_child", str(journal), pool, str(N), "32"]
    return subprocess.Popen(
        argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _journal_state(journal: Path) -> dict[str, int]:
    """What the journal held when the child died (read-only, like collect)."""
    if not journal.exists():
        return {"created": 0, "finished": 0, "events": 0}
    con = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        created, finished = con.execute("SELECT COUNT(rollout_id), COUNT(result) FROM rows").fetchone()
        (events,) = con.execute("SELECT COALESCE(SUM(last_seq - first_seq + 1), 0) FROM events").fetchone()
    except sqlite3.OperationalError:  # killed before the schema was committed
        return {"created": 0, "finished": 0, "events": 0}
    finally:
        con.close()
    return {"created": created, "finished": finished, "events": events}


def _kill_when(
    backend: LocalBackend, journal: Path, pool: str, finished: int, extra: float
) -> dict[str, Any]:
    """Start the batch, SIGKILL it once the journal holds ``finished`` results (then ``extra``
    seconds more): kill points by progress, not by time, so a slow machine moves them nowhere."""
    child = _child(backend, journal, pool)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started", child.stderr.read() if child.stderr else ""
    started = time.monotonic()
    while child.poll() is None and _journal_state(journal)["finished"] < finished:
        time.sleep(0.02)
    time.sleep(extra)
    ended_first = child.poll() is not None
    child.kill()  # SIGKILL: no finally, no flush, no atexit
    child.wait()
    child.stdout.close()
    if child.stderr is not None:
        child.stderr.close()
    at = round(time.monotonic() - started, 3)
    return {"at_sec": at, "target": finished, "ended_before_kill": ended_first, **_journal_state(journal)}


def _run_to_end(backend: LocalBackend, journal: Path, pool: str) -> None:
    child = _child(backend, journal, pool)
    out, err = child.communicate(timeout=240)
    assert child.returncode == 0, (out, err)
    assert out.splitlines()[-1] == 'finished {"completed": 100}', (out, err)


@pytest.mark.parametrize(
    "trials", [pytest.param(3, id="3-trials"), pytest.param(10, id="10-trials", marks=pytest.mark.slow)]
)
def test_sigkilled_batches_resume_without_a_second_rollout_or_a_lost_event(
    backend: LocalBackend, tmp_path: Path, trials: int, figures: Any
) -> None:
    rng = random.Random(SEED)
    kill_points: list[dict[str, Any]] = []
    totals = {"rollouts": 0, "results": 0, "events_backend": 0, "events_journal": 0, "reward_mismatches": 0}
    with httpx.Client(base_url=backend.base_url, headers=backend.headers(), timeout=60) as direct:
        for trial in range(trials):
            pool = make_pool(direct, concurrency=10)
            journal = tmp_path / f"trial{trial}.db"
            # trial k kills inside the k-th slice of the run's progress, at a random place in it
            target = int(N * (trial + rng.random()) / trials)
            kill_points.append(
                {"trial": trial, **_kill_when(backend, journal, pool, target, rng.uniform(0, 0.1))}
            )
            if trial % 2 == 1:  # kill the rerun too, somewhere in what is left
                second = _kill_when(backend, journal, pool, rng.randint(target, N - 1), rng.uniform(0, 0.1))
                kill_points.append({"trial": trial, "rerun": True, **second})
            _run_to_end(backend, journal, pool)

            on_backend = {r["rollout_id"]: r for r in backend_rollouts(direct, pool)}
            result = BatchResult.load(journal)
            where = f"trial {trial} (seed {SEED}, kills {kill_points[-2:]})"
            assert len(on_backend) == N, where
            assert result.complete and len(result) == N, where
            assert {row.rollout_id for row in result} == set(on_backend), where
            for row in result:
                truth = backend_events(direct, row.rollout_id)
                stored = result.events(row.index)
                assert stored == truth, f"{where}: request {row.index} events differ"
                assert row.events == len(truth), where
                totals["events_backend"] += len(truth)
                totals["events_journal"] += len(stored)
            exported = [
                json.loads(line)
                for line in result.to_jsonl(tmp_path / f"t{trial}.jsonl").read_text().splitlines()
            ]
            rewards = {r["rollout_id"]: r["reward"] for r in exported}
            truth_rewards = {rid: doc["reward"] for rid, doc in on_backend.items()}
            totals["reward_mismatches"] += sum(rewards.get(k) != v for k, v in truth_rewards.items())
            assert rewards == truth_rewards, where
            totals["rollouts"] += len(on_backend)
            totals["results"] += sum(row.done for row in result)

    figures(
        "batch_kill",
        variant=f"{trials} trials x {N} rollouts",
        trials=trials,
        kills=len(kill_points),
        kill_points=kill_points,
        **totals,
    )
    mid_run = [k for k in kill_points if not k["ended_before_kill"] and k["finished"] < N]
    # the kills landed inside runs (results are committed in bursts, one per 0.25 s flush, so a high
    # target may only be reached by the last flush: such a kill hits the run's close instead)
    assert len(mid_run) >= max(1, len(kill_points) // 3), kill_points
