"""Idempotency-Key: same key + same request → the original response (24 h); different body → 409."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any, Protocol

from starlette.responses import Response

from .errors import ApiError
from .http import JSON, Ctx


class AnswerLog(Protocol):
    """Where answers are kept by key: the backend (`Backend`), or its store in a unit test."""

    def get_idempotent(
        self, org: str, op: str, key: str, min_created: float
    ) -> tuple[str, int, str] | None: ...

    def put_idempotent(
        self, org: str, op: str, key: str, body_hash: str, status: int, response: str, created: float
    ) -> None: ...


TTL_SEC = 24 * 3600


def _scope(ctx: Ctx) -> tuple[str, str, str] | None:
    key = ctx.params.get("Idempotency-Key")
    if not key:
        return None
    op = f"{ctx.op.method} {ctx.request.url.path}"
    digest = hashlib.sha256(
        json.dumps(ctx.body, sort_keys=True).encode() + b"|" + ctx.request.url.query.encode()
    ).hexdigest()
    return op, str(key), digest


def replay(store: AnswerLog, ctx: Ctx) -> Response | None:
    scope = _scope(ctx)
    if scope is None:
        return None
    op, key, digest = scope
    found = store.get_idempotent(ctx.org, op, key, time.time() - TTL_SEC)
    if found is None:
        return None
    stored_hash, status, body = found
    if stored_hash != digest:
        raise ApiError(
            409,
            "idempotency_conflict",
            "This Idempotency-Key was already used with a different request body; use a new key",
        )
    return JSON(json.loads(body), status_code=status, headers={"Idempotent-Replayed": "true"})


def remember(store: AnswerLog, ctx: Ctx, status: int, body: Any) -> None:
    scope = _scope(ctx)
    if scope is None or not 200 <= status < 300:
        return
    op, key, digest = scope
    store.put_idempotent(ctx.org, op, key, digest, status, json.dumps(body), time.time())
