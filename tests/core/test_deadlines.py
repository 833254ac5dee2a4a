"""``timeout=`` is a deadline, against a server that misbehaves (tests/support/hostile.py).

Every bound is shown sync and async (aiohttp, the async default, and httpx's own transport), each
within a small margin of the deadline: a body or headers trickled a byte at a time, a long
``Retry-After``, event streams of comments only, of silence, or of one bad event per connection.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

import synth_pools as sp
from synth_pools import _deadline_pool, _transport
from tests.support.hostile import (
    HostileServer,
    answer,
    comments_forever,
    one_bad_event,
    silence_after_headers,
    trickle_body,
    trickle_headers,
)

MARGIN = 0.6  # scheduling slack on a shared 2-core machine
BODY = b'{"rollout_id": "ro_1", "status": "running", "padding": "' + b"x" * 200 + b'"}'
ASYNC_KINDS = ["aiohttp", "httpx"]


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


def _sync(server: HostileServer, **kwargs: Any) -> sp.EnvironmentPoolsClient:
    return sp.EnvironmentPoolsClient(api_key="sk_test", backend_base=server.url, **kwargs)


def _async(server: HostileServer, kind: str, **kwargs: Any) -> sp.AsyncEnvironmentPoolsClient:
    return sp.AsyncEnvironmentPoolsClient(
        api_key="sk_test",
        backend_base=server.url,
        async_transport=kind,  # type: ignore[arg-type]
        **kwargs,
    )


def _timed(call: Any) -> tuple[BaseException, float]:
    started = time.monotonic()
    with pytest.raises(sp.SynthPoolsError) as caught:
        call()
    return caught.value, time.monotonic() - started


async def _atimed(call: Any) -> tuple[BaseException, float]:
    started = time.monotonic()
    with pytest.raises(sp.SynthPoolsError) as caught:
        await call()
    return caught.value, time.monotonic() - started


# -- one deadline per attempt; retries inside timeout x attempts -------------------------------


@pytest.mark.parametrize("behaviour", ["body", "headers"])
def test_sync_trickled_answer_ends_at_the_deadline(server: HostileServer, behaviour: str) -> None:
    server.on_get = trickle_body(BODY, 0.1) if behaviour == "body" else trickle_headers(0.1)
    with _sync(server, timeout=1.0, max_retries=0) as client:
        error, took = _timed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.APITimeoutError) and "timeout=1s" in str(error)
    assert 1.0 - 0.05 <= took < 1.0 + MARGIN


@pytest.mark.parametrize("kind", ASYNC_KINDS)
@pytest.mark.parametrize("behaviour", ["body", "headers"])
async def test_async_trickled_answer_ends_at_the_deadline(
    server: HostileServer, behaviour: str, kind: str
) -> None:
    server.on_get = trickle_body(BODY, 0.1) if behaviour == "body" else trickle_headers(0.1)
    async with _async(server, kind, timeout=1.0, max_retries=0) as client:
        error, took = await _atimed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.APITimeoutError)
    assert 1.0 - 0.05 <= took < 1.0 + MARGIN


def test_sync_retries_fit_in_timeout_times_attempts(server: HostileServer) -> None:
    server.on_get = trickle_body(BODY, 0.1)
    with _sync(server, timeout=1.0, max_retries=1) as client:
        error, took = _timed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.APITimeoutError)
    assert server.requests.count("/v1/rollouts/ro_1") == 2  # retried once ...
    assert took < 2.0 + MARGIN  # ... and all of it, backoff included, within 2 x timeout


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_retries_fit_in_timeout_times_attempts(server: HostileServer, kind: str) -> None:
    server.on_get = trickle_body(BODY, 0.1)
    async with _async(server, kind, timeout=1.0, max_retries=1) as client:
        error, took = await _atimed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.APITimeoutError)
    assert server.requests.count("/v1/rollouts/ro_1") == 2
    assert took < 2.0 + MARGIN


def test_a_slow_honest_answer_inside_the_deadline_arrives(server: HostileServer) -> None:
    server.on_get = trickle_body(b'{"rollout_id": "ro_1", "status": "running"}', 0.01)
    with _sync(server, timeout=3.0, max_retries=0) as client:
        assert client.rollouts.get("ro_1")["status"] == "running"


# -- Retry-After longer than what is left ------------------------------------------------------


def _too_long_retry_after(server: HostileServer) -> None:
    body = {"error": {"code": "rate_limited", "message": "slow down"}}
    server.on_get = answer("429 Too Many Requests", body, {"Retry-After": "100000"})


def test_sync_retry_after_past_the_budget_raises_at_once(server: HostileServer) -> None:
    _too_long_retry_after(server)
    # a 10 s budget: waiting for it would take 10 s; "at once" is well under that even on a loaded
    # machine (the first call also pays for imports and the connection)
    with _sync(server, timeout=10.0, max_retries=1) as client:
        error, took = _timed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.RateLimitError) and error.retry_after == 100000.0
    assert "retry after 100000s" in str(error) and "timeout=10s" in str(error)
    assert took < 2.5 and len(server.requests) == 1


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_retry_after_past_the_budget_raises_at_once(server: HostileServer, kind: str) -> None:
    _too_long_retry_after(server)
    async with _async(server, kind, timeout=10.0, max_retries=1) as client:
        error, took = await _atimed(lambda: client.rollouts.get("ro_1"))
    assert isinstance(error, sp.RateLimitError) and error.retry_after == 100000.0
    assert took < 2.5 and len(server.requests) == 1


def test_a_retry_after_that_fits_is_waited(server: HostileServer) -> None:
    body = {"error": {"code": "busy", "message": "later"}}
    server.on_get = answer("503 Service Unavailable", body, {"Retry-After": "1"})
    with _sync(server, timeout=2.0, max_retries=1) as client:
        error, took = _timed(lambda: client.rollouts.get("ro_1"))
    # the wait was taken (two requests, ~1 s): the error only reports the last answer's ask
    assert isinstance(error, sp.InternalServerError) and error.retry_after == 1.0
    assert "budget" not in str(error)
    assert len(server.requests) == 2 and 1.0 <= took < 1.0 + MARGIN


# -- wait(timeout=...) in every mode -----------------------------------------------------------

STREAMS = {
    "comments": lambda: comments_forever(0.1),
    "silence": silence_after_headers,
    "bad event": one_bad_event,
}


@pytest.mark.parametrize("stream", list(STREAMS))
def test_sync_wait_following_a_hostile_stream_returns_by_its_deadline(
    server: HostileServer, stream: str
) -> None:
    server.on_events = STREAMS[stream]()
    with _sync(server, timeout=1.0) as client:
        handle = client.rollouts.handle("ro_1")
        error, took = _timed(lambda: handle.wait(timeout=2.0, follow_events=True))
    assert isinstance(error, sp.RolloutWaitTimeout) and error.last_status == "running"
    assert 2.0 - 0.05 <= took < 2.0 + MARGIN


@pytest.mark.parametrize("kind", ASYNC_KINDS)
@pytest.mark.parametrize("stream", list(STREAMS))
async def test_async_wait_following_a_hostile_stream_returns_by_its_deadline(
    server: HostileServer, stream: str, kind: str
) -> None:
    server.on_events = STREAMS[stream]()
    async with _async(server, kind, timeout=1.0) as client:
        handle = client.rollouts.handle("ro_1")
        error, took = await _atimed(lambda: handle.wait(timeout=2.0, follow_events=True))
    assert isinstance(error, sp.RolloutWaitTimeout)
    assert 2.0 - 0.05 <= took < 2.0 + MARGIN


def test_sync_polling_wait_on_a_trickled_answer_returns_by_its_deadline(server: HostileServer) -> None:
    server.on_get = trickle_body(BODY, 0.1)  # each GET alone would take 26 s
    with _sync(server, timeout=30.0) as client:
        error, took = _timed(lambda: client.rollouts.handle("ro_1").wait(timeout=1.5))
    assert isinstance(error, sp.RolloutWaitTimeout)
    assert 1.5 - 0.05 <= took < 1.5 + MARGIN


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_polling_wait_on_a_trickled_answer_returns_by_its_deadline(
    server: HostileServer, kind: str
) -> None:
    server.on_get = trickle_body(BODY, 0.1)
    async with _async(server, kind, timeout=30.0) as client:
        error, took = await _atimed(lambda: client.rollouts.handle("ro_1").wait(timeout=1.5))
    assert isinstance(error, sp.RolloutWaitTimeout)
    assert 1.5 - 0.05 <= took < 1.5 + MARGIN


# -- a stream's idle timeout: silence reconnects, heartbeats keep it -------------------------


def test_sync_stream_idle_timeout_is_per_read_and_reset_by_heartbeats(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_transport, "DEFAULT_STREAM_READ_TIMEOUT", 0.5)
    with _sync(server, timeout=0.5) as client:
        server.on_events = comments_forever(0.1)
        with pytest.raises(sp.RolloutWaitTimeout):
            client.rollouts.handle("ro_1").wait(timeout=1.5, follow_events=True)
        assert server.requests.count("/v1/rollouts/ro_1/events") == 1  # heartbeats kept it open
        server.requests.clear()
        server.on_events = silence_after_headers()
        with pytest.raises(sp.RolloutWaitTimeout):  # idle 0.5 s, reconnect 1 s later
            client.rollouts.handle("ro_1").wait(timeout=2.5, follow_events=True)
        assert server.requests.count("/v1/rollouts/ro_1/events") >= 2


async def test_async_stream_idle_timeout_is_per_read_and_reset_by_heartbeats(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_transport, "DEFAULT_STREAM_READ_TIMEOUT", 0.5)
    async with _async(server, "aiohttp", timeout=0.5) as client:
        server.on_events = comments_forever(0.1)
        with pytest.raises(sp.RolloutWaitTimeout):
            await client.rollouts.handle("ro_1").wait(timeout=1.5, follow_events=True)
        assert server.requests.count("/v1/rollouts/ro_1/events") == 1
        server.requests.clear()
        server.on_events = silence_after_headers()
        with pytest.raises(sp.RolloutWaitTimeout):  # idle 0.5 s, reconnect 1 s later
            await client.rollouts.handle("ro_1").wait(timeout=2.5, follow_events=True)
        assert server.requests.count("/v1/rollouts/ro_1/events") >= 2


def test_the_sync_pool_keeps_the_deadline_backend() -> None:
    # the deadline rides on httpcore's pool attribute: an httpx/httpcore release that moves it
    # must fail here, not silently turn timeout= back into a per-read timeout
    transport = _deadline_pool.deadline_transport(_transport.DEFAULT_LIMITS)
    assert isinstance(transport._pool._network_backend, _deadline_pool.DeadlineBackend)
    transport.close()


async def test_asyncio_stays_usable_after_a_deadline() -> None:
    # the async deadline is a cancel scope: it must not leak a cancellation into the caller
    with HostileServer() as server:
        server.on_get = trickle_body(BODY, 0.1)
        async with _async(server, "aiohttp", timeout=0.5, max_retries=0) as client:
            with pytest.raises(sp.APITimeoutError):
                await client.rollouts.get("ro_1")
            await asyncio.sleep(0.01)  # not cancelled
            server.on_get = answer("200 OK", {"rollout_id": "ro_1", "status": "succeeded"})
            assert (await client.rollouts.get("ro_1"))["status"] == "succeeded"


# -- wait() polls adaptively: soon at first, less often as the rollout ages (issue 28's list) ---


def _finishes_after(seconds: float) -> Any:
    done_at = time.monotonic() + seconds
    running = answer("200 OK", {"rollout_id": "ro_1", "status": "running"})
    finished = answer("200 OK", {"rollout_id": "ro_1", "status": "succeeded"})

    def run(sock: Any, server: HostileServer) -> None:
        (finished if time.monotonic() >= done_at else running)(sock, server)

    return run, done_at


def test_sync_polling_wait_sees_a_short_rollout_end_within_a_tenth_of_a_second(server: HostileServer) -> None:
    with _sync(server) as client:
        handle = client.rollouts.handle("ro_1")
        server.on_get, done_at = _finishes_after(1.2)
        assert handle.wait(timeout=10)["status"] == "succeeded"
        late = time.monotonic() - done_at
    assert late < 0.15 + 0.1, late  # 0.1-0.12 s between polls at that age, plus a request
    assert len(server.requests) <= 16


async def test_async_polling_wait_sees_a_short_rollout_end_within_a_tenth_of_a_second(
    server: HostileServer,
) -> None:
    async with _async(server, "aiohttp") as client:
        handle = client.rollouts.handle("ro_1")
        server.on_get, done_at = _finishes_after(1.2)
        assert (await handle.wait(timeout=10))["status"] == "succeeded"
        late = time.monotonic() - done_at
    assert late < 0.15 + 0.1, late
    assert len(server.requests) <= 16


def test_polling_backs_off_as_the_rollout_ages(server: HostileServer) -> None:
    with _sync(server) as client:
        handle = client.rollouts.handle("ro_1")
        handle._born -= 30  # a handle on a rollout half a minute old: a poll every 3 s
        with pytest.raises(sp.RolloutWaitTimeout):
            handle.wait(timeout=2.0)
    assert len(server.requests) == 1
    with _sync(server) as client:  # an explicit poll_interval keeps its own schedule
        server.requests.clear()
        with pytest.raises(sp.RolloutWaitTimeout):
            client.rollouts.handle("ro_1").wait(timeout=1.0, poll_interval=0.3)
    assert len(server.requests) == 3  # at 0, 0.3 and 0.75 (the next would be past the deadline)


# -- a streamed download is bounded per read, not as a whole ------------------------------------


def _steady_download() -> Any:
    body = b"0123456789abcdef" * 128  # 2 KiB, a 64-byte piece every 0.05 s: ~1.6 s in all

    def run(sock: Any, server: HostileServer) -> None:
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        for start in range(0, len(body), 64):
            if server.closed.wait(0.05):
                return
            sock.sendall(body[start : start + 64])

    return run, body


def test_sync_download_longer_than_the_timeout_still_arrives(server: HostileServer, tmp_path: Any) -> None:
    server.on_get, body = _steady_download()
    with _sync(server, timeout=0.5, max_retries=0) as client:
        size = client.rollouts.handle("ro_1").download("out.bin", tmp_path / "out.bin")
    assert size == len(body) and (tmp_path / "out.bin").read_bytes() == body


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_download_longer_than_the_timeout_still_arrives(
    server: HostileServer, tmp_path: Any, kind: str
) -> None:
    server.on_get, body = _steady_download()
    async with _async(server, kind, timeout=0.5, max_retries=0) as client:
        size = await client.rollouts.handle("ro_1").download("out.bin", tmp_path / "out.bin")
    assert size == len(body) and (tmp_path / "out.bin").read_bytes() == body
