"""Forced faults over httpx.MockTransport: retries, Retry-After, lost responses, error mapping."""

from __future__ import annotations

import json

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import SECRET_KEY, async_client, error, sync_client

ROLLOUT = {
    "task_ref": {"dataset": "d", "task_id": "t"},
    "agent": {"harness": "codex", "model_id": "gpt-5.2-codex"},
    "task_app_url": "https://app.example.com",
    "timeouts": {"agent_sec": 60},
    "pool_id": "p",
}
CREATED = {"rollout_id": "ro_1", "status": "queued", "created_at": "2025-01-01T00:00:00Z"}


def test_retry_after_header_is_honoured_then_success() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(
                429, json={"error": {"code": "rate_limited", "message": "slow"}}, headers={"Retry-After": "7"}
            )
        if len(calls) == 2:
            return httpx.Response(
                503, json={"error": {"code": "busy", "message": "x"}}, headers={"retry-after-ms": "250"}
            )
        return httpx.Response(200, json=CREATED)

    client, sleeps = sync_client(handler)
    assert client.rollouts.get("ro_1")["status"] == "queued"
    assert sleeps == [7.0, 0.25]
    assert len(calls) == 3


def test_rate_limit_error_carries_retry_after_when_retries_are_spent() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return error(429, "rate_limited", "too many", retry_after_ms=1500)

    client, sleeps = sync_client(handler, max_retries=1)
    with pytest.raises(sp.RateLimitError) as info:
        client.rollouts.get("ro_1")
    assert info.value.retry_after == 1.5
    assert info.value.request_id == "req_429"
    assert sleeps == [1.5]


def test_max_retries_zero_disables_retries() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return error(500, "internal", "boom")

    client, sleeps = sync_client(handler, max_retries=0)
    with pytest.raises(sp.InternalServerError):
        client.capabilities.get()
    assert len(calls) == 1 and sleeps == []


def test_backoff_without_retry_after_grows() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>bad gateway</html>", headers={"content-type": "text/html"})

    client, sleeps = sync_client(handler, max_retries=3)
    with pytest.raises(sp.InternalServerError) as info:
        client.capabilities.get()
    # 0.5 s doubling, each within +-25 %: 0.375-0.625, 0.75-1.25, 1.5-2.5
    assert [0.375 <= sleeps[0] <= 0.625, 0.75 <= sleeps[1] <= 1.25, 1.5 <= sleeps[2] <= 2.5] == [True] * 3
    assert "non-JSON" in info.value.message and info.value.status_code == 502


def test_create_whose_response_is_lost_is_retried_with_the_same_key() -> None:
    created: dict[str, dict[str, object]] = {}
    keys: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        key = request.headers["Idempotency-Key"]
        keys.append(key)
        created.setdefault(key, {**CREATED, "rollout_id": f"ro_{len(created) + 1}"})
        if len(keys) < 3:
            # the server did the work, but the response never arrives
            raise httpx.RemoteProtocolError("server disconnected without sending a response")
        return httpx.Response(201, json=created[key])

    client, _ = sync_client(handler)
    handle = client.rollouts.create(ROLLOUT)
    assert len(keys) == 3 and len(set(keys)) == 1
    assert len(created) == 1 and handle.rollout_id == "ro_1"


def test_callers_idempotency_key_is_used_and_every_post_has_one() -> None:
    seen: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.headers.get("Idempotency-Key")))
        if request.url.path.endswith("/cancel"):
            return httpx.Response(200, json={**CREATED, "status": "cancelled"})
        if request.method == "POST":
            return httpx.Response(201, json=CREATED)
        return httpx.Response(200, json=CREATED)

    client, _ = sync_client(handler)
    client.rollouts.create(ROLLOUT, idempotency_key="my-key-1")
    client.rollouts.cancel("ro_1")
    client.rollouts.get("ro_1")
    assert seen[0] == ("POST", "my-key-1")
    assert seen[1][0] == "POST" and seen[1][1]
    assert seen[2] == ("GET", None)


def test_connect_errors_become_typed_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out")

    client, sleeps = sync_client(handler, max_retries=2)
    with pytest.raises(sp.APITimeoutError):
        client.rollouts.get("ro_1")
    assert len(sleeps) == 2

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    client, _ = sync_client(refused, max_retries=0)
    with pytest.raises(sp.APIConnectionError) as info:
        client.rollouts.get("ro_1")
    assert not isinstance(info.value, sp.APITimeoutError)


@pytest.mark.parametrize(
    ("response", "cls"),
    [
        (error(400, "bad_request", "bad"), sp.BadRequestError),
        (error(401, "unauthorized", "no key"), sp.AuthenticationError),
        (error(403, "forbidden", "other org"), sp.PermissionDeniedError),
        (
            error(403, "plan_required", "upgrade", current_plan="free", upgrade_url="https://u"),
            sp.PlanGatingError,
        ),
        (error(403, "feature_not_available", "no pools here"), sp.PlanGatingError),
        (error(403, "upgrade_required", "no pools here"), sp.PlanGatingError),
        # without a code, the message's words decide; a code that is not plan gating wins
        (httpx.Response(403, json={"detail": "Upgrade required to use this feature"}), sp.PlanGatingError),
        (
            httpx.Response(403, json={"message": "Your plan does not include Environment Pools"}),
            sp.PlanGatingError,
        ),
        (error(403, "forbidden", "Upgrade required to use this feature"), sp.PermissionDeniedError),
        (error(403, "forbidden", "key lacks the pools:write scope"), sp.PermissionDeniedError),
        (error(404, "not_found", "nope"), sp.NotFoundError),
        (error(409, "conflict", "exists", retryable=False), sp.ConflictError),
        (
            error(422, "invalid", "bad field", details=[{"field": "pool_id", "message": "required"}]),
            sp.UnprocessableEntityError,
        ),
        (httpx.Response(520, text=""), sp.InternalServerError),
        (httpx.Response(418, json={"detail": "teapot"}), sp.APIStatusError),
        (httpx.Response(500, json=["not", "an", "object"]), sp.InternalServerError),
    ],
)
def test_every_status_maps_to_a_typed_error(response: httpx.Response, cls: type[Exception]) -> None:
    client, _ = sync_client(lambda request: response, max_retries=0)
    with pytest.raises(cls) as info:
        client.rollouts.get("ro_1")
    err = info.value
    assert isinstance(err, sp.APIStatusError) and type(err) is cls
    assert err.status_code == response.status_code
    assert SECRET_KEY not in str(err) and SECRET_KEY not in repr(err.args)


