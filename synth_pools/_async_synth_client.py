"""The entry point holding both API clients (``SynthClient`` and its async twin); see
``synth_pools.client``. The async module is the source: ``scripts/unasync.py`` writes the sync one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Self

import httpx

from ._async_base_client import AsyncClosable
from ._config import PUBLIC_PREFIX, resolve_config, with_defaults, with_response_cap
from ._errors import SynthPoolsValidationError
from ._transport import AsyncTransport
from .pools import AsyncContainerPoolsClient

if TYPE_CHECKING:
    from ._transport import AsyncTransportKind  # async only
    from .environment_pools import AsyncEnvironmentPoolsClient

__all__ = ["AsyncSynthClient"]


def _one_base(backend_base: str | None, base_url: str | None) -> str | None:
    if backend_base is not None and base_url is not None and backend_base != base_url:
        raise SynthPoolsValidationError(
            "base_url", "given together with a different backend_base", "pass only one of them"
        )
    return backend_base if backend_base is not None else base_url


class AsyncSynthClient(AsyncClosable):
    """Both Synth APIs on one connection pool.

    Args:
        api_key: defaults to ``SYNTH_API_KEY``.
        backend_base: defaults to ``SYNTH_BACKEND_URL`` or production.
        api_version: environment-pools API version (``ENV_POOLS_API_VERSION``); container pools
            always speak ``/v1``.
        timeout, max_retries: defaults of every call of both clients.
        base_url: another name for ``backend_base`` (Synth's own scripts write
            ``SynthClient(base_url=...)``); give one or the other.
        async_transport: ``"aiohttp"`` (default), ``"httpx"``, or an ``httpx.AsyncBaseTransport``.
    """

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        async_transport: AsyncTransportKind | httpx.AsyncBaseTransport = "aiohttp",
        base_url: str | None = None,
    ) -> None:
        # resolved once (the environment read once), so both API clients see the same key, base,
        # timeout and retry budget: the environment-pools config, which container pools take
        # with the public prefix (they always speak /v1)
        config = resolve_config(
            api_key=api_key,
            backend_base=_one_base(backend_base, base_url),
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            env_pools_prefix=True,
        )
        # one transport owns the connection pool; the two API clients send on shares of it
        self._owned: AsyncTransport | None = AsyncTransport(config, transport=async_transport)
        self._attach(self._owned)

    def _attach(self, transport: AsyncTransport) -> None:
        from .environment_pools import AsyncEnvironmentPoolsClient

        self._transport = transport
        pools_config = dataclasses.replace(transport.config, api_prefix=PUBLIC_PREFIX)
        self.pools = AsyncContainerPoolsClient._over(transport.share(pools_config))
        self.environment_pools: AsyncEnvironmentPoolsClient = AsyncEnvironmentPoolsClient._over(
            transport.share(transport.config)
        )

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """Both API clients with other defaults for some calls, on the same connection pool:
        ``synth.with_options(max_retries=0).pools.get_pool(pid)``. Closing it leaves the pool open.
        ``max_response_bytes`` caps an answer's decompressed size, as the API clients' copies do."""
        config = with_response_cap(
            with_defaults(self._transport.config, timeout, max_retries), max_response_bytes
        )
        copy = object.__new__(type(self))
        copy._owned = None
        copy._attach(self._transport.share(config))
        return copy

    @property
    def base_url(self) -> str:
        return self._transport.config.base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._transport.config.base_url!r}, api_key='***')"

    async def aclose(self) -> None:
        """Release the shared connection pool (both API clients); a ``with_options`` copy leaves it open."""
        if self._owned is not None:
            await self._owned.aclose()
