"""Event logs read over a transport: SSE pages followed and resumed, or JSON pages (bulk export).

Every decision is :class:`~synth_pools._sse.StreamState`'s (no I/O there); these functions only
send, read and wait. The async module is the source; the sync one (``_events``) is written from it
by ``scripts/unasync.py``.
"""

# ASYNC109 does not apply: a ``timeout=`` here is the HTTP timeout sent to httpx, not a cancel scope.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from httpx_sse import EventSource

from ._answers import read_answer
from ._errors import APIStatusError
from ._retry import retryable_status
from ._sse import (
    STREAM_CUTS,
    AsyncEventStream,
    Connect,
    StreamState,
    fallback_events,
    is_event_stream,
    next_wait,
    page_request,
    stream_request,
)
from ._transport import AsyncTransport, RequestSpec

__all__ = ["aiter_event_pages", "aiter_events", "aread_event_page"]


def aiter_events(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> AsyncEventStream:
    """The stream's events, each exactly once, page after page; reconnecting after failures when
    ``auto_reconnect`` (a page end is no failure: the next page follows either way)."""
    return AsyncEventStream(_aiter_events(transport, connect, state, auto_reconnect=auto_reconnect), state)


async def _aiter_events(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> AsyncGenerator[dict[str, Any], None]:
    while not state.finished:
        cut: BaseException | None = None
        try:
            async with transport.stream(stream_request(state, connect)) as response:
                if is_event_stream(response):
                    async for sse in EventSource(response).aiter_sse():
                        env = state.accept(sse)
                        if env is not None:
                            yield env
                        if state.finished:
                            return
                else:
                    for env in fallback_events(state, response, await response.aread()):
                        yield env
        except APIStatusError as exc:
            if not retryable_status(exc):  # as request retries do
                raise
            cut = exc
        except STREAM_CUTS as exc:
            cut = exc
        if state.finished:
            return
        await transport.sleep(next_wait(state, cut, auto_reconnect))


async def _page(transport: AsyncTransport, spec: RequestSpec) -> Any:
    """One JSON page of events, read tolerantly as its operation's (``_answers``)."""
    return read_answer(spec.operation, await transport.request_json(spec))


async def aread_event_page(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, timeout: float | None = None
) -> dict[str, Any]:
    """One JSON page of a log (``format=json``) after the state's resume point."""
    page = await _page(transport, page_request(state, connect, timeout))
    return state.page_answer(state.accept_page(page))


def aiter_event_pages(
    transport: AsyncTransport, connect: Connect, state: StreamState, *, timeout: float | None = None
) -> AsyncEventStream:
    """Every event of a log read as JSON pages (``format=json``), each once, in order. It ends at
    the terminal event, the caller's ``limit=``, or the log's current end (a page that says so or
    brings nothing new). Each page is one request with the transport's usual retries."""

    async def pages() -> AsyncGenerator[dict[str, Any], None]:
        while not state.finished:
            page = state.accept_page(await _page(transport, page_request(state, connect, timeout)))
            for env in page.events:  # noqa: RUF100, UP028 (UP028 in the sync twin: async has no yield from)
                yield env
            if page.at_log_end:
                return

    return AsyncEventStream(pages())
