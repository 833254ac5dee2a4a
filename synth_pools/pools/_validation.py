"""Local checks on container rollout requests and bodies.

The service accepts a closed set of keys on a container rollout request; a typo such as
``polcy`` would otherwise travel to the backend and come back as a 422 (or be silently
ignored by an older backend), so every rollout-creating entry point checks it here first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import SynthPoolsValidationError

CANONICAL_ROLLOUT_REQUEST_KEYS: frozenset[str] = frozenset({
    "context_overrides", "env", "inference_url", "instance_id", "limits", "messages", "metadata",
    "mode", "ops", "params", "policy", "policy_config", "pool_id", "record", "safety", "seed",
    "task_id", "trace_correlation_id", "override_bundle_id", "task_contract",
})  # fmt: skip


class InvalidRolloutRequestError(SynthPoolsValidationError):
    """A container rollout request that cannot be sent as given.

    A ``ValueError`` (the reference document promises one) and a ``SynthPoolsError`` like every
    error of the SDK; ``invalid_keys`` lists the offending keys (empty when the request is not
    a dict).
    """

    def __init__(self, problem: str, fix: str, *, invalid_keys: tuple[str, ...] = ()) -> None:
        super().__init__("request", problem, fix)
        self.invalid_keys = invalid_keys


def validate_pool_rollout_request(request: dict[str, Any], *, context: str | None = None) -> None:
    """Reject rollout payloads with non-canonical keys.

    Raises ``InvalidRolloutRequestError`` (a ``ValueError``) naming every bad key and the
    allowed set, or saying what type was given when ``request`` is not a dict. ``context``
    names the calling entry point in the message (for example ``create_rollout``).
    """
    where = f" (in {context})" if context else ""
    if not isinstance(request, Mapping):
        raise InvalidRolloutRequestError(
            f"must be a dict of canonical rollout keys, got {type(request).__name__}{where}",
            "pass a dict such as {'task_id': ..., 'seed': ...}",
        )
    bad = tuple(sorted(str(key) for key in request if key not in CANONICAL_ROLLOUT_REQUEST_KEYS))
    if bad:
        raise InvalidRolloutRequestError(
            f"has non-canonical key(s) {', '.join(repr(k) for k in bad)}{where}",
            f"remove or rename them; allowed keys: {', '.join(sorted(CANONICAL_ROLLOUT_REQUEST_KEYS))}",
            invalid_keys=bad,
        )


def json_body(value: object, name: str = "request") -> Mapping[str, Any]:
    """A request body: a dict of JSON fields, or raise naming it."""
    if not isinstance(value, Mapping):
        raise SynthPoolsValidationError(
            name, f"expected a dict, got {type(value).__name__}", f"pass {name} as a dict of JSON fields"
        )
    return value


def rollout_body(value: object, context: str) -> Mapping[str, Any]:
    """A container rollout request checked for unknown keys (``validate_pool_rollout_request``)."""
    validate_pool_rollout_request(value, context=context)  # type: ignore[arg-type]
    return json_body(value)
