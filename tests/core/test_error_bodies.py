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
