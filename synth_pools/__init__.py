"""Python SDK for Synth's Environment Pools and Container Pools API.

Errors and the module-level functions are imported eagerly (they are small; a function loads its
client on first call); the clients and types load on first use, so ``import synth_pools`` costs
little more than ``import httpx`` and never imports aiohttp.

Where things live: ``_config`` (key, base, prefix), ``_transport`` (pooled clients, retries,
idempotency), ``_errors`` (hierarchy + the one mapping function), ``_operations`` (binding to
``generated/``), ``_sse`` (event streams), ``_pages`` (page walking), ``_downloads`` (streamed
downloads), ``_base_client`` (what every public client is built on), ``types`` (public attrs
types), ``environment_pools`` (EnvironmentPoolsClient and friends), ``pools`` (container pools).
"""

# F405: __all__ names the environment-pools package's names, which the type checker sees through its
# star import (that package's own __all__ lists them; at run time they load on first use)
# ruff: noqa: F405

from __future__ import annotations

from typing import TYPE_CHECKING

from . import environment_pools  # cheap: its clients and types load on first use
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
from ._lazy import lazy_names
from ._version import __version__
from .environment_pools._functions import *  # noqa: F403 - the document's module-level functions
from .environment_pools._functions import __all__ as _ENV_POOLS_FUNCTIONS

if TYPE_CHECKING:
    from ._statuses import SUCCESS_STATUSES, TERMINAL_STATUSES
    from .client import AsyncSynthClient, SynthClient
    from .environment_pools import *  # noqa: F403 - the environment-pools document's names
    from .pools import (
        CANONICAL_ROLLOUT_REQUEST_KEYS,
        AsyncContainerPoolsClient,
        ContainerPoolsClient,
        InvalidRolloutRequestError,
        PoolsClient,
        PoolTarget,
        validate_pool_rollout_request,
    )
    from .types import HARNESSES, POOL_STATUSES, PoolStatus

# the environment-pools document's names that are not loaded above (its errors and functions are)
_ENV_POOLS_NAMES = [name for name in environment_pools.__all__ if name not in globals()]

# public name -> the module that defines it; imported on first attribute access (PEP 562)
__getattr__, __dir__ = lazy_names(
    __name__,
    {
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
        **dict.fromkeys(_ENV_POOLS_NAMES, "synth_pools.environment_pools"),
    },
)


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
