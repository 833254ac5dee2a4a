# Written by scripts/unasync.py from _async_synth_client.py: edit that file, then run `make unasync`.
"""The entry point holding both API clients (``SynthClient`` and its async twin); see
``synth_pools.client``. The async module is the source: ``scripts/unasync.py`` writes the sync one.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ._base_client import BaseSyncClient
from ._config import PUBLIC_PREFIX
from .pools import ContainerPoolsClient

if TYPE_CHECKING:
    from .environment_pools import EnvironmentPoolsClient

__all__ = ["SynthClient"]


class SynthClient(BaseSyncClient):
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
        http_client: an ``httpx.Client`` of yours for both clients (you close it).
        transport: an ``httpx.BaseTransport`` for the client (tests, proxies).

    ``with_options()`` gives both clients other defaults on the same pool; ``close()`` (or the
    ``with`` block) releases it.
    """

    # the config is resolved once (the environment read once), so both API clients see the same
    # key, base, timeout and retry budget: the environment-pools config, which container pools
    # take with the public prefix (they always speak /v1)
    _env_pools_prefix = True

    pools: ContainerPoolsClient
    environment_pools: EnvironmentPoolsClient

    def _open_namespaces(self) -> None:
        from .environment_pools import EnvironmentPoolsClient

        # the two API clients send on shares of this client's transport: one connection pool
        pools_config = dataclasses.replace(self._config, api_prefix=PUBLIC_PREFIX)
        self.pools = ContainerPoolsClient._over(self._transport.share(pools_config))
        self.environment_pools = EnvironmentPoolsClient._over(self._transport.share(self._config))
