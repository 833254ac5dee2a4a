"""Behaviour that needs no backend: local validation before any I/O, request layout, response
shape checks and the page walkers, over ``httpx.MockTransport`` (sync and async)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from synth_pools._errors import APIResponseValidationError, SynthPoolsValidationError
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient, InvalidRolloutRequestError

from ._support import AnyClient, call, close, collect

Handler = Callable[[httpx.Request], httpx.Response]
BAD = {"task_id": "t", "agent": "codex"}


def offline(mode: str, handler: Handler) -> AnyClient:
    transport = httpx.MockTransport(handler)
    base: dict[str, Any] = {
        "api_key": "sk_test_offline",
        "backend_base": "http://synth.test",
        "max_retries": 0,
    }
    if mode == "sync":
        return ContainerPoolsClient(**base, transport=transport)
    return AsyncContainerPoolsClient(**base, async_transport=transport)


class Recording:
    def __init__(self, respond: Callable[[httpx.Request], Any] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.respond = respond or (lambda request: {"ok": True})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.respond(request))


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _rollout_entry_points(c: Any) -> dict[str, Callable[[dict[str, Any]], Any]]:
    return {
        "create_rollout": lambda r: c.create_rollout("p", r),
        "create_global_rollout": lambda r: c.create_global_rollout(r),
        "rollouts.create": lambda r: c.rollouts.create("p", r),
        "agent_rollouts.create": lambda r: c.agent_rollouts.create(r),
    }


def _container_pass_throughs(c: Any) -> dict[str, Callable[[dict[str, Any]], Any]]:
    return {
        "execute_pool_container_rollout": lambda r: c.execute_pool_container_rollout("p", r),
        "execute_task_container_rollout": lambda r: c.execute_task_container_rollout("p", "t", r),
    }


async def test_execute_container_rollout_bodies_are_the_containers_and_pass_through(mode: str) -> None:
    """The execute routes hand their body to the pool's container (the service declares none):
    Synth's own scripts send free-form bodies such as {"input": "hello"}; only a non-dict is refused."""
    sent = Recording()
    client = offline(mode, sent)
    try:
        for name, entry in _container_pass_throughs(client).items():
            with pytest.raises(ValueError, match="expected a dict"):
                await call(entry(["input"]))  # type: ignore[arg-type]
            await call(entry({"input": "hello"}))
            await call(entry(BAD))
            assert sent.requests, name
        bodies = [json.loads(r.content) for r in sent.requests]
        assert bodies == [{"input": "hello"}, BAD] * 2
    finally:
        await close(client)


async def test_every_rollout_entry_point_rejects_non_canonical_keys_before_sending(mode: str) -> None:
    sent = Recording()
    client = offline(mode, sent)
    try:
        for name, entry in _rollout_entry_points(client).items():
            with pytest.raises(InvalidRolloutRequestError) as info:
                await call(entry(BAD))
            assert info.value.invalid_keys == ("agent",), name
            assert "'agent'" in str(info.value) and "trace_correlation_id" in str(info.value)
            with pytest.raises(ValueError, match="must be a dict"):
                await call(entry(["task_id"]))  # type: ignore[arg-type]
        assert sent.requests == [], "nothing may be sent for a rejected request"
        # and every one of them sends a canonical request as given
        for entry in _rollout_entry_points(client).values():
            await call(entry({"task_id": "t", "seed": 3}))
        assert [json.loads(r.content) for r in sent.requests] == [{"task_id": "t", "seed": 3}] * 4
    finally:
        await close(client)


async def test_bad_arguments_fail_locally_naming_the_field(mode: str) -> None:
    sent = Recording()
    client = offline(mode, sent)
    try:
        with pytest.raises(SynthPoolsValidationError, match="pool_id"):
            await call(client.get_pool(""))  # would otherwise address GET /v1/pools/ (the list)
        with pytest.raises(SynthPoolsValidationError, match="rollout_id"):
            await call(client.get_rollout("p", None))  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="request: expected a dict"):
            await call(client.create_pool("pool-1"))  # type: ignore[arg-type]
        assert sent.requests == []
    finally:
        await close(client)


