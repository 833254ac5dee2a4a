# Written by scripts/unasync.py from _async_synth_client.py: edit that file, then run `make unasync`.
"""The entry point holding both API clients (``SynthClient`` and its async twin); see
``synth_pools.client``. The async module is the source: ``scripts/unasync.py`` writes the sync one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Self

import httpx

from ._base_client import Closable
from ._config import PUBLIC_PREFIX, resolve_config, with_defaults, with_response_cap
from ._errors import SynthPoolsValidationError
from ._transport import SyncTransport
from .pools import ContainerPoolsClient

if TYPE_CHECKING:
    from .environment_pools import EnvironmentPoolsClient

__all__ = ["SynthClient"]


def _one_base(backend_base: str | None, base_url: str | None) -> str | None:
    if backend_base is not None and base_url is not None and backend_base != base_url:
        raise SynthPoolsValidationError(
            "base_url", "given together with a different backend_base", "pass only one of them"
        )
    return backend_base if backend_base is not None else base_url


class SynthClient(Closable):
    """Both Synth APIs on one connection pool.

    Args:
        api_key: defaults to ``SYNTH_API_KEY``.
        backend_base: defaults to ``SYNTH_BACKEND_URL`` or production.
        api_version: environment-pools API version (``ENV_POOLS_API_VERSION``); container pools
            always speak ``/v1``.
        timeout, max_retries: defaults of every call of both clients.
        base_url: another name for ``backend_base`` (Synth's own scripts write
            ``SynthClient(base_url=...)``); give one or the other.
        transport: an ``httpx.BaseTransport`` for the client (tests, proxies).
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
        self._owned: SyncTransport | None = SyncTransport(config, transport=transport)
        self._attach(self._owned)

    def _attach(self, transport: SyncTransport) -> None:
        from .environment_pools import EnvironmentPoolsClient

        self._transport = transport
        pools_config = dataclasses.replace(transport.config, api_prefix=PUBLIC_PREFIX)
        self.pools = ContainerPoolsClient._over(transport.share(pools_config))
        self.environment_pools: EnvironmentPoolsClient = EnvironmentPoolsClient._over(
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

    def close(self) -> None:
        """Release the shared connection pool (both API clients); a ``with_options`` copy leaves it open."""
        if self._owned is not None:
            self._owned.close()
