"""One parameter list for two methods that take the same arguments."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

__all__ = ["same_parameters_as"]

P = ParamSpec("P")
R = TypeVar("R")


def same_parameters_as(source: Callable[P, Any]) -> Callable[[Callable[..., R]], Callable[P, R]]:
    """Give the decorated function ``source``'s parameters, keeping its own return type:
    ``rollouts.iter`` takes exactly ``rollouts.list``'s filters, stated once. Type checkers,
    ``inspect`` and ``help`` see them, and a call that ``source`` would refuse (an unknown or
    missing argument) raises the same ``TypeError`` before the function runs. The decorated
    function (not a coroutine function) receives every one, defaults filled in (keyword-only
    ones in ``**kwargs``)."""
    parameters = inspect.signature(source)

    def decorate(target: Callable[..., R]) -> Callable[P, R]:
        if inspect.iscoroutinefunction(target):
            raise TypeError(f"{target.__qualname__}: same_parameters_as takes plain functions")

        @functools.wraps(target)
        def checked(*args: Any, **kwargs: Any) -> R:
            try:
                bound = parameters.bind(*args, **kwargs)
            except TypeError as error:
                raise TypeError(f"{target.__qualname__}() {error}") from None
            bound.apply_defaults()
            return target(*bound.args, **bound.kwargs)

        own = inspect.signature(target).return_annotation
        checked.__signature__ = parameters.replace(return_annotation=own)  # type: ignore[attr-defined]
        return checked

    return decorate
