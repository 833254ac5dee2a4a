"""The resource layer: the few ways an API method answers, written once for both API packages.

Every public method of a namespace (``client.rollouts.get``) and of the container-pools client
(``pools.get_pool``) is one line: a request bound at the seam (``_operations.bind``) handed to one
of these primitives (openai-python's ``_resource.py`` is the model):

- :meth:`AsyncResource._object`: the answer is a JSON object, returned as a ``dict``. An empty
  answer is ``{}`` only when the server says ``204 No Content``; an empty ``200`` or JSON that is
  not an object raises :class:`APIResponseValidationError` (something other than the Synth API
  answered: a proxy, or a wrong ``backend_base``). This is the SDK's one rule for empty answers.
  Every answer is read tolerantly by its operation (``_answers``: wrapped objects unwrapped,
  pages in one shape).
- :meth:`AsyncResource._launch`: like ``_object`` for a request that starts a rollout on a pool;
  a refusal because the pool is not ``active`` becomes :class:`PoolNotActiveError` naming its
  status (``_pool_lifecycle``), and :meth:`AsyncResource._wait_active` polls a pool until it is.
- :meth:`AsyncResource._none`: no answer is wanted (deletes); the method returns ``None``.
- :meth:`AsyncResource._items`: every item of every page (``_pages`` stops on a missing or
  repeated continuation).
- :meth:`AsyncResource._events`: an event stream (``_sse``); iterate it, or use it as a context
  manager to release the connection when you stop early. :meth:`AsyncResource._event_pages`
  reads the same log as JSON pages (``format=json``), :meth:`AsyncResource._event_page` one page.
- :meth:`AsyncResource._download`: the body as ``bytes``, or streamed to a destination
  (``_downloads``: ``<path>.part`` renamed when complete, a cut resumed with a byte range)
  returning its size; :meth:`AsyncResource._chunks` yields it as it arrives.

Retries, timeouts, idempotency keys and error mapping happen below, in the transport. The async
module is the source: ``scripts/unasync.py`` writes ``_resource.py`` (``SyncResource``) from it.
"""

# ASYNC109 does not apply: ``_event_page``'s ``timeout=`` is the HTTP timeout sent to httpx.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from ._answers import read_answer
from ._async_downloads import CHUNK, Destination, adownload_to
from ._async_events import aiter_event_pages, aiter_events, aread_event_page
from ._errors import APIResponseValidationError, APIStatusError, PoolNotActiveError
from ._operations import bind
from ._pages import aiter_items
from ._pool_lifecycle import PoolWait, launch_refusal_names_pool, not_active_error
from ._sse import AsyncEventStream, Connect, StreamState
from ._transport import AsyncTransport, RequestSpec, decode_json

__all__ = ["AsyncResource", "object_of"]

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


class AsyncResource:
    """Base of every namespace and of the container-pools client: the answer primitives."""

    _transport: AsyncTransport

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._transport.config.base_url!r}>"

    async def _object(self, spec: RequestSpec) -> dict[str, Any]:
        return object_of(await self._transport.request(spec), spec.operation)

    async def _none(self, spec: RequestSpec) -> None:
        await self._transport.request(spec)

    async def _answer(self, spec: RequestSpec) -> Any:
        """The answer's JSON, read tolerantly as its operation's kind (``_answers``)."""
        return read_answer(spec.operation, await self._transport.request_json(spec))

    def _items(self, page: Page, *, cursor: str | None = None) -> AsyncIterator[Any]:
        return aiter_items(lambda c: self._answer(page(c)), cursor=cursor)

    def _events(self, connect: Connect, state: StreamState, *, auto_reconnect: bool) -> AsyncEventStream:
        return aiter_events(self._transport, connect, state, auto_reconnect=auto_reconnect)

    def _event_pages(
        self, connect: Connect, state: StreamState, *, timeout: float | None
    ) -> AsyncEventStream:
        return aiter_event_pages(self._transport, connect, state, timeout=timeout)

    async def _event_page(
        self, connect: Connect, state: StreamState, *, timeout: float | None
    ) -> dict[str, Any]:
        return await aread_event_page(self._transport, connect, state, timeout=timeout)

    async def _download(self, spec: RequestSpec, dest: Destination | None) -> Any:
        """``bytes`` without ``dest``; with it, the number of bytes written there."""
        if dest is None:
            return (await self._transport.request(spec)).content
        return await adownload_to(self._transport, spec, dest)

    async def _chunks(self, spec: RequestSpec) -> AsyncIterator[bytes]:
        async with self._transport.stream(spec) as response:
            async for chunk in response.aiter_bytes(CHUNK):
                yield chunk

    async def _launch(self, spec: RequestSpec, pool_id: Any) -> dict[str, Any]:
        try:
            return await self._object(spec)
        except APIStatusError as error:
            better = await self._not_active(error, pool_id)
            if better is None:
                raise
            raise better from error

    async def _not_active(self, refusal: APIStatusError, pool_id: Any) -> PoolNotActiveError | None:
        """A launch ``refusal`` as :class:`PoolNotActiveError` when the pool says it is not active;
        ``None`` (the refusal as it came) when it is about something else or the pool is unreadable."""
        if not (isinstance(pool_id, str) and pool_id and launch_refusal_names_pool(refusal)):
            return None
        try:
            pool = await self._object(bind("get_pool", pool_id))
        except Exception:
            return None
        return not_active_error(refusal, pool_id, pool)

    async def _wait_active(self, spec: RequestSpec, wait: PoolWait) -> dict[str, Any]:
        while True:
            pool = await self._object(spec)
            delay = wait.seen(pool)
            if delay is None:
                return pool
            await self._transport.sleep(delay)

    async def _sleep(self, seconds: float) -> None:
        await self._transport.sleep(seconds)
