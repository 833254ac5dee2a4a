"""A pool's lifecycle as the SDK reads it: when a pool is ready, when it never will be, and what a
refused launch means. Pure decisions, shared by both API packages and both I/O flavours
(``_resource`` does the requests).

The newest service builds a pool before it admits rollouts (design/real-service.md): ``created ->
uploading -> building -> warming -> active <-> paused``, or ``failed``; DELETE archives it, and
only ``active`` admits rollouts. Older deployments (and our local backend) say only ``active``,
``paused`` or ``archived``, and some older answers carry no status at all (taken as active: they
admitted rollouts as soon as they existed).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from ._errors import APIStatusError, PoolFailedError, PoolNotActiveError, PoolWaitTimeout

__all__ = [
    "ACTIVE",
    "DEAD_STATUSES",
    "DEFAULT_POLL",
    "DEFAULT_WAIT",
    "PoolWait",
    "launch_refusal_names_pool",
    "not_active_error",
    "pool_status",
]

ACTIVE = "active"
#: a pool in one of these never becomes active by waiting
DEAD_STATUSES = frozenset({"failed", "archived", "deleted", "error"})
# synth-containers' PoolClient.wait_until_active polls every 3 s for up to 900 s
DEFAULT_POLL = 3.0
DEFAULT_WAIT = 900.0
# error codes a launch refusal may carry when its pool is not ready (inferred: the service's
# refusal body is not published; a 409 is what a launch into a building pool answers today)
NOT_ACTIVE_CODES = frozenset({"pool_not_active", "pool_not_ready", "pool_building", "pool_paused"})


def pool_status(pool: Mapping[str, Any]) -> str | None:
    status = pool.get("status") or pool.get("state")
    return status if isinstance(status, str) else None


def launch_refusal_names_pool(error: APIStatusError) -> bool:
    """Whether a refused launch may be the pool's state: worth one look at the pool."""
    return error.status_code == 409 or error.code in NOT_ACTIVE_CODES


def not_active_error(
    error: APIStatusError, pool_id: str, pool: Mapping[str, Any]
) -> PoolNotActiveError | None:
    """The refusal as :class:`PoolNotActiveError` when the pool is indeed not active, else ``None``
    (the refusal was about something else: raise it as it came)."""
    status = pool_status(pool)
    if status is None or status == ACTIVE:
        return None
    if status == "paused":
        fix = f"resume it (pools.resume({pool_id!r})), then launch again"
    elif status in DEAD_STATUSES:
        fix = "it will not become active; create the pool again (check its image and tasks)"
    else:
        fix = f"wait for it with pools.wait_until_active({pool_id!r}), then launch again"
    return PoolNotActiveError(
        f"pool {pool_id} is {status!r}, not 'active', so it admits no rollouts; {fix}",
        pool_id=pool_id,
        pool_status=status,
        response=error.response,
        body=error.body,
        code=error.code,
        request_id=error.request_id,
        details=error.details,
        retryable=False,
    )


class PoolWait:
    """The state of one ``wait_until_active`` call: feed it each pool read, it says stop or go on."""

    def __init__(self, pool_id: str, timeout: float, poll_interval: float) -> None:
        if timeout < 0 or poll_interval <= 0:
            from ._errors import SynthPoolsValidationError

            raise SynthPoolsValidationError(
                "timeout" if timeout < 0 else "poll_interval",
                "must be positive",
                "pass timeout >= 0 and poll_interval > 0 (seconds)",
            )
        self.pool_id = pool_id
        self.timeout = timeout
        self.poll_interval = poll_interval
        self.deadline = time.monotonic() + timeout
        self.last: Mapping[str, Any] | None = None

    def seen(self, pool: Mapping[str, Any]) -> float | None:
        """``None`` when the pool is active (return it); else the seconds to sleep before the next
        read. Raises :class:`PoolFailedError` at once on a dead status, and
        :class:`PoolWaitTimeout` (naming the last status) when the time is up."""
        self.last = pool
        status = pool_status(pool)
        if status is None or status == ACTIVE:
            return None
        if status in DEAD_STATUSES:
            raise PoolFailedError(self.pool_id, pool)
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise PoolWaitTimeout(self.pool_id, self.timeout, pool)
        return min(self.poll_interval, left)
