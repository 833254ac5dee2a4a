# Written by scripts/unasync.py from _async_events.py: edit that file, then run `make unasync`.
"""Event logs read over a transport: SSE pages followed and resumed, or JSON pages (bulk export).

Every decision is :class:`~synth_pools._sse.StreamState`'s (no I/O there); these functions only
send, read and wait. The async module is the source; the sync one (``_events``) is written from it
by ``scripts/unasync.py``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from httpx_sse import EventSource

from ._answers import read_answer
from ._errors import APIStatusError
from ._retry import retryable_status
from ._sse import (
    STREAM_CUTS,
    Connect,
    EventStream,
    StreamState,
    fallback_events,
    is_event_stream,
    next_wait,
    page_request,
    stream_request,
)
from ._transport import RequestSpec, SyncTransport

__all__ = ["iter_event_pages", "iter_events", "read_event_page"]


def iter_events(
    transport: SyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> EventStream:
    """The stream's events, each exactly once, page after page; reconnecting after failures when
    ``auto_reconnect`` (a page end is no failure: the next page follows either way)."""
    return EventStream(_iter_events(transport, connect, state, auto_reconnect=auto_reconnect), state)


def _iter_events(
    transport: SyncTransport, connect: Connect, state: StreamState, *, auto_reconnect: bool = True
) -> Generator[dict[str, Any], None]:
    while not state.finished:
        cut: BaseException | None = None
        try:
            with transport.stream(stream_request(state, connect)) as response:
                if is_event_stream(response):
                    for sse in EventSource(response).iter_sse():
                        env = state.accept(sse)
                        if env is not None:
                            yield env
                        if state.finished:
                            return
                else:
                    for env in fallback_events(state, response, response.read()):
                        yield env
        except APIStatusError as exc:
            if not retryable_status(exc):  # as request retries do
                raise
            cut = exc
        except STREAM_CUTS as exc:
            cut = exc
        if state.finished:
            return
        transport.sleep(next_wait(state, cut, auto_reconnect))


def _page(transport: SyncTransport, spec: RequestSpec) -> Any:
    """One JSON page of events, read tolerantly as its operation's (``_answers``)."""
    return read_answer(spec.operation, transport.request_json(spec))


def read_event_page(
    transport: SyncTransport, connect: Connect, state: StreamState, *, timeout: float | None = None
) -> dict[str, Any]:
    """One JSON page of a log (``format=json``) after the state's resume point."""
    page = _page(transport, page_request(state, connect, timeout))
    return state.page_answer(state.accept_page(page))


def iter_event_pages(
    transport: SyncTransport, connect: Connect, state: StreamState, *, timeout: float | None = None
) -> EventStream:
    """Every event of a log read as JSON pages (``format=json``), each once, in order. It ends at
    the terminal event, the caller's ``limit=``, or the log's current end (a page that says so or
    brings nothing new). Each page is one request with the transport's usual retries."""

    def pages() -> Generator[dict[str, Any], None]:
        while not state.finished:
            page = state.accept_page(_page(transport, page_request(state, connect, timeout)))
            for env in page.events:  # noqa: RUF100, UP028 (UP028 in the sync twin: async has no yield from)
                yield env
            if page.at_log_end:
                return

    return EventStream(pages())
