"""What both rollout handles share (``_async_handle`` is the source of both): the rollout's id and
last-seen document, the adaptive poll interval, and the deadline arithmetic of ``wait()``."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .._errors import RolloutWaitTimeout

__all__ = ["AGE_FRACTION", "FIRST_POLL", "HandleBase", "next_interval", "past"]


# Adaptive polling (poll_interval=None): a poll every FIRST_POLL s at first, then every
# AGE_FRACTION of the handle's age, up to max_poll_interval.
FIRST_POLL = 0.1
AGE_FRACTION = 0.1


class HandleBase:
    def __init__(self, rollout_id: str, data: Mapping[str, Any] | None = None) -> None:
        self.rollout_id = rollout_id
        self.data: dict[str, Any] = dict(data or {"rollout_id": rollout_id})
        self._born = time.monotonic()  # the rollout's age as far as polling goes

    def _poll_interval(self, fixed: float | None, max_interval: float) -> float:
        """The next wait between polls: adaptive (``fixed`` None), else ``fixed`` (growing 1.5x a poll)."""
        if fixed is not None:
            return min(fixed, max_interval)
        return min(max_interval, max(FIRST_POLL, AGE_FRACTION * (time.monotonic() - self._born)))

    def _timed_out(self, timeout: float | None) -> RolloutWaitTimeout:
        return RolloutWaitTimeout(self.rollout_id, float(timeout or 0), self.data)

    @property
    def id(self) -> str:
        return self.rollout_id

    @property
    def status(self) -> str | None:
        """The last status this handle saw (refreshed by get/wait)."""
        value = self.data.get("status")
        return value if isinstance(value, str) else None

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(rollout_id={self.rollout_id!r}, status={self.status!r})"

    def _update(self, data: Any) -> Any:
        if isinstance(data, dict):
            self.data = data
        return data


def next_interval(interval: float | None, max_interval: float) -> float | None:
    return None if interval is None else min(max_interval, interval * 1.5)


def past(deadline: float | None) -> bool:
    # socket timeouts may fire a hair before the deadline they were cut to
    return deadline is not None and time.monotonic() >= deadline - 0.01
