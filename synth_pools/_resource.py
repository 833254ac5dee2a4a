# Written by scripts/unasync.py from _async_resource.py: edit that file, then run `make unasync`.
"""The resource layer: the few ways an API method answers, written once for both API packages.

Every public method of a namespace (``client.rollouts.get``) and of the container-pools client
(``pools.get_pool``) is one line: a request bound at the seam (``_operations.bind``) handed to one
of these primitives (openai-python's ``_resource.py`` is the model):

- :meth:`SyncResource._object`: the answer is a JSON object, returned as a ``dict``. An empty
  answer is ``{}`` only when the server says ``204 No Content``; an empty ``200`` or JSON that is
  not an object raises :class:`APIResponseValidationError` (something other than the Synth API
  answered: a proxy, or a wrong ``backend_base``). This is the SDK's one rule for empty answers.
  Every answer is read tolerantly by its operation (``_answers``: wrapped objects unwrapped,
  pages in one shape).
- :meth:`SyncResource._launch`: like ``_object`` for a request that starts a rollout on a pool;
  a refusal because the pool is not ``active`` becomes :class:`PoolNotActiveError` naming its
  status (``_pool_lifecycle``), and :meth:`SyncResource._wait_active` polls a pool until it is.
- :meth:`SyncResource._none`: no answer is wanted (deletes); the method returns ``None``.
- :meth:`SyncResource._items`: every item of every page (``_pages`` stops on a missing or
  repeated continuation).
- :meth:`SyncResource._events`: an event stream (``_sse``); iterate it, or use it as a context
  manager to release the connection when you stop early. :meth:`SyncResource._event_pages`
  reads the same log as JSON pages (``format=json``), :meth:`SyncResource._event_page` one page.
- :meth:`SyncResource._download`: the body as ``bytes``, or streamed to a destination
  (``_downloads``: ``<path>.part`` renamed when complete, a cut resumed with a byte range)
  returning its size; :meth:`SyncResource._chunks` yields it as it arrives.

Retries, timeouts, idempotency keys and error mapping happen below, in the transport. The async
module is the source: ``scripts/unasync.py`` writes ``_resource.py`` (``SyncResource``) from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx

from ._answers import read_answer
from ._downloads import CHUNK, Destination, download_to
from ._errors import APIResponseValidationError, APIStatusError, PoolNotActiveError
from ._events import iter_event_pages, iter_events, read_event_page
from ._operations import bind
from ._pages import iter_items
from ._pool_lifecycle import PoolWait, launch_refusal_names_pool, not_active_error
from ._sse import Connect, EventStream, StreamState
from ._transport import RequestSpec, SyncTransport, decode_json

__all__ = ["SyncResource", "object_of"]

#: one page of a list, for a continuation token (``None``: the first page)
Page = Callable[[str | None], RequestSpec]


def object_of(response: httpx.Response, operation: str = "") -> dict[str, Any]:
    """The JSON object a successful ``response`` carries, read as its operation's kind
    (``_answers``); ``{}`` for a 204, else a typed error unless the body is a JSON object."""
    if response.status_code == 204:
        return {}
    value = read_answer(operation, decode_json(response, operation))
    if isinstance(value, dict):
        return value
    got = "an empty answer" if value is None else type(value).__name__
    raise APIResponseValidationError(
        f"expected a JSON object from {response.request.method} {response.request.url.path}, got {got}; "
        "check that backend_base points at the Synth API",
        response=response,
    )


class SyncResource:
    """Base of every namespace and of the container-pools client: the answer primitives."""

    _transport: SyncTransport

    def __init__(self, transport: SyncTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._transport.config.base_url!r}>"

    def _object(self, spec: RequestSpec) -> dict[str, Any]:
        return object_of(self._transport.request(spec), spec.operation)

    def _none(self, spec: RequestSpec) -> None:
        self._transport.request(spec)

    def _answer(self, spec: RequestSpec) -> Any:
        """The answer's JSON, read tolerantly as its operation's kind (``_answers``)."""
        return read_answer(spec.operation, self._transport.request_json(spec))

    def _items(self, page: Page, *, cursor: str | None = None) -> Iterator[Any]:
        return iter_items(lambda c: self._answer(page(c)), cursor=cursor)

    def _events(self, connect: Connect, state: StreamState, *, auto_reconnect: bool) -> EventStream:
        return iter_events(self._transport, connect, state, auto_reconnect=auto_reconnect)

    def _event_pages(self, connect: Connect, state: StreamState, *, timeout: float | None) -> EventStream:
        return iter_event_pages(self._transport, connect, state, timeout=timeout)

    def _event_page(self, connect: Connect, state: StreamState, *, timeout: float | None) -> dict[str, Any]:
        return read_event_page(self._transport, connect, state, timeout=timeout)

    def _download(self, spec: RequestSpec, dest: Destination | None) -> Any:
        """``bytes`` without ``dest``; with it, the number of bytes written there."""
        if dest is None:
            return (self._transport.request(spec)).content
        return download_to(self._transport, spec, dest)

    def _chunks(self, spec: RequestSpec) -> Iterator[bytes]:
        with self._transport.stream(spec) as response:
            for chunk in response.iter_bytes(CHUNK):
                yield chunk

    def _launch(self, spec: RequestSpec, pool_id: Any) -> dict[str, Any]:
        try:
            return self._object(spec)
        except APIStatusError as error:
            better = self._not_active(error, pool_id)
            if better is None:
                raise
            raise better from error

    def _not_active(self, refusal: APIStatusError, pool_id: Any) -> PoolNotActiveError | None:
        """A launch ``refusal`` as :class:`PoolNotActiveError` when the pool says it is not active;
        ``None`` (the refusal as it came) when it is about something else or the pool is unreadable."""
        if not (isinstance(pool_id, str) and pool_id and launch_refusal_names_pool(refusal)):
            return None
        try:
            pool = self._object(bind("get_pool", pool_id))
        except Exception:
            return None
        return not_active_error(refusal, pool_id, pool)

    def _wait_active(self, spec: RequestSpec, wait: PoolWait) -> dict[str, Any]:
        while True:
            pool = self._object(spec)
            delay = wait.seen(pool)
            if delay is None:
                return pool
            self._transport.sleep(delay)

    def _sleep(self, seconds: float) -> None:
        self._transport.sleep(seconds)
