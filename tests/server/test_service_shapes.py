"""The local backend takes the bodies Synth's own clients send and answers as the service does
today, read the way those clients read it (tests/support/synth_bodies.py quotes both).

It never invents a result: a reward exists only when a verifier ran; a task the pool does not
define is refused; a task app is not called (the rollout fails naming it); the stand-in agent's
runs are marked simulated and carry no reward.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from synth_pools_server import sandbox
from tests.server.helpers import client, command_task, finish, make_pool, uid
from tests.support import synth_bodies as synth
from tests.support.backend import LocalBackend, start_backend

KEYS = {
    "sk_test_pro": "pro",
    "sk_test_broke": "pro+out_of_credits:org_broke",
    "sk_test_one": "pro+concurrency=1:org_one",
}


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    """A backend with an org allowance of 2 and a pool build time of 1 s."""
    args = ["--org-concurrency", "2", "--pool-build-sec", "1"]
    with start_backend(tmp_path_factory.mktemp("svc"), keys=KEYS, extra_args=args) as b:
        yield b


def _active(c: httpx.Client, pool_id: str) -> None:
    deadline = time.monotonic() + 10
    while c.get(f"/v1/pools/{pool_id}").json()["status"] != "active":
        assert time.monotonic() < deadline, "pool never became active"
        time.sleep(0.1)


def _create_pool(c: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    r = c.post("/v1/pools", json=body)
    assert r.status_code == 200, r.text
    answer: dict[str, Any] = r.json()
    _active(c, synth.pool_id_read_by_docs(answer))
    return answer


@pytest.mark.parametrize("name", sorted(synth.POOL_BODIES))
def test_pool_bodies_of_synth_docs_are_accepted_echoed_and_read_both_ways(
    svc: LocalBackend, name: str
) -> None:
    body = synth.POOL_BODIES[name]
    with client(svc) as c:
        answer = _create_pool(c, body)
        pool_id = synth.pool_id_read_by_docs(answer)
        assert synth.pool_id_read_by_old_scripts(answer) == pool_id  # the `pool` wrapper too
        assert answer["pool_type"] == "sandbox"  # defaulted, as the service does
        for key, value in body.items():  # unknown keys kept and echoed; null read as absent
            if key not in ("tasks", "pool_id"):
                assert answer[key] == value, key
        assert pool_id and body.get("pool_id") is None
        got = c.get(f"/v1/pools/{pool_id}").json()
        assert got["name"] == body["name"] and got["status"] == "active"
        assert pool_id in synth.pool_ids_of_list(c.get("/v1/pools").json())
        tasks = {t["task_id"] for t in got["tasks"]}
        assert tasks == {t["task_id"] for t in body.get("tasks", [])}


def test_pool_lifecycle_building_active_paused_archived(svc: LocalBackend) -> None:
    with client(svc) as c:
        created = c.post("/v1/pools", json={"name": uid("life")}).json()
        pool_id = created["id"]
        assert created["status"] == "building"
        early = c.post(f"/v1/pools/{pool_id}/rollouts", json={"seed": 1})
        err = early.json()["error"]
        assert early.status_code == 409 and err["error_code"] == "pool_not_active"
        assert err["retryable"] is True and 0 < err["retry_after_seconds"] <= 1
        _active(c, pool_id)
        paused = c.post(f"/v1/pools/{pool_id}/pause").json()
        assert paused["status"] == paused["pool"]["status"] == "paused"
        assert c.post(f"/v1/pools/{pool_id}/resume").json()["status"] == "active"
        assert c.delete(f"/v1/pools/{pool_id}").json()["status"] == "archived"
        assert pool_id in synth.pool_ids_of_list(c.get("/v1/pools", params={"state": "archived"}).json())
        gone = c.get(f"/v1/pools/{pool_id}")  # to every other route an archived pool is gone
        assert gone.status_code == 404 and "archived" in gone.json()["error"]["message"]
        late = c.post(f"/v1/pools/{pool_id}/rollouts", json={"seed": 1})
        assert late.status_code == 404 and late.json()["error"]["state"] == "archived"
        again = c.post("/v1/pools", json={"pool_id": pool_id})  # its id may be used again
        assert again.status_code == 200 and again.json()["status"] == "building"


def test_a_verified_reward_is_read_as_every_client_reads_it(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = synth.pool_id_read_by_docs(
            _create_pool(c, {**synth.POOL_NAME_TARGET_TASKS, "name": uid("v")})
        )
        body = {"pool_id": pool_id, "task_ref": {"task_id": "hello"}, "agent": {"harness": "codex"}}
        created = c.post("/v1/rollouts", json=body).json()  # no dataset, task_app_url, timeouts
        assert created["id"] == created["rollout_id"] == created["trial_id"]
        assert created["status"] == "queued" and synth.reward_read_by_new_clients(created) is None
        done = finish(c, created["id"])
        assert done["status"] == "completed" and synth.succeeded_per_new_clients(done)
        assert synth.reward_read_by_new_clients(done) == 0.5
        assert done["metrics"] == {"outcome_reward": 0.5} and done["score"] == 0.5
        assert done["reward_primary"] == done["reward"] == 0.5  # the older names stay
        assert done["result"]["verified"] is True and done["simulated"] is False and done["success"] is True
        listed = c.get("/v1/rollouts", params={"pool_id": pool_id}).json()
        assert listed["rollouts"] == listed["items"]
        assert [r["id"] for r in synth.rollouts_of_list(listed)] == [done["id"]]
        assert c.get("/v1/rollouts", params={"pool_id": pool_id, "status": "succeeded"}).json()["items"]


def test_the_smoke_test_rollout_runs_without_task_app_url_and_is_simulated_without_reward(
    svc: LocalBackend,
) -> None:
    with client(svc) as c:
        _create_pool(
            c, {"name": uid("smoke"), "pool_type": "openenv", "policy_tags": ["openenv", "banking77"]}
        )
        created = c.post("/v1/rollouts", json=synth.SMOKE_OPENENV_ROLLOUT)
        assert created.status_code == 200, created.text
        done = finish(c, created.json()["id"])
        assert done["status"] == "completed" and done["simulated"] is True
        assert synth.reward_read_by_new_clients(done) is None and done["reward_primary"] is None
        assert done["success"] is None and done["metrics"] == {}  # nothing ran: not known to succeed
        assert "simulated" in done["result"]["reward_reason"] and "no verifier ran" in done["status_reason"]
        summary = c.get(f"/v1/rollouts/{done['id']}/summary").json()
        assert summary["simulated"] is True and summary["reward"] is None


def test_a_task_the_pool_does_not_define_is_refused_listing_its_tasks(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = make_pool(
            c, [command_task("true", "echo 1", task_id="a"), command_task("true", task_id="b")]
        )
        _active(c, pool_id)
        r = c.post(
            "/v1/rollouts",
            json={"pool_id": pool_id, "task_ref": {"task_id": "no-such-task"}, "agent": {"harness": "codex"}},
        )
        err = r.json()["error"]
        assert r.status_code == 404 and err["error_code"] == "task_not_found"
        assert "'no-such-task'" in err["message"] and err["tasks"] == ["a", "b"]
        assert "'a', 'b'" in err["details"][0]["fix"]
        container = c.post(f"/v1/pools/{pool_id}/rollouts", json={"task_id": "nope"})
        assert container.status_code == 404 and container.json()["error"]["tasks"] == ["a", "b"]


def test_a_task_app_is_not_called_and_the_rollout_fails_naming_it(svc: LocalBackend) -> None:
    with client(svc) as c:
        task = {
            "task_id": "remote",
            "backend": "openenv",
            "openenv_deployment": {"url": "https://app.example"},
        }
        pool_id = make_pool(c, [task], pool_type="openenv")
        _active(c, pool_id)
        body = {
            "pool_id": pool_id,
            "task_ref": {"task_id": "remote"},
            "agent": {"harness": "claude_code"},
            "task_app_url": "https://app.example/v1",
        }
        done = finish(c, c.post("/v1/rollouts", json=body).json()["id"])
        assert done["status"] == "failed" and done["reward"] is None and done["simulated"] is False
        assert "https://app.example/v1" in done["error"] and "does not call" in done["error"]
        assert synth.reward_read_by_new_clients(done) is None


def test_a_command_without_verifier_has_no_reward(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = make_pool(c, [command_task("echo done", task_id="plain")])
        _active(c, pool_id)
        body = {"pool_id": pool_id, "task_ref": {"task_id": "plain"}, "agent": {"harness": "pi"}}
        done = finish(c, c.post("/v1/rollouts", json=body).json()["id"])
        assert done["status"] == "completed" and done["success"] is None  # nothing checked the run
        assert done["reward"] is None and done["metrics"] == {} and "no verifier" in done["reward_reason"]


def test_a_container_rollout_takes_the_task_environment_as_env(svc: LocalBackend) -> None:
    with client(svc) as c:
        task = command_task("echo seed=$seed config=$config", "echo 1", task_id="hello")
        pool_id = make_pool(c, [task])
        _active(c, pool_id)
        r = c.post(f"/v1/pools/{pool_id}/rollouts", json=synth.CONTAINER_ROLLOUT)
        assert r.status_code == 200, r.text
        done = finish(c, r.json()["id"])
        assert done["status"] == "completed" and synth.reward_read_by_new_clients(done) == 1.0
        free_form = c.post(f"/v1/pools/{pool_id}/container/rollout", json={"input": "hello"})
        assert free_form.status_code == 200, free_form.text


def test_the_harbor_demo_body_is_accepted_or_refused_only_for_want_of_docker(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = synth.pool_id_read_by_docs(_create_pool(c, {"name": uid("harbor")}))
        body = {
            "pool_id": pool_id,
            "environment": {"backend": "harbor", "docker_image": "python:3.12-slim"},
            "harbor": {"input": {"seed": 0}, "deployment": {"entrypoint": "python main.py"}},
        }
        r = c.post("/v1/rollouts", json=body)
        expected = 200 if sandbox.docker_status()[0] else 501
        assert r.status_code == expected, r.text
        if expected == 200:
            assert r.json()["trial_id"] and r.json()["status"] == "queued"


def test_every_field_error_at_once_each_with_a_fix(svc: LocalBackend) -> None:
    with client(svc) as c:
        r = c.post("/v1/rollouts", json={"agent": {"harness": "claude"}, "timeouts": "soon", "priority": "x"})
        assert r.status_code == 422
        body = r.json()
        details = body["error"]["details"]
        fields = {d["field"] for d in details}
        assert {"body.task_ref", "body.agent.harness", "body.timeouts", "body.priority"} <= fields, fields
        assert all(d["fix"] for d in details)
        harness = next(d for d in details if d["field"] == "body.agent.harness")
        assert "claude_code" in harness["fix"] and "Fix:" in body["error"]["message"]
        assert all(d["loc"][0] == "body" for d in body["detail"])  # FastAPI's shape beside ours
        batch = c.post("/v1/rollouts/batch", json={"rollouts": [{"agent": {}}, {"task_ref": {}}]})
        batch_fields = {d["field"] for d in batch.json()["error"]["details"]}
        assert {"body.rollouts.0.task_ref.task_id", "body.rollouts.1.agent.harness"} <= batch_fields, (
            batch_fields
        )


def test_harness_vocabulary_and_no_model_allowlist(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = make_pool(c, [command_task("true", "echo 1", task_id="t")])
        _active(c, pool_id)
        for harness, model in (("claude-code", "gpt-4"), ("other", "any-model"), ("opencode", None)):
            agent = {"harness": harness, **({"model_id": model} if model else {})}
            body = {"pool_id": pool_id, "task_ref": {"task_id": "t"}, "agent": agent}
            r = c.post("/v1/rollouts", json=body)
            assert r.status_code == 200, r.text
            finish(c, r.json()["id"])
        bad = c.post(
            "/v1/rollouts",
            json={"pool_id": pool_id, "task_ref": {"task_id": "t"}, "agent": {"harness": "claude"}},
        )
        assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "body.agent.harness"


def test_batch_is_partially_admitted_under_the_org_allowance_then_429(svc: LocalBackend) -> None:
    with client(svc) as c:
        pool_id = make_pool(c, [command_task("sleep 3", "echo 1", task_id="slow")])
        _active(c, pool_id)
        one = {"task_ref": {"task_id": "slow"}, "agent": {"harness": "codex"}}
        r = c.post("/v1/rollouts/batch", json=synth.batch_body(pool_id, [one, one, one]))
        assert r.status_code == 200, r.text
        answer = r.json()
        assert len(answer["rollouts"]) == 2 and answer["items"] == answer["rollouts"]  # never assume all
        assert [x["index"] for x in answer["rejected"]] == [2]
        assert answer["rejected"][0]["error"]["retry_after_seconds"] > 0
        over = c.post("/v1/rollouts", json={**one, "pool_id": pool_id})
        err = over.json()["error"]
        assert over.status_code == 429 and err["error_code"] == "concurrency_limit_exceeded"
        assert err["retryable"] is True and err["retry_after_seconds"] > 0 and over.headers["Retry-After"]
        assert err["request_id"] == over.headers["x-request-id"] and over.json()["detail"] == err
        for rollout in answer["rollouts"]:
            c.post(f"/v1/rollouts/{rollout['id']}/cancel")
        again = c.post("/v1/rollouts", json={**one, "pool_id": pool_id})
        assert again.status_code == 200, again.text  # the allowance is free once they ended
        c.post(f"/v1/rollouts/{again.json()['id']}/cancel")


def test_a_key_with_its_own_allowance(svc: LocalBackend) -> None:
    with client(svc, "sk_test_one") as c:
        pool_id = make_pool(c, [command_task("sleep 3", task_id="slow")])
        _active(c, pool_id)
        first = c.post(f"/v1/pools/{pool_id}/rollouts", json={"task_id": "slow"})
        assert first.status_code == 200
        second = c.post(f"/v1/pools/{pool_id}/rollouts", json={"task_id": "slow"})
        assert second.status_code == 429 and "allowance is 1" in second.json()["error"]["message"]
        c.post(f"/v1/rollouts/{first.json()['id']}/cancel")


def test_an_out_of_credit_key_gets_402_and_still_reads(svc: LocalBackend) -> None:
    with client(svc, "sk_test_broke") as c:
        pool_id = make_pool(c, [command_task("true", "echo 1", task_id="t")])
        _active(c, pool_id)
        r = c.post(
            "/v1/rollouts",
            json={"pool_id": pool_id, "task_ref": {"task_id": "t"}, "agent": {"harness": "pi"}},
        )
        err = r.json()["error"]
        assert (
            r.status_code == 402 and err["error_code"] == "insufficient_credits" and err["retryable"] is False
        )
        assert "credits" in err["message"]
        assert c.get("/v1/pools").status_code == 200


def test_default_backend_admits_at_once_and_pools_start_active(tmp_path: Path) -> None:
    with start_backend(tmp_path) as b, client(b) as c:
        created = c.post("/v1/pools", json={"name": "instant"}).json()
        assert created["status"] == "active"
