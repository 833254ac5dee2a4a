"""P5: ``import synth_pools`` in a fresh interpreter, by ``python -X importtime`` (cumulative
microseconds of the top-level package), with ``import httpx`` as the reference, and what a user's
first line really costs (``from synth_pools import EnvironmentPoolsClient``) for information.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from _table import Row

__all__ = ["run"]


def import_ms(module: str) -> float:
    """Cumulative ``-X importtime`` of ``import module`` (ms) in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in done.stderr.splitlines():
        # "import time:      self [us] | cumulative | imported package"; top-level lines are unindented
        parts = line.split("|")
        if len(parts) == 3 and parts[2].rstrip() == f" {module}" and parts[1].strip().isdigit():
            return int(parts[1]) / 1000.0
    raise RuntimeError(f"no importtime line for {module!r} in:\n{done.stderr[-500:]}")


def wall_ms(statement: str) -> float:
    """Wall time of `statement` (ms) in a fresh interpreter, timed inside it."""
    code = f"import time\nt = time.perf_counter()\n{statement}\nprint((time.perf_counter() - t) * 1000)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def run(quick: bool, rounds: int) -> list[Row]:
    cases: dict[str, Callable[[], float]] = {
        "pkg": lambda: import_ms("synth_pools"),
        "httpx": lambda: import_ms("httpx"),
        "client": lambda: wall_ms("from synth_pools import EnvironmentPoolsClient"),
        "httpx_wall": lambda: wall_ms("import httpx"),
    }
    out: dict[str, list[float]] = {k: [] for k in cases}
    for r in range((rounds if quick else 2 * rounds) + 1):
        for key, measure in cases.items():
            ms = measure()
            if r:  # round 0 warms the file cache
                out[key].append(ms)
    note = "-X importtime cumulative time of the top-level imports, fresh interpreter each time"
    client_note = "wall time inside a fresh interpreter (the client loads the generated package)"
    return [
        Row("P5", "import synth_pools", "ms", out["pkg"], "import httpx", out["httpx"], "value<= 150", note),
        Row(
            "P5",
            "from synth_pools import EnvironmentPoolsClient",
            "ms",
            out["client"],
            "import httpx (wall)",
            out["httpx_wall"],
            "",
            client_note,
        ),
    ]
