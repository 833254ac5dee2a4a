"""R1-R3: the SDK against real faults injected between it and a real local backend.

R1  a rollout's event stream cut at random byte offsets: every event exactly once, in seq order.
R2  rollout creations whose responses are dropped after the server committed: no duplicates.
R3  429/503 ``Retry-After`` honoured (measured), a POST without an idempotency key never replayed
    once sent, retries stop at ``max_retries``.

Ground truth is read straight from the backend (plain httpx, no proxy, no SDK).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from synth_pools._errors import APIConnectionError, InternalServerError, RateLimitError, SynthPoolsError
from synth_pools._sse import StreamState
from synth_pools._transport import RequestSpec, SyncTransport
from synth_pools_server.launcher import LocalBackend, start_backend
from tests.reliability._harness import (
    async_transport,
    create_spec,
    direct,
    get_spec,
    make_pool,
    read_all_events,
    rollout_body,
    stream,
    sync_transport,
)
from tests.support.faultproxy import Fault, FaultProxy

Figures = Callable[..., None]
CREATE_PATH = r"^/v1/rollouts$"
# Bytes of one 100-event page of `seq` output on the wire (measured: ~27 kB); a cut budget below it
# always lands inside the connection it is meant for.
PAGE_BYTES = 26_000


@pytest.fixture(scope="module")
def rb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    """This module's own backend: faults and junk rollouts stay out of the shared one."""
    with start_backend(tmp_path_factory.mktemp("faults")) as b:
        yield b


@pytest.fixture
def proxy(rb: LocalBackend) -> Iterator[FaultProxy]:
    with FaultProxy(rb.base_url) as p:
        yield p
        assert p.counters.errors == [], p.counters.errors


def _drop_first_attempt_of_each_creation(proxy: FaultProxy, n: int) -> None:
    """Drop the response to the first attempt of each logical creation (keyed by Idempotency-Key)."""
    keys: set[str] = set()

    def first_attempt(_method: str, _path: str, headers: dict[str, str]) -> bool:
        key = headers.get("idempotency-key", "")
        if key in keys:
            return False
        keys.add(key)
        return True

    proxy.add(Fault.drop_response(), method="POST", path=CREATE_PATH, times=n, when=first_attempt)


def _rollouts_in_pool(c: httpx.Client, pool_id: str) -> list[str]:
    ids: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"pool_id": pool_id, "limit": 1000}
        if cursor:
            params["cursor"] = cursor
        page = c.get("/v1/rollouts", params=params).json()
        ids += [item["rollout_id"] for item in page["rollouts"]]
        nxt = page.get("next_cursor")
        if not nxt or nxt == cursor:
            return ids
        cursor = nxt


# ----------------------------------------------------------------------------------------- R1


