"""A rollout from creation to terminal state, over real HTTP: events, reward, artifacts, usage."""

from __future__ import annotations

from typing import Any

import pytest

from synth_pools_server.pricing import SANDBOX_USD_PER_MINUTE
from tests.server.helpers import client, command_task, events, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend

STEP_KINDS = ("thinking", "tool_call", "tool_result", "message")


def test_command_rollout_lifecycle(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("seq 1 5; echo done > out.txt", "test -f out.txt && echo 0.75")])
        doc = start(c, rollout_body(pool))
        assert doc["status"] == "queued" and doc["pool_id"] == pool
        evs = events(c, doc["rollout_id"])
        seqs = [e["seq"] for e in evs]
        assert seqs == list(range(1, len(evs) + 1))
        statuses = [e["data"]["status"] for e in evs if e["event"] == "lifecycle"]
        assert statuses == ["queued", "running", "completed"]
        lines = [
            e["data"]["line"] for e in evs if e["data"].get("type") == "tool_output" and e["event"] == "agent"
        ]
        assert lines == ["1", "2", "3", "4", "5"]
        assert any(e["data"].get("simulated") for e in evs if e["event"] == "agent")
        assert [e["data"]["reward"] for e in evs if e["event"] == "reward"] == [0.75]
        final = c.get(f"/v1/rollouts/{doc['rollout_id']}").json()
        assert final["status"] == "completed" and final["reward"] == 0.75 and final["finished_at"]
        manifest = c.get(f"/v1/rollouts/{doc['rollout_id']}/artifacts").json()
        paths = {a["path"]: a for a in manifest["artifacts"]}
        assert paths["out.txt"]["provenance"] == "agent" and paths["out.txt"]["size_bytes"] == 5
        assert "logs/stdout.txt" in paths
        assert c.get(f"/v1/rollouts/{doc['rollout_id']}/artifacts/logs/stdout.txt").text == "1\n2\n3\n4\n5\n"
        usage = c.get(f"/v1/rollouts/{doc['rollout_id']}/usage").json()
        assert (
            usage["wall_time_sec"] > 0
            and usage["sandbox_minutes"] > 0
            and usage["provider_costs"]["llm"] == 0
        )
        summary = c.get(f"/v1/rollouts/{doc['rollout_id']}/summary").json()
        assert summary["event_count"] == len(evs) and summary["last_event"]["seq"] == len(evs)
        # pool-scoped reads see the same rollout
        assert c.get(f"/v1/pools/{pool}/rollouts/{doc['rollout_id']}").json()["status"] == "completed"
        assert c.get(f"/v1/pools/{pool}/rollouts").json()["rollouts"][0]["rollout_id"] == doc["rollout_id"]


def test_stand_in_agent_bills_no_llm_tokens_only_sandbox_time(backend: LocalBackend) -> None:
    """The command really ran under a stand-in claude-code agent, which called no model: its steps
    carry no token counts, the usage has no LLM tokens and no LLM cost, and the cost is exactly
    the measured sandbox time at the sandbox price."""
    with client(backend) as c:
        pool = make_pool(c, [command_task("sleep 0.3; echo ok", "echo 1")])
        doc = start(c, rollout_body(pool, agent={"harness": "claude-code", "model_id": "claude-sonnet-4.5"}))
        evs = events(c, doc["rollout_id"])
        usage = c.get(f"/v1/rollouts/{doc['rollout_id']}/usage").json()
    steps = [e["data"] for e in evs if e["event"] == "agent" and e["data"].get("type") in STEP_KINDS]
    assert {s["type"] for s in steps} >= {"thinking", "tool_call"} and all(s["simulated"] for s in steps)
    for data in (e["data"] for e in evs):
        assert not {"input_tokens", "output_tokens"} & set(data), data
    assert usage["simulated"] is False and usage["sandbox_minutes"] >= 0.3 / 60
    assert usage["llm_input_tokens"] == 0 and usage["llm_output_tokens"] == 0
    sandbox_cost = usage["provider_costs"]["sandbox"]
    assert sandbox_cost == pytest.approx(usage["sandbox_minutes"] * SANDBOX_USD_PER_MINUTE, abs=1e-6)
    assert usage["provider_costs"] == {"sandbox": sandbox_cost, "browser": 0, "llm": 0, "egress": 0}
    assert usage["cost_usd"] == sandbox_cost > 0


