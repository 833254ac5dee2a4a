"""`rollouts launch --journal` and `rollouts collect`, run as the console script a user's shell runs."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from tests.batch._setup import backend_rollouts, make_pool
from tests.support.backend import LocalBackend

EXE = Path(sys.executable).with_name("synth-pools")


# The command as a terminal runs it, Ctrl-C reaching it: a test runner started as a background
# job (as a CI script may be) ignores SIGINT, and a child inherits that, so it never saw the
# interrupt and ran to the end (exit 0 for 130). SIG_DFL survives the exec; SIG_IGN would too.
_AS_IN_A_TERMINAL = [
    sys.executable,
    "-c",
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
    str(EXE),
]


def _env(backend: LocalBackend) -> dict[str, str]:
    return {
        **os.environ,
        "SYNTH_BACKEND_URL": backend.base_url,
        "SYNTH_API_KEY": backend.api_key,
        "COLUMNS": "200",
    }


def _run(args: list[str], env: dict[str, str], expect: int = 0) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=180)
    assert done.returncode == expect, (args, done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    return done


def test_launch_with_a_journal_resumes_and_collect_exports(backend: LocalBackend, tmp_path: Path) -> None:
    with httpx.Client(base_url=backend.base_url, headers=backend.headers()) as direct:
        pool = make_pool(direct)
        journal = tmp_path / "run.db"
        launch = ["--json", "rollouts", "launch", "--pool", pool, "--task", "t", "-n", "5"]
        launch += ["--journal", str(journal), "--events", "keep"]
        first: list[dict[str, Any]] = json.loads(_run(launch, _env(backend)).stdout)
        assert [r["index"] for r in first] == list(range(5))
        assert {r["status"] for r in first} == {"completed"}
        again = json.loads(_run(launch, _env(backend)).stdout)
        assert again == first
        assert len(backend_rollouts(direct, pool)) == 5

        # collect reads the journal only: no key, no backend
        offline = {k: v for k, v in _env(backend).items() if not k.startswith("SYNTH_")}
        out = tmp_path / "run.csv"
        collected = _run(["rollouts", "collect", str(journal), "-o", str(out)], offline)
        assert "wrote 5 rows" in collected.stderr
        for row in first:
            assert row["rollout_id"] in collected.stdout
        with out.open() as fh:
            assert [r["rollout_id"] for r in csv.DictReader(fh)] == [r["rollout_id"] for r in first]
        as_json = json.loads(_run(["--json", "rollouts", "collect", str(journal)], offline).stdout)
        assert [r["reward"] for r in as_json] == [r["reward"] for r in first]
        bad = _run(["rollouts", "collect", str(journal), "-o", str(tmp_path / "x.txt")], offline, expect=2)
        assert ".jsonl, .csv, .parquet, .eval or .json" in bad.stderr
        missing = _run(["rollouts", "collect", str(tmp_path / "nope.db")], offline, expect=2)
        assert "does not exist" in missing.stderr


def test_ctrl_c_leaves_a_journal_that_the_same_command_resumes(backend: LocalBackend, tmp_path: Path) -> None:
    with httpx.Client(base_url=backend.base_url, headers=backend.headers()) as direct:
        pool = make_pool(direct, concurrency=4, command="sleep 2; echo done")
        journal = tmp_path / "run.db"
        launch = ["rollouts", "launch", "--pool", pool, "--task", "t", "-n", "4", "--journal", str(journal)]
        child = subprocess.Popen(
            [*_AS_IN_A_TERMINAL, *launch],
            env=_env(backend),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not journal.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        assert child.returncode == 130, (out, err)
        assert "rerun the same command to resume" in err

        done = _run(["--json", *launch], _env(backend))
        rows = json.loads(done.stdout)
        assert {r["status"] for r in rows} == {"completed"} and len(rows) == 4
        assert len(backend_rollouts(direct, pool)) == 4
