"""httpx's sync connection pool, its every socket operation ending by the running call's deadline.

Imported when a sync client first sends (``_transport.SyncTransport.client``), with httpcore:
httpx imports httpcore only to build a transport, so ``from synth_pools import
EnvironmentPoolsClient`` does not load it (P5).
"""

from __future__ import annotations

from typing import Any

import httpcore
import httpx

from ._deadline import bounded
from ._tls import DeferredTrustContext

__all__ = ["DeadlineBackend", "DeadlineStream", "deadline_transport"]


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the running call's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync network backend, its connections bounded by the running call's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, bounded(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, bounded(timeout, httpcore.ConnectTimeout), socket_options
        )
        return DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """httpx's own pooled transport, on a network backend that keeps each call's deadline.

    httpx takes no network backend, so it is set on the pool httpx made (``_network_backend``, the
    attribute httpcore's pool builds each connection from); tests/core/test_deadlines.py fails if
    an httpx or httpcore release moves it.
    """
    transport = httpx.HTTPTransport(verify=DeferredTrustContext(), limits=limits)
    pool = transport._pool
    pool._network_backend = DeadlineBackend(pool._network_backend)
    return transport
