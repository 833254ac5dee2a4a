"""Environment Pools: run coding agents in managed sandboxes, stream their events, collect
artifacts, rewards and usage (the reference document, with ``synth_pools`` in place of
``synth_ai.sdk.environment_pools``).

- ``_client`` / ``_async_client``: EnvironmentPoolsClient and its async twin, with namespaces
- ``_async_handle`` / ``_handle``: AsyncRolloutHandle and its sync twin
- ``_functions``: the module-level functions, on shared pooled clients
- ``_admission``: a batch create's two bodies and what it admitted
- ``_plan``: the ``/api/v1/me`` plan check

Importing the package costs little (``import synth_pools`` does it): the functions are loaded at
once (they load their client on first call), everything else on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import PlanGatingError, RolloutWaitTimeout
from .._lazy import lazy_names
from ._functions import *  # noqa: F403 - the document's function list, kept in one place
from ._functions import __all__ as _function_names

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
    from ._admission import BatchAdmission
    from ._async_client import AsyncEnvironmentPoolsClient
    from ._async_handle import AsyncRolloutHandle
    from ._client import EnvironmentPoolsClient
    from ._handle import RolloutHandle

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

# the module of each class; every other name of __all__ not loaded above is a public type
_CLASS_HOMES = {
    "AsyncEnvironmentPoolsClient": f"{__name__}._async_client",
    "AsyncRolloutHandle": f"{__name__}._async_handle",
    "BatchAdmission": f"{__name__}._admission",
    "EnvironmentPoolsClient": f"{__name__}._client",
    "RolloutHandle": f"{__name__}._handle",
}
__getattr__, __dir__ = lazy_names(
    __name__,
    {name: _CLASS_HOMES.get(name, "synth_pools.types") for name in __all__ if name not in globals()},
)
