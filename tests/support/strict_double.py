"""A strict test double of the real service: a real HTTP server on 127.0.0.1 that answers only in
the shapes design/real-service.md gives as evidence (the backend's OpenAPI, Synth's SDK tests and
demo scripts). Where the evidence is silent, it picks one of the shapes the SDK promises to
tolerate, and says so in a comment. It is deliberately *not* our spec:

- creates answer **200**; a created pool comes **wrapped** under ``pool`` (a task under ``task``);
  a pool may be created without ``pool_id`` (the double assigns one);
- pool, task and credential lists are **bare arrays**; rollout lists are
  ``{"rollouts": [...], "cursor": ...}``;
- a rollout is ``{"trial_id", "status", "reward_primary", "reward_metrics", "error"}``; metrics are
  ``{queue_depth, running, total_count, success_rate}``;
- ``GET /api/v1/me`` is ``MeResponse`` (no plan); credentials are ``CredentialResponse`` with a
  ``credential_type`` enum, ``DELETE`` answers 204 (a soft delete);
- errors are FastAPI's: ``{"detail": "..."}`` and, for a refused body, a 422 ``{"detail":
  [{"loc", "msg", "type", "input"}]}`` that echoes the input (as pydantic does; the SDK must
  never show it);
- event streams honour only ``after_sequence``, ``limit`` and ``format``.

``StrictDouble(newest=True)`` answers as the service does for its newest clients (design/
real-service.md, "The service as the newest clients see it"):

- every list (pools, tasks, rollouts, leases) under ``items``; a created pool unwrapped
  (``pool_id``, ``backend``, ``status`` at the top), a created rollout nested ``{"rollout": {...}}``;
- a rollout is ``{"id", "status", "metrics": {"outcome_reward"}, "result", "error"}``: statuses
  ``queued -> running -> completed``, the reward only once it is terminal (``reward_key="score"``
  puts it under ``score`` instead);
- a pool starts ``created`` and is ``building`` for ``build_polls`` reads before ``active`` (or
  ``failed`` when its metadata says ``{"fail_build": true}``); a launch into a pool that is not
  active is a 409;
- an org's ``concurrency_cap``: a create over it is a 429 whose body says ``retry_after_seconds``,
  and a batch (``{"pool_id", "rollouts": [...]}``; ``requests`` is refused with a 422) is admitted
  up to the cap, answering ``{"rollouts": [admitted...]}`` only;
- ``broke_key`` is an account out of credits (every launch: 402); ``unavailable = True`` makes
  every ``/v1`` route a 503 with ``retryable: false``;
- event frames are ``id: <seq>`` + ``event: <kind>`` with ``: heartbeat`` comments; with
  ``event_ids=False`` they carry no id (the container routes' older frames) and the kinds name
  no status the SDK knows: only the stream's clean end says it is finished.

``requests`` records what reached the wire, so tests can check the bodies the SDK sent.
"""

from __future__ import annotations

import io
import json
import secrets
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["CREDENTIAL_TYPES", "StrictDouble"]

CREDENTIAL_TYPES = (
    "API_KEY", "ENVIRONMENT_API_KEY", "HUGGINGFACE_API_KEY", "OAUTH_TOKEN", "BEARER_TOKEN",
    "AWS_CREDENTIALS", "DATABASE_CONNECTION", "LEARNING_JWT_KEY", "CLOUD_STORAGE", "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "DOCKER_REGISTRY", "GITHUB_PAT", "OTHER",
)  # fmt: skip
NOW = "2026-01-01T00:00:00Z"
# a rollout's lifecycle as its event stream tells it (the double's own choice of events)
EVENTS = (
    ("lifecycle", {"status": "running"}),
    ("agent", {"type": "message", "text": "working"}),
    ("reward", {"reward": 0.75}),
    ("lifecycle", {"status": "succeeded"}),
)


class Reply(Exception):
    """Raised by a route: answer ``status`` with ``body`` (``None``: no body)."""

    def __init__(self, status: int, body: Any = None) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def _not_found(what: str) -> Reply:
    return Reply(404, {"detail": f"{what} not found"})


