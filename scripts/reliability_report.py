"""Run the proof suites and print their figures as one table.

    python scripts/reliability_report.py            # long variants (10k events / 100 cuts, 100 creations, 50 rollouts, 10 batch kills)
    python scripts/reliability_report.py --short    # the CI variants that `pytest` runs by default

It runs pytest on tests/reliability and tests/contract with ``SYNTH_POOLS_RESULTS`` pointing at a
temporary file (each suite appends its figures there), then prints: R1 events sent / received /
lost / duplicated; R2 creations / rollouts found; R3 delays observed vs asked and attempt counts;
R1 also against a server that reads only the real service's declared event parameters (page
ends counted); fuzz cases run / untyped errors; canary hits; crash-recovery objects before / after;
batch kill trials (rollouts, results, events in the journal vs on the backend).

The long variant then runs Schemathesis (tests/server/test_schemathesis.py) again with fresh random
seeds and a larger example budget (`make test` uses one fixed seed); each run's seed is in the
table, so a failure reproduces with `SCHEMATHESIS_SEED=<seed> pytest tests/server/test_schemathesis.py`.
The exit status is non-zero when pytest or any of the Schemathesis runs failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def rows_of(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def table(rows: list[dict[str, Any]]) -> str:
    out = [f"{'suite':<7} {'variant / check':<64} figures", "-" * 120]

    def add(suite: str, label: str, text: str) -> None:
        out.append(f"{suite:<7} {label:<64} {text}")

    for r in rows:
        name = r["name"]
        if name == "R1":
            add(
                "R1",
                r["variant"],
                f"sent {r['sent']}  received {r['received']}  lost {r['lost']}  "
                f"duplicated {r['duplicated']}  (cuts made {r['cuts']}, connections {r['connections']}"
                + (f", page ends {r['page_ends']})" if "page_ends" in r else ")"),
            )
        elif name == "R2":
            add(
                "R2",
                r["variant"],
                f"creations {r['creations']}  responses dropped {r['dropped']}  rollouts found {r['found']}",
            )
        elif name == "R3" and "asked" in r:
            add(
                "R3",
                f"Retry-After on {r['check']}",
                f"asked {r['asked']:.3f}s  observed {r['observed']:.3f}s",
            )
        elif name == "R3":
            expected = f" (expected {r['expected']})" if "expected" in r else ""
            add("R3", r["check"], f"attempts {r['attempts']}{expected}")
        elif name == "fuzz":
            add("fuzz", "Hypothesis cases", f"cases run {r['cases']}  untyped errors {r['untyped']}")
        elif name == "canary":
            add(
                "canary",
                f"{r['places']} places searched",
                f"canary hits {r['hits']}  (DEBUG log lines {r['log_lines']})",
            )
        elif name == "schemathesis":
            verdict = "passed" if r["exit_code"] == 0 else f"FAILED (pytest exit {r['exit_code']})"
            add("st", f"seed {r['seed']}, {r['max_examples']} examples/op", verdict)
        elif name == "crash":
            add(
                "crash",
                r["variant"],
                f"rollouts before {r['rollouts_before']} after {r['rollouts_after']}  "
                f"events before {r['events_before']} after {r['events_after']}  consumer got {r['consumer_events']}",
            )
        elif name == "batch_kill":
            mid = sum(1 for k in r["kill_points"] if not k["ended_before_kill"] and k["finished"] < 100)
            add(
                "batch",
                f"SIGKILL run_batch, {r['variant']}",
                f"kills {r['kills']} ({mid} mid-run)  rollouts {r['rollouts']}  results {r['results']}  "
                f"events backend {r['events_backend']} journal {r['events_journal']}  "
                f"reward mismatches {r['reward_mismatches']}",
            )
    return "\n".join(out)


def _pytest(*paths: str) -> list[str]:
    """A quiet pytest run of these paths that leaves no cache behind."""
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *paths]


def run_schemathesis(results: Path, seed: int, max_examples: int = 60) -> int:
    """One Schemathesis run with this seed; its outcome becomes a row of the results file."""
    env = {**os.environ, "SCHEMATHESIS_SEED": str(seed), "SCHEMATHESIS_MAX_EXAMPLES": str(max_examples)}
    code = subprocess.call(_pytest("tests/server/test_schemathesis.py"), cwd=ROOT, env=env)
    row = {"name": "schemathesis", "seed": seed, "max_examples": max_examples, "exit_code": code}
    with results.open("a") as out:
        out.write(json.dumps(row) + "\n")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="the CI variants instead of the long ones")
    parser.add_argument(
        "--from", dest="source", type=Path, help="print a results file instead of running pytest"
    )
    parser.add_argument(
        "--schemathesis-runs",
        type=int,
        help="randomly seeded Schemathesis runs to add (default: 2, none with --short)",
    )
    args = parser.parse_args()
    if args.source:
        print(table(rows_of(args.source)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        results = Path(tmp) / "results.jsonl"
        env = {**os.environ, "SYNTH_POOLS_RESULTS": str(results)}
        argv = _pytest("tests/reliability", "tests/contract")
        if not args.short:
            env["SYNTH_POOLS_LONG"] = "1"
            argv += ["-m", "slow or not slow"]
        code = subprocess.call(argv, cwd=ROOT, env=env)
        runs = args.schemathesis_runs if args.schemathesis_runs is not None else (0 if args.short else 2)
        for _ in range(runs):
            code = run_schemathesis(results, random.randrange(2**32)) or code
        print()
        print(table(rows_of(results)))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
