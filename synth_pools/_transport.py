"""Pooled HTTP transports (sync and async) with timeouts, retries and idempotency keys.

One :class:`RequestSpec` describes a logical call (usually built from a generated operation by
``_operations.bind``). :class:`SyncTransport` / :class:`AsyncTransport` send it through one pooled
``httpx.Client`` / ``httpx.AsyncClient`` each, created lazily and closed by ``close()``.

Every decision that is not I/O lives in :class:`_BaseTransport` and :class:`_Attempts`
(headers, URL prefix, timeout, what to do with a response or an exception); the two subclasses
only send and sleep. Errors leave here already mapped (``_errors.error_from_response``), and
transport exceptions leave as ``APIConnectionError`` / ``APITimeoutError``.

The async client sends on aiohttp by default (``_aiohttp.AiohttpSender``: the request built here,
sent on one ``aiohttp.ClientSession``, answered as an ``httpx.Response``; much faster fan-out than
httpx's own, see design/sdk-behaviour.md and benchmarks P2L). ``async_transport="httpx"`` is the
documented fallback (httpx's own transport), and a caller's ``http_client`` or
``httpx.AsyncBaseTransport`` goes through httpx as given. aiohttp is imported only when an async
client first sends, so ``import synth_pools`` stays light.

``timeout=`` is a deadline per attempt (``_Attempts``), not httpx's per-read timeout: the sync
pool's network streams cut every socket operation to what is left of it (``_deadline``,
``_deadline_pool``), the async paths run each attempt in a cancel scope. Bodies are read here,
decoded under the client's ``max_response_bytes`` (``CappedBody``); streamed responses (events,
downloads) keep a per-read idle timeout and no size cap.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal

import httpx

from . import _json
from ._body import accept_encoding, aread_capped, read_capped
from ._config import PUBLIC_PREFIX, ClientConfig
from ._deadline import DEADLINE
from ._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    error_from_response,
)
from ._retry import retry_delay, should_retry_exception, should_retry_status
from ._tls import DeferredTrustContext

if TYPE_CHECKING:
    from ._aiohttp import AiohttpSender

__all__ = [
    "AsyncTransport",
    "AsyncTransportKind",
    "RequestSpec",
    "SyncTransport",
    "decode_json",
]

log = logging.getLogger("synth_pools")

AsyncTransportKind = Literal["aiohttp", "httpx"]

# Sized for hundreds of concurrent rollouts, each possibly holding an open event stream.
DEFAULT_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=200, keepalive_expiry=30.0)
# Idle time allowed between bytes of an event stream: longer than the server's heartbeat.
DEFAULT_STREAM_READ_TIMEOUT = 60.0


class _NoBody:
    def __repr__(self) -> str:
        return "NO_BODY"


NO_BODY: Any = _NoBody()


@dataclasses.dataclass(frozen=True, slots=True)
class RequestSpec:
    """One logical API call: what to send, and per-call overrides of timeout and retries.

    ``url`` is the path as the generated client writes it (``/v1/...`` or ``/api/v1/...``);
    ``idempotency_key`` is reused on every retry of this call (POSTs get one generated if unset).
    """

    method: str
    url: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    json: Any = NO_BODY
    timeout: float | None = None
    max_retries: int | None = None
    idempotency_key: str | None = None
    #: the spec's operationId, which says how the layers above read the answer (``_answers.KINDS``)
    operation: str = ""

    def evolve(self, **changes: Any) -> RequestSpec:
        return dataclasses.replace(self, **changes)


class _Attempts:
    """The retry loop's state for one logical call; the sync and async loops both drive it.

    The call's time budget: each attempt ends by ``timeout`` after it starts (connect, send,
    headers and, unless streamed, the body), and the whole call, waits between attempts included,
    by ``timeout x (max_retries + 1)`` after the first one started. A wait that would not leave
    room for another attempt inside that budget ends the call with the last error instead; a
    ``Retry-After`` longer than what is left raises at once, with the server's value on the error.
    """

    def __init__(self, spec: RequestSpec, max_retries: int, timeout: float, *, has_key: bool) -> None:
        self.spec = spec
        self.max_retries = max_retries
        self.attempt = 0
        self.has_key = has_key
        self.timeout = timeout
        self.started = time.monotonic()
        self.budget_end = self.started + timeout * (max_retries + 1)
        outer = DEADLINE.get()  # a sync wait(timeout=...) around this call
        if outer is not None and outer < self.budget_end:
            self.budget_end = outer

    def deadline(self) -> float:
        """When the attempt starting now must be over."""
        return min(time.monotonic() + self.timeout, self.budget_end)

    def _left(self) -> float:
        return self.budget_end - time.monotonic()

    def after_error_response(self, response: httpx.Response) -> float:
        """The wait before the next attempt after an error answer; raise its typed error when
        there is none (not retryable, no retries left, or no room in this call's budget)."""
        error = error_from_response(response)
        if self.attempt < self.max_retries and should_retry_status(
            error, method=self.spec.method, has_idempotency_key=self.has_key
        ):
            left = self._left()
            asked = error.retry_after
            if asked is not None and asked > left:
                raise self._asked_too_long(error, asked, left)
            delay = retry_delay(self.attempt + 1, asked)
            if delay < left:
                self._count(f"HTTP {response.status_code}", delay, f", request_id={error.request_id}")
                return delay
        raise error

    def _asked_too_long(self, error: APIStatusError, asked: float, left: float) -> APIStatusError:
        """The server's ``Retry-After`` does not fit in what is left: give up now, saying so."""
        error.message = (
            f"{error.message} (the server asked to retry after {asked:g}s, more than the {max(left, 0):.1f}s "
            f"left of this call's budget, timeout={self.timeout:g}s x {self.max_retries + 1} attempts: "
            "retry later, or pass a larger timeout=)"
        )
        error.args = (error.message,)
        return error

    def after_exception(self, exc: Exception, request: httpx.Request | None) -> float:
        """The wait before the next attempt after a transport error; raise the typed connection
        error when there is none."""
        if self.attempt < self.max_retries and should_retry_exception(
            exc, method=self.spec.method, has_idempotency_key=self.has_key
        ):
            delay = retry_delay(self.attempt + 1, None)
            if delay < self._left():
                self._count(type(exc).__name__, delay)
                return delay
        raise _connection_error(exc, request, self.timeout) from exc

    def _count(self, cause: str, delay: float, more: str = "") -> None:
        self.attempt += 1
        log.debug(
            "retrying %s %s after %s (attempt %d/%d, sleeping %.2fs%s)",
            self.spec.method,
            self.spec.url,
            cause,
            self.attempt,
            self.max_retries,
            delay,
            more,
        )


def _connection_error(exc: Exception, request: httpx.Request | None, timeout: float) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        what = f"{request.method} {request.url.path}" if request is not None else "The request"
        return APITimeoutError(
            f"{what} got no complete answer within timeout={timeout:g}s (connect, headers and body "
            "count together); pass a larger timeout= or retry",
            request=request,
        )
    return APIConnectionError(
        f"Connection to the Synth API failed ({type(exc).__name__}); check backend_base and retry.",
        request=request,
    )


def _what(spec: RequestSpec) -> str:
    """The call as an error names it: its operation and route."""
    route = f"{spec.method.upper()} {spec.url}"
    return f"{spec.operation} ({route})" if spec.operation else route


def decode_json(response: httpx.Response, operation: str = "") -> Any:
    """The JSON body of a successful response (``None`` when empty), or a typed error naming the call."""
    if not response.content:
        return None
    try:
        return _json.loads(response.content)
    except ValueError as exc:
        what = f"{response.request.method} {response.request.url.path}"
        if operation:
            what = f"{operation} ({what})"
        if isinstance(exc, _json.TooDeepError):
            problem = f"the answer to {what} is {exc}"
        else:
            ctype = response.headers.get("content-type", "?")
            problem = f"expected JSON from {what}, got {ctype!r}"
        raise APIResponseValidationError(
            f"{problem}; check that backend_base points at the Synth API", response=response
        ) from None


class _BaseTransport:
    """Everything about a request that is not I/O.

    Per-call cost matters here (P1 compares a sync ``get`` with a raw pooled httpx GET), so the
    parts that do not change between calls are computed once: the auth and user-agent headers,
    the ``httpx.Timeout`` for each read timeout, and the client's base URL as a string prefix
    (``absolute_url``), which spares httpx two of its three URL parses per request.
    """

    def __init__(self, config: ClientConfig) -> None:
        self.config = config
        self._base_headers = {
            "Authorization": f"Bearer {config.api_key}",
            "User-Agent": config.user_agent,
            "Accept-Encoding": accept_encoding(),
        }
        self._url_base: tuple[httpx.URL, str | None] | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.config.base_url!r})"

    def url(self, path: str) -> str:
        prefix = self.config.api_prefix
        if prefix != PUBLIC_PREFIX and path.startswith(PUBLIC_PREFIX + "/"):
            return prefix + path[len(PUBLIC_PREFIX) :]
        return path

    def absolute_url(self, path: str, base_url: httpx.URL | None) -> str | None:
        """``path`` (already prefixed by :meth:`url`) joined to the client's ``base_url``, or None.

        httpx joins a relative URL to its base URL (which always ends in "/") as
        ``base_url.raw_path + path.lstrip("/")``; concatenating strings ourselves gives the same
        URL with one parse instead of three. None (use httpx's own join) when the base URL is
        relative (a caller's ``http_client`` without one) or has a query or fragment, or when the
        path is anything but a plain absolute path (no "//" start, no "?" or "#").
        """
        if base_url is None or path[:1] != "/" or path[:2] == "//" or "?" in path or "#" in path:
            return None
        cached = self._url_base  # (base_url it was made from, its string); replaced atomically
        if cached is None or cached[0] is not base_url:
            usable = base_url.is_absolute_url and not base_url.query and not base_url.fragment
            prefix = str(base_url.copy_with(raw_path=base_url.raw_path)) if usable else None
            cached = (base_url, prefix)
            self._url_base = cached
        prefix = cached[1]
        return None if prefix is None else prefix + path[1:]

    def headers(self, spec: RequestSpec, idempotency_key: str | None, *, base: bool = True) -> dict[str, str]:
        """This call's headers; without ``base``, only what it adds to the client's own defaults
        (a client the transport made carries auth and User-Agent itself, see ``client``)."""
        out = dict(self._base_headers) if base else {}
        if spec.headers:
            out.update({k: v for k, v in spec.headers.items() if v is not None})
        if idempotency_key is not None:
            out["Idempotency-Key"] = idempotency_key
        if spec.json is NO_BODY:
            out.pop("Content-Type", None)
        return out

    def idempotency_key(self, spec: RequestSpec) -> str | None:
        """The key for this logical call, fixed before the first attempt so retries reuse it."""
        if spec.idempotency_key is not None:
            return spec.idempotency_key
        existing = spec.headers.get("Idempotency-Key")
        if existing:
            return existing
        if spec.method.upper() == "POST":
            return f"sp-{uuid.uuid4()}"
        return None

    def timeout(self, spec: RequestSpec, *, stream: bool = False) -> httpx.Timeout:
        read = spec.timeout if spec.timeout is not None else self.config.timeout
        if stream and spec.timeout is None:
            read = max(read, DEFAULT_STREAM_READ_TIMEOUT)
        return _timeout(read, min(self.config.connect_timeout, read))

    def max_retries(self, spec: RequestSpec) -> int:
        return self.config.max_retries if spec.max_retries is None else spec.max_retries

    def build_kwargs(
        self,
        spec: RequestSpec,
        *,
        stream: bool = False,
        base_url: httpx.URL | None = None,
        base_headers: bool = True,
    ) -> dict[str, Any]:
        """``build_request`` arguments for every attempt of this call.

        The idempotency key is fixed here, once per logical call, and lives in these headers, so
        every retry carries the same one. No query parameters means ``params=None`` (an empty
        mapping would make httpx re-parse the URL to drop a query that is not there).
        ``base_headers=False`` when the client already sends auth and User-Agent by default.
        """
        key = self.idempotency_key(spec)
        path = self.url(spec.url)
        url = self.absolute_url(path, base_url)
        kwargs: dict[str, Any] = {
            "method": spec.method.upper(),
            # httpx's own join (and an explicit, query-replacing params) when the fast one is off
            "url": path if url is None else url,
            "params": dict(spec.params) if url is None else (spec.params or None),
            "headers": self.headers(spec, key, base=base_headers),
            "timeout": self.timeout(spec, stream=stream),
        }
        if spec.json is not NO_BODY:
            kwargs["content"] = _json.request_body(spec.json)
            kwargs["headers"].setdefault("Content-Type", "application/json")
        return kwargs

    def attempts(self, spec: RequestSpec, kwargs: Mapping[str, Any]) -> _Attempts:
        timeout = spec.timeout if spec.timeout is not None else self.config.timeout
        return _Attempts(
            spec, self.max_retries(spec), timeout, has_key="Idempotency-Key" in kwargs["headers"]
        )


