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

# The service's pool and rollout routes are untyped proxies (real-service.md): the spec's schemas
# for them (overlay.yaml, issue 26) describe the bodies Synth's clients send, without rejecting
# unknown keys or demanding what the service does not. A body is checked against them, then for
# the few fields this backend needs to run it (`needed_errors`), every problem reported at once.
PROXY_OPERATIONS = frozenset(
    {
        "create_pool",
        "replace_pool",
        "update_pool",
        "create_rollout",
        "validate_rollout",
        "create_rollouts_batch",
        "create_pool_rollout",
        "execute_pool_container_rollout",
        "execute_task_container_rollout",
    }
)
# agent.harness as the service's vocabulary spells it (synth-ai 0.20-0.22); `claude-code` is the
# older spelling of claude_code, still accepted
HARNESSES = ("codex", "opencode", "pi", "claude_code", "other")
HARNESS_ALIASES = ("claude-code",)
MAX_ERRORS = 50


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
    # create_rollout's body is one of three shapes: an agent rollout is checked as RolloutRequestV1
    environment_validator: Draft202012Validator | None = None


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
        if out.operation_id == "create_rollout":
            out.environment_validator = self._validator("components/schemas/RolloutRequestV1")
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


def _fix(error: ValidationError, field_name: str) -> str:
    """What to change, in the words of the rule that failed."""
    rule, value = error.validator, error.validator_value
    name = field_name.split(".", 1)[-1]
    if rule == "required":
        return f"add `{name}`"
    if rule == "additionalProperties":
        allowed = sorted((error.schema or {}).get("properties", {})) if isinstance(error.schema, dict) else []
        return f"remove `{name}`" + (f" (allowed: {', '.join(allowed)})" if allowed else "")
    if rule == "enum":
        return f"use one of: {', '.join(map(str, value))}"
    if rule == "type":
        kinds = value if isinstance(value, list) else [value]
        return f"send `{name}` as {' or '.join(map(str, kinds))}"
    if rule in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return f"keep `{name}` within the allowed range ({rule} {value})"
    if rule == "pattern":
        desc = (error.schema or {}).get("description") if isinstance(error.schema, dict) else None
        return f"send `{name}` matching {value}" + (f": {desc}" if desc else "")
    if rule in ("minLength", "maxLength", "minItems", "maxItems"):
        return f"give `{name}` a length that satisfies {rule} {value}"
    return f"change `{name}` so that it satisfies `{rule}`"


def _item(field_name: str, message: str, code: str, fix: str) -> dict[str, str]:
    return {"field": field_name, "message": message, "code": code, "fix": fix}


def body_errors(op: Operation, body: Any, prefix: str = "body") -> list[dict[str, str]]:
    """Every problem of `body` (up to MAX_ERRORS), each with the field, the rule and a fix."""
    if op.body_validator is None:
        return []
    validator = op.body_validator
    if op.environment_validator is not None and isinstance(body, dict) and is_environment_request(body):
        validator = op.environment_validator
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    out = []
    for e in errors[:MAX_ERRORS]:
        bests = [e]
        if e.context:  # oneOf / anyOf: report every problem of the branch that got furthest
            furthest = max(e.context, key=lambda c: len(list(c.absolute_path)))
            branch = furthest.relative_schema_path[0]
            bests = [c for c in e.context if c.relative_schema_path[0] == branch]
        for best in bests:
            name = _field(best, prefix)
            out.append(_item(name, _message(best), str(best.validator), _fix(best, name)))
    if op.operation_id in PROXY_OPERATIONS and isinstance(body, dict):
        seen = [e["field"] for e in out]
        out += [
            e
            for e in needed_errors(op.operation_id, body, prefix)
            if not any(e["field"].startswith(f) or f.startswith(e["field"]) for f in seen)
        ]
    return out[:MAX_ERRORS]


