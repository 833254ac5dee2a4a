"""Queues, limits, fairness and metrics; and kill -9 recovery on the same data dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.helpers import (
    TERMINAL,
    client,
    command_task,
    events,
    finish,
    make_pool,
    rollout_body,
    start,
)
from tests.support.backend import LocalBackend, start_backend


def _wait_status(c: Any, rid: str, wanted: str) -> None:
    """Follow the event stream until the rollout reports `wanted` (no sleeps, no timing)."""
    with c.stream("GET", f"/v1/rollouts/{rid}/events") as r:
        for line in r.iter_lines():
            if line.startswith("data: ") and f'"status": "{wanted}"' in line:
                return
    raise AssertionError(f"{rid} never reached {wanted}")


def test_queue_full_is_429_with_retry_after_and_metrics(fresh_backend: LocalBackend) -> None:
    with client(fresh_backend) as c:
        pool = make_pool(c, [command_task("sleep 300")], concurrency=1, max_queue=2)
        running = start(c, rollout_body(pool))
        _wait_status(c, running["rollout_id"], "running")
        queued = [start(c, rollout_body(pool)) for _ in range(2)]
        r = c.post("/v1/rollouts", json=rollout_body(pool))
        assert r.status_code == 429 and r.json()["error"]["code"] == "queue_full"
        assert int(r.headers["retry-after"]) >= 1
        metrics = c.get(f"/v1/pools/{pool}/metrics").json()
        assert metrics["running"] == 1 and metrics["queue_depth"] == 2 and metrics["utilisation"] == 1.0
        status = c.get("/v1/queue/status").json()
        mine = next(p for p in status["pools"] if p["pool_id"] == pool)
        assert mine == {"pool_id": pool, "queued": 2, "running": 1, "max_queue": 2, "saturated": True}
        # batch is all or nothing against the same limit
        assert c.post("/v1/rollouts/batch", json={"requests": [rollout_body(pool)]}).status_code == 429
        for doc in [running, *queued]:
            assert c.post(f"/v1/rollouts/{doc['rollout_id']}/cancel").json()["status"] == "cancelled"
        metrics = c.get(f"/v1/pools/{pool}/metrics").json()
        assert metrics["running"] == 0 and metrics["queue_depth"] == 0 and metrics["cancelled"] == 3


def test_pool_concurrency_and_fairness_across_pools(tmp_path: Path) -> None:
    with start_backend(tmp_path, extra_args=["--workers", "2"]) as b, client(b) as c:
        busy = make_pool(c, [command_task("sleep 300")])
        other = make_pool(c, [command_task("echo quick")])
        hogs = [start(c, rollout_body(busy)) for _ in range(6)]
        _wait_status(c, hogs[1]["rollout_id"], "running")
        # both workers are taken by the busy pool; the other pool's rollout is next in line, not 5th
        quick = start(c, rollout_body(other))
        statuses = [c.get(f"/v1/rollouts/{h['rollout_id']}").json()["status"] for h in hogs]
        assert statuses == ["running", "running", "queued", "queued", "queued", "queued"]
        c.post(f"/v1/rollouts/{hogs[0]['rollout_id']}/cancel")  # frees one worker slot
        assert finish(c, quick["rollout_id"])["status"] == "completed"
        statuses = [c.get(f"/v1/rollouts/{h['rollout_id']}").json()["status"] for h in hogs]
        assert statuses.count("running") <= 2 and statuses[3:] == ["queued", "queued", "queued"]
        for h in hogs:
            assert c.post(f"/v1/rollouts/{h['rollout_id']}/cancel").json()["status"] == "cancelled"


def test_kill_9_then_restart_keeps_state_and_ends_streams(tmp_path: Path) -> None:
    b = start_backend(tmp_path)
    try:
        with client(b) as c:
            pool = make_pool(
                c,
                [
                    command_task("echo started; sleep 300", task_id="slow"),
                    command_task("echo fast", task_id="fast"),
                ],
                concurrency=2,
            )
            done = finish(c, start(c, rollout_body(pool, "fast"))["rollout_id"])
            running = [start(c, rollout_body(pool, "slow")) for _ in range(2)]
            for r in running:
                _wait_status(c, r["rollout_id"], "running")
            queued = start(c, rollout_body(pool, "slow"))
            before = {r["rollout_id"]: events(c, r["rollout_id"], limit=3) for r in running}
            done_events = events(c, done["rollout_id"])
            done_artifacts = c.get(f"/v1/rollouts/{done['rollout_id']}/artifacts").json()["artifacts"]
            stdout_before = c.get(f"/v1/rollouts/{done['rollout_id']}/artifacts/logs/stdout.txt").content
        b.kill()
        b.start()
        with client(b) as c:
            assert c.get(f"/v1/pools/{pool}").status_code == 200
            assert {t["task_id"] for t in c.get(f"/v1/pools/{pool}/tasks").json()["items"]} == {
                "slow",
                "fast",
            }
            assert events(c, done["rollout_id"]) == done_events
            # acknowledged artifacts survive too: the same manifest, the same bytes
            assert c.get(f"/v1/rollouts/{done['rollout_id']}/artifacts").json()["artifacts"] == done_artifacts
            stdout_after = c.get(f"/v1/rollouts/{done['rollout_id']}/artifacts/logs/stdout.txt").content
            assert stdout_after == stdout_before == b"fast\n"
            # never started: queued again, in its lane; it runs now that the lost two freed their slots
            again = c.get(f"/v1/rollouts/{queued['rollout_id']}").json()
            assert again["status"] in ("queued", "running") and again["status_reason"] is None, again
            assert c.post(f"/v1/rollouts/{queued['rollout_id']}/cancel").json()["status"] == "cancelled"
            for doc in running:
                evs = events(c, doc["rollout_id"])
                assert evs[-1]["data"] == {"status": "error", "reason": "backend restarted", "reward": None}
                got = c.get(f"/v1/rollouts/{doc['rollout_id']}").json()
                assert got["status"] == "error" and got["status_reason"] == "backend restarted"
                if doc["rollout_id"] in before:
                    assert evs[:3] == before[doc["rollout_id"]]
            assert all(
                r["status"] in TERMINAL
                for r in c.get("/v1/rollouts", params={"pool_id": pool}).json()["rollouts"]
            )
            # the restarted server works
            assert finish(c, start(c, rollout_body(pool, "fast"))["rollout_id"])["status"] == "completed"
    finally:
        b.stop()
