"""``SynthClient`` / ``AsyncSynthClient``: one entry point holding both API clients.

``SynthClient().pools`` is a :class:`ContainerPoolsClient` and ``.environment_pools`` an
:class:`EnvironmentPoolsClient`. The configuration is resolved once, here, and both clients send
through ONE pooled ``httpx`` client: the core transport builds it (limits, timeouts, base URL)
and each API client gets it as its ``http_client``, so neither owns it and closing one API
client cannot cut the other's connections. ``close()`` (or the context manager) releases it.
``with_options(timeout=, max_retries=)`` gives both API clients other defaults on that same pool.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import attrs
import httpx

from ._config import ClientConfig, resolve_config
from ._transport import AsyncTransport, AsyncTransportKind, SyncTransport
from .pools import AsyncContainerPoolsClient, ContainerPoolsClient

if TYPE_CHECKING:
    from .environment_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

__all__ = ["AsyncSynthClient", "SynthClient"]


def _evolve(config: ClientConfig, timeout: float | None, max_retries: int | None) -> ClientConfig:
    # checked as the constructor checks them (a negative value is a clear ValueError)
    checked = resolve_config(
        api_key=config.api_key,
        backend_base=config.base_url,
        timeout=config.timeout if timeout is None else timeout,
        max_retries=config.max_retries if max_retries is None else max_retries,
    )
    return attrs.evolve(config, timeout=checked.timeout, max_retries=checked.max_retries)


def _pools_options(config: ClientConfig) -> dict[str, Any]:
    return {
        "api_key": config.api_key,
        "backend_base": config.base_url,
        "timeout": config.timeout,
        "max_retries": config.max_retries,
    }


def _env_pools_options(config: ClientConfig) -> dict[str, Any]:
    return {**_pools_options(config), "api_version": config.api_version}


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
        # resolved once so both API clients see the same key, base, timeout and retry budget
        config = resolve_config(
            api_key=api_key,
            backend_base=backend_base,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
        )
        # the core transport owns the one pooled httpx.Client; the API clients borrow it
        self._owned: SyncTransport | None = SyncTransport(config, transport=transport)
        self._attach(config, self._owned.client)

    def _attach(self, config: ClientConfig, shared: httpx.Client) -> None:
        from .environment_pools import EnvironmentPoolsClient

        self._config = config
        self._shared = shared
        self.pools = ContainerPoolsClient(http_client=shared, **_pools_options(config))
        self.environment_pools: EnvironmentPoolsClient = EnvironmentPoolsClient(
            http_client=shared, **_env_pools_options(config)
        )

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> Self:
        """Both API clients with other defaults for some calls, on the same connection pool:
        ``synth.with_options(max_retries=0).pools.get_pool(pid)``. Closing it leaves the pool open."""
        copy = object.__new__(type(self))
        copy._owned = None
        copy._attach(_evolve(self._config, timeout, max_retries), self._shared)
        return copy

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def __repr__(self) -> str:
        return f"SynthClient(base_url={self._config.base_url!r}, api_key='***')"

    def close(self) -> None:
        """Release the shared connection pool (both API clients); a ``with_options`` copy leaves it open."""
        if self._owned is not None:
            self._owned.close()

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
        config = resolve_config(
            api_key=api_key,
            backend_base=backend_base,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
        )
        self._owned: AsyncTransport | None = AsyncTransport(config, transport=async_transport)
        self._attach(config, self._owned.client)

    def _attach(self, config: ClientConfig, shared: httpx.AsyncClient) -> None:
        from .environment_pools import AsyncEnvironmentPoolsClient

        self._config = config
        self._shared = shared
        self.pools = AsyncContainerPoolsClient(http_client=shared, **_pools_options(config))
        self.environment_pools: AsyncEnvironmentPoolsClient = AsyncEnvironmentPoolsClient(
            http_client=shared, **_env_pools_options(config)
        )

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> Self:
        """Async twin of :meth:`SynthClient.with_options`."""
        copy = object.__new__(type(self))
        copy._owned = None
        copy._attach(_evolve(self._config, timeout, max_retries), self._shared)
        return copy

    @property
    def base_url(self) -> str:
        return self._config.base_url

    def __repr__(self) -> str:
        return f"AsyncSynthClient(base_url={self._config.base_url!r}, api_key='***')"

    async def aclose(self) -> None:
        """Release the shared connection pool (both API clients); a ``with_options`` copy leaves it open."""
        if self._owned is not None:
            await self._owned.aclose()

    async def close(self) -> None:
        await self.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
