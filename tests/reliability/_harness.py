"""What the proof suites share: SDK transports pointed at a URL, pools with command tasks, streams.

The suites drive the SDK's own engine (``SyncTransport`` / ``AsyncTransport`` for requests with
retries and idempotency keys, ``iter_events`` / ``StreamState`` for resumable streams, requests laid
out from the generated operations by ``_operations.bind``) and read the ground truth straight from
the backend with plain httpx, never through the proxy under test.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from synth_pools._config import resolve_config
from synth_pools._events import iter_events
from synth_pools._operations import EventRoute, bind
from synth_pools._sse import StreamState
from synth_pools._transport import AsyncTransport, RequestSpec, SyncTransport

LONG = os.environ.get("SYNTH_POOLS_LONG", "") not in ("", "0")
TERMINAL = {"completed", "succeeded", "failed", "cancelled", "error", "validated"}


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def sync_transport(
    base_url: str, api_key: str, *, max_retries: int = 2, timeout: float = 60.0
) -> SyncTransport:
    return SyncTransport(
        resolve_config(api_key=api_key, backend_base=base_url, max_retries=max_retries, timeout=timeout)
    )


def async_transport(base_url: str, api_key: str, *, max_retries: int = 2) -> AsyncTransport:
    return AsyncTransport(resolve_config(api_key=api_key, backend_base=base_url, max_retries=max_retries))


def direct(base_url: str, api_key: str) -> httpx.Client:
    """Plain httpx straight to the backend: the ground truth, bypassing SDK and proxy."""
    return httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=60)


def make_pool(c: httpx.Client, tasks: Mapping[str, str], **config: Any) -> str:
    """A pool whose tasks run ``{task_id: command}`` locally."""
    pool_id = uid("pool")
    body = {
        "pool_id": pool_id,
        "pool_type": "sandbox",
        "tasks": [{"task_id": t, "backend": "local", "run": {"command": cmd}} for t, cmd in tasks.items()],
        **config,
    }
    r = c.post("/v1/pools", json=body)
    assert r.status_code == 200, r.text
    return pool_id


def rollout_body(pool_id: str, task_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "pool_id": pool_id,
        "task_ref": {"dataset": "proof", "task_id": task_id},
        "agent": {"harness": "claude-code"},
        "task_app_url": "http://127.0.0.1:1/unused",
        "timeouts": {"agent_sec": 300, "verifier_sec": 60},
        **extra,
    }


def create_spec(body: Mapping[str, Any], **kw: Any) -> RequestSpec:
    return bind("create_rollout", body=body, **kw)


def get_spec(rollout_id: str) -> RequestSpec:
    return bind("get_rollout", rollout_id)


def stream(transport: SyncTransport, rollout_id: str, state: StreamState) -> Iterator[dict[str, Any]]:
    """The SDK's resumable event stream of one rollout."""

    return iter_events(transport, EventRoute("stream_rollout_events", rollout_id), state)


def read_all_events(c: httpx.Client, rollout_id: str) -> list[dict[str, Any]]:
    """Every event stored so far (all of a finished rollout), read directly (no SDK) as JSON pages
    of 1,000."""
    out: list[dict[str, Any]] = []
    after = 0
    while True:
        r = c.get(
            f"/v1/rollouts/{rollout_id}/events",
            params={"format": "json", "after_sequence": after, "limit": 1000},
            timeout=120,
        )
        assert r.status_code == 200, r.text
        page = r.json()
        fresh = [e for e in page["events"] if e["seq"] > after]
        out += fresh
        if page["next_cursor"] is None or not fresh:
            return out
        after = fresh[-1]["seq"]


def wait_terminal(c: httpx.Client, rollout_id: str) -> dict[str, Any]:
    events = read_all_events(c, rollout_id)
    assert events and events[-1]["event"] == "lifecycle", events[-3:]
    doc: dict[str, Any] = c.get(f"/v1/rollouts/{rollout_id}").json()
    assert doc["status"] in TERMINAL, doc
    return doc