class StrictDouble:
    """``with StrictDouble() as service: service.base_url, service.api_key``.

    ``free_key`` is an account whose plan lacks Environment Pools: ``/me`` still answers (it
    carries no plan), every ``/v1`` route answers 403.
    """

    def __init__(
        self,
        *,
        pool_list: str = "bare",
        newest: bool = False,
        concurrency_cap: int | None = None,
        retry_after: float = 0.2,
        build_polls: int = 2,
        reward_key: str = "metrics",
        event_ids: bool = True,
    ) -> None:
        self.api_key = f"sk_double_{secrets.token_hex(8)}"
        self.free_key = f"sk_double_free_{secrets.token_hex(8)}"
        self.broke_key = f"sk_double_broke_{secrets.token_hex(8)}"
        self.newest = newest
        # "bare", or "items" ({items, cursor} echoing the cursor)
        self.pool_list = "items" if newest else pool_list
        self.concurrency_cap = concurrency_cap
        self.retry_after = retry_after
        self.build_polls = build_polls
        self.reward_key = reward_key
        self.event_ids = event_ids
        self.unavailable = False
        self.refused: list[int] = []  # status of every refused launch (429, 402, 409), in order
        self.requests: list[dict[str, Any]] = []
        self.pools: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, dict[str, dict[str, Any]]] = {}
        self.rollouts: dict[str, dict[str, Any]] = {}
        self.credentials: dict[str, dict[str, Any]] = {}
        self.leases: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> StrictDouble:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def sent(self, method: str, path: str) -> list[Any]:
        """The JSON bodies that reached ``method path``."""
        return [r["body"] for r in self.requests if r["method"] == method and r["path"] == path]

    # ------------------------------------------------------------------ routing

    def handle(self, method: str, path: str, query: dict[str, str], body: Any, key: str | None) -> Reply:
        with self._lock:
            self.requests.append({"method": method, "path": path, "query": query, "body": body})
            if key not in (self.api_key, self.free_key, self.broke_key):
                return Reply(401, {"detail": "Invalid API key"})
            parts = [p for p in path.split("/") if p]
            if parts[:2] == ["api", "v1"]:
                return self._account(method, parts[2:], body)
            if parts[:1] != ["v1"]:
                return Reply(404, {"detail": "Not Found"})
            if key == self.free_key:
                # plan gating: not evidenced; FastAPI's HTTPException with a dict detail
                return Reply(
                    403,
                    {
                        "detail": {
                            "code": "plan_required",
                            "message": "Environment Pools needs a Pro or Team plan",
                        }
                    },
                )
            if self.unavailable:
                return Reply(503, {"detail": {"message": "pools are under maintenance", "retryable": False}})
            if key == self.broke_key and method == "POST" and "rollouts" in parts:
                self.refused.append(402)
                return Reply(402, {"detail": {"error_code": "insufficient_credits",
                                              "message": "Your organization is out of credits"}})  # fmt: skip
            if parts[1:2] == ["pools"] and parts[3:4] == ["rollouts"]:
                return self._pool_rollouts(method, parts[2], parts[4:], query, body)
            if parts[1:2] == ["pools"]:
                return self._pools(method, parts[2:], query, body)
            if parts[1:3] == ["rollouts", "batch"] and method == "POST":
                return self._batch(body)
            if parts[1:2] == ["rollouts"]:
                return self._rollouts(method, parts[2:], query, body)
            if parts[1:2] == ["container_leases"]:
                return self._leases(method, parts[2:], body)
            return Reply(404, {"detail": "Not Found"})

    def _account(self, method: str, rest: list[str], body: Any) -> Reply:
        if rest == ["me"] and method == "GET":
            return Reply(
                200,
                {
                    "org_id": "org_double",
                    "org_name": "Double",
                    "user_email": "dev@example.com",
                    "user_id": "u1",
                },
            )
        if rest[:1] != ["credentials"]:
            return Reply(404, {"detail": "Not Found"})
        if rest == ["credentials"] and method == "GET":
            return Reply(200, [_public(c) for c in self.credentials.values()])
        if rest == ["credentials"] and method == "POST":
            errors = _credential_errors(body)
            if errors:
                return Reply(422, {"detail": errors})
            cid = f"cred_{secrets.token_hex(6)}"
            self.credentials[cid] = {
                "id": cid,
                "credential_name": body["credential_name"],
                "credential_type": body["credential_type"],
                "is_active": True,
                "created_at": NOW,
                "metadata": body.get("metadata"),
                "value": body["credential_value"],
            }
            return Reply(201, _public(self.credentials[cid]))
        if len(rest) == 2:
            credential = self.credentials.get(rest[1])
            if credential is None:
                raise _not_found(f"credential {rest[1]}")
            if method == "PUT":
                value = body.get("credential_value") if isinstance(body, dict) else None
                if not isinstance(value, str) or not value:
                    return Reply(422, {"detail": [_missing(["body", "credential_value"], body)]})
                credential["value"] = value
                return Reply(200, _public(credential))
            if method == "DELETE":
                credential["is_active"] = False
                return Reply(204)
        return Reply(405, {"detail": "Method Not Allowed"})

    def _pools(self, method: str, rest: list[str], query: dict[str, str], body: Any) -> Reply:
        if not rest and method == "POST":
            if self.newest:
                made = {
                    "backend": "arbitrary",
                    "created_at": NOW,
                    **(body or {}),
                    "status": "created",
                    "reads": 0,
                }
            else:
                made = {"state": "ready", "created_at": NOW, **(body or {})}
            made["pool_id"] = made.get("pool_id") or f"pool_{secrets.token_hex(6)}"
            self.pools[made["pool_id"]] = made
            self.tasks[made["pool_id"]] = {t["task_id"]: t for t in made.pop("tasks", None) or []}
            return Reply(200, _pool(made) if self.newest else {"pool": made})
        if not rest and method == "GET":
            pools = [_pool(p) for p in self.pools.values()]
            if self.pool_list == "items":  # the official SDK's test fake: echoes the cursor back
                return Reply(200, {"items": pools, "cursor": query.get("cursor")})
            return Reply(200, pools)
        pool = self.pools.get(rest[0]) if rest else None
        if pool is None:
            raise _not_found(f"pool {rest[0] if rest else ''}")
        tail = rest[1:]
        if not tail and method == "GET":
            if self.newest:
                _build(pool, self.build_polls)
            return Reply(200, _pool(pool))
        if not tail and method == "DELETE":
            del self.pools[rest[0]]
            return Reply(200, {"pool_id": rest[0], "deleted": True})  # not evidenced
        if tail in (["pause"], ["resume"]) and method == "POST":
            if self.newest:
                pool["status"] = "paused" if tail == ["pause"] else "active"
            else:
                pool["state"] = "paused" if tail == ["pause"] else "ready"
            return Reply(200, {"pool": pool})  # not evidenced: wrapped like the create answer
        if tail == ["tasks"] and method == "POST":
            self.tasks[rest[0]][body["task_id"]] = body
            return Reply(200, {"task": body})  # not evidenced: wrapped like the pool
        if tail == ["tasks"] and method == "GET":
            return Reply(200, self._list(list(self.tasks[rest[0]].values()), query))
        if tail == ["container", "rollout"] and method == "POST":
            # a pass-through to the pool's container: the double's container echoes what it got
            return Reply(
                200, {"rollout_id": f"exec_{secrets.token_hex(4)}", "status": "completed", "input": body}
            )
        if tail == ["metrics"] and method == "GET":
            mine = [r for r in self.rollouts.values() if r["pool_id"] == rest[0]]
            done = [r for r in mine if r["status"] in ("succeeded", "failed")]
            return Reply(
                200,
                {
                    "queue_depth": sum(r["status"] == "queued" for r in mine),
                    "running": sum(r["status"] == "running" for r in mine),
                    "total_count": len(mine),
                    "success_rate": (sum(r["status"] == "succeeded" for r in done) / len(done))
                    if done
                    else None,
                },
            )
        return Reply(404, {"detail": "Not Found"})

    def _leases(self, method: str, rest: list[str], body: Any) -> Reply:
        """Container leases: the service declares them untyped; these shapes are the double's."""
        if not rest and method == "POST":
            lid = f"lease_{secrets.token_hex(6)}"
            ttl = (body or {}).get("ttl_sec", 300)
            self.leases[lid] = {"lease_id": lid, "state": "active", "ttl_sec": ttl, **(body or {})}
            return Reply(200, {"lease": self.leases[lid]})
        if not rest and method == "GET":
            return Reply(200, self._list(list(self.leases.values()), {}))
        lease = self.leases.get(rest[0]) if rest else None
        if lease is None:
            raise _not_found(f"lease {rest[0] if rest else ''}")
        if rest[1:] == [] and method == "GET":
            return Reply(200, lease)
        if rest[1:] == ["renew"] and method == "POST":
            lease["renewals"] = lease.get("renewals", 0) + 1
            lease.update({k: v for k, v in (body or {}).items()})
            return Reply(200, lease)
        if rest[1:] == ["release"] and method == "POST":
            lease["state"] = "released"
            return Reply(200, lease)
        return Reply(404, {"detail": "Not Found"})

    def _rollouts(self, method: str, rest: list[str], query: dict[str, str], body: Any) -> Reply:
        if not rest and method == "POST":
            if not isinstance(body, dict) or not (body.get("pool_id") or body.get("environment")):
                return Reply(422, {"detail": [_missing(["body", "pool_id"], body)]})
            refusal = self._admission(body.get("pool_id"))
            if refusal is not None:
                return refusal
            made = self._new_rollout(body.get("pool_id"), body)
            if self.newest:  # a create answer nested under `rollout` (newest clients read both)
                return Reply(200, {"rollout": {"id": made["id"], "status": "queued"}})
            return Reply(200, {"trial_id": made["trial_id"], "status": "queued"})
        if not rest and method == "GET":
            ordered = list(self.rollouts.values())
            if query.get("pool_id"):
                ordered = [r for r in ordered if r["pool_id"] == query["pool_id"]]
            start = int(query.get("cursor") or 0)
            size = int(query.get("limit") or 2)  # small pages, so walking them is exercised
            page = ordered[start : start + size]
            following = str(start + size) if start + size < len(ordered) else None
            key = "items" if self.newest else "rollouts"
            return Reply(200, {key: [self._rollout(r) for r in page], "cursor": following})
        rollout = self.rollouts.get(rest[0]) if rest else None
        if rollout is None:
            raise _not_found(f"rollout {rest[0] if rest else ''}")
        tail = rest[1:]
        if not tail and method == "GET":
            if self.pools.get(rollout["pool_id"] or "", {}).get("state") != "paused":
                self._advance(rollout)  # a paused pool keeps its rollouts queued
            return Reply(200, self._rollout(rollout))
        if tail == ["events"] and method == "GET":
            after = int(query.get("after_sequence") or 0)
            self._finish(rollout)
            return Reply(200, self._sse(after, int(query.get("limit") or 200)))
        if tail == ["artifacts.zip"] and method == "GET":
            # the route reads `prefix` and `limit` (the service's OpenAPI); which files: the double's
            names = sorted(ARTIFACTS)
            names = [n for n in names if n.startswith(query.get("prefix") or "")][
                : int(query.get("limit") or 1000)
            ]
            return Reply(200, _Zip(_zip({n: ARTIFACTS[n] for n in names})))
        if tail == ["usage"] and method == "GET":
            return Reply(200, {"trial_id": rest[0], "wall_time_sec": 1.5, "cost_usd": 0.01})  # not evidenced
        if tail == ["cancel"] and method == "POST":
            rollout["status"] = "cancelled"
            return Reply(200, self._rollout(rollout))
        return Reply(404, {"detail": "Not Found"})

    # ------------------------------------------------------------------ newest-service behaviour

    def _list(self, items: list[Any], query: dict[str, str]) -> Any:
        return {"items": items, "cursor": query.get("cursor")} if self.newest else items

    def _admission(self, pool_id: Any, *, in_batch: int = 0) -> Reply | None:
        """A launch's refusal (pool not active, over the cap), or None to admit it."""
        pool = self.pools.get(pool_id) if isinstance(pool_id, str) else None
        status = pool.get("status") if pool is not None else None
        if status is not None and status != "active":
            self.refused.append(409)
            return Reply(409, {"detail": f"pool {pool_id} is not active"})
        if self.concurrency_cap is not None and self._live() + in_batch >= self.concurrency_cap:
            self.refused.append(429)
            return Reply(429, {"detail": {"error_code": "concurrency_limit_exceeded",
                                          "message": f"the organization runs {self.concurrency_cap} rollouts at most",
                                          "retryable": True, "retry_after_seconds": self.retry_after}})  # fmt: skip
        return None

    def _live(self) -> int:
        return sum(r["status"] in ("queued", "running") for r in self.rollouts.values())

    def _new_rollout(self, pool_id: Any, body: dict[str, Any]) -> dict[str, Any]:
        rid = f"{'ro' if self.newest else 'trial'}_{secrets.token_hex(6)}"
        # no evidence says whether answers echo the request's metadata: the double does (as our
        # backend does); it ignores Idempotency-Key, which the service does not declare
        rollout = {"trial_id": rid, "id": rid, "status": "queued", "pool_id": pool_id,
                   "reward_primary": None, "reward_metrics": {}, "error": None,
                   "metadata": body.get("metadata"), "seen": 0}  # fmt: skip
        self.rollouts[rid] = rollout
        return rollout

    def _batch(self, body: Any) -> Reply:
        """POST /v1/rollouts/batch: the newest service reads {"pool_id", "rollouts"} and admits
        each on its own; the older one read {"requests"}."""
        key = "rollouts" if self.newest else "requests"
        items = body.get(key) if isinstance(body, dict) else None
        if not isinstance(items, list) or not items:
            return Reply(422, {"detail": [_missing(["body", key], body)]})
        admitted = []
        for item in items:
            pool_id = item.get("pool_id") or body.get("pool_id")
            if self._admission(pool_id) is not None:
                continue  # not admitted: the answer simply lacks it
            admitted.append(self._rollout(self._new_rollout(pool_id, item)))
        return Reply(
            200, {"rollouts": admitted} if self.newest else {"items": admitted, "count": len(admitted)}
        )

    def _pool_rollouts(
        self, method: str, pool_id: str, rest: list[str], query: dict[str, str], body: Any
    ) -> Reply:
        """The container pools' pool-scoped rollouts (create, get, events)."""
        if pool_id not in self.pools:
            raise _not_found(f"pool {pool_id}")
        if not rest and method == "POST":
            refusal = self._admission(pool_id)
            if refusal is not None:
                return refusal
            made = self._new_rollout(pool_id, body if isinstance(body, dict) else {})
            return Reply(200, self._rollout(made))
        rollout = self.rollouts.get(rest[0]) if rest else None
        if rollout is None or rollout["pool_id"] != pool_id:
            raise _not_found(f"rollout {rest[0] if rest else ''}")
        if rest[1:] == [] and method == "GET":
            self._advance(rollout)
            return Reply(200, self._rollout(rollout))
        if rest[1:] == ["events"] and method == "GET":
            self._finish(rollout)
            return Reply(
                200, self._sse(int(query.get("after_sequence") or 0), int(query.get("limit") or 200))
            )
        return Reply(404, {"detail": "Not Found"})

    def _advance(self, rollout: dict[str, Any]) -> None:
        """Each GET moves a rollout on: queued, running, then finished with its reward."""
        rollout["seen"] += 1
        if rollout["status"] == "queued":
            rollout["status"] = "running"
        elif rollout["status"] == "running":
            self._finish(rollout)

    def _finish(self, rollout: dict[str, Any]) -> None:
        if rollout["status"] in ("queued", "running"):
            done = "completed" if self.newest else "succeeded"
            rollout.update(
                status=done, reward_primary=0.75, reward_metrics={"tests_passed": 6, "tests_total": 8}
            )

    def _rollout(self, rollout: dict[str, Any]) -> dict[str, Any]:
        if not self.newest:
            return {k: v for k, v in rollout.items() if k not in ("seen", "id")}
        out = {"id": rollout["id"], "status": rollout["status"], "pool_id": rollout["pool_id"],
               "error": rollout["error"], "metadata": rollout["metadata"]}  # fmt: skip
        if rollout["status"] in ("completed", "failed", "cancelled"):  # the reward only at the end
            if rollout["reward_primary"] is not None:
                if self.reward_key == "score":
                    out["score"] = rollout["reward_primary"]
                else:
                    out["metrics"] = {
                        "outcome_reward": rollout["reward_primary"],
                        **rollout["reward_metrics"],
                    }
            out["result"] = {"output": "all tests ran"}
        return out

    def _sse(self, after: int, limit: int) -> _SSE:
        newest = (
            ("lifecycle", {"status": "running"}),
            ("agent", {"type": "message", "text": "working"}),
            ("lifecycle", {"status": "completed"}),
        )
        # without ids: kinds that name no status the SDK knows; the stream's end says it is done
        no_ids = (
            ("rollout.started", {"phase": "start"}),
            ("agent.message", {"text": "working"}),
            ("rollout.finished", {"phase": "end", "outcome_reward": 0.75}),
        )
        events = EVENTS if not self.newest else newest if self.event_ids else no_ids
        frames = [": heartbeat\n\n"] if self.newest else []
        for seq, (kind, data) in enumerate(events, start=1):
            if seq > after and len(frames) < limit + (1 if self.newest else 0):
                head = f"id: {seq}\n" if self.event_ids else ""
                frames.append(f"{head}event: {kind}\ndata: {json.dumps(data)}\n\n")
        return _SSE("".join(frames).encode())


