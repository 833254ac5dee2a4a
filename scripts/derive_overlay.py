"""Derive openapi/overlay.yaml from (openapi/upstream.json, the spec we want).

    python scripts/derive_overlay.py            # overlay := diff(upstream, openapi/synth-pools.yaml)
    python scripts/derive_overlay.py --check    # fail unless the overlay already yields the spec

Written once to move our hand-kept spec onto the upstream snapshot without losing anything the SDK
and the local backend rely on. Spec edits now go into openapi/overlay.yaml; this script stays for
the case where a branch edited synth-pools.yaml itself (a rebase across the move, say): run it and
the overlay takes the edit.

What it adds while deriving (each only where the spec does not have it yet):
- a path the real service spells with other parameter names gets the service's names (the wire is
  the same; the service wins, api design rule);
- every upstream operation the spec lacks, as the service publishes it, plus a stable operationId
  (FastAPI's generated id less its path and method), a tag, our error responses and a 501
  `not_supported_locally` (the local backend has no handler for it until someone writes one).

The overlay is one action per spec part a person edits: one per root key, per component and per
operation (with `remove` actions before it where the upstream has something ours has not).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts import spec_sources as src

OVERLAY_INFO = {
    "title": "synth-pools: our additions to the real backend's schema",
    "version": "1.0.0",
    "description": (
        "Applied by scripts/regen.py (oas-patch) to openapi/upstream.json; the product is "
        "openapi/synth-pools.yaml. Edit the spec here, then run `make regen`."
    ),
}
NOT_SUPPORTED_LOCALLY = {
    "description": (
        "The local backend (synth-pools serve) has no handler for this operation; the real service "
        "serves it. Error code not_supported_locally; /v1/capabilities lists these operations."
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
}
# Where an upstream-only operation's generated module goes (generated/api/<tag>/<operationId>.py).
TAG_RULES = [
    ("/v1/container_leases", "container-leases"),
    ("/runtime_image_releases", "runtime-images"),
    ("/deployment", "deployments"),
    ("/inference/", "inference"),
    ("/native_", "rollout-traces"),
    ("/trace_archives", "rollout-traces"),
    ("/container/", "containers"),
    ("/v1/pools/", "pools"),
]


def _key(name: str) -> str:
    return f".{name}" if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) else f"['{name}']"


def _atomic(key: str, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Parts replaced whole: a schema or a reference reads better as ours than as a patch of theirs."""
    return key == "schema" or "$ref" in old or "$ref" in new


