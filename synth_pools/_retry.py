"""Retry policy: which failures are retried, and how long to wait before the next attempt.

Pure decisions, no I/O, shared by the sync and async transports:

- retried: connection errors and timeouts, 408, 409 (lock conflict), 429 and 5xx, unless the
  error body says ``"retryable": false``; a body saying ``"retryable": true`` is retried whatever
  the status. :func:`retryable_status` is that rule, and the ONE list of statuses: requests
  retry by it and event streams (``_sse``) reconnect by it.
- a POST is retried only when it carries an ``Idempotency-Key`` (the transport always adds one)
  or when it failed before it was sent (connect error).
- the wait honours ``retry-after-ms`` / ``Retry-After`` headers and the body's ``retry_after_ms``,
  ``retry_after_seconds`` or ``retry_after`` (the newest service puts its ask in the body) up to
  ``MAX_RETRY_AFTER``; otherwise exponential backoff from 0.5 s doubling to 8 s, with +-25 % jitter.
- the body's ``retryable`` is read in the error object or at the top of the body; an error the
  mapper knows is final (``not_supported_locally``) carries ``retryable=False`` and is never retried.

Whether a wait fits the call's time budget (``timeout x (max_retries + 1)``) is the transport's
decision (``_transport._Attempts``), not this module's.
"""

from __future__ import annotations

import random

import httpx

from ._errors import APIStatusError

__all__ = [
    "MAX_RETRY_AFTER",
    "backoff_delay",
    "retry_delay",
    "retryable_status",
    "should_retry_exception",
    "should_retry_status",
]

INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
RETRY_STATUSES = frozenset({408, 409, 429})


def retryable_status(error: APIStatusError) -> bool:
    """Whether asking again may succeed: the body's ``retryable`` word when it has one, else the status."""
    if error.retryable is not None:
        return error.retryable
    return error.status_code in RETRY_STATUSES or error.status_code >= 500


def should_retry_status(error: APIStatusError, *, method: str, has_idempotency_key: bool) -> bool:
    if method.upper() == "POST" and not has_idempotency_key:
        return False
    return retryable_status(error)


def should_retry_exception(exc: Exception, *, method: str, has_idempotency_key: bool) -> bool:
    if not isinstance(exc, httpx.TransportError):
        return False
    if method.upper() != "POST" or has_idempotency_key:
        return True
    # a POST without a key is safe to repeat only if it never left this machine
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def backoff_delay(attempt: int, *, base: float = INITIAL_DELAY, cap: float = MAX_DELAY) -> float:
    """Exponential backoff with jitter for retry ``attempt`` (1 = first retry): 0.5 s, 1, 2, 4, 8, 8 ...
    each within +-25 %, never above ``cap``."""
    nominal: float = min(cap, base * 2.0 ** max(0, attempt - 1))
    # the jitter keeps clients that failed together from retrying together
    return min(cap, nominal * (0.75 + random.random() / 2))


def retry_delay(attempt: int, asked: float | None) -> float:
    """Seconds to wait before retry ``attempt``: the server's ask (``APIStatusError.retry_after``)
    when it made one, else backoff."""
    if asked is not None:
        return min(asked, MAX_RETRY_AFTER)
    return backoff_delay(attempt)
