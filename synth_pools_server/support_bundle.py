"""The support bundle of a rollout: what a bug report needs, with every secret taken out.

Its rollout, pool, task and request, routing, usage, artifact manifest and events (the first and
last ``BUNDLE_EVENTS // 2`` of a long rollout, and how many were left out). Redaction: the values of
the credentials the task uses, wherever they appear; any string under a key that looks secret; every
environment variable's value.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from . import sandbox
from .service import public_rollout
from .store import now_iso

if TYPE_CHECKING:
    from .service import Backend

BUNDLE_EVENTS = 1000  # events a support bundle carries at most


def build(backend: Backend, org: str, doc: dict[str, Any]) -> dict[str, Any]:
    rid = doc["rollout_id"]
    total = backend.store.last_seq(rid)
    if total <= BUNDLE_EVENTS:
        rows = backend.store.read_events(rid, 0, total)
    else:  # bounded: the first events (setup, early failures) and the last ones (how it ended)
        half = BUNDLE_EVENTS // 2
        rows = backend.store.read_events(rid, 0, half) + backend.store.read_events(rid, total - half, half)
    events = [json.loads(body) for _, _, _, body in rows]
    pool = backend.store.get_pool(org, doc["pool_id"]) if doc.get("pool_id") else None
    task = (doc.get("_spec") or {}).get("task")
    lane = doc.get("_lane") or []
    bundle = {
        "rollout_id": rid,
        "generated_at": now_iso(),
        "redacted": True,
        "rollout": public_rollout(doc),
        "config": {"pool": pool, "task": task, "request": doc.get("request")},
        "routing": {
            "lane": lane,
            "pool_id": doc.get("pool_id"),
            "task_id": doc.get("task_id"),
            "kind": doc["kind"],
            "sandbox": sandbox.sandbox_name(),
            "harness": doc.get("harness"),
            "simulated": doc["kind"] == "environment",
        },
        "events": events,
        "event_count": total,
        "events_omitted": total - len(events),
        "artifacts": backend.store.list_artifacts(rid),
        "usage": backend.usage(doc),
    }
    secrets = list(backend.store.credential_values_by_name(org, _credential_names(task)).values())
    redacted: dict[str, Any] = _redact(bundle, secrets)
    return redacted


def _credential_names(task: dict[str, Any] | None) -> list[str]:
    return list((((task or {}).get("run") or {}).get("credential_env") or {}).values())


SECRETISH = ("key", "token", "secret", "password", "credential_value", "authorization")
# An output line that looks like it carries a secret: NAME=value / NAME: value with a secret-ish
# name, a bearer token, or a well-known key prefix. Such a line is masked whole in a bundle (the
# rollout's own log keeps it: that is the org's data, a bundle is what gets shared).
SECRET_LINE = re.compile(
    r"(?i)(api[_-]?key|secret|passw(or)?d|token|credential|authorization|bearer\s)"
    r"|\b(sk|pk|rk)[-_][A-Za-z0-9_-]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abp]-"
)
OUTPUT_KEYS = ("line", "text", "command", "verifier")  # output lines, and commands that print them


def _redact(node: Any, secrets: list[str], parent: str = "") -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            hide = (parent in ("env", "env_vars") and isinstance(v, str)) or (
                isinstance(v, str) and any(s in k.lower() for s in SECRETISH)
            )
            out[k] = "***" if hide else _redact(v, secrets, k)
        return out
    if isinstance(node, list):
        return [_redact(v, secrets, parent) for v in node]
    if isinstance(node, str):
        for s in secrets:
            if s:
                node = node.replace(s, "***")
        if parent in OUTPUT_KEYS and SECRET_LINE.search(node):
            return "*** (masked: looks like it holds a secret)"
    return node
