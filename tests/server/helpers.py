"""Small helpers for driving the backend over HTTP with httpx (not the SDK)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

TERMINAL = {"completed", "failed", "cancelled", "error", "validated"}


def client(backend: Any, key: str | None = None) -> httpx.Client:
    return httpx.Client(base_url=backend.base_url, headers=backend.headers(key), timeout=60)


def uid(prefix: str = "p") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def make_pool(c: httpx.Client, tasks: list[dict[str, Any]] | None = None, **config: Any) -> str:
    pool_id = uid("pool")
    body = {"pool_id": pool_id, "pool_type": "sandbox", "tasks": tasks or [], **config}
    r = c.post("/v1/pools", json=body)
    assert r.status_code == 200, r.text
    return pool_id


def command_task(
    command: str, verifier: str | None = None, task_id: str = "t1", **run: Any
) -> dict[str, Any]:
    return {"task_id": task_id, "backend": "local", "run": {"command": command, "verifier": verifier, **run}}


def rollout_body(pool_id: str | None, task_id: str = "t1", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "task_ref": {"dataset": "demo", "task_id": task_id},
        "agent": {"harness": "claude-code"},
        "task_app_url": "http://127.0.0.1:1/unused",
        "timeouts": {"agent_sec": 60, "verifier_sec": 60},
        **extra,
    }
    if pool_id:
        body["pool_id"] = pool_id
    return body


def start(c: httpx.Client, body: dict[str, Any], **kw: Any) -> dict[str, Any]:
    r = c.post("/v1/rollouts", json=body, **kw)
    assert r.status_code == 200, r.text
    doc: dict[str, Any] = r.json()
    return doc


def events(c: httpx.Client, rollout_id: str, **params: Any) -> list[dict[str, Any]]:
    """Envelopes of the SSE route (heartbeats excluded): one response when ``limit`` is given,
    else page after page (``after_sequence`` = the last seq) to the terminal event."""
    if "limit" in params:
        return _one_response(c, rollout_id, params)
    out: list[dict[str, Any]] = []
    while True:
        page = _one_response(c, rollout_id, {**params, "limit": 1000})
        out += page
        if not page or is_terminal(page[-1]):
            return out
        params = {"after_sequence": page[-1]["seq"]}


def is_terminal(env: dict[str, Any]) -> bool:
    return env["event"] == "lifecycle" and env["data"].get("status") in TERMINAL


def _one_response(c: httpx.Client, rollout_id: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    headers = {}
    if "last_event_id" in params:
        params = dict(params)
        headers["Last-Event-ID"] = str(params.pop("last_event_id"))
    with c.stream(
        "GET", f"/v1/rollouts/{rollout_id}/events", params=params, headers=headers, timeout=120
    ) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        event_id = None
        for line in r.iter_lines():
            if line.startswith("id: "):
                event_id = line[4:]
            elif line.startswith("data: "):
                env = json.loads(line[6:])
                if env.get("event") != "heartbeat":
                    assert env["id"] == event_id == str(env["seq"])
                    out.append(env)
                event_id = None
    return out


def finish(c: httpx.Client, rollout_id: str) -> dict[str, Any]:
    evs = events(c, rollout_id)
    assert evs[-1]["event"] == "lifecycle" and evs[-1]["data"]["status"] in TERMINAL
    doc: dict[str, Any] = c.get(f"/v1/rollouts/{rollout_id}").json()
    return doc
