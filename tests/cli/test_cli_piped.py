"""The console script as CI, nohup and `| tee` run it: stdout piped at 80 columns, stdin not a
terminal, against a real local backend. Full ids, progress lines within their interval, the
summary block, global options anywhere, --version, confirmations, and one-line messages for a
missing extra and an unreachable backend.
"""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.backend import LocalBackend

EXE = Path(sys.executable).with_name("synth-pools")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")
ID = re.compile(r"\bro_[0-9a-f]{8,}\b")


def environment(backend: LocalBackend, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_")}
    env.update(COLUMNS="80", SYNTH_BACKEND_URL=backend.base_url, SYNTH_API_KEY=backend.api_key)
    env.pop("FORCE_COLOR", None)
    return {**env, **extra}


def sh(
    backend: LocalBackend, *args: str, expect: int | None = 0, stdin_text: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        env=environment(backend, **env),
        input=stdin_text,
        timeout=120,
    )
    if expect is not None:
        assert done.returncode == expect, (args, done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    return done


@pytest.fixture
def pool(backend: LocalBackend) -> str:
    name = f"piped-{uuid.uuid4().hex[:8]}"
    sh(backend, "pools", "create", name, "--concurrency", "4", "--json")
    sh(
        backend,
        "tasks",
        "add",
        name,
        "echo",
        "--command",
        "echo hi > out.txt",
        "--verifier",
        "echo 0.5",
        "--json",
    )
    sh(
        backend,
        "tasks",
        "add",
        name,
        "slow",
        "--command",
        "sleep 3; echo done",
        "--verifier",
        "echo 1.0",
        "--json",
    )
    return name


def test_tables_keep_whole_ids_and_hashes_at_80_columns(
    backend: LocalBackend, pool: str, tmp_path: Path
) -> None:
    launched = sh(backend, "rollouts", "launch", "--pool", pool, "--task", "echo", "-n", "2")
    ids = set(ID.findall(launched.stdout))
    assert len(ids) == 2
    listed = sh(backend, "rollouts", "list", "--pool", pool).stdout
    assert ids <= set(ID.findall(listed))  # each id whole, on one line
    rid = sorted(ids)[0]
    download = sh(backend, "artifacts", "download", rid, "out.txt", "-o", str(tmp_path / "out.txt")).stdout
    assert re.search(r"\b[0-9a-f]{64}\b", download), download
    stored = sh(backend, "credentials", "store", f"c-{pool}", "--stdin", "--json", stdin_text="v\n")
    credential_id = json.loads(stored.stdout)["credential_id"]
    assert credential_id in sh(backend, "credentials", "list").stdout
    sh(backend, "credentials", "delete", credential_id, "--yes")
    helped = sh(backend, "rollouts", "launch", "--help").stdout
    assert "--idempotency-prefix" in helped and "…" not in helped
    assert "--cancel-on-exit / --no-cancel-on-exit" in helped


def test_batch_progress_says_what_the_service_reports_of_rollouts_in_flight(
    backend: LocalBackend, tmp_path: Path
) -> None:
    # one at a time: the service runs one rollout and queues the other two, all three in flight
    name = f"one-{uuid.uuid4().hex[:8]}"
    sh(backend, "pools", "create", name, "--concurrency", "1", "--json")
    sh(backend, "tasks", "add", name, "nap", "--command", "sleep 1", "--verifier", "echo 1.0", "--json")
    command = [str(EXE), "--progress-interval", "0.2", "rollouts", "launch", "--pool", name, "--task", "nap"]
    command += ["-n", "3", "--journal", str(tmp_path / "nap.db")]
    code, lines = _stderr_lines_with_arrival(command, environment(backend))
    assert code == 0, lines
    progress = [line for _, line in lines if STAMP.match(line)]
    # it said "running 3" of them: the rollouts the client waited on, not what the service said
    assert not any(re.search(r"\brunning 3\b", line) for line in progress), progress
    assert any("to launch 0  in flight 3 (queued 2, running 1)" in line for line in progress), progress


def _stderr_lines_with_arrival(
    command: list[str], env: dict[str, str]
) -> tuple[int, list[tuple[float, str]]]:
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stderr is not None
    lines = [(time.monotonic() - started, line.rstrip("\n")) for line in proc.stderr]
    return proc.wait(timeout=60), lines


@pytest.mark.parametrize("journal", [False, True], ids=["plain", "journal"])
def test_launch_prints_timestamped_progress_at_the_interval(
    backend: LocalBackend, pool: str, tmp_path: Path, journal: bool
) -> None:
    command = [str(EXE), "--progress-interval", "0.5", "rollouts", "launch", "--pool", pool, "--task", "slow"]
    command += ["--journal", str(tmp_path / "b.db")] if journal else []
    code, lines = _stderr_lines_with_arrival(command, environment(backend))
    assert code == 0, lines
    progress = [(at, line) for at, line in lines if STAMP.match(line)]
    assert len(progress) >= 4, lines  # a 3 s rollout, a line every 0.5 s
    assert progress[0][0] < 2.5  # the first line long before the end (the old view: nothing until then)
    gaps = [later - earlier for (earlier, _), (later, _) in itertools.pairwise(progress)]
    assert max(gaps) < 0.5 + 1.5, gaps  # steady, with slack for a loaded machine
    assert "all done" in progress[-1][1] and "1/1 done" in progress[-1][1]


def test_watch_and_wait_print_progress_off_a_terminal(backend: LocalBackend, pool: str) -> None:
    launched = sh(backend, "--json", "rollouts", "launch", "--pool", pool, "--task", "slow", "--no-wait")
    rid = ID.findall(launched.stdout)[0]
    env = environment(backend)
    code, lines = _stderr_lines_with_arrival(
        [str(EXE), "--progress-interval", "0.5", "rollouts", "watch", rid], env
    )
    assert code == 0
    stamped = [line for _, line in lines if STAMP.match(line)]
    assert any("status running" in line for line in stamped) and any(
        "status completed" in line for line in stamped
    )
    waited = sh(backend, "rollouts", "wait", rid, "--progress-interval", "0.5")
    assert any(STAMP.match(line) and "all done" in line for line in waited.stderr.splitlines())


def test_summary_block_and_rows(backend: LocalBackend, pool: str, tmp_path: Path) -> None:
    out = sh(backend, "rollouts", "launch", "--pool", pool, "--task", "echo", "-n", "3").stdout
    assert "summary: 3 rollouts (completed 3)" in out
    assert "success rate 100.0% (3/3)" in out
    assert "mean reward  0.500 ± 0.000 stderr (n=3)" in out
    assert re.search(r"cost +\$\d+\.\d{4}", out) and re.search(r"duration +p50 [\d.]+s  p95 [\d.]+s", out)
    journal = tmp_path / "many.db"
    sh(backend, "rollouts", "launch", "--pool", pool, "--task", "echo", "-n", "22", "--journal", str(journal))
    collected = sh(backend, "rollouts", "collect", str(journal))
    assert "22 rows not listed (none failed); --rows lists every row" in collected.stdout
    assert not ID.findall(collected.stdout) and "summary: 22 rollouts (completed 22)" in collected.stdout
    every = sh(backend, "rollouts", "collect", str(journal), "--rows").stdout
    assert len(set(ID.findall(every))) == 22


def test_global_options_go_before_or_after_the_command(backend: LocalBackend, pool: str) -> None:
    env = {"SYNTH_BACKEND_URL": "http://127.0.0.1:9", "SYNTH_API_KEY": "wrong"}
    before = sh(
        backend,
        "--json",
        "--backend-base",
        backend.base_url,
        "--api-key",
        backend.api_key,
        "pools",
        "get",
        pool,
        **env,
    )
    after = sh(
        backend,
        "pools",
        "get",
        pool,
        "--json",
        f"--backend-base={backend.base_url}",
        "--api-key",
        backend.api_key,
        **env,
    )
    assert before.stdout == after.stdout and '"pool_id": "' + pool in after.stdout


def test_version() -> None:
    from synth_pools._version import __version__

    done = subprocess.run([str(EXE), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith(f"synth-pools {__version__} ")


def test_every_command_has_a_one_line_help(backend: LocalBackend) -> None:
    groups = {"pools", "tasks", "rollouts", "artifacts", "credentials"}
    for group in [None, *sorted(groups)]:
        helped = sh(backend, *([group] if group else []), "--help").stdout
        listed = helped.split("Commands:\n", 1)[1].splitlines()
        for line in listed:
            _, _, description = line.strip().partition(" ")
            assert description.strip() and not description.endswith("..."), (group, line)


def test_destructive_commands_ask_at_a_terminal_and_need_yes_elsewhere(backend: LocalBackend) -> None:
    name = f"gone-{uuid.uuid4().hex[:6]}"
    sh(backend, "pools", "create", name, "--json")
    refused = sh(backend, "pools", "delete", name, expect=2)
    assert "--yes" in refused.stderr
    sh(backend, "pools", "get", name, "--json")  # still there
    for answer, code in (("n", 1), ("y", 0)):
        controller, terminal = pty.openpty()
        proc = subprocess.Popen(
            [str(EXE), "pools", "delete", name],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(backend),
        )
        os.close(terminal)
        os.write(controller, f"{answer}\n".encode())
        _, err = proc.communicate(timeout=60)
        os.close(controller)
        assert proc.returncode == code and f"Delete pool {name}" in err
        if answer == "n":
            sh(backend, "pools", "get", name, "--json")
    sh(backend, "pools", "get", name, expect=1)
    sh(backend, "rollouts", "cancel", "ro_a", "ro_b", expect=2)  # a bulk cancel needs --yes too


def test_cancel_of_a_finished_rollout_and_a_reattaching_launch(backend: LocalBackend, pool: str) -> None:
    first = sh(backend, "rollouts", "launch", "--pool", pool, "--task", "echo")
    keys = re.search(r"1 rollout\(s\), keys (cli-[0-9a-f]{16}-0) ", first.stderr)
    assert keys is not None, first.stderr
    rid = ID.findall(first.stdout)[0]
    # at once: the old count compared created_at with this machine's clock, a second's slack, and
    # so said "launched 1" of a rollout an immediate rerun only reattached to
    again = sh(backend, "rollouts", "launch", "--pool", pool, "--task", "echo")
    assert f"1 rollout(s), keys {keys[1]} (the same command run again follows these" in again.stderr
    assert "launched" not in again.stderr and ID.findall(again.stdout) == [rid]
    cancelled = sh(backend, "rollouts", "cancel", rid)
    assert f"{rid} already finished (completed): nothing to cancel" in cancelled.stdout


def test_a_journaled_launch_rerun_at_once_counts_from_its_journal(
    backend: LocalBackend, pool: str, tmp_path: Path
) -> None:
    args = (
        "rollouts",
        "launch",
        "--pool",
        pool,
        "--task",
        "echo",
        "-n",
        "2",
        "--journal",
        str(tmp_path / "j.db"),
    )
    first = sh(backend, *args, "--rows")
    assert "resuming" not in first.stderr
    again = sh(backend, *args, "--rows")
    assert "reattaching to 2 rollout(s) it already launched, launching the other 0" in again.stderr
    assert (
        set(ID.findall(again.stdout)) == set(ID.findall(first.stdout))
        and len(set(ID.findall(first.stdout))) == 2
    )


def test_wait_asks_each_rollout_for_its_summary_only(backend: LocalBackend, pool: str) -> None:
    from tests.support.faultproxy import FaultProxy

    launched = sh(backend, "--json", "rollouts", "launch", "--pool", pool, "--task", "echo", "-n", "2")
    ids = [row["rollout_id"] for row in json.loads(launched.stdout)]
    with FaultProxy(backend.base_url) as proxy:
        waited = sh(backend, "--json", "rollouts", "wait", *ids, SYNTH_BACKEND_URL=proxy.url)
    assert [row["status"] for row in json.loads(waited.stdout)] == ["completed", "completed"]
    asked = sorted(seen.path.split("?")[0] for seen in proxy.seen)
    # finished already: one summary each and nothing else (it also asked GET /v1/rollouts/{id})
    assert asked == sorted(f"/v1/rollouts/{rid}/summary" for rid in ids), asked


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("typer", ["pools", "list"], "cli"),
        ("uvicorn", ["serve", "--port", "0"], "server"),
        ("pyarrow", ["rollouts", "collect", "x.db", "-o", "x.parquet"], "parquet"),
        ("inspect_ai", ["view", "x.db"], "inspect"),  # it once exited 2, as if mistyped
    ],
)
def test_a_missing_extra_is_one_line(tmp_path: Path, module: str, args: list[str], extra: str) -> None:
    # sys.modules[name] = None makes `import name` fail as it does when the package is absent
    code = f"import sys; sys.modules[{module!r}] = None; from synth_pools.cli import main; sys.exit(main({args!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"the {extra} extra ({module} is not installed): pip install 'synth-pools[{extra}]'" in done.stderr


def test_an_unreachable_backend_is_one_line_naming_url_source_and_cause(backend: LocalBackend) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    by_flag = sh(backend, "pools", "list", "--backend-base", closed, expect=1)
    assert by_flag.stderr.count("\n") == 1
    assert f"cannot reach the backend {closed} (from --backend-base): connection refused" in by_flag.stderr
    by_env = sh(backend, "pools", "list", expect=1, SYNTH_BACKEND_URL=closed)
    assert f"{closed} (from $SYNTH_BACKEND_URL): connection refused" in by_env.stderr
    dns = sh(backend, "pools", "list", "--backend-base", "http://no-such-host.invalid", expect=1)
    assert "DNS lookup failed" in dns.stderr