class _SSE(bytes):
    """An event-stream body (the handler sends it as ``text/event-stream``)."""


class _Zip(bytes):
    """A zip body (``application/zip``)."""


ARTIFACTS = {"logs/agent.log": b"working\n", "logs/verifier.log": b"6/8\n", "output/result.json": b"{}"}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _pool(pool: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in pool.items() if k != "reads"}


def _build(pool: dict[str, Any], polls: int) -> None:
    """Each read moves a new pool on: created, building (``polls`` reads), then active or failed."""
    if pool.get("status") not in ("created", "building"):
        return
    pool["reads"] += 1
    if pool["reads"] <= polls:
        pool["status"] = "building"
    elif (pool.get("metadata") or {}).get("fail_build"):
        pool.update(status="failed", error="image build failed: exit code 1")
    else:
        pool["status"] = "active"


def _public(credential: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in credential.items() if k != "value"}


def _missing(loc: list[str], body: Any) -> dict[str, Any]:
    return {"type": "missing", "loc": loc, "msg": "Field required", "input": body}


def _credential_errors(body: Any) -> list[dict[str, Any]]:
    """CreateCredentialRequest as pydantic checks it; each error echoes its input."""
    if not isinstance(body, dict):
        return [
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be an object",
                "input": body,
            }
        ]
    errors = []
    for field in ("credential_name", "credential_type", "credential_value"):
        if field not in body:
            errors.append(_missing(["body", field], body))
    name = body.get("credential_name")
    if isinstance(name, str) and not 1 <= len(name) <= 128:
        errors.append({"type": "string_too_long", "loc": ["body", "credential_name"],
                       "msg": "String should have at most 128 characters", "input": name})  # fmt: skip
    kind = body.get("credential_type")
    if "credential_type" in body and kind not in CREDENTIAL_TYPES:
        errors.append({"type": "enum", "loc": ["body", "credential_type"],
                       "msg": f"Input should be {', '.join(repr(t) for t in CREDENTIAL_TYPES)}", "input": kind})  # fmt: skip
    value = body.get("credential_value")
    if "credential_value" in body and (not isinstance(value, str) or not value):
        errors.append({"type": "string_too_short", "loc": ["body", "credential_value"],
                       "msg": "String should have at least 1 character", "input": value})  # fmt: skip
    return errors


def _handler(double: StrictDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: tests read what matters from double.requests

        def _serve(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            auth = self.headers.get("authorization") or ""
            key = auth[7:] if auth.startswith("Bearer ") else None
            try:
                reply = double.handle(self.command, url.path, query, body, key)
            except Reply as raised:
                reply = raised
            self._write(reply)

        def _write(self, reply: Reply) -> None:
            self.send_response(reply.status)
            if reply.body is None:
                self.send_header("content-length", "0")
                self.end_headers()
                return
            if isinstance(reply.body, _SSE):
                payload, ctype = bytes(reply.body), "text/event-stream"
            elif isinstance(reply.body, _Zip):
                payload, ctype = bytes(reply.body), "application/zip"
            else:
                payload, ctype = json.dumps(reply.body).encode(), "application/json"
            self.send_header("content-type", ctype)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

    return Handler
