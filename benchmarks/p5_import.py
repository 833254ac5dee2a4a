"""P5: what a user's first line and a one-shot CLI command cost, as ratios to ``import httpx``.

Rows (targets from issue 13; each round measures the SDK and its baseline back to back, in fresh
interpreters, and the ratio is the median of per-round ratios):

- ``from synth_pools import EnvironmentPoolsClient`` against ``import httpx``: time of the import
  statement inside a fresh interpreter (``perf_counter`` around it), target <= 1.3x.
- ``synth-pools --json rollouts get ID`` against the local backend: wall time of the whole process
  against that of ``python -c "import httpx"``, target <= 1.5x (issue 28; 2x before).

The checkout's packages are byte-compiled first (``compileall``), as ``pip install`` does for a
wheel: with PYTHONDONTWRITEBYTECODE set, every run would otherwise recompile the SDK's sources
while httpx loads from its installed ``.pyc`` files.
"""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _fixtures import Bench
from _table import Row

__all__ = ["run"]

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("synth_pools", "synth_pools_server", "generated")
IMPORT_TARGET = "ratio<= 1.3x"
CLI_TARGET = "ratio<= 1.5x"


def _compile_checkout() -> None:
    for package in PACKAGES:
        if (ROOT / package).is_dir():
            compileall.compile_dir(ROOT / package, quiet=1, workers=1)


def import_ms(statement: str) -> float:
    """Time of ``statement`` (ms) inside a fresh interpreter."""
    code = f"import time\nt = time.perf_counter()\n{statement}\nprint((time.perf_counter() - t) * 1000)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip())


def process_ms(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time (ms) of a whole process, and its stdout; a failure raises with its stderr."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {done.returncode}: {done.stderr[-500:]}")
    return elapsed, done.stdout


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("synth-pools")
    return (
        [str(script)] if script.exists() else [sys.executable, "-c", "import synth_pools.cli as c; c.main()"]
    )


def run(quick: bool, rounds: int) -> list[Row]:
    _compile_checkout()
    n = rounds if quick else 2 * rounds
    sdk_import: list[float] = []
    httpx_import: list[float] = []
    cli: list[float] = []
    httpx_process: list[float] = []
    with tempfile.TemporaryDirectory(prefix="synth-p5-") as tmp, Bench(Path(tmp) / "backend") as bench:
        rollout_id = bench.finished_rollout("echo p5")
        env = dict(os.environ, SYNTH_API_KEY=bench.api_key)
        command = [*_cli(), "--backend-base", bench.base_url, "--json", "rollouts", "get", rollout_id]
        for r in range(n + 1):  # round 0 warms the file cache
            figures = (
                import_ms("from synth_pools import EnvironmentPoolsClient"),
                import_ms("import httpx"),
                process_ms(command, env),
                process_ms([sys.executable, "-c", "import httpx"]),
            )
            answer = json.loads(figures[2][1])
            if answer.get("rollout_id") != rollout_id:
                raise RuntimeError(f"the CLI printed another rollout: {figures[2][1][:300]}")
            if r:
                sdk_import.append(figures[0])
                httpx_import.append(figures[1])
                cli.append(figures[2][0])
                httpx_process.append(figures[3][0])
    return [
        Row(
            "P5",
            "from synth_pools import EnvironmentPoolsClient",
            "ms",
            sdk_import,
            "import httpx",
            httpx_import,
            IMPORT_TARGET,
            "time of the import statement in a fresh interpreter; packages byte-compiled as an install does",
        ),
        Row(
            "P5",
            "synth-pools --json rollouts get ID (local backend)",
            "ms",
            cli,
            'python -c "import httpx"',
            httpx_process,
            CLI_TARGET,
            "wall time of the whole process, one GET to the local backend on 127.0.0.1",
        ),
    ]
