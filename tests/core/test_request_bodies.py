"""A request body is JSON the service can read, or nothing is sent: what JSON cannot carry (NaN,
Infinity, a set, a datetime, a cycle) is a typed error naming where it is in the body, on every
transport; a good body goes out as httpx's ``json=`` would write it."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest

import synth_pools as sp
from tests.support.backend import LocalBackend
from tests.support.faultproxy import FaultProxy


def _cycle() -> dict[str, Any]:
    loop: dict[str, Any] = {"name": "loop"}
    loop["self"] = loop
    return loop


BAD = [
    ({"score": float("nan")}, "body.metadata.score", "nan is not a JSON number"),
    ({"runs": [1, float("inf")]}, "body.metadata.runs[1]", "inf is not a JSON number"),
    ({"tags": {"a", "b"}}, "body.metadata.tags", "a set is not a JSON value"),
    ({"when": datetime.date(2026, 1, 1)}, "body.metadata.when", "a date is not a JSON value"),
    (_cycle(), "body.metadata.self", "it contains itself"),
]


async def _create(kind: str, url: str, key: str, body: dict[str, Any]) -> Any:
    if kind == "sync":
        with sp.EnvironmentPoolsClient(api_key=key, backend_base=url) as client:
            return client.pools.create(body)
    async with sp.AsyncEnvironmentPoolsClient(api_key=key, backend_base=url, async_transport=kind) as aclient:
        return await aclient.pools.create(body)


@pytest.mark.parametrize("kind", ["sync", "aiohttp", "httpx"])
@pytest.mark.parametrize(("metadata", "field", "problem"), BAD, ids=["nan", "inf", "set", "date", "cycle"])
async def test_a_body_json_cannot_carry_is_refused_naming_where_and_nothing_is_sent(
    backend: LocalBackend, proxy: FaultProxy, kind: str, metadata: dict[str, Any], field: str, problem: str
) -> None:
    body = {"pool_id": f"bodies-{uuid.uuid4().hex[:8]}", "pool_type": "sandbox", "metadata": metadata}
    with pytest.raises(sp.SynthPoolsValidationError) as caught:
        await _create(kind, proxy.url, backend.api_key, body)
    assert caught.value.field == field and problem in caught.value.problem, str(caught.value)
    assert "finite numbers" in caught.value.fix
    assert proxy.seen == []  # refused before the first attempt: nothing reached the service


@pytest.mark.parametrize("kind", ["sync", "aiohttp", "httpx"])
async def test_a_good_body_goes_out_as_httpx_json_writes_it(
    backend: LocalBackend, proxy: FaultProxy, kind: str
) -> None:
    body = {
        "pool_id": f"bodies-{uuid.uuid4().hex[:8]}",
        "pool_type": "sandbox",
        "metadata": {"note": "café ✓", "big": 2**70, "ratio": 0.1, "none": None, "list": [True, False]},
    }
    created = await _create(kind, proxy.url, backend.api_key, body)
    assert created["pool_id"] == body["pool_id"]
    [sent] = [s for s in proxy.seen if s.method == "POST"]
    # httpx 0.28's json= encoding: compact, UTF-8 (not \u-escaped), NaN refused
    assert sent.body == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    assert sent.headers.get("content-type") == "application/json"
    assert int(sent.headers["content-length"]) == len(sent.body)


def test_the_field_is_the_path_from_the_body_down() -> None:
    from synth_pools._json import request_body

    for body, field in [
        ([1, {"a": {1, 2}}], "body[1].a"),  # a list at the top
        ({".hidden": float("nan")}, "body..hidden"),  # a key's own dots are kept
        ({("t",): 1}, "body"),  # a key JSON cannot hold: the encoder's own words
    ]:
        with pytest.raises(sp.SynthPoolsValidationError) as caught:
            request_body(body)
        assert caught.value.field == field, caught.value
