"""Server settings parsed from the command line, shared by every module."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from .limits import Limits

# The spec ships inside this package (a symlink to openapi/synth-pools.yaml in the checkout, a real
# file in the wheel; `make check` fails when they differ), so the backend runs from an install.
SPEC_PATH: Traversable = files(__package__) / "synth-pools.yaml"

# Plans that may use environment-pool routes without a feature flag (api-surface.md).
POOL_PLANS = ("pro", "team", "enterprise", "demo")
DEFAULT_ORG = "org_local"


@dataclass(frozen=True)
class KeySpec:
    """One API key from `--api-key KEY[:PLAN[:ORG]]`; PLAN may carry flags: `free+environment_pools`,
    `pro+out_of_credits` (every rollout create answers 402), `pro+concurrency=4` (this key's org
    may have 4 rollouts queued or running)."""

    key: str = field(repr=False)
    plan: str = "pro"
    org_id: str = DEFAULT_ORG
    feature_flags: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> KeySpec:
        key, _, rest = text.partition(":")
        plan_part, _, org = rest.partition(":")
        plan, *flags = (plan_part or "pro").split("+")
        if not key:
            raise ValueError("an API key needs a non-empty KEY (format KEY[:PLAN[:ORG]])")
        return cls(key=key, plan=plan or "pro", org_id=org or DEFAULT_ORG, feature_flags=tuple(flags))


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8787
    data_dir: Path = Path(".synth-pools")
    keys: list[KeySpec] = field(default_factory=list)
    heartbeat_sec: float = 10.0
    workers: int = 16
    max_body_bytes: int = 16 * 1024 * 1024
    base_url: str = ""
    sandbox: str = "auto"
    # files a rollout must not see though they lie outside the data dir (the --api-keys-file)
    secret_files: list[Path] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)

    # the org's concurrency allowance (rollouts queued or running); None: only --workers bounds it
    org_concurrency: int | None = None
    org_retry_after_sec: float = 2.0
    # how long a new pool stays `building` before it is `active` (0: at once)
    pool_build_sec: float = 0.0

    @property
    def org_count(self) -> int:
        return len({k.org_id for k in self.keys})
