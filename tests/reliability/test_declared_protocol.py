"""R1 on the real service's protocol: every event exactly once, in order, across page ends and cuts.

The server under test is :class:`DeclaredEventServer`: it reads only `after_sequence`, `limit` and
`format` (what the real backend declares) and ends every response after `limit` events. A
:class:`FaultProxy` in front of it cuts random connections at random byte offsets (half of them
with a TCP reset); clean connections in between run to their page end. Each public way to stream is
driven: the env-pools handle (sync and async), the module function, and the container-pools
stream methods (pool-scoped and global, sync and async).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import synth_pools as sp
from synth_pools import AsyncContainerPoolsClient, ContainerPoolsClient
from synth_pools.environment_pools import stream_rollout_events
from tests.support.declared_events import DeclaredEventServer
from tests.support.faultproxy import Fault, FaultProxy

Figures = Callable[..., None]
KEY = "sk_test_declared"
RID = "ro_declared"
POOL = "pool_declared"
PAGE = 1000  # what the SDK asks for per request
EVENT_BYTES = 190  # one SSE frame of this server, about


async def _anoop(_seconds: float) -> None:
    return None


def _collect(surface: str, base_url: str) -> list[dict[str, Any]]:
    """Every event one public streaming call yields, with its sleeps switched off (no timing)."""
    if surface == "handle-sync":
        with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=base_url) as client:
            client._transport.sleep = lambda _s: None
            return list(client.rollouts.handle(RID).events(max_retries=10))
    if surface == "function-sync":
        stream = stream_rollout_events(
            RID,
            backend_base=base_url,
            api_key=KEY,
            auto_reconnect=True,
            max_retries=10,
            backoff_base=0.001,
            backoff_max=0.01,
        )
        return list(stream)
    if surface in ("pools-sync", "pools-global-sync"):
        with ContainerPoolsClient(api_key=KEY, backend_base=base_url) as pools:
            pools._transport.sleep = lambda _s: None
            if surface == "pools-sync":
                return list(pools.stream_rollout_events(POOL, RID, max_retries=10))
            return list(pools.stream_global_rollout_events(RID, max_retries=10))
    return asyncio.run(_acollect(surface, base_url))


async def _acollect(surface: str, base_url: str) -> list[dict[str, Any]]:
    if surface == "handle-async":
        async with sp.AsyncEnvironmentPoolsClient(api_key=KEY, backend_base=base_url) as client:
            client._transport.sleep = _anoop
            return [e async for e in client.rollouts.handle(RID).events(max_retries=10)]
    async with AsyncContainerPoolsClient(api_key=KEY, backend_base=base_url) as pools:
        pools._transport.sleep = _anoop
        if surface == "pools-async":
            return [e async for e in pools.stream_rollout_events(POOL, RID, max_retries=10)]
        assert surface == "pools-global-async"
        return [e async for e in pools.stream_global_rollout_events(RID, max_retries=10)]


SURFACES = [
    "handle-sync",
    "handle-async",
    "function-sync",
    "pools-sync",
    "pools-async",
    "pools-global-sync",
    "pools-global-async",
]


@pytest.fixture
def declared() -> Iterator[DeclaredEventServer]:
    with DeclaredEventServer() as server:
        yield server
        assert server.errors == []


def _plan(rng: random.Random, n_events: int, cuts: int) -> tuple[list[Fault | None], int]:
    """`cuts` cuts at random offsets with clean page-long connections in between (None), and the
    number of those clean ones. Cuts spend at most ~40 % of the log, so every one lands."""
    clean = max(1, n_events // (2 * PAGE))
    max_bytes = max(400, int(0.8 * n_events * EVENT_BYTES / (2 * cuts)))
    plan: list[Fault | None] = [
        Fault.cut(rng.randint(1, max_bytes), rst=rng.random() < 0.5) for _ in range(cuts)
    ]
    for _ in range(clean):
        plan.insert(rng.randint(0, len(plan)), None)
    return plan, clean


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    ("n_events", "cuts"),
    [
        pytest.param(2_000, 20, id="2k-events-20-cuts"),
        pytest.param(10_000, 100, id="10k-events-100-cuts", marks=pytest.mark.slow),
    ],
)
def test_r1_declared_parameters_server_every_event_once_across_pages_and_cuts(
    declared: DeclaredEventServer, surface: str, n_events: int, cuts: int, figures: Figures
) -> None:
    rng = random.Random(f"{surface}/{n_events}/{cuts}")
    declared.add_rollout(RID, n_events, pool_id=POOL)
    plan, clean = _plan(rng, n_events, cuts)
    with FaultProxy(declared.url) as proxy:
        proxy.sequence(plan, path=r"/events$")
        received = _collect(surface, proxy.url)
        assert proxy.counters.errors == []
        made = proxy.counters.cuts
        relayed = [seen.fault.kind == "pass" for seen in proxy.requests(path="/events")]

    seqs = [e["seq"] for e in received]
    lost = len(set(range(1, n_events + 1)) - set(seqs))
    dupes = len(seqs) - len(set(seqs))
    served = declared.served()
    # one connection at a time: the proxy's k-th request is the server's k-th; a page end is a
    # response relayed whole that ended on its limit (not on the terminal event)
    assert len(relayed) == len(served)
    page_ends = sum(whole and s.ended_on_limit for whole, s in zip(relayed, served, strict=True))
    figures(
        "R1",
        variant=f"declared params, {surface}, {n_events} events / {cuts} cuts",
        sent=n_events,
        received=len(received),
        lost=lost,
        duplicated=dupes,
        cuts=made,
        connections=len(served),
        page_ends=page_ends,
    )
    assert made == cuts, "every planned cut must have happened"
    assert dupes == 0 and lost == 0
    assert seqs == list(range(1, n_events + 1))
    assert [e["id"] for e in received] == [str(s) for s in seqs]
    assert received[-1]["event"] == "lifecycle" and received[-1]["data"]["status"] == "succeeded"
    # the wire: every request asked the declared parameters only, resuming after the last event
    # delivered, in pages the service allows; clean connections really ended on their page
    assert page_ends >= clean
    delivered_before = 0
    for s in served:
        assert set(s.query) <= {"after_sequence", "limit", "format"}, s.query
        assert 1 <= int(s.query["limit"]) <= 1000 and s.query["format"] == "sse"
        after = int(s.query["after_sequence"])
        assert after >= delivered_before  # never asks again for what it has
        delivered_before = after


def test_module_function_without_auto_reconnect_still_reads_every_page(declared: DeclaredEventServer) -> None:
    """The issue's new-user case: 5,000 events in pages of at most 1,000, no failure at all."""
    declared.add_rollout(RID, 5_000)
    seqs = [e["seq"] for e in stream_rollout_events(RID, backend_base=declared.url, api_key=KEY)]
    assert seqs == list(range(1, 5_001))
    assert [int(s.query["after_sequence"]) for s in declared.served()] == [0, 1000, 2000, 3000, 4000]
    assert all(s.query["limit"] == "1000" for s in declared.served())


