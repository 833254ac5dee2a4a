"""Through the SDK and the CLI, the local backend invents no result (issue 26).

A missing task is refused; a task served by a task app is not run (failed, naming the URL, no
reward); the stand-in agent's runs are marked simulated and carry no reward; the CLI exits 3 when
nothing failed yet no rollout produced a verified result, and 1 when one failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import synth_pools as sp
from synth_pools.batch import BatchResult
from synth_pools.cli import main
from synth_pools.environment_pools import EnvironmentPoolsClient
from tests.support.backend import LocalBackend

VERIFIED = {"task_id": "scored", "backend": "local", "run": {"command": "echo hi", "verifier": "echo 0.25"}}
REMOTE = {"task_id": "remote", "backend": "openenv", "openenv_deployment": {"url": "https://app.example"}}


def _client(backend: LocalBackend) -> EnvironmentPoolsClient:
    return EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url)


def _pool(client: EnvironmentPoolsClient, name: str, tags: list[str] | None = None) -> str:
    body = {"name": name, "pool_type": "openenv", "policy_tags": tags or [], "tasks": [VERIFIED, REMOTE]}
    if tags:
        body["tasks"] = []  # the smoke test's pool: dataset tasks, none defined here
    return str(client.pools.create(request=body)["pool_id"])


def _cli(backend: LocalBackend, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--backend-base", backend.base_url, "--api-key", backend.api_key, "--json", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_sdk_missing_task_task_app_and_simulated_harness(backend: LocalBackend) -> None:
    with _client(backend) as client:
        pool_id = _pool(client, "sdk-honest")
        with pytest.raises(sp.APIStatusError) as refused:
            client.rollouts.create(
                {
                    "pool_id": pool_id,
                    "task_ref": {"dataset": "d", "task_id": "no-such-task"},
                    "agent": {"harness": "codex"},
                }
            )
        assert refused.value.status_code == 404 and "no-such-task" in str(refused.value)
        assert "'scored'" in str(refused.value) and "'remote'" in str(refused.value)

        app = client.rollouts.create(
            {
                "pool_id": pool_id,
                "task_ref": {"dataset": "d", "task_id": "remote"},
                "agent": {"harness": "codex"},
                "task_app_url": "https://app.example/run",
            }
        ).wait(timeout=60, poll_interval=0.05)
        assert (
            app["status"] == "failed" and app["reward"] is None and "https://app.example/run" in app["error"]
        )

        smoke = _pool(client, "sdk-smoke", tags=["sdk-smoke-tag"])
        simulated = client.rollouts.create(
            {
                "pool_tags": ["sdk-smoke-tag"],
                "task_ref": {"dataset": "d", "task_id": "dataset-7"},
                "agent": {"harness": "opencode"},
            }
        ).wait(timeout=60, poll_interval=0.05)
        assert simulated["pool_id"] == smoke and simulated["simulated"] is True
        assert (
            simulated["status"] == "completed" and simulated["reward"] is None and simulated["score"] is None
        )

        scored = client.rollouts.create(
            {
                "pool_id": pool_id,
                "task_ref": {"dataset": "d", "task_id": "scored"},
                "agent": {"harness": "claude-code"},
            }
        ).wait(timeout=60, poll_interval=0.05)
        assert scored["reward"] == 0.25 and scored["metrics"]["outcome_reward"] == 0.25

        requests = [
            {
                "pool_tags": ["sdk-smoke-tag"],
                "task_ref": {"dataset": "d", "task_id": f"d{i}"},
                "agent": {"harness": "pi"},
            }
            for i in range(3)
        ]
        result = client.rollouts.run_batch(requests, concurrency=3)
        assert isinstance(result, BatchResult) and result.simulated == 3 and result.mean_reward() is None
        assert all(row.simulated and row.reward is None for row in result)


def test_cli_exit_codes_say_when_nothing_was_verified(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with _client(backend) as client:
        pool_id = _pool(client, "cli-honest")
        _pool(client, "cli-smoke", tags=["cli-smoke-tag"])

    code, out, err = _cli(backend, capsys, "rollouts", "launch", "--pool", pool_id, "--task", "no-such-task")
    assert code == 1 and "no-such-task" in err and "'scored'" in err

    code, out, _ = _cli(backend, capsys, "rollouts", "launch", "--pool", pool_id, "--task", "remote")
    rows = json.loads(out)
    assert code == 1 and rows[0]["status"] == "failed" and rows[0]["reward"] is None

    request = tmp_path / "simulated.json"
    request.write_text(
        json.dumps(
            {
                "pool_tags": ["cli-smoke-tag"],
                "task_ref": {"dataset": "d", "task_id": "x"},
                "agent": {"harness": "codex"},
            }
        )
    )
    code, out, err = _cli(backend, capsys, "rollouts", "launch", "--file", str(request), "-n", "2")
    assert out, err
    rows = json.loads(out)
    assert code == 3 and "no rollout produced a verified result" in err
    assert [(r["status"], r["reward"], r["simulated"]) for r in rows] == [("completed", None, True)] * 2

    code, out, _ = _cli(backend, capsys, "rollouts", "launch", "--pool", pool_id, "--task", "scored")
    assert code == 0 and json.loads(out)[0]["reward"] == 0.25

    code, out, err = _cli(
        backend, capsys, "rollouts", "launch", "--file", str(request), "--journal", str(tmp_path / "j.db")
    )
    assert code == 3 and "1 simulated" in err and json.loads(out)[0]["simulated"] is True