@pytest.mark.parametrize(
    ("n_lines", "cuts"),
    [
        pytest.param(2_000, 20, id="2k-events-20-cuts"),
        pytest.param(10_000, 100, id="10k-events-100-cuts", marks=pytest.mark.slow),
    ],
)
def test_r1_every_event_exactly_once_in_order_across_cuts(
    rb: LocalBackend, proxy: FaultProxy, n_lines: int, cuts: int, figures: Figures
) -> None:
    rng = random.Random(n_lines * 7919 + cuts)
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"emit": f"seq 1 {n_lines}"})
        rollout_id = c.post("/v1/rollouts", json=rollout_body(pool, "emit")).json()["rollout_id"]

        # cut each of the first `cuts` connections at a random byte offset (inside the HTTP head,
        # mid-event, ...) no further than half a page of events in, so every planned cut lands
        # before the stream ends; later connections run clean to the terminal event
        plan: list[Fault | None] = [
            Fault.cut(rng.randint(1, PAGE_BYTES // 2), rst=rng.random() < 0.5) for _ in range(cuts)
        ]
        plan.append(None)
        proxy.sequence(plan, path=r"/events$")
        transport = sync_transport(proxy.url, rb.api_key)
        state = StreamState(backoff_base=0.01, backoff_max=0.05, max_retries=10)
        try:
            received = list(stream(transport, rollout_id, state))
        finally:
            transport.close()
        truth = read_all_events(c, rollout_id)

    seqs = [e["seq"] for e in received]
    dupes = len(seqs) - len(set(seqs))
    lost = len({e["seq"] for e in truth} - set(seqs))
    figures(
        "R1",
        variant=f"{n_lines} lines / {cuts} cuts",
        sent=len(truth),
        received=len(received),
        lost=lost,
        duplicated=dupes,
        cuts=proxy.counters.cuts,
        connections=len(proxy.requests(path="/events")),
    )
    assert proxy.counters.cuts == cuts, "every planned cut must have happened"
    assert [e["seq"] for e in truth] == list(range(1, len(truth) + 1))
    assert dupes == 0 and lost == 0
    assert seqs == sorted(seqs)
    assert received == truth  # same ids, kinds and payloads, in the same order
    lines = [
        e["data"]["line"]
        for e in received
        if e["event"] == "agent" and e["data"].get("type") == "tool_output"
    ]
    assert lines == [str(i) for i in range(1, n_lines + 1)]
    assert received[-1]["event"] == "lifecycle" and received[-1]["data"]["status"] == "completed"


# ----------------------------------------------------------------------------------------- R2


@pytest.mark.parametrize(
    "n", [pytest.param(20, id="20-creations"), pytest.param(100, id="100-creations", marks=pytest.mark.slow)]
)
def test_r2_dropped_create_responses_make_no_duplicates(
    rb: LocalBackend, proxy: FaultProxy, n: int, figures: Figures
) -> None:
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        _drop_first_attempt_of_each_creation(proxy, n)
        transport = sync_transport(proxy.url, rb.api_key)
        try:
            ids = [
                transport.request_json(create_spec(rollout_body(pool, "noop")))["rollout_id"]
                for _ in range(n)
            ]
        finally:
            transport.close()
        found = _rollouts_in_pool(c, pool)

    figures("R2", variant=f"sync, {n} creations", creations=n, dropped=proxy.counters.drops, found=len(found))
    assert proxy.counters.drops == n
    posts = proxy.requests(method="POST", path=CREATE_PATH)
    assert len(posts) == 2 * n and all(p.reached_upstream for p in posts)
    keys = [p.headers.get("idempotency-key") for p in posts]
    # each retry carried the key of the attempt it repeats, and no two creations shared one
    assert all(keys[i] and keys[i] == keys[i + 1] for i in range(0, 2 * n, 2))
    assert len(set(keys)) == n
    assert len(set(ids)) == n
    assert sorted(found) == sorted(ids)


@pytest.mark.parametrize(
    "n",
    [pytest.param(20, id="20-concurrent"), pytest.param(100, id="100-concurrent", marks=pytest.mark.slow)],
)
def test_r2_async_concurrent_dropped_creations(
    rb: LocalBackend, proxy: FaultProxy, n: int, figures: Figures
) -> None:
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        _drop_first_attempt_of_each_creation(proxy, n)

        async def create_all() -> list[str]:
            transport = async_transport(proxy.url, rb.api_key)
            try:
                docs = await asyncio.gather(
                    *(transport.request_json(create_spec(rollout_body(pool, "noop"))) for _ in range(n))
                )
            finally:
                await transport.aclose()
            return [d["rollout_id"] for d in docs]

        ids = asyncio.run(create_all())
        found = _rollouts_in_pool(c, pool)

    figures(
        "R2",
        variant=f"async (aiohttp), {n} concurrent",
        creations=n,
        dropped=proxy.counters.drops,
        found=len(found),
    )
    assert proxy.counters.drops == n
    assert len(set(ids)) == n
    assert sorted(found) == sorted(ids)


# ----------------------------------------------------------------------------------------- R3


class _KeylessTransport(SyncTransport):
    """The SDK transport with idempotency keys switched off: what the policy does without one."""

    def idempotency_key(self, spec: RequestSpec) -> str | None:
        return None


def _keyless(proxy: FaultProxy, rb: LocalBackend, max_retries: int = 3) -> _KeylessTransport:
    from synth_pools._config import resolve_config

    t = _KeylessTransport(resolve_config(api_key=rb.api_key, backend_base=proxy.url, max_retries=max_retries))
    t.sleep = lambda _s: None
    return t


@pytest.mark.parametrize(
    ("fault", "asked"),
    [
        pytest.param(Fault.status(429, retry_after="1"), 1.0, id="429-retry-after-1s"),
        pytest.param(Fault.status(503, retry_after="2"), 2.0, id="503-retry-after-2s"),
        pytest.param(Fault.status(429, retry_after_ms="1500"), 1.5, id="429-retry-after-ms-1500"),
    ],
)
def test_r3_retry_after_is_honoured(
    rb: LocalBackend, proxy: FaultProxy, fault: Fault, asked: float, figures: Figures
) -> None:
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        rid = c.post("/v1/rollouts", json=rollout_body(pool, "noop")).json()["rollout_id"]
    proxy.add(fault, method="GET", path=r"^/v1/rollouts/[^/]+$")
    proxy.add(fault, method="POST", path=CREATE_PATH)
    transport = sync_transport(proxy.url, rb.api_key, max_retries=2)
    try:
        assert transport.request_json(get_spec(rid))["rollout_id"] == rid
        created = transport.request_json(create_spec(rollout_body(pool, "noop")))
    finally:
        transport.close()
    gets = proxy.requests(method="GET", path=r"^/v1/rollouts/[^/]+$")
    posts = proxy.requests(method="POST", path=CREATE_PATH)
    assert len(gets) == 2 and len(posts) == 2
    observed = [gets[1].at - gets[0].at, posts[1].at - posts[0].at]
    header = "retry-after-ms" if fault.retry_after_ms else "Retry-After"
    figures("R3", check=f"{fault.status_code} {header}", asked=asked, observed=round(min(observed), 3))
    # the default backoff for a first retry is at most 0.5 s: only honouring the header waits this long
    for gap in observed:
        assert gap >= asked - 0.05, (gap, asked)
    assert posts[0].headers["idempotency-key"] == posts[1].headers["idempotency-key"]
    assert created["rollout_id"] != rid


def test_r3_429_without_retries_left_carries_retry_after(rb: LocalBackend, proxy: FaultProxy) -> None:
    proxy.add(Fault.status(429, retry_after="7"), method="GET", times=1)
    transport = sync_transport(proxy.url, rb.api_key, max_retries=0)
    with pytest.raises(RateLimitError) as info:
        transport.request_json(get_spec("ro_whatever"))
    transport.close()
    assert info.value.retry_after == 7.0 and info.value.status_code == 429


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault.drop_response(), id="response-dropped"),
        pytest.param(Fault.cut(40), id="cut-after-40-bytes"),
        pytest.param(Fault.cut(40, rst=True), id="reset-after-40-bytes"),
        pytest.param(Fault.status(503, retry_after="0"), id="503"),
        pytest.param(Fault.html_502(), id="html-502"),
    ],
)
def test_r3_post_without_key_is_never_replayed_once_sent(
    rb: LocalBackend, proxy: FaultProxy, fault: Fault, figures: Figures
) -> None:
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        proxy.add(fault, method="POST", path=CREATE_PATH, times=5)
        transport = _keyless(proxy, rb, max_retries=3)
        with pytest.raises(SynthPoolsError) as info:
            transport.request_json(create_spec(rollout_body(pool, "noop")))
        found = _rollouts_in_pool(c, pool)
    attempts = proxy.counters.connections
    figures("R3", check=f"keyless POST, {fault.kind}{' (RST)' if fault.rst else ''}", attempts=attempts)
    assert attempts == 1, f"a keyless POST was sent {attempts} times"
    assert all("idempotency-key" not in s.headers for s in proxy.seen)
    expected = APIConnectionError if fault.kind in ("drop_response", "cut") else InternalServerError
    assert isinstance(info.value, expected), repr(info.value)
    # it reached the server exactly when the proxy relayed it, and then exactly once
    assert len(found) == (1 if proxy.seen[0].reached_upstream else 0)


