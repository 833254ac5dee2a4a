"""The SDK and the CLI against the real service's answer shapes (design/real-service.md).

Every test runs twice: against :class:`~tests.support.strict_double.StrictDouble` (a real HTTP
server answering only in the evidenced shapes: wrapped pool, bare arrays, ``{"rollouts",
"cursor"}``, ``trial_id`` + ``reward_primary``, ``MeResponse``, ``CredentialResponse``, FastAPI
errors, 200 creates) and against the local backend, so one SDK code path is shown to read both.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import synth_pools as sp
import synth_pools.environment_pools as ep
from synth_pools.cli import main
from synth_pools.environment_pools import (
    AgentSpec,
    AsyncEnvironmentPoolsClient,
    EnvironmentPoolsClient,
    PoolTask,
)
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from tests.support.backend import start_backend
from tests.support.strict_double import StrictDouble


@dataclass
class Service:
    name: str
    base_url: str
    api_key: str
    free_key: str
    double: StrictDouble | None = None

    def client(self, **options: Any) -> EnvironmentPoolsClient:
        return EnvironmentPoolsClient(api_key=self.api_key, backend_base=self.base_url, **options)


@pytest.fixture(params=["double", "local"])
def service(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    if request.param == "double":
        with StrictDouble() as double:
            yield Service("double", double.base_url, double.api_key, double.free_key, double)
    else:
        with start_backend(tmp_path) as backend:
            yield Service("local", backend.base_url, backend.api_key, "sk_test_free")


def _uid(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def cli(service: Service, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code = main(["--backend-base", service.base_url, "--api-key", service.api_key, "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_the_reference_quick_start_as_written(service: Service) -> None:
    pool_id = _uid("my-pool")
    with service.client() as client:
        # Create a pool
        pool = client.pools.create(request={"pool_id": pool_id, "pool_type": "openenv", "concurrency": 4})
        # Add a task
        task = PoolTask.from_openenv("task-1", "https://my-task-app.example.com")
        client.pools.tasks.create(pool["pool_id"], request=task)
        # Launch a rollout with AgentSpec preset
        handle = client.rollouts.create(
            {
                "task_ref": {"dataset": "my-dataset", "task_id": "task-1"},
                "agent": AgentSpec.claude_code().model_dump(exclude_none=True),
                "task_app_url": "https://my-task-app.example.com",
                "timeouts": {"agent_sec": 300},
                "pool_id": pool["pool_id"],
            }
        )
        # Stream events
        events = list(handle.events())
        # Get usage
        usage = handle.usage()
    assert pool["pool_id"] == pool_id
    assert events and {events[-1]["data"]["status"]} <= sp.environment_pools._handle.TERMINAL_STATUSES
    assert [e["seq"] for e in events] == sorted({e["seq"] for e in events})
    assert isinstance(usage, dict)


def test_pool_created_without_pool_id_and_read_in_both_shapes(service: Service) -> None:
    with service.client() as client:
        pool = client.pools.create(request={"pool_type": "sandbox", "concurrency": 2})
        assert pool["pool_id"]
        assert client.pools.get(pool["pool_id"])["pool_id"] == pool["pool_id"]
        assert pool["pool_id"] in {p["pool_id"] for p in client.pools.list()}
        metrics = client.pools.metrics(pool["pool_id"])
    assert {"queue_depth", "running", "total_count", "success_rate"} <= set(metrics)


def test_rollouts_list_and_iter_walk_every_page(service: Service, capsys: pytest.CaptureFixture[str]) -> None:
    with service.client() as client:
        pool = client.pools.create(request={"pool_id": _uid("pages"), "pool_type": "openenv"})
        client.pools.tasks.create(pool["pool_id"], request=PoolTask.from_openenv("t", "https://x.example"))
        request = {
            "task_ref": {"dataset": "d", "task_id": "t"},
            "agent": {"harness": "codex", "model_id": "gpt-5.3-codex-spark"},
            "task_app_url": "https://x.example",
            "timeouts": {"agent_sec": 60},
            "pool_id": pool["pool_id"],
        }
        launched = {client.rollouts.create(request).rollout_id for _ in range(5)}
        walked = list(client.rollouts.iter(pool_id=pool["pool_id"], limit=2))
        page = client.rollouts.list(pool_id=pool["pool_id"], limit=2)
        rest = list(client.rollouts.iter(pool_id=pool["pool_id"], limit=2, cursor=page["next_cursor"]))
        done = client.rollouts.handle(next(iter(launched))).wait(timeout=60, poll_interval=0.05)
    assert {r["rollout_id"] for r in walked} >= launched
    assert len(page["items"]) == 2 and page["next_cursor"]
    # iter(cursor=) starts after that page, with the same filters on every page
    assert [r["rollout_id"] for r in page["items"] + rest] == [r["rollout_id"] for r in walked]
    assert done["rollout_id"] in launched and "reward" in done
    listed = cli(service, capsys, "rollouts", "list", "--pool", pool["pool_id"], "--limit", "50")
    assert {r["rollout_id"] for r in listed} <= launched | {r["rollout_id"] for r in walked}
    assert all({"rollout_id", "status"} <= set(r) for r in listed)
    pools = cli(service, capsys, "pools", "list")
    assert pool["pool_id"] in {p["pool_id"] for p in pools}


def test_the_credential_cycle(service: Service, capsys: pytest.CaptureFixture[str]) -> None:
    value = f"cv_{secrets.token_hex(8)}"
    name = _uid("gh_token")
    with service.client() as client:
        stored = client.credentials.store(
            credential_name=name, credential_type="github_pat", credential_value=value
        )
        credential_id = stored["credential_id"]
        assert stored["credential_type"] == "GITHUB_PAT"  # sent in the service's enum form
        listed = {c["credential_id"]: c for c in client.credentials.list()}
        assert listed[credential_id]["credential_name"] == name
        rotated = client.credentials.rotate(credential_id, new_value=value + "2")
        assert rotated["credential_id"] == credential_id
        assert client.credentials.delete(credential_id) is None
        with pytest.raises(ValueError, match="GITHUB_PAT") as info:
            client.credentials.store(
                credential_name=name, credential_type="github_token", credential_value=value
            )
        assert isinstance(info.value, sp.SynthPoolsValidationError) and info.value.field == "credential_type"
    for shown in (stored, listed, rotated):
        assert value not in repr(shown)
    rows = cli(service, capsys, "credentials", "list")
    assert all("credential_value" not in row and value not in json.dumps(row) for row in rows)
    if service.double is not None:
        (body,) = service.double.sent("POST", "/api/v1/credentials")
        assert body["credential_type"] == "GITHUB_PAT"


def test_check_plan_does_not_refuse_a_real_me_and_says_how_it_decided(service: Service) -> None:
    with service.client() as client:
        checked = client.check_plan()
    explicit = any(
        checked.get(k) is not None for k in ("plan", "tier", "feature_flags", "environment_pools_enabled")
    )
    assert (checked["plan_check"]["decided_by"] != "service") is explicit
    if service.double is not None:  # MeResponse carries no plan: the service was asked
        assert checked["plan_check"]["decided_by"] == "service"
        assert service.double.sent("GET", "/v1/pools")
    assert checked["plan_check"]["allowed"] is True and checked["org_id"]
    free = EnvironmentPoolsClient(api_key=service.free_key, backend_base=service.base_url)
    with free, pytest.raises(sp.PlanGatingError):
        free.check_plan()


def test_a_refused_body_names_each_field(service: Service) -> None:
    value = f"cv_{secrets.token_hex(8)}"
    with service.client(max_retries=0) as client, pytest.raises(sp.UnprocessableEntityError) as info:
        client.credentials.store(credential_name="n" * 129, credential_type="API_KEY", credential_value=value)
    error = info.value
    assert "credential_name" in error.fields and "credential_name" in str(error)
    assert all(e.get("message") for e in error.errors)
    assert value not in str(error) and value not in repr(error.body)


def test_a_plain_detail_is_the_message(service: Service) -> None:
    with service.client(max_retries=0) as client, pytest.raises(sp.NotFoundError) as info:
        client.pools.get("no-such-pool")
    assert "no-such-pool" in str(info.value) or "not found" in str(info.value).lower()


def test_the_harbor_demo_body_reaches_the_service(service: Service) -> None:
    """Synth's harbor demo (Benchmarking demos/environment_pools/harbor_e2e.py), module functions."""
    common = {"backend_base": service.base_url, "api_key": service.api_key}
    image = "tb3-crafter-base-v1"
    deployment = {"entrypoint": "python3 /tmp/eval_runner.py", "entrypoint_mode": "file", "env_vars": {},
                  "limits": {"timeout_s": 60, "memory_mb": 512}, "snapshot_id": image}  # fmt: skip
    pool = ep.create_pool(
        **common,
        request={
            "pool_type": "sandbox",
            "capacity": 5,
            "concurrency": 2,
            "tasks": [
                {"task_id": "crafter", "backend": "harbor", "docker_image": image, "harbor": deployment}
            ],
        },
    )
    pool_id = pool["pool"]["pool_id"] if "pool" in pool else pool["pool_id"]
    assert pool["pool_id"] == pool_id
    body = {
        "pool_id": pool_id,
        "environment": {"backend": "harbor", "docker_image": image},
        "harbor": {"input": {"seed": 42, "task_id": "crafter"}, "deployment": deployment},
    }
    try:
        created = ep.create_rollout(**common, request=body, timeout=30.0)
    except sp.APIStatusError as refused:  # the service decided: the SDK did not stop it
        assert refused.status_code != 422 or "task_ref" not in str(refused), refused
        created = None
    if service.double is not None:
        assert service.double.sent("POST", "/v1/rollouts") == [body]
        assert created is not None and created["rollout_id"] == created["trial_id"]
        final = ep.get_rollout(created["rollout_id"], **common)
        assert final["status"] in {"running", "succeeded"}
    ep.delete_pool(pool_id, **common)


