"""The default async transport: httpx over aiohttp (httpx-aiohttp), with its errors set right.

httpx-aiohttp 0.2 reports nearly every aiohttp failure as ``httpx.ConnectTimeout``: a refused
connection, a server that hung up mid-response, a reset, a read timeout. The SDK would then say
"timed out" for a refused port, and treat a response lost after the request was sent as if the
request had never left (the case that decides whether a POST may be repeated). This wrapper
turns each back into the httpx error it is, from the aiohttp exception it was raised from.

Imported only when an async client first sends (aiohttp costs ~0.15 s to import).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

__all__ = ["CorrectedAiohttpTransport"]


def _actual(exc: httpx.ConnectTimeout, request: httpx.Request) -> httpx.TransportError:
    cause = exc.__cause__
    message = str(cause) or type(cause).__name__
    if isinstance(cause, aiohttp.ClientConnectorError):  # refused, DNS, TLS: nothing was sent
        return httpx.ConnectError(message, request=request)
    if isinstance(cause, aiohttp.ConnectionTimeoutError):
        return exc
    if isinstance(cause, aiohttp.ServerTimeoutError):  # sock_read: the request may have arrived
        return httpx.ReadTimeout(message, request=request)
    if isinstance(cause, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError(message, request=request)
    if isinstance(cause, aiohttp.ClientConnectionError):  # reset or another OS error mid-exchange
        return httpx.ReadError(message, request=request)
    return exc


class _CorrectedStream(httpx.AsyncByteStream):
    def __init__(self, inner: Any, request: httpx.Request) -> None:
        self._inner = inner
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except httpx.ConnectTimeout as exc:
            raise _actual(exc, self._request) from exc.__cause__

    async def aclose(self) -> None:
        await self._inner.aclose()


class CorrectedAiohttpTransport(AiohttpTransport):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except httpx.ConnectTimeout as exc:
            raise _actual(exc, request) from exc.__cause__
        response.stream = _CorrectedStream(response.stream, request)
        return response