@functools.lru_cache(maxsize=64)
def _timeout(read: float, connect: float) -> httpx.Timeout:
    """One shared (never mutated) ``httpx.Timeout`` per (read, connect) pair."""
    return httpx.Timeout(read, connect=connect)


class SyncTransport(_BaseTransport):
    """Blocking transport over one pooled ``httpx.Client`` (thread-safe)."""

    def __init__(
        self,
        config: ClientConfig,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(config)
        self._client = http_client
        self._owns_client = http_client is None
        #: the client was made here, with auth and User-Agent as its default headers
        self._client_has_headers = http_client is None
        self._transport = transport
        self._lock = threading.Lock()
        self._closed = False
        self.sleep: Callable[[float], None] = time.sleep

    def share(self, config: ClientConfig) -> SyncTransport:
        """A transport with ``config``'s defaults on this one's connection pool, which it does
        not own: closing it leaves the pool open (``with_options``, ``SynthClient``)."""
        copy = SyncTransport(config, http_client=self.client)
        copy._client_has_headers = self._client_has_headers
        return copy

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            if self._closed:
                raise ClientClosedError()
            with self._lock:
                if self._client is None:
                    from ._deadline_pool import deadline_transport  # with httpcore: on first send (P5)

                    self._client = httpx.Client(
                        base_url=self.config.base_url,
                        # as defaults, not per request: httpx merges per-request headers into
                        # the client's on every call (~18 us of a ~1 ms local GET)
                        headers=self._base_headers,
                        limits=DEFAULT_LIMITS,
                        transport=(
                            self._transport
                            if self._transport is not None
                            else deadline_transport(DEFAULT_LIMITS)
                        ),
                        verify=DeferredTrustContext(),
                        timeout=httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout),
                    )
        return self._client

    def close(self) -> None:
        self._closed = True
        client, self._client = self._client, None
        if client is not None and self._owns_client:
            client.close()

    def _send(self, spec: RequestSpec, *, stream: bool) -> httpx.Response:
        kwargs = self.build_kwargs(
            spec, stream=stream, base_url=self.client.base_url, base_headers=not self._client_has_headers
        )
        attempts = self.attempts(spec, kwargs)
        what = _what(spec)
        while True:
            request = self.client.build_request(**kwargs)
            # the attempt's deadline bounds connect, send, headers and (unless streamed) the body
            token = DEADLINE.set(attempts.deadline())
            try:
                # always streamed by httpx: the body is read here, capped (read_capped)
                response = self.client.send(request, stream=True)
                if not stream or not response.is_success:
                    read_capped(response, self.config.max_response_bytes, what)
            except RuntimeError as exc:
                # httpx's own "client has been closed" (a shared http_client closed elsewhere)
                if self.client.is_closed:
                    raise ClientClosedError() from exc
                raise
            except httpx.TransportError as exc:
                delay = attempts.after_exception(exc, request)
            else:
                if response.is_success:
                    return response
                response.close()
                delay = attempts.after_error_response(response)
            finally:
                DEADLINE.reset(token)
            self.sleep(delay)

    def request(self, spec: RequestSpec) -> httpx.Response:
        """Send, retrying as the policy allows; the returned response is read and successful."""
        return self._send(spec, stream=False)

    def request_json(self, spec: RequestSpec) -> Any:
        """The answer's JSON body as sent (``None`` when empty); the layers above read it by its
        operation's kind (``_answers``)."""
        return decode_json(self.request(spec), spec.operation)

    @contextlib.contextmanager
    def stream(self, spec: RequestSpec) -> Iterator[httpx.Response]:
        """An open, successful response whose body is not read yet; closed on exit."""
        response = self._send(spec, stream=True)
        try:
            yield response
        finally:
            response.close()