def _openenv_pool(client: EnvironmentPoolsClient) -> str:
    pool = client.pools.create(request={"pool_id": _uid("pausable"), "pool_type": "openenv"})
    client.pools.tasks.create(pool["pool_id"], request=PoolTask.from_openenv("t", "https://x.example"))
    return str(pool["pool_id"])


def test_pause_keeps_queueing_and_resume_starts_again(
    service: Service, capsys: pytest.CaptureFixture[str]
) -> None:
    rollout = {
        "task_ref": {"dataset": "d", "task_id": "t"},
        "agent": {"harness": "claude-code"},
        "task_app_url": "https://x.example",
        "timeouts": {"agent_sec": 60},
    }
    with service.client() as client:
        pool_id = _openenv_pool(client)
        paused = client.pools.pause(pool_id)
        assert paused["pool_id"] == pool_id and paused.get("state") == "paused"
        handle = client.rollouts.create({**rollout, "pool_id": pool_id})
        assert [handle.get()["status"] for _ in range(3)] == ["queued"] * 3
        assert client.pools.resume(pool_id).get("state") != "paused"
        final = handle.wait(timeout=60, poll_interval=0.05)
        # the double plays the service; the local backend does not call task apps, so it ends the
        # rollout failed, naming the URL, with no reward
        if service.double is not None:
            assert final["status"] == "succeeded"
        else:
            assert final["status"] == "failed" and final["reward"] is None
            assert "https://x.example" in final["error"]
    assert cli(service, capsys, "pools", "pause", pool_id)["state"] == "paused"
    assert cli(service, capsys, "pools", "resume", pool_id)["state"] != "paused"


