"""Container pools: ``ContainerPoolsClient``, its async twin, request validation and ``PoolTarget``.

Access through ``SynthClient().pools`` or build a client directly. Nested namespaces:
``rollouts`` (pool-scoped), ``agent_rollouts`` (global), ``tasks``, ``metrics``, ``leases``.
"""

from __future__ import annotations

from ._async_client import AsyncContainerPoolsClient
from ._client import ContainerPoolsClient
from ._validation import (
    CANONICAL_ROLLOUT_REQUEST_KEYS,
    InvalidRolloutRequestError,
    PoolTarget,
    validate_pool_rollout_request,
)

# The public module's other name for the client.
PoolsClient = ContainerPoolsClient

__all__ = [
    "CANONICAL_ROLLOUT_REQUEST_KEYS",
    "AsyncContainerPoolsClient",
    "ContainerPoolsClient",
    "InvalidRolloutRequestError",
    "PoolTarget",
    "PoolsClient",
    "validate_pool_rollout_request",
]