@pytest.mark.parametrize(("limit", "asked"), [(2_500, [1000, 1000, 500]), (7, [7]), (1000, [1000])])
def test_public_limit_is_the_most_events_in_all_and_pages_never_ask_more(
    declared: DeclaredEventServer, limit: int, asked: list[int]
) -> None:
    declared.add_rollout(RID, 5_000)
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=declared.url) as client:
        seqs = [e["seq"] for e in client.rollouts.events(RID, limit=limit)]
    assert seqs == list(range(1, limit + 1))
    assert [int(s.query["limit"]) for s in declared.served()] == asked


def test_since_a_timestamp_delivers_only_later_events(declared: DeclaredEventServer) -> None:
    from tests.support.declared_events import event_time

    declared.add_rollout(RID, 1_500)
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=declared.url) as client:
        seqs = [e["seq"] for e in client.rollouts.events(RID, since=event_time(1_200))]
        assert seqs == list(range(1_201, 1_501))
        # an id or a sequence number is a resume point, as a cursor is
        assert [e["seq"] for e in client.rollouts.events(RID, since=f"{RID}:1490")] == list(range(1491, 1501))
        assert [e["seq"] for e in client.rollouts.events(RID, cursor="1498")] == [1499, 1500]


@pytest.mark.parametrize("shape", ["events", "items", "bare"])
def test_a_200_that_is_not_sse_is_read_as_json_pages(shape: str) -> None:
    with DeclaredEventServer(json_shape=shape, sse_broken=True) as server:
        server.add_rollout(RID, 2_345)
        with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=server.url) as client:
            seqs = [e["seq"] for e in client.rollouts.events(RID)]
        formats = [s.query["format"] for s in server.served()]
    assert seqs == list(range(1, 2_346))
    assert formats == ["sse", "json", "json"]  # after the first answer it asks for JSON


