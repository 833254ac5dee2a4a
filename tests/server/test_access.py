"""Auth, plans, tenant isolation, request validation, idempotency, credentials and discovery routes."""

from __future__ import annotations

import httpx

from tests.server.helpers import client, command_task, events, finish, make_pool, rollout_body, start, uid
from tests.support.backend import LocalBackend


def test_missing_or_bad_key_is_401_with_error_body(backend: LocalBackend) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}):
        r = httpx.get(f"{backend.base_url}/v1/pools", headers=headers)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "unauthorized"
        assert r.headers["x-request-id"] == r.json()["error"]["request_id"]
    r = httpx.post(
        f"{backend.base_url}/v1/pools", content=b'{"x": 1}', headers={"Authorization": "Bearer nope"}
    )
    assert r.status_code == 401


def test_free_plan_gets_plan_required_but_open_routes(backend: LocalBackend) -> None:
    with client(backend, "sk_test_free") as c:
        r = c.get("/v1/pools")
        assert r.status_code == 403
        err = r.json()["error"]
        assert err["code"] == "plan_required" and err["current_plan"] == "free"
        assert err["required_plans"] == ["pro", "team", "enterprise", "demo"] and err["upgrade_url"]
        for path in (
            "/api/v1/me",
            "/api/v1/credentials",
            "/v1/capabilities",
            "/v1/openapi.json",
            "/v1/schema.json",
        ):
            assert c.get(path).status_code == 200, path
        me = c.get("/api/v1/me").json()
        assert me["plan"] == "free" and me["feature_flags"]["environment_pools"] is False


def test_trial_plan_is_gated_like_free(backend: LocalBackend) -> None:
    with client(backend, "sk_test_trial") as c:
        r = c.post("/v1/pools", json={"pool_id": "t", "pool_type": "sandbox"})
        err = r.json()["error"]
        assert r.status_code == 403 and err["code"] == "plan_required" and err["current_plan"] == "trial"
        assert c.get("/api/v1/me").json()["plan"] == "trial"


def test_feature_flag_lets_a_free_plan_in(tmp_path: object) -> None:
    from pathlib import Path

    from tests.support.backend import start_backend

    with start_backend(Path(str(tmp_path)), keys={"k_flag": "free+environment_pools"}) as b, client(b) as c:
        assert c.get("/v1/pools").status_code == 200
        assert c.get("/api/v1/me").json()["feature_flags"]["environment_pools"] is True


def test_tenant_isolation(backend: LocalBackend) -> None:
    with client(backend) as mine, client(backend, "sk_test_other") as other:
        pool = make_pool(mine, [command_task("echo x > f.txt")])
        rid = finish(mine, start(mine, rollout_body(pool))["rollout_id"])["rollout_id"]
        cred = mine.post(
            "/api/v1/credentials",
            json={"credential_name": uid("c"), "credential_type": "API_KEY", "credential_value": "v-123456"},
        ).json()
        for path in (
            f"/v1/pools/{pool}",
            f"/v1/pools/{pool}/tasks",
            f"/v1/rollouts/{rid}",
            f"/v1/rollouts/{rid}/events",
            f"/v1/rollouts/{rid}/artifacts",
            f"/v1/rollouts/{rid}/artifacts/f.txt",
            f"/v1/rollouts/{rid}/artifacts.zip",
            f"/v1/rollouts/{rid}/usage",
        ):
            assert other.get(path).status_code == 404, path
        assert other.delete(f"/api/v1/credentials/{cred['id']}").status_code == 404
        assert other.post(f"/v1/rollouts/{rid}/cancel").status_code == 404
        assert rid not in {r["rollout_id"] for r in other.get("/v1/rollouts").json()["rollouts"]}
        assert pool not in {p["pool_id"] for p in other.get("/v1/pools").json()["items"]}
        # the same pool id can exist in both organisations
        assert other.post("/v1/pools", json={"pool_id": pool, "pool_type": "sandbox"}).status_code == 200


