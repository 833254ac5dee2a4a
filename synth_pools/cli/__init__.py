"""The `synth-pools` command: the local backend, pools, tasks, rollouts, artifacts and credentials.

Typer and Rich come with the `cli` extra; the SDK itself never imports this package.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import NoReturn

__all__ = ["console_main", "main"]


def main(argv: list[str] | None = None) -> int:
    run = _command_tree()
    return 1 if run is None else run(argv)


def console_main() -> NoReturn:
    """The ``synth-pools`` script: :func:`main` in a process of its own (tests call ``main``).

    What a command loads lives until the process ends, so the garbage collector is kept off it:
    while the command tree loads (thousands of long-lived objects, walked again at every
    collection) and at exit (the interpreter's last collections walk every object to free what
    the process's end frees anyway). Cycles made while the command runs are still collected. That
    is about a fifth of a one-shot command against the local backend (benchmarks P5).
    """
    gc.disable()
    try:
        run = _command_tree()
    finally:
        gc.freeze()  # what is loaded so far: never collected, never walked again
        gc.enable()
    code = 1 if run is None else run(None)
    gc.freeze()
    sys.exit(code)


def _command_tree() -> Callable[[list[str] | None], int] | None:
    """``cli.app.run``, or None after saying in one line that the cli extra is missing."""
    try:
        from synth_pools.cli.app import run
    except ImportError as exc:  # the cli extra is missing: one line, as for every other extra
        print(
            f"synth-pools needs the cli extra ({exc.name} is not installed): pip install 'synth-pools[cli]'",
            file=sys.stderr,
        )
        return None
    return run
