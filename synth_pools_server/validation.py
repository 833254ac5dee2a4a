"""Request validation against openapi/synth-pools.yaml: parameters and JSON bodies, per operationId.

The spec is the single source of truth: nothing here restates a field; every rule comes from the
YAML through jsonschema (Draft 2020-12, which OpenAPI 3.1 schemas are).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

import yaml
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012 as _DRAFT

from . import jsonguard
from .config import SPEC_PATH
from .errors import ApiError

SPEC_URI = "urn:synth-pools-spec"


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class Param:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    validator: Draft202012Validator


@dataclass
class Operation:
    operation_id: str
    method: str
    path: str
    params: list[Param] = field(default_factory=list)
    body_validator: Draft202012Validator | None = None
    body_required: bool = False


class Spec:
    def __init__(self) -> None:
        self.text = SPEC_PATH.read_text(encoding="utf-8")
        self.doc: dict[str, Any] = yaml.safe_load(self.text)
        resource = Resource.from_contents(self.doc, default_specification=_DRAFT)
        self.registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
        self.operations: dict[str, Operation] = {}
        for path, item in self.doc["paths"].items():
            shared = item.get("parameters", [])
            for method, op in item.items():
                if method == "parameters":
                    continue
                self.operations[op["operationId"]] = self._operation(path, method, op, shared)

    def _validator(self, pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"{SPEC_URI}#/{pointer}"}, registry=self.registry)

    def _resolve(self, node: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        ref = node.get("$ref")
        if not ref:
            return node, None
        parts = ref.removeprefix("#/").split("/")
        target: Any = self.doc
        for p in parts:
            target = target[p]
        return target, ref.removeprefix("#/")

    def _operation(self, path: str, method: str, op: dict[str, Any], shared: list[Any]) -> Operation:
        out = Operation(op["operationId"], method.upper(), path)
        for index, raw in enumerate([*shared, *op.get("parameters", [])]):
            param, ref = self._resolve(raw)
            if ref:
                pointer = f"{ref}/schema"
            else:
                offset = index - len(shared)
                pointer = _pointer("paths", path, method, "parameters", str(offset), "schema")
                if offset < 0:
                    pointer = _pointer("paths", path, "parameters", str(index), "schema")
            out.params.append(
                Param(
                    param["name"],
                    param["in"],
                    bool(param.get("required")),
                    param["schema"],
                    self._validator(pointer),
                )
            )
        body = op.get("requestBody")
        if body:
            out.body_required = bool(body.get("required"))
            out.body_validator = self._validator(
                _pointer("paths", path, method, "requestBody", "content", "application/json", "schema")
            )
        return out

    @cached_property
    def json_text(self) -> str:
        return json.dumps(self.doc, ensure_ascii=False)

    @cached_property
    def request_schemas(self) -> dict[str, Any]:
        """JSON Schemas of every request type, self-contained under `$defs` (served at /v1/schema.json)."""
        schemas = self.doc["components"]["schemas"]
        names = sorted(
            {r.split("/")[-1] for r in _refs(self._request_roots())}
            | _closure(schemas, self._request_roots())
        )
        defs = {n: _rewrite(schemas[n]) for n in names}
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "synth-pools request types",
            "$defs": defs,
        }

    def _request_roots(self) -> list[Any]:
        return [
            op.get("requestBody", {}).get("content", {})
            for item in self.doc["paths"].values()
            for op in item.values()
            if isinstance(op, dict)
        ]


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                found.add(v)
            else:
                found |= _refs(v)
    elif isinstance(node, list):
        for v in node:
            found |= _refs(v)
    return found


def _closure(schemas: dict[str, Any], roots: Any) -> set[str]:
    seen: set[str] = set()
    todo = [r.split("/")[-1] for r in _refs(roots)]
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        todo.extend(r.split("/")[-1] for r in _refs(schemas[name]))
    return seen


def _rewrite(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: (v.replace("#/components/schemas/", "#/$defs/") if k == "$ref" else _rewrite(v))
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(v) for v in node]
    return node


def _field(error: ValidationError, prefix: str) -> str:
    parts = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [r for r in error.validator_value if r not in error.instance]
        if missing:
            parts.append(str(missing[0]))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set((error.schema or {}).get("properties", {})) if isinstance(error.schema, dict) else set()
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            parts.append(str(extra[0]))
    return ".".join([prefix, *parts]) if parts else prefix


def _message(error: ValidationError) -> str:
    # jsonschema messages embed the offending value; cap them so a huge or secret-looking input
    # is not echoed back whole.
    msg = str(error.message)
    return msg if len(msg) <= 300 else msg[:300] + "…"


def body_errors(op: Operation, body: Any, prefix: str = "body") -> list[dict[str, str]]:
    if op.body_validator is None:
        return []
    errors = sorted(op.body_validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    out = []
    for e in errors[:20]:
        best = e
        if e.context:  # oneOf / anyOf: report the branch that got furthest
            best = max(e.context, key=lambda c: len(list(c.absolute_path)))
        out.append({"field": _field(best, prefix), "message": _message(best), "code": str(best.validator)})
    return out


def _convert(raw: str, schema: dict[str, Any]) -> Any:
    kind = schema.get("type")
    if kind == "integer":
        return int(raw)
    if kind == "number":
        return float(raw)
    if kind == "boolean":
        low = raw.lower()
        if low in ("true", "1"):
            return True
        if low in ("false", "0"):
            return False
        raise ValueError("expected true or false")
    if schema.get("format") == "date-time":
        datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return raw


def check_params(
    op: Operation, path: dict[str, str], query: dict[str, str], headers: dict[str, str]
) -> dict[str, Any]:
    """Validate and convert parameters; returns {name: value} for those present."""
    values: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    sources = {"path": path, "query": query, "header": headers}
    for p in op.params:
        src = sources.get(p.location, {})
        key = p.name.lower() if p.location == "header" else p.name
        if key not in src:
            if p.required:
                errors.append(
                    {"field": f"{p.location}.{p.name}", "message": "is required", "code": "required"}
                )
            continue
        raw = src[key]
        try:
            value = _convert(raw, p.schema)
        except ValueError:
            errors.append(
                {
                    "field": f"{p.location}.{p.name}",
                    "message": f"not a valid {p.schema.get('type', 'value')}",
                    "code": "type",
                }
            )
            continue
        errs = list(p.validator.iter_errors(value))
        if errs:
            errors.append(
                {
                    "field": f"{p.location}.{p.name}",
                    "message": _message(errs[0]),
                    "code": str(errs[0].validator),
                }
            )
            continue
        values[p.name] = value
    if errors:
        raise ApiError(422, "validation_error", "Request parameters are invalid", details=errors)
    return values


def check_body(op: Operation, raw: bytes, content_type: str) -> Any:
    if op.body_validator is None:
        return None
    if not raw.strip():
        if op.body_required:
            raise ApiError(
                422,
                "validation_error",
                "A JSON request body is required",
                details=[{"field": "body", "message": "is required", "code": "required"}],
            )
        return {}
    # The content type is not enforced: clients such as `curl -d` label JSON as form data.
    body = jsonguard.loads(raw)  # 400 for non-JSON; 422 for surrogates, NaN/Infinity, depth, array sizes
    errors = body_errors(op, body)
    if errors:
        raise ApiError(
            422,
            "validation_error",
            f"Request body is invalid: {errors[0]['field']}: {errors[0]['message']}",
            details=errors,
        )
    return body