def test_r3_keyless_post_reset_on_connect_never_reaches_the_server_twice(
    rb: LocalBackend, proxy: FaultProxy, figures: Figures, caplog: pytest.LogCaptureFixture
) -> None:
    # A reset right after accept surfaces as ConnectError (never sent: retrying is allowed) or as
    # a read error / "server disconnected" (maybe sent: not retried). Either way nothing was read.
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        proxy.add(Fault.reset(), times=100)
        transport = _keyless(proxy, rb, max_retries=3)
        with caplog.at_level(logging.DEBUG, logger="synth_pools"), pytest.raises(APIConnectionError):
            transport.request_json(create_spec(rollout_body(pool, "noop")))
        assert _rollouts_in_pool(c, pool) == []
    figures("R3", check="keyless POST, reset on connect", attempts=proxy.counters.resets)
    assert 1 <= proxy.counters.resets <= 4
    assert proxy.seen == []  # the proxy never read a request, so the server never saw one
    # every retry was legitimate: it followed a connect failure (never sent); a read error after
    # a retried connect failure ends the call, which is also right
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying ")]
    assert len(retries) == proxy.counters.resets - 1, retries
    assert all(" after ConnectError " in message for message in retries), retries


def test_r3_keyed_post_is_retried_where_the_keyless_one_is_not(rb: LocalBackend, proxy: FaultProxy) -> None:
    # the contrast that makes the test above meaningful: same faults, with the SDK's key, succeed
    with direct(rb.base_url, rb.api_key) as c:
        pool = make_pool(c, {"noop": "true"})
        proxy.sequence(
            [Fault.cut(40, rst=True), Fault.status(503, retry_after="0")], method="POST", path=CREATE_PATH
        )
        transport = sync_transport(proxy.url, rb.api_key, max_retries=3)
        transport.sleep = lambda _s: None
        doc = transport.request_json(create_spec(rollout_body(pool, "noop")))
        transport.close()
        assert _rollouts_in_pool(c, pool) == [doc["rollout_id"]]
    assert len(proxy.requests(method="POST")) == 3


