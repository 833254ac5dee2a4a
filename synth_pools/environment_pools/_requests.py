"""Every environment-pools request, built once for the sync and async clients alike.

Each function validates its input locally (``synth_pools.types``) and returns a
:class:`RequestSpec` bound by its operationId to one generated operation (``_operations.bind``);
the clients only send it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._errors import SynthPoolsValidationError, UnprocessableEntityError
from .._generic import route
from .._operations import bind
from .._sse import EventRoute
from .._transport import RequestSpec

if TYPE_CHECKING:  # the public types (attrs classes) load on a builder's first use, not on import (P5)
    from ..types import PoolConfigV1, PoolTaskInstance, RolloutRequestV1

    RolloutRequestLike = Mapping[str, Any] | RolloutRequestV1
    PoolTaskLike = Mapping[str, Any] | PoolTaskInstance
    PoolConfigLike = Mapping[str, Any] | PoolConfigV1
DateLike = str | dt.datetime | None


def rollout_request_to_dict(request: RolloutRequestLike) -> dict[str, Any]:
    from ..types import rollout_request_to_dict

    return rollout_request_to_dict(request)


def rollout_requests_to_dicts(requests: Sequence[RolloutRequestLike]) -> list[dict[str, Any]]:
    """Every request of a list validated and in its wire form; a bad one is named by its place
    (``requests[3].agent.harness``)."""
    if isinstance(requests, str | bytes | Mapping) or not isinstance(requests, Sequence):
        raise SynthPoolsValidationError(
            "requests", "expected a list of rollout requests", "pass a list of dicts or RolloutRequestV1"
        )
    items = []
    for i, request in enumerate(requests):
        try:
            items.append(rollout_request_to_dict(request))
        except SynthPoolsValidationError as exc:
            raise SynthPoolsValidationError(f"requests[{i}].{exc.field}", exc.problem, exc.fix) from None
    return items


def pool_config_to_dict(request: PoolConfigLike, *, partial: bool = False) -> dict[str, Any]:
    from ..types import pool_config_to_dict

    return pool_config_to_dict(request, partial=partial)


def pool_task_to_dict(request: PoolTaskLike, *, partial: bool = False) -> dict[str, Any]:
    from ..types import pool_task_to_dict

    return pool_task_to_dict(request, partial=partial)


def _id(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SynthPoolsValidationError(
            name, f"{value!r} is not a non-empty string", f"pass the {name} as a string"
        )
    return value


def _date(name: str, value: DateLike) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise SynthPoolsValidationError(
            name, f"{value!r} is not an ISO-8601 timestamp", "pass a datetime or e.g. '2025-01-31T12:00:00Z'"
        ) from None


# ------------------------------------------------------------------ rollouts


def create(
    request: RolloutRequestLike,
    *,
    idempotency_key: str | None = None,
    dry_run: bool | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    body = rollout_request_to_dict(request)
    return bind(
        "create_rollout", body=body, dry_run=dry_run, idempotency_key=idempotency_key, timeout=timeout
    )


def validate(request: RolloutRequestLike, *, timeout: float | None = None) -> RequestSpec:
    return bind("validate_rollout", body=rollout_request_to_dict(request), timeout=timeout)


MAX_BATCH = 500  # the spec's maxItems for BatchRolloutRequest.requests (the service's cap is not published)


class BatchSpecs:
    """A batch create in both bodies: ``current`` is the service's ``{"pool_id", "rollouts": [...]}``,
    ``older`` the ``{"requests": [...]}`` that older services and our spec read. ``sent`` holds the
    validated requests, in order, to tell what was admitted."""

    def __init__(
        self,
        sent: list[dict[str, Any]],
        metadata: Mapping[str, Any] | None,
        idempotency_key: str | None,
        timeout: float | None,
    ) -> None:
        self.sent = sent
        current: dict[str, Any] = {"rollouts": sent}
        pools = {item.get("pool_id") for item in sent}
        if len(pools) == 1 and None not in pools:  # one pool: named once, as the service reads it
            current = {"pool_id": pools.pop(), **current}
        older: dict[str, Any] = {"requests": sent}
        if metadata is not None:
            current["metadata"] = older["metadata"] = dict(metadata)
        self.current = bind(
            "create_rollouts_batch", body=current, idempotency_key=idempotency_key, timeout=timeout
        )
        # its own key: a server that remembers keys must not answer the first body's refusal
        older_key = None if idempotency_key is None else f"{idempotency_key}:requests"
        self.older = bind("create_rollouts_batch", body=older, idempotency_key=older_key, timeout=timeout)

    @staticmethod
    def older_body_wanted(error: UnprocessableEntityError) -> bool:
        """Whether a 422 refuses the body's shape (wants ``requests``, or no ``rollouts``/``pool_id``
        at the top) rather than what is in it."""
        return any(field in ("requests", "rollouts", "pool_id") for field in error.fields)


def create_batch_specs(
    requests: Sequence[RolloutRequestLike],
    *,
    metadata: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float | None = None,
) -> BatchSpecs:
    items = rollout_requests_to_dicts(requests)
    if not items:
        raise SynthPoolsValidationError(
            "requests",
            "expected a non-empty list of rollout requests",
            "pass a list of dicts or RolloutRequestV1",
        )
    if len(items) > MAX_BATCH:
        raise SynthPoolsValidationError(
            "requests",
            f"{len(items):,} requests; one batch takes at most {MAX_BATCH}",
            f"send them in batches of up to {MAX_BATCH} (each its own create_batch call)",
        )
    return BatchSpecs(items, metadata, idempotency_key, timeout)


def get(rollout_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_rollout", _id("rollout_id", rollout_id), timeout=timeout)


def list_(
    *,
    status: str | None = None,
    state: str | None = None,
    pool_id: str | None = None,
    dataset: str | None = None,
    task_id: str | None = None,
    created_after: DateLike = None,
    created_before: DateLike = None,
    cursor: str | None = None,
    limit: int | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    return bind(
        "list_rollouts",
        status=status,
        state=state,
        pool_id=pool_id,
        dataset=dataset,
        task_id=task_id,
        created_after=_date("created_after", created_after),
        created_before=_date("created_before", created_before),
        cursor=cursor,
        limit=limit,
        timeout=timeout,
    )


def summary(rollout_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_rollout_summary", _id("rollout_id", rollout_id), timeout=timeout)


def usage(rollout_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_rollout_usage", _id("rollout_id", rollout_id), timeout=timeout)


def support_bundle(rollout_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_rollout_support_bundle", _id("rollout_id", rollout_id), timeout=timeout)


def cancel(rollout_id: str, *, reason: str | None = None, timeout: float | None = None) -> RequestSpec:
    body = {"reason": reason} if reason is not None else {}
    return bind("cancel_rollout", _id("rollout_id", rollout_id), body=body, timeout=timeout)


def replay(
    rollout_id: str,
    *,
    overrides: Mapping[str, Any] | None = None,
    metadata: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    body: dict[str, Any] = {}
    if overrides is not None:
        body["overrides"] = dict(overrides)
    if metadata is not None:
        body["metadata"] = dict(metadata)
    return bind(
        "replay_rollout",
        _id("rollout_id", rollout_id),
        body=body,
        idempotency_key=idempotency_key,
        timeout=timeout,
    )


def events_route(rollout_id: str) -> EventRoute:
    """The events route of one rollout, for ``_sse``."""
    return EventRoute("stream_rollout_events", _id("rollout_id", rollout_id))


def artifacts(
    rollout_id: str,
    *,
    prefix: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    return bind(
        "list_rollout_artifacts",
        _id("rollout_id", rollout_id),
        prefix=prefix,
        cursor=cursor,
        limit=limit,
        timeout=timeout,
    )


def fetch_artifact(rollout_id: str, artifact_path: str, *, timeout: float | None = None) -> RequestSpec:
    path = _id("artifact_path", artifact_path).lstrip("/")
    return bind("fetch_rollout_artifact", _id("rollout_id", rollout_id), path, timeout=timeout)


def artifacts_zip(
    rollout_id: str, *, prefix: str | None = None, limit: int | None = None, timeout: float | None = None
) -> RequestSpec:
    return bind(
        "download_rollout_artifacts_zip",
        _id("rollout_id", rollout_id),
        prefix=prefix,
        limit=limit,
        timeout=timeout,
    )


# ------------------------------------------------------------------ pools and tasks


def pools_list(
    *,
    pool_type: str | None = None,
    tag: str | None = None,
    state: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    return bind(
        "list_pools", type_=pool_type, tag=tag, state=state, cursor=cursor, limit=limit, timeout=timeout
    )


def pools_get(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_pool", _id("pool_id", pool_id), timeout=timeout)


def pools_create(
    request: PoolConfigLike, *, idempotency_key: str | None = None, timeout: float | None = None
) -> RequestSpec:
    return bind(
        "create_pool", body=pool_config_to_dict(request), idempotency_key=idempotency_key, timeout=timeout
    )


def pools_update(pool_id: str, request: PoolConfigLike, *, timeout: float | None = None) -> RequestSpec:
    """A full config (with ``pool_type``) replaces the pool (PUT); a partial one patches it."""
    pid = _id("pool_id", pool_id)
    data = pool_config_to_dict(request, partial=True)
    if data.get("pool_type") is not None:
        data.setdefault("pool_id", pid)
        if data["pool_id"] != pid:
            raise SynthPoolsValidationError(
                "pool_id",
                f"request pool_id {data['pool_id']!r} differs from {pid!r}",
                "drop pool_id from request",
            )
        return bind("replace_pool", pid, body=pool_config_to_dict(data), timeout=timeout)
    data.pop("pool_id", None)
    return bind("update_pool", pid, body=data, timeout=timeout)


def pools_delete(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("delete_pool", _id("pool_id", pool_id), timeout=timeout)


def pools_metrics(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_pool_metrics", _id("pool_id", pool_id), timeout=timeout)


def pools_urls(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_pool_urls", _id("pool_id", pool_id), timeout=timeout)


def pools_pause(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    """A paused pool keeps queueing rollouts but starts none until it is resumed."""
    return route("pause_pool", "POST", "/v1/pools/{pool_id}/pause", _id("pool_id", pool_id), timeout=timeout)


def pools_resume(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return route(
        "resume_pool", "POST", "/v1/pools/{pool_id}/resume", _id("pool_id", pool_id), timeout=timeout
    )


def tasks_list(
    pool_id: str, *, cursor: str | None = None, limit: int | None = None, timeout: float | None = None
) -> RequestSpec:
    return bind("list_pool_tasks", _id("pool_id", pool_id), cursor=cursor, limit=limit, timeout=timeout)


def tasks_create(
    pool_id: str, request: PoolTaskLike, *, idempotency_key: str | None = None, timeout: float | None = None
) -> RequestSpec:
    return bind(
        "create_pool_task",
        _id("pool_id", pool_id),
        body=pool_task_to_dict(request),
        idempotency_key=idempotency_key,
        timeout=timeout,
    )


def tasks_update(
    pool_id: str, task_id: str, request: PoolTaskLike, *, timeout: float | None = None
) -> RequestSpec:
    """A full task (with ``backend``) replaces it (PUT); a partial one patches it."""
    pid, tid = _id("pool_id", pool_id), _id("task_id", task_id)
    data = pool_task_to_dict(request, partial=True)
    if data.get("backend") is not None:
        data.setdefault("task_id", tid)
        return bind("replace_pool_task", pid, tid, body=pool_task_to_dict(data), timeout=timeout)
    data.pop("task_id", None)
    return bind("patch_pool_task", pid, tid, body=data, timeout=timeout)


def tasks_delete(pool_id: str, task_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("delete_pool_task", _id("pool_id", pool_id), _id("task_id", task_id), timeout=timeout)


# ------------------------------------------------------------------ credentials, service, account


def _credential_value(value: Any, field: str) -> str:
    if isinstance(value, str):
        if not value:
            raise SynthPoolsValidationError(field, "empty", "pass the secret as a non-empty string or dict")
        return value
    if isinstance(value, Mapping):
        # the API stores strings; dict values travel JSON-encoded (as the public SDK does)
        return json.dumps(dict(value), separators=(",", ":"), sort_keys=True)
    raise SynthPoolsValidationError(
        field, f"a {type(value).__name__} is not a secret", "pass a string or a dict"
    )


#: the service's ``credential_type`` enum (design/real-service.md, CreateCredentialRequest)
CREDENTIAL_TYPES = (
    "API_KEY",
    "ENVIRONMENT_API_KEY",
    "HUGGINGFACE_API_KEY",
    "OAUTH_TOKEN",
    "BEARER_TOKEN",
    "AWS_CREDENTIALS",
    "DATABASE_CONNECTION",
    "LEARNING_JWT_KEY",
    "CLOUD_STORAGE",
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GOOGLE_API_KEY",
    "DOCKER_REGISTRY",
    "GITHUB_PAT",
    "OTHER",
)


def wire_credential_type(value: Any) -> str:
    """``value`` in the service's enum form: ``"api_key"``, ``"Api-Key"`` -> ``"API_KEY"``."""
    if isinstance(value, str):
        wire = value.strip().upper().replace("-", "_").replace(" ", "_")
        if wire in CREDENTIAL_TYPES:
            return wire
    raise SynthPoolsValidationError(
        "credential_type",
        f"{value!r} is not a credential type the service knows",
        f"use one of {', '.join(CREDENTIAL_TYPES)} (any case)",
    )


