"""``client.call``: every spec operation is reachable by its operationId, any route by method and
path, and both are retried and error-mapped like every other call."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import synth_pools as sp
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from tests.support.fakes import BASE, SECRET_KEY, async_client, error, sync_client

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"


def _operations() -> dict[str, tuple[str, str, list[str], bool]]:
    """operationId -> (method, path template, path parameter names, has a JSON body)."""
    spec = yaml.safe_load(SPEC.read_text())
    ops = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                names = re.findall(r"\{([^}]+)\}", path)
                ops[op["operationId"]] = (method.upper(), path, names, "requestBody" in op)
    return ops


def _matches(template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+(?:/[^/]+)*?", re.escape(template))
    return re.fullmatch(pattern, path) is not None


def _recording() -> tuple[Any, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(
            200, json={"items": [], "ok": True, "status": "ok"}
        )  # any answer (a rollout needs an id or a status)

    return handler, sent


@pytest.mark.parametrize("operation_id", sorted(_operations()))
def test_every_spec_operation_is_reachable_by_its_operation_id(operation_id: str) -> None:
    method, template, names, has_body = _operations()[operation_id]
    handler, sent = _recording()
    client, _ = sync_client(handler)
    args = [f"{name}-1" for name in names]
    if operation_id == "fetch_rollout_artifact":
        args[-1] = "out/a.txt"
    # required query parameters by their wire names (the deployments and lease routes have some)
    required = yaml.safe_load(SPEC.read_text())["paths"][template][method.lower()].get("parameters", [])
    params = {p["name"]: "q" for p in required if p.get("in") == "query" and p.get("required")}
    client.call(operation_id, *args, body={} if has_body else None, params=params or None)
    (request,) = sent
    assert all(request.url.params[name] == "q" for name in params)
    assert request.method == method and _matches(template, request.url.path), (template, request.url.path)


def test_a_missing_required_query_parameter_is_refused_naming_it() -> None:
    handler, sent = _recording()
    client, _ = sync_client(handler)
    with pytest.raises(sp.SynthPoolsValidationError, match="project_id") as info:
        client.call("get_deployment", "p1", "t1")
    assert info.value.field == "params" and sent == []


def test_params_by_wire_name_and_undeclared_ones_reach_the_wire() -> None:
    handler, sent = _recording()
    client, _ = sync_client(handler)
    client.call("list_pools", params={"type": "sandbox", "limit": 1, "project_id": "proj"})
    assert dict(sent[0].url.params) == {"type": "sandbox", "limit": "1", "project_id": "proj"}


def test_a_body_reaches_an_operation_and_a_route_by_path() -> None:
    handler, sent = _recording()
    client, _ = sync_client(handler)
    client.call("create_pool", body={"pool_type": "sandbox", "anything": 1})
    client.call("POST", "/v1/container_leases", body={"pool_id": "p", "ttl_sec": 60}, params={"a": "b"})
    assert json.loads(sent[0].content) == {"pool_type": "sandbox", "anything": 1}
    assert sent[1].url.path == "/v1/container_leases" and dict(sent[1].url.params) == {"a": "b"}
    assert json.loads(sent[1].content) == {"pool_id": "p", "ttl_sec": 60}
    assert sent[0].headers["Idempotency-Key"] and sent[1].headers["Idempotency-Key"]


def test_by_operation_the_answer_is_read_as_its_kind_by_path_as_sent() -> None:
    answer = [{"pool": {"pool_id": "p1"}}]
    client, _ = sync_client(lambda request: httpx.Response(200, json=answer))
    assert client.call("list_pools")["items"][0]["pool_id"] == "p1"
    assert client.call("GET", "/v1/pools") == answer
    empty, _ = sync_client(lambda request: httpx.Response(204))
    assert empty.call("DELETE", "/v1/pools/p1") is None


def test_retried_with_one_idempotency_key_and_errors_mapped() -> None:
    keys: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers["Idempotency-Key"])
        return error(503, "unavailable", "later") if len(keys) < 3 else httpx.Response(200, json={"ok": 1})

    client, sleeps = sync_client(flaky, max_retries=3)
    assert client.call("POST", "/v1/pools/p1/pause") == {"ok": 1}
    assert len(keys) == 3 and len(set(keys)) == 1 and len(sleeps) == 2
    missing, _ = sync_client(lambda request: httpx.Response(404, json={"detail": "pool p9 not found"}))
    with pytest.raises(sp.NotFoundError, match="pool p9 not found"):
        missing.call("get_pool", "p9")
    gated, _ = sync_client(lambda request: error(403, "plan_required", "Pro plan"), max_retries=0)
    with pytest.raises(sp.PlanGatingError):
        gated.call("GET", "/v1/container_leases")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("no_such_operation",), "operation"),
        (("get_pool",), "operation"),  # its pool_id is missing
        (("get_pool", ".."), "pool_id"),
        (("create_pool",), "body"),
        (("GET", "v1/pools"), "path"),
        (("GET", "/v1/pools?limit=1"), "path"),
        (("GET", "/v1/../api/v1/me"), "path"),
        (("GET",), "path"),
        (("",), "operation"),
    ],
)
def test_bad_calls_are_refused_before_sending(args: tuple[str, ...], field: str) -> None:
    client, _ = sync_client(lambda request: pytest.fail("nothing may be sent"))
    with pytest.raises(sp.SynthPoolsValidationError) as info:
        client.call(*args)
    assert info.value.field == field and info.value.fix


def test_path_segments_are_encoded() -> None:
    handler, sent = _recording()
    client, _ = sync_client(handler)
    client.call("GET", "/v1/pools/a b/metrics")
    assert sent[0].url.raw_path == b"/v1/pools/a%20b/metrics"


async def test_every_client_has_the_same_call() -> None:
    handler, sent = _recording()
    env, _ = async_client(handler)
    assert (await env.call("get_pool", "p1"))["ok"] is True
    await env.aclose()
    pools = ContainerPoolsClient(
        api_key=SECRET_KEY, backend_base=BASE, transport=httpx.MockTransport(handler)
    )
    pools.call("GET", "/v1/container_leases")

    async def ahandler(request: httpx.Request) -> httpx.Response:
        return handler(request)

    apools = AsyncContainerPoolsClient(
        api_key=SECRET_KEY, backend_base=BASE, async_transport=httpx.MockTransport(ahandler)
    )
    await apools.call("POST", "/v1/container_leases/l1/renew")
    await apools.aclose()
    assert [r.url.path for r in sent] == [
        "/v1/pools/p1",
        "/v1/container_leases",
        "/v1/container_leases/l1/renew",
    ]


def test_a_body_reaches_an_operation_the_spec_declares_without_one() -> None:
    handler, sent = _recording()
    client, _ = sync_client(handler)
    client.call("get_pool_urls", "p1", body={"project_id": "proj"})  # untyped, like the real routes
    assert json.loads(sent[0].content) == {"project_id": "proj"}
