"""Environment Pools: run coding agents in managed sandboxes, stream their events, collect
artifacts, rewards and usage (the reference document, with ``synth_pools`` in place of
``synth_ai.sdk.environment_pools``).

- ``_client`` / ``_async_client``: EnvironmentPoolsClient and its async twin, with namespaces
- ``_async_handle`` / ``_handle``: AsyncRolloutHandle and its sync twin
- ``_functions``: the module-level functions, on shared pooled clients
- ``_admission``: a batch create's two bodies and what it admitted
- ``_plan``: the ``/api/v1/me`` plan check
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .._errors import PlanGatingError, RolloutWaitTimeout
from ._admission import BatchAdmission
from ._async_handle import AsyncRolloutHandle
from ._client import EnvironmentPoolsClient
from ._functions import *  # noqa: F403 - the document's function list, kept in one place
from ._functions import __all__ as _function_names
from ._handle import RolloutHandle

if TYPE_CHECKING:
    from ..types import (
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
    from ._async_client import AsyncEnvironmentPoolsClient

# Loaded on first use (PEP 562), so a sync program that only makes calls never pays for the async
# client or the attrs classes of the public types (P5).
_PUBLIC_TYPES = [
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "EnvironmentSpec",
    "EventEnvelope",
    "PoolConfigV1",
    "PoolTask",
    "PoolTaskInstance",
    "RolloutRequestV1",
    "TaskRef",
    "TimeoutSpec",
    "UsageSnapshot",
]
_LAZY = {
    "AsyncEnvironmentPoolsClient": "synth_pools.environment_pools._async_client",
    **dict.fromkeys(_PUBLIC_TYPES, "synth_pools.types"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "AsyncEnvironmentPoolsClient",
    "AsyncRolloutHandle",
    "BatchAdmission",
    "EnvironmentPoolsClient",
    "EnvironmentSpec",
    "EventEnvelope",
    "PlanGatingError",
    "PoolConfigV1",
    "PoolTask",
    "PoolTaskInstance",
    "RolloutHandle",
    "RolloutRequestV1",
    "RolloutWaitTimeout",
    "TaskRef",
    "TimeoutSpec",
    "UsageSnapshot",
    *_function_names,
]
