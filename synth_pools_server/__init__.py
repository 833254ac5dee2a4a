"""The embedded local backend: serves openapi/synth-pools.yaml on one machine, no account needed.

Start it with `python -m synth_pools_server --port 0 --data-dir DIR` (or `synth-pools serve`).
The SDK never imports this package.
"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    from .server import main as _main

    return _main(argv)


__all__ = ["main"]
