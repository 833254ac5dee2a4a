"""Local validation of environment-pools requests before they are sent: each problem raises
:class:`SynthPoolsValidationError` (a ``ValueError``) naming the field and the fix.

The public request types (``synth_pools.types``: ``RolloutRequestV1``, ``PoolConfigV1``,
``PoolTaskInstance``) are checked here in their wire form: a typed request is anything with
``to_dict()`` that is not a mapping, so this module needs nothing of the types and sits below
them, the API package and the batch runner alike (all three use it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, TypeGuard

from ._errors import SynthPoolsValidationError

__all__ = [
    "CREDENTIAL_TYPES",
    "ENVIRONMENT_BACKENDS",
    "HARNESSES",
    "MAX_BATCH",
    "POOL_TEMPLATES",
    "POOL_TYPES",
    "check_date",
    "check_id",
    "credential_value",
    "pool_config_to_dict",
    "pool_task_to_dict",
    "rollout_request_to_dict",
    "rollout_requests_to_dicts",
    "wire_credential_type",
]

#: the harness names the service knows (design/real-service.md): ``claude_code`` is the newest
#: spelling, ``claude-code`` the older one; both are accepted and sent as given
HARNESSES = ("claude_code", "claude-code", "codex", "opencode", "pi", "other")
POOL_TYPES = ("sandbox", "browser", "archipelago", "openenv")
POOL_TEMPLATES = ("HARBOR_CODING", "HARBOR_BROWSER", "ARCHIPELAGO", "OPENENV")
ENVIRONMENT_BACKENDS = ("harbor", "browser", "openenv", "archipelago", "kernel")

#: the most rollouts one batch create carries: the spec's maxItems for BatchRolloutRequest (the
#: service's own cap is not published)
MAX_BATCH = 500


class _Typed(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _typed(request: object) -> TypeGuard[_Typed]:
    """A typed request (attrs, ``synth_pools.types``) rather than a plain mapping."""
    return not isinstance(request, Mapping) and callable(getattr(request, "to_dict", None))


def _sub(value: Any) -> Any:
    return value.to_dict() if _typed(value) else value


def _fail(field: str, problem: str, fix: str) -> SynthPoolsValidationError:
    return SynthPoolsValidationError(field, problem, fix)


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def rollout_request_to_dict(request: Mapping[str, Any] | _Typed) -> dict[str, Any]:
    """Validate a rollout request and return it as the dict that goes on the wire.

    A :class:`RolloutRequestV1` needs the reference document's required fields (task_ref, agent,
    task_app_url, timeouts). A dict is checked the way the service checks it: only a routing
    target (pool_id, pool_tags or environment) is required, and each field that is present must
    be well formed, so the container/harbor shape Synth's own demo sends (``pool_id``,
    ``environment``, ``harbor``) goes through. The model allowlist is :class:`AgentSpec`'s (its
    presets and constructor); a raw dict agent may name any model the service knows.

    Unknown keys are kept (the server may know newer fields); ``agent.kind`` is filled with the
    harness as the service expects.
    """
    if _typed(request):
        data = request.to_dict()
        for key, example in (
            ("task_ref", 'task_ref={"dataset": "...", "task_id": "..."}'),
            ("agent", "agent=AgentSpec.claude_code()"),
            ("task_app_url", 'task_app_url="https://my-task-app.example.com"'),
            ("timeouts", 'timeouts={"agent_sec": 300}'),
        ):
            if data.get(key) is None:
                raise _fail(key, "missing (RolloutRequestV1 requires it)", f"pass {example}, or send a dict")
    elif isinstance(request, Mapping):
        data = {k: _sub(v) for k, v in request.items()}
    else:
        raise _fail(
            "request",
            f"expected a dict or RolloutRequestV1, got {type(request).__name__}",
            "pass a dict with a pool_id (and task_ref, agent, task_app_url, timeouts as needed)",
        )

    task_ref = data.get("task_ref")
    if task_ref is not None:
        if not isinstance(task_ref, Mapping):
            raise _fail("task_ref", "not an object", 'pass task_ref={"dataset": "...", "task_id": "..."}')
        for key in ("dataset", "task_id"):
            if not _nonempty_str(task_ref.get(key)):
                raise _fail(
                    f"task_ref.{key}", "missing or empty", f"set task_ref[{key!r}] to a non-empty string"
                )

    agent = data.get("agent")
    if agent is not None:
        if not isinstance(agent, Mapping):
            raise _fail(
                "agent",
                "not an object",
                "pass agent=AgentSpec.claude_code().model_dump(exclude_none=True) (or codex()/opencode())",
            )
        harness = agent.get("harness") or agent.get("kind")
        if not _nonempty_str(harness):
            raise _fail(
                "agent.harness",
                "missing or empty",
                f"set agent['harness'] to one of {', '.join(HARNESSES)}",
            )
        model_id = agent.get("model_id")
        if model_id is not None and not isinstance(model_id, str):
            raise _fail("agent.model_id", "not a string", "pass a model name such as 'claude-sonnet-4.5'")
        data["agent"] = {**agent, "harness": harness, "kind": agent.get("kind") or harness}

    url = data.get("task_app_url")
    if url is not None and (not _nonempty_str(url) or not str(url).startswith(("http://", "https://"))):
        raise _fail(
            "task_app_url",
            f"{url!r} is not an http(s) URL",
            "set task_app_url to your task app's URL, e.g. 'https://my-task-app.example.com'",
        )

    timeouts = data.get("timeouts")
    if timeouts is not None:
        if not isinstance(timeouts, Mapping):
            raise _fail("timeouts", "not an object", 'pass timeouts={"agent_sec": 300}')
        for key, value in timeouts.items():
            if value is not None and not _positive_number(value):
                raise _fail(
                    f"timeouts.{key}",
                    f"{value!r} is not a positive number of seconds",
                    f"set timeouts[{key!r}] > 0",
                )

    pool_id = data.get("pool_id")
    pool_tags = data.get("pool_tags")
    environment = data.get("environment")
    if pool_id is None and not pool_tags and environment is None:
        raise _fail(
            "pool_id",
            "no routing target: none of pool_id, pool_tags or environment is set",
            'set pool_id="my-pool", pool_tags=["tag"], or environment={"backend": "harbor", ...}',
        )
    if pool_id is not None and not _nonempty_str(pool_id):
        raise _fail("pool_id", "empty or not a string", "pass the id of an existing pool")
    if pool_tags is not None and (
        not isinstance(pool_tags, list) or not all(_nonempty_str(t) for t in pool_tags)
    ):
        raise _fail("pool_tags", "not a list of non-empty strings", 'pass pool_tags=["gpu", "fast"]')
    if environment is not None and (
        not isinstance(environment, Mapping) or not _nonempty_str(environment.get("backend"))
    ):
        raise _fail(
            "environment.backend",
            "missing",
            f"pass environment={{'backend': one of {', '.join(ENVIRONMENT_BACKENDS)}}}",
        )
    priority = data.get("priority")
    if priority is not None and (not isinstance(priority, int) or isinstance(priority, bool)):
        raise _fail("priority", f"{priority!r} is not an integer", "pass an int such as priority=5")
    return data


def rollout_requests_to_dicts(requests: Sequence[Any]) -> list[dict[str, Any]]:
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


def pool_task_to_dict(request: Mapping[str, Any] | _Typed, *, partial: bool = False) -> dict[str, Any]:
    """Validate a pool task (dict or :class:`PoolTaskInstance`) and return its wire dict."""
    if _typed(request):
        data = request.to_dict()
    elif isinstance(request, Mapping):
        data = dict(request)
    else:
        raise _fail(
            "request",
            f"expected a dict or PoolTaskInstance, got {type(request).__name__}",
            'pass PoolTask.from_openenv("task-1", "https://...") or a dict with task_id and backend',
        )
    if not partial:
        for key in ("task_id", "backend"):
            if not _nonempty_str(data.get(key)):
                raise _fail(key, "missing or empty", f"set {key!r} (the PoolTask factories fill it for you)")
    return data


def pool_config_to_dict(request: Mapping[str, Any] | _Typed, *, partial: bool = False) -> dict[str, Any]:
    """Validate a pool config (create: full; update: ``partial=True``) and return its wire dict.

    A :class:`PoolConfigV1` always has a ``pool_type``; a dict may leave it out, as the newest
    clients do (``{"pool_id", "backend": "arbitrary", "metadata"}``: the create route is an untyped
    proxy and the service decides). A ``pool_type`` that is given must be one of ``POOL_TYPES``."""
    if _typed(request):
        data = request.to_dict()
    elif isinstance(request, Mapping):
        data = dict(request)
    else:
        raise _fail(
            "request",
            f"expected a dict or PoolConfigV1, got {type(request).__name__}",
            'pass {"pool_id": "my-pool", "pool_type": "openenv"}',
        )
    # a create may leave pool_id out: the service assigns one (design/real-service.md)
    if data.get("pool_id") is not None and not _nonempty_str(data.get("pool_id")):
        raise _fail(
            "pool_id", "empty or not a string", 'set "pool_id" to a name such as "my-pool", or leave it out'
        )
    pool_type = data.get("pool_type")
    needs_type = _typed(request) and not partial  # a PoolConfigV1 always names its type
    if (needs_type or pool_type is not None) and pool_type not in POOL_TYPES:
        raise _fail("pool_type", f"{pool_type!r} is not a pool type", f"use one of {', '.join(POOL_TYPES)}")
    template = data.get("template")
    if template is not None and template not in POOL_TEMPLATES:
        raise _fail("template", f"{template!r} is not a template", f"use one of {', '.join(POOL_TEMPLATES)}")
    for key in ("capacity", "concurrency", "max_queue", "max_running", "prewarm"):
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise _fail(key, f"{value!r} is not a non-negative integer", f"set {key!r} to an int >= 0")
    tasks = data.get("tasks")
    if isinstance(tasks, list):
        data["tasks"] = [pool_task_to_dict(t) for t in tasks]
    return data


def check_id(name: str, value: Any) -> str:
    """An id sent in a path: a non-empty string, or raise naming it."""
    if not isinstance(value, str) or not value.strip():
        raise SynthPoolsValidationError(
            name, f"{value!r} is not a non-empty string", f"pass the {name} as a string"
        )
    return value


def check_date(name: str, value: str | dt.datetime | None) -> dt.datetime | None:
    """A timestamp filter: a datetime or ISO-8601 text, or raise naming it."""
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise SynthPoolsValidationError(
            name, f"{value!r} is not an ISO-8601 timestamp", "pass a datetime or e.g. '2025-01-31T12:00:00Z'"
        ) from None


def credential_value(value: Any, field: str) -> str:
    """A secret as the API stores it: a string, or a dict sent JSON-encoded (as the public SDK does)."""
    if isinstance(value, str):
        if not value:
            raise SynthPoolsValidationError(field, "empty", "pass the secret as a non-empty string or dict")
        return value
    if isinstance(value, Mapping):
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
