"""Local validation of environment-pools requests before they are sent: each problem raises
:class:`SynthPoolsValidationError` (a ``ValueError``) naming the field and the fix. A request's
checks are a table of rows (field, kind of check, fix) read by one loop; a kind (:class:`_Kind`)
is a test and the problem it names, written once.

The public request types (``synth_pools.types``: ``RolloutRequestV1``, ``PoolConfigV1``,
``PoolTaskInstance``) are checked here in their wire form: a typed request is anything with
``to_dict()`` that is not a mapping, so this module needs nothing of the types and sits below
them, the API package and the batch runner alike (all three use it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol, TypeGuard

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
#: the service's ``credential_type`` enum (design/real-service.md, CreateCredentialRequest)
CREDENTIAL_TYPES = (
    "API_KEY", "ENVIRONMENT_API_KEY", "HUGGINGFACE_API_KEY", "OAUTH_TOKEN", "BEARER_TOKEN",
    "AWS_CREDENTIALS", "DATABASE_CONNECTION", "LEARNING_JWT_KEY", "CLOUD_STORAGE", "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "DOCKER_REGISTRY", "GITHUB_PAT", "OTHER",
)  # fmt: skip
#: the most rollouts one batch create carries: the spec's maxItems for BatchRolloutRequest (the
#: service's own cap is not published)
MAX_BATCH = 500


class _Typed(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def _typed(request: object) -> TypeGuard[_Typed]:
    """A typed request (attrs, ``synth_pools.types``) rather than a plain mapping."""
    return not isinstance(request, Mapping) and callable(getattr(request, "to_dict", None))


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


class _Kind(NamedTuple):
    """A kind of check: the test a given value passes, and the problem named when it fails."""

    test: Callable[[Any], bool]
    problem: str  # ``{value!r}`` shows the value, ``{type}`` its type
    required: bool = False  # an absent (``None``) value fails too


_NEEDED = _Kind(_text, "missing or empty", required=True)
_TEXT = _Kind(_text, "empty or not a string")
_OBJECT = _Kind(lambda v: isinstance(v, Mapping), "not an object")
_INTEGER = _Kind(_integer, "{value!r} is not an integer")
_COUNT = _Kind(lambda v: _integer(v) and v >= 0, "{value!r} is not a non-negative integer")
_SECONDS = _Kind(_positive_number, "{value!r} is not a positive number of seconds")
_URL = _Kind(lambda v: _text(v) and v.startswith(("http://", "https://")), "{value!r} is not an http(s) URL")
_TAGS = _Kind(lambda v: isinstance(v, list) and all(map(_text, v)), "not a list of non-empty strings")
_STRING = _Kind(lambda v: isinstance(v, str), "not a string")
_TEMPLATE = _Kind(POOL_TEMPLATES.__contains__, "{value!r} is not a template")
_POOL_TYPE = _Kind(POOL_TYPES.__contains__, "{value!r} is not a pool type")
_V1_FIELD = _Kind(lambda v: True, "missing (RolloutRequestV1 requires it)", required=True)
_LIST = _Kind(
    lambda v: isinstance(v, Sequence) and not isinstance(v, str | bytes), "expected a list, got {type}", True
)
_ID = _Kind(_text, "{value!r} is not a non-empty string", required=True)

#: a rollout request's object fields, each with an example (a RolloutRequestV1 requires all four)
_EXAMPLES = {
    "task_ref": 'task_ref={"dataset": "...", "task_id": "..."}',
    "agent": "agent=AgentSpec.claude_code() (or codex()/opencode())",
    "task_app_url": 'task_app_url="https://my-task-app.example.com"',
    "timeouts": 'timeouts={"agent_sec": 300}',
}
_BACKENDS = ", ".join(ENVIRONMENT_BACKENDS)
_COUNTS = ("capacity", "concurrency", "max_queue", "max_running", "prewarm")
Row = tuple[str, _Kind, str]  # a field (``a.b``: b of the object a, checked when a is given), kind, fix
_ROLLOUT: tuple[Row, ...] = (
    ("task_ref", _OBJECT, f"pass {_EXAMPLES['task_ref']}"),
    ("task_ref.dataset", _NEEDED, "set task_ref['dataset'] to a non-empty string"),
    ("task_ref.task_id", _NEEDED, "set task_ref['task_id'] to a non-empty string"),
    ("agent", _OBJECT, f"pass {_EXAMPLES['agent']}"),
    ("agent.harness", _NEEDED, f"set agent['harness'] to one of {', '.join(HARNESSES)}"),
    ("agent.model_id", _STRING, "pass a model name such as 'claude-sonnet-4.5'"),
    ("task_app_url", _URL, "set task_app_url to your task app's URL, e.g. 'https://my-task-app.example.com'"),
    ("timeouts", _OBJECT, f"pass {_EXAMPLES['timeouts']}"),
    ("pool_id", _TEXT, "pass the id of an existing pool"),
    ("pool_tags", _TAGS, 'pass pool_tags=["gpu", "fast"]'),
    ("environment", _OBJECT, 'pass environment={"backend": "harbor", ...}'),
    ("environment.backend", _NEEDED, f"set environment['backend'] to one of {_BACKENDS}"),
    ("priority", _INTEGER, "pass an int such as priority=5"),
)
_V1: tuple[Row, ...] = tuple(
    (key, _V1_FIELD, f"pass {example}, or send a dict") for key, example in _EXAMPLES.items()
)
_POOL: tuple[Row, ...] = (
    # a create may leave pool_id out: the service assigns one (design/real-service.md)
    ("pool_id", _TEXT, 'set "pool_id" to a name such as "my-pool", or leave it out'),
    ("template", _TEMPLATE, f"use one of {', '.join(POOL_TEMPLATES)}"),
    *((key, _COUNT, f"set {key!r} to an int >= 0") for key in _COUNTS),
)
_TASK: tuple[Row, ...] = tuple(
    (key, _NEEDED, f"set {key!r} (the PoolTask factories fill it for you)") for key in ("task_id", "backend")
)


def _check_value(value: Any, field: str, kind: _Kind, fix: str) -> None:
    if (value is None and not kind.required) or (value is not None and kind.test(value)):
        return
    raise SynthPoolsValidationError(field, kind.problem.format(value=value, type=type(value).__name__), fix)


def _check(data: Mapping[str, Any], rows: Iterable[Row]) -> None:
    """Each row's field of ``data`` is of its kind, or raise naming the field and its fix."""
    for path, kind, fix in rows:
        if "." in path:  # b of the object a: given, a is an object (its own row came first)
            parent, _, name = path.partition(".")
            holder = data.get(parent)
            if holder is None:
                continue
            value = holder.get(name)
        else:
            value = data.get(path)
        if value is not None or kind.required:
            _check_value(value, path, kind, fix)