def test_failed_command_and_reward_rules(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(
            c, [command_task("echo nope; exit 3", task_id="bad"), command_task("true", "exit 1", task_id="v")]
        )
        bad = finish(c, start(c, rollout_body(pool, "bad"))["rollout_id"])
        # no verifier: nothing scored the run, so there is no reward (an exit code is not one)
        assert bad["status"] == "failed" and bad["reward"] is None and "3" in bad["status_reason"]
        assert bad["metrics"] == {} and bad["verified"] is False
        assert "no verifier" in bad["result"]["reward_reason"]
        verifier_fails = finish(c, start(c, rollout_body(pool, "v"))["rollout_id"])
        assert verifier_fails["reward"] == 0.0


def test_simulated_rollout_is_marked_and_never_rewarded(backend: LocalBackend) -> None:
    with client(backend) as c:
        body = rollout_body(None, "remote-task", environment={"backend": "openenv"}, metadata={"seed": 7})
        del body["task_app_url"]  # nothing to call: the stand-in agent makes its steps up
        first = finish(c, start(c, body)["rollout_id"])
        assert first["status"] == "completed" and first["simulated"] is True
        assert first["reward"] is None and first["reward_primary"] is None and first["score"] is None
        assert first["success"] is None and first["result"]["simulated"] is True
        assert "simulated" in first["status_reason"] and "no verifier ran" in first["status_reason"]
        arts = c.get(f"/v1/rollouts/{first['rollout_id']}/artifacts").json()["artifacts"]
        assert [a["path"] for a in arts] == ["agent/transcript.jsonl"]


def test_timeouts_kill_the_command(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(
            c,
            [
                command_task("echo start; sleep 300", task_id="slow"),
                command_task("true", "sleep 300", task_id="slowv"),
            ],
        )
        body = rollout_body(pool, "slow")
        body["timeouts"] = {"agent_sec": 1}
        doc = finish(c, start(c, body)["rollout_id"])
        assert doc["status"] == "failed" and "agent timed out" in doc["status_reason"]
        body = rollout_body(pool, "slowv")
        body["timeouts"] = {"agent_sec": 30, "verifier_sec": 1}
        doc = finish(c, start(c, body)["rollout_id"])
        assert doc["status"] == "failed" and "verifier timed out" in doc["status_reason"]


def test_cancel_running_and_queued_is_idempotent(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("sleep 300")], concurrency=1)
        running = start(c, rollout_body(pool))
        queued = start(c, rollout_body(pool))
        for doc in (running, queued):
            r = c.post(f"/v1/rollouts/{doc['rollout_id']}/cancel", json={"reason": "test"})
            assert r.status_code == 200 and r.json()["status"] == "cancelled"
            again = c.post(f"/v1/rollouts/{doc['rollout_id']}/cancel")
            assert again.status_code == 200 and again.json()["status"] == "cancelled"
            evs = events(c, doc["rollout_id"])
            assert evs[-1]["data"]["status"] == "cancelled"


def test_container_rollout_runs_command_with_env_and_seed(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task('echo "$GREETING $SYNTH_SEED"')])
        for url in (
            f"/v1/pools/{pool}/rollouts",
            f"/v1/pools/{pool}/container/rollout",
            f"/v1/pools/{pool}/tasks/t1/container/rollout",
            "/v1/rollouts",
        ):
            body: dict[str, Any] = {"env": {"GREETING": "hi"}, "seed": 42}
            if url == "/v1/rollouts":
                body["pool_id"] = pool
            r = c.post(url, json=body)
            assert r.status_code == 200, r.text
            evs = events(c, r.json()["rollout_id"])
            lines = [e["data"]["line"] for e in evs if e["data"].get("type") == "tool_output"]
            assert lines == ["hi 42"]
            assert not any(e["data"].get("simulated") for e in evs)


def test_dry_run_validate_batch_replay(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo ok")])
        r = c.post("/v1/rollouts", params={"dry_run": "true"}, json=rollout_body(pool))
        assert r.status_code == 200 and r.json()["status"] == "validated" and r.json()["dry_run"] is True
        assert events(c, r.json()["rollout_id"])[-1]["data"]["status"] == "validated"
        r = c.post("/v1/rollouts", json={**rollout_body(pool), "dry_run": True})
        assert r.status_code == 200 and r.json()["status"] == "validated"
        v = c.post("/v1/rollouts:validate", json=rollout_body(pool)).json()
        assert v["valid"] is True and v["normalized"]["agent"]["model_id"] == "claude-sonnet-4.5"
        v = c.post("/v1/rollouts:validate", json=rollout_body("missing-pool")).json()
        assert v["valid"] is False and v["errors"]
        batch = c.post(
            "/v1/rollouts/batch", json={"requests": [rollout_body(pool)] * 3, "metadata": {"b": 1}}
        )
        assert batch.status_code == 200 and batch.json()["count"] == 3
        before = len(c.get("/v1/rollouts", params={"pool_id": pool, "limit": 1000}).json()["rollouts"])
        bad = c.post(
            "/v1/rollouts/batch", json={"requests": [rollout_body(pool), rollout_body("missing-pool")]}
        )
        assert bad.status_code == 404
        after = len(c.get("/v1/rollouts", params={"pool_id": pool, "limit": 1000}).json()["rollouts"])
        assert after == before  # all or nothing
        original = batch.json()["items"][0]
        finish(c, original["rollout_id"])
        rep = c.post(f"/v1/rollouts/{original['rollout_id']}/replay", json={"metadata": {"again": True}})
        assert rep.status_code == 200 and rep.json()["replay_of"] == original["rollout_id"]
        assert finish(c, rep.json()["rollout_id"])["status"] == "completed"


def test_list_filters_and_pages(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("true")])
        ids = {start(c, rollout_body(pool))["rollout_id"] for _ in range(5)}
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"pool_id": pool, "limit": 2}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/v1/rollouts", params=params).json()
            seen += [r["rollout_id"] for r in page["rollouts"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert set(seen) == ids and len(seen) == 5


def test_usage_bytes_count_what_went_in_and_out(backend: LocalBackend) -> None:
    files = {"input.txt": "hello\n", "data/more.txt": "é" * 10}  # 6 + 20 bytes (UTF-8)
    with client(backend) as c:
        pool = make_pool(c, [command_task("head -c 1000 /dev/zero > blob.bin", files=files)])
        rid = start(c, rollout_body(pool))["rollout_id"]
        finish(c, rid)
        usage = c.get(f"/v1/rollouts/{rid}/usage").json()
        sizes = {
            a["path"]: a["size_bytes"] for a in c.get(f"/v1/rollouts/{rid}/artifacts").json()["artifacts"]
        }
    assert usage["bytes_uploaded"] == 26
    assert sizes["blob.bin"] == 1000 and usage["bytes_downloaded"] == sum(sizes.values())
