"""Per-rollout limits: what one task may consume before it is stopped, with defaults that keep a
shared backend responsive for every other organisation. Set with `serve --limit NAME=VALUE`."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

KIB, MIB, GIB = 1024, 1024**2, 1024**3
_UNITS = {"": 1, "k": KIB, "m": MIB, "g": GIB}


@dataclass(frozen=True)
class Limits:
    events: int = 200_000  # events one rollout may emit; past it the rollout fails
    events_per_sec: float = 5_000.0  # sustained event rate; faster output is throttled (writes block)
    output_bytes: int = 64 * MIB  # stdout + stderr bytes of one rollout; past it the rollout fails
    artifact_bytes: int = (
        1 * GIB
    )  # bytes of the files a rollout leaves (read, not st_size: sparse files count)
    artifacts: int = 5_000  # files a rollout may leave
    processes: int = 256  # processes at once (RLIMIT_NPROC; needs per-rollout uids, i.e. a root server)
    memory_bytes: int = 8 * GIB  # address space of each process (RLIMIT_AS)
    cpu_sec: int = 3_600  # CPU seconds of each process (RLIMIT_CPU)
    file_bytes: int = 512 * MIB  # largest file a process may write (RLIMIT_FSIZE)
    wall_sec: float = 3_600.0  # ceiling on the agent and verifier timeouts a request may ask for

    @classmethod
    def parse(cls, items: list[str], base: Limits | None = None) -> Limits:
        """`NAME=VALUE` items (VALUE may end in k, m or g for sizes) over `base`; ValueError names the bad one."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        changes: dict[str, float | int] = {}
        for item in items:
            name, sep, raw = item.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in known:
                raise ValueError(f"--limit {item!r}: expected NAME=VALUE with NAME one of {', '.join(known)}")
            match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kmgKMG]?)(?:i?[bB])?\s*", raw)
            if not match:
                raise ValueError(
                    f"--limit {item!r}: VALUE must be a positive number (sizes may end in k, m or g)"
                )
            value = float(match.group(1)) * _UNITS[match.group(2).lower()]
            if value <= 0:
                raise ValueError(f"--limit {item!r}: VALUE must be positive")
            changes[name] = value if known[name].type in (float, "float") else int(value)
        return dataclasses.replace(base or cls(), **changes)  # type: ignore[arg-type]

    def describe(self) -> str:
        return ", ".join(f"{f.name}={human(getattr(self, f.name), f.name)}" for f in dataclasses.fields(self))


def human(value: float, name: str = "") -> str:
    """A limit's value as the `--limit` syntax would give it (64m, 1g, 2000)."""
    if name.endswith("bytes"):
        for unit, size in (("g", GIB), ("m", MIB), ("k", KIB)):
            if value >= size and value % size == 0:
                return f"{int(value // size)}{unit}"
    return f"{value:g}"


class LimitExceeded(Exception):
    """A rollout went past one of its limits: the reason names the limit and its value."""

    def __init__(self, name: str, value: float, what: str) -> None:
        self.name = name
        super().__init__(f"limit {name}={human(value, name)} exceeded: {what}")
