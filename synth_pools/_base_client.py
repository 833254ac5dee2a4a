"""Base classes of the public clients: config + transport + "call a generated operation".

A public client (environment pools, container pools) subclasses :class:`BaseSyncClient` /
:class:`BaseAsyncClient` and writes each method as one ``self._call(operation_id, *path_args, ...)``
line: the generated operation lays out the request (``_operations.bind``), the transport sends it
with retries, and the JSON body comes back decoded, or a mapped ``APIStatusError`` is raised.

Both are context managers; ``close()`` / ``aclose()`` release the pooled connections. ``repr``
never shows the API key.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

import httpx

from ._config import ClientConfig, resolve_config
from ._operations import bind
from ._transport import AsyncTransport, AsyncTransportKind, SyncTransport

__all__ = ["BaseAsyncClient", "BaseSyncClient"]


class _ConfigMixin:
    _config: ClientConfig
    #: whether ``api_version`` / ``ENV_POOLS_API_VERSION`` may switch to the internal prefix (the
    #: environment-pools clients, the only ones that take ``api_version``)
    _env_pools_prefix = False

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def api_prefix(self) -> str:
        return self._config.api_prefix

    @property
    def max_retries(self) -> int:
        return self._config.max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._config.base_url!r}, api_key='***')"

    def _options(self, timeout: float | None, max_retries: int | None) -> dict[str, Any]:
        """Constructor arguments of a copy of this client with other defaults."""
        options: dict[str, Any] = {
            "api_key": self._config.api_key,
            "backend_base": self._config.base_url,
            "timeout": self._config.timeout if timeout is None else timeout,
            "max_retries": self._config.max_retries if max_retries is None else max_retries,
        }
        if self._env_pools_prefix:  # only the environment-pools clients take an API version
            options["api_version"] = self._config.api_version
        return options


class BaseSyncClient(_ConfigMixin):
    """Holds one pooled :class:`SyncTransport`; subclasses add the API's methods."""

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._config = resolve_config(
            api_key=api_key,
            backend_base=backend_base,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            env_pools_prefix=self._env_pools_prefix,
        )
        self._transport = SyncTransport(self._config, http_client=http_client, transport=transport)

    def _call(self, operation_id: str, *path_args: str, **kwargs: Any) -> Any:
        """Send a generated operation and return its decoded JSON body."""
        return self._transport.request_json(bind(operation_id, *path_args, **kwargs))

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> Self:
        """This client with other defaults for some calls, on the same connection pool:
        ``client.with_options(max_retries=0).rollouts.get(rid)``. Closing it leaves the pool open."""
        return type(self)(http_client=self._transport.client, **self._options(timeout, max_retries))

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class BaseAsyncClient(_ConfigMixin):
    """Holds one pooled :class:`AsyncTransport` (aiohttp-backed unless ``async_transport="httpx"``)."""

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.AsyncClient | None = None,
        async_transport: AsyncTransportKind | httpx.AsyncBaseTransport = "aiohttp",
    ) -> None:
        self._config = resolve_config(
            api_key=api_key,
            backend_base=backend_base,
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            env_pools_prefix=self._env_pools_prefix,
        )
        self._transport = AsyncTransport(self._config, http_client=http_client, transport=async_transport)

    async def _call(self, operation_id: str, *path_args: str, **kwargs: Any) -> Any:
        return await self._transport.request_json(bind(operation_id, *path_args, **kwargs))

    def with_options(self, *, timeout: float | None = None, max_retries: int | None = None) -> Self:
        """Async twin of :meth:`BaseSyncClient.with_options`."""
        return type(self)(http_client=self._transport.client, **self._options(timeout, max_retries))

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def close(self) -> None:
        await self.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
