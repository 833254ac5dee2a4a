"""Crash points for the crash tests: ``SYNTH_POOLS_CRASH_AT=<name>`` kills the backend (SIGKILL,
as a power cut or an OOM kill would) when it reaches the point of that name. Unset, a point costs one
dictionary lookup."""

from __future__ import annotations

import os
import signal

ENV_VAR = "SYNTH_POOLS_CRASH_AT"


def crash_point(name: str) -> None:
    if os.environ.get(ENV_VAR) == name:
        os.kill(os.getpid(), signal.SIGKILL)