def test_plan_gating_error_fields_and_message() -> None:
    response = error(
        403,
        "plan_required",
        "Environment Pools requires Pro",
        current_plan="free",
        required_plans=["pro", "team"],
    )
    client, _ = sync_client(lambda request: response)
    with pytest.raises(sp.PlanGatingError) as info:
        client.pools.list()
    assert info.value.current_plan == "free"
    assert info.value.required_plans == ["pro", "team"]
    assert "upgrade" in str(info.value).lower()
    assert info.value.request_id == "req_403"


def test_non_json_success_body_is_a_typed_error() -> None:
    client, _ = sync_client(lambda request: httpx.Response(200, text="<html>login</html>"))
    with pytest.raises(sp.APIResponseValidationError):
        client.rollouts.get("ro_1")
    client, _ = sync_client(lambda request: httpx.Response(200, json=[1, 2]))
    with pytest.raises(sp.APIResponseValidationError):
        client.rollouts.get("ro_1")


def test_unknown_status_and_extra_fields_are_kept() -> None:
    body = {**CREATED, "status": "hibernating", "brand_new_field": {"x": 1}}
    client, _ = sync_client(lambda request: httpx.Response(200, json=body))
    got = client.rollouts.get("ro_1")
    assert got["status"] == "hibernating" and got["brand_new_field"] == {"x": 1}
    usage = {"rollout_id": "ro_1", "cost_usd": 0.5, "gpu_minutes": 3}
    snap = sp.UsageSnapshot.from_dict(usage)
    assert snap.cost_usd == 0.5 and snap.extra == {"gpu_minutes": 3}


def test_secrets_never_in_reprs_or_requests_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="synth_pools")
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        assert request.headers["Authorization"] == f"Bearer {SECRET_KEY}"
        return error(503, "busy", "x") if len(calls) == 1 else httpx.Response(200, json=CREATED)

    client, _ = sync_client(handler)
    client.rollouts.get("ro_1")
    assert SECRET_KEY not in repr(client) and SECRET_KEY not in repr(client._config)
    assert SECRET_KEY not in caplog.text and "retrying" in caplog.text


def test_credential_values_are_sent_but_never_echoed_in_errors() -> None:
    secret = "ghp_credential_value_XYZ"
    bodies: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return error(422, "invalid", "credential_type is not supported")

    client, _ = sync_client(handler)
    with pytest.raises(sp.UnprocessableEntityError) as info:
        client.credentials.store(
            credential_name="gh", credential_type="github_pat", credential_value={"token": secret}
        )
    assert bodies[0]["credential_value"] == json.dumps({"token": secret}, separators=(",", ":"))
    assert secret not in str(info.value)


def test_api_version_switches_to_internal_prefix_but_not_for_credentials() -> None:
    paths: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(request.url.path)
        return httpx.Response(200, json={"items": [], "next_cursor": None})

    client, _ = sync_client(handler, api_version="internal")
    client.pools.list()
    client.credentials.list()
    assert paths == ["/api/v1/environment-pools/pools", "/api/v1/credentials"]


def test_page_walker_stops_on_echoed_cursor() -> None:
    calls: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        calls.append(cursor)
        if cursor is None:
            return httpx.Response(200, json={"items": [{"pool_id": "a"}], "next_cursor": "c1"})
        # an echoing server: returns the same cursor forever
        return httpx.Response(200, json={"items": [{"pool_id": "b"}], "cursor": "c1"})

    client, _ = sync_client(handler)
    assert [p["pool_id"] for p in client.pools.list()] == ["a", "b"]
    assert calls == [None, "c1"]


def test_list_of_unexpected_shape_raises_instead_of_returning_empty() -> None:
    client, _ = sync_client(lambda request: httpx.Response(200, json={"pools": "?"}))
    with pytest.raises(sp.SynthPoolsError):
        client.pools.list()


async def test_async_retry_and_lost_response_reuse_key() -> None:
    keys: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers["Idempotency-Key"])
        if len(keys) == 1:
            raise httpx.ReadError("reset")
        if len(keys) == 2:
            return httpx.Response(
                429, json={"error": {"code": "rl", "message": "x"}}, headers={"Retry-After": "3"}
            )
        return httpx.Response(201, json=CREATED)

    client, sleeps = async_client(handler)
    async with client:
        handle = await client.rollouts.create(ROLLOUT)
    assert handle.rollout_id == "ro_1"
    assert len(set(keys)) == 1 and len(keys) == 3
    assert sleeps[1] == 3.0


async def test_async_errors_map_the_same_way() -> None:
    client, _ = async_client(lambda request: error(403, "plan_required", "upgrade"))
    with pytest.raises(sp.PlanGatingError):
        await client.pools.get("p")
    await client.aclose()
