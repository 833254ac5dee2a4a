"""Environment Pools: run coding agents in managed sandboxes, stream their events, collect
artifacts, rewards and usage (the reference document, with ``synth_pools`` in place of
``synth_ai.sdk.environment_pools``).

- ``_client`` / ``_async_client``: EnvironmentPoolsClient and its async twin, with namespaces
- ``_handle``: RolloutHandle / AsyncRolloutHandle
- ``_functions``: the module-level functions, on shared pooled clients
- ``_requests``: every request, built and validated once for sync and async
- ``_plan``: the ``/api/v1/me`` plan check
"""

from __future__ import annotations

from .._errors import PlanGatingError, RolloutWaitTimeout
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
from ._client import EnvironmentPoolsClient
from ._functions import *  # noqa: F403 - the document's function list, kept in one place
from ._functions import __all__ as _function_names
from ._handle import AsyncRolloutHandle, RolloutHandle

__all__ = [
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "AsyncEnvironmentPoolsClient",
    "AsyncRolloutHandle",
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
