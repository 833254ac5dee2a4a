"""The backend says only what it knows of a rollout's outcome (review of issue 31).

`success` is the service's "completed with no error", known here only when a verifier checked the
run: a completed run nothing verified (no verifier, or simulated) has `success: null` and stays out
of the pool's `success_rate`. A simulated run used nothing and bills nothing. A data dir an older
backend wrote (rewards without `verified`, the `succeeded` status, the stand-in agent's made-up
tokens) is migrated when it is opened.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx

from tests.server.helpers import client, command_task, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend, start_backend

SCORED = command_task("echo hi", "echo 0.5", task_id="scored")
SCORED_ZERO = command_task("echo hi", "echo 0", task_id="scored-zero")
PLAIN = command_task("echo hi", task_id="plain")
BROKEN = command_task("exit 3", task_id="broken")
# runs long enough that its sandbox time is priced above the cost's 6-decimal rounding (the only
# cost a local run has: the stand-in agent calls no model)
TIMED = command_task("sleep 0.2; echo hi", task_id="timed")


def _run(c: httpx.Client, pool: str, task_id: str, **extra: Any) -> dict[str, Any]:
    body = rollout_body(pool, task_id, **extra)
    del body["task_app_url"]
    return finish(c, start(c, body)["rollout_id"])


def _simulated(c: httpx.Client, pool: str) -> dict[str, Any]:
    # a pool that defines no tasks takes any task id; nothing of it runs here
    done = _run(c, pool, "dataset-task-7", environment={"backend": "openenv"})
    assert done["simulated"] is True and done["status"] == "completed", done
    return done


def test_success_is_known_only_from_a_verifier(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [SCORED, SCORED_ZERO, PLAIN, BROKEN])
        done = {t: _run(c, pool, t) for t in ("scored", "scored-zero", "plain", "broken")}
        metrics = c.get(f"/v1/pools/{pool}/metrics").json()
    assert {t: d["success"] for t, d in done.items()} == {
        "scored": True,
        "scored-zero": True,  # completed with no error; the reward says how well
        "plain": None,  # completed, but nothing checked it
        "broken": False,
    }
    assert done["plain"]["verified"] is False and done["plain"]["reward"] is None
    assert {k: metrics[k] for k in ("succeeded", "completed", "unverified", "failed")} == {
        "succeeded": 2,
        "completed": 3,
        "unverified": 1,
        "failed": 1,
    }
    assert metrics["success_rate"] == round(2 / 3, 4) and metrics["success_rate_over"] == 3
    assert metrics["mean_reward"] == 0.25 and metrics["total_count"] == 4


def test_simulated_runs_are_no_success_and_bill_nothing(backend: LocalBackend) -> None:
    with client(backend) as c:
        sim_pool = make_pool(c)
        simulated = [_simulated(c, sim_pool) for _ in range(2)]
        metrics = c.get(f"/v1/pools/{sim_pool}/metrics").json()
        usages = [c.get(f"/v1/rollouts/{d['id']}/usage").json() for d in simulated]
        summary = c.get(f"/v1/rollouts/{simulated[0]['id']}/summary").json()
        real_pool = make_pool(c, [TIMED])
        real = _run(c, real_pool, "timed")
        real_usage = c.get(f"/v1/rollouts/{real['id']}/usage").json()
    assert [d["success"] for d in simulated] == [None, None]
    assert metrics["succeeded"] == 0 and metrics["unverified"] == 2
    assert metrics["success_rate"] is None and metrics["success_rate_over"] == 0
    for usage in [*usages, summary["usage"]]:
        assert usage["simulated"] is True and usage["cost_usd"] == 0, usage
        counted = ("llm_input_tokens", "llm_output_tokens", "bytes_downloaded", "sandbox_minutes")
        assert all(usage[k] == 0 for k in counted), usage
        assert set(usage["provider_costs"].values()) == {0}
    # a sum over the org's rollouts counts only the run that ran
    assert sum(u["cost_usd"] for u in [*usages, real_usage]) == real_usage["cost_usd"] > 0
    assert real_usage["simulated"] is False and real_usage["sandbox_minutes"] > 0


def _as_an_older_backend_stored_it(db_path: Path, rewards: dict[str, float]) -> None:
    """Rewrite the data dir as a backend before `verified` wrote it: `succeeded`, no `verified`
    flag, and the rewards it made up (exit code 0 gave 1.0; the stand-in agent a hash)."""
    db = sqlite3.connect(db_path)
    with db:
        for rid, text in db.execute("SELECT rollout_id, doc FROM rollouts").fetchall():
            doc = json.loads(text)
            doc.pop("verified", None)
            doc["status"] = "succeeded"
            doc["reward"] = rewards.get(rid, doc.get("reward"))
            db.execute(
                "UPDATE rollouts SET status='succeeded', doc=? WHERE rollout_id=?", (json.dumps(doc), rid)
            )
        db.execute("PRAGMA user_version = 0")
    db.close()


def test_an_older_data_dir_keeps_only_verified_rewards_and_both_status_words_find_its_rollouts(
    tmp_path: Path,
) -> None:
    with start_backend(tmp_path) as b, client(b) as c:
        pool = make_pool(c, [SCORED, PLAIN])
        scored, plain = _run(c, pool, "scored"), _run(c, pool, "plain")
        sim_pool = make_pool(c)
        simulated = _simulated(c, sim_pool)
    data = tmp_path / "backend-data"
    _as_an_older_backend_stored_it(data / "state.sqlite", {plain["id"]: 1.0, simulated["id"]: 0.4242})

    with start_backend(tmp_path) as b, client(b) as c:
        found = {
            word: {r["id"] for r in c.get("/v1/rollouts", params={"status": word}).json()["items"]}
            for word in ("succeeded", "completed")
        }
        after = {d["id"]: c.get(f"/v1/rollouts/{d['id']}").json() for d in (scored, plain, simulated)}
        metrics = c.get(f"/v1/pools/{pool}/metrics").json()
    ids = {scored["id"], plain["id"], simulated["id"]}
    assert found["succeeded"] == found["completed"] == ids
    assert {a["status"] for a in after.values()} == {"completed"}
    kept = after[scored["id"]]
    assert kept["reward"] == 0.5 and kept["verified"] is True and kept["success"] is True
    for rid, old in ((plain["id"], "1.0"), (simulated["id"], "0.4242")):
        doc = after[rid]
        assert doc["reward"] is None and doc["score"] is None and doc["metrics"] == {}
        assert doc["verified"] is False and doc["success"] is None
        assert old in doc["reward_reason"] and "older local backend" in doc["reward_reason"]
    assert metrics["mean_reward"] == 0.5 and metrics["succeeded"] == 1 and metrics["unverified"] == 1


def test_an_older_data_dir_loses_the_stand_in_agents_invented_tokens_and_their_cost(tmp_path: Path) -> None:
    with start_backend(tmp_path) as b, client(b) as c:
        ran = _run(c, make_pool(c, [TIMED]), "timed", agent={"harness": "codex", "model_id": "gpt-5.2-codex"})
        before = c.get(f"/v1/rollouts/{ran['id']}/usage").json()
    db = sqlite3.connect(tmp_path / "backend-data" / "state.sqlite")
    with db:  # as an older backend stored it: made-up tokens in the usage and in each agent step
        (text,) = db.execute("SELECT doc FROM rollouts WHERE rollout_id=?", (ran["id"],)).fetchone()
        doc = json.loads(text)
        doc["_usage"].update(llm_input_tokens=5000, llm_output_tokens=700)
        db.execute("UPDATE rollouts SET doc=? WHERE rollout_id=?", (json.dumps(doc), ran["id"]))
        db.execute(
            "UPDATE events SET body=json_set(body, '$.data.input_tokens', 900, '$.data.output_tokens', 80) "
            "WHERE event='agent' AND json_extract(body, '$.data.simulated')"
        )
        db.execute("PRAGMA user_version = 1")
    db.close()

    with start_backend(tmp_path) as b, client(b) as c:
        after = c.get(f"/v1/rollouts/{ran['id']}/usage").json()
        evs = c.get(f"/v1/rollouts/{ran['id']}/events", params={"limit": 100}).text
    assert (
        after["llm_input_tokens"] == after["llm_output_tokens"] == 0 and after["provider_costs"]["llm"] == 0
    )
    assert after["cost_usd"] == before["cost_usd"] == after["provider_costs"]["sandbox"] > 0
    assert '"simulated"' in evs and "input_tokens" not in evs and "output_tokens" not in evs
