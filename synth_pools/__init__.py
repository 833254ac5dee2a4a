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
    ConflictError,
    InternalServerError,
    MissingAPIKeyError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    PlanGatingError,
    RangeNotSatisfiableError,
    RateLimitError,
    RolloutWaitTimeout,
    StreamError,
    SynthPoolsError,
    SynthPoolsValidationError,
    UnprocessableEntityError,
)

__version__ = "0.1.0"

# public name -> module that defines it; resolved on first attribute access (PEP 562)
_LAZY: dict[str, str] = {
    "EnvironmentPoolsClient": "synth_pools.environment_pools",
    "AsyncEnvironmentPoolsClient": "synth_pools.environment_pools",
    "RolloutHandle": "synth_pools.environment_pools",
    "AsyncRolloutHandle": "synth_pools.environment_pools",
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
}

if TYPE_CHECKING:
    from .environment_pools import (
        AsyncEnvironmentPoolsClient,
        AsyncRolloutHandle,
        EnvironmentPoolsClient,
        RolloutHandle,
    )
    from .types import (
        AgentSpec,
        ArtifactEntry,
        ArtifactManifest,
        EnvironmentSpec,
        EventEnvelope,
        PoolConfigV1,
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
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "AsyncEnvironmentPoolsClient",
    "AsyncRolloutHandle",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "EnvironmentPoolsClient",
    "EnvironmentSpec",
    "EventEnvelope",
    "InternalServerError",
    "MissingAPIKeyError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "PlanGatingError",
    "PoolConfigV1",
    "PoolTask",
    "PoolTaskInstance",
    "RangeNotSatisfiableError",
    "RateLimitError",
    "RolloutHandle",
    "RolloutRequestV1",
    "RolloutWaitTimeout",
    "StreamError",
    "SynthPoolsError",
    "SynthPoolsValidationError",
    "TaskRef",
    "TimeoutSpec",
    "UnprocessableEntityError",
    "UsageSnapshot",
    "__version__",
]
