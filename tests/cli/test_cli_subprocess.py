"""Every command of the console script, run as a real subprocess (as a user's shell runs it),
against the local backend: --json output parsed back, exit codes checked.

tests/cli/test_cli.py covers the same commands in-process, with their edge cases.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from tests.support.backend import LocalBackend

EXE = Path(sys.executable).with_name("synth-pools")


class Shell:
    def __init__(self, backend: LocalBackend) -> None:
        self.env = {**os.environ, "SYNTH_BACKEND_URL": backend.base_url, "SYNTH_API_KEY": backend.api_key}
        self.ran: list[str] = []

    def run(self, *args: str, stdin: str | None = None, expect: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(EXE), "--json", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
        )
        assert done.returncode == expect, (args, done.returncode, done.stderr[-2000:])
        self.ran.append(" ".join(a for a in args[:2] if not a.startswith("-")))
        return done

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self.run(*args, stdin=stdin).stdout)


def test_every_command_as_a_subprocess(backend: LocalBackend, tmp_path: Path) -> None:
    sh = Shell(backend)
    pool = f"sub-{uuid.uuid4().hex[:8]}"
    assert sh.json("pools", "create", pool, "--type", "sandbox", "--concurrency", "2")["pool_id"] == pool
    assert pool in {p["pool_id"] for p in sh.json("pools", "list")}
    assert sh.json("pools", "update", pool, "--concurrency", "3")["concurrency"] == 3
    assert sh.json("pools", "get", pool)["concurrency"] == 3
    sh.json("tasks", "add", pool, "echo", "--command", "echo hi > out.txt", "--verifier", "echo 1.0")
    sh.json("tasks", "add", pool, "web", "--openenv", "https://task.example.com")
    assert {t["task_id"] for t in sh.json("tasks", "list", pool)} == {"echo", "web"}
    sh.json("tasks", "delete", pool, "web")

    [launched] = sh.json("rollouts", "launch", "--pool", pool, "--task", "echo")
    rid = launched["rollout_id"]
    assert launched["status"] == "completed" and launched["reward"] == 1.0
    assert rid in {r["rollout_id"] for r in sh.json("rollouts", "list", "--pool", pool)}
    assert sh.json("rollouts", "get", rid)["status"] == "completed"
    assert sh.json("rollouts", "wait", rid)[0]["status"] == "completed"
    watched = [json.loads(line) for line in sh.run("rollouts", "watch", rid).stdout.splitlines()]
    assert watched[-1]["event"] == "lifecycle"
    assert sh.json("rollouts", "usage", rid)["rollout_id"] == rid
    bundle = tmp_path / "bundle.json"
    sh.run("rollouts", "support-bundle", rid, "--output", str(bundle))
    assert json.loads(bundle.read_text())["rollout_id"] == rid
    replay = sh.json("rollouts", "replay", rid)["rollout_id"]
    assert sh.json("rollouts", "cancel", replay)["rollout_id"] == replay

    entry = next(a for a in sh.json("artifacts", "list", rid)["artifacts"] if a["path"] == "out.txt")
    target = tmp_path / "out.txt"
    assert (
        sh.json("artifacts", "download", rid, "out.txt", "--output", str(target))["sha256"] == entry["sha256"]
    )
    assert hashlib.sha256(target.read_bytes()).hexdigest() == entry["sha256"]

    stored = sh.json("credentials", "store", f"tok-{pool}", "--stdin", stdin="canary-subprocess-1\n")
    assert stored["credential_id"] in {c["credential_id"] for c in sh.json("credentials", "list")}
    rotated = sh.run(
        "credentials", "rotate", stored["credential_id"], "--stdin", stdin="canary-subprocess-2\n"
    )
    assert "canary-subprocess" not in rotated.stdout + rotated.stderr
    assert sh.json("credentials", "delete", stored["credential_id"], "--yes")["deleted"] is True

    assert "codex" in {a["harness"] for a in sh.json("capabilities")["agents"]}
    assert sh.json("me")["plan"] == "pro"
    spec = tmp_path / "spec.json"
    sh.run("schema", "--output", str(spec))
    assert "/v1/rollouts" in json.loads(spec.read_text())["paths"]
    assert sh.json("pools", "delete", pool, "--yes")["deleted"] is True
    sh.run("pools", "get", pool, expect=1)  # gone: the API's 404
    sh.run("pools", "create", "bad id!", expect=2)  # bad input

    commands = {
        "pools create", "pools list", "pools get", "pools update", "pools delete",
        "tasks add", "tasks list", "tasks delete",
        "rollouts launch", "rollouts list", "rollouts get", "rollouts wait", "rollouts watch",
        "rollouts cancel", "rollouts replay", "rollouts usage", "rollouts support-bundle",
        "artifacts list", "artifacts download",
        "credentials store", "credentials list", "credentials rotate", "credentials delete",
        "capabilities", "me", "schema",
    }  # fmt: skip
    assert commands <= set(sh.ran), commands - set(sh.ran)