async def test_requests_are_laid_out_as_the_spec_says(mode: str) -> None:
    sent = Recording(lambda request: {"ok": True, "items": []})  # a list call reads a page
    client = offline(mode, sent)
    try:
        await call(client.get_task_container_health("a/b", "t 1"))
        await call(client.list_rollouts("p", state="running", limit=5, cursor="c1"))
        await call(client.create_task("p", {"task_id": "t"}, idempotency_key="idem-1"))
        await call(client.create_pool({"pool_id": "p", "pool_type": "sandbox"}))
        await call(client.cancel_global_rollout("r1"))
        health, listing, task, pool, cancel = sent.requests
        assert health.url.raw_path == b"/v1/pools/a%2Fb/tasks/t%201/container/health"  # ids are encoded
        assert dict(listing.url.params) == {"state": "running", "limit": "5", "cursor": "c1"}
        assert task.headers["Idempotency-Key"] == "idem-1"
        assert pool.headers["Idempotency-Key"], "every POST carries a key, so retries are safe"
        assert cancel.method == "POST" and json.loads(cancel.content) == {}
        assert all(r.headers["Authorization"] == "Bearer sk_test_offline" for r in sent.requests)
    finally:
        await close(client)


async def test_a_non_object_body_is_a_typed_error(mode: str) -> None:
    client = offline(mode, Recording(lambda request: ["not", "an", "object"]))
    try:
        with pytest.raises(APIResponseValidationError, match="expected a JSON object"):
            await call(client.get_pool("p"))
    finally:
        await close(client)


def _pages(echo: bool, key: str = "next_cursor") -> Callable[[httpx.Request], Any]:
    """Three pages of two pools; the last page echoes its cursor back when ``echo``."""
    order = [None, "c2", "c3"]

    def respond(request: httpx.Request) -> Any:
        cursor = request.url.params.get("cursor")
        index = order.index(cursor)
        items = [{"pool_id": f"p{2 * index}"}, {"pool_id": f"p{2 * index + 1}"}]
        following = order[index + 1] if index + 1 < len(order) else (cursor if echo else None)
        return {"items": items, key: following}

    return respond


@pytest.mark.parametrize(("echo", "key"), [(False, "next_cursor"), (True, "next_cursor"), (True, "cursor")])
async def test_page_walker_follows_the_continuation_and_stops(mode: str, echo: bool, key: str) -> None:
    sent = Recording(_pages(echo, key))
    client = offline(mode, sent)
    try:
        pools = await collect(client.iter_pools(limit=2))
        assert [p["pool_id"] for p in pools] == [f"p{i}" for i in range(6)]
        assert len(sent.requests) == 3, "an echoed cursor must not cause a fourth request"
        assert {r.url.params["limit"] for r in sent.requests} == {"2"}
        for walker in (
            client.iter_tasks("pool"),
            client.iter_rollouts("pool", state="running"),
            client.iter_global_rollouts(),
        ):
            assert len(await collect(walker)) == 6
    finally:
        await close(client)


def _sse(*frames: tuple[int, str, dict[str, Any]], rollout: str = "r1") -> bytes:
    out = ["retry: 10\n\n"]
    for seq, event, data in frames:
        envelope = {"id": f"{rollout}:{seq}", "event": event, "seq": seq, "data": data}
        out.append(f"id: {rollout}:{seq}\nevent: {event}\ndata: {json.dumps(envelope)}\n\n")
    return "".join(out).encode()


