"""How many of a batch's rollouts may be in flight: ``concurrency`` is a ceiling, the service decides.

The service admits rollouts against an org-wide concurrency allowance; over it a create answers
429 (``retry_after_seconds``). :class:`Admission` keeps the in-flight count under a *limit* that
starts at the ceiling and follows the service, AIMD-style:

- a refusal lowers the limit to what the service holds of ours right now (at least 1), and every
  create waits until the time the service asked for (``retry_after``, else a doubling backoff);
- an admission with the window full raises the limit by ``1/limit`` (one more slot per limit's
  worth of admissions), so the batch probes for room again and one refusal brings it back; one
  that finds the service holding more of ours than the limit raises it to that many.

A refusal is not a failure: it does not count against a request's step attempts or retries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .._errors import APIStatusError, RateLimitError

__all__ = ["Admission", "admission_refusal", "out_of_credits"]

FIRST_BACKOFF_SEC = 1.0  # a refusal that names no wait: 1 s, doubling per refusal in a row
MAX_BACKOFF_SEC = 30.0
MAX_ASKED_SEC = 300.0  # a wait the service asks for, capped (a bad header must not park a batch)
_ADMISSION_WORDS = ("admission", "concurrency", "capacity", "rate_limit", "too_many", "quota_exceeded")


def _asked_wait(exc: APIStatusError) -> float | None:
    """What the refusal asks us to wait (the error read it from ``Retry-After`` or the body), capped."""
    return None if exc.retry_after is None else min(exc.retry_after, MAX_ASKED_SEC)


def admission_refusal(exc: BaseException) -> tuple[bool, float | None]:
    """(whether ``exc`` is an admission refusal, the wait it asks for or None)."""
    if isinstance(exc, RateLimitError) or (isinstance(exc, APIStatusError) and exc.status_code == 429):
        return True, _asked_wait(exc)
    if (
        isinstance(exc, APIStatusError)
        and 400 <= exc.status_code < 500
        and exc.status_code != 402
        and any(word in (exc.code or "").lower() for word in _ADMISSION_WORDS)
    ):
        return True, _asked_wait(exc)
    return False, None


def out_of_credits(exc: BaseException) -> bool:
    """402: the org has no credits left; no further create can succeed."""
    return isinstance(exc, APIStatusError) and exc.status_code == 402


class Admission:
    """The gate every create passes (thread-safe; the async runner uses the non-blocking calls).

    ``try_acquire()`` takes an in-flight slot (returns 0.0) or says how long to wait at most
    (the wait ends early when ``changed`` fires: a slot freed, the limit moved). ``hold()`` counts
    a rollout admitted by an earlier run; ``release()`` gives a slot back when its rollout ends.
    """

    def __init__(self, ceiling: int) -> None:
        self.ceiling = ceiling
        self.limit = float(ceiling)
        self.in_flight = 0  # slots taken: creates under way plus rollouts admitted and not ended
        self.admitted_now = 0  # of those, the rollouts the service admitted
        # the most in flight at once after the first refusal, counted once the creates already
        # sent when it came (``_wave``) have been answered: those were sent before the service said no
        self.peak_after_refusal = 0
        self._wave = 0
        self.refusals = 0
        self.resume_at = 0.0
        self._in_a_row = 0
        self._cond = threading.Condition()
        self._generation = 0
        # the async runner wakes its waiters here: ``on_change(room)``, room = how many may go now
        # (None: every waiter, the batch is stopping)
        self.on_change: Callable[[int | None], None] | None = None

    @property
    def generation(self) -> int:
        return self._generation

    def try_acquire(self) -> tuple[float, int]:
        """(0.0, _) when a slot was taken, else (seconds to wait at most, the generation to wait on)."""
        with self._cond:
            now = time.monotonic()
            if now < self.resume_at:
                return self.resume_at - now, self._generation
            if self.in_flight < max(1, int(self.limit)):
                self._take()
                return 0.0, self._generation
            return 1.0, self._generation  # until a slot frees (``changed``), rechecked each second

    def hold(self) -> None:
        with self._cond:
            self._take()
            self.admitted_now += 1

    def _take(self) -> None:
        self.in_flight += 1
        if self.refusals and self._wave == 0:
            self.peak_after_refusal = max(self.peak_after_refusal, self.in_flight)

    def admitted(self) -> None:
        with self._cond:
            self.admitted_now += 1
            self._in_a_row = 0
            self._wave = max(0, self._wave - 1)
            if self.admitted_now > self.limit:  # the service holds this many of ours: there is room
                self.limit = min(float(self.ceiling), float(self.admitted_now))
            elif self.admitted_now >= int(self.limit):  # the window is full: probe for one more
                self.limit = min(float(self.ceiling), self.limit + 1.0 / max(self.limit, 1.0))
            self._changed()

    def refused(self, asked: float | None) -> None:
        """A create was refused: its slot is given back, the limit drops, every create waits."""
        with self._cond:
            self.in_flight -= 1
            if self.refusals == 0:
                self._wave = self.in_flight - self.admitted_now
            else:
                self._wave = max(0, self._wave - 1)
            self.refusals += 1
            if time.monotonic() >= self.resume_at:  # refusals of one wave back off once, not each
                self._in_a_row += 1
            # the service holds admitted_now of ours and said no: that is the room there is now
            self.limit = max(1.0, min(self.limit, float(self.admitted_now)))
            if asked is None:
                wait = min(FIRST_BACKOFF_SEC * 2 ** (self._in_a_row - 1), MAX_BACKOFF_SEC)
            else:
                wait = min(asked, MAX_ASKED_SEC)
            self.resume_at = max(self.resume_at, time.monotonic() + wait)
            self._changed()

    def release(self, admitted: bool) -> None:
        """A slot ends: its rollout finished (``admitted``), or its create failed otherwise."""
        with self._cond:
            self.in_flight -= 1
            self.admitted_now -= admitted
            self._changed()

    def wait(self, seconds: float, generation: int) -> None:
        """Block (a sync worker) up to ``seconds``, or until the gate changes after ``generation``."""
        with self._cond:
            if self._generation == generation:
                self._cond.wait(seconds)

    def wake(self) -> None:
        """Wake every waiter (the batch is stopping, or a budget decision is due)."""
        with self._cond:
            self._changed(everyone=True)

    def _changed(self, everyone: bool = False) -> None:
        """Wake as many waiters as there is room for, not all: with 256 workers and 64 slots,
        waking every waiter at each change costs more than the batch's own work."""
        self._generation += 1
        room = None if everyone else max(1, max(1, int(self.limit)) - self.in_flight)
        if room is None:
            self._cond.notify_all()
        else:
            self._cond.notify(room)
        if self.on_change is not None:
            self.on_change(room)
