"""Error statuses of the local backend surface as the SDK's typed errors, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from synth_pools._errors import (
    APIStatusError,
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PlanGatingError,
    RateLimitError,
    UnprocessableEntityError,
)
from tests.support.backend import LocalBackend

from ._support import RUN_TASK, SLOW_TASK, AnyClient, call, close, unique
from .test_e2e import MODES, make_client

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def pool(mode: str, backend: LocalBackend) -> AsyncIterator[tuple[AnyClient, str]]:
    """A client (no retries, so error tests never wait) and a pool with one task."""
    client = make_client(mode, backend, max_retries=0)
    pool_id = unique("err")
    await call(client.create_pool({"pool_id": pool_id, "pool_type": "sandbox"}))
    await call(client.create_task(pool_id, {"task_id": "t1", **RUN_TASK}))
    try:
        yield client, pool_id
    finally:
        await call(client.delete_pool(pool_id))
        await close(client)


async def test_missing_resources_are_not_found(pool: tuple[AnyClient, str]) -> None:
    client, pool_id = pool
    probes: list[Any] = [
        lambda: client.get_pool(unique("missing")),
        lambda: client.get_rollout(pool_id, "ro_missing"),
        lambda: client.get_global_rollout("ro_missing"),
        lambda: client.get_task_container_info(pool_id, "no-such-task"),
        lambda: client.delete_task(pool_id, "no-such-task"),
        lambda: client.stream_rollout_events(pool_id, "ro_missing"),
    ]
    for probe in probes:
        with pytest.raises(NotFoundError) as info:
            result = await call(probe())
            if hasattr(result, "__aiter__"):
                [_ async for _ in result]
            elif hasattr(result, "__iter__"):
                list(result)
        assert info.value.status_code == 404
        assert info.value.request_id, "the request id travels with the error"


async def test_free_plan_is_plan_gated(mode: str, backend: LocalBackend) -> None:
    client = make_client(mode, backend, api_key="sk_test_free", max_retries=0)
    try:
        with pytest.raises(PlanGatingError) as info:
            await call(client.list_pools())
        err = info.value
        assert err.status_code == 403 and err.code == "plan_required"
        assert err.current_plan == "free"
        assert "sk_test_free" not in str(err), "never echo the key"
        with pytest.raises(PlanGatingError):
            await call(client.create_rollout("any-pool", {"task_id": "t"}))
    finally:
        await close(client)


async def test_bad_key_is_an_authentication_error(mode: str, backend: LocalBackend) -> None:
    client = make_client(mode, backend, api_key="sk_not_a_key", max_retries=0)
    try:
        with pytest.raises(AuthenticationError) as info:
            await call(client.get_queue_status())
        assert info.value.status_code == 401
        assert "sk_not_a_key" not in str(info.value)
    finally:
        await close(client)


async def test_another_orgs_pool_is_invisible(
    pool: tuple[AnyClient, str], mode: str, backend: LocalBackend
) -> None:
    _, pool_id = pool
    other = make_client(mode, backend, api_key="sk_test_other", max_retries=0)
    try:
        with pytest.raises(NotFoundError):
            await call(other.get_pool(pool_id))
        assert pool_id not in {p["pool_id"] for p in (await call(other.list_pools()))["items"]}
    finally:
        await close(other)


async def test_duplicate_pool_is_a_conflict(pool: tuple[AnyClient, str]) -> None:
    client, pool_id = pool
    with pytest.raises(ConflictError) as info:
        await call(client.create_pool({"pool_id": pool_id, "pool_type": "sandbox"}))
    assert info.value.status_code == 409
    # a taken name stays taken: the server says so, and the SDK raised without retrying
    assert info.value.retryable is False


async def test_invalid_pool_is_unprocessable(pool: tuple[AnyClient, str]) -> None:
    client, _ = pool
    with pytest.raises(APIStatusError) as info:
        await call(client.create_pool({"pool_id": unique("bad"), "pool_type": "not-a-type"}))
    assert isinstance(info.value, UnprocessableEntityError)
    assert info.value.details, "the server names the offending field"


async def test_full_queue_is_rate_limited_with_retry_after(mode: str, fresh_backend: LocalBackend) -> None:
    # a backend of its own: on the shared one, other suites' rollouts could hold every worker
    # and turn the first create into the 429 too
    client = make_client(mode, fresh_backend, max_retries=0)
    pool_id = unique("full")
    try:
        await call(
            client.create_pool({"pool_id": pool_id, "pool_type": "sandbox", "max_running": 1, "max_queue": 0})
        )
        await call(client.create_task(pool_id, {"task_id": "slow", **SLOW_TASK}))
        first = await call(client.create_rollout(pool_id, {"task_id": "slow"}))
        with pytest.raises(RateLimitError) as info:
            await call(client.rollouts.create(pool_id, {"task_id": "slow"}))
        assert info.value.status_code == 429
        assert info.value.retry_after == pytest.approx(2.0)
        await call(client.cancel_rollout(pool_id, first["rollout_id"]))
    finally:
        await call(client.delete_pool(pool_id))
        await close(client)
