"""HTTP plumbing shared by every route: request ids, body limit, error bodies, the per-route gate.

`gate()` is the one place a request is authenticated, plan-checked, and validated against the
spec before a handler sees it.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import jsonguard
from .auth import Account, KeyRing, require_pools
from .errors import ApiError
from .validation import Operation, Spec, check_body, check_params

log = logging.getLogger("synth_pools_server.http")

# A body past this size is parsed and validated in a worker thread: a pool of 10,000 tasks takes
# jsonschema ~1.5 s, which on the event loop would stall every other organisation's requests
# (benchmarks/s2_big_pool.py). Smaller ones stay on the loop, where a thread hop would cost more.
THREAD_VALIDATION_BYTES = 64 * 1024


class JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def error_response(exc: ApiError, request_id: str) -> Response:
    return JSON(exc.body(request_id), status_code=exc.status, headers=exc.headers)


class RequestGuard:
    """ASGI middleware: x-request-id on every response, body size limit, no 500 without a body.

    A request that carries a body is authenticated here, from its headers, before one byte of the
    body is read: without a valid key it gets its 401 and the connection is closed, so no one
    without a key can make the backend buffer up to --max-body. Otherwise the whole body is read
    (bounded) before routing, so a request rejected later (404, 405) has its body consumed and
    keep-alive framing stays intact.
    """

    def __init__(self, app: ASGIApp, max_body: int, keys: KeyRing | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = "req_" + secrets.token_hex(8)
        scope.setdefault("state", {})["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        has_body = (declared is not None and declared not in (b"0", b"")) or b"transfer-encoding" in headers
        if has_body and self.keys is not None:
            try:
                self.keys.authenticate(_header(headers, b"authorization"), _header(headers, b"x-api-key"))
            except ApiError as exc:
                exc.headers = {**exc.headers, "Connection": "close"}
                await error_response(exc, request_id)(scope, receive, send_with_id)
                return
        too_big = ApiError(
            413,
            "payload_too_large",
            f"Request body exceeds {self.max_body} bytes",
            headers={"Connection": "close"},
        )
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await error_response(too_big, request_id)(scope, receive, send_with_id)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                await error_response(too_big, request_id)(scope, receive, send_with_id)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        try:
            await self.app(scope, replay, send_with_id)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                err = ApiError(
                    500, "internal_error", "The local backend hit an unexpected error; see its log"
                )
                await error_response(err, request_id)(scope, receive, send_with_id)


def _header(headers: dict[bytes, bytes], name: bytes) -> str | None:
    value = headers.get(name)
    return None if value is None else value.decode("latin-1")


def request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", ""))


async def api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc, request_id(request))


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    err = ApiError(
        exc.status_code,
        codes.get(exc.status_code, "http_error"),
        f"{request.method} {request.url.path}: {exc.detail}",
        headers=dict(exc.headers or {}),
    )
    return error_response(err, request_id(request))


@dataclass
class Ctx:
    request: Request
    op: Operation
    account: Account
    params: dict[str, Any]
    path: dict[str, str]
    body: Any
    raw_body: bytes

    @property
    def org(self) -> str:
        return self.account.org_id


async def gate(request: Request, spec: Spec, keys: KeyRing, op_id: str, pools_route: bool) -> Ctx:
    raw = await request.body()
    account = keys.authenticate(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if pools_route:
        require_pools(account)
    op = spec.operations[op_id]
    path = {k: str(v) for k, v in request.path_params.items()}
    headers = {k.lower(): v for k, v in request.headers.items()}
    params = check_params(op, path, dict(request.query_params), headers)
    content_type = request.headers.get("content-type", "")
    try:
        if len(raw) > THREAD_VALIDATION_BYTES:
            body = await anyio.to_thread.run_sync(check_body, op, raw, content_type)
        else:
            body = check_body(op, raw, content_type)
    except ApiError as exc:
        raise jsonguard.scrub_secrets(exc, raw) from None
    return Ctx(request, op, account, params, path, body, raw)
