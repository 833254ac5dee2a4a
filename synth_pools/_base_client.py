"""Base classes of the public clients: the resolved config and one pooled transport.

A public client (environment pools, container pools) subclasses :class:`BaseSyncClient` /
:class:`BaseAsyncClient`. A client is itself a resource (``_resource``): its own methods and its
namespaces' are each one answer primitive applied to one request from the package's
``_requests``; the namespaces share the client's transport.

Both are context managers; ``close()`` / ``aclose()`` release the pooled connections. ``repr``
never shows the API key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx

from ._config import ClientConfig, client_options, resolve_config, with_defaults, with_response_cap
from ._generic import generic_request
from ._resource import AsyncResource, SyncResource
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

    def _capped(self, max_response_bytes: int | None) -> ClientConfig:
        """This client's config with the answer-size cap given (``None`` keeps this one's)."""
        return with_response_cap(self._config, max_response_bytes)

    def _options(self, timeout: float | None, max_retries: int | None) -> dict[str, Any]:
        """Constructor arguments of a copy of this client with other defaults (only the
        environment-pools clients take an API version)."""
        config = with_defaults(self._config, timeout, max_retries)
        return client_options(config, api_version=self._env_pools_prefix)


class BaseSyncClient(_ConfigMixin, SyncResource):
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
        SyncResource.__init__(self, SyncTransport(self._config, http_client=http_client, transport=transport))

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """This client with other defaults for some calls, on the same connection pool:
        ``client.with_options(max_retries=0).rollouts.get(rid)``. Closing it leaves the pool open.
        ``max_response_bytes`` caps an answer's decompressed size (default 256 MiB)."""
        clone = type(self)(http_client=self._transport.client, **self._options(timeout, max_retries))
        clone._config = clone._transport.config = dataclasses.replace(
            clone._config, max_response_bytes=self._capped(max_response_bytes).max_response_bytes
        )
        return clone

    def call(
        self,
        operation: str,
        /,
        *args: str,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Any route of the service, retried and error-mapped like every call (``_generic``).

        ``call("get_deployment", pool_id, task_id, params={"project_id": "p"})`` by the spec's
        operationId (path parameters in order; the answer read as that operation's), or
        ``call("POST", "/v1/pools/p1/pause")`` by method and path (the answer as sent). ``body`` is
        the JSON body; an empty answer (204) is ``None``.
        """
        spec = generic_request(
            operation,
            args,
            body=body,
            params=params,
            timeout=timeout,
            max_retries=max_retries,
            idempotency_key=idempotency_key,
        )
        return self._transport.request_json(spec)

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class BaseAsyncClient(_ConfigMixin, AsyncResource):
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
        AsyncResource.__init__(
            self, AsyncTransport(self._config, http_client=http_client, transport=async_transport)
        )

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """Async twin of :meth:`BaseSyncClient.with_options`."""
        clone = type(self)(http_client=self._transport.client, **self._options(timeout, max_retries))
        clone._config = clone._transport.config = dataclasses.replace(
            clone._config, max_response_bytes=self._capped(max_response_bytes).max_response_bytes
        )
        return clone

    async def call(
        self,
        operation: str,
        /,
        *args: str,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the HTTP timeout, as on every method
        max_retries: int | None = None,
        idempotency_key: str | None = None,
    ) -> Any:
        """Async twin of :meth:`BaseSyncClient.call`: any route, retried and error-mapped.

        ``call("get_deployment", pool_id, task_id, params={"project_id": "p"})`` by the spec's
        operationId (path parameters in order; the answer read as that operation's), or
        ``call("POST", "/v1/pools/p1/pause")`` by method and path (the answer as sent). ``body`` is
        the JSON body; an empty answer (204) is ``None``.
        """
        spec = generic_request(
            operation,
            args,
            body=body,
            params=params,
            timeout=timeout,
            max_retries=max_retries,
            idempotency_key=idempotency_key,
        )
        return await self._transport.request_json(spec)

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