def _diff(target: str, old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """(targets to remove, a dict to merge) turning `old` into `new` under oas-patch's merge rules:
    objects merge key by key, lists are appended to (so a changed list is removed, then set)."""
    removals = [target + _key(k) for k in old if k not in new]
    update: dict[str, Any] = {}
    for k, value in new.items():
        if k not in old:
            update[k] = value
        elif old[k] != value:
            if isinstance(old[k], dict) and isinstance(value, dict) and not _atomic(k, old[k], value):
                sub_removals, sub_update = _diff(target + _key(k), old[k], value)
                removals += sub_removals
                if sub_update:
                    update[k] = sub_update
            else:
                if isinstance(old[k], list | dict):
                    removals.append(target + _key(k))
                update[k] = value
    return removals, update


def _actions(target: str, old: Any, new: Any, what: str) -> list[dict[str, Any]]:
    if old == new:
        return []
    parent, _, key = target.rpartition("[") if target.endswith("']") else target.rpartition(".")
    name = key.strip("'[]")
    if old is None:
        return [{"target": parent or "$", "description": f"ours: {what}", "update": {name: new}}]
    if new is None:
        return [{"target": target, "description": f"not ours: {what}", "remove": True}]
    removals, update = _diff(target, old, new)
    actions: list[dict[str, Any]] = [
        {"target": t, "description": f"{what}: not in ours", "remove": True} for t in removals
    ]
    if update:
        actions.append({"target": target, "description": f"ours: {what}", "update": update})
    return actions


def derive(upstream: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    actions: list[dict[str, Any]] = []
    root_old = {k: v for k, v in upstream.items() if k not in ("paths", "components")}
    root_new = {k: v for k, v in spec.items() if k not in ("paths", "components")}
    actions += _actions("$", root_old, root_new, "document info, servers, security, tags")
    up_components, our_components = upstream.get("components", {}), spec.get("components", {})
    for section in sorted(up_components.keys() | our_components.keys()):
        old_section, new_section = up_components.get(section), our_components.get(section)
        if old_section is None:
            actions.append({"target": "$.components", "description": "ours", "update": {section: {}}})
            old_section = {}
        elif new_section is None:
            actions += _actions(f"$.components.{section}", old_section, None, f"components.{section}")
            continue
        for name in sorted(old_section.keys() | new_section.keys()):
            actions += _actions(
                f"$.components.{section}{_key(name)}",
                old_section.get(name),
                new_section.get(name),
                f"components.{section}.{name}",
            )
    up_paths, our_paths = upstream.get("paths", {}), spec.get("paths", {})
    for path in sorted(up_paths.keys() | our_paths.keys()):
        old_item, new_item = up_paths.get(path), our_paths.get(path)
        if old_item is None or new_item is None:
            actions += _actions(f"$.paths{_key(path)}", old_item, new_item, path)
            continue
        for part in sorted(old_item.keys() | new_item.keys()):
            what = f"{part.upper()} {path}" if part in src.HTTP_METHODS else f"{path} {part}"
            op = (new_item.get(part) or {}).get("operationId") if part in src.HTTP_METHODS else None
            actions += _actions(
                f"$.paths{_key(path)}{_key(part)}",
                old_item.get(part),
                new_item.get(part),
                f"{what} ({op})" if op else what,
            )
    return {"overlay": "1.0.0", "info": OVERLAY_INFO, "actions": actions}


# -- making the spec we want: what the first derivation adds -----------------------------------


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def _path_names(path: str) -> list[str]:
    return re.findall(r"\{([^}]+)\}", path)


def adopt_upstream_path_names(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    """A path of ours that the service spells with other parameter names takes the service's."""
    by_shape = {_shape(p): p for p in upstream["paths"]}
    for path in [p for p in spec["paths"] if p not in upstream["paths"]]:
        theirs = by_shape.get(_shape(path))
        if theirs is None or theirs in spec["paths"]:
            continue
        renames = dict(zip(_path_names(path), _path_names(theirs), strict=True))
        item = spec["paths"].pop(path)
        for op in item.values():
            for param in op.get("parameters", []) if isinstance(op, dict) else []:
                if param.get("in") == "path" and param.get("name") in renames:
                    param["name"] = renames[param["name"]]
        spec["paths"][theirs] = item


def stable_operation_id(fastapi_id: str, path: str, method: str) -> str:
    """FastAPI's id is function name + path (non-word characters as '_') + method; keep the name."""
    suffix = re.sub(r"\W", "_", path) + "_" + method
    name = fastapi_id.removesuffix(suffix) if fastapi_id.endswith(suffix) else fastapi_id
    return name.removesuffix("_v1")


def tag_for(path: str) -> str:
    return next(tag for fragment, tag in TAG_RULES if fragment in path)


def from_upstream(op: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    """An upstream-only operation as ours: the service's definition plus what every operation has."""
    ours = copy.deepcopy(op)
    ours["operationId"] = stable_operation_id(op["operationId"], path, method)
    ours["tags"] = [tag_for(path)]
    ours["description"] = (
        "From the real service's published schema (openapi/upstream.json), typed as far as it is "
        "typed there. The local backend answers 501 not_supported_locally."
    )
    responses = ours.setdefault("responses", {})
    for response in responses.values():  # FastAPI titles answers "Response <Operation> V1 <Path> <Method>"
        for media in response.get("content", {}).values():
            if str(media.get("schema", {}).get("title", "")).startswith("Response "):
                media["schema"] = {**media["schema"], "title": "Response"}  # the generator prefixes the id
    wanted = {"401": "Unauthorized", "429": "TooManyRequests"}
    if path.startswith("/v1/"):
        wanted["403"] = "Forbidden"
    if "{" in path:
        wanted["404"] = "NotFound"
    if "requestBody" in ours:
        wanted |= {"400": "BadRequest", "413": "PayloadTooLarge", "422": "Unprocessable"}
    for code, name in wanted.items():
        responses.setdefault(code, {"$ref": f"#/components/responses/{name}"})
    responses["501"] = {"$ref": "#/components/responses/NotSupportedLocally"}
    return ours


def wanted_spec(spec: dict[str, Any], upstream: dict[str, Any]) -> dict[str, Any]:
    wanted = copy.deepcopy(spec)
    adopt_upstream_path_names(wanted, upstream)
    added_tags: set[str] = set()
    for path, item in upstream["paths"].items():
        for method, op in item.items():
            if method in src.HTTP_METHODS and method not in wanted["paths"].get(path, {}):
                ours = from_upstream(op, path, method)
                wanted["paths"].setdefault(path, {})[method] = ours
                added_tags.update(ours["tags"])
    if added_tags:
        wanted["components"]["responses"].setdefault("NotSupportedLocally", NOT_SUPPORTED_LOCALLY)
    known = {t["name"] for t in wanted.get("tags", [])}
    wanted.setdefault("tags", []).extend({"name": t} for t in sorted(added_tags - known))
    _close_schemas(wanted, upstream)
    return wanted


def _close_schemas(spec: dict[str, Any], upstream: dict[str, Any]) -> None:
    """The upstream schemas the added operations use (HTTPValidationError), and those they use."""
    ours = spec["components"]["schemas"]
    theirs = upstream.get("components", {}).get("schemas", {})
    changed = True
    while changed:
        changed = False
        for name, schema in theirs.items():
            if name not in ours and f"#/components/schemas/{name}" in str(spec["paths"]) + str(ours):
                ours[name] = schema
                changed = True


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only check that the overlay yields the spec")
    parser.add_argument("--upstream", type=Path, default=src.UPSTREAM)
    parser.add_argument("--spec", type=Path, default=src.SPEC)
    parser.add_argument("--overlay", type=Path, default=src.OVERLAY)
    args = parser.parse_args()
    upstream = src.load_json(args.upstream)
    if args.check:
        same = src.dump_normalised(src.product(args.upstream, args.overlay)) == args.spec.read_text()
        print("overlay yields the spec" if same else "overlay does NOT yield the spec")
        return 0 if same else 1
    wanted = wanted_spec(src.load_yaml(args.spec), upstream)
    overlay = derive(upstream, wanted)
    if src.apply(upstream, overlay) != wanted:  # the derivation must be exact, or it is no use
        sys.exit("derive_overlay: the derived overlay does not reproduce the spec (a bug here)")
    args.overlay.write_text(src.dump_overlay(overlay), encoding="utf-8")
    args.spec.write_text(src.dump_normalised(wanted), encoding="utf-8")
    print(f"derive_overlay: {len(overlay['actions'])} actions written to {args.overlay.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
