"""The one tolerant reader of the service's answers: every JSON body the SDK returns passes here.

The real service (design/real-service.md) and our spec do not answer in the same shapes, and
Synth's own scripts read both. Each answer is read by what its operation returns (``KINDS``,
keyed by operationId) and comes out in one shape, without losing what came:

- **Objects** wrapped in a single key (``{"pool": {...}}``, likewise ``rollout``, ``task``,
  ``credential``, ``lease``) are unwrapped, so the reference document's ``pool["pool_id"]`` works. The
  wrapper key is kept (pointing at the inner object) and so are the wrapper's other keys, so code
  written against the raw answer (Synth's harbor demo reads ``pool["pool"]["pool_id"]``) works too.
- **Rollouts**: ``rollout_id`` and ``id`` both carry the rollout's id, whichever of
  ``rollout_id``, ``trial_id``, ``id`` (or a nested ``rollout``) the answer used; ``reward`` is
  ``reward_primary`` (older answers), else ``metrics.outcome_reward``, else ``score`` (the newest
  answers); ``reward_metrics`` and ``metrics`` each from the other; ``result`` is kept as it came.
  Success is ``succeeded`` (older) or ``completed`` (newest) with no ``error``
  (:func:`is_success`). **Pools**: ``pool_id`` and ``id`` each from the other, ``status`` and
  ``state`` each from the other (the newest pools say ``status``: ``building``, ``active``, ...).
  **Credentials**: ``credential_id`` and ``id`` each from the other. **Pool metrics**: always carry
  ``queue_depth``, ``running``, ``total_count`` (or our ``total_rollouts``) and ``success_rate``
  (``None`` when the service did not say).
- **Pages** come under ``items`` (the newest answers; read first), or, as older answers do, as a
  bare array or under ``data``, ``results``, ``rollouts``,
  ``pools``, ``tasks``, ``credentials``, ``artifacts`` or ``leases``, with the continuation under
  ``next_cursor`` or ``cursor``. They come out as the page dict with ``items`` (each item read as
  above) and ``next_cursor`` set; the key the list came under stays too (the same list).

Fields are only ever added, never renamed away. Anything that is not the expected shape is an
error (:class:`PageShapeError`, :class:`~synth_pools.APIResponseValidationError`), never a silent
empty result. Operations not in ``KINDS`` (downloads, event pages, newer routes) pass through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._errors import APIResponseValidationError, PageShapeError, _number
from ._statuses import SUCCESS_STATUSES

__all__ = [
    "KINDS",
    "SUCCESS_STATUSES",
    "WRAPPER_KEYS",
    "PageShapeError",
    "is_success",
    "next_cursor",
    "page_items",
    "read_answer",
    "read_credential",
    "read_lease",
    "read_metrics",
    "read_page",
    "read_pool",
    "read_rollout",
    "read_task",
    "reward_of",
    "rollout_id_of",
    "without_aliases",
]

ITEM_KEYS = ("items", "data", "results", "rollouts", "pools", "tasks", "credentials", "artifacts", "leases")
CURSOR_KEYS = ("next_cursor", "cursor")
METRIC_FIELDS = ("queue_depth", "running", "total_count", "success_rate")
#: the single-object wrappers ``_unwrap`` reads (and keeps, pointing at the inner object)
WRAPPER_KEYS = ("pool", "rollout", "task", "credential", "lease", "metrics")


def _unwrap(value: Any, wrapper: str, id_keys: tuple[str, ...], what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise APIResponseValidationError(
            f"expected a JSON object from {what}, got {type(value).__name__}; check backend_base"
        )
    inner = value.get(wrapper)
    if not isinstance(inner, dict) or any(key in value for key in id_keys):
        return dict(value)
    siblings = {key: item for key, item in value.items() if key != wrapper}
    return {**siblings, **inner, wrapper: inner}


def _fill(data: dict[str, Any], key: str, *sources: str) -> None:
    """``data[key]`` from the first source that is set, when ``key`` itself is missing or null."""
    if data.get(key) is not None:
        return
    for source in sources:
        if data.get(source) is not None:
            data[key] = data[source]
            return


def rollout_id_of(rollout: Mapping[str, Any]) -> str | None:
    for key in ("rollout_id", "trial_id", "id"):
        value = rollout.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def reward_of(rollout: Mapping[str, Any]) -> float | None:
    """The rollout's reward: ``reward``/``reward_primary`` (older answers), else
    ``metrics.outcome_reward``, else ``score`` (newest); ``None`` when it carries none."""
    metrics = rollout.get("metrics")
    nested = metrics.get("outcome_reward") if isinstance(metrics, Mapping) else None
    for value in (rollout.get("reward"), rollout.get("reward_primary"), nested, rollout.get("score")):
        number = _number(value)
        if number is not None:
            return number
    return None


def is_success(rollout: Mapping[str, Any]) -> bool:
    """Whether a rollout ended well: a success status and no ``error``."""
    return rollout.get("status") in SUCCESS_STATUSES and not rollout.get("error")


def read_rollout(value: Any, what: str = "rollout") -> dict[str, Any]:
    data = _unwrap(value, "rollout", ("rollout_id", "trial_id"), what)
    rid = rollout_id_of(data)
    if rid is not None:
        data["rollout_id"] = rid
        data.setdefault("id", rid)  # Synth's scripts read rollout["id"]
    reward = reward_of(data)
    if reward is not None and data.get("reward") is None:
        data["reward"] = reward
    _fill(data, "reward_metrics", "metrics")
    _fill(data, "metrics", "reward_metrics")
    return data


# wrapper key -> (keys that say the object came unwrapped, (field, filled from) in order)
_OBJECTS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "pool": (("pool_id",), (("pool_id", "id"), ("id", "pool_id"), ("status", "state"), ("state", "status"))),
    "task": (("task_id",), (("task_id", "id"),)),
    "credential": (("id", "credential_id"), (("credential_id", "id"), ("id", "credential_id"))),
    # not evidenced (the service declares leases untyped): read like the other objects
    "lease": (("lease_id",), (("lease_id", "id"),)),
    "metrics": (
        ("pool_id", "queue_depth"),
        (("total_count", "total_rollouts"), ("total_rollouts", "total_count")),
    ),
}


def _read_object(wrapper: str, value: Any, what: str) -> dict[str, Any]:
    id_keys, fills = _OBJECTS[wrapper]
    data = _unwrap(value, wrapper, id_keys, what)
    for key, source in fills:
        _fill(data, key, source)
    return data


def read_pool(value: Any, what: str = "pool") -> dict[str, Any]:
    return _read_object("pool", value, what)


def read_task(value: Any, what: str = "task") -> dict[str, Any]:
    return _read_object("task", value, what)


def read_credential(value: Any, what: str = "credential") -> dict[str, Any]:
    return _read_object("credential", value, what)


def read_lease(value: Any, what: str = "container lease") -> dict[str, Any]:
    return _read_object("lease", value, what)


def read_metrics(value: Any, what: str = "pool metrics") -> dict[str, Any]:
    data = _read_object("metrics", value, what)
    for key in METRIC_FIELDS:
        data.setdefault(key, None)
    return data


def _list_key(page: Any) -> str | None:
    if isinstance(page, dict):
        for key in ITEM_KEYS:
            if isinstance(page.get(key), list):
                return key
    return None


def without_aliases(value: Any) -> Any:
    """``value`` without the keys the reader kept for compatibility (a wrapper pointing at the
    inner object, an item list also under ``items``): one shape whichever came, to display."""
    if isinstance(value, list):
        return [without_aliases(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = dict(value)
    for key in WRAPPER_KEYS:
        inner = out.get(key)
        if isinstance(inner, dict) and inner and all(k in out and out[k] == v for k, v in inner.items()):
            del out[key]
    items = out.get("items")
    for key in ITEM_KEYS[1:]:
        if key in out and out[key] is items:
            del out[key]
    return {k: without_aliases(v) if isinstance(v, list | dict) else v for k, v in out.items()}


def page_items(page: Any, *, what: str = "page") -> list[Any]:
    """The items of a page in any of the shapes above, as they came."""
    if isinstance(page, list):
        return page
    key = _list_key(page)
    if key is None:
        # an unexpected shape is an error, not an empty list: silent emptiness hides real bugs
        raise PageShapeError(
            f"expected a list or a page with one of {', '.join(ITEM_KEYS)} from {what}, "
            f"got {type(page).__name__}; check that backend_base points at the Synth API"
        )
    items: list[Any] = page[key]
    return items


def next_cursor(page: Any) -> str | None:
    """The continuation token of a page, or ``None`` (a bare array has none)."""
    if not isinstance(page, dict):
        return None
    for key in CURSOR_KEYS:
        value = page.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def read_page(value: Any, item: Callable[[Any], Any] | None = None, *, what: str = "page") -> dict[str, Any]:
    """A page as ``{..., "items": [...], "next_cursor": ...}``, each item read by ``item``."""
    raw = page_items(value, what=what)
    items = [item(x) if item is not None and isinstance(x, dict) else x for x in raw]
    out: dict[str, Any] = dict(value) if isinstance(value, dict) else {}
    key = _list_key(value)
    if key is not None:
        out[key] = items
    out["items"] = items
    out["next_cursor"] = next_cursor(value)
    return out


def _page_of(item: Callable[[Any], Any]) -> Callable[[Any], dict[str, Any]]:
    return lambda value: read_page(value, item)


def _artifacts(value: Any) -> dict[str, Any]:
    page = read_page(value, what="artifacts")
    page.setdefault("artifacts", page["items"])  # the manifest's own key, also from a bare array
    return page


_POOL, _TASK, _ROLLOUT, _CREDENTIAL = read_pool, read_task, read_rollout, read_credential


def _fetched_rollout(value: Any) -> dict[str, Any]:
    """A rollout fetched by id (issue 27): one with neither an id nor a status is no rollout (a
    ``wait()`` on it would poll to its timeout), whatever else the answer holds."""
    data = read_rollout(value)
    if rollout_id_of(data) is None and data.get("status") is None:
        keys = ", ".join(sorted(map(str, data))[:8]) or "none"
        raise APIResponseValidationError(
            f"the rollout fetched has neither a rollout id nor a status (keys: {keys}); "
            "check that backend_base points at the Synth API"
        )
    return data


#: operationId -> the reader of its answer
KINDS: dict[str, Callable[[Any], Any]] = {
    "create_pool": _POOL,
    "get_pool": _POOL,
    "replace_pool": _POOL,
    "update_pool": _POOL,
    "pause_pool": _POOL,
    "resume_pool": _POOL,
    "list_pools": _page_of(_POOL),
    "create_pool_task": _TASK,
    "replace_pool_task": _TASK,
    "patch_pool_task": _TASK,
    "list_pool_tasks": _page_of(_TASK),
    "create_rollout": _ROLLOUT,
    "get_rollout": _fetched_rollout,
    "cancel_rollout": _ROLLOUT,
    "replay_rollout": _ROLLOUT,
    "get_rollout_summary": _ROLLOUT,
    "create_pool_rollout": _ROLLOUT,
    "get_pool_rollout": _fetched_rollout,
    "cancel_pool_rollout": _ROLLOUT,
    "get_pool_rollout_summary": _ROLLOUT,
    "execute_pool_container_rollout": _ROLLOUT,
    "execute_task_container_rollout": _ROLLOUT,
    "list_rollouts": _page_of(_ROLLOUT),
    "list_pool_rollouts": _page_of(_ROLLOUT),
    "create_rollouts_batch": _page_of(_ROLLOUT),
    "store_credential": _CREDENTIAL,
    "rotate_credential": _CREDENTIAL,
    "list_credentials": _page_of(_CREDENTIAL),
    "get_pool_metrics": read_metrics,
    "assign_container_lease": read_lease,
    "get_container_lease": read_lease,
    "renew_container_lease": read_lease,
    "release_container_lease": read_lease,
    "list_container_leases": _page_of(read_lease),
    "list_rollout_artifacts": _artifacts,
    "list_pool_rollout_artifacts": _artifacts,
}


def read_answer(operation: str, value: Any) -> Any:
    """The decoded JSON body of a successful ``operation``, read as its kind (``None`` stays
    ``None``: a 204, or a 200 with no body)."""
    reader = KINDS.get(operation)
    if reader is None or value is None:
        return value
    return reader(value)
