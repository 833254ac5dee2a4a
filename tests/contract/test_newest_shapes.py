"""The SDK against the service as its newest clients see it (design/real-service.md, last two
sections), sync and async: a :class:`StrictDouble` with ``newest=True`` answers lists under
``items``, rollouts that end ``completed`` with ``metrics.outcome_reward``, pools that start
building, an org concurrency cap (partial batch admission, 429 with ``retry_after_seconds``), a
402 account, a 503 with ``retryable: false``; and Synth's own scripts' calls, unchanged."""

from __future__ import annotations

import inspect
import io
import secrets
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import synth_pools as sp
from synth_pools import (
    AsyncEnvironmentPoolsClient,
    AsyncSynthClient,
    EnvironmentPoolsClient,
    SynthClient,
)
from synth_pools.environment_pools import AgentSpec, PoolTask, download_artifacts_zip
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from tests.support.backend import LocalBackend
from tests.support.strict_double import StrictDouble

AnyEnv = EnvironmentPoolsClient | AsyncEnvironmentPoolsClient


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def call(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(stream: Any) -> list[Any]:
    if hasattr(stream, "__aiter__"):
        return [x async for x in stream]
    return list(stream)


def env_client(mode: str, double: StrictDouble, key: str | None = None, **options: Any) -> AnyEnv:
    kwargs: dict[str, Any] = {"api_key": key or double.api_key, "backend_base": double.base_url, **options}
    return EnvironmentPoolsClient(**kwargs) if mode == "sync" else AsyncEnvironmentPoolsClient(**kwargs)


def pools_client(mode: str, double: StrictDouble, **options: Any) -> Any:
    kwargs: dict[str, Any] = {"api_key": double.api_key, "backend_base": double.base_url, **options}
    return ContainerPoolsClient(**kwargs) if mode == "sync" else AsyncContainerPoolsClient(**kwargs)


async def close(client: Any) -> None:
    await call(client.aclose() if hasattr(client, "aclose") else client.close())


def record_sleeps(client: Any, mode: str) -> list[float]:
    """Replace the transport's sleep: the waits it was asked for, without waiting them all."""
    slept: list[float] = []
    if mode == "sync":
        client._transport.sleep = lambda s: slept.append(s) or time.sleep(min(s, 0.05))
    else:

        async def asleep(s: float) -> None:
            slept.append(s)

        client._transport.sleep = asleep
    return slept


@pytest.fixture
def double() -> Iterator[StrictDouble]:
    with StrictDouble(newest=True, build_polls=1) as service:
        yield service


def _pid() -> str:
    return f"pool-{secrets.token_hex(4)}"


def request(pool_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "task_ref": {"dataset": "d", "task_id": "t1"},
        "agent": AgentSpec.preset("claude_code").model_dump(exclude_none=True),
        "pool_id": pool_id,
        **extra,
    }


async def active_pool(client: AnyEnv) -> str:
    """A pool created the newest way (no pool_type), waited for until active."""
    pool = await call(
        client.pools.create({"pool_id": _pid(), "backend": "arbitrary", "metadata": {"k": "v"}})
    )
    assert pool["status"] == "created"
    active = await call(client.pools.wait_until_active(pool["pool_id"], poll_interval=0.01))
    assert active["status"] == "active"
    return str(pool["pool_id"])


# ------------------------------------------------------------------ 1. one reading of an answer


@pytest.mark.parametrize("reward_key", ["metrics", "score"])
async def test_the_reward_comes_from_metrics_outcome_reward_or_score(mode: str, reward_key: str) -> None:
    with StrictDouble(newest=True, build_polls=0, reward_key=reward_key) as double:
        client = env_client(mode, double)
        try:
            pid = await active_pool(client)
            handle = await call(client.rollouts.create(request(pid)))
            assert handle.rollout_id.startswith("ro_")  # from the nested {"rollout": {"id"}}
            done = await call(handle.wait(poll_interval=0.01))
            assert done["status"] == "completed" and done["reward"] == 0.75
            assert done["id"] == done["rollout_id"] == handle.rollout_id
            assert done["result"] == {"output": "all tests ran"}
            if reward_key == "metrics":
                assert done["reward_metrics"] == done["metrics"] and done["metrics"]["outcome_reward"] == 0.75
            listed = await call(client.rollouts.list(pool_id=pid))  # {"items": [...]}
            assert [r["id"] for r in listed["items"]] == [handle.rollout_id]
            assert [r["reward"] for r in listed["items"]] == [0.75]
            pools = await call(client.pools.list())  # {"items": [...], "cursor": echoed}
            assert [p["pool_id"] for p in pools] == [pid] and pools[0]["status"] == "active"
        finally:
            await close(client)


async def test_run_batch_rows_carry_the_newest_reward(mode: str, double: StrictDouble) -> None:
    client = env_client(mode, double)
    try:
        pid = await active_pool(client)
        result = await call(client.rollouts.run_batch([request(pid)] * 3, poll_interval=0.01, events="none"))
        assert [row.status for row in result.rows] == ["completed"] * 3
        assert [row.reward for row in result.rows] == [0.75] * 3
        assert result.mean_reward() == 0.75
    finally:
        await close(client)


# ------------------------------------------------------------------ 2. pool lifecycle


async def test_a_launch_into_a_building_pool_names_its_status_and_the_fix(mode: str) -> None:
    with StrictDouble(newest=True, build_polls=5) as double:
        client = env_client(mode, double, max_retries=0)
        try:
            pool = await call(client.pools.create({"pool_id": _pid(), "backend": "arbitrary"}))
            with pytest.raises(sp.PoolNotActiveError) as info:
                await call(client.rollouts.create(request(pool["pool_id"])))
            err = info.value
            assert isinstance(err, sp.ConflictError) and err.pool_status == "building"
            assert err.pool_id == pool["pool_id"] and "wait_until_active" in str(err)
            with pytest.raises(sp.PoolWaitTimeout) as waited:
                await call(client.pools.wait_until_active(pool["pool_id"], timeout=0.05, poll_interval=0.01))
            assert waited.value.last_status == "building" and "'building'" in str(waited.value)
        finally:
            await close(client)


async def test_wait_until_active_fails_at_once_on_a_failed_pool(mode: str, double: StrictDouble) -> None:
    client = env_client(mode, double)
    try:
        pool = await call(client.pools.create({"pool_id": _pid(), "metadata": {"fail_build": True}}))
        started = time.monotonic()
        with pytest.raises(sp.PoolFailedError) as info:
            await call(client.pools.wait_until_active(pool["pool_id"], timeout=60, poll_interval=0.01))
        assert time.monotonic() - started < 30  # at once, not at the timeout
        assert info.value.status == "failed" and "image build failed" in str(info.value)
    finally:
        await close(client)


async def test_the_container_client_waits_for_its_pool_too(mode: str, double: StrictDouble) -> None:
    client = pools_client(mode, double, max_retries=0)
    try:
        pool = await call(client.create_pool({"pool_id": _pid(), "backend": "arbitrary"}))
        with pytest.raises(sp.PoolNotActiveError, match="'building'"):
            await call(client.create_rollout(pool["pool_id"], {"task_id": "t1", "seed": 0}))
        active = await call(client.wait_until_active(pool["pool_id"], poll_interval=0.01))
        assert active["status"] == "active"
        made = await call(client.create_rollout(pool["pool_id"], {"task_id": "t1"}))  # a partial body
        assert made["id"] == made["rollout_id"]
    finally:
        await close(client)


def test_the_pool_status_vocabulary_is_public() -> None:
    assert sp.POOL_STATUSES == (
        "created", "uploading", "building", "warming", "active", "paused", "failed", "archived",
    )  # fmt: skip
    assert {"completed", "succeeded", "failed", "cancelled"} <= sp.TERMINAL_STATUSES
    assert {"completed", "succeeded"} == sp.SUCCESS_STATUSES


# ------------------------------------------------------------------ 3. batches and admission


async def test_create_batch_sends_the_services_body_and_reports_what_was_not_admitted(mode: str) -> None:
    with StrictDouble(newest=True, build_polls=0, concurrency_cap=3) as double:
        client = env_client(mode, double)
        try:
            pid = await active_pool(client)
            batch = await call(
                client.rollouts.create_batch([request(pid, metadata={"i": i}) for i in range(5)])
            )
            sent = double.sent("POST", "/v1/rollouts/batch")
            assert len(sent) == 1 and sent[0]["pool_id"] == pid and len(sent[0]["rollouts"]) == 5
            assert "requests" not in sent[0]
            assert len(batch) == 3 and batch.indexes == [0, 1, 2] and not batch.complete
            assert [x["index"] for x in batch.not_admitted] == [3, 4]
            assert [x["request"]["metadata"] for x in batch.not_admitted] == [{"i": 3}, {"i": 4}]
            assert "concurrency cap" in batch.not_admitted[0]["reason"]
            assert len(double.rollouts) == 3
        finally:
            await close(client)


async def test_create_batch_falls_back_to_the_older_body(mode: str) -> None:
    with StrictDouble() as double:  # the older service reads {"requests": [...]}
        client = env_client(mode, double)
        try:
            pool = await call(client.pools.create({"pool_id": _pid(), "pool_type": "sandbox"}))
            batch = await call(client.rollouts.create_batch([request(pool["pool_id"])] * 2))
            bodies = double.sent("POST", "/v1/rollouts/batch")
            assert ["rollouts" in b for b in bodies] == [True, False] and len(bodies[1]["requests"]) == 2
            assert len(batch) == 2 and batch.complete
        finally:
            await close(client)


async def test_a_429_waits_as_long_as_its_body_asks(mode: str) -> None:
    with StrictDouble(newest=True, build_polls=0, concurrency_cap=1, retry_after=2.0) as double:
        client = env_client(mode, double, max_retries=2)
        slept = record_sleeps(client, mode)
        try:
            pid = await active_pool(client)
            await call(client.rollouts.create(request(pid)))  # holds the one slot
            with pytest.raises(sp.RateLimitError) as info:
                await call(client.rollouts.create(request(pid)))
            assert info.value.retry_after == 2.0 and info.value.code == "concurrency_limit_exceeded"
            assert double.refused.count(429) == 3  # the first try and two retries
            assert [s for s in slept if s >= 1.0] == [2.0, 2.0]
        finally:
            await close(client)


async def test_run_batch_is_exactly_once_under_the_cap_and_its_429s(mode: str) -> None:
    with StrictDouble(newest=True, build_polls=0, concurrency_cap=2, retry_after=0.01) as double:
        client = env_client(mode, double)
        try:
            pid = await active_pool(client)
            requests = [request(pid, metadata={"i": i}) for i in range(6)]
            result = await call(
                client.rollouts.run_batch(requests, concurrency=6, poll_interval=0.01, events="none")
            )
            assert 429 in double.refused  # the cap refused some creates
            assert [row.status for row in result.rows] == ["completed"] * 6
            assert len(double.rollouts) == 6  # one rollout per request: none lost, none twice
            metas = sorted(r["metadata"]["i"] for r in double.rollouts.values())
            assert metas == list(range(6))
            assert len({row.rollout_id for row in result.rows}) == 6
        finally:
            await close(client)


async def test_a_402_is_out_of_credits(mode: str, double: StrictDouble) -> None:
    pool_owner = env_client(mode, double)
    broke = env_client(mode, double, key=double.broke_key)
    try:
        pid = await active_pool(pool_owner)
        with pytest.raises(sp.InsufficientCreditsError) as info:
            await call(broke.rollouts.create(request(pid)))
        assert info.value.status_code == 402 and "credits" in str(info.value)
        assert double.refused == [402]  # not retried
    finally:
        await close(pool_owner)
        await close(broke)


async def test_a_503_that_says_retryable_false_is_not_retried(mode: str, double: StrictDouble) -> None:
    client = env_client(mode, double, max_retries=3)
    try:
        double.unavailable = True
        before = len(double.requests)
        with pytest.raises(sp.InternalServerError) as info:
            await call(client.pools.get("anything"))
        assert len(double.requests) - before == 1
        assert info.value.retryable is False and "retry later" not in str(info.value)
    finally:
        await close(client)


async def test_not_supported_locally_is_typed_and_never_says_retry(mode: str, backend: LocalBackend) -> None:
    kwargs: dict[str, Any] = {"api_key": backend.api_key, "backend_base": backend.base_url, "max_retries": 3}
    client = EnvironmentPoolsClient(**kwargs) if mode == "sync" else AsyncEnvironmentPoolsClient(**kwargs)
    try:
        with pytest.raises(sp.NotSupportedLocallyError) as info:
            await call(
                client.call(
                    "get_deployment", "p", "t", params={"project_id": "00000000-0000-4000-8000-000000000000"}
                )
            )
        assert info.value.status_code == 501 and info.value.retryable is False
        assert "retry" not in str(info.value).lower() and "backend_base" in str(info.value)
        assert not isinstance(info.value, sp.InternalServerError)
    finally:
        await close(client)


# ------------------------------------------------------------------ 4. harness names


async def test_harness_names_old_and_new_reach_the_service(mode: str, double: StrictDouble) -> None:
    assert AgentSpec.preset("claude_code").harness == "claude_code"
    assert AgentSpec.preset("claude-code").model_id == AgentSpec.preset("claude_code").model_id
    assert AgentSpec.preset("pi").model_dump(exclude_none=True) == {"harness": "pi"}
    assert AgentSpec.pi("some-model").model_id == "some-model"  # no list for pi: the service decides
    with pytest.raises(ValueError, match="claude_code"):
        AgentSpec(harness="claude_code", model_id="gpt-4o")
    assert set(sp.HARNESSES) >= {"claude_code", "claude-code", "codex", "opencode", "pi"}
    client = env_client(mode, double)
    try:
        pid = await active_pool(client)
        await call(
            client.rollouts.create({**request(pid), "agent": {"harness": "pi", "model_id": "anything"}})
        )
        agents = [b["agent"] for b in double.sent("POST", "/v1/rollouts")]
        assert agents == [{"harness": "pi", "model_id": "anything", "kind": "pi"}]
    finally:
        await close(client)


# ------------------------------------------------------------------ 5. Synth's own code, unchanged


async def test_synths_own_calls_run_unchanged(mode: str, double: StrictDouble) -> None:
    cls = EnvironmentPoolsClient if mode == "sync" else AsyncEnvironmentPoolsClient
    client = cls(api_key=double.api_key, backend_base=double.base_url, skip_plan_check=True)
    try:
        openenv = PoolTask.from_openenv("t1", "https://env.example", openenv_deployment={"replicas": 2})
        assert openenv.openenv_deployment == {"replicas": 2, "container_url": "https://env.example"}
        browser = PoolTask.from_browser("t2", "https://b.example", browser={"headless": True})
        assert browser.browser == {"headless": True, "container_url": "https://b.example"}
        pid = await active_pool(client)
        await call(client.pools.tasks.create(pid, request=openenv))
        created = await call(client.rollouts.create_raw(request(pid)))
        assert created["id"] == created["rollout_id"]  # scripts read rollout["id"]
        data = await call(client.rollouts.download_zip(created["id"], prefix="logs/", limit=1))
        assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["logs/agent.log"]
    finally:
        await close(client)


def test_the_module_function_takes_prefix_and_limit(double: StrictDouble) -> None:
    with EnvironmentPoolsClient(api_key=double.api_key, backend_base=double.base_url) as client:
        pool = client.pools.create({"pool_id": _pid()})
        client.pools.wait_until_active(pool["pool_id"], poll_interval=0.01)
        rid = client.rollouts.create(request(pool["pool_id"])).rollout_id
    data = download_artifacts_zip(rid, backend_base=double.base_url, api_key=double.api_key, limit=2)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["logs/agent.log", "logs/verifier.log"]


async def test_synth_client_takes_base_url(mode: str, double: StrictDouble) -> None:
    cls = SynthClient if mode == "sync" else AsyncSynthClient
    synth = cls(api_key=double.api_key, base_url=double.base_url)
    try:
        assert synth.base_url == double.base_url
        pool = await call(synth.pools.create_pool({"pool_id": _pid()}))
        assert pool["status"] == "created"
        with pytest.raises(ValueError, match="base_url"):
            cls(api_key=double.api_key, base_url=double.base_url, backend_base="http://other.example")
    finally:
        await close(synth)


@pytest.mark.parametrize("name", ["SynthClient", "EnvironmentPoolsClient", "ContainerPoolsClient"])
async def test_every_client_takes_base_url_and_refuses_two_different_bases(
    mode: str, name: str, double: StrictDouble
) -> None:
    cls = getattr(sp, name if mode == "sync" else f"Async{name}")
    client = cls(api_key=double.api_key, base_url=double.base_url)
    try:
        assert client.base_url == double.base_url
        pools = client.pools if name == "SynthClient" else client
        listed = pools.list_pools() if name != "EnvironmentPoolsClient" else pools.pools.list()
        assert isinstance(await call(listed), list | dict)
    finally:
        await close(client)
    # the container-pools client used to take backend_base silently over a different base_url
    with pytest.raises(ValueError, match=r"base_url.*pass only one"):
        cls(api_key=double.api_key, base_url=double.base_url, backend_base="http://other.example")


async def test_execute_bodies_reach_the_container_as_given(mode: str, double: StrictDouble) -> None:
    client = pools_client(mode, double)
    try:
        pool = await call(client.create_pool({"pool_id": _pid()}))
        answer = await call(client.execute_pool_container_rollout(pool["pool_id"], {"input": "hello"}))
        assert answer["input"] == {"input": "hello"}
    finally:
        await close(client)


@pytest.mark.parametrize("event_ids", [True, False])
async def test_container_streams_end_cleanly_and_keep_their_kinds(mode: str, event_ids: bool) -> None:
    with StrictDouble(newest=True, build_polls=0, event_ids=event_ids) as double:
        client = pools_client(mode, double)
        try:
            pool = await call(client.create_pool({"pool_id": _pid()}))
            await call(client.wait_until_active(pool["pool_id"], poll_interval=0.01))
            made = await call(client.create_rollout(pool["pool_id"], {"task_id": "t1"}))
            started = time.monotonic()
            stream = client.stream_rollout_events(pool["pool_id"], made["id"], max_retries=1)
            if mode == "async":
                stream = await stream  # the older async clients' form
            events = await collect(stream)
            assert time.monotonic() - started < 5  # no backoff after a clean end
            kinds = [e["event"] for e in events]
            if event_ids:
                assert kinds == ["lifecycle", "agent", "lifecycle"]
            else:  # no id: numbered by count, the kind from the `event:` line, each once
                assert kinds == ["rollout.started", "agent.message", "rollout.finished"]
            assert [e["seq"] for e in events] == [1, 2, 3]
            asked = [
                r["query"].get("after_sequence") for r in double.requests if r["path"].endswith("/events")
            ]
            # with ids the terminal event ends it; without, a clean end with nothing new after a
            # resume that asked past what was delivered (not the log again from 0)
            assert asked == (["0"] if event_ids else ["0", "3"])
        finally:
            await close(client)


async def test_await_on_an_async_stream_method_returns_the_stream(double: StrictDouble) -> None:
    async with AsyncEnvironmentPoolsClient(api_key=double.api_key, backend_base=double.base_url) as client:
        pid = await active_pool(client)
        handle = await client.rollouts.create(request(pid))
        stream = await client.rollouts.events(handle.rollout_id)
        assert [e["seq"] async for e in stream] == [1, 2, 3]


# ------------------------------------------------------------------ README against the double


def test_the_readme_quick_start_runs_against_the_newest_double(
    double: StrictDouble, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    source = re.findall(r"```python\n(.*?)```", readme, re.S)[0]
    source = source.replace("sk_...", double.api_key).replace("http://127.0.0.1:8787", double.base_url)
    source = source.replace(
        'wait_until_active(pool["pool_id"])', "wait_until_active(pool['pool_id'], poll_interval=0.01)"
    )
    exec(compile(source, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "'status': 'completed'" in out and "'wall_time_sec'" in out
    assert any(r["path"].startswith("/v1/pools/my-pool") and r["method"] == "GET" for r in double.requests)


def test_the_module_function_reports_a_partial_batch() -> None:
    with StrictDouble(newest=True, build_polls=0, concurrency_cap=1) as double:
        with EnvironmentPoolsClient(api_key=double.api_key, backend_base=double.base_url) as client:
            pool = client.pools.create({"pool_id": _pid()})
            client.pools.wait_until_active(pool["pool_id"], poll_interval=0.01)
        rows = sp.create_rollouts_batch(
            requests=[request(pool["pool_id"])] * 2, backend_base=double.base_url, api_key=double.api_key
        )
        assert isinstance(rows, sp.BatchAdmission) and [r["status"] for r in rows] == ["queued"]
        assert [x["index"] for x in rows.not_admitted] == [1]
