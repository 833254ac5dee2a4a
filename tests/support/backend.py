"""The tests' way to start the local backend: `with start_backend(tmp_path) as b: b.base_url`.

A thin layer over `synth_pools_server.launcher` (the one launcher the demo and benchmarks use too):
here the backend's state lives in `tmp_path / "backend-data"`, so a test's other files stay apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from synth_pools_server.launcher import DEFAULT_KEYS, READY, LocalBackend
from synth_pools_server.launcher import start_backend as _launch

__all__ = ["DEFAULT_KEYS", "READY", "REPO", "LocalBackend", "start_backend"]

REPO = Path(__file__).resolve().parents[2]


def start_backend(
    tmp_path: Path, keys: dict[str, str] | None = None, extra_args: Sequence[str] = ()
) -> LocalBackend:
    """A started backend (context manager) on a free loopback port, its state under tmp_path."""
    return _launch(Path(tmp_path) / "backend-data", keys, extra_args)
