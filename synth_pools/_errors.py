"""The error hierarchy and the one function that turns an HTTP response into an exception.

Everything the SDK raises derives from :class:`SynthPoolsError`:

- ``APIError`` -> ``APIStatusError`` (``status_code``, ``request_id``, ``code``, ``body``) with one
  subclass per status family, plus ``PlanGatingError`` for plan/feature 403s;
  ``APIConnectionError`` -> ``APITimeoutError`` when no response arrived;
  ``APIResponseValidationError`` when a 2xx body is not what the API promises.
- Local validation errors are ``ValueError`` subclasses (the reference documents promise
  ``ValueError``) that name the field and the fix: :class:`SynthPoolsValidationError`.
- ``InsufficientCreditsError`` (402: the account is out of credits), ``NotSupportedLocallyError``
  (an operation the local backend deliberately does not run; never worth a retry) and
  ``PoolNotActiveError`` (a launch into a pool that is still building, paused or failed).
- ``RolloutWaitTimeout`` (a ``TimeoutError``) when ``wait()`` gives up; it carries the last status;
  ``PoolWaitTimeout`` when ``wait_until_active()`` does.
- ``ClientClosedError`` (a ``RuntimeError``) when a closed client is used again.

:func:`error_from_response` is the only place a status code becomes an exception type. Messages
never contain the API key or a credential value: they are built from the server's error body,
which the service already redacts, and never from request headers or bodies.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "InsufficientCreditsError",
    "InternalServerError",
    "MissingAPIKeyError",
    "NotFoundError",
    "NotSupportedLocallyError",
    "PageShapeError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PlanGatingError",
    "PoolFailedError",
    "PoolNotActiveError",
    "PoolWaitTimeout",
    "RangeNotSatisfiableError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "RolloutWaitTimeout",
    "StreamError",
    "SynthPoolsError",
    "SynthPoolsValidationError",
    "UnprocessableEntityError",
    "error_from_response",
    "retry_after_seconds",
]

PLAN_GATING_CODES = frozenset({"plan_required", "feature_not_available", "upgrade_required"})


class SynthPoolsError(Exception):
    """Base class of every exception this SDK raises on purpose."""


class SynthPoolsValidationError(SynthPoolsError, ValueError):
    """A request rejected locally, before anything was sent.

    ``field`` is the dotted path of the offending field (``"timeouts.agent_sec"``) and ``fix``
    says what to change; both are also in the message.
    """

    def __init__(self, field: str, problem: str, fix: str) -> None:
        self.field = field
        self.problem = problem
        self.fix = fix
        super().__init__(f"{field}: {problem}. Fix: {fix}")


class MissingAPIKeyError(SynthPoolsValidationError):
    """No API key was given and ``SYNTH_API_KEY`` is not set."""

    def __init__(self) -> None:
        super().__init__(
            "api_key",
            "no API key was given",
            "pass api_key=... or set the SYNTH_API_KEY environment variable",
        )


class ClientClosedError(SynthPoolsError, RuntimeError):
    """The client (or the ``httpx`` client it was given) was closed and then used again."""

    def __init__(self) -> None:
        super().__init__(
            "This client is closed: its connections were released by close()/aclose() or by leaving "
            "its `with` block. Create a new client, or make the calls inside the `with` block."
        )


class APIError(SynthPoolsError):
    """Something went wrong talking to the API (a bad status, no response, or a bad body)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """No response arrived: DNS, refused connection, reset, or a stream cut with retries spent."""

    def __init__(self, message: str | None = None, *, request: httpx.Request | None = None) -> None:
        super().__init__(
            message or "Could not reach the Synth API; check backend_base and your network, then retry.",
            request=request,
        )


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or pool)."""

    def __init__(self, message: str | None = None, *, request: httpx.Request | None = None) -> None:
        super().__init__(
            message or "The request to the Synth API timed out; pass a larger timeout= or retry.",
            request=request,
        )


class APIResponseValidationError(APIError):
    """A successful response whose body is not what the API documents (not JSON, wrong shape)."""

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        super().__init__(message, request=_request_of(response) if response is not None else None)
        self.response = response
        self.status_code = response.status_code if response is not None else None
        self.request_id = response.headers.get("x-request-id") if response is not None else None


class PageShapeError(APIResponseValidationError, TypeError):
    """A list endpoint answered with something that is neither a page nor a bare array."""


class StreamError(APIError):
    """The server sent an ``error`` event on an event stream."""

    def __init__(self, message: str, *, data: Any = None, event_id: str | None = None) -> None:
        super().__init__(message)
        self.data = data
        self.event_id = event_id


class APIStatusError(APIError):
    """The API answered with a 4xx/5xx status.

    ``status_code``, ``request_id`` (from the body or the ``x-request-id`` header), ``code`` (the
    API's error code), ``details`` (per-field problems) and ``body`` (the parsed JSON body, or the
    raw text when it is not JSON) are always set. ``retry_after`` is how long the server asked us to
    wait (seconds, from ``Retry-After`` or the body's ``retry_after_seconds``), ``None`` when it did
    not say: read once here, so retries, streams and batch admission all honour the same ask.
    """

    retry_after: float | None = None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        code: str | None = None,
        request_id: str | None = None,
        details: list[dict[str, Any]] | None = None,
        retryable: bool | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, request=_request_of(response))
        self.response = response
        self.status_code = response.status_code
        self.body = body
        self.code = code
        self.request_id = request_id
        self.details = details or []
        self.retryable = retryable
        self.retry_after = retry_after

    def __str__(self) -> str:
        rid = f" (request_id={self.request_id})" if self.request_id else ""
        return f"{self.status_code} {self.message}{rid}"


class BadRequestError(APIStatusError):
    """400: the request is malformed; fix it and do not retry."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (other org, missing scope)."""


class PlanGatingError(PermissionDeniedError):
    """403: the account's plan does not include Environment Pools (Free/Trial accounts).

    ``current_plan``, ``required_plans`` and ``upgrade_url`` come from the server when it sends them.
    """

    def __init__(
        self,
        message: str,
        *,
        current_plan: str | None = None,
        required_plans: list[str] | None = None,
        upgrade_url: str | None = None,
        **status_fields: Any,  # APIStatusError's: response, body, code, request_id ...
    ) -> None:
        super().__init__(message, **status_fields)
        self.current_plan = current_plan
        self.required_plans = required_plans or []
        self.upgrade_url = upgrade_url


class InsufficientCreditsError(APIStatusError):
    """402: the account is out of credits; nothing was started. Add credits (or raise the spend
    limit) in the Synth dashboard, then send the request again."""


class NotSupportedLocallyError(APIStatusError):
    """The local backend does not run this operation (error code ``not_supported_locally``,
    usually a 501): the request is valid and the real service runs it, so retrying here never
    helps. Point ``backend_base`` at the Synth service, or change the request as the message says."""


class NotFoundError(APIStatusError):
    """404: no such rollout, pool, task, artifact or credential (or it belongs to another org)."""


class ConflictError(APIStatusError):
    """409: the resource already exists, or is locked by a concurrent change."""


class PoolNotActiveError(ConflictError):
    """A rollout was refused because its pool is not ``active`` (it is still building, paused,
    failed or archived). ``pool_id`` and ``pool_status`` say which and where it stands; wait for
    it with ``pools.wait_until_active(pool_id)`` (or resume a paused pool), then launch again."""

    def __init__(self, message: str, *, pool_id: str, pool_status: str | None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.pool_id = pool_id
        self.pool_status = pool_status


class PayloadTooLargeError(APIStatusError):
    """413: the request body is larger than the API accepts."""


class RangeNotSatisfiableError(APIStatusError):
    """416: a download resumed past the end of the file."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well formed but invalid; ``errors`` (also ``details``) names each
    field: ``[{"field": "credential_type", "message": ..., "type": ..., "loc": [...]}]``, read
    from our error envelope or from FastAPI's ``detail`` list."""

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.details

    @property
    def fields(self) -> list[str]:
        """The dotted path of every field the service refused, without a location root
        (``body.credential_name`` and FastAPI's ``["body", "credential_name"]`` both read as
        ``credential_name``)."""
        out = []
        for detail in self.details:
            root, dot, rest = str(detail.get("field", "?")).partition(".")
            out.append(rest if dot and root in _LOC_ROOTS else root + dot + rest)
        return out


class RateLimitError(APIStatusError):
    """429: slow down; ``retry_after`` (seconds) says how long the server asked us to wait."""


class InternalServerError(APIStatusError):
    """5xx (and any status outside 4xx the SDK does not know): a server-side problem."""


class RolloutWaitTimeout(SynthPoolsError, TimeoutError):
    """``wait()`` ran out of time before the rollout reached a terminal status.

    ``last_status`` and ``rollout`` hold the last state seen, so nothing is returned silently.
    """

    def __init__(self, rollout_id: str, timeout: float, rollout: Mapping[str, Any] | None) -> None:
        self.rollout_id = rollout_id
        self.timeout = timeout
        self.rollout = dict(rollout) if rollout is not None else None
        self.last_status = None if rollout is None else rollout.get("status")
        super().__init__(
            f"rollout {rollout_id} did not finish within {timeout:g}s "
            f"(last status: {self.last_status!r}); call wait() again with a larger timeout, "
            "or cancel() it"
        )


class PoolWaitTimeout(SynthPoolsError, TimeoutError):
    """``wait_until_active()`` ran out of time; ``last_status`` (and ``pool``) say where the pool stood."""

    def __init__(self, pool_id: str, timeout: float, pool: Mapping[str, Any] | None) -> None:
        self.pool_id = pool_id
        self.timeout = timeout
        self.pool = dict(pool) if pool is not None else None
        self.last_status = None if pool is None else (pool.get("status") or pool.get("state"))
        super().__init__(
            f"pool {pool_id} was not active within {timeout:g}s (last status: {self.last_status!r}); "
            "call wait_until_active() again with a larger timeout, or check the pool's build"
        )


class PoolFailedError(SynthPoolsError, RuntimeError):
    """The pool reached ``failed`` (or ``archived``) while we waited for it to become active:
    it never will. ``pool`` holds its last state (its ``error`` says why, when the service tells)."""

    def __init__(self, pool_id: str, pool: Mapping[str, Any]) -> None:
        self.pool_id = pool_id
        self.pool = dict(pool)
        self.status = pool.get("status") or pool.get("state")
        reason = pool.get("error") or pool.get("status_reason") or pool.get("reason")
        why = f": {reason}" if reason else ""
        super().__init__(
            f"pool {pool_id} is {self.status!r} and will not become active{why}; "
            "fix its definition (image, tasks) and create it again"
        )


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    416: RangeNotSatisfiableError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}

_HINTS: dict[type[APIStatusError], str] = {
    AuthenticationError: "check api_key / SYNTH_API_KEY",
    InsufficientCreditsError: "the account is out of credits; add credits in the Synth dashboard, then retry",
    NotSupportedLocallyError: "the local backend does not run this; point backend_base at the Synth service",
    NotFoundError: "check the id, and that it belongs to this API key's organisation",
    RateLimitError: "slow down or raise max_retries",
    InternalServerError: "the server failed; retry later and quote the request id if it persists",
    PlanGatingError: "upgrade to a Pro or Team plan to use Environment Pools",
}


def _request_of(response: httpx.Response) -> httpx.Request | None:
    try:
        return response.request
    except RuntimeError:  # a Response built by hand in a test has no request
        return None


def _parse_body(response: httpx.Response) -> Any:
    try:
        text = response.text
    except (httpx.ResponseNotRead, httpx.StreamError):
        return None
    if not text:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: JSON nested absurdly deep
        return text[:2000]


def retry_after_seconds(response: httpx.Response, body: Any = None) -> float | None:
    """How long the server asked us to wait: ``retry-after-ms``, ``Retry-After`` (seconds or an
    HTTP date), or the error body's ``retry_after_ms``, ``retry_after_seconds`` or ``retry_after``
    (seconds; the newest service sends them in the body). ``None`` when it did not say."""
    headers = response.headers
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        try:
            return max(0.0, float(raw_ms) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if raw is not None:
        try:
            return max(0.0, float(raw))
        except ValueError:
            try:
                # here, not at import: email.utils costs ~5 ms of every import, and dates are rare here
                from email.utils import parsedate_to_datetime

                when = parsedate_to_datetime(raw)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                from datetime import UTC, datetime

                if when.tzinfo is None:  # asctime and "-0000" dates: HTTP dates are always UTC
                    when = when.replace(tzinfo=UTC)
                return max(0.0, (when - datetime.now(UTC)).total_seconds())
    err = _error_object(body)
    for obj in (err, body) if isinstance(body, dict) and err is not body else (err,):
        ms = _number(obj.get("retry_after_ms"))
        if ms is not None:
            return max(0.0, ms / 1000.0)
        for key in ("retry_after_seconds", "retry_after"):
            seconds = _number(obj.get(key))
            if seconds is not None:
                return max(0.0, seconds)
    return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _error_object(body: Any) -> dict[str, Any]:
    """The error object of an error body: our ``{"error": {...}}``, FastAPI's
    ``{"detail": {...}}`` (an ``HTTPException`` raised with a dict), or the body itself."""
    if isinstance(body, dict):
        for key in ("error", "detail"):
            inner = body.get(key)
            if isinstance(inner, dict):
                return inner
        # FastAPI {"detail": "..."} / {"detail": [...]}, or a flat {"code", "message"} body
        return body
    return {}


_PLAN_WORDS = re.compile(r"\b(plans?|upgrade|upgrading)\b", re.IGNORECASE)
# where FastAPI says a field is; what follows it is the field's dotted path
_LOC_ROOTS = frozenset({"body", "query", "path", "header", "cookie"})


def _is_plan_gating(code: str | None, message: str) -> bool:
    """A 403 is plan gating when its code says so; the message's words decide only when the body
    carries no code at all (a 403 ``forbidden`` that suggests an upgrade is still just forbidden)."""
    if code is not None:
        return code in PLAN_GATING_CODES
    return _PLAN_WORDS.search(message) is not None


def _without_inputs(body: Any) -> Any:
    """FastAPI's validation errors echo each refused ``input``, which may be the whole request
    body with a credential value in it; the SDK keeps the rest of the body, never the inputs."""
    if not isinstance(body, dict) or not isinstance(body.get("detail"), list):
        return body
    detail = [
        {**item, "input": "***"} if isinstance(item, dict) and "input" in item else item
        for item in body["detail"]
    ]
    return {**body, "detail": detail}


def _fastapi_details(detail: list[Any]) -> list[dict[str, Any]]:
    """FastAPI's ``[{"loc": ["body", "credential_type"], "msg": ..., "type": ...}]`` as our
    details: ``field`` is the dotted path after the location root, ``message`` the msg."""
    out: list[dict[str, Any]] = []
    for item in detail:
        if not isinstance(item, dict):
            continue
        loc = item.get("loc")
        parts = [str(p) for p in loc] if isinstance(loc, list) else []
        if len(parts) > 1 and parts[0] in _LOC_ROOTS:
            parts = parts[1:]
        entry: dict[str, Any] = {"field": ".".join(parts) or "?", "message": str(item.get("msg", ""))}
        if isinstance(item.get("type"), str):
            entry["type"] = item["type"]
        if isinstance(loc, list):
            entry["loc"] = loc
        out.append(entry)
    return out


def _retryable_word(err: Mapping[str, Any], body: Any) -> bool | None:
    """The body's own word on retrying (``retryable``), in the error object or at the top."""
    for obj in (err, body):
        if isinstance(obj, Mapping) and isinstance(obj.get("retryable"), bool):
            return bool(obj["retryable"])
    return None


def error_from_response(response: httpx.Response) -> APIStatusError:
    """Map a non-2xx response to the matching :class:`APIStatusError` subclass.

    Works for any body: the API's error envelope, FastAPI ``{"detail": "..."}`` (the message) or
    ``{"detail": [{"loc", "msg", "type"}]}`` (one detail per field), an HTML 502 page, an empty
    body, or an unregistered status such as 520.
    """
    body = _without_inputs(_parse_body(response))
    err = _error_object(body)
    raw_code = err.get("code") or err.get("error_code")
    code = raw_code if isinstance(raw_code, str) and raw_code else None
    raw_message = err.get("message")
    detail = err.get("detail")
    if not isinstance(raw_message, str):
        raw_message = detail if isinstance(detail, str) else None
    fastapi_details = _fastapi_details(detail) if isinstance(detail, list) else []
    if raw_message is None and fastapi_details:
        raw_message = "the request is invalid"
    message = raw_message or response.reason_phrase or "error"
    if isinstance(body, str) and raw_message is None:
        # non-JSON body (an HTML proxy page): keep the message short and say what it was
        message = f"{response.reason_phrase or 'error'} (non-JSON body from the server or a proxy)"
    request_id = err.get("request_id") if isinstance(err.get("request_id"), str) else None
    request_id = request_id or response.headers.get("x-request-id")
    raw_details = err.get("details")
    details = [d for d in raw_details if isinstance(d, dict)] if isinstance(raw_details, list) else []
    details = details or fastapi_details
    retryable = _retryable_word(err, body)

    status = response.status_code
    cls: type[APIStatusError]
    if code == "not_supported_locally":
        cls = NotSupportedLocallyError
        retryable = False  # the request is fine and nothing here changes: a retry never helps
    elif status == 403 and _is_plan_gating(code, message):
        cls = PlanGatingError
    elif status in _BY_STATUS:
        cls = _BY_STATUS[status]
    elif 300 <= status < 400:
        return RedirectError.of(response, body)
    elif status >= 500 or status < 400:
        cls = InternalServerError
    else:
        cls = APIStatusError

    hint = _HINTS.get(cls)
    if cls is InternalServerError and retryable is False:
        hint = "the server says a retry will not help; quote the request id to Synth support"
    if details:
        shown = "; ".join(f"{d.get('field', '?')}: {d.get('message', '')}" for d in details[:5])
        more = f"; and {len(details) - 5} more" if len(details) > 5 else ""
        message = f"{message} [{shown}{more}]"
    if hint and hint not in message:
        message = f"{message} — {hint}"

    common: dict[str, Any] = {
        "response": response,
        "body": body,
        "code": code,
        "request_id": request_id,
        "details": details,
        "retryable": retryable,
        "retry_after": retry_after_seconds(response, body),
    }
    if cls is PlanGatingError:
        plans = err.get("required_plans")
        return PlanGatingError(
            message,
            current_plan=err.get("current_plan") if isinstance(err.get("current_plan"), str) else None,
            required_plans=[p for p in plans if isinstance(p, str)] if isinstance(plans, list) else None,
            upgrade_url=err.get("upgrade_url") if isinstance(err.get("upgrade_url"), str) else None,
            **common,
        )
    return cls(message, **common)


# ---------------------------------------------------------------------------------------------
# Hostile answers (issue 27): a redirect the SDK will not follow, an answer too large to hold.


class RedirectError(APIStatusError):
    """3xx: the server (or a proxy in front of it) redirected the call. The SDK never follows a
    redirect, which would carry the API key to another address. ``location`` is where it pointed,
    without what a Location may carry that is secret (userinfo, and the query and fragment of a
    presigned URL): scheme, host, port and path, what backend_base needs. The header as sent stays
    on ``response.headers["location"]``."""

    location: str | None = None

    @classmethod
    def of(cls, response: httpx.Response, body: Any) -> RedirectError:
        raw = response.headers.get("location")
        location = None if raw is None else _without_secrets(raw)
        request = _request_of(response)
        what = f"{request.method} {request.url.path}" if request is not None else "the call"
        where = f"to {location!r}" if location else "without a Location"
        error = cls(
            f"{what} was redirected {where}; the SDK does not follow redirects (they would carry "
            "your API key elsewhere): point backend_base at the final address",
            response=response,
            body=body,
            request_id=response.headers.get("x-request-id"),
        )
        error.location = location
        return error


def _without_secrets(url: str) -> str:
    """``url`` fit for a message or a log: its userinfo masked, its query and fragment left out
    (a presigned URL's token lives there); what cannot be parsed as a URL is cut to 200 characters."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return url[:200]
    if parsed.userinfo:
        parsed = parsed.copy_with(username="***", password=None)
    return str(parsed.copy_with(query=None, fragment=None))


class ResponseTooLargeError(APIResponseValidationError):
    """An answer larger (once decompressed) than the client's ``max_response_bytes``: a
    misbehaving server or a compression bomb. Streamed downloads have no such limit."""

    def __init__(self, what: str, limit: int, *, response: httpx.Response | None = None) -> None:
        self.limit = limit
        super().__init__(
            f"the answer to {what} is larger than max_response_bytes={limit:,} once decompressed; "
            "check backend_base, or, if so large an answer is expected, raise the cap with "
            "client.with_options(max_response_bytes=...) or the SYNTH_MAX_RESPONSE_BYTES environment "
            "variable",
            response=response,
        )
