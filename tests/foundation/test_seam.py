"""The one seam to the generated client (``synth_pools._operations``) against the spec.

Every spec operation has exactly one builder there (its ``Operation``), whose path parameters are
the spec's, and nothing else in the SDK reaches into ``synth_pools._generated.api``: a
``make regen`` that adds, removes or renames an operation fails here until the SDK follows.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from synth_pools._operations import GENERATED_API, bind, operation, operations

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi" / "synth-pools.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
SEAM = ROOT / "synth_pools" / "_operations.py"


def _spec_operations() -> list[tuple[str, str, str]]:
    """(operationId, METHOD, path template) of every operation in the spec, duplicates kept."""
    spec = yaml.safe_load(SPEC.read_text())
    return [
        (op["operationId"], method.upper(), path)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    ]


SPEC_OPERATIONS = _spec_operations()


def test_every_spec_operation_has_exactly_one_builder() -> None:
    ids = [operation_id for operation_id, _, _ in SPEC_OPERATIONS]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicated, f"operationIds used twice in the spec: {duplicated}"
    assert sorted(operations()) == sorted(ids)
    assert len(operations()) == len(SPEC_OPERATIONS)


@pytest.mark.parametrize(("operation_id", "method", "template"), SPEC_OPERATIONS, ids=lambda v: str(v))
def test_builder_path_parameters_match_the_spec(operation_id: str, method: str, template: str) -> None:
    op = operation(operation_id)
    names = re.findall(r"\{([^}]+)\}", template)
    assert op.path_parameters == tuple(names), template
    values = [f"v{i}" for i in range(len(names))]
    signature = inspect.signature(op.module._get_kwargs).parameters
    needs_body = "body" in signature and signature["body"].default is inspect.Parameter.empty
    # required query parameters (the real service's deployments and lease routes have some)
    required = {
        name: "q"
        for name, p in signature.items()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
        and p.default is inspect.Parameter.empty
        and name != "body"
    }
    expected = template
    for name, value in zip(names, values, strict=True):
        expected = expected.replace("{" + name + "}", value)
    # the deployments routes' query parameter idempotency_key is build()'s own option, passed on
    key = required.pop("idempotency_key", None)
    request = op.build(*values, body={} if needs_body else None, idempotency_key=key, **required)
    if key is not None:
        assert request.params["idempotency_key"] == key and request.idempotency_key == key
    assert request.method == method
    assert request.url == expected


def test_an_unknown_operation_id_names_the_fix() -> None:
    with pytest.raises(LookupError, match=r"no generated operation 'get_rolout'.*make regen"):
        bind("get_rolout", "r1")


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def test_only_the_seam_imports_generated_operations() -> None:
    offenders = []
    for top in ("synth_pools", "synth_pools_server", "scripts", "tests", "benchmarks", "examples"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "_generated" in path.relative_to(ROOT).parts or path == SEAM:
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{line} {name}"
                for line, name in _imports(path)
                if name.startswith(GENERATED_API + ".") or name == GENERATED_API
            ]
    assert not offenders, f"bind by operationId through synth_pools._operations instead: {offenders}"


def _bound_operation_ids(path: Path) -> list[tuple[int, str]]:
    """String literals given as the operationId to bind / _call / EventRoute / operation."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func: Any = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0]
        is_literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if name in ("bind", "_call", "EventRoute", "operation") and is_literal:
            found.append((node.lineno, first.value))
    return found


def test_every_operation_id_the_sdk_binds_is_generated() -> None:
    unknown, bound = [], set()
    for path in sorted((ROOT / "synth_pools").rglob("*.py")):
        if "_generated" in path.relative_to(ROOT).parts:
            continue
        for line, operation_id in _bound_operation_ids(path):
            bound.add(operation_id)
            if operation_id not in operations():
                unknown.append(f"{path.relative_to(ROOT)}:{line} {operation_id!r}")
    assert not unknown
    assert bound, "the scan found no bind('<operationId>', ...) call: it no longer reads the SDK"


def test_the_index_is_built_without_importing_any_operation() -> None:
    code = (
        "import sys; from synth_pools._operations import operations, bind; n = len(operations()); "
        "loaded = lambda: sorted(m for m in sys.modules if m.count('.') == 4 and '.api.' in m); "
        "before = loaded(); bind('get_rollout', 'r1'); print(n, before, loaded())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split(" ", 1)
    assert int(out[0]) == len(SPEC_OPERATIONS)
    assert out[1].strip() == "[] ['synth_pools._generated.api.container_pools.get_rollout']"
