"""Smoke check of `make bench`: `benchmarks/run.py --quick` prints every row and no error.

No timing assertions: the figures are whatever this machine gives; only the shape is checked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_ROWS = {
    "P1": 4,
    "P2": 12,  # local backend, minimal app create+get, minimal app pools.get
    "P3": 3,
    "P4": 6,
    "P5": 2,
    "P6": 4,
    "J1": 4,  # batch journal: events last / keep, wall time and client CPU
}


@pytest.mark.timeout(240)
def test_quick_bench_prints_every_row_without_error() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=230,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, f"exit {done.returncode}\n{out}\n{done.stderr[-3000:]}"
    rows = [line for line in out.splitlines() if line[:2] in EXPECTED_ROWS and " | " in line]
    for bench_id, count in EXPECTED_ROWS.items():
        mine = [line for line in rows if line.startswith(bench_id + " ")]
        assert len(mine) == count, f"{bench_id}: expected {count} rows, got {len(mine)}\n{out}"
    verdicts = {line.rsplit("|", 1)[1].strip() for line in rows}
    assert verdicts <= {"met", "MISSED", "info"}, f"unexpected verdicts {verdicts}\n{out}"
    assert "errors:" not in out


def test_only_selects_benchmarks_and_rejects_unknown_ones() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "P5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    ids = {line[:2] for line in done.stdout.splitlines() if " | " in line and line[:1] == "P"}
    assert ids == {"P5"}
    bad = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "P9"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and "unknown benchmark" in bad.stderr
