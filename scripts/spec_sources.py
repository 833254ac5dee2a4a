"""The spec's two sources and the one product made of them.

openapi/upstream.json     the real backend's schema of the pools/rollouts family, as it publishes it at
                          /v1/openapi.json, cut to the family by FAMILY_RULE (never edited by hand:
                          `make regen SPEC_URL=...` refreshes it)
openapi/overlay.yaml      ours on top of it (OpenAPI Overlay 1.0): stable operationIds and tags, typed
                          schemas where evidence exists, descriptions, error responses, links and the
                          local backend's additions. Spec edits go HERE.
openapi/synth-pools.yaml  apply(upstream, overlay), normalised; `make check` proves it is.

The overlay is applied by oas-patch (PyPI), one action at a time, after checking that the action's
target still matches something: oas-patch skips an action whose target is gone, and an overlay that
silently stops applying is exactly the drift `make regen` must refuse.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from jsonpath_ng.ext import parse as parse_jsonpath
from jsonschema import Draft202012Validator
from oas_patch.overlay import apply_overlay
from oas_patch.validator import load_schema

OPENAPI = Path(__file__).resolve().parents[1] / "openapi"
UPSTREAM = OPENAPI / "upstream.json"
OVERLAY = OPENAPI / "overlay.yaml"
SPEC = OPENAPI / "synth-pools.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# The declared rule that cuts the family out of everything the backend publishes: every path except
# those of other products, and the component schemas the kept paths reach (directly or through
# other schemas). The reference extract has 89 paths; the rule keeps 73 paths / 88 operations.
FAMILY_RULE = "every path except /v1/tunnels* and /v1/gamebench*; the component schemas those reach"
EXCLUDED_PATH_PREFIXES = ("/v1/tunnels", "/v1/gamebench")


class OverlayDoesNotApply(Exception):
    """An overlay action whose target matches nothing in the upstream any more."""

    def __init__(self, index: int, action: dict[str, Any]) -> None:
        self.index = index
        self.action = action
        what = "remove" if action.get("remove") else "update"
        super().__init__(
            f"overlay action #{index} ({what} {action['target']}) matches nothing in the upstream"
            + (f": {action['description']}" if action.get("description") else "")
        )


class _PlainDumper(yaml.SafeDumper):
    """Writes shared sub-objects out in full: anchors and aliases would hide what a route accepts."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_normalised(spec: dict[str, Any]) -> str:
    """The one textual form of the spec: sorted keys, no aliases, so a refresh diffs cleanly."""
    return yaml.dump(spec, Dumper=_PlainDumper, sort_keys=True, allow_unicode=True, width=1000)


def dump_upstream(upstream: dict[str, Any]) -> str:
    """The snapshot stays JSON, as the service publishes it; sorted so refreshes diff cleanly."""
    return json.dumps(upstream, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def dump_overlay(overlay: dict[str, Any]) -> str:
    return yaml.dump(overlay, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=1000)


def load_yaml(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def load_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            found.add(ref.rsplit("/", 1)[-1])
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def family(published: dict[str, Any]) -> dict[str, Any]:
    """Apply FAMILY_RULE to what the backend publishes."""
    kept = copy.deepcopy(published)
    kept["paths"] = {
        path: item
        for path, item in published.get("paths", {}).items()
        if not path.startswith(EXCLUDED_PATH_PREFIXES)
    }
    schemas = published.get("components", {}).get("schemas", {})
    reached: set[str] = set()
    todo = _refs(kept["paths"])
    while todo:
        name = todo.pop()
        if name in reached or name not in schemas:
            continue
        reached.add(name)
        todo |= _refs(schemas[name]) - reached
    if "components" in kept:
        kept["components"]["schemas"] = {n: s for n, s in schemas.items() if n in reached}
    return kept


def validate_overlay(overlay: dict[str, Any]) -> None:
    """The overlay is an OpenAPI Overlay 1.0 document (oas-patch ships the standard's JSON schema)."""
    errors = sorted(
        Draft202012Validator(load_schema("overlay_schema_1.0.0.yml")).iter_errors(overlay), key=str
    )
    if errors:
        raise ValueError("openapi/overlay.yaml is not an Overlay 1.0 document: " + errors[0].message)


def apply(upstream: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """The product spec; raises OverlayDoesNotApply at the first action whose target is gone."""
    validate_overlay(overlay)
    doc = copy.deepcopy(upstream)
    for index, action in enumerate(overlay.get("actions", [])):
        if not parse_jsonpath(action["target"]).find(doc):
            raise OverlayDoesNotApply(index, action)
        # a copy: oas-patch links the update's objects into the document, and a later action
        # that changes them in place would otherwise change the overlay too
        apply_overlay(doc, {"actions": [copy.deepcopy(action)]})
    return doc


def product(upstream_path: Path = UPSTREAM, overlay_path: Path = OVERLAY) -> dict[str, Any]:
    return apply(load_json(upstream_path), load_yaml(overlay_path))
