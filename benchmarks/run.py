"""`make bench`: start the local backend and a 50 ms stand-in service on loopback, run every
benchmark, print one table.

    python benchmarks/run.py             # full run (about 8-12 minutes on a 2-core machine)
    python benchmarks/run.py --quick     # CI smoke run with small sizes (about a minute)
    python benchmarks/run.py --only P2L,P3M --rounds 5
    python benchmarks/run.py --peers .venv-peers   # `make bench-peers`: adds the peers' rows

E1 (exports.py) times the Inspect log export of a 10,000-rollout journal and its peak RSS.
S1 (another organisation's GET while one rollout floods events) and S2 (the same while one creates a
10,000-task pool) run on a two-organisation backend.
P1-P6 and J1 (batch journal) run against the local backend (or, for P2's second part, the
stand-in with no delay); P1L, P2L and P3M against the stand-in service with 50 ms on every answer
(``_latency_server``), which shows what native async buys in real use; A1 (a batch of 1,000 against
an org allowance of 64) against the stand-in in allowance mode, beside synth-containers 0.4.6
``run_many`` with ``--peers``.

Every SDK figure stands beside its baseline measured in the same run, in the same rounds (order
rotated per round). Each figure is the median over rounds with [min-max]; the ratio is the median
of per-round ratios. A baseline's transient network error reruns that round (``_paired``) and is
named in the notes. Exit status: 1 when the SDK errs (an ERROR row) or, in a full run, when the
SDK misses a target (quick sizes are too small for targets to mean anything); 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helper modules beside this file

from _fixtures import Bench
from _table import Row, render

ALL = ("P1", "P1L", "P2", "P2L", "P3", "P3M", "P4", "P5", "P6", "J1", "E1", "S1", "S2", "A1")
LATENCY = ("P1L", "P2L", "P3M")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes, 2 rounds: a smoke run for CI")
    p.add_argument(
        "--only", action="append", default=[], help=f"{', '.join(ALL)}: comma-separated or repeated"
    )
    p.add_argument(
        "--peers",
        type=Path,
        default=None,
        help="the peers' virtualenv (`make bench-peers` builds .venv-peers): add synth-ai 0.9.11/0.17.0 "
        "and synth-containers 0.4.6 rows",
    )
    p.add_argument(
        "--rounds", type=int, default=None, help="rounds per benchmark (default 2 quick, 3-5 full)"
    )
    args = p.parse_args(argv)
    wanted = [part.strip().upper() for item in args.only for part in item.split(",") if part.strip()]
    unknown = sorted(set(wanted) - set(ALL))
    if unknown:
        p.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")
    args.selected = [b for b in ALL if b in wanted] if wanted else list(ALL)
    return args


def _guard(bench_id: str, rows: list[Row], step: Callable[[], list[Row]]) -> None:
    started = time.monotonic()
    print(f"[{bench_id}] running...", file=sys.stderr, flush=True)
    try:
        rows.extend(step())
    except Exception as exc:
        traceback.print_exc()
        rows.append(Row(bench_id, "(benchmark failed)", "", [], error=f"{type(exc).__name__}: {exc}"[:400]))
    print(f"[{bench_id}] done in {time.monotonic() - started:.1f}s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    quick: bool = args.quick
    rounds: int = args.rounds or (2 if quick else 0)
    selected: list[str] = args.selected
    started = time.monotonic()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
        scratch = Path(tmp)
        api_benches = [b for b in ("P1", "P2", "P3", "P4") if b in selected]
        if api_benches:
            import p1_latency
            import p2_fanout
            import p3_events
            import p4_download

            # P4 downloads a 1 GiB artifact: above the default per-file cap (RLIMIT_FSIZE 512m)
            limits = ("--limit", "file_bytes=2g", "--limit", "artifact_bytes=2g")
            with Bench(scratch / "backend", extra_args=limits) as bench:
                steps: dict[str, Callable[[], list[Row]]] = {
                    "P1": lambda: p1_latency.run(bench, quick, rounds or 5),
                    "P2": lambda: p2_fanout.run(bench, quick, rounds or 3),
                    "P3": lambda: p3_events.run(bench, quick, rounds or 3),
                    "P4": lambda: p4_download.run(bench, quick, rounds or 3, scratch),
                }
                for bench_id in api_benches:
                    _guard(bench_id, rows, steps[bench_id])
        if "P5" in selected:
            import p5_import

            _guard("P5", rows, lambda: p5_import.run(quick, rounds or 5))
        if "P6" in selected:
            import p6_load

            _guard("P6", rows, lambda: p6_load.run(scratch / "backend-p6", quick, scratch))
        if any(b in selected for b in LATENCY):
            import p1l_latency
            import p2l_fanout
            import p3m_streams

            peers: Path | None = args.peers
            latency_steps: dict[str, Callable[[], list[Row]]] = {
                "P1L": lambda: p1l_latency.run(quick, rounds or 5, peers),
                "P2L": lambda: p2l_fanout.run(quick, rounds or 3, peers),
                "P3M": lambda: p3m_streams.run(quick, rounds or 3),
            }
            for bench_id in LATENCY:
                if bench_id in selected:
                    _guard(bench_id, rows, latency_steps[bench_id])
        if "J1" in selected:
            import batch_journal

            _guard("J1", rows, lambda: batch_journal.run_isolated(quick, rounds or 9))
        if "E1" in selected:
            import exports

            _guard("E1", rows, lambda: exports.run_isolated(quick, rounds or 2))
        if "S1" in selected:
            import s1_flood

            _guard("S1", rows, lambda: s1_flood.run(quick, rounds or 3, scratch))
        if "S2" in selected:
            import s2_big_pool

            _guard("S2", rows, lambda: s2_big_pool.run(quick, rounds or 3, scratch))
        if "A1" in selected:
            import a1_admission

            _guard("A1", rows, lambda: a1_admission.run(quick, rounds or 3, args.peers))
    elapsed = time.monotonic() - started
    command = "python benchmarks/run.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    title = (
        f"synth-pools benchmarks ({'quick' if quick else 'full'}): `{command.strip()}`, {elapsed:.0f}s, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, local backend on 127.0.0.1"
    )
    print(render(rows, title))
    return _exit_status(rows, quick)


def _exit_status(rows: list[Row], quick: bool) -> int:
    errors = [row for row in rows if row.error]
    missed = [] if quick else [row for row in rows if row.verdict() == "MISSED"]
    for row in missed:
        print(f"target missed: {row.id} {row.measure} vs {row.baseline_name} ({row.target})", file=sys.stderr)
    return 1 if errors or missed else 0


if __name__ == "__main__":
    sys.exit(main())
