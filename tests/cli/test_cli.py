"""The `synth-pools` command against a real local backend: in-process and as a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from synth_pools.cli import main
from synth_pools_server.launcher import LocalBackend

ECHO_TASK = ["--command", "printf 'one\\ntwo\\nthree\\n' > out.txt && cat out.txt", "--verifier", "echo 0.75"]


def cli(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], *args: str, json_output: bool = True
) -> tuple[int, str, str]:
    argv = ["--backend-base", backend.base_url, "--api-key", backend.api_key]
    argv += ["--json"] if json_output else []
    code = main([*argv, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli_json(backend: LocalBackend, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = cli(backend, capsys, *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def pool(backend: LocalBackend, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest) -> str:
    pool_id = "cli-" + re.sub(r"[^A-Za-z0-9.-]", "-", request.node.name[:40])
    created = cli_json(backend, capsys, "pools", "create", pool_id, "--type", "sandbox", "--concurrency", "2")
    assert created["pool_id"] == pool_id
    cli_json(backend, capsys, "tasks", "add", pool_id, "echo", *ECHO_TASK)
    return pool_id


def test_pools_lifecycle_round_trips_through_json(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str]
) -> None:
    created = cli_json(
        backend, capsys, "pools", "create", "cli-pools", "--type", "sandbox", "--max-queue", "7"
    )
    assert created["max_queue"] == 7
    assert "cli-pools" in {p["pool_id"] for p in cli_json(backend, capsys, "pools", "list")}
    updated = cli_json(backend, capsys, "pools", "update", "cli-pools", "--concurrency", "3")
    assert (updated["concurrency"], updated["max_queue"]) == (3, 7)
    assert cli_json(backend, capsys, "pools", "get", "cli-pools")["concurrency"] == 3
    assert cli_json(backend, capsys, "pools", "delete", "cli-pools", "--yes")["deleted"] is True
    code, _, err = cli(backend, capsys, "pools", "get", "cli-pools")
    assert code == 1 and "404" in err


def test_tasks_from_each_source(backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str) -> None:
    cli_json(backend, capsys, "tasks", "add", pool, "env", "--openenv", "https://task.example.com")
    cli_json(
        backend,
        capsys,
        "tasks",
        "add",
        pool,
        "web",
        "--browser",
        "https://task.example.com",
        "--profile",
        "linkedin",
    )
    tasks = {t["task_id"]: t for t in cli_json(backend, capsys, "tasks", "list", pool)}
    assert tasks["env"]["backend"] == "openenv"
    assert tasks["web"]["browser"]["profile"] == "linkedin"
    assert tasks["echo"]["run"]["verifier"] == "echo 0.75"
    cli_json(backend, capsys, "tasks", "delete", pool, "web")
    assert "web" not in {t["task_id"] for t in cli_json(backend, capsys, "tasks", "list", pool)}


def test_bad_input_exits_2_with_a_message(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path
) -> None:
    code, _, err = cli(
        backend, capsys, "tasks", "add", pool, "x", "--openenv", "https://a", "--command", "true"
    )
    assert code == 2 and "exactly one of" in err
    code, _, err = cli(backend, capsys, "rollouts", "launch", "--task", "echo")
    assert code == 2 and "--pool" in err
    code, _, err = cli(
        backend,
        capsys,
        "rollouts",
        "launch",
        "--pool",
        pool,
        "--task",
        "echo",
        "--agent",
        "codex",
        "--model",
        "gpt-0",
    )
    assert code == 2 and "gpt-5.2-codex" in err  # the message lists the allowed models
    code, _, err = cli(backend, capsys, "pools", "create", "p", "--concurrency", "0")
    assert code == 2
    # refused by the API rather than the SDK: still bad input, and the field is named
    code, _, err = cli(backend, capsys, "pools", "create", "bad id!")
    assert code == 2 and "pool_id" in err and "422" in err
    listed = tmp_path / "pools.json"
    listed.write_text('[{"pool_id": "a"}]')
    for command in ("create", "update"):  # a list where one pool belongs: it was a traceback
        code, _, err = cli(backend, capsys, "pools", command, pool, "--file", str(listed))
        assert code == 2 and "the file must hold one pool" in err, err


def test_launch_waits_reports_and_does_not_duplicate_on_rerun(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str
) -> None:
    args = ("rollouts", "launch", "--pool", pool, "--task", "echo", "-n", "3")
    first = cli_json(backend, capsys, *args)
    assert [r["status"] for r in first] == ["completed"] * 3
    assert all(r["reward"] == 0.75 and r["events"] > 0 for r in first)
    again = cli_json(backend, capsys, *args)
    assert [r["rollout_id"] for r in again] == [r["rollout_id"] for r in first]
    listed = cli_json(backend, capsys, "rollouts", "list", "--pool", pool)
    assert len(listed) == 3


def test_rollout_commands(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path
) -> None:
    [rollout] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "echo")
    rid = rollout["rollout_id"]
    assert cli_json(backend, capsys, "rollouts", "get", rid)["status"] == "completed"
    assert cli_json(backend, capsys, "rollouts", "usage", rid)["rollout_id"] == rid
    code, out, _ = cli(backend, capsys, "rollouts", "watch", rid)
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [e["seq"] for e in events] == sorted({e["seq"] for e in events})
    assert events[-1]["event"] == "lifecycle" and events[-1]["data"]["status"] == "completed"
    assert any(e["event"] == "reward" for e in events)
    bundle_path = tmp_path / "bundle.json"
    cli_json(backend, capsys, "rollouts", "support-bundle", rid, "--output", str(bundle_path))
    assert json.loads(bundle_path.read_text())["rollout_id"] == rid
    replayed = cli_json(backend, capsys, "rollouts", "replay", rid)
    assert replayed["rollout_id"] != rid
    cancelled = cli_json(backend, capsys, "rollouts", "cancel", replayed["rollout_id"])
    assert cancelled["status"] in {"cancelled", "completed"}  # it may have finished first
    code, out, _ = cli(backend, capsys, "rollouts", "wait", rid)
    assert code == 0 and json.loads(out)[0]["status"] == "completed"


def test_artifacts_download_matches_the_manifest(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path
) -> None:
    [rollout] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "echo")
    rid = rollout["rollout_id"]
    manifest = cli_json(backend, capsys, "artifacts", "list", rid)
    entry = next(a for a in manifest["artifacts"] if a["path"] == "out.txt")
    target = tmp_path / "out.txt"
    done = cli_json(backend, capsys, "artifacts", "download", rid, "out.txt", "--output", str(target))
    assert target.read_bytes() == b"one\ntwo\nthree\n"
    assert done["sha256"] == entry["sha256"] == hashlib.sha256(target.read_bytes()).hexdigest()
    archive = tmp_path / "all.zip"
    cli_json(backend, capsys, "artifacts", "download", rid, "--output", str(archive))
    with zipfile.ZipFile(archive) as zf:
        assert zf.read("out.txt") == b"one\ntwo\nthree\n"


def test_a_failed_download_leaves_the_old_file_and_no_part(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path
) -> None:
    # the SDK's .part-and-rename: the final name appears only when every byte arrived
    [rollout] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "echo")
    target = tmp_path / "out.txt"
    target.write_bytes(b"an earlier download")
    code, _, err = cli(
        backend, capsys, "artifacts", "download", rollout["rollout_id"], "missing.txt", "-o", str(target)
    )
    assert code == 1 and "not found" in err.lower(), err
    assert target.read_bytes() == b"an earlier download"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    code, out, _ = cli(
        backend, capsys, "artifacts", "download", rollout["rollout_id"], "out.txt", "-o", str(target)
    )
    assert code == 0 and target.read_bytes() == b"one\ntwo\nthree\n"
    assert json.loads(out)["size_bytes"] == len(b"one\ntwo\nthree\n")


def test_credentials_never_echo_the_value(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("canary-cli-secret-123\n")
    code, out, err = cli(
        backend, capsys, "credentials", "store", "cli-token", "--value-file", str(secret_file)
    )
    assert code == 0 and "canary-cli-secret-123" not in out + err
    stored = json.loads(out)
    listed = cli_json(backend, capsys, "credentials", "list")
    assert stored["credential_id"] in {c["credential_id"] for c in listed}
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("canary-rotated-456\n"))
    code, out, err = cli(backend, capsys, "credentials", "rotate", stored["credential_id"], "--stdin")
    assert code == 0 and "canary-rotated-456" not in out + err
    assert (
        cli_json(backend, capsys, "credentials", "delete", stored["credential_id"], "--yes")["deleted"]
        is True
    )


def test_service_commands(backend: LocalBackend, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    caps = cli_json(backend, capsys, "capabilities")
    assert {"claude-code", "codex", "opencode"} <= {a["harness"] for a in caps["agents"]}
    assert cli_json(backend, capsys, "me")["plan"] == "pro"
    out = tmp_path / "spec.json"
    code, _, err = cli(backend, capsys, "schema", "--output", str(out), json_output=False)
    assert code == 0, err
    assert "/v1/rollouts" in json.loads(out.read_text())["paths"]


def test_human_output_is_a_table(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = cli(backend, capsys, "pools", "list", json_output=False)
    assert code == 0 and pool in out and "pool_type" in out


def test_console_script_as_a_subprocess(backend: LocalBackend) -> None:
    exe = Path(sys.executable).with_name("synth-pools")
    env = {**os.environ, "SYNTH_BACKEND_URL": backend.base_url, "SYNTH_API_KEY": backend.api_key}
    result = subprocess.run([str(exe), "--json", "me"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"] == "pro"
    result = subprocess.run(
        [str(exe), "--json", "me"],
        capture_output=True,
        text=True,
        env={**env, "SYNTH_API_KEY": "sk_wrong"},
        timeout=60,
    )
    assert result.returncode == 1 and "401" in result.stderr and "sk_wrong" not in result.stderr


def test_serve_prints_its_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("synth-pools")
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", "0", "--data-dir", str(tmp_path), "--api-key", "sk_cli_serve:pro"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "listening on http://127.0.0.1:" in line:
                break
        assert any("listening on" in line for line in lines), lines
        proc.send_signal(signal.SIGTERM)
        # uvicorn finishes its shutdown, then re-raises the signal it captured
        assert proc.wait(timeout=20) in (0, -signal.SIGTERM)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_launch_from_a_request_file(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path, suffix: str
) -> None:
    request = {
        "task_ref": {"dataset": f"file{suffix}", "task_id": "echo"},
        "agent": {"harness": "codex"},
        "task_app_url": "https://task-app.example.com",
        "timeouts": {"agent_sec": 60},
        "pool_id": pool,
    }
    path = tmp_path / f"request{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(request))
    else:
        import yaml

        path.write_text(yaml.safe_dump(request))
    done = cli_json(backend, capsys, "rollouts", "launch", "--file", str(path), "-n", "2")
    assert [r["status"] for r in done] == ["completed", "completed"]
    path.write_text("[1, 2]")
    code, _, err = cli(backend, capsys, "rollouts", "launch", "--file", str(path))
    assert code == 2 and "one rollout request" in err


def test_tasks_add_command_with_files_and_env(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str, tmp_path: Path
) -> None:
    local = tmp_path / "prompt.md"
    local.write_text("solve it\n")
    cli_json(
        backend, capsys, "tasks", "add", pool, "filed",
        "--command", 'cat task/prompt.md; echo "mode=$MODE"', "--file", f"task/prompt.md={local}",
        "--env", "MODE=strict", "--verifier", "echo 1",
    )  # fmt: skip
    [done] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "filed")
    target = tmp_path / "stdout.txt"
    cli_json(
        backend,
        capsys,
        "artifacts",
        "download",
        done["rollout_id"],
        "logs/stdout.txt",
        "--output",
        str(target),
    )
    assert target.read_text() == "solve it\nmode=strict\n"


def test_tasks_add_docker_is_stored_without_an_engine(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str
) -> None:
    code, out, err = cli(
        backend, capsys, "tasks", "add", pool, "img", "--docker", "python:3.12", "--env", "A=1"
    )
    # stored either way (a definition is data, as on the service); without an engine a rollout of
    # it is refused, 501 not_supported_locally naming the engine (tests/server/test_access.py)
    assert code == 0, err
    assert json.loads(out)["docker_image"] == "python:3.12"


def test_credential_value_from_a_hidden_prompt(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[dict[str, object]] = []

    def fake_prompt(text: str, **options: object) -> str:
        asked.append({"text": text, **options})
        return "canary-prompted-789"

    monkeypatch.setattr("synth_pools.cli.inputs.typer.prompt", fake_prompt)
    code, out, err = cli(backend, capsys, "credentials", "store", "prompted-token")
    assert code == 0 and "canary-prompted-789" not in out + err
    assert asked and asked[0]["hide_input"] is True
    cli_json(backend, capsys, "credentials", "delete", json.loads(out)["credential_id"], "-y")


def test_human_watch_view(backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str) -> None:
    [done] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "echo")
    code, out, _ = cli(backend, capsys, "rollouts", "watch", done["rollout_id"], json_output=False)
    lines = [line.split() for line in out.splitlines() if line.strip()]
    assert code == 0
    assert [int(parts[0]) for parts in lines] == list(range(1, len(lines) + 1))  # seq, in order, once each
    assert lines[0][1:3] == ["lifecycle", "queued"] and lines[-1][1:3] == ["lifecycle", "completed"]
    assert ["reward", "0.75"] in [parts[1:3] for parts in lines]


def test_human_watch_prints_rollout_output_literally(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str
) -> None:
    # square brackets in what a rollout prints are text, not Rich markup (and "[/oops]" would crash it)
    cli_json(
        backend,
        capsys,
        "tasks",
        "add",
        pool,
        "brackets",
        "--command",
        "echo '[/oops] [bold]x[/bold]'",
        "--verifier",
        "echo 1",
    )
    [done] = cli_json(backend, capsys, "rollouts", "launch", "--pool", pool, "--task", "brackets")
    code, out, err = cli(backend, capsys, "rollouts", "watch", done["rollout_id"], json_output=False)
    assert code == 0, err
    assert "[/oops] [bold]x[/bold]" in out


def test_errors_and_tables_print_server_text_literally(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], pool: str
) -> None:
    code, _, err = cli(backend, capsys, "pools", "create", "bad[/oops]", json_output=False)
    assert code == 2 and "bad[/oops]" in err  # the API's message quotes the id: text, not markup
    from synth_pools.cli.output import show

    show([{"reason": "[/oops] list"}], as_json=False)
    show({"reason": "[/oops] object"}, as_json=False)
    out = capsys.readouterr().out
    assert "[/oops] list" in out and "[/oops] object" in out
