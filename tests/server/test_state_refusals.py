"""Schema-valid requests the backend refuses because of state or policy: 403 / 409, never a 422.

A 422 means "this body breaks the schema"; Schemathesis holds the backend to that. These bodies
are valid, so what refuses them is the pool's state (a repeated task id), the pool's policy (an
agent it does not allow) or the stored rollout (overrides that do not fit its request).
"""

from __future__ import annotations

from typing import Any

from tests.server.helpers import client, command_task, finish, make_pool, rollout_body, start, uid
from tests.support.backend import LocalBackend


def test_a_repeated_task_id_in_one_pool_is_a_conflict(backend: LocalBackend) -> None:
    tasks = [command_task("echo a", task_id="same"), command_task("echo b", task_id="same")]
    with client(backend) as c:
        pool_id = uid("dup")
        r = c.post("/v1/pools", json={"pool_id": pool_id, "pool_type": "sandbox", "tasks": tasks})
        assert r.status_code == 409, r.text
        assert "'same'" in r.json()["error"]["message"] and r.json()["error"]["retryable"] is False
        assert c.get(f"/v1/pools/{pool_id}").status_code == 404  # nothing was written
        existing = make_pool(c, [command_task("echo ok")])
        for method in ("PUT", "PATCH"):
            body: dict[str, Any] = {"tasks": tasks}
            if method == "PUT":
                body.update(pool_id=existing, pool_type="sandbox")
            r = c.request(method, f"/v1/pools/{existing}", json=body)
            assert r.status_code == 409, (method, r.text)
        kept = c.get(f"/v1/pools/{existing}/tasks").json()["items"]
        assert [t["task_id"] for t in kept] == ["t1"]


def test_an_agent_or_model_the_pool_refuses_is_forbidden(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(
            c, [command_task("echo ok")], allowed_agents=["codex"], allowed_models=["gpt-5.2-codex"]
        )
        r = c.post("/v1/rollouts", json=rollout_body(pool))  # claude-code
        assert r.status_code == 403 and r.json()["error"]["code"] == "agent_not_allowed", r.text
        body = rollout_body(pool, agent={"harness": "codex", "model_id": "gpt-5.1-codex-mini"})
        r = c.post("/v1/rollouts", json=body)
        assert r.status_code == 403 and r.json()["error"]["code"] == "model_not_allowed", r.text
        body = rollout_body(pool, agent={"harness": "codex", "model_id": "gpt-5.2-codex"})
        assert c.post("/v1/rollouts", json=body).status_code == 200


def test_replay_overrides_apply_or_answer_409_naming_the_field(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo ok")])
        original = start(c, rollout_body(pool))
        finish(c, original["rollout_id"])
        url = f"/v1/rollouts/{original['rollout_id']}/replay"

        r = c.post(url, json={"overrides": {"priority": 7}, "metadata": {"again": True}})
        assert r.status_code == 200, r.text
        again = r.json()
        assert again["request"]["priority"] == 7 and again["metadata"]["again"] is True
        assert again["replay_of"] == original["rollout_id"]

        for overrides, field in (
            ({"agent": None}, "request.agent"),
            ({"priority": "high"}, "request.priority"),
            ({"task_ref": {"dataset": "demo"}}, "request.task_ref.task_id"),
        ):
            r = c.post(url, json={"overrides": overrides})
            err = r.json()["error"]
            assert r.status_code == 409 and err["code"] == "invalid_overrides", r.text
            assert field in [d["field"] for d in err["details"]], err

        container = c.post(f"/v1/pools/{pool}/rollouts", json={"seed": 1})
        assert container.status_code == 200, container.text
        r = c.post(
            f"/v1/rollouts/{container.json()['rollout_id']}/replay",
            json={"overrides": {"task_ref": {"dataset": "d", "task_id": "t1"}}},
        )
        assert r.status_code == 409 and r.json()["error"]["code"] == "invalid_overrides", r.text
