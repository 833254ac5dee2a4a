"""An event stream is a context manager: leaving it early closes the response at once."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import httpx

from tests.support.fakes import async_client, sync_client


class EndlessEvents(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Agent events for as long as they are read; records when httpx closes it."""

    def __init__(self) -> None:
        self.closed = False

    def _frame(self, seq: int) -> bytes:
        env = {"id": f"ro_1:{seq}", "event": "agent", "seq": seq, "data": {"step": seq}}
        return f"id: ro_1:{seq}\nevent: agent\ndata: {json.dumps(env)}\n\n".encode()

    def __iter__(self) -> Iterator[bytes]:
        seq = 0
        while not self.closed:
            seq += 1
            yield self._frame(seq)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        seq = 0
        while not self.closed:
            seq += 1
            yield self._frame(seq)

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def _server() -> tuple[list[EndlessEvents], object]:
    """A handler serving a fresh endless stream per request, and the list of those served."""
    bodies: list[EndlessEvents] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(EndlessEvents())
        return httpx.Response(200, stream=bodies[-1], headers={"content-type": "text/event-stream"})

    return bodies, handler


def test_leaving_the_with_block_closes_the_stream() -> None:
    bodies, handler = _server()
    client, _ = sync_client(handler)  # type: ignore[arg-type]
    with client.rollouts.events("ro_1") as events:
        first = [event["seq"] for _, event in zip(range(3), events, strict=False)]
        assert not bodies[0].closed
    assert first == [1, 2, 3] and bodies[0].closed


def test_next_and_close_work_without_a_with_block() -> None:
    bodies, handler = _server()
    client, _ = sync_client(handler)  # type: ignore[arg-type]
    events = client.rollouts.events("ro_1")
    assert next(events)["seq"] == 1 and next(events)["seq"] == 2
    events.close()
    assert bodies[0].closed


async def test_async_with_closes_the_stream() -> None:
    bodies, handler = _server()
    client, _ = async_client(handler)  # type: ignore[arg-type]
    async with client.rollouts.events("ro_1") as events:
        seen = []
        async for event in events:
            seen.append(event["seq"])
            if len(seen) == 3:
                break
    assert seen == [1, 2, 3] and bodies[0].closed
    stream = client.rollouts.handle("ro_1").events()
    assert (await anext(stream))["seq"] == 1
    await stream.aclose()
    assert bodies[1].closed
    await client.aclose()
