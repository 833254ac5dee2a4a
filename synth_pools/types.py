"""Public types (attrs) and the local validation of requests before they are sent.

- Request types: :class:`AgentSpec` (presets + allowed models), :class:`TaskRef`,
  :class:`TimeoutSpec`, :class:`EnvironmentSpec`, :class:`RolloutRequestV1`,
  :class:`PoolConfigV1`, :class:`PoolTaskInstance` and its factories on :class:`PoolTask`.
  Each has ``to_dict()`` (wire form, ``None`` fields left out) and ``model_dump()`` for code
  written against the pydantic-based public SDK.
- Response types: :class:`EventEnvelope`, :class:`ArtifactManifest` / :class:`ArtifactEntry`,
  :class:`UsageSnapshot`, built by ``from_dict`` (tolerant: unknown fields are kept in ``extra``,
  unknown enum values are kept as strings).
- :func:`rollout_request_to_dict` is the one place a rollout request (dict or
  :class:`RolloutRequestV1`) is validated and normalised; each problem raises
  :class:`SynthPoolsValidationError` (a ``ValueError``) naming the field and the fix.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, ClassVar, Literal, Protocol, Self

import attrs

from ._errors import SynthPoolsValidationError
from ._validation import (
    HARNESSES,
    POOL_TEMPLATES,
    POOL_TYPES,
    pool_task_to_dict,
    rollout_request_to_dict,
)

__all__ = [
    "ALLOWED_MODELS",
    "DEFAULT_MODELS",
    "HARNESSES",
    "POOL_STATUSES",
    "POOL_TEMPLATES",
    "POOL_TYPES",
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "EnvironmentSpec",
    "EventEnvelope",
    "PoolConfigV1",
    "PoolStatus",
    "PoolTask",
    "PoolTaskInstance",
    "RolloutRequestV1",
    "TaskRef",
    "TimeoutSpec",
    "UsageSnapshot",
    "pool_task_to_dict",
    "rollout_request_to_dict",
]

# The model lists of the last SDK release that had one (0.17); later clients leave the choice to
# the service ("backend preflight remains authoritative"), so a harness without a list (pi, other,
# a harness this SDK does not know) takes any model, and a plain-dict agent is never checked.
ALLOWED_MODELS: dict[str, tuple[str, ...]] = {
    "claude-code": ("claude-sonnet-4.5",),
    "claude_code": ("claude-sonnet-4.5",),
    "opencode": ("claude-sonnet-4.5",),
    # gpt-5.3-codex-spark: allowed by a later release of the public SDK (design/real-service.md)
    "codex": ("gpt-5.2-codex", "gpt-5.1-codex-mini", "gpt-5.3-codex-spark"),
}
#: preset name -> its default model (``None``: the service picks; no evidence names pi's default)
DEFAULT_MODELS: dict[str, str | None] = {
    "claude-code": "claude-sonnet-4.5",
    "claude_code": "claude-sonnet-4.5",
    "opencode": "claude-sonnet-4.5",
    "codex": "gpt-5.2-codex",
    "pi": None,
}
#: a pool's lifecycle (newest service): created -> uploading -> building -> warming -> active <->
#: paused, or failed; DELETE archives it. Only ``active`` admits rollouts. Older deployments say
#: only active/archived (our local backend: active/paused).
PoolStatus = Literal["created", "uploading", "building", "warming", "active", "paused", "failed", "archived"]
POOL_STATUSES: tuple[str, ...] = (
    "created", "uploading", "building", "warming", "active", "paused", "failed", "archived",
)  # fmt: skip


def _drop_none(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _masked_env(env: Mapping[str, Any] | None) -> str:
    """repr of environment variables: their names only, since values are often secrets."""
    return "None" if env is None else repr(dict.fromkeys(env, "***"))


class _Wire:
    """``to_dict`` / ``model_dump`` / ``from_dict`` for attrs request types."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self)):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if field.name == "extra":
                out.update(value or {})
                continue
            if value is None:
                continue
            out[field.name] = value.to_dict() if isinstance(value, _Wire) else value
        return out

    def model_dump(self, *, exclude_none: bool = False) -> dict[str, Any]:
        """The pydantic-style dump the reference document uses (``exclude_none=True``)."""
        if exclude_none:
            return self.to_dict()
        out: dict[str, Any] = {}
        for field in attrs.fields(type(self)):  # type: ignore[arg-type]
            value = getattr(self, field.name)
            if field.name == "extra":
                out.update(value or {})
            else:
                out[field.name] = value.model_dump() if isinstance(value, _Wire) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        names = {f.name for f in attrs.fields(cls)}  # type: ignore[arg-type]
        known = {k: v for k, v in data.items() if k in names and k != "extra"}
        if "extra" in names:
            known["extra"] = {k: v for k, v in data.items() if k not in names}
        return cls(**known)

    @classmethod
    def model_validate(cls, data: Mapping[str, Any]) -> Self:
        return cls.from_dict(data)