def credentials_store(
    *,
    credential_name: str,
    credential_type: str,
    credential_value: str | Mapping[str, Any],
    metadata: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    body: dict[str, Any] = {
        "credential_name": _id("credential_name", credential_name),
        "credential_type": wire_credential_type(credential_type),
        "credential_value": _credential_value(credential_value, "credential_value"),
    }
    if metadata is not None:
        body["metadata"] = dict(metadata)
    return bind("store_credential", body=body, idempotency_key=idempotency_key, timeout=timeout)


def credentials_list(
    *, cursor: str | None = None, limit: int | None = None, timeout: float | None = None
) -> RequestSpec:
    return bind("list_credentials", cursor=cursor, limit=limit, timeout=timeout)


def credentials_rotate(
    credential_id: str, *, new_value: str | Mapping[str, Any], timeout: float | None = None
) -> RequestSpec:
    body = {"credential_value": _credential_value(new_value, "new_value")}
    return bind("rotate_credential", _id("credential_id", credential_id), body=body, timeout=timeout)


def credentials_delete(credential_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("delete_credential", _id("credential_id", credential_id), timeout=timeout)


def capabilities(*, timeout: float | None = None) -> RequestSpec:
    return bind("get_capabilities", timeout=timeout)


def openapi_schema(*, timeout: float | None = None) -> RequestSpec:
    return bind("get_openapi_schema", timeout=timeout)


def schema_json(*, timeout: float | None = None) -> RequestSpec:
    return bind("get_schema_json", timeout=timeout)


def queue_status(*, timeout: float | None = None) -> RequestSpec:
    return bind("get_queue_status", timeout=timeout)


def me(*, timeout: float | None = None) -> RequestSpec:
    return bind("get_me", timeout=timeout)