def test_validation_errors_name_the_field(backend: LocalBackend) -> None:
    with client(backend) as c:
        r = c.post("/v1/pools", json={"pool_id": "bad id!", "pool_type": "sandbox"})
        assert r.status_code == 422
        assert r.json()["error"]["code"] == "validation_error"
        assert r.json()["error"]["details"][0]["field"] == "body.pool_id"
        r = c.post("/v1/pools", json={"pool_type": "sandbox", "concurrency": 0})
        assert r.json()["error"]["details"][0]["field"] == "body.concurrency"
        r = c.post("/v1/pools", json={"pool_type": "sandbox"})  # the service assigns a pool_id
        assert r.status_code == 200 and r.json()["pool"]["pool_id"].startswith("pool_"), r.text
        r = c.post("/v1/pools", content=b"{not json", headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
        r = c.get("/v1/rollouts", params={"limit": "zero"})
        assert r.status_code == 422 and r.json()["error"]["details"][0]["field"] == "query.limit"
        r = c.get("/v1/rollouts", params={"limit": 5000})
        assert r.status_code == 422


def test_method_not_allowed_and_unknown_route(backend: LocalBackend) -> None:
    with client(backend) as c:
        r = c.delete("/v1/capabilities")
        assert (
            r.status_code == 405
            and "GET" in r.headers["allow"]
            and r.json()["error"]["code"] == "method_not_allowed"
        )
        r = c.get("/v1/nothing-here")
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found" and r.headers["x-request-id"]


def test_body_size_limit_is_413(tmp_path: object) -> None:
    from pathlib import Path

    from tests.support.backend import start_backend

    with start_backend(Path(str(tmp_path)), extra_args=["--max-body-mb", "1"]) as b, client(b) as c:
        r = c.post("/v1/pools", content=b"x" * (2 * 1024 * 1024))
        assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
        assert c.get("/api/v1/me").status_code == 200


def test_idempotency_replays_and_conflicts(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("true")])
        key = {"Idempotency-Key": uid("idem")}
        first = c.post("/v1/rollouts", json=rollout_body(pool), headers=key)
        again = c.post("/v1/rollouts", json=rollout_body(pool), headers=key)
        assert first.status_code == again.status_code == 200
        assert first.json()["rollout_id"] == again.json()["rollout_id"]
        assert again.headers.get("idempotent-replayed") == "true"
        other = c.post("/v1/rollouts", json=rollout_body(pool, metadata={"x": 1}), headers=key)
        assert other.status_code == 409 and other.json()["error"]["code"] == "idempotency_conflict"
        ids = [r["rollout_id"] for r in c.get("/v1/rollouts", params={"pool_id": pool}).json()["rollouts"]]
        assert ids == [first.json()["rollout_id"]]
        # dry runs replay their 200
        dk = {"Idempotency-Key": uid("idem")}
        d1 = c.post("/v1/rollouts?dry_run=true", json=rollout_body(pool), headers=dk)
        d2 = c.post("/v1/rollouts?dry_run=true", json=rollout_body(pool), headers=dk)
        assert d1.status_code == d2.status_code == 200 and d1.json() == d2.json()


def test_credentials_masked_injected_and_redacted(backend: LocalBackend) -> None:
    secret = "canary-" + uid("s")
    name = uid("TOKEN").replace("-", "_")
    with client(backend) as c:
        r = c.post(
            "/api/v1/credentials",
            json={"credential_name": name, "credential_type": "API_KEY", "credential_value": secret},
        )
        assert r.status_code == 201 and secret not in r.text
        cred = r.json()
        assert (
            c.post(
                "/api/v1/credentials",
                json={"credential_name": name, "credential_type": "API_KEY", "credential_value": "x"},
            ).status_code
            == 409
        )
        listed = c.get("/api/v1/credentials").text
        assert name in listed and secret not in listed
        task = command_task(
            'echo "len=${#MY_TOKEN}"; echo "$MY_TOKEN"; printf %s "$MY_TOKEN" > token.txt',
            credential_env={"MY_TOKEN": name},
        )
        pool = make_pool(c, [task])
        rid = start(c, rollout_body(pool))["rollout_id"]
        evs = events(c, rid)
        lines = [e["data"]["line"] for e in evs if e["data"].get("type") == "tool_output"]
        assert lines == [f"len={len(secret)}", "***"]
        assert secret not in c.get(f"/v1/rollouts/{rid}/artifacts/logs/stdout.txt").text
        assert c.get(f"/v1/rollouts/{rid}/artifacts/token.txt").text == secret  # the task's own file
        bundle = c.get(f"/v1/rollouts/{rid}/support_bundle")
        assert bundle.status_code == 200 and secret not in bundle.text and bundle.json()["redacted"] is True
        assert set(cred) == {
            "id",
            "credential_name",
            "credential_type",
            "is_active",
            "created_at",
            "metadata",
        }
        rotated = c.put(f"/api/v1/credentials/{cred['id']}", json={"credential_value": secret + "2"})
        assert rotated.status_code == 200 and rotated.json() == cred  # CredentialResponse, same id
        deleted = c.delete(f"/api/v1/credentials/{cred['id']}")
        assert deleted.status_code == 204 and deleted.content == b""
        # a soft delete: still listed, inactive, its value gone; deleting again is a 404
        (kept,) = [k for k in c.get("/api/v1/credentials").json() if k["id"] == cred["id"]]
        assert kept["is_active"] is False
        assert c.delete(f"/api/v1/credentials/{cred['id']}").status_code == 404
        assert c.put(f"/api/v1/credentials/{cred['id']}", json={"credential_value": "v"}).status_code == 404
        again = c.post(
            "/api/v1/credentials",
            json={"credential_name": name, "credential_type": "API_KEY", "credential_value": "new"},
        )
        assert again.status_code == 201, again.text  # the name is free once its holder is inactive
    assert secret not in "".join(backend.output)
    stored = b"".join(
        p.read_bytes()
        for p in backend.data_dir.rglob("*")
        if p.is_file() and "credentials" not in p.name and p.name != "token.txt"
    )
    assert secret.encode() not in stored


