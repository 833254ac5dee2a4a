"""Every sync class and its async twin have the same surface, to the last default.

Clients, their namespaces (nested ones included), rollout handles and event streams: the same
public methods, each with the same parameters (names, kinds, defaults, annotations) and the same
return annotation once ``Async`` is read away (``AsyncIterator`` is ``Iterator``,
``httpx.AsyncClient`` is ``httpx.Client``). An async method is a coroutine function, or returns
an async iterator where its twin returns an iterator. The one intended difference, the async
clients' ``async_transport=`` in place of ``transport=``, is named below; anything else fails.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest

import synth_pools as sp
from synth_pools._sse import AsyncEventStream, EventStream

# (sync parameter, async parameter): the async clients choose aiohttp or httpx instead of taking
# a sync httpx transport
TRANSPORT = ("transport", "async_transport")
# sync name -> async name where the async protocol spells it differently
RENAMED = {
    "__iter__": "__aiter__",
    "__next__": "__anext__",
    "__enter__": "__aenter__",
    "__exit__": "__aexit__",
    "close": "aclose",
}
# the async clients also spell ``aclose`` as ``close`` (a coroutine, as openai-python does)
ASYNC_ONLY = {"close"}

CLIENTS = [
    (sp.SynthClient, sp.AsyncSynthClient),
    (sp.EnvironmentPoolsClient, sp.AsyncEnvironmentPoolsClient),
    (sp.ContainerPoolsClient, sp.AsyncContainerPoolsClient),
]
CLASSES = [(sp.RolloutHandle, sp.AsyncRolloutHandle), (EventStream, AsyncEventStream)]


def _desync(annotation: str) -> str:
    """An async annotation read as its sync twin's."""
    text = re.sub(r"\bAsync(?=[A-Z])", "", annotation)
    text = text.replace("AwaitableOrValue", "")
    return re.sub(r"\s+", "", text)


def _public(cls: type[Any]) -> dict[str, Any]:
    names = {n for n in dir(cls) if not n.startswith("_") or n in RENAMED or n in RENAMED.values()}
    return {
        n: getattr(cls, n)
        for n in names
        if callable(getattr(cls, n)) and not isinstance(getattr(cls, n), type)
    }


def _describe(func: Any, *, side: str) -> tuple[list[tuple[str, str, str, str]], str]:
    signature = inspect.signature(func)
    params = []
    for p in signature.parameters.values():
        name = p.name
        default = "-" if p.default is p.empty else repr(p.default)
        annotation = "" if p.annotation is p.empty else str(p.annotation)
        if side == "async":
            annotation = _desync(annotation)
            if name == TRANSPORT[1]:
                name, default, annotation = TRANSPORT[0], "<transport>", "<transport>"
        else:
            annotation = re.sub(r"\s+", "", annotation)
            if name == TRANSPORT[0]:
                default, annotation = "<transport>", "<transport>"
        params.append((name, str(p.kind), default, annotation))
    returns = "" if signature.return_annotation is signature.empty else str(signature.return_annotation)
    return params, _desync(returns) if side == "async" else re.sub(r"\s+", "", returns)


def _compare(sync_cls: type[Any], async_cls: type[Any], where: str) -> list[str]:
    problems: list[str] = []
    sync_methods, async_methods = _public(sync_cls), _public(async_cls)
    expected = {RENAMED.get(n, n) for n in sync_methods}
    extra = set(async_methods) - expected - ASYNC_ONLY - set(RENAMED)
    missing = expected - set(async_methods)
    if extra or missing:
        problems.append(f"{where}: async only {sorted(extra)}, sync only {sorted(missing)}")
    for name, sync_func in sorted(sync_methods.items()):
        async_func = async_methods.get(RENAMED.get(name, name))
        if async_func is None:
            continue
        at = f"{where}.{name}"
        (sync_params, sync_returns), (async_params, async_returns) = (
            _describe(sync_func, side="sync"),
            _describe(async_func, side="async"),
        )
        if sync_params != async_params:
            differ = [f"{a} != {b}" for a, b in zip(sync_params, async_params, strict=False) if a != b]
            problems.append(f"{at}: {differ or f'{len(sync_params)} != {len(async_params)} parameters'}")
        if sync_returns != async_returns:
            problems.append(f"{at}: returns {sync_returns} != {async_returns}")
        # a plain async method must return an async object (an iterator, a handle, a copy of the
        # client): anything else would be I/O done synchronously
        returns = str(inspect.signature(async_func).return_annotation)
        may_be_plain = "Async" in returns or returns == "Self" or name in ("__aiter__",)
        if inspect.iscoroutinefunction(sync_func):
            problems.append(f"{at}: the sync method is a coroutine function")
        elif not may_be_plain and not inspect.iscoroutinefunction(async_func):
            problems.append(f"{at}: the async twin is not a coroutine function")
    return problems


def _namespaces(client: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for name, value in sorted(vars(client).items()):
        if name.startswith("_") or not hasattr(type(value), "__module__"):
            continue
        if type(value).__module__.startswith("synth_pools.") and not isinstance(value, str | int | float):
            yield prefix + name, value
            yield from _namespaces(value, f"{prefix}{name}.")


def _client(cls: type[Any]) -> Any:
    return cls(api_key="sk_test_twins", backend_base="http://127.0.0.1:9")


@pytest.mark.parametrize(("sync_cls", "async_cls"), CLIENTS, ids=lambda c: c.__name__)
def test_client_and_its_namespaces_match_their_async_twins(sync_cls: type[Any], async_cls: type[Any]) -> None:
    problems = _compare(sync_cls, async_cls, sync_cls.__name__)
    sync_client, async_client = _client(sync_cls), _client(async_cls)
    sync_spaces, async_spaces = dict(_namespaces(sync_client)), dict(_namespaces(async_client))
    assert sorted(sync_spaces) == sorted(async_spaces), "the clients hold different namespaces"
    assert sync_spaces, "a client without namespaces: the walk above found nothing"
    for path, space in sync_spaces.items():
        problems += _compare(type(space), type(async_spaces[path]), f"{sync_cls.__name__}.{path}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("sync_cls", "async_cls"), CLASSES, ids=lambda c: c.__name__)
def test_handles_and_streams_match_their_async_twins(sync_cls: type[Any], async_cls: type[Any]) -> None:
    problems = _compare(sync_cls, async_cls, sync_cls.__name__)
    assert not problems, "\n".join(problems)


def test_a_drift_is_caught() -> None:
    # the guard itself: a default changed on one side only is reported
    class Sync:
        def get(self, rollout_id: str, *, limit: int | None = None) -> dict[str, Any]:
            raise NotImplementedError

    class Async:
        async def get(self, rollout_id: str, *, limit: int | None = 100) -> dict[str, Any]:
            raise NotImplementedError

    assert _compare(Sync, Async, "X") != []
