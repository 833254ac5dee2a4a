"""End to end over real HTTP against the local backend: the document's functions and methods,
sync and async (aiohttp and httpx transports), plan gating, streamed downloads, cut streams."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tracemalloc
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

import synth_pools as sp
import synth_pools.environment_pools as ep
from tests.support.backend import LocalBackend
from tests.support.rollout_requests import rollout_request

REPO = Path(__file__).resolve().parents[2]
RUN = {
    "command": "cat input.txt; echo second line; mkdir -p out; echo result > out/result.txt",
    "files": {"input.txt": "hello from a file\n"},
    "verifier": "echo checking; echo 0.75",
}


def _uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def client(backend: LocalBackend) -> Any:
    with ep.EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as c:
        yield c


def _pool_with_task(client: ep.EnvironmentPoolsClient, run: dict[str, Any] | None = RUN) -> tuple[str, str]:
    pool_id, task_id = _uid("pool"), _uid("task")
    client.pools.create({"pool_id": pool_id, "pool_type": "sandbox", "concurrency": 4})
    task = sp.PoolTask.from_docker(task_id, "local/none:latest") if run is None else None
    body = task or {"task_id": task_id, "backend": "harbor", "run": run}
    client.pools.tasks.create(pool_id, body)
    return pool_id, task_id


def test_quickstart_example_runs_and_prints_events_and_usage(backend: LocalBackend, tmp_path: Path) -> None:
    # a fresh backend: the example creates the fixed pool id "my-pool"
    from tests.support.backend import start_backend

    with start_backend(tmp_path) as fresh:
        env = {"SYNTH_BACKEND_URL": fresh.base_url, "SYNTH_API_KEY": fresh.api_key, "PATH": "/usr/bin:/bin"}
        out = subprocess.run(
            [sys.executable, "examples/quickstart.py"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    # its task is served by a task app, which the local backend does not call: the rollout fails
    # naming the URL, and no reward is printed that no verifier produced
    assert "'event': 'lifecycle'" in lines[0] and "'status': 'failed'" in lines[-2]
    assert "https://my-task-app.example.com" in lines[-2] and "'reward': None" in lines[-2]
    assert "'llm_input_tokens'" in lines[-1] and "'cost_usd'" in lines[-1]


def test_rollout_lifecycle_with_handle(client: ep.EnvironmentPoolsClient, tmp_path: Path) -> None:
    pool_id, task_id = _pool_with_task(client)
    handle = client.rollouts.create(rollout_request(pool_id, task_id))
    assert isinstance(handle, ep.RolloutHandle) and handle["rollout_id"] == handle.rollout_id

    events = list(handle.events())
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(set(seqs))
    lines = [
        e["data"].get("line") for e in events if e["event"] == "agent" and e["data"].get("stream") == "stdout"
    ]
    assert lines[:2] == ["hello from a file", "second line"]
    assert events[-1]["event"] == "lifecycle" and events[-1]["data"]["status"] == "completed"
    assert any(e["event"] == "reward" for e in events)

    final = handle.wait(timeout=60)
    assert final["status"] == "completed" and final["reward"] == 0.75
    assert handle.get()["status"] == "completed" and handle.status == "completed"
    assert handle.summary()["rollout_id"] == handle.rollout_id
    usage = handle.usage()
    assert sp.UsageSnapshot.from_dict(usage).rollout_id == handle.rollout_id

    manifest = sp.ArtifactManifest.from_dict(handle.artifacts())
    paths = {a.path for a in manifest.artifacts}
    assert {"out/result.txt", "logs/stdout.txt"} <= paths
    assert handle.download("out/result.txt") == b"result\n"
    size = handle.download("out/result.txt", dest=tmp_path / "r.txt")
    assert size == 7 and (tmp_path / "r.txt").read_bytes() == b"result\n"
    archive = zipfile.ZipFile(io.BytesIO(handle.download_zip()))
    assert "out/result.txt" in archive.namelist()
    buf = io.BytesIO()
    handle.download_zip(dest=buf)
    assert zipfile.ZipFile(buf).read("out/result.txt") == b"result\n"

    bundle = handle.support_bundle()
    assert bundle["rollout_id"] == handle.rollout_id and bundle["events"]
    replay = handle.replay()
    assert replay.rollout_id != handle.rollout_id
    assert replay.wait(timeout=60)["status"] == "completed"


def test_events_resume_over_real_http_with_small_pages(client: ep.EnvironmentPoolsClient) -> None:
    from synth_pools._events import iter_events
    from synth_pools._operations import EventRoute
    from synth_pools._sse import StreamState

    pool_id, task_id = _pool_with_task(client)
    handle = client.rollouts.create(rollout_request(pool_id, task_id))
    handle.wait(timeout=60)
    client._transport.sleep = lambda s: None
    whole = [e["seq"] for e in client.rollouts.events(handle.rollout_id)]
    assert whole == list(range(1, len(whole) + 1)) and len(whole) > 5
    # pages of 2: the server ends the response after every 2 events; the SDK asks for the next
    state = StreamState(page_size=2)
    paged = [
        e["seq"]
        for e in iter_events(client._transport, EventRoute("stream_rollout_events", handle.rollout_id), state)
    ]
    assert paged == whole
    # limit= is the most events the call yields in all
    assert [e["seq"] for e in client.rollouts.events(handle.rollout_id, limit=5)] == whole[:5]
    # and from a cursor (either id form): only what follows it
    for cursor in (f"{handle.rollout_id}:3", "3"):
        later = [e["seq"] for e in client.rollouts.events(handle.rollout_id, cursor=cursor)]
        assert later == whole[3:]


def test_wait_timeout_raises_with_last_status_and_cancel(client: ep.EnvironmentPoolsClient) -> None:
    pool_id, task_id = _pool_with_task(client, {"command": "sleep 30"})
    handle = client.rollouts.create(rollout_request(pool_id, task_id))
    with pytest.raises(sp.RolloutWaitTimeout) as info:
        handle.wait(timeout=0.3, poll_interval=0.1)
    assert info.value.last_status in ("queued", "running")
    assert "cancel()" in str(info.value)
    handle.cancel()
    assert handle.wait(timeout=30)["status"] == "cancelled"


def test_module_functions_of_the_document(backend: LocalBackend, tmp_path: Path) -> None:
    kw = {"backend_base": backend.base_url, "api_key": backend.api_key}
    pool_id, task_id = _uid("fpool"), _uid("ftask")
    created_pool = ep.create_pool(request={"pool_id": pool_id, "pool_type": "sandbox"}, **kw)
    assert created_pool["pool_id"] == pool_id
    assert pool_id in {p["pool_id"] for p in ep.list_pools(pool_type="sandbox", **kw)}
    assert ep.get_pool(pool_id, **kw)["pool_id"] == pool_id
    assert ep.update_pool(pool_id, request={"concurrency": 3}, **kw)["concurrency"] == 3
    ep.create_pool_task(pool_id, request={"task_id": task_id, "backend": "harbor", "run": RUN}, **kw)
    ep.update_pool_task(pool_id, task_id, request={"env_vars": {"A": "1"}}, **kw)
    assert [t["task_id"] for t in ep.list_pool_tasks(pool_id, **kw)] == [task_id]

    dry = ep.create_rollout(request=rollout_request(pool_id, task_id), dry_run=True, **kw)
    assert dry["rollout_id"]
    created = ep.create_rollout(request=rollout_request(pool_id, task_id), idempotency_key=_uid("idem"), **kw)
    rid = created["rollout_id"]
    events = list(ep.stream_rollout_events(rid, auto_reconnect=True, **kw))
    assert events[-1]["data"]["status"] == "completed"
    assert ep.get_rollout(rid, **kw)["status"] == "completed"
    assert ep.get_rollout_usage(rid, **kw)["rollout_id"] == rid
    assert ep.get_rollout_support_bundle(rid, **kw)["rollout_id"] == rid
    listed = ep.list_rollout_artifacts(rid, prefix="out/", **kw)
    assert [a["path"] for a in listed["artifacts"]] == ["out/result.txt"]
    assert ep.fetch_artifact(rid, "out/result.txt", **kw) == b"result\n"
    assert zipfile.ZipFile(io.BytesIO(ep.download_artifacts_zip(rid, **kw))).namelist()
    assert ep.cancel_rollout(rid, **kw)["status"] == "completed"  # already terminal: unchanged
    assert ep.get_rollout_summary(rid, **kw)["status"] == "completed"
    assert ep.validate_rollout(request=rollout_request(pool_id, task_id), **kw)["valid"] is True
    assert any(r["rollout_id"] == rid for r in ep.list_rollouts(pool_id=pool_id, **kw)["items"])
    batch = ep.create_rollouts_batch(requests=[rollout_request(pool_id, task_id)] * 2, **kw)
    assert len(batch) == 2
    assert ep.replay_rollout(rid, **kw)["rollout_id"] != rid
    assert ep.get_pool_metrics(pool_id, **kw)["pool_id"] == pool_id
    assert ep.get_pool_urls(pool_id, **kw)["pool_id"] == pool_id
    assert "queued" in ep.get_queue_status(**kw)

    cred = ep.store_credential(
        credential_name=_uid("cred"),
        credential_type="api_key",
        credential_value={"token": "s3cr3t-value"},
        **kw,
    )
    cid = cred["credential_id"]
    assert "s3cr3t-value" not in str(cred)
    assert cid in {c["credential_id"] for c in ep.list_credentials(**kw)}
    assert "s3cr3t-value-2" not in str(ep.rotate_credential(cid, new_value="s3cr3t-value-2", **kw))
    assert ep.delete_credential(cid, **kw) is None

    caps = ep.get_capabilities(**kw)
    assert {"agents", "backends", "pool_types"} <= set(caps)
    assert ep.get_openapi_schema(**kw)["openapi"].startswith("3.1")
    assert isinstance(ep.get_schema_json(**kw), dict)

    assert ep.delete_pool_task(pool_id, task_id, **kw) is None
    assert ep.delete_pool(pool_id, **kw) is None
    with pytest.raises(sp.NotFoundError):
        ep.get_pool(pool_id, **kw)
    # one pooled client per (base, key), reused across calls
    assert len(ep._functions._shared) >= 1
    client_a = ep._functions._client(backend.base_url, backend.api_key)
    assert client_a is ep._functions._client(backend.base_url + "/v1", backend.api_key)


def test_plan_gating_for_free_accounts(backend: LocalBackend) -> None:
    with ep.EnvironmentPoolsClient(api_key="sk_test_free", backend_base=backend.base_url) as free:
        with pytest.raises(sp.PlanGatingError) as info:
            free.pools.list()
        assert info.value.status_code == 403 and info.value.request_id
        with pytest.raises(sp.PlanGatingError):
            free.check_plan()
        with pytest.raises(ep.PlanGatingError):
            ep.create_pool(
                backend_base=backend.base_url,
                api_key="sk_test_free",
                request={"pool_id": "x", "pool_type": "sandbox"},
            )
    with ep.EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as pro:
        assert pro.check_plan()["plan"] == "pro"


def test_bad_key_is_an_authentication_error(backend: LocalBackend) -> None:
    with (
        ep.EnvironmentPoolsClient(api_key="sk_wrong", backend_base=backend.base_url) as c,
        pytest.raises(sp.AuthenticationError) as info,
    ):
        c.capabilities.get()
    assert "sk_wrong" not in str(info.value)


def test_large_download_streams_to_disk_in_constant_memory(
    client: ep.EnvironmentPoolsClient, tmp_path: Path
) -> None:
    size = 48 * 1024 * 1024
    pool_id, task_id = _pool_with_task(client, {"command": f"head -c {size} /dev/urandom > big.bin"})
    handle = client.rollouts.create(rollout_request(pool_id, task_id))
    assert handle.wait(timeout=120)["status"] == "completed"
    dest = tmp_path / "big.bin"
    tracemalloc.start()
    try:
        written = handle.download("big.bin", dest=dest)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written == size == dest.stat().st_size
    assert peak < 8 * 1024 * 1024, f"peak Python memory {peak} bytes for a {size}-byte download"
    manifest = {a["path"]: a for a in handle.artifacts()["artifacts"]}
    if manifest["big.bin"].get("sha256"):
        assert hashlib.sha256(dest.read_bytes()).hexdigest() == manifest["big.bin"]["sha256"]
    assert not (tmp_path / "big.bin.part").exists()


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_async_client_end_to_end(backend: LocalBackend, transport: str, tmp_path: Path) -> None:
    async with ep.AsyncEnvironmentPoolsClient(
        api_key=backend.api_key,
        backend_base=backend.base_url,
        async_transport=transport,  # type: ignore[arg-type]
    ) as client:
        pool_id, task_id = _uid("apool"), _uid("atask")
        await client.pools.create({"pool_id": pool_id, "pool_type": "sandbox"})
        await client.pools.tasks.create(pool_id, {"task_id": task_id, "backend": "harbor", "run": RUN})
        assert [t["task_id"] for t in await client.pools.tasks.list(pool_id)] == [task_id]
        handles = [await client.rollouts.create(rollout_request(pool_id, task_id)) for _ in range(3)]
        assert all(isinstance(h, ep.AsyncRolloutHandle) for h in handles)
        for handle in handles:
            seqs = [e["seq"] async for e in handle.events()]
            assert seqs == list(range(1, len(seqs) + 1))
            final = await handle.wait(timeout=60)
            assert final["status"] == "completed"
        h = handles[0]
        assert (await h.get())["reward"] == 0.75
        assert (await h.summary())["rollout_id"] == h.rollout_id
        assert (await h.usage())["rollout_id"] == h.rollout_id
        assert "out/result.txt" in {a["path"] for a in (await h.artifacts())["artifacts"]}
        assert await h.download("out/result.txt") == b"result\n"
        assert await h.download("out/result.txt", dest=tmp_path / "x.txt") == 7
        assert zipfile.ZipFile(io.BytesIO(await h.download_zip())).namelist()
        assert (await h.support_bundle())["rollout_id"] == h.rollout_id
        replay = await h.replay()
        assert (await replay.wait(timeout=60))["status"] == "completed"
        assert (await h.cancel())["status"] == "completed"
        batch = await client.rollouts.create_batch([rollout_request(pool_id, task_id)] * 2)
        assert len(batch) == 2
        assert (await client.rollouts.validate(rollout_request(pool_id, task_id)))["valid"] is True
        assert pool_id in {p["pool_id"] for p in await client.pools.list()}
        assert (await client.capabilities.get())["agents"]
        assert (await client.check_plan())["plan"] == "pro"
        cred = await client.credentials.store(
            credential_name=_uid("c"), credential_type="api_key", credential_value="v"
        )
        await client.credentials.delete(cred["credential_id"])
        await client.pools.delete(pool_id)
        with pytest.raises(sp.NotFoundError):
            await client.pools.get(pool_id)
