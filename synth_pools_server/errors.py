"""The one error type handlers raise; rendered as the spec's ErrorResponse body.

The body carries the service's structured fields (real-service.md, "Errors"): `error_code` (and
`code`, its older name), `message`, `retryable`, `retry_after_seconds`, `request_id`; each field
error in `details` says what to change (`fix`). The same object is also under `detail`, where
Synth's newer clients look for it (a 422's `detail` is FastAPI's list of `{loc, msg, type}`).
"""

from __future__ import annotations

import math
from typing import Any


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        retry_after_seconds: float | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = dict(headers or {})
        self.retry_after_seconds = retry_after_seconds
        if retry_after_seconds is not None:
            self.headers.setdefault("Retry-After", str(max(1, math.ceil(retry_after_seconds))))
        self.extra = extra

    def body(self, request_id: str) -> dict[str, Any]:
        err: dict[str, Any] = {
            "code": self.code,
            "error_code": self.code,
            "message": self.message,
            "request_id": request_id,
        }
        if self.details:
            err["details"] = self.details
        # every 409 here is a lasting conflict (name taken, key reused with another body): a
        # retry would fail the same way, so only overload and server faults invite one
        # (501: this backend lacks the operation, which no retry changes)
        retryable = self.status in (408, 429) or (self.status >= 500 and self.status != 501)
        err["retryable"] = self.extra.get("retryable", retryable)
        err["retry_after_seconds"] = self.retry_after_seconds
        if self.retry_after_seconds is not None:
            err.setdefault("retry_after_ms", int(self.retry_after_seconds * 1000))
        err.update({k: v for k, v in self.extra.items() if v is not None})
        if self.code == "validation_error" and self.details:
            # FastAPI's shape, as the service's typed routes answer 422s (real-service.md)
            return {"error": err, "detail": [_fastapi_item(d) for d in self.details]}
        return {"error": err, "detail": err}


def _fastapi_item(detail: dict[str, str]) -> dict[str, Any]:
    loc = detail["field"].replace("[", ".").replace("]", "").split(".")
    return {
        "loc": [int(p) if p.isdigit() else p for p in loc],
        "msg": detail["message"],
        "type": detail.get("code", "value_error"),
        "fix": detail.get("fix"),
    }


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, "not_found", f"{kind} {ident!r} not found")
