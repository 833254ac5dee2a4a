"""The spec's operations the local backend has no handler for answer 501 not_supported_locally."""

from __future__ import annotations

from pathlib import Path

import httpx
import yaml

from synth_pools_server.app import unsupported_operations
from synth_pools_server.validation import Spec
from tests.server.helpers import client
from tests.support.backend import LocalBackend

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"


def _without_handler() -> dict[str, tuple[str, str]]:
    return {op.operation_id: (op.method, op.path) for op in unsupported_operations(Spec())}


def test_the_operations_without_a_handler_document_their_501() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    for op_id, (method, path) in _without_handler().items():
        assert spec["paths"][path][method.lower()]["responses"]["501"] == {
            "$ref": "#/components/responses/NotSupportedLocally"
        }, op_id
    assert {"get_deployment", "mutate_deployment"} <= set(_without_handler())


def test_capabilities_list_exactly_the_operations_without_a_handler(backend: LocalBackend) -> None:
    with client(backend) as c:
        listed = c.get("/v1/capabilities").json()["not_supported_locally"]
    assert listed == sorted(_without_handler())


UUID = "00000000-0000-4000-8000-000000000000"
# the one typed request body among them (the service's DeploymentOperationRequest)
BODIES = {"mutate_deployment": {"project_id": UUID, "operation": "create", "idempotency_key": "k1"}}


def _required_query(path: str, method: str) -> dict[str, str]:
    """A valid value for each required query parameter (the backend validates before its 501)."""
    op = yaml.safe_load(SPEC.read_text())["paths"][path][method.lower()]
    return {
        p["name"]: UUID if p["schema"].get("format") == "uuid" else "q"
        for p in op.get("parameters", [])
        if p.get("in") == "query" and p.get("required")
    }


def test_each_answers_501_with_its_operation_named(backend: LocalBackend) -> None:
    with client(backend) as c:
        for op_id, (method, template) in sorted(_without_handler().items()):
            path = template.replace("{", "x").replace("}", "")
            params = _required_query(template, method)
            body = BODIES.get(op_id, {}) if method == "POST" else None
            r = c.request(method, path, params=params, json=body)
            assert r.status_code == 501, (op_id, r.status_code, r.text)
            err = r.json()["error"]
            assert err["code"] == "not_supported_locally" and err["operation_id"] == op_id
            assert err["retryable"] is False  # no retry makes the local backend grow a handler
            assert method in err["message"] and template in err["message"]


def test_authentication_and_the_plan_come_first(backend: LocalBackend) -> None:
    r = httpx.get(f"{backend.base_url}/v1/pools/p/deployments/t", params={"project_id": UUID})
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    with client(backend, "sk_test_free") as c:
        r = c.get("/v1/pools/p/deployments/t", params={"project_id": UUID})
    assert r.status_code == 403 and r.json()["error"]["code"] == "plan_required"
