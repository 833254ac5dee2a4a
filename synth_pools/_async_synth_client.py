"""The entry point holding both API clients (``SynthClient`` and its async twin); see
``synth_pools.client``. The async module is the source: ``scripts/unasync.py`` writes the sync one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ._async_base_client import BaseAsyncClient
from ._config import PUBLIC_PREFIX
from .pools import AsyncContainerPoolsClient

if TYPE_CHECKING:
    from .environment_pools import AsyncEnvironmentPoolsClient

__all__ = ["AsyncSynthClient"]


class AsyncSynthClient(BaseAsyncClient):
    """Both Synth APIs on one connection pool: ``.pools`` (container pools) and
    ``.environment_pools``. It takes the environment-pools client's arguments:

    Args:
        api_key: defaults to ``SYNTH_API_KEY``.
        backend_base: defaults to ``SYNTH_BACKEND_URL`` or production.
        api_version: environment-pools API version (``ENV_POOLS_API_VERSION``); container pools
            always speak ``/v1``.
        base_url: another name for ``backend_base`` (Synth's own scripts write
            ``SynthClient(base_url=...)``); give one or the other.
        timeout, max_retries: defaults of every call of both clients.
        http_client: an ``httpx.AsyncClient`` of yours for both clients (you close it).
        async_transport: ``"aiohttp"`` (default), ``"httpx"``, or an ``httpx.AsyncBaseTransport``.

    ``with_options()`` gives both clients other defaults on the same pool; ``aclose()`` (or the
    ``async with`` block) releases it.
    """

    # the config is resolved once (the environment read once), so both API clients see the same
    # key, base, timeout and retry budget: the environment-pools config, which container pools
    # take with the public prefix (they always speak /v1)
    _env_pools_prefix = True

    pools: AsyncContainerPoolsClient
    environment_pools: AsyncEnvironmentPoolsClient

    def _open_namespaces(self) -> None:
        from .environment_pools import AsyncEnvironmentPoolsClient

        # the two API clients send on shares of this client's transport: one connection pool
        pools_config = dataclasses.replace(self._config, api_prefix=PUBLIC_PREFIX)
        self.pools = AsyncContainerPoolsClient._over(self._transport.share(pools_config))
        self.environment_pools = AsyncEnvironmentPoolsClient._over(self._transport.share(self._config))