def test_docker_tasks_are_defined_anywhere_but_run_only_with_an_engine(backend: LocalBackend) -> None:
    with client(backend) as c:
        caps = c.get("/v1/capabilities").json()
        docker = next(b for b in caps["backends"] if b["name"] == "docker")
        assert caps["simulated"] is True and all(a["simulated"] for a in caps["agents"])
        pool = make_pool(c)
        image_task = {"task_id": "d", "backend": "harbor", "docker_image": "python:3.12"}
        # a definition is data the real service accepts: stored whether or not Docker is here
        assert c.post(f"/v1/pools/{pool}/tasks", json=image_task).status_code == 200
        runnable = {**image_task, "task_id": "d2", "run": {"command": "echo local"}}
        assert c.post(f"/v1/pools/{pool}/tasks", json=runnable).status_code == 200
        before = c.get("/v1/rollouts", params={"pool_id": pool}).json()["rollouts"]
        for url, body in (
            ("/v1/rollouts", rollout_body(pool, task_id="d")),
            (f"/v1/pools/{pool}/tasks/d/container/rollout", {}),
        ):
            r = c.post(url, json=body)
            if docker["available"]:
                assert r.status_code == 200, r.text
                continue
            err = r.json()["error"]
            assert r.status_code == 501 and err["code"] == "not_supported_locally", r.text
            assert "Docker" in err["message"] and err["retryable"] is False
            assert err["details"][0]["code"] == "docker_unavailable"
        if not docker["available"]:  # refused before anything was written
            assert c.get("/v1/rollouts", params={"pool_id": pool}).json()["rollouts"] == before
        r = c.post("/v1/rollouts", json=rollout_body(pool, task_id="d2"))
        assert r.status_code == 200, r.text


def test_pools_tasks_crud_and_container_routes(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, template="HARBOR_CODING", policy_tags=["gpu"])
        got = c.get(f"/v1/pools/{pool}").json()
        assert got["backend"] == "harbor" and got["id"] == pool
        assert c.post("/v1/pools", json={"pool_id": pool, "pool_type": "sandbox"}).status_code == 409
        assert c.patch(f"/v1/pools/{pool}", json={"max_queue": 5}).json()["max_queue"] == 5
        put = c.put(f"/v1/pools/{pool}", json={"pool_id": pool, "pool_type": "browser"}).json()
        assert put["pool_type"] == "browser" and put.get("max_queue") is None
        assert c.post(f"/v1/pools/{pool}/tasks", json=command_task("true", task_id="a")).status_code == 200
        assert c.post(f"/v1/pools/{pool}/tasks", json=command_task("true", task_id="a")).status_code == 409
        assert c.patch(f"/v1/pools/{pool}/tasks/a", json={"task_path": "x"}).json()["task_path"] == "x"
        assert (
            c.put(f"/v1/pools/{pool}/tasks/a", json=command_task("false", task_id="a")).json()["run"][
                "command"
            ]
            == "false"
        )
        assert [t["task_id"] for t in c.get(f"/v1/pools/{pool}/tasks").json()["items"]] == ["a"]
        for sub in (
            "container/health",
            "container/info",
            "container/metadata",
            "tasks/a/container/health",
            "tasks/a/container/info",
            "tasks/a/container/metadata",
            "urls",
            "metrics",
        ):
            assert c.get(f"/v1/pools/{pool}/{sub}").status_code == 200, sub
        assert c.get("/v1/pools", params={"tag": "gpu"}).status_code == 200
        assert c.delete(f"/v1/pools/{pool}/tasks/a").json()["deleted"] is True
        assert c.delete(f"/v1/pools/{pool}").json()["deleted"] is True
        # DELETE archives, as the service does: listed only under state=archived, gone elsewhere
        assert c.get(f"/v1/pools/{pool}").status_code == 404
        assert pool not in {p["pool_id"] for p in c.get("/v1/pools").json()["items"]}
        assert pool in {
            p["pool_id"] for p in c.get("/v1/pools", params={"state": "archived"}).json()["items"]
        }
        assert c.post(f"/v1/pools/{pool}/rollouts", json={}).status_code == 404


def test_spec_and_schema_routes(backend: LocalBackend) -> None:
    with client(backend) as c:
        spec = c.get("/v1/openapi.json").json()
        assert spec["openapi"].startswith("3.1") and "/v1/rollouts" in spec["paths"]
        schemas = c.get("/v1/schema.json").json()
        assert "RolloutRequestV1" in schemas["$defs"] and "PoolConfigV1" in schemas["$defs"]
