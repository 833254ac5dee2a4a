"""E1: exporting a batch journal as an Inspect eval log, 10,000 rollouts x 200 kept events.

    python benchmarks/exports.py            # 10,000 x 200 (and 1,000 x 200 for the memory row), 2 rounds
    python benchmarks/exports.py --quick    # 500 x 200 (and 50 x 200), 1 round
    python benchmarks/run.py --only E1      # the same rows inside `make bench`

A journal is written through the ``Journal`` API as ``run_batch(events="keep")`` writes it (per
rollout: queued, running, a thought, a bash call, 193 output lines, its result, the reward and
the terminal lifecycle event), then each measurement runs in a fresh interpreter, which reports
its wall time and its peak RSS (``ru_maxrss``):

- time: ``BatchResult.to_inspect_log("run.eval")`` against reading every kept event of the same
  journal without writing anything (``Journal.events`` for each row: the floor of any export);
- memory: the export's peak RSS at 10,000 rollouts against the same export at 1,000. Streamed
  writing means the ratio stays near 1 (memory does not grow with the batch).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _table import Row, render

EVENTS_PER_ROLLOUT = 200
STAMP = "2026-01-01T00:00:0{}Z"


def _envelopes(index: int) -> list[str]:
    rid = f"ro-{index:08d}"
    items: list[tuple[str, dict[str, Any]]] = [
        ("lifecycle", {"status": "queued", "reason": None}),
        ("lifecycle", {"status": "running", "reason": None}),
        ("agent", {"type": "thinking", "step": 1, "model_id": "m", "input_tokens": 900, "output_tokens": 80,
                   "text": "Reading the task and planning the change."}),
        ("agent", {"type": "tool_call", "step": 2, "model_id": "m", "input_tokens": 1200, "output_tokens": 60,
                   "tool": "bash", "input": {"command": "make test"}}),
    ]  # fmt: skip
    lines = EVENTS_PER_ROLLOUT - len(items) - 4
    items += [
        ("agent", {"type": "tool_output", "stream": "stdout", "line": f"test {n} ok"}) for n in range(lines)
    ]
    items += [
        ("agent", {"type": "tool_result", "step": 3, "tool": "bash", "exit_code": 0, "timed_out": False}),
        ("reward", {"reward": (index % 4) / 4}),
        ("verifier", {"type": "finished", "exit_code": 0, "reward": (index % 4) / 4}),
        ("lifecycle", {"status": "succeeded", "reason": None, "reward": (index % 4) / 4}),
    ]
    return [
        json.dumps({"id": str(seq), "event": kind, "seq": seq, "timestamp": STAMP.format(seq % 10),
                    "rollout_id": rid, "data": data})
        for seq, (kind, data) in enumerate(items, start=1)
    ]  # fmt: skip


def build_journal(path: Path, rollouts: int) -> Path:
    """A finished batch's journal, written the way the batch runner writes one."""
    from synth_pools.batch import Journal

    requests = [
        {"pool_id": "p", "task_ref": {"dataset": "bench", "task_id": f"t{i % 50}"}, "metadata": {"seed": i}}
        for i in range(rollouts)
    ]
    journal = Journal.open(path, requests, events="keep")
    try:
        for index in range(rollouts):
            rid = f"ro-{index:08d}"
            journal.record_created(index, rid)
            journal.record_events(
                index,
                (EVENTS_PER_ROLLOUT, str(EVENTS_PER_ROLLOUT)),
                (1, EVENTS_PER_ROLLOUT, _envelopes(index)),
            )
            reward = (index % 4) / 4
            usage = {"cost_usd": 0.01, "llm_input_tokens": 2100, "llm_output_tokens": 140}
            journal.record_result(index, {
                "index": index, "rollout_id": rid, "status": "succeeded", "reward": reward,
                "usage": usage, "events": EVENTS_PER_ROLLOUT, "task_id": f"t{index % 50}",
                "started_at": STAMP.format(0), "finished_at": STAMP.format(9), "duration_sec": 9.0,
            })  # fmt: skip
            if index % 500 == 499:
                journal.flush()
    finally:
        journal.close()
    return path


def _child(mode: str, journal: str, out: str) -> None:
    import resource

    started = time.perf_counter()
    if mode == "read":
        from synth_pools.batch import Journal

        opened = Journal.read(journal)
        try:
            count = sum(1 for stored in opened.rows() for _ in opened.events(stored.index))
        finally:
            opened.close()
        assert count > 0
    else:
        from synth_pools.batch import BatchResult

        BatchResult.load(journal).to_inspect_log(out)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def _measure(mode: str, journal: Path, out: Path) -> dict[str, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(journal), str(out)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def run(quick: bool, rounds: int, scratch: Path) -> list[Row]:
    big, small = (500, 50) if quick else (10_000, 1_000)
    built = time.perf_counter()
    big_journal = build_journal(scratch / "big.db", big)
    small_journal = build_journal(scratch / "small.db", small)
    build_note = f"journals built in {time.perf_counter() - built:.0f}s"
    size_mb = big_journal.stat().st_size / 1e6
    export_s, read_s, peak_big, peak_small, eval_mb = [], [], [], [], 0.0
    for round_no in range(rounds):
        order = ["read", "eval"] if round_no % 2 == 0 else ["eval", "read"]
        for mode in order:
            figures = _measure(mode, big_journal, scratch / "run.eval")
            (read_s if mode == "read" else export_s).append(figures["seconds"])
            if mode == "eval":
                peak_big.append(figures["peak_mb"])
                eval_mb = (scratch / "run.eval").stat().st_size / 1e6
        peak_small.append(_measure("eval", small_journal, scratch / "small.eval")["peak_mb"])
    events = big * EVENTS_PER_ROLLOUT
    return [
        Row(
            "E1",
            f".eval export of {big:,} rollouts x {EVENTS_PER_ROLLOUT} events",
            "s",
            export_s,
            "read every kept event (no export)",
            read_s,
            note=f"{events / (sum(export_s) / len(export_s)):,.0f} events/s; journal {size_mb:.0f} MB -> "
            f".eval {eval_mb:.0f} MB; {build_note}",
        ),
        Row(
            "E1",
            f".eval export peak RSS, {big:,} rollouts",
            "MB",
            peak_big,
            f"same export of {small:,} rollouts",
            peak_small,
            target="ratio<= 1.5",
            note=f"streamed: {big // small}x the rollouts, +{_median(peak_big) - _median(peak_small):.0f} MB "
            "(the rows BatchResult.load holds, the sample ids)",
        ),
    ]


def run_isolated(quick: bool, rounds: int) -> list[Row]:
    """:func:`run` in a new interpreter; its rows come back as JSON."""
    with tempfile.TemporaryDirectory(prefix="synth-bench-e1-") as tmp:
        out = Path(tmp) / "rows.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--rounds",
            str(rounds),
            "--rows-json",
            str(out),
        ]
        subprocess.run(command + (["--quick"] if quick else []), check=True, stdout=subprocess.DEVNULL)
        return [Row(**fields) for fields in json.loads(out.read_text())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument(
        "--rows-json", type=Path, default=None, help="also write the rows here (run_isolated)"
    )
    parser.add_argument("--child", nargs=3, metavar=("MODE", "JOURNAL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="synth-bench-e1-") as tmp:
        rows = run(args.quick, args.rounds or (1 if args.quick else 2), Path(tmp))
    if args.rows_json is not None:
        args.rows_json.write_text(json.dumps([dataclasses.asdict(row) for row in rows]))
    print(render(rows, f"E1 Inspect log export: `python benchmarks/exports.py {' '.join(sys.argv[1:])}`"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