@pytest.mark.parametrize("shape", ["events", "items", "bare"])
async def test_export_events_reads_json_pages_of_1000(shape: str) -> None:
    with DeclaredEventServer(json_shape=shape) as server:
        server.add_rollout(RID, 3_001)
        with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=server.url) as client:
            seqs = [e["seq"] for e in client.rollouts.export_events(RID)]
            page = client.rollouts.event_page(RID, cursor="2990", limit=5)
        async with sp.AsyncEnvironmentPoolsClient(api_key=KEY, backend_base=server.url) as aclient:
            aseqs = [e["seq"] async for e in aclient.rollouts.export_events(RID, cursor=f"{RID}:3000")]
            last = await aclient.rollouts.event_page(RID, cursor="3000")
        pages = [(s.query["after_sequence"], s.query["limit"], s.query["format"]) for s in server.served()]
    assert seqs == list(range(1, 3_002))
    assert pages[:4] == [
        ("0", "1000", "json"),
        ("1000", "1000", "json"),
        ("2000", "1000", "json"),
        ("3000", "1000", "json"),
    ]
    assert [e["seq"] for e in page["events"]] == [2991, 2992, 2993, 2994, 2995] and page[
        "next_cursor"
    ] == "2995"
    assert aseqs == [3001]
    assert [e["seq"] for e in last["events"]] == [3001] and last["next_cursor"] is None


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": -3}, "limit"),
        ({"limit": 10**10}, "limit"),
        ({"limit": True}, "limit"),
        ({"cursor": "-1"}, "cursor"),
        ({"cursor": "abc"}, "cursor"),
        ({"cursor": f"{RID}:x"}, "cursor"),
        ({"since": "yesterday"}, "since"),
        ({"since": "2026-13-45T00:00:00Z"}, "since"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
def test_bad_stream_input_is_a_value_error_naming_it_before_any_request(
    declared: DeclaredEventServer, kwargs: dict[str, Any], name: str
) -> None:
    declared.add_rollout(RID, 10)
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=declared.url) as client:
        calls: list[Callable[[], Any]] = [
            lambda: client.rollouts.events(RID, **kwargs),
            lambda: stream_rollout_events(RID, backend_base=declared.url, api_key=KEY, **kwargs),
        ]
        if "max_retries" not in kwargs and "since" not in kwargs:
            calls.append(lambda: client.rollouts.export_events(RID, **kwargs))
        for call in calls:
            with pytest.raises(ValueError, match=rf"^{name}: ") as info:
                call()
            assert isinstance(info.value, sp.SynthPoolsValidationError) and info.value.field == name
    with ContainerPoolsClient(api_key=KEY, backend_base=declared.url) as pools:
        if "cursor" in kwargs or "since" in kwargs or "max_retries" in kwargs:
            with pytest.raises(ValueError, match=rf"^{name}: "):
                pools.stream_rollout_events(POOL, RID, **kwargs)
    assert declared.served() == []


@pytest.mark.parametrize("limit", [0, 1001])
def test_event_page_limit_is_checked_before_any_request(declared: DeclaredEventServer, limit: int) -> None:
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=declared.url) as client:
        with pytest.raises(ValueError, match=r"^limit: "):
            client.rollouts.event_page(RID, limit=limit)
        with pytest.raises(ValueError, match=r"^page_size: "):
            client.rollouts.export_events(RID, page_size=limit)
    assert declared.served() == []
