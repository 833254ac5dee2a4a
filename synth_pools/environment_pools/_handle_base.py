"""What both rollout handles share (``_async_handle`` is the source of both): the rollout's id and
last-seen document, the adaptive poll interval, the deadline arithmetic of ``wait()``, and
:class:`for_this_rollout`, which makes a rollouts-namespace method a handle method."""

from __future__ import annotations

import inspect
import time
import types
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, cast, overload

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


class for_this_rollout(Generic[P, R]):  # lower case: a descriptor, as property is
    """A rollouts-namespace method as a handle method: the namespace's method with the handle's
    rollout id as its first argument, so the handle restates no parameter of it.

    ``events = for_this_rollout(AsyncRolloutsNamespace.events)`` in a handle class gives, on a
    handle, ``handle.events(cursor=...)`` calling ``handle._rollouts.events(handle.rollout_id,
    cursor=...)`` (looked up by name, so a namespace subclass's override is honoured), typed with
    the namespace method's parameters after ``rollout_id``. On the class it is a real function
    (what ``help()`` and ``inspect`` read): the handle's name, the namespace method's docstring,
    signature ``(self, <the parameters after rollout_id>)``, and a coroutine function exactly
    when the namespace method is one."""

    def __init__(self, method: Callable[Concatenate[Any, str, P], R]) -> None:
        self._function = _calling_with_rollout_id(method)

    def __set_name__(self, owner: type, name: str) -> None:
        self._function.__name__ = name
        self._function.__qualname__ = f"{owner.__qualname__}.{name}"
        self._function.__module__ = owner.__module__

    @overload
    def __get__(self, handle: None, owner: type) -> Callable[Concatenate[Any, P], R]: ...
    @overload
    def __get__(self, handle: HandleBase, owner: type) -> Callable[P, R]: ...
    def __get__(self, handle: HandleBase | None, owner: type) -> Callable[..., R]:
        if handle is None:
            return self._function
        return types.MethodType(self._function, handle)


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