def _wire(request: object, kind: str, fix: str) -> dict[str, Any]:
    """A request's wire dict: a typed one's ``to_dict()``, a mapping's copy (typed values in it in
    their wire form); anything else raises naming what was given."""
    if _typed(request):
        return request.to_dict()
    if isinstance(request, Mapping):
        return {k: v.to_dict() if _typed(v) else v for k, v in request.items()}
    raise SynthPoolsValidationError(
        "request", f"expected a dict or {kind}, got {type(request).__name__}", fix
    )


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
    fix = "pass a dict with a pool_id (and task_ref, agent, task_app_url, timeouts as needed)"
    data = _wire(request, "RolloutRequestV1", fix)
    agent = data.get("agent")
    if isinstance(agent, Mapping):
        harness = agent.get("harness") or agent.get("kind")
        data["agent"] = {**agent, "harness": harness, "kind": agent.get("kind") or harness}
    _check(data, _V1 + _ROLLOUT if _typed(request) else _ROLLOUT)
    for key, value in (data.get("timeouts") or {}).items():
        _check_value(value, f"timeouts.{key}", _SECONDS, f"set timeouts[{key!r}] > 0")
    if data.get("pool_id") is None and not data.get("pool_tags") and data.get("environment") is None:
        raise SynthPoolsValidationError(
            "pool_id",
            "no routing target: none of pool_id, pool_tags or environment is set",
            'set pool_id="my-pool", pool_tags=["tag"], or environment={"backend": "harbor", ...}',
        )
    return data


