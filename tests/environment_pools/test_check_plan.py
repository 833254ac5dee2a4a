"""check_plan decides from /api/v1/me when it says something explicit, and otherwise asks the
service (one gated read) instead of refusing: the real /me (MeResponse) carries no plan."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import async_client, error, sync_client

MeResponse = {"org_id": "org_1", "org_name": "Acme", "user_email": "a@acme.dev", "user_id": "u1"}


def _service(me: Any, pools: httpx.Response | None = None) -> tuple[Any, list[str]]:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(f"{request.method} {request.url.path}?{request.url.query.decode()}")
        if request.url.path == "/api/v1/me":
            return httpx.Response(200, json=me)
        return pools if pools is not None else httpx.Response(200, json=[])

    client, _ = sync_client(handler, max_retries=0)
    return client, asked


@pytest.mark.parametrize(
    ("me", "decided_by"),
    [
        ({**MeResponse, "plan": "pro"}, "plan"),
        ({**MeResponse, "tier": "Team"}, "plan"),
        ({**MeResponse, "plan": "free", "feature_flags": {"environment_pools": True}}, "feature_flag"),
        ({**MeResponse, "feature_flags": ["environment_pools"]}, "feature_flag"),
        ({**MeResponse, "environment_pools_enabled": True}, "feature_flag"),
    ],
)
def test_an_explicit_plan_or_flag_decides_without_asking(me: Any, decided_by: str) -> None:
    client, asked = _service(me)
    checked = client.check_plan()
    assert checked["plan_check"]["decided_by"] == decided_by and checked["plan_check"]["allowed"]
    assert asked == ["GET /api/v1/me?"]


@pytest.mark.parametrize(
    "me",
    [
        {**MeResponse, "plan": "free"},
        {**MeResponse, "plan": "pro", "feature_flags": {"environment_pools": {"enabled": False}}},
        {**MeResponse, "environment_pools_enabled": False},
    ],
)
def test_an_explicit_refusal_raises_plan_gating(me: Any) -> None:
    client, asked = _service(me)
    with pytest.raises(sp.PlanGatingError) as info:
        client.check_plan()
    assert info.value.status_code == 403 and "pro" in info.value.required_plans
    assert asked == ["GET /api/v1/me?"]


@pytest.mark.parametrize("me", [MeResponse, {**MeResponse, "plan": "standard"}, {**MeResponse, "plan": None}])
def test_without_an_explicit_answer_it_asks_the_service(me: Any) -> None:
    client, asked = _service(me)
    checked = client.check_plan()
    assert checked["plan_check"] == {
        "decided_by": "service",
        "allowed": True,
        "plan": None,
        "probe": "GET /v1/pools?limit=1",
    }
    assert checked["org_id"] == "org_1" and asked[1] == "GET /v1/pools?limit=1"


def test_the_services_gated_answer_is_the_plan_gating_error() -> None:
    client, _ = _service(
        MeResponse, error(403, "plan_required", "Pools need a Pro plan", current_plan="free")
    )
    with pytest.raises(sp.PlanGatingError) as info:
        client.check_plan()
    assert info.value.current_plan == "free"
    other, _ = _service(MeResponse, error(403, "forbidden", "this key may not list pools; upgrade its scope"))
    with pytest.raises(sp.PermissionDeniedError) as refused:
        other.check_plan()
    assert not isinstance(refused.value, sp.PlanGatingError)


async def test_the_async_client_decides_the_same_way() -> None:

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/me":
            return httpx.Response(200, json=MeResponse)
        return error(403, "plan_required", "Pools need a Pro plan")

    client, _ = async_client(handler, max_retries=0)
    with pytest.raises(sp.PlanGatingError):
        await client.check_plan()
    await client.aclose()
