"""The checked-in spec: valid, normalised, generator-friendly, and covering every route of the service."""

from __future__ import annotations

import copy
import importlib
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import OpenAPIV31SpecValidator, OpenAPIV32SpecValidator, validate

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "synth-pools.yaml"
METHODS = ("get", "put", "post", "delete", "patch")

# Every route of shared/design/api-surface.md: (method, path as the real service spells it).
EXPECTED_ROUTES = [
    ("POST", "/v1/rollouts"),
    ("POST", "/v1/rollouts:validate"),
    ("POST", "/v1/rollouts/batch"),
    ("GET", "/v1/rollouts"),
    ("GET", "/v1/rollouts/{rollout_id}"),
    ("GET", "/v1/rollouts/{rollout_id}/summary"),
    ("GET", "/v1/rollouts/{rollout_id}/usage"),
    ("GET", "/v1/rollouts/{rollout_id}/support_bundle"),
    ("POST", "/v1/rollouts/{rollout_id}/replay"),
    ("POST", "/v1/rollouts/{rollout_id}/cancel"),
    ("GET", "/v1/rollouts/{rollout_id}/events"),
    ("GET", "/v1/rollouts/{rollout_id}/artifacts"),
    ("GET", "/v1/rollouts/{rollout_id}/artifacts.zip"),
    ("GET", "/v1/rollouts/{rollout_id}/artifacts/{path}"),
    ("GET", "/v1/pools"),
    ("POST", "/v1/pools"),
    ("GET", "/v1/pools/{pool_id}"),
    ("PUT", "/v1/pools/{pool_id}"),
    ("PATCH", "/v1/pools/{pool_id}"),
    ("DELETE", "/v1/pools/{pool_id}"),
    ("GET", "/v1/pools/{pool_id}/urls"),
    ("GET", "/v1/pools/{pool_id}/metrics"),
    ("GET", "/v1/pools/{pool_id}/tasks"),
    ("POST", "/v1/pools/{pool_id}/tasks"),
    ("PUT", "/v1/pools/{pool_id}/tasks/{task_id}"),
    ("PATCH", "/v1/pools/{pool_id}/tasks/{task_id}"),
    ("DELETE", "/v1/pools/{pool_id}/tasks/{task_id}"),
    ("POST", "/v1/pools/{pool_id}/rollouts"),
    ("GET", "/v1/pools/{pool_id}/rollouts"),
    ("GET", "/v1/pools/{pool_id}/rollouts/{rollout_id}"),
    ("POST", "/v1/pools/{pool_id}/rollouts/{rollout_id}/cancel"),
    ("GET", "/v1/pools/{pool_id}/rollouts/{rollout_id}/artifacts"),
    ("GET", "/v1/pools/{pool_id}/rollouts/{rollout_id}/usage"),
    ("GET", "/v1/pools/{pool_id}/rollouts/{rollout_id}/summary"),
    ("GET", "/v1/pools/{pool_id}/rollouts/{rollout_id}/events"),
    ("GET", "/v1/pools/{pool_id}/container/health"),
    ("GET", "/v1/pools/{pool_id}/container/info"),
    ("GET", "/v1/pools/{pool_id}/container/metadata"),
    ("GET", "/v1/pools/{pool_id}/tasks/{task_id}/container/health"),
    ("GET", "/v1/pools/{pool_id}/tasks/{task_id}/container/info"),
    ("GET", "/v1/pools/{pool_id}/tasks/{task_id}/container/metadata"),
    ("POST", "/v1/pools/{pool_id}/container/rollout"),
    ("POST", "/v1/pools/{pool_id}/tasks/{task_id}/container/rollout"),
    ("GET", "/v1/queue/status"),
    ("GET", "/v1/capabilities"),
    ("GET", "/v1/openapi.json"),
    ("GET", "/v1/schema.json"),
    ("POST", "/api/v1/credentials"),
    ("GET", "/api/v1/credentials"),
    ("PUT", "/api/v1/credentials/{credential_id}"),
    ("DELETE", "/api/v1/credentials/{credential_id}"),
    ("GET", "/api/v1/me"),
]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text())
    return loaded


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]


def test_spec_is_valid_openapi_31_apart_from_sse_item_schemas(spec: dict[str, Any]) -> None:
    # itemSchema (how SSE items are described) comes from OpenAPI 3.2; the generator and
    # Schemathesis read it. Validate the rest as 3.1, and the whole as 3.2.
    assert spec["openapi"] == "3.1.0"
    without_item_schemas = copy.deepcopy(spec)
    stripped = 0
    for _, _, op in operations(without_item_schemas):
        for response in op["responses"].values():
            media = response.get("content", {}).get("text/event-stream")
            if media and media.pop("itemSchema", None) is not None:
                stripped += 1
    assert stripped == 2, "both event-stream routes describe their items"
    validate(without_item_schemas, cls=OpenAPIV31SpecValidator)
    as_32 = copy.deepcopy(spec)
    as_32["openapi"] = "3.2.0"
    validate(as_32, cls=OpenAPIV32SpecValidator)


def test_spec_file_is_in_normal_form(spec: dict[str, Any]) -> None:
    regen = importlib.import_module("scripts.regen")
    assert SPEC_PATH.read_text() == regen.dump_normalised(spec), "re-normalise with scripts/regen.py"


def test_every_route_of_the_service_is_in_the_spec(spec: dict[str, Any]) -> None:
    present = {(method, path) for method, path, _ in operations(spec)}
    missing = [route for route in EXPECTED_ROUTES if route not in present]
    assert not missing
    # the rest are the real service's other routes of the family, from openapi/upstream.json
    upstream = yaml.safe_load((ROOT / "openapi" / "upstream.json").read_text())
    assert present == {(method, path) for method, path, _ in operations(upstream)}
    assert len(present) == 88


