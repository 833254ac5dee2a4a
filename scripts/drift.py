"""What changed between two upstream snapshots, and which of it breaks a client.

Operations are matched by method and path; an operation whose path keeps its shape but renames a
path parameter (`/v1/x/{id}` -> `/v1/x/{x_id}`) is reported as that rename, not as a removal plus an
addition. Breaking (for a client built from the old schema): an operation removed, a path parameter
renamed, a parameter removed, renamed (seen as removed + added), made required or retyped, a
required parameter added, a request body made required, a success response code removed.
Not breaking: an operation, an optional parameter or a response code added.

Our own small code rather than oasdiff (a Go binary: not on PyPI or npm here) or optic (its npm
package downloads a binary at install time, which this workplace cannot do); the checks are few
and the classification follows oasdiff's rule names so the words mean what they mean there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class Change:
    method: str
    path: str
    what: str  # e.g. "operation removed", "parameter added: query limit"
    breaking: bool
    operation_id: str | None  # ours (the product's), when the operation has one there
    bound: bool  # the SDK binds this operation

    def line(self) -> str:
        mark = "BREAKING" if self.breaking else "ok      "
        ours = (
            f" [{self.operation_id}{', bound by the SDK' if self.bound else ''}]" if self.operation_id else ""
        )
        return f"{mark} {self.method.upper()} {self.path}: {self.what}{ours}"


def _operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    }


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = spec
    for part in ref[2:].split("/"):
        target = target.get(part, {}) if isinstance(target, dict) else {}
    return target if isinstance(target, dict) else {}


def _parameters(spec: dict[str, Any], path: str, op: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    shared = spec["paths"][path].get("parameters", [])
    found = {}
    for raw in [*shared, *op.get("parameters", [])]:
        param = _resolve(spec, raw)
        if "name" in param:
            found[(param.get("in", "?"), param["name"])] = param
    return found


def _type_of(spec: dict[str, Any], param: dict[str, Any]) -> Any:
    schema = _resolve(spec, param.get("schema", {}))
    return {k: schema.get(k) for k in ("type", "format", "enum", "anyOf", "$ref") if k in schema}


def _success_codes(op: dict[str, Any]) -> set[str]:
    return {code for code in op.get("responses", {}) if str(code).startswith("2")}


def _compare_operation(
    old_spec: dict[str, Any],
    new_spec: dict[str, Any],
    paths: tuple[str, str],
    old: dict[str, Any],
    new: dict[str, Any],
) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    old_params = _parameters(old_spec, paths[0], old)
    new_params = _parameters(new_spec, paths[1], new)
    for key in sorted(old_params.keys() - new_params.keys()):
        found.append((f"parameter removed: {key[0]} {key[1]}", True))
    for key in sorted(new_params.keys() - old_params.keys()):
        required = bool(new_params[key].get("required"))
        found.append((f"parameter added: {key[0]} {key[1]}{' (required)' if required else ''}", required))
    for key in sorted(old_params.keys() & new_params.keys()):
        before, after = _type_of(old_spec, old_params[key]), _type_of(new_spec, new_params[key])
        if before != after:
            found.append((f"parameter retyped: {key[0]} {key[1]} {before} -> {after}", True))
        if not old_params[key].get("required") and new_params[key].get("required"):
            found.append((f"parameter made required: {key[0]} {key[1]}", True))
    old_body, new_body = old.get("requestBody"), new.get("requestBody")
    if old_body is None and new_body is not None:
        found.append(("request body added" + (" (required)" if new_body.get("required") else ""), False))
    elif old_body is not None and new_body is None:
        found.append(("request body removed", True))
    elif old_body is not None and new_body is not None and old_body != new_body:
        found.append(
            ("request body changed", bool(new_body.get("required")) and not old_body.get("required"))
        )
    old_codes, new_codes = set(old.get("responses", {})), set(new.get("responses", {}))
    for code in sorted(old_codes - new_codes):
        found.append((f"response code removed: {code}", code in _success_codes(old)))
    for code in sorted(new_codes - old_codes):
        found.append((f"response code added: {code}", False))
    return found


def compare(
    old: dict[str, Any], new: dict[str, Any], our_ids: dict[tuple[str, str], str], bound: set[str]
) -> list[Change]:
    """Every change from `old` to `new`; `our_ids` names operations as the product does."""
    old_ops, new_ops = _operations(old), _operations(new)

    def change(method: str, path: str, what: str, breaking: bool, id_path: str | None = None) -> Change:
        op_id = our_ids.get((method, id_path or path))
        return Change(method, path, what, breaking, op_id, op_id in bound)

    changes: list[Change] = []
    removed = sorted(old_ops.keys() - new_ops.keys())
    added = sorted(new_ops.keys() - old_ops.keys())
    renamed: dict[tuple[str, str], tuple[str, str]] = {}
    for method, path in removed:
        twins = [
            k for k in added if k[0] == method and _shape(k[1]) == _shape(path) and k not in renamed.values()
        ]
        if len(twins) == 1:
            renamed[(method, path)] = twins[0]
    for method, path in removed:
        if (method, path) in renamed:
            new_path = renamed[(method, path)][1]
            what = f"path parameters renamed: now {new_path}"
            changes.append(change(method, path, what, True))
        else:
            changes.append(change(method, path, "operation removed", True))
    for method, path in added:
        if (method, path) not in renamed.values():
            changes.append(change(method, path, "operation added", False))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        for what, breaking in _compare_operation(old, new, (key[1], key[1]), old_ops[key], new_ops[key]):
            changes.append(change(key[0], key[1], what, breaking))
    for old_key, new_key in renamed.items():
        for what, breaking in _compare_operation(
            old, new, (old_key[1], new_key[1]), old_ops[old_key], new_ops[new_key]
        ):
            if not what.startswith(("parameter removed: path", "parameter added: path")):
                changes.append(change(new_key[0], new_key[1], what, breaking, id_path=old_key[1]))
    return changes
