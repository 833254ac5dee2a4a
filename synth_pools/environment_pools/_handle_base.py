"""What both rollout handles share (``_async_handle`` is the source of both): the rollout's id and
last-seen document, the adaptive poll interval, the deadline arithmetic of ``wait()``, and
``for_this_rollout``, which makes a rollouts-namespace method a handle method."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from .._errors import RolloutWaitTimeout

__all__ = ["AGE_FRACTION", "FIRST_POLL", "HandleBase", "for_this_rollout", "next_interval", "past"]

P = ParamSpec("P")
R = TypeVar("R")


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


def for_this_rollout(method: Callable[Concatenate[Any, str, P], R]) -> Callable[Concatenate[Any, P], R]:
    """A rollouts-namespace method as a handle method: the namespace's method with the handle's
    rollout id as its first argument, so the handle restates no parameter of it.

    ``events = for_this_rollout(AsyncRolloutsNamespace.events)`` in a handle class makes
    ``handle.events(cursor=...)`` call ``handle._rollouts.events(handle.rollout_id, cursor=...)``
    (looked up by name, so a namespace subclass's override is honoured). The class gets a plain
    function (what ``help()`` and ``inspect`` read): named as the handle's method, with the
    namespace method's docstring, its signature less ``rollout_id``, and a coroutine function
    exactly when the namespace method is one. Type checkers (mypy, pyright) bind ``self`` of a
    callable assigned in a class body, so on a handle it is typed with the namespace method's
    parameters after ``rollout_id``."""
    # until the class is made, a placeholder that names the function and puts it in the class
    return cast("Callable[Concatenate[Any, P], R]", _Named(_calling_with_rollout_id(method)))


class _Named:
    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function

    def __set_name__(self, owner: type, name: str) -> None:
        # the handle's name (``to_atif``), not the namespace method's (``export_trajectory``)
        self.function.__name__ = name
        self.function.__qualname__ = f"{owner.__qualname__}.{name}"
        self.function.__module__ = owner.__module__
        setattr(owner, name, self.function)


def _calling_with_rollout_id(method: Callable[..., Any]) -> Callable[..., Any]:
    """A function ``(handle, *args, **kwargs)`` calling ``method``'s namespace method, by name, on
    ``handle._rollouts`` with ``handle.rollout_id`` first; it wears ``method``'s docstring and
    signature less ``rollout_id``."""
    target = method.__name__
    signature = inspect.signature(method)
    self_param, id_param, *rest = signature.parameters.values()
    if id_param.name != "rollout_id":
        raise TypeError(f"for_this_rollout: {method.__qualname__} does not take rollout_id first")

    def call(handle: Any, /, *args: Any, **kwargs: Any) -> Any:
        return getattr(handle._rollouts, target)(handle.rollout_id, *args, **kwargs)

    async def call_async(handle: Any, /, *args: Any, **kwargs: Any) -> Any:
        return await call(handle, *args, **kwargs)

    # an async def for a coroutine method, so the handle's is a coroutine function too (Python
    # 3.11 has no inspect.markcoroutinefunction); a method returning a stream stays a plain def
    function: Any = call_async if inspect.iscoroutinefunction(method) else call
    function.__doc__ = method.__doc__
    function.__signature__ = signature.replace(parameters=[self_param, *rest])
    function.__annotations__ = {k: v for k, v in method.__annotations__.items() if k != id_param.name}
    # typing.get_type_hints resolves the (string) annotations in the namespace module's globals
    function.__wrapped__ = method
    return cast("Callable[..., Any]", function)