@pytest.mark.parametrize(
    ("client_retries", "call_retries", "fault"),
    [
        pytest.param(0, None, Fault.status(503, retry_after="0"), id="503-client-0"),
        pytest.param(2, None, Fault.status(503, retry_after="0"), id="503-client-2"),
        pytest.param(2, 4, Fault.status(429, retry_after="0"), id="429-per-call-4"),
        pytest.param(3, None, Fault.html_502(), id="html502-client-3"),
        pytest.param(2, None, Fault.cut(10, rst=True), id="reset-client-2"),
        pytest.param(1, 0, Fault.drop_response(), id="drop-per-call-0"),
    ],
)
def test_r3_retries_stop_at_max_retries(
    rb: LocalBackend,
    proxy: FaultProxy,
    client_retries: int,
    call_retries: int | None,
    fault: Fault,
    figures: Figures,
) -> None:
    proxy.add(fault, method="GET", times=1000)
    transport = sync_transport(proxy.url, rb.api_key, max_retries=client_retries)
    slept: list[float] = []
    transport.sleep = slept.append
    spec = get_spec("ro_missing")
    if call_retries is not None:
        spec = spec.evolve(max_retries=call_retries)
    with pytest.raises(SynthPoolsError) as info:
        transport.request_json(spec)
    transport.close()
    budget = client_retries if call_retries is None else call_retries
    attempts = len(proxy.requests(method="GET"))
    figures("R3", check=f"max_retries={budget}, {fault.kind}", attempts=attempts, expected=budget + 1)
    assert attempts == budget + 1
    assert len(slept) == budget
    if fault.kind in ("cut", "drop_response"):
        assert isinstance(info.value, APIConnectionError)
    else:
        assert isinstance(info.value, InternalServerError | RateLimitError)
        if fault.kind == "html_502":
            assert "<html" not in str(info.value) and "non-JSON" in str(info.value)


def test_r3_delay_within_timeout_is_waited_out_and_beyond_it_times_out(
    rb: LocalBackend, proxy: FaultProxy
) -> None:
    proxy.add(Fault.delay(0.5), method="GET", times=1)
    transport = sync_transport(proxy.url, rb.api_key, max_retries=0, timeout=10)
    with pytest.raises(SynthPoolsError) as info:
        transport.request_json(get_spec("ro_missing"))
    assert getattr(info.value, "status_code", None) == 404  # the delayed answer arrived and was mapped
    transport.close()
    proxy.add(Fault.delay(3.0), method="GET", times=1)
    slow = sync_transport(proxy.url, rb.api_key, max_retries=0, timeout=0.5)
    from synth_pools._errors import APITimeoutError

    with pytest.raises(APITimeoutError):
        slow.request_json(get_spec("ro_missing"))
    slow.close()