class AsyncTransport(_BaseTransport):
    """Native-coroutine transport (no threads): aiohttp by default, else one pooled ``httpx.AsyncClient``.

    Its I/O is one of: an :class:`~synth_pools._aiohttp.AiohttpSender` (the default), an
    ``httpx.AsyncClient`` it makes (``"httpx"``, or a caller's ``httpx.AsyncBaseTransport``), or
    the caller's own ``http_client``. :meth:`share` hands that same I/O to a copy with other
    options, so a client, its ``with_options`` copies and ``AsyncSynthClient``'s two API clients
    send on one pool.
    """

    def __init__(
        self,
        config: ClientConfig,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | AsyncTransportKind = "aiohttp",
    ) -> None:
        super().__init__(config)
        if not isinstance(transport, httpx.AsyncBaseTransport) and transport not in ("aiohttp", "httpx"):
            raise ValueError(f"async_transport must be 'aiohttp' or 'httpx', not {transport!r}")
        self._client = http_client
        #: whether aclose() closes the I/O (a shared copy's does not)
        self._owns_io = http_client is None
        #: the client was made here, with auth and User-Agent as its default headers
        self._client_has_headers = http_client is None
        self._transport_choice = transport
        self._sender: AiohttpSender | None = None
        self._closed = False
        import asyncio  # here, not at the top: a sync-only program never loads asyncio (P5)

        self.sleep: Callable[[float], Any] = asyncio.sleep

    def share(self, config: ClientConfig) -> AsyncTransport:
        """A transport with ``config``'s defaults on this one's sender or client, which it does not
        own: closing it leaves the pool open (``with_options``, ``AsyncSynthClient``)."""
        copy = AsyncTransport(config, http_client=self._client, transport=self._transport_choice)
        sender = self._native()  # made now if not yet, so the two cannot each make their own
        if sender is None:
            copy._client = self.client
        copy._sender = sender
        copy._owns_io = False
        copy._client_has_headers = self._client_has_headers
        return copy

    def _native(self) -> AiohttpSender | None:
        """The aiohttp sender, when this transport sends on aiohttp itself (the default)."""
        if self._sender is None:
            if self._closed:
                raise ClientClosedError()
            if self._client is not None or self._transport_choice != "aiohttp":
                return None
            from ._aiohttp import AiohttpSender  # aiohttp costs ~0.15 s to import: not before use

            self._sender = AiohttpSender(self.config.base_url, DEFAULT_LIMITS)
        return self._sender

    @property
    def client(self) -> httpx.AsyncClient:
        """The httpx client this transport sends on (not used on the default aiohttp path)."""
        if self._client is None:
            if self._closed:
                raise ClientClosedError()
            choice = self._transport_choice
            if choice == "aiohttp":  # a second pool beside the sender is what this must never make
                raise RuntimeError("this transport sends on aiohttp (its sender); it has no httpx client")
            self._client = httpx.AsyncClient(
                base_url=self.config.base_url,
                headers=self._base_headers,  # as defaults, not per request (see SyncTransport)
                limits=DEFAULT_LIMITS,
                # "httpx": httpx's own pooled transport
                transport=choice if isinstance(choice, httpx.AsyncBaseTransport) else None,
                verify=DeferredTrustContext(),
                timeout=httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout),
            )
        return self._client

    async def aclose(self) -> None:
        self._closed = True
        client, self._client = self._client, None
        sender, self._sender = self._sender, None
        if not self._owns_io:
            return
        if client is not None:
            await client.aclose()
        if sender is not None:
            await sender.aclose()

    async def _exchange(
        self,
        sender: AiohttpSender | None,
        kwargs: dict[str, Any],
        *,
        stream: bool,
        deadline: float,
        what: str,
    ) -> httpx.Response:
        """One attempt, on either I/O, over by ``deadline`` (headers, and the body unless
        streamed); a transport error leaves with its ``request`` set, for the typed error."""
        import asyncio

        limit = self.config.max_response_bytes
        request: httpx.Request | None = None
        try:
            async with asyncio.timeout(deadline - time.monotonic()):
                if sender is not None:
                    return await sender.send(kwargs, stream=stream, limit=limit, what=what)
                request = self.client.build_request(**kwargs)
                response = await self.client.send(request, stream=True)
                if not stream or not response.is_success:
                    await aread_capped(response, limit, what)
                return response
        except httpx.TransportError as exc:
            if request is not None:  # the aiohttp sender's errors carry theirs
                exc.request = request
            raise
        except TimeoutError as exc:  # the deadline (both I/Os' own timeouts are TransportErrors)
            if request is None:
                request = httpx.Request(kwargs["method"], kwargs["url"])
            raise httpx.ReadTimeout("the call's deadline passed", request=request) from exc

    async def _send(self, spec: RequestSpec, *, stream: bool) -> httpx.Response:
        sender = self._native()
        base_url = sender.base_url if sender is not None else self.client.base_url
        # the aiohttp session has no default headers; a client we made has ours
        base_headers = sender is not None or not self._client_has_headers
        kwargs = self.build_kwargs(spec, stream=stream, base_url=base_url, base_headers=base_headers)
        attempts = self.attempts(spec, kwargs)
        what = _what(spec)
        while True:
            try:
                response = await self._exchange(
                    sender, kwargs, stream=stream, deadline=attempts.deadline(), what=what
                )
            except RuntimeError as exc:
                # aiohttp's "Session is closed", httpx's "client has been closed" (a shared
                # http_client closed elsewhere)
                if sender.is_closed if sender is not None else self.client.is_closed:
                    raise ClientClosedError() from exc
                raise
            except httpx.TransportError as exc:
                # exc's request: set by httpx, by the aiohttp sender's error mapping or _exchange
                delay = attempts.after_exception(exc, exc._request)
            else:
                if response.is_success:
                    return response
                await response.aclose()
                delay = attempts.after_error_response(response)
            await self.sleep(delay)

    async def request(self, spec: RequestSpec) -> httpx.Response:
        return await self._send(spec, stream=False)

    async def request_json(self, spec: RequestSpec) -> Any:
        return decode_json(await self.request(spec), spec.operation)

    @contextlib.asynccontextmanager
    async def stream(self, spec: RequestSpec) -> AsyncIterator[httpx.Response]:
        response = await self._send(spec, stream=True)
        try:
            yield response
        finally:
            await response.aclose()
