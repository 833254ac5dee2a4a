"""The backend's routes are the spec's operations: each served by the Api method of its name."""

from __future__ import annotations

import ast
import inspect

import synth_pools_server.app
from synth_pools_server.app import Api, routes_of
from synth_pools_server.validation import Spec


def test_every_spec_operation_has_one_route_and_a_handler() -> None:
    spec = Spec()
    routed = [(method, op_id) for _, methods in routes_of(spec) for method, (op_id, _) in methods.items()]
    assert sorted(op_id for _, op_id in routed) == sorted(spec.operations)
    # an operation without a handler answers 501 not_supported_locally, and the spec says so on it
    # (the real service's routes that arrived from openapi/upstream.json, until someone writes one)
    unhandled = [op for op in spec.operations.values() if not hasattr(Api, op.operation_id)]
    for op in unhandled:
        responses = spec.doc["paths"][op.path][op.method.lower()]["responses"]
        assert responses.get("501") == {"$ref": "#/components/responses/NotSupportedLocally"}, op.operation_id


def test_static_paths_come_before_templated_ones() -> None:
    paths = [path for path, _ in routes_of(Spec())]
    assert paths.index("/v1/rollouts/batch") < paths.index("/v1/rollouts/{rollout_id}")
    assert "/v1/rollouts/{rollout_id}/artifacts/{path:anypath}" in paths


def test_handlers_reach_the_store_only_through_the_backend() -> None:
    # app.py is HTTP over `Backend`: a handler that read the store itself would bypass its rules
    tree = ast.parse(inspect.getsource(synth_pools_server.app))
    reads = [
        node.lineno for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr == "store"
    ]
    assert reads == [], f"app.py reads .store at lines {reads}: add a Backend method instead"