def rollout_requests_to_dicts(requests: Sequence[Any]) -> list[dict[str, Any]]:
    """Every request of a list validated and in its wire form; a bad one is named by its place
    (``requests[3].agent.harness``)."""
    _check_value(requests, "requests", _LIST, "pass a list of dicts or RolloutRequestV1")
    items = []
    for i, request in enumerate(requests):
        try:
            items.append(rollout_request_to_dict(request))
        except SynthPoolsValidationError as exc:
            raise SynthPoolsValidationError(f"requests[{i}].{exc.field}", exc.problem, exc.fix) from None
    return items


def pool_task_to_dict(request: Mapping[str, Any] | _Typed, *, partial: bool = False) -> dict[str, Any]:
    """Validate a pool task (dict or :class:`PoolTaskInstance`) and return its wire dict."""
    fix = 'pass PoolTask.from_openenv("task-1", "https://...") or a dict with task_id and backend'
    data = _wire(request, "PoolTaskInstance", fix)
    _check(data, () if partial else _TASK)
    return data


def pool_config_to_dict(request: Mapping[str, Any] | _Typed, *, partial: bool = False) -> dict[str, Any]:
    """Validate a pool config (create: full; update: ``partial=True``) and return its wire dict.

    A :class:`PoolConfigV1` always has a ``pool_type``; a dict may leave it out, as the newest
    clients do (``{"pool_id", "backend": "arbitrary", "metadata"}``: the create route is an untyped
    proxy and the service decides). A ``pool_type`` that is given must be one of ``POOL_TYPES``."""
    data = _wire(request, "PoolConfigV1", 'pass {"pool_id": "my-pool", "pool_type": "openenv"}')
    pool_type = _POOL_TYPE._replace(required=_typed(request) and not partial)  # a PoolConfigV1 names it
    _check_value(data.get("pool_type"), "pool_type", pool_type, f"use one of {', '.join(POOL_TYPES)}")
    _check(data, _POOL)
    if isinstance(data.get("tasks"), list):
        data["tasks"] = [pool_task_to_dict(t) for t in data["tasks"]]
    return data


def check_id(name: str, value: Any) -> str:
    """An id sent in a path: a non-empty string, or raise naming it."""
    _check_value(value, name, _ID, f"pass the {name} as a string")
    return value  # type: ignore[no-any-return]


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
    """A secret as the API stores it: a string, or a dict sent JSON-encoded (as the public SDK does).
    The error never shows the value (it is a secret)."""
    if isinstance(value, Mapping):
        return json.dumps(dict(value), separators=(",", ":"), sort_keys=True)
    if isinstance(value, str) and value:
        return value
    problem = "empty" if isinstance(value, str) else f"a {type(value).__name__} is not a secret"
    raise SynthPoolsValidationError(field, problem, "pass the secret as a non-empty string or dict")


def wire_credential_type(value: Any) -> str:
    """``value`` in the service's enum form: ``"api_key"``, ``"Api-Key"`` -> ``"API_KEY"``."""
    wire = value.strip().upper().replace("-", "_").replace(" ", "_") if isinstance(value, str) else None
    if wire in CREDENTIAL_TYPES:
        return wire
    raise SynthPoolsValidationError(
        "credential_type",
        f"{value!r} is not a credential type the service knows",
        f"use one of {', '.join(CREDENTIAL_TYPES)} (any case)",
    )