# ---------------------------------------------------------------- agents


def _check_model(harness: str, model_id: str | None, *, field: str = "agent.model_id") -> None:
    allowed = ALLOWED_MODELS.get(harness)
    if allowed is None or model_id is None or model_id in allowed:
        return
    raise SynthPoolsValidationError(
        field,
        f"model {model_id!r} is not available for harness {harness!r}",
        f"use one of the allowed models for {harness}: {', '.join(allowed)}",
    )


class _PresetCall(Protocol):
    def __call__(self, model_id: str | None = None, **options: Any) -> AgentSpec: ...


class _Preset:
    """``AgentSpec.codex(model_id=None, **options)``: :meth:`AgentSpec.preset` of one name (its
    default model unless ``model_id`` is given)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type[AgentSpec]) -> _PresetCall:
        return functools.partial(owner.preset, self.name)


@attrs.define
class AgentSpec(_Wire):
    """The agent harness and model of a rollout. Prefer the presets, which pick a valid model.

    >>> AgentSpec.codex(model_id="gpt-5.1-codex-mini").model_dump(exclude_none=True)
    {'harness': 'codex', 'model_id': 'gpt-5.1-codex-mini'}
    """

    harness: str
    model_id: str | None = None
    harness_version: str | None = None
    permission_mode: str | None = None
    agent_mode: str | None = None
    variant: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.harness, str) or not self.harness:
            raise SynthPoolsValidationError(
                "agent.harness", "harness is empty", f"use one of {', '.join(HARNESSES)}"
            )
        _check_model(self.harness, self.model_id)

    @classmethod
    def preset(cls, name: str, model_id: str | None = None, **options: Any) -> AgentSpec:
        """``AgentSpec.preset("claude_code", model_id="claude-sonnet-4.5")``; the presets are
        ``claude_code`` (or ``claude-code``), ``codex``, ``opencode`` and ``pi``."""
        if name not in DEFAULT_MODELS:
            raise SynthPoolsValidationError(
                "preset", f"unknown preset {name!r}", f"use one of {', '.join(DEFAULT_MODELS)}"
            )
        return cls(harness=name, model_id=model_id or DEFAULT_MODELS[name], **options)

    # the presets of the reference document, each :meth:`preset` under its name
    claude_code = _Preset("claude-code")
    opencode = _Preset("opencode")
    codex = _Preset("codex")
    pi = _Preset("pi")

    @staticmethod
    def allowed_models(harness: str) -> tuple[str, ...] | None:
        """Models allowed for ``harness``; ``None`` when it accepts any model."""
        return ALLOWED_MODELS.get(harness)


@attrs.define
class TaskRef(_Wire):
    dataset: str
    task_id: str
    version: str | None = None


@attrs.define
class TimeoutSpec(_Wire):
    agent_sec: float | None = None
    verifier_sec: float | None = None
    build_sec: float | None = None


@attrs.define
class EnvironmentSpec(_Wire):
    backend: str
    docker_image: str | None = None
    config: dict[str, Any] | None = None


# ---------------------------------------------------------------- rollout requests


def _sub(value: Any) -> Any:
    return value.to_dict() if isinstance(value, _Wire) else value


@attrs.define
class RolloutRequestV1(_Wire):
    """A rollout request. Required: task_ref, agent, task_app_url, timeouts, and one of
    pool_id / pool_tags / environment. Checked by :meth:`validate` before anything is sent."""

    task_ref: TaskRef | dict[str, Any]
    agent: AgentSpec | dict[str, Any]
    task_app_url: str
    timeouts: TimeoutSpec | dict[str, Any]
    pool_id: str | None = None
    pool_tags: list[str] | None = None
    environment: EnvironmentSpec | dict[str, Any] | None = None
    priority: int | None = None
    dry_run: bool | None = None
    metadata: dict[str, Any] | None = None
    repro_metadata: dict[str, Any] | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        for key in ("task_ref", "agent", "timeouts", "environment"):
            if key in out:
                out[key] = _sub(out[key])
        return out

    def validate(self) -> dict[str, Any]:
        """Raise :class:`SynthPoolsValidationError` on the first problem; return the wire dict."""
        return rollout_request_to_dict(self)


# ---------------------------------------------------------------- pools and tasks


@attrs.define
class PoolTaskInstance(_Wire):
    """A task of a pool. Build one with the :class:`PoolTask` factories."""

    task_id: str
    backend: str
    docker_image: str | None = None
    env_vars: dict[str, str] | None = attrs.field(default=None, repr=_masked_env)
    data_source: dict[str, Any] | None = None
    registry_credential: str | None = None
    task_path: str | None = None
    resources: dict[str, Any] | None = None
    harbor: dict[str, Any] | None = None
    harbor_input: dict[str, Any] | None = None
    browser: dict[str, Any] | None = None
    openenv_deployment: dict[str, Any] | None = None
    openenv_rollout: dict[str, Any] | None = None
    archipelago: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    run: dict[str, Any] | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)


class PoolTask:
    """Factories for :class:`PoolTaskInstance`."""

    @staticmethod
    def from_docker(
        task_id: str, image: str, env: dict[str, str] | None = None, **options: Any
    ) -> PoolTaskInstance:
        """A Docker/Harbor task: ``backend="harbor"`` running ``image``."""
        return PoolTaskInstance(
            task_id=task_id, backend="harbor", docker_image=image, env_vars=env, **options
        )

    @staticmethod
    def from_openenv(
        task_id: str, url: str, *, openenv_deployment: Mapping[str, Any] | None = None, **options: Any
    ) -> PoolTaskInstance:
        """An OpenEnv task served at ``url``; ``openenv_deployment`` adds fields to its deployment
        (as Synth's own scripts pass it; ``url`` wins for ``container_url``)."""
        deployment = {**(openenv_deployment or {}), "container_url": url}
        return PoolTaskInstance(task_id=task_id, backend="openenv", openenv_deployment=deployment, **options)

    @staticmethod
    def from_browser(
        task_id: str,
        url: str,
        profile: str | None = None,
        *,
        browser: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> PoolTaskInstance:
        """A browser task at ``url``, optionally with a browser ``profile``; ``browser`` adds
        fields to its browser settings (``url`` and ``profile`` win when given)."""
        settings = {**(browser or {}), **_drop_none({"container_url": url, "profile": profile})}
        return PoolTaskInstance(task_id=task_id, backend="browser", browser=settings, **options)


@attrs.define
class PoolConfigV1(_Wire):
    """Configuration of a managed pool. ``pool_type`` is one of sandbox, browser, archipelago,
    openenv; ``template`` one of HARBOR_CODING, HARBOR_BROWSER, ARCHIPELAGO, OPENENV."""

    TEMPLATES: ClassVar[tuple[str, ...]] = POOL_TEMPLATES

    pool_id: str
    pool_type: str
    org_id: str | None = None
    backend: str | None = None
    target: str | None = None
    template: str | None = None
    capacity: int | None = None
    concurrency: int | None = None
    priority_weight: float | None = None
    resources: dict[str, Any] | None = None
    policy_tags: list[str] | None = None
    allowed_agents: list[str] | None = None
    allowed_models: list[str] | None = None
    tasks: list[dict[str, Any]] | None = None
    max_queue: int | None = None
    max_running: int | None = None
    spend_limit_usd: float | None = None
    idle_timeout_sec: int | None = None
    max_session_age_sec: int | None = None
    reuse_policy: str | None = None
    prewarm: int | None = None
    metadata: dict[str, Any] | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)


# ---------------------------------------------------------------- response types


@attrs.define
class EventEnvelope(_Wire):
    """One event of a rollout's stream: ``id`` is the resume cursor, ``seq`` is monotonic,
    ``event`` is lifecycle, agent, verifier, reward, heartbeat (or a newer kind, kept as is)."""

    id: str | None
    event: str
    seq: int | None
    data: Any
    timestamp: str | None = None
    rollout_id: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.define
class ArtifactEntry(_Wire):
    path: str
    size_bytes: int | None = None
    sha256: str | None = None
    content_type: str | None = None
    created_at: str | None = None
    provenance: Any = None
    download_url: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)