@pytest.mark.parametrize("scope", ["pool", "global"])
async def test_event_stream_resumes_after_a_cut_without_duplicates(mode: str, scope: str) -> None:
    """First connection: seq 1-2 then the connection ends early; the SDK reconnects from the last
    id and the server (as real ones may) replays seq 2 before 3 and the terminal event."""
    connections: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        connections.append(request)
        if len(connections) == 1:
            body = _sse((1, "lifecycle", {"status": "running"}), (2, "agent", {"line": "a"}))
        else:
            body = _sse(
                (2, "agent", {"line": "a"}),
                (3, "agent", {"line": "b"}),
                (4, "lifecycle", {"status": "succeeded"}),
            )
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client = offline(mode, handler)
    try:
        if scope == "pool":
            stream = client.stream_rollout_events("p1", "r1")
        else:
            stream = client.stream_global_rollout_events("r1")
        events = await collect(stream)
        assert [e["seq"] for e in events] == [1, 2, 3, 4], "every event once, in order, no phantom frames"
        first, second = connections
        path = "/v1/pools/p1/rollouts/r1/events" if scope == "pool" else "/v1/rollouts/r1/events"
        assert first.url.path == second.url.path == path
        assert first.url.params["after_sequence"] == "0" and first.url.params["limit"] == "1000"
        assert second.url.params["after_sequence"] == "2" and second.url.params["limit"] == "1000"
        assert second.headers["Last-Event-ID"] == "r1:2" and "cursor" not in second.url.params
        assert first.headers["Accept"] == "text/event-stream"
    finally:
        await close(client)


async def test_namespace_methods_send_every_argument(mode: str) -> None:
    sent = Recording(lambda request: {"artifacts": []})
    client = offline(mode, sent)
    try:
        await call(client.rollouts.artifacts("p", "r", prefix="out/", limit=3, cursor="c1"))
        await call(client.agent_rollouts.artifacts("r", prefix="logs/", limit=4, cursor="c2"))
        pool_scoped, global_ = sent.requests
        assert dict(pool_scoped.url.params) == {"prefix": "out/", "limit": "3", "cursor": "c1"}
        assert dict(global_.url.params) == {"prefix": "logs/", "limit": "4", "cursor": "c2"}
    finally:
        await close(client)
    connections: list[httpx.Request] = []

    def events(request: httpx.Request) -> httpx.Response:
        connections.append(request)
        body = _sse((3, "heartbeat", {}), (4, "lifecycle", {"status": "succeeded"}))
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client = offline(mode, events)
    try:
        stream = client.rollouts.events(
            "p", "r1", since="2025-01-01T00:00:00Z", include_heartbeats=True, auto_reconnect=False
        )
        got = await collect(stream)
        assert [e["event"] for e in got] == ["heartbeat", "lifecycle"]
        # no server declares `since`: a timestamp is filtered locally, the stream starts at 0
        assert "since" not in connections[0].url.params
        assert connections[0].url.params["after_sequence"] == "0"
        stream = client.agent_rollouts.events("r1", cursor="r1:2", include_heartbeats=True)
        assert [e["event"] for e in await collect(stream)] == ["heartbeat", "lifecycle"]
        assert connections[1].url.params["after_sequence"] == "2"  # the cursor's seq, as declared
        assert connections[1].headers["Last-Event-ID"] == "r1:2"
    finally:
        await close(client)


async def test_every_stream_is_a_context_manager_that_releases_the_connection(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = _sse(
            (1, "agent", {"line": "a"}),
            (2, "agent", {"line": "b"}),
            (3, "lifecycle", {"status": "succeeded"}),
        )
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client = offline(mode, handler)
    try:
        streams = (
            client.stream_rollout_events("p", "r1"),
            client.stream_global_rollout_events("r1"),
            client.rollouts.events("p", "r1"),
            client.agent_rollouts.events("r1"),
        )
        for stream in streams:
            if mode == "sync":
                with stream as events:
                    first = next(iter(events))
            else:
                async with stream as events:
                    first = await anext(aiter(events))
            assert first["seq"] == 1
            with pytest.raises(StopIteration if mode == "sync" else StopAsyncIteration):
                await call(next(stream) if mode == "sync" else anext(stream))  # closed on leaving
    finally:
        await close(client)


@pytest.mark.parametrize(("status", "body"), [(204, b""), (200, b"")])
async def test_an_empty_answer_is_an_empty_dict_only_for_a_204(mode: str, status: int, body: bytes) -> None:
    # the SDK's one rule (synth_pools._resource): "no content" said by the server is {}; an empty
    # 200 is something other than the API answering
    client = offline(mode, lambda request: httpx.Response(status, content=body))
    try:
        if status == 204:
            assert await call(client.delete_pool("p")) == {}
        else:
            with pytest.raises(APIResponseValidationError, match="got an empty answer"):
                await call(client.get_pool("p"))
    finally:
        await close(client)
