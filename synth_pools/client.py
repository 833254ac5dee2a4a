"""``SynthClient`` / ``AsyncSynthClient``: one entry point holding both API clients.

``SynthClient().pools`` is a :class:`ContainerPoolsClient` and ``.environment_pools`` an
:class:`EnvironmentPoolsClient`. The configuration is resolved once, here, and both clients send
through ONE pooled ``httpx`` client: the core transport builds it (limits, timeouts, base URL)
and each API client gets it as its ``http_client``, so neither owns it and closing one API
client cannot cut the other's connections. ``close()`` (or the context manager) releases it.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self

import httpx

from ._config import ClientConfig, resolve_config
from ._transport import AsyncTransport, AsyncTransportKind, SyncTransport
from .pools import AsyncContainerPoolsClient, ContainerPoolsClient

if TYPE_CHECKING:
    from .environment_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

__all__ = ["AsyncSynthClient", "SynthClient"]


def _resolve(
    api_key: str | None,
    backend_base: str | None,
    api_version: str | None,
    timeout: float | None,
    max_retries: int | None,
) -> ClientConfig:
    # resolved once so both API clients see the same key, base, timeout and retry budget even
    # if the environment changes between their constructions
    return resolve_config(
        api_key=api_key,
        backend_base=backend_base,
        api_version=api_version,
        timeout=timeout,
        max_retries=max_retries,
    )


class SynthClient:
    """Both Synth APIs on one connection pool.

    Args:
        api_key: defaults to ``SYNTH_API_KEY``.
        backend_base: defaults to ``SYNTH_BACKEND_URL`` or production.
        api_version: environment-pools API version (``ENV_POOLS_API_VERSION``); container pools
            always speak ``/v1``.
        timeout, max_retries: defaults of every call of both clients.
        transport: an ``httpx.BaseTransport`` for the shared client (tests, proxies).
    """

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        config = _resolve(api_key, backend_base, api_version, timeout, max_retries)
        self._config = config
        # the core transport owns the one pooled httpx.Client; the API clients borrow it
        self._shared = SyncTransport(config, transport=transport)
        shared_client = self._shared.client
        self.pools = ContainerPoolsClient(
            config.api_key,
            config.base_url,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=shared_client,
        )
        from .environment_pools import EnvironmentPoolsClient

        self.environment_pools: EnvironmentPoolsClient = EnvironmentPoolsClient(
            config.api_key,
            config.base_url,
            config.api_version,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=shared_client,
        )

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def __repr__(self) -> str:
        return f"SynthClient(base_url={self._config.base_url!r}, api_key='***')"

    def close(self) -> None:
        """Release the shared connection pool (both API clients)."""
        self._shared.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncSynthClient:
    """Async twin of :class:`SynthClient`: native coroutines on one ``httpx.AsyncClient``
    (aiohttp transport by default, ``async_transport="httpx"`` for httpx's own)."""

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        async_transport: AsyncTransportKind | httpx.AsyncBaseTransport = "aiohttp",
    ) -> None:
        config = _resolve(api_key, backend_base, api_version, timeout, max_retries)
        self._config = config
        self._shared = AsyncTransport(config, transport=async_transport)
        shared_client = self._shared.client
        self.pools = AsyncContainerPoolsClient(
            config.api_key,
            config.base_url,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=shared_client,
        )
        from .environment_pools import AsyncEnvironmentPoolsClient

        self.environment_pools: AsyncEnvironmentPoolsClient = AsyncEnvironmentPoolsClient(
            config.api_key,
            config.base_url,
            config.api_version,
            timeout=config.timeout,
            max_retries=config.max_retries,
            http_client=shared_client,
        )

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def __repr__(self) -> str:
        return f"AsyncSynthClient(base_url={self._config.base_url!r}, api_key='***')"

    async def aclose(self) -> None:
        """Release the shared connection pool (both API clients)."""
        await self._shared.aclose()

    async def close(self) -> None:
        await self.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
