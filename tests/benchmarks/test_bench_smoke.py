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
    "P1L": 4,  # against the 50 ms stand-in service: pooled httpx, new client per call (p50, p99)
    "P2": 12,  # local backend, minimal app create+get, minimal app pools.get
    "P2L": 6,  # get_pool and create+get at 50 ms: bare aiohttp, thread adapter, httpx
    "P3": 5,  # sync (and sync vs an orjson loop), async, async over httpx, JSON export: pages of 1,000
    "P3M": 1,
    "P4": 6,
    "P5": 2,
    "P6": 4,
    "J1": 5,  # batch journal: events last / keep, wall time and client CPU; a resumed start
    "E1": 2,  # Inspect log export: time against reading the events, peak RSS against a 10x smaller batch
    "S1": 3,  # another org's GET while one floods events: p99, p50, events stored
    "S2": 3,  # another org's GETs while one creates a big pool: longest, p99, the create
    "A1": 2,  # a batch against an org allowance: found vs told, beside an aiohttp loop told it
}


def _table_rows(out: str) -> dict[str, list[str]]:
    """The table's rows by benchmark id (the first cell)."""
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():
        bench_id = line.split(" | ", 1)[0].strip()
        if " | " in line and bench_id in EXPECTED_ROWS:
            rows.setdefault(bench_id, []).append(line)
    return rows


@pytest.mark.timeout(480)
def test_quick_bench_prints_every_row_without_error() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=470,  # about 1.5 min on a quiet 2-core machine; several times that when shared
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, f"exit {done.returncode}\n{out}\n{done.stderr[-3000:]}"
    rows = _table_rows(out)
    for bench_id, count in EXPECTED_ROWS.items():
        mine = rows.get(bench_id, [])
        assert len(mine) == count, f"{bench_id}: expected {count} rows, got {len(mine)}\n{out}"
    verdicts = {line.rsplit("|", 1)[1].strip() for lines in rows.values() for line in lines}
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
    assert set(_table_rows(done.stdout)) == {"P5"}
    bad = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "P9"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and "unknown benchmark" in bad.stderr