@attrs.define
class ArtifactManifest(_Wire):
    """The artifacts a rollout produced (``artifacts``), with their total size."""

    rollout_id: str
    artifacts: list[ArtifactEntry] = attrs.field(factory=list)
    total_size_bytes: int | None = None
    created_at: str | None = None
    next_cursor: str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        raw = dict(data)
        items = raw.get("artifacts") or raw.get("items") or []
        raw["artifacts"] = [ArtifactEntry.from_dict(a) for a in items if isinstance(a, Mapping)]
        raw.pop("items", None)
        return super().from_dict(raw)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["artifacts"] = [a.to_dict() for a in self.artifacts]
        return out


@attrs.define
class UsageSnapshot(_Wire):
    """A rollout's usage: wall time, sandbox/browser minutes, LLM tokens, bytes moved, cost."""

    rollout_id: str
    wall_time_sec: float | None = None
    sandbox_minutes: float | None = None
    browser_minutes: float | None = None
    bytes_uploaded: int | None = None
    bytes_downloaded: int | None = None
    llm_input_tokens: int | None = None
    llm_output_tokens: int | None = None
    cost_usd: float | None = None
    provider_costs: dict[str, Any] | None = None
    #: the local backend's stand-in agent made the run up (nothing ran): every figure is 0
    simulated: bool | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)