def is_environment_request(body: dict[str, Any]) -> bool:
    """A RolloutRequestV1 (an agent on a task) names `task_ref` or `agent`; the container and
    harbor shapes carry neither."""
    return "task_ref" in body or "agent" in body


def rollout_needed_errors(body: Any, prefix: str) -> list[dict[str, str]]:
    """What this backend needs of one rollout request beyond its types: an agent rollout must
    name its task and a harness from the service's vocabulary. `task_app_url`, `timeouts` and
    `dataset` are optional (the service takes bodies without them)."""
    if not isinstance(body, dict) or not is_environment_request(body):
        return []
    out = []
    task_ref = body.get("task_ref")
    if not isinstance(task_ref, dict) or not task_ref.get("task_id"):
        out.append(
            _item(
                f"{prefix}.task_ref.task_id",
                "is required: an agent rollout runs one task",
                "required",
                "add `task_ref: {task_id: <a task of the pool>}` (`dataset` optional)",
            )
        )
    agent = body.get("agent")
    harness = (agent.get("harness") or agent.get("kind")) if isinstance(agent, dict) else None
    if not harness:
        out.append(
            _item(
                f"{prefix}.agent.harness",
                "is required: it names the agent that works the task",
                "required",
                f"add `agent: {{harness: ...}}` with one of: {', '.join(HARNESSES)}",
            )
        )
    elif harness not in HARNESSES + HARNESS_ALIASES:
        out.append(
            _item(
                f"{prefix}.agent.harness",
                f"unknown harness {str(harness)[:64]!r}",
                "enum",
                f"use one of: {', '.join(HARNESSES)} (`claude-code` is read as claude_code)",
            )
        )
    return out


def needed_errors(op_id: str, body: dict[str, Any], prefix: str) -> list[dict[str, str]]:
    if op_id in ("create_rollout", "validate_rollout"):
        return rollout_needed_errors(body, prefix)
    if op_id == "create_rollouts_batch":
        key = "rollouts" if "rollouts" in body else "requests"
        items = body.get(key)
        if not isinstance(items, list):
            return []  # absent: nothing to admit; another type: the schema says so
        return [e for i, item in enumerate(items) for e in rollout_needed_errors(item, f"{prefix}.{key}.{i}")]
    if op_id in ("create_pool", "replace_pool", "update_pool"):
        tasks = body.get("tasks")
        if not isinstance(tasks, list):
            return []  # its type error is reported by the schema
        return [
            _item(
                f"{prefix}.tasks.{i}.task_id",
                "is required: each task needs an id",
                "required",
                "add `task_id` (or `id`) to the task",
            )
            for i, task in enumerate(tasks)
            if isinstance(task, dict) and not (task.get("task_id") or task.get("id") or task.get("name"))
        ]
    return []


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


def _param_fix(error: dict[str, str], op: Operation) -> str:
    name = error["field"].split(".", 1)[-1]
    schema = next((p.schema for p in op.params if p.name == name), {})
    if error["code"] == "required":
        return f"send `{name}`"
    if "enum" in schema:
        return f"use one of: {', '.join(map(str, schema['enum']))}"
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "maxLength") if k in schema]
    kind = schema.get("type", "a valid value")
    return f"send `{name}` as {kind}" + (f" ({', '.join(bounds)})" if bounds else "")


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
        for e in errors:
            e["fix"] = _param_fix(e, op)
        raise ApiError(
            422,
            "validation_error",
            f"Request parameters are invalid: {errors[0]['field']}: {errors[0]['message']}; "
            f"Fix: {errors[0]['fix']}",
            details=errors,
        )
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
        more = f" (and {len(errors) - 1} more, all listed in details)" if len(errors) > 1 else ""
        raise ApiError(
            422,
            "validation_error",
            f"Request body is invalid: {errors[0]['field']}: {errors[0]['message']}{more}; "
            f"Fix: {errors[0]['fix']}",
            details=errors,
        )
    return body