def test_every_operation_has_an_id_a_tag_and_documents_its_errors(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(spec)]
    assert len(ids) == len(set(ids))
    for method, path, op in operations(spec):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", op["operationId"]), path
        assert op.get("tags"), f"{method} {path} has no tag"
        codes = set(op["responses"])
        assert "401" in codes, f"{method} {path} does not document 401"
        assert "429" in codes, f"{method} {path} does not document 429"
        if "requestBody" in op:
            assert {"400", "413", "422"} <= codes, f"{method} {path}"
        if "{" in path:
            assert "404" in codes, f"{method} {path} has path parameters but no 404"
        if path.startswith("/v1/") and path not in {
            "/v1/capabilities",
            "/v1/openapi.json",
            "/v1/schema.json",
        }:
            assert "403" in codes, f"{method} {path} is plan gated but does not document 403"


def test_rate_limited_responses_carry_retry_after(spec: dict[str, Any]) -> None:
    assert "Retry-After" in spec["components"]["responses"]["TooManyRequests"]["headers"]


def test_create_routes_accept_an_idempotency_key(spec: dict[str, Any]) -> None:
    for method, path, op in operations(spec):
        # the real service declares the header nowhere; ours does on the routes of api-surface.md
        # (the SDK's creates); the routes that came from openapi/upstream.json keep the service's
        if (method, path) not in EXPECTED_ROUTES:
            continue
        if method == "POST" and not path.endswith((":validate", "/cancel")):
            names = {p.get("$ref", "").rsplit("/", 1)[-1] for p in op.get("parameters", [])}
            assert "IdempotencyKey" in names, f"{method} {path}"


def test_event_streams_speak_the_real_services_parameters(spec: dict[str, Any]) -> None:
    params = spec["components"]["parameters"]
    assert params["AfterSequence"]["schema"] == {"default": 0, "minimum": 0, "type": "integer"}
    assert params["EventLimit"]["schema"] == {
        "default": 200,
        "maximum": 1000,
        "minimum": 1,
        "type": "integer",
    }
    assert params["EventFormat"]["schema"]["pattern"] == "^(sse|json)$"
    for _, path, op in operations(spec):
        if path.endswith("/events"):
            names = {p.get("$ref", "").rsplit("/", 1)[-1] for p in op["parameters"]}
            # the declared three, and this backend's extensions
            assert {"AfterSequence", "EventLimit", "EventFormat", "LastEventId", "EventCursor"} <= names, path
            page = op["responses"]["200"]["content"]["application/json"]["schema"]
            assert page == {"$ref": "#/components/schemas/EventPage"}
            item = op["responses"]["200"]["content"]["text/event-stream"]["itemSchema"]
            assert "schema" not in op["responses"]["200"]["content"]["text/event-stream"]
            assert item["properties"]["data"]["contentSchema"] == {
                "$ref": "#/components/schemas/EventEnvelope"
            }


def _walk(node: Any, found: list[dict[str, Any]]) -> None:
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def _response_schemas(spec: dict[str, Any]) -> set[str]:
    """Names of component schemas reachable from any response."""
    schemas = spec["components"]["schemas"]
    seen: set[str] = set()
    todo: list[Any] = [spec["components"]["responses"]]
    for _, _, op in operations(spec):
        todo.append(op["responses"])
    while todo:
        nodes: list[dict[str, Any]] = []
        _walk(todo.pop(), nodes)
        for node in nodes:
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen:
                    seen.add(name)
                    todo.append(schemas[name])
    return seen


def test_responses_stay_open_to_new_fields_and_new_enum_values(spec: dict[str, Any]) -> None:
    # An old client must not crash when the service adds a field, a status or an event type.
    for name in _response_schemas(spec):
        nodes: list[dict[str, Any]] = []
        _walk(spec["components"]["schemas"][name], nodes)
        for node in nodes:
            assert node.get("additionalProperties") is not False, f"{name} is closed to new fields"
            assert "enum" not in node, f"{name} has an enum: a new value would break old clients"
    rollout = spec["components"]["schemas"]["Rollout"]["properties"]
    assert rollout["status"] == {"type": "string", "description": rollout["status"]["description"]}


def test_error_schema_is_not_named_after_its_property(spec: dict[str, Any]) -> None:
    # openapi-python-client emits code that fails mypy for schema `Error` with property `error`.
    assert "Error" not in spec["components"]["schemas"]
    assert spec["components"]["schemas"]["ErrorResponse"]["required"] == ["error"]


def test_request_types_of_the_seeds_are_typed(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    # the service's pool and rollout routes are untyped proxies (real-service.md): the spec
    # describes what Synth's clients send without demanding more (task_app_url and timeouts are
    # sent only when configured; pool_type and pool_id are defaulted/assigned)
    assert schemas["RolloutRequestV1"]["required"] == ["task_ref", "agent"]
    assert (
        "required" not in schemas["PoolConfigV1"] and schemas["PoolConfigV1"]["additionalProperties"] is True
    )
    canonical = {
        "context_overrides", "env", "inference_url", "instance_id", "limits", "messages", "metadata",
        "mode", "ops", "params", "policy", "policy_config", "pool_id", "record", "safety", "seed",
        "task_id", "trace_correlation_id", "override_bundle_id", "task_contract",
    }  # fmt: skip
    assert set(schemas["ContainerRolloutRequest"]["properties"]) == canonical
    assert schemas["ContainerRolloutRequest"]["additionalProperties"] is True  # free-form bodies
    assert "credential_value" not in schemas["CredentialResponse"]["properties"]
