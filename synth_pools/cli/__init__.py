"""The `synth-pools` command: the local backend, pools, tasks, rollouts, artifacts and credentials.

Typer and Rich come with the `cli` extra; the SDK itself never imports this package.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    try:
        from synth_pools.cli.app import run
    except ImportError as exc:  # the cli extra is missing: one line, as for every other extra
        print(
            f"synth-pools needs the cli extra ({exc.name} is not installed): pip install 'synth-pools[cli]'",
            file=sys.stderr,
        )
        return 1
    return run(argv)
