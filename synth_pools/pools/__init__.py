"""Container pools: ``ContainerPoolsClient``, its async twin, request validation and ``PoolTarget``.

Access through ``SynthClient().pools`` or build a client directly. Nested namespaces:
``rollouts`` (pool-scoped), ``agent_rollouts`` (global), ``tasks``, ``metrics``, ``leases``.
"""

from __future__ import annotations

from enum import StrEnum

from ._async_client import AsyncContainerPoolsClient
from ._client import ContainerPoolsClient
from ._validation import (
    CANONICAL_ROLLOUT_REQUEST_KEYS,
    InvalidRolloutRequestError,
    validate_pool_rollout_request,
)

# The public module's other name for the client.
PoolsClient = ContainerPoolsClient


class PoolTarget(StrEnum):
    """Deployment target substrate for a pool (a ``str``: ``PoolTarget.HARBOR == "harbor"``)."""

    HARBOR = "harbor"
    OPENENV = "openenv"
    HORIZONS = "horizons"
    HORIZONS_PRIVATE = "horizons_private"
    ARBITRARY = "arbitrary"


__all__ = [
    "CANONICAL_ROLLOUT_REQUEST_KEYS",
    "AsyncContainerPoolsClient",
    "ContainerPoolsClient",
    "InvalidRolloutRequestError",
    "PoolTarget",
    "PoolsClient",
    "validate_pool_rollout_request",
]