async def test_pause_and_resume_on_the_container_clients(
    service: Service,
) -> None:
    with service.client() as client:
        pool_id = _openenv_pool(client)
    with ContainerPoolsClient(api_key=service.api_key, backend_base=service.base_url) as pools:
        assert pools.pause(pool_id)["state"] == "paused"
        assert pools.resume_pool(pool_id)["state"] != "paused"
    async with AsyncContainerPoolsClient(api_key=service.api_key, backend_base=service.base_url) as apools:
        assert (await apools.pause_pool(pool_id))["state"] == "paused"
        assert (await apools.resume(pool_id))["state"] != "paused"
    async with AsyncEnvironmentPoolsClient(api_key=service.api_key, backend_base=service.base_url) as aclient:
        assert (await aclient.pools.pause(pool_id))["state"] == "paused"
        assert (await aclient.pools.resume(pool_id))["state"] != "paused"


def test_container_leases_create_list_get_renew_release(
    service: Service,
) -> None:
    with service.client() as client:
        pool_id = _openenv_pool(client)
    with ContainerPoolsClient(api_key=service.api_key, backend_base=service.base_url) as pools:
        lease = pools.leases.create({"pool_id": pool_id, "ttl_sec": 60})
        lease_id = lease["lease_id"]
        assert lease_id in {item["lease_id"] for item in pools.leases.list()["items"]}
        filtered = pools.leases.list({"pool_id": pool_id, "state": None})  # None: not sent
        assert [item["lease_id"] for item in filtered["items"]] == [lease_id]
        assert pools.leases.get(lease_id)["lease_id"] == lease_id
        assert pools.leases.renew(lease_id, {"ttl_sec": 120})["lease_id"] == lease_id
        assert pools.leases.release(lease_id)["lease_id"] == lease_id
        with pytest.raises(sp.NotFoundError):
            pools.leases.get("lease_that_does_not_exist")


def test_the_generic_call_reaches_routes_the_sdk_does_not_wrap(service: Service) -> None:
    with service.client() as client:
        pool_id = _openenv_pool(client)
        by_operation = client.call("list_pools")
        by_path = client.call("GET", "/v1/pools")
        me = client.call("get_me")
        with pytest.raises(sp.NotFoundError):
            client.call("GET", "/v1/pools/no-such-pool")
    assert pool_id in {p["pool_id"] for p in by_operation["items"]} and me["org_id"]
    raw = by_path if isinstance(by_path, list) else next(v for v in by_path.values() if isinstance(v, list))
    assert pool_id in {p.get("pool_id") for p in raw}


def test_the_cli_shows_the_same_fields_whichever_shape_came(
    service: Service, capsys: pytest.CaptureFixture[str]
) -> None:
    pool_id = _uid("cli-shape")
    created = cli(service, capsys, "pools", "create", pool_id, "--type", "sandbox")
    fetched = cli(service, capsys, "pools", "get", pool_id)
    assert created["pool_id"] == fetched["pool_id"] == pool_id
    assert "pool" not in created and set(created) == set(fetched)
    code = main(["--backend-base", service.base_url, "--api-key", service.api_key, "pools", "list"])
    assert code == 0 and "pool_type" in capsys.readouterr().out  # the table's columns, either shape
