"""The deadline of the call running now: ``timeout=`` bounds a whole attempt, not each read.

httpx's timeouts are per socket read, so a server trickling a byte a second would hold a call
forever. A sync attempt sets :data:`DEADLINE` (the ``time.monotonic()`` it must end by) for its
thread, and every socket operation of the SDK's sync pool (``_deadline_pool``) is cut to what is
left of it; an async attempt runs in a cancel scope instead (:func:`adeadline_scope`).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import AsyncIterator, Iterator

from ._errors import APITimeoutError

__all__ = ["DEADLINE", "adeadline_scope", "bounded", "deadline_left", "deadline_scope"]

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("synth_pools_deadline", default=None)


@contextlib.contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Every socket operation of the SDK's sync pool in this block ends by ``deadline``."""
    token = DEADLINE.set(deadline)
    try:
        yield
    finally:
        DEADLINE.reset(token)


@contextlib.asynccontextmanager
async def adeadline_scope(deadline: float | None) -> AsyncIterator[None]:
    """Async twin of :func:`deadline_scope`: the block is cancelled at ``deadline``, and its expiry
    raises :class:`APITimeoutError` (as a sync call cut by its deadline does)."""
    import asyncio

    scope = asyncio.timeout(None if deadline is None else deadline - time.monotonic())
    try:
        async with scope:
            yield
    except TimeoutError:
        if scope.expired():
            raise APITimeoutError("the call's deadline passed") from None
        raise


def deadline_left() -> float | None:
    """Seconds left before the running sync call's deadline (None: there is none)."""
    deadline = DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def bounded(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left before this thread's deadline (raise when none is)."""
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the call's deadline passed")
    return left if timeout is None or left < timeout else timeout
