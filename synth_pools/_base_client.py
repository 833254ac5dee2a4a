# Written by scripts/unasync.py from _async_base_client.py: edit that file, then run `make unasync`.
"""Base class of the public clients: the resolved config and one pooled transport.

A public client (environment pools, container pools) subclasses :class:`BaseSyncClient` (and
its sync twin ``BaseSyncClient``). A client is itself a resource (``_resource``): its own methods
and its namespaces' are each one answer primitive applied to one request; the namespaces share the
client's transport, opened by :meth:`BaseSyncClient._open_namespaces`.

Both are context managers; ``close()`` / ``close()`` release the pooled connections. ``repr``
never shows the API key. The async module is the source: ``scripts/unasync.py`` writes
``_base_client.py`` from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx

from ._config import ClientConfig, resolve_config, with_defaults, with_response_cap
from ._errors import SynthPoolsValidationError
from ._generic import generic_request
from ._resource import SyncResource
from ._transport import SyncTransport

__all__ = ["BaseSyncClient"]


def _one_base(backend_base: str | None, base_url: str | None) -> str | None:
    if backend_base is not None and base_url is not None and backend_base != base_url:
        raise SynthPoolsValidationError(
            "base_url", "given together with a different backend_base", "pass only one of them"
        )
    return backend_base if backend_base is not None else base_url


class BaseSyncClient(SyncResource):
    """Holds one pooled :class:`SyncTransport`; subclasses add the API's methods and namespaces."""

    _config: ClientConfig
    #: whether ``api_version`` / ``ENV_POOLS_API_VERSION`` may switch to the internal prefix (the
    #: environment-pools clients, the only ones that take ``api_version``)
    _env_pools_prefix = False

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        api_version: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        skip_plan_check: bool | None = None,
    ) -> None:
        # the environment-pools clients' and SynthClient's signature (the container-pools one has
        # its own): base_url is Synth's own scripts' name for backend_base; skip_plan_check is
        # accepted for code written for the 0.9 clients (whose constructor checked the plan and
        # refused real accounts, so every working program passed True) and ignored: a client
        # never checks the plan on its own; check_plan() asks
        del skip_plan_check
        config = resolve_config(
            api_key=api_key,
            backend_base=_one_base(backend_base, base_url),
            api_version=api_version,
            timeout=timeout,
            max_retries=max_retries,
            env_pools_prefix=self._env_pools_prefix,
        )
        self._start(SyncTransport(config, http_client=http_client, transport=transport))

    @classmethod
    def _over(cls, transport: SyncTransport) -> Self:
        """A client on ``transport`` (its config included), as the constructor would make it."""
        client = cls.__new__(cls)
        client._start(transport)
        return client

    def _start(self, transport: SyncTransport) -> None:
        self._config = transport.config
        SyncResource.__init__(self, transport)
        self._open_namespaces()

    def _open_namespaces(self) -> None:
        """Subclasses make their namespaces here, on ``self._transport``."""

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

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

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
        config = with_response_cap(with_defaults(self._config, timeout, max_retries), max_response_bytes)
        return self._over(self._transport.share(config))

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
        return self._answer(spec)

    def close(self) -> None:
        self._transport.close()
