"""The reference document's module-level functions, with exactly its arguments and defaults.

They share one pooled :class:`EnvironmentPoolsClient` per (backend base, API key, API prefix)
instead of opening a connection per call (the public implementation's 20 ms per call); the
shared clients are closed at interpreter exit, or by :func:`close_shared_clients`.

The module is cheap to import (``import synth_pools`` does, for the names it exports): the client
is imported when the first shared client is made.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .._config import resolve_config

if TYPE_CHECKING:
    from ..types import PoolTaskInstance, RolloutRequestV1
    from ._client import EnvironmentPoolsClient

__all__ = [
    "cancel_rollout",
    "close_shared_clients",
    "create_pool",
    "create_pool_task",
    "create_rollout",
    "create_rollouts_batch",
    "delete_credential",
    "delete_pool",
    "delete_pool_task",
    "download_artifacts_zip",
    "fetch_artifact",
    "get_capabilities",
    "get_openapi_schema",
    "get_pool",
    "get_pool_metrics",
    "get_pool_urls",
    "get_queue_status",
    "get_rollout",
    "get_rollout_summary",
    "get_rollout_support_bundle",
    "get_rollout_usage",
    "get_schema_json",
    "list_credentials",
    "list_pool_tasks",
    "list_pools",
    "list_rollout_artifacts",
    "list_rollouts",
    "replay_rollout",
    "rotate_credential",
    "store_credential",
    "stream_rollout_events",
    "update_pool",
    "update_pool_task",
    "validate_rollout",
]

_lock = threading.Lock()
_shared: dict[tuple[str, str, str], EnvironmentPoolsClient] = {}


def _client(backend_base: str | None, api_key: str | None) -> EnvironmentPoolsClient:
    from ._client import EnvironmentPoolsClient

    config = resolve_config(api_key=api_key, backend_base=backend_base, env_pools_prefix=True)
    key = (config.base_url, config.api_key, config.api_prefix)
    with _lock:
        client = _shared.get(key)
        if client is None:
            client = _shared[key] = EnvironmentPoolsClient(
                api_key=config.api_key, backend_base=config.base_url, api_version=config.api_version
            )
        return client


def close_shared_clients() -> None:
    """Close the pooled clients the module-level functions use (they reopen on next use)."""
    with _lock:
        clients = list(_shared.values())
        _shared.clear()
    for client in clients:
        client.close()


atexit.register(close_shared_clients)


# ------------------------------------------------------------------ rollouts


def create_rollout(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    request: dict[str, Any] | RolloutRequestV1,
    idempotency_key: str | None = None,
    dry_run: bool | None = None,
    timeout: float = 120.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.create_raw(
        request, idempotency_key=idempotency_key, dry_run=dry_run, timeout=timeout
    )


def validate_rollout(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    request: dict[str, Any] | RolloutRequestV1,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.validate(request, timeout=timeout)


def create_rollouts_batch(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    requests: Sequence[dict[str, Any] | RolloutRequestV1],
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float = 120.0,
) -> list[dict[str, Any]]:
    """The admitted rollouts as dicts; ``.not_admitted`` on the answer lists the requests the
    service did not admit (a batch over the concurrency cap is admitted in part)."""
    from ._admission import BatchAdmission

    handles = _client(backend_base, api_key).rollouts.create_batch(
        requests, metadata=metadata, idempotency_key=idempotency_key, timeout=timeout
    )
    return BatchAdmission([h.data for h in handles], handles.not_admitted, handles.indexes)


def get_rollout(
    rollout_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.get(rollout_id, timeout=timeout)


def list_rollouts(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    status: str | None = None,
    state: str | None = None,
    pool_id: str | None = None,
    dataset: str | None = None,
    task_id: str | None = None,
    created_after: str | None = None,
    created_before: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.list(
        status=status,
        state=state,
        pool_id=pool_id,
        dataset=dataset,
        task_id=task_id,
        created_after=created_after,
        created_before=created_before,
        cursor=cursor,
        limit=limit,
        timeout=timeout,
    )


def cancel_rollout(
    rollout_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.cancel(rollout_id, timeout=timeout)


def replay_rollout(
    rollout_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    overrides: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float = 120.0,
) -> dict[str, Any]:
    handle = _client(backend_base, api_key).rollouts.replay(
        rollout_id, overrides=overrides, metadata=metadata, idempotency_key=idempotency_key, timeout=timeout
    )
    return handle.data


def stream_rollout_events(
    rollout_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    cursor: str | None = None,
    since: str | None = None,
    limit: int | None = None,
    auto_reconnect: bool = False,
    max_retries: int = 5,
    backoff_base: float = 1.0,
    backoff_max: float = 30.0,
) -> Iterator[dict[str, Any]]:
    return _client(backend_base, api_key).rollouts.events(
        rollout_id,
        cursor=cursor,
        since=since,
        limit=limit,
        auto_reconnect=auto_reconnect,
        max_retries=max_retries,
        backoff_base=backoff_base,
        backoff_max=backoff_max,
    )


def get_rollout_usage(
    rollout_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.usage(rollout_id, timeout=timeout)


def get_rollout_summary(
    rollout_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.summary(rollout_id, timeout=timeout)


def get_rollout_support_bundle(
    rollout_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.support_bundle(rollout_id, timeout=timeout)


def list_rollout_artifacts(
    rollout_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    prefix: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).rollouts.artifacts(
        rollout_id, prefix=prefix, cursor=cursor, limit=limit, timeout=timeout
    )


def fetch_artifact(
    rollout_id: str,
    artifact_path: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 60.0,
) -> bytes:
    data: bytes = _client(backend_base, api_key).rollouts.fetch_artifact(
        rollout_id, artifact_path, timeout=timeout
    )
    return data


def download_artifacts_zip(
    rollout_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 120.0,
    prefix: str | None = None,
    limit: int | None = None,
) -> bytes:
    """The rollout's artifacts as zip bytes; ``prefix`` and ``limit`` narrow them, as the service's
    route reads them (Synth's scripts pass ``limit=``)."""
    client = _client(backend_base, api_key)
    data: bytes = client.rollouts.download_zip(rollout_id, prefix=prefix, limit=limit, timeout=timeout)
    return data


# ------------------------------------------------------------------ pools and tasks


def create_pool(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    request: dict[str, Any],
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.create(request, timeout=timeout)


def list_pools(
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    pool_type: str | None = None,
    tag: str | None = None,
    timeout: float = 30.0,
) -> list[dict[str, Any]]:
    return _client(backend_base, api_key).pools.list(pool_type=pool_type, tag=tag, timeout=timeout)


def get_pool(
    pool_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.get(pool_id, timeout=timeout)


def update_pool(
    pool_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    request: dict[str, Any],
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.update(pool_id, request, timeout=timeout)


def delete_pool(
    pool_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> None:
    _client(backend_base, api_key).pools.delete(pool_id, timeout=timeout)


def get_pool_metrics(
    pool_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.metrics(pool_id, timeout=timeout)


def get_pool_urls(
    pool_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.urls(pool_id, timeout=timeout)


def create_pool_task(
    pool_id: str,
    *,
    request: dict[str, Any] | PoolTaskInstance,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.tasks.create(pool_id, request, timeout=timeout)


def list_pool_tasks(
    pool_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> list[dict[str, Any]]:
    return _client(backend_base, api_key).pools.tasks.list(pool_id, timeout=timeout)


def update_pool_task(
    pool_id: str,
    task_id: str,
    *,
    request: dict[str, Any] | PoolTaskInstance,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).pools.tasks.update(pool_id, task_id, request, timeout=timeout)


def delete_pool_task(
    pool_id: str,
    task_id: str,
    *,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
) -> None:
    _client(backend_base, api_key).pools.tasks.delete(pool_id, task_id, timeout=timeout)


# ------------------------------------------------------------------ credentials and service


def store_credential(
    *,
    credential_name: str,
    credential_type: str,
    credential_value: str | dict[str, Any],
    metadata: dict[str, Any] | None = None,
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).credentials.store(
        credential_name=credential_name,
        credential_type=credential_type,
        credential_value=credential_value,
        metadata=metadata,
        timeout=timeout,
    )


def list_credentials(
    *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> list[dict[str, Any]]:
    return _client(backend_base, api_key).credentials.list(timeout=timeout)


def rotate_credential(
    credential_id: str,
    *,
    new_value: str | dict[str, Any],
    backend_base: str | None = None,
    api_key: str | None = None,
    timeout: float = 30.0,
) -> dict[str, Any]:
    return _client(backend_base, api_key).credentials.rotate(
        credential_id, new_value=new_value, timeout=timeout
    )


def delete_credential(
    credential_id: str, *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> None:
    _client(backend_base, api_key).credentials.delete(credential_id, timeout=timeout)


def get_capabilities(
    *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    """Returns supported agents, models, and backends."""
    return _client(backend_base, api_key).capabilities.get(timeout=timeout)


def get_openapi_schema(
    *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).capabilities.openapi_schema(timeout=timeout)


def get_schema_json(
    *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).capabilities.schema_json(timeout=timeout)


def get_queue_status(
    *, backend_base: str | None = None, api_key: str | None = None, timeout: float = 30.0
) -> dict[str, Any]:
    return _client(backend_base, api_key).capabilities.queue_status(timeout=timeout)
