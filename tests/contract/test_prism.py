"""The SDK's JSON traffic through ``prism proxy --errors``: every request and response must match the spec.

A representative workflow (account, capabilities, credentials, pools, tasks, rollouts: validate,
create, get, list, summary, usage, artifacts, support bundle, replay, cancel, queue) runs through
the public ``EnvironmentPoolsClient`` pointed at Prism, which forwards to the local backend. A
request that breaks the spec is answered 422 by Prism before it reaches the server, a response
that breaks it becomes a 500 with ``sl-violations``: either fails the SDK call, and the hook below
also fails on any ``sl-violations`` header. The event stream and downloads bypass Prism (it
buffers SSE and corrupts binary bodies): they go straight to the backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synth_pools import EnvironmentPoolsClient
from synth_pools_server.launcher import LocalBackend, start_backend
from tests.support.prism import PrismProxy

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"


@pytest.fixture(scope="module")
def prism_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalBackend, PrismProxy]]:
    with start_backend(tmp_path_factory.mktemp("prism")) as b, PrismProxy(SPEC, b.base_url) as p:
        yield b, p


def test_prism_is_really_validating(prism_backend: tuple[LocalBackend, PrismProxy]) -> None:
    backend, prism = prism_backend
    r = httpx.get(prism.url + "/v1/rollouts", params={"limit": 0}, headers=backend.headers())
    assert r.status_code == 422  # limit has minimum 1: Prism refused it itself
    assert "limit" in r.text


def test_sdk_json_traffic_matches_the_spec(prism_backend: tuple[LocalBackend, PrismProxy]) -> None:
    backend, prism = prism_backend
    seen: list[str] = []
    violations: list[str] = []

    def check(response: httpx.Response) -> None:
        seen.append(f"{response.request.method} {response.request.url.path} {response.status_code}")
        if "sl-violations" in response.headers:
            violations.append(f"{seen[-1]}: {response.headers['sl-violations']}")

    http = httpx.Client(base_url=prism.url, event_hooks={"response": [check]}, timeout=60)
    with (
        EnvironmentPoolsClient(
            api_key=backend.api_key, backend_base=prism.url, http_client=http, max_retries=0
        ) as c,
        EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as direct,
    ):
        c.me()
        c.check_plan()
        c.capabilities.get()
        c.capabilities.queue_status()
        cred = c.credentials.store(
            credential_name="prism_token", credential_type="api_key", credential_value="v1"
        )
        c.credentials.list()
        c.credentials.rotate(cred["credential_id"], new_value="v2")
        task = {
            "task_id": "t1",
            "backend": "local",
            "run": {"command": "echo hi > out.txt", "verifier": "echo 0.5"},
        }
        c.pools.create({"pool_id": "prism-pool", "pool_type": "sandbox", "tasks": [task]})
        c.pools.get("prism-pool")
        c.pools.list()
        c.pools.update("prism-pool", {"concurrency": 2})
        c.pools.tasks.create("prism-pool", {**task, "task_id": "t2"})
        c.pools.tasks.list("prism-pool")
        c.pools.metrics("prism-pool")
        request = {
            "pool_id": "prism-pool",
            "task_ref": {"dataset": "prism", "task_id": "t1"},
            "agent": {"harness": "claude-code"},
            "task_app_url": "http://127.0.0.1:1/unused",
            "timeouts": {"agent_sec": 60, "verifier_sec": 60},
        }
        c.rollouts.validate(request)
        handle = c.rollouts.create(request)
        # SSE bypasses Prism: wait for the end straight from the backend
        events = list(direct.rollouts.events(handle.id))
        assert events[-1]["data"]["status"] == "completed"
        doc = c.rollouts.get(handle.id)
        assert doc["reward"] == 0.5
        c.rollouts.list(pool_id="prism-pool")
        c.rollouts.summary(handle.id)
        c.rollouts.usage(handle.id)
        c.rollouts.artifacts(handle.id)
        c.rollouts.support_bundle(handle.id)
        again = c.rollouts.replay(handle.id)
        c.rollouts.cancel(again.id, reason="contract test")
        c.pools.tasks.delete("prism-pool", "t2")
        c.credentials.delete(cred["credential_id"])
    http.close()
    assert violations == [], violations
    assert len(seen) >= 25, seen
    assert all(not line.endswith((" 422", " 500")) for line in seen), seen
