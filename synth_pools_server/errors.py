"""The one error type handlers raise; rendered as the spec's ErrorResponse body."""

from __future__ import annotations

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
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}
        self.extra = extra

    def body(self, request_id: str) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "request_id": request_id}
        if self.details:
            err["details"] = self.details
        # every 409 here is a lasting conflict (name taken, key reused with another body): a
        # retry would fail the same way, so only overload and server faults invite one
        # (501: this backend lacks the operation, which no retry changes)
        err["retryable"] = self.status in (408, 429) or (self.status >= 500 and self.status != 501)
        err.update({k: v for k, v in self.extra.items() if v is not None})
        return {"error": err}


def not_found(kind: str, ident: str) -> ApiError:
    return ApiError(404, "not_found", f"{kind} {ident!r} not found")
