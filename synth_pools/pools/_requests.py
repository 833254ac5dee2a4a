"""Every documented container-pools operation as a request description, shared by both clients.

Each function checks what is specific to container pools (dict bodies, canonical rollout keys;
``_operations.bind`` checks every path id) and names, by operationId, the generated operation that lays the
request out. The sync and async clients only send what these return, so a rule written here
holds for both, and neither client holds a second copy of a route, a query parameter or a
validation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import SynthPoolsValidationError
from .._generic import route
from .._operations import EventRoute, bind
from .._sse import StreamState
from .._transport import RequestSpec
from ._validation import validate_pool_rollout_request


def _body(value: object, name: str = "request") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SynthPoolsValidationError(
            name, f"expected a dict, got {type(value).__name__}", f"pass {name} as a dict of JSON fields"
        )
    return value


def _rollout_body(value: object, context: str) -> Mapping[str, Any]:
    validate_pool_rollout_request(value, context=context)  # type: ignore[arg-type]
    return _body(value)


# --- pools --------------------------------------------------------------------------------


def create_pool(request: Mapping[str, Any], idempotency_key: str | None) -> RequestSpec:
    return bind("create_pool", body=_body(request), idempotency_key=idempotency_key)


def list_pools(state: str | None, limit: int | None, cursor: str | None) -> RequestSpec:
    return bind("list_pools", state=state, limit=limit, cursor=cursor)


def get_pool(pool_id: str) -> RequestSpec:
    return bind("get_pool", pool_id)


def replace_pool(pool_id: str, request: Mapping[str, Any]) -> RequestSpec:
    return bind("replace_pool", pool_id, body=_body(request))


def update_pool(pool_id: str, request: Mapping[str, Any]) -> RequestSpec:
    return bind("update_pool", pool_id, body=_body(request))


def delete_pool(pool_id: str) -> RequestSpec:
    return bind("delete_pool", pool_id)


def get_pool_urls(pool_id: str) -> RequestSpec:
    return bind("get_pool_urls", pool_id)


def get_pool_metrics(pool_id: str) -> RequestSpec:
    return bind("get_pool_metrics", pool_id)


def pause_pool(pool_id: str) -> RequestSpec:
    return route("pause_pool", "POST", "/v1/pools/{pool_id}/pause", pool_id)


def resume_pool(pool_id: str) -> RequestSpec:
    return route("resume_pool", "POST", "/v1/pools/{pool_id}/resume", pool_id)


# --- container leases (untyped on the service: bodies and filters pass through) -----------


def create_lease(request: Mapping[str, Any] | None, idempotency_key: str | None) -> RequestSpec:
    body = dict(_body(request)) if request is not None else {}
    return route(
        "assign_container_lease", "POST", "/v1/container_leases", body=body, idempotency_key=idempotency_key
    )


def list_leases(params: Mapping[str, Any] | None) -> RequestSpec:
    spec = route("list_container_leases", "GET", "/v1/container_leases")
    filters = {
        k: v for k, v in dict(_body(params, "params") if params is not None else {}).items() if v is not None
    }
    return spec.evolve(params={**spec.params, **filters}) if filters else spec


def get_lease(lease_id: str) -> RequestSpec:
    return route("get_container_lease", "GET", "/v1/container_leases/{lease_id}", lease_id)


def renew_lease(lease_id: str, request: Mapping[str, Any] | None) -> RequestSpec:
    body = dict(_body(request)) if request is not None else {}
    return route(
        "renew_container_lease", "POST", "/v1/container_leases/{lease_id}/renew", lease_id, body=body
    )


def release_lease(lease_id: str) -> RequestSpec:
    return route(
        "release_container_lease", "POST", "/v1/container_leases/{lease_id}/release", lease_id, body={}
    )


# --- tasks --------------------------------------------------------------------------------


def list_tasks(pool_id: str, limit: int | None, cursor: str | None) -> RequestSpec:
    return bind("list_pool_tasks", pool_id, limit=limit, cursor=cursor)


def create_task(pool_id: str, request: Mapping[str, Any], idempotency_key: str | None) -> RequestSpec:
    return bind("create_pool_task", pool_id, body=_body(request), idempotency_key=idempotency_key)


def update_task(pool_id: str, task_id: str, request: Mapping[str, Any]) -> RequestSpec:
    return bind("replace_pool_task", pool_id, task_id, body=_body(request))


def patch_task(pool_id: str, task_id: str, request: Mapping[str, Any]) -> RequestSpec:
    return bind("patch_pool_task", pool_id, task_id, body=_body(request))


def delete_task(pool_id: str, task_id: str) -> RequestSpec:
    return bind("delete_pool_task", pool_id, task_id)


# --- pool-scoped rollouts -----------------------------------------------------------------


def create_rollout(pool_id: str, request: Mapping[str, Any], idempotency_key: str | None) -> RequestSpec:
    body = _rollout_body(request, "create_rollout")
    return bind("create_pool_rollout", pool_id, body=body, idempotency_key=idempotency_key)


def get_rollout(pool_id: str, rollout_id: str) -> RequestSpec:
    return bind("get_pool_rollout", pool_id, rollout_id)


def list_rollouts(pool_id: str, state: str | None, limit: int | None, cursor: str | None) -> RequestSpec:
    return bind("list_pool_rollouts", pool_id, state=state, limit=limit, cursor=cursor)


def cancel_rollout(pool_id: str, rollout_id: str) -> RequestSpec:
    return bind("cancel_pool_rollout", pool_id, rollout_id, body={})


def get_rollout_artifacts(
    pool_id: str, rollout_id: str, prefix: str | None, limit: int | None, cursor: str | None
) -> RequestSpec:
    return bind(
        "list_pool_rollout_artifacts",
        pool_id,
        rollout_id,
        prefix=prefix,
        limit=limit,
        cursor=cursor,
    )


def get_rollout_usage(pool_id: str, rollout_id: str) -> RequestSpec:
    return bind("get_pool_rollout_usage", pool_id, rollout_id)


def get_rollout_summary(pool_id: str, rollout_id: str) -> RequestSpec:
    return bind("get_pool_rollout_summary", pool_id, rollout_id)


def pool_rollout_events(pool_id: str, rollout_id: str) -> EventRoute:
    return EventRoute("stream_pool_rollout_events", pool_id, rollout_id)


def global_rollout_events(rollout_id: str) -> EventRoute:
    return EventRoute("stream_rollout_events", rollout_id)


def stream_state(
    cursor: str | None, since: str | None, include_heartbeats: bool, max_retries: int
) -> StreamState:
    return StreamState(
        cursor=cursor,
        since=since,
        include_heartbeats=include_heartbeats,
        max_retries=max_retries,
        ends_when_drained=True,  # these routes end a finished rollout's stream cleanly
    )


# --- global rollouts ----------------------------------------------------------------------


def create_global_rollout(request: Mapping[str, Any], idempotency_key: str | None) -> RequestSpec:
    body = _rollout_body(request, "create_global_rollout")
    return bind("create_rollout", body=body, idempotency_key=idempotency_key)


def list_global_rollouts(state: str | None, limit: int | None, cursor: str | None) -> RequestSpec:
    return bind("list_rollouts", state=state, limit=limit, cursor=cursor)


def get_global_rollout(rollout_id: str) -> RequestSpec:
    return bind("get_rollout", rollout_id)


def cancel_global_rollout(rollout_id: str) -> RequestSpec:
    return bind("cancel_rollout", rollout_id, body={})


def get_global_rollout_artifacts(
    rollout_id: str, prefix: str | None, limit: int | None, cursor: str | None
) -> RequestSpec:
    return bind("list_rollout_artifacts", rollout_id, prefix=prefix, limit=limit, cursor=cursor)


def get_global_rollout_usage(rollout_id: str) -> RequestSpec:
    return bind("get_rollout_usage", rollout_id)


def get_global_rollout_summary(rollout_id: str) -> RequestSpec:
    return bind("get_rollout_summary", rollout_id)


# --- containers ---------------------------------------------------------------------------


def get_pool_container_health(pool_id: str) -> RequestSpec:
    return bind("get_pool_container_health", pool_id)


def get_task_container_health(pool_id: str, task_id: str) -> RequestSpec:
    return bind("get_task_container_health", pool_id, task_id)


def get_pool_container_info(pool_id: str) -> RequestSpec:
    return bind("get_pool_container_info", pool_id)


def get_task_container_info(pool_id: str, task_id: str) -> RequestSpec:
    return bind("get_task_container_info", pool_id, task_id)


def get_pool_container_metadata(pool_id: str) -> RequestSpec:
    return bind("get_pool_container_metadata", pool_id)


def get_task_container_metadata(pool_id: str, task_id: str) -> RequestSpec:
    return bind("get_task_container_metadata", pool_id, task_id)


def execute_pool_container_rollout(
    pool_id: str, request: Mapping[str, Any], idempotency_key: str | None
) -> RequestSpec:
    # a pass-through to the pool's container: its body is the container's to read ({"input": ...})
    body = _body(request)
    return bind("execute_pool_container_rollout", pool_id, body=body, idempotency_key=idempotency_key)


def execute_task_container_rollout(
    pool_id: str, task_id: str, request: Mapping[str, Any], idempotency_key: str | None
) -> RequestSpec:
    body = _body(request)  # a pass-through, as execute_pool_container_rollout
    return bind(
        "execute_task_container_rollout",
        pool_id,
        task_id,
        body=body,
        idempotency_key=idempotency_key,
    )


# --- service ------------------------------------------------------------------------------


def get_queue_status() -> RequestSpec:
    return bind("get_queue_status")


def get_capabilities() -> RequestSpec:
    return bind("get_capabilities")
