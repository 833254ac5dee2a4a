"""Event streams cut many times: every event exactly once, in order; SSE parsing rules."""

from __future__ import annotations

import random

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import CutStream, async_client, envelope, sse_frame, sync_client

RID = "ro_stream"
TOTAL = 60


class FlakyEventServer:
    """Serves TOTAL events; each connection sends a few then drops. Half the time it ignores the
    resume point and replays from a little earlier, so the client must de-duplicate."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.connections = 0
        self.resume_headers: list[str | None] = []
        self.events = [envelope(RID, s) for s in range(1, TOTAL)]
        self.events.append(envelope(RID, TOTAL, "lifecycle", status="succeeded"))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.connections += 1
        last = request.headers.get("Last-Event-ID")
        self.resume_headers.append(last)
        after = int(request.url.params["after_sequence"])
        assert after == (int(last.rsplit(":", 1)[1]) if last else 0)  # the header agrees, harmlessly
        assert 1 <= int(request.url.params["limit"]) <= 1000
        if self.rng.random() < 0.5:
            after = max(0, after - self.rng.randint(1, 3))  # replay already-delivered events
        count = self.rng.randint(0, 4)
        batch = self.events[after : after + count]
        chunks = [b"retry: 10\n\n"]
        for env in batch:
            frame = sse_frame(env, split_data=env["seq"] % 3 == 0)
            if self.rng.random() < 0.3:
                # split a frame across chunks, as TCP may
                chunks += [frame[:7], frame[7:]]
            else:
                chunks.append(frame)
            if env["seq"] % 5 == 0:
                chunks.append(b'event: heartbeat\ndata: {"event": "heartbeat"}\n\n')
        finished = bool(batch) and batch[-1]["seq"] == TOTAL
        return httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=CutStream(chunks, cut=not finished)
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stream_cut_many_times_delivers_each_event_once_in_order(seed: int) -> None:
    server = FlakyEventServer(seed)
    client, sleeps = sync_client(server)
    seen = [e["seq"] for e in client.rollouts.events(RID, max_retries=50)]
    assert seen == list(range(1, TOTAL + 1))
    assert server.connections > 10  # the stream really was cut many times
    assert server.resume_headers[0] is None and server.resume_headers[-1] is not None
    # the server's retry: (10 ms) is a floor on every reconnect delay
    assert sleeps and min(s for s in sleeps if s > 0) >= 0.01


@pytest.mark.parametrize("seed", [4, 5])
async def test_async_stream_cut_many_times_delivers_each_event_once(seed: int) -> None:
    server = FlakyEventServer(seed)
    client, _ = async_client(server)
    seen = [e["seq"] async for e in client.rollouts.events(RID, max_retries=50)]
    await client.aclose()
    assert seen == list(range(1, TOTAL + 1))
    assert server.connections > 10


def test_heartbeats_hidden_by_default_and_shown_on_request() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        heartbeat = b'event: heartbeat\ndata: {"event": "heartbeat"}\n\n'
        body = (
            heartbeat
            + sse_frame(envelope(RID, 1))
            # SSE hands this id-less heartbeat the previous event's id; it is still no duplicate
            + heartbeat
            + sse_frame(envelope(RID, 2, "lifecycle", status="failed"))
            + sse_frame(envelope(RID, 3))  # after the terminal event: never read
        )
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    assert [e["event"] for e in client.rollouts.events(RID)] == ["agent", "lifecycle"]
    shown = list(client.rollouts.events(RID, include_heartbeats=True))
    assert [e["event"] for e in shown] == ["heartbeat", "agent", "heartbeat", "lifecycle"]
    assert shown[2]["id"] is None and shown[2]["seq"] is None


def test_multiline_data_and_plain_sse_fields() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = (
            b"id: x:1\nevent: agent\ndata: line one\ndata: line two\n\n"
            b'id: x:2\nevent: lifecycle\ndata: {"status":\ndata:  "cancelled"}\n\n'
        )
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    events = list(client.rollouts.events(RID))
    assert events[0]["data"] == "line one\nline two" and events[0]["seq"] == 1
    assert events[1]["data"] == {"status": "cancelled"}


def test_error_event_raises_stream_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = sse_frame(envelope(RID, 1)) + b'event: error\ndata: {"message": "rollout vanished"}\n\n'
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    stream = client.rollouts.events(RID)
    assert next(stream)["seq"] == 1
    with pytest.raises(sp.StreamError, match="rollout vanished"):
        next(stream)


def test_without_auto_reconnect_a_cut_is_an_error_naming_the_cursor() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            stream=CutStream([sse_frame(envelope(RID, 1))], cut=True),
        )

    client, _ = sync_client(handler)
    with pytest.raises(sp.APIConnectionError, match=f"{RID}:1"):
        list(client.rollouts.events(RID, auto_reconnect=False))


def test_reconnect_budget_counts_consecutive_failures() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(503, json={"error": {"code": "busy", "message": "x"}})

    client, sleeps = sync_client(handler)
    with pytest.raises(sp.APIConnectionError, match="dropped 4 times"):
        list(client.rollouts.events(RID, max_retries=3, backoff_base=1.0, backoff_max=3.0))
    assert len(calls) == 4
    assert sleeps == [1.0, 2.0, 3.0]


def test_not_found_on_a_stream_is_not_retried() -> None:
    client, sleeps = sync_client(
        lambda r: httpx.Response(404, json={"error": {"code": "not_found", "message": "no"}})
    )
    with pytest.raises(sp.NotFoundError):
        list(client.rollouts.events(RID))
    assert sleeps == []


def test_reconnect_after_429_waits_as_long_as_asked() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(429, headers={"retry-after": "7"}, json={"error": {"code": "rate_limited"}})
        if calls == 2:
            return httpx.Response(503, headers={"retry-after": "500"}, json={"error": {"code": "busy"}})
        body = sse_frame(envelope(RID, 1, "lifecycle", status="succeeded"))
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, sleeps = sync_client(handler)
    assert [e["seq"] for e in client.rollouts.events(RID)] == [1]
    assert sleeps == [7.0, 60.0]  # as asked, then capped at a minute


@pytest.mark.parametrize("where", [{"cursor": f"{RID}:2"}, {"since": "2"}])
def test_a_resume_point_drops_what_a_server_sends_again(where: dict[str, str]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        # a server that ignores the resume point and sends everything
        body = b"".join(sse_frame(envelope(RID, seq)) for seq in (1, 2, 3)) + sse_frame(
            envelope(RID, 4, "lifecycle", status="succeeded")
        )
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    assert [e["seq"] for e in client.rollouts.events(RID, **where)] == [3, 4]
