"""Python SDK for Synth's Environment Pools and Container Pools API.

Errors are imported eagerly (they are tiny); the clients, types and module-level functions load
on first use, so ``import synth_pools`` costs little more than ``import httpx`` and never imports
aiohttp.

Where things live: ``_config`` (key, base, prefix), ``_transport`` (pooled clients, retries,
idempotency), ``_errors`` (hierarchy + the one mapping function), ``_operations`` (binding to
``generated/``), ``_sse`` (event streams), ``_pages`` (page walking), ``_downloads`` (streamed
downloads), ``_base_client`` (what every public client is built on), ``types`` (public attrs
types), ``environment_pools`` (EnvironmentPoolsClient and friends), ``pools`` (container pools).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    InsufficientCreditsError,
    InternalServerError,
    MissingAPIKeyError,
    NotFoundError,
    NotSupportedLocallyError,
    PageShapeError,
    PayloadTooLargeError,
    PermissionDeniedError,
    PlanGatingError,
    PoolFailedError,
    PoolNotActiveError,
    PoolWaitTimeout,
    RangeNotSatisfiableError,
    RateLimitError,
    RedirectError,
    ResponseTooLargeError,
    RolloutWaitTimeout,
    StreamError,
    SynthPoolsError,
    SynthPoolsValidationError,
    UnprocessableEntityError,
)
from ._version import __version__

# public name -> module that defines it; resolved on first attribute access (PEP 562)
_ENV_POOLS_FUNCTIONS = (
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
)

_LAZY: dict[str, str] = {
    "EnvironmentPoolsClient": "synth_pools.environment_pools",
    "AsyncEnvironmentPoolsClient": "synth_pools.environment_pools",
    "RolloutHandle": "synth_pools.environment_pools",
    "AsyncRolloutHandle": "synth_pools.environment_pools",
    "BatchAdmission": "synth_pools.environment_pools",
    "AgentSpec": "synth_pools.types",
    "PoolTask": "synth_pools.types",
    "PoolTaskInstance": "synth_pools.types",
    "RolloutRequestV1": "synth_pools.types",
    "PoolConfigV1": "synth_pools.types",
    "EventEnvelope": "synth_pools.types",
    "ArtifactManifest": "synth_pools.types",
    "ArtifactEntry": "synth_pools.types",
    "UsageSnapshot": "synth_pools.types",
    "TaskRef": "synth_pools.types",
    "TimeoutSpec": "synth_pools.types",
    "EnvironmentSpec": "synth_pools.types",
    "HARNESSES": "synth_pools.types",
    "POOL_STATUSES": "synth_pools.types",
    "PoolStatus": "synth_pools.types",
    # rollout statuses: every terminal one, and those that mean success (older and newest words)
    "TERMINAL_STATUSES": "synth_pools._statuses",
    "SUCCESS_STATUSES": "synth_pools._statuses",
    # the container-pools document (synth_ai.sdk.pools)
    "ContainerPoolsClient": "synth_pools.pools",
    "AsyncContainerPoolsClient": "synth_pools.pools",
    "PoolTarget": "synth_pools.pools",
    "validate_pool_rollout_request": "synth_pools.pools",
    "InvalidRolloutRequestError": "synth_pools.pools",
    "CANONICAL_ROLLOUT_REQUEST_KEYS": "synth_pools.pools",
    "PoolsClient": "synth_pools.pools",
    "SynthClient": "synth_pools.client",
    "AsyncSynthClient": "synth_pools.client",
}
# the environment-pools document's module-level functions: `from synth_pools import create_rollout`
_LAZY.update(dict.fromkeys(_ENV_POOLS_FUNCTIONS, "synth_pools.environment_pools"))

if TYPE_CHECKING:
    from ._statuses import SUCCESS_STATUSES, TERMINAL_STATUSES
    from .client import AsyncSynthClient, SynthClient
    from .environment_pools import (
        AsyncEnvironmentPoolsClient,
        AsyncRolloutHandle,
        BatchAdmission,
        EnvironmentPoolsClient,
        RolloutHandle,
    )
    from .environment_pools._functions import *  # noqa: F403 - the names of _ENV_POOLS_FUNCTIONS
    from .pools import (
        CANONICAL_ROLLOUT_REQUEST_KEYS,
        AsyncContainerPoolsClient,
        ContainerPoolsClient,
        InvalidRolloutRequestError,
        PoolsClient,
        PoolTarget,
        validate_pool_rollout_request,
    )
    from .types import (
        HARNESSES,
        POOL_STATUSES,
        AgentSpec,
        ArtifactEntry,
        ArtifactManifest,
        EnvironmentSpec,
        EventEnvelope,
        PoolConfigV1,
        PoolStatus,
        PoolTask,
        PoolTaskInstance,
        RolloutRequestV1,
        TaskRef,
        TimeoutSpec,
        UsageSnapshot,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'synth_pools' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "CANONICAL_ROLLOUT_REQUEST_KEYS",
    "HARNESSES",
    "POOL_STATUSES",
    "SUCCESS_STATUSES",
    "TERMINAL_STATUSES",
    "InsufficientCreditsError",
    "NotSupportedLocallyError",
    "PoolFailedError",
    "PoolNotActiveError",
    "PoolStatus",
    "PoolWaitTimeout",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "AsyncContainerPoolsClient",
    "AsyncEnvironmentPoolsClient",
    "AsyncRolloutHandle",
    "AsyncSynthClient",
    "AuthenticationError",
    "BadRequestError",
    "BatchAdmission",
    "ClientClosedError",
    "ConflictError",
    "ContainerPoolsClient",
    "EnvironmentPoolsClient",
    "EnvironmentSpec",
    "EventEnvelope",
    "InternalServerError",
    "InvalidRolloutRequestError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PageShapeError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PlanGatingError",
    "PoolConfigV1",
    "PoolTarget",
    "PoolTask",
    "PoolTaskInstance",
    "PoolsClient",
    "RangeNotSatisfiableError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "RolloutHandle",
    "RolloutRequestV1",
    "RolloutWaitTimeout",
    "StreamError",
    "SynthClient",
    "SynthPoolsError",
    "SynthPoolsValidationError",
    "TaskRef",
    "TimeoutSpec",
    "UnprocessableEntityError",
    "UsageSnapshot",
    "__version__",
    "validate_pool_rollout_request",
    *_ENV_POOLS_FUNCTIONS,
]
