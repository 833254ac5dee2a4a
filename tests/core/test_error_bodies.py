"""Error bodies in every shape the real service or our backend sends become the typed errors:
FastAPI's ``detail`` list (one detail per field) and string (the message), our own
``{"error": {...}}`` envelope, and plan gating told apart from a plain 403."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import error, sync_client


def _raised(status: int, body: Any) -> sp.APIStatusError:
    client, _ = sync_client(lambda request: httpx.Response(status, json=body), max_retries=0)
    with pytest.raises(sp.APIStatusError) as info:
        client.pools.get("p1")
    return info.value


def test_a_fastapi_detail_list_names_every_field() -> None:
    secret = "cv_secret_value_123"
    body = {
        "detail": [
            {"type": "enum", "loc": ["body", "credential_type"], "msg": "Input should be 'API_KEY'", "input": "x"},
            {"type": "missing", "loc": ["body", "credential_value"], "msg": "Field required",
             "input": {"credential_value": secret}},
            {"type": "int_parsing", "loc": ["query", "limit"], "msg": "Input should be a valid integer"},
        ]
    }  # fmt: skip
    err = _raised(422, body)
    assert isinstance(err, sp.UnprocessableEntityError)
    assert err.fields == ["credential_type", "credential_value", "limit"]
    assert [e["message"] for e in err.errors][:2] == ["Input should be 'API_KEY'", "Field required"]
    assert err.errors[0]["loc"] == ["body", "credential_type"] and err.errors[0]["type"] == "enum"
    assert "credential_type: Input should be 'API_KEY'" in str(err) and "422 Unprocessable" not in str(err)
    assert secret not in str(err) and secret not in repr(err.body) and secret not in repr(err.errors)


def test_a_fastapi_detail_string_is_the_message() -> None:
    err = _raised(404, {"detail": "pool p1 not found"})
    assert isinstance(err, sp.NotFoundError) and err.message.startswith("pool p1 not found")
    assert err.code is None


def test_our_error_envelope_keeps_working() -> None:
    client, _ = sync_client(
        lambda r: error(
            422, "validation_error", "bad", details=[{"field": "body.pool_id", "message": "required"}]
        ),
        max_retries=0,
    )
    with pytest.raises(sp.UnprocessableEntityError) as info:
        client.pools.get("p1")
    assert info.value.code == "validation_error" and info.value.fields == ["pool_id"]
    assert "body.pool_id: required" in str(info.value) and info.value.request_id == "req_422"


@pytest.mark.parametrize(
    ("body", "gated"),
    [
        ({"error": {"code": "plan_required", "message": "nope"}}, True),
        ({"error": {"code": "feature_not_available", "message": "nope"}}, True),
        ({"detail": {"code": "upgrade_required", "message": "nope"}}, True),
        ({"detail": "Environment Pools is not on your plan"}, True),  # no code: the words decide
        # a code that is not plan gating wins over the words in its message
        (
            {
                "error": {
                    "code": "forbidden",
                    "message": "this key may not do that; upgrade it to an admin key",
                }
            },
            False,
        ),
        ({"detail": "this key belongs to another organisation"}, False),
    ],
)
def test_plan_gating_is_read_from_the_code_and_from_words_only_without_one(body: Any, gated: bool) -> None:
    err = _raised(403, body)
    assert isinstance(err, sp.PermissionDeniedError)
    assert isinstance(err, sp.PlanGatingError) is gated


def _error(status: int, body: Any) -> Any:
    from synth_pools._errors import error_from_response

    return error_from_response(httpx.Response(status, json=body))


def test_the_newest_error_words_are_read() -> None:
    err = _error(429, {"detail": {"error_code": "concurrency_limit_exceeded", "message": "cap",
                                  "retryable": True, "retry_after_seconds": 3}})  # fmt: skip
    assert isinstance(err, sp.RateLimitError) and err.code == "concurrency_limit_exceeded"
    assert err.retry_after == 3.0 and err.retryable is True
    flat = _error(503, {"message": "maintenance", "retryable": False})
    assert isinstance(flat, sp.InternalServerError) and flat.retryable is False
    assert "retry later" not in str(flat)
    credits = _error(402, {"detail": "Insufficient credits"})
    assert isinstance(credits, sp.InsufficientCreditsError) and "add credits" in str(credits)
    local = _error(501, {"error": {"code": "not_supported_locally", "message": "no deployments here"}})
    assert isinstance(local, sp.NotSupportedLocallyError) and local.retryable is False
    assert "retry" not in str(local).lower()
