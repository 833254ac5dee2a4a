"""The public surface against the reference document (parsed at test time when it is present;
see ``tests/support/reference_surface.py``).

Checks both clients: every documented method and alias exists, takes exactly the documented
positional parameters (extra ones may only be optional keyword-only), and on the async client
is a native coroutine function (event streams: an async stream, returned unawaited) - namespaces
included.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from synth_pools import SynthPoolsError
from synth_pools import pools as pools_module
from synth_pools._sse import AsyncEventStream, EventStream
from synth_pools.pools import (
    AsyncContainerPoolsClient,
    ContainerPoolsClient,
    InvalidRolloutRequestError,
    PoolTarget,
    validate_pool_rollout_request,
)
from tests.support.reference_surface import doc_methods, reference_surface

from ._seed import DocMethod
from ._support import NAMESPACE_METHODS


@pytest.fixture(scope="module")
def surface() -> dict[str, Any]:
    container: dict[str, Any] = reference_surface()["container_pools"]
    return container


@pytest.fixture(scope="module")
def documented(surface: dict[str, Any]) -> list[DocMethod]:
    methods = doc_methods(surface["methods"])
    # Guard the parser itself: one method per method heading, no name twice.
    assert len(methods) == surface["method_headings"] and len(methods) > 40
    assert len({m.name for m in methods}) == len(methods)
    return methods


def _is_stream(method: DocMethod) -> bool:
    return method.returns.startswith("Iterator[")


def _positional(func: Callable[..., Any]) -> tuple[str, ...]:
    params = list(inspect.signature(func).parameters.values())
    return tuple(
        p.name for p in params if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    )


def _assert_extras_are_optional_keywords(func: Callable[..., Any], where: str) -> None:
    for p in inspect.signature(func).parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            pytest.fail(f"{where} takes *{p.name}: the document's parameters must be explicit")
        if p.kind is p.KEYWORD_ONLY:
            assert p.default is not p.empty, f"{where}: extra keyword {p.name} must be optional"


def _parameters(func: Callable[..., Any]) -> list[inspect.Parameter]:
    return list(inspect.signature(func, eval_str=True).parameters.values())


def _annotation(func: Callable[..., Any], name: str) -> str:
    return str(inspect.signature(func).parameters[name].annotation).replace(" ", "")


def test_plain_text_rendering_agrees_with_markdown(
    surface: dict[str, Any], documented: list[DocMethod]
) -> None:
    assert doc_methods(surface["plain_text_methods"]) == documented


def test_documented_classes_and_functions_exist(surface: dict[str, Any]) -> None:
    for name in surface["classes"]:
        assert hasattr(pools_module, name), name
    for doc in doc_methods(surface["functions"]):
        func = getattr(pools_module, doc.name)
        assert _positional(func) == doc.param_names
        _assert_extras_are_optional_keywords(func, doc.name)


@pytest.mark.parametrize("client_cls", [ContainerPoolsClient, AsyncContainerPoolsClient])
def test_every_documented_method_and_alias(client_cls: type[Any], documented: list[DocMethod]) -> None:
    is_async = client_cls is AsyncContainerPoolsClient
    for doc in documented:
        where = f"{client_cls.__name__}.{doc.name}"
        attr = inspect.getattr_static(client_cls, doc.name, None)
        assert attr is not None, f"{where} is missing"
        if doc.name == "raw":
            continue  # checked on an instance below: it is both an attribute and a call
        func = getattr(client_cls, doc.name)
        assert _positional(func) == doc.param_names, where
        _assert_extras_are_optional_keywords(func, where)
        for param in doc.params:
            assert _annotation(func, param.name) == param.annotation.replace(" ", ""), where
        returns = str(inspect.signature(func).return_annotation).replace(" ", "")
        if _is_stream(doc):
            # the document's Iterator[dict[str, Any]]: the SDK's event stream, an iterator of
            # dicts that is also a (async) context manager, returned without awaiting
            stream = AsyncEventStream if is_async else EventStream
            assert returns == stream.__name__ and issubclass(stream, AsyncIterator if is_async else Iterator)
            assert not inspect.iscoroutinefunction(func), where
        elif is_async:
            assert inspect.iscoroutinefunction(func), f"{where} must be a native coroutine"
            assert returns == doc.returns.replace(" ", ""), where
        else:
            assert not inspect.iscoroutinefunction(func), where
            assert returns == doc.returns.replace(" ", ""), where
        if doc.alias_of is not None:
            # An alias is the very same function, so it can never drift from its target.
            assert func is getattr(client_cls, doc.alias_of), f"{where} is not {doc.alias_of}"


def _make(client_cls: type[Any]) -> Any:
    # No I/O happens until the first call, so an unreachable base is fine here.
    return client_cls(api_key="sk_test_surface", backend_base="http://127.0.0.1:9")


@pytest.mark.parametrize("client_cls", [ContainerPoolsClient, AsyncContainerPoolsClient])
def test_raw_is_the_client_itself(client_cls: type[Any]) -> None:
    client = _make(client_cls)
    # ``pools.raw.create_rollout(...)`` (the public module's usage) and ``pools.raw()``
    # (the document's signature) must both work.
    assert client.raw is client
    assert client.raw() is client


@pytest.mark.parametrize("client_cls", [ContainerPoolsClient, AsyncContainerPoolsClient])
def test_namespaces_map_onto_documented_methods(
    client_cls: type[Any], surface: dict[str, Any], documented: list[DocMethod]
) -> None:
    by_name = {m.name: m for m in documented}
    assert sorted(surface["namespaces"]) == sorted(NAMESPACE_METHODS)
    is_async = client_cls is AsyncContainerPoolsClient
    client = _make(client_cls)
    for namespace, methods in NAMESPACE_METHODS.items():
        ns = getattr(client, namespace)
        public = {n for n in dir(ns) if not n.startswith("_")}
        assert public == set(methods), f"{namespace}: {sorted(public ^ set(methods))}"
        for name, target in methods.items():
            where = f"{client_cls.__name__}.{namespace}.{name}"
            func = getattr(type(ns), name)
            assert _positional(func) == by_name[target].param_names, where
            _assert_extras_are_optional_keywords(func, where)
            # a namespace method takes every argument of its client method (names, kinds,
            # defaults, types): the wrappers once dropped prefix/limit/cursor/since/...
            assert _parameters(func) == _parameters(getattr(client_cls, target)), where
            if _is_stream(by_name[target]):
                assert not inspect.iscoroutinefunction(func), where  # the client's stream itself
            elif is_async:
                assert inspect.iscoroutinefunction(func), where
            else:
                assert not inspect.iscoroutinefunction(func), where


def test_pool_target_values() -> None:
    assert [t.value for t in PoolTarget] == ["harbor", "openenv", "horizons", "horizons_private", "arbitrary"]
    assert PoolTarget("horizons_private") is PoolTarget.HORIZONS_PRIVATE
    assert isinstance(PoolTarget.HARBOR, str) and str(PoolTarget.HARBOR) == "harbor"
    assert f"{PoolTarget.OPENENV}" == "openenv"


def test_validate_accepts_canonical_keys() -> None:
    validate_pool_rollout_request({"task_id": "t1", "policy": {}, "seed": 3, "pool_id": "p"})
    validate_pool_rollout_request({})


def test_validate_names_every_bad_key_and_the_allowed_set() -> None:
    with pytest.raises(ValueError) as info:
        validate_pool_rollout_request(
            {"task_id": "t", "polcy": {}, "agent": "x"}, context="pools.create_rollout"
        )
    err = info.value
    assert isinstance(err, InvalidRolloutRequestError) and isinstance(err, SynthPoolsError)
    assert err.invalid_keys == ("agent", "polcy")
    message = str(err)
    assert "'agent'" in message and "'polcy'" in message and "pools.create_rollout" in message
    for allowed in ("context_overrides", "task_contract", "trace_correlation_id"):
        assert allowed in message


@pytest.mark.parametrize("bad", [None, [("task_id", "t")], "task_id=t"])
def test_validate_rejects_a_non_dict(bad: Any) -> None:
    with pytest.raises(ValueError, match="must be a dict"):
        validate_pool_rollout_request(bad)


def test_iterators_are_documented_as_iterators(documented: list[DocMethod]) -> None:
    streams = [m.name for m in documented if _is_stream(m)]
    assert streams == ["stream_rollout_events", "stream_global_rollout_events"]


def test_reexported_from_the_package() -> None:
    import synth_pools
    from synth_pools import client as client_module

    for name in pools_module.__all__:
        assert getattr(synth_pools, name) is getattr(pools_module, name), name
    assert synth_pools.SynthClient is client_module.SynthClient
    assert synth_pools.AsyncSynthClient is client_module.AsyncSynthClient
