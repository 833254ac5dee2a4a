"""The default async I/O: aiohttp, with every failure reported as the httpx error it is.

:class:`AiohttpSender`, imported only when an async client first sends (aiohttp costs ~0.15 s to
import), sends a call's already-built request (``_BaseTransport.build_kwargs``: URL, headers, JSON
body, timeout) on one pooled ``aiohttp.ClientSession`` and answers an ``httpx.Response``, so error
mapping, retries, SSE and downloads downstream are the same code as with httpx. It skips httpx's
per-request layer (``build_request``'s URL parses and header merge, the auth/redirect/cookie steps
of ``send``), which profiling showed costs more than aiohttp itself per call: 1,000 concurrent calls
against a 50 ms service took ~1.7x bare aiohttp through an httpx-over-aiohttp adapter (benchmarks
P2L). A client, its ``with_options`` copies and ``AsyncSynthClient`` share one sender
(``AsyncTransport.share``).

Each aiohttp exception becomes the httpx error it is (:func:`httpx_error`): a refused connection is
a ``ConnectError``, not a timeout, and a response lost after the request was sent is a read error,
not a connect error (the case that decides whether a POST may be repeated).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiohttp
import httpx
from yarl import URL

from ._body import aread_capped

__all__ = ["AiohttpSender", "httpx_error"]


def httpx_error(cause: BaseException, request: httpx.Request) -> httpx.TransportError | None:
    """The httpx error an aiohttp exception stands for, or None when it is not a network error."""
    message = str(cause) or type(cause).__name__
    if isinstance(cause, aiohttp.ClientConnectorError):  # refused, DNS, TLS: nothing was sent
        return httpx.ConnectError(message, request=request)
    if isinstance(cause, aiohttp.ConnectionTimeoutError):  # connect or pool wait: nothing was sent
        return httpx.ConnectTimeout(message, request=request)
    if isinstance(cause, aiohttp.ServerTimeoutError):  # sock_read: the request may have arrived
        return httpx.ReadTimeout(message, request=request)
    if isinstance(cause, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(cause, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol(message, request=request)
    if isinstance(cause, aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
        return httpx.ReadError(message, request=request)  # reset, OS error or cut body mid-exchange
    return None


class _Response(httpx.Response):
    """An ``httpx.Response`` whose ``request`` is built only when something reads it.

    Building an ``httpx.Request`` parses the URL and copies the headers; a successful call never
    looks at it, an error message or a typed error does.
    """

    _call: tuple[str, str, Mapping[str, str]]

    @property
    def request(self) -> httpx.Request:
        if self._request is None:
            method, url, headers = self._call
            self._request = httpx.Request(method, url, headers=headers)
        return self._request

    @request.setter
    def request(self, value: httpx.Request) -> None:
        self._request = value


class _Body(httpx.AsyncByteStream):
    """An aiohttp response body as an httpx stream; closing it returns the connection."""

    def __init__(self, response: aiohttp.ClientResponse, call: tuple[str, str, Mapping[str, str]]) -> None:
        self._response = response
        self._call = call

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.content.iter_any():
                yield chunk
        except (aiohttp.ClientError, TimeoutError) as exc:
            mapped = _mapped(exc, self._call)
            if mapped is None:
                raise
            raise mapped from exc

    async def aclose(self) -> None:
        self._response.release()


def _mapped(exc: BaseException, call: tuple[str, str, Mapping[str, str]]) -> httpx.TransportError | None:
    method, url, headers = call
    return httpx_error(exc, httpx.Request(method, url, headers=headers))


class AiohttpSender:
    """Sends ``build_kwargs`` requests on one ``aiohttp.ClientSession``, opened on first use.

    The session is opened inside the running event loop (aiohttp binds it to that loop), with the
    same connection limit and keep-alive expiry as the httpx pool, httpx's CA bundle, no cookie
    jar (the API sets none), no redirects and no automatic decompression (``httpx.Response``
    decodes, as it does for the httpx path).
    """

    def __init__(self, base_url: str, limits: httpx.Limits) -> None:
        # the same base URL (trailing "/" enforced) that an httpx.AsyncClient would hold
        self._builder = httpx.AsyncClient(base_url=base_url)
        self.base_url = self._builder.base_url
        self._limits = limits
        self._session: aiohttp.ClientSession | None = None
        self._closed = False
        self._timeouts: dict[tuple[float | None, float | None, float | None], aiohttp.ClientTimeout] = {}

    def _open(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None:
            if self._closed:
                raise RuntimeError("Session is closed")
            connector = aiohttp.TCPConnector(
                limit=self._limits.max_connections or 0,
                keepalive_timeout=self._limits.keepalive_expiry or 15.0,
                ssl=httpx.create_ssl_context(),
            )
            session = aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar())
            self._session = session
        return session

    def _timeout(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        key = (timeout.connect, timeout.read, timeout.pool)
        found = self._timeouts.get(key)
        if found is None:
            # as httpx-aiohttp maps them: connect per socket, read per chunk, pool wait as connect
            found = aiohttp.ClientTimeout(sock_connect=key[0], sock_read=key[1], connect=key[2])
            self._timeouts[key] = found
        return found

    def _prepare(self, kwargs: Mapping[str, Any]) -> tuple[str, str, dict[str, str], bytes | None]:
        """(method, absolute URL, headers, body) exactly as httpx would send them."""
        method: str = kwargs["method"]
        url: str = kwargs["url"]
        params = kwargs.get("params")
        headers: dict[str, str] = kwargs["headers"]
        if url.startswith(("http://", "https://")) and "?" not in url:
            if params:
                url = f"{url}?{httpx.QueryParams(params)}"
            return method, url, headers, kwargs.get("content")
        # a path httpx must join itself (see _BaseTransport.absolute_url): let it build the request
        request = self._builder.build_request(**kwargs)
        return method, str(request.url), dict(request.headers), request.content or None

    async def send(
        self, kwargs: Mapping[str, Any], *, stream: bool, limit: int, what: str = "the call"
    ) -> httpx.Response:
        """One exchange: the headers, and the body unless ``stream`` (a successful one), read and
        decoded by the one capped reader (``_body.aread_capped``: past ``limit`` decoded bytes,
        :class:`ResponseTooLargeError`). The caller's cancel scope is the call's deadline."""
        method, url, headers, body = self._prepare(kwargs)
        call = (method, url, headers)
        try:
            response = await self._open().request(
                method,
                URL(url, encoded=True),  # already percent-encoded: sent as is, like httpx
                headers=headers,
                data=body,
                allow_redirects=False,
                auto_decompress=False,  # decoded by the capped reader, which stops a bomb early
                timeout=self._timeout(kwargs["timeout"]),
            )
        except aiohttp.ClientError as exc:
            mapped = _mapped(exc, call)
            if mapped is None:
                raise
            raise mapped from exc
        out = _Response(
            response.status,
            headers=response.raw_headers,
            stream=_Body(response, call),
            extensions={"http_version": b"HTTP/1.1", "reason_phrase": (response.reason or "").encode()},
        )
        out._call = call
        if not (stream and 200 <= response.status < 300):
            await aread_capped(out, limit, what)
        return out

    @property
    def is_closed(self) -> bool:
        return self._closed or (self._session is not None and self._session.closed)

    async def aclose(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()
        await self._builder.aclose()
