"""The bodies Synth's own clients send, and the way they read the answers, quoted as data.

Sources (design/real-service.md, which names them; all public):
- Benchmarking `demos/environment_pools/test_env_pools.py` (the smoke test): agent rollouts with
  `agent {"harness": "opencode", "model_id": "gpt-4o-mini"}`, routed by `pool_tags`, sent
  WITHOUT `task_app_url` unless one is configured; finished rollouts polled until
  succeeded/failed/cancelled/error/completed and read as `reward_primary`.
- Benchmarking `demos/environment_pools/harbor_e2e.py`: `{pool_id, environment, harbor}` only.
- Synth's docs, cookbook and README (real-service.md, "The service as the newest clients see it"):
  pool creation as `{name, target, tasks}`, `{pool_id, assembly_id, name, backend, metadata,
  tasks}` and `{name, backend, provider, runtime_kind, image_ref, entrypoint, ...}`; the answer
  read as `pool["id"]`, `pool["status"]`, or (older scripts) `pool["pool"]["pool_id"]`.
- synth-containers 0.4.x: container rollouts `{task_id, seed, policy, metadata, env}` with `env`
  the task environment; lists read from `items`; reward from `metrics.outcome_reward`, else
  `score`; terminal = completed/failed/cancelled; `POST /v1/rollouts/batch {pool_id, rollouts}`.
"""

from __future__ import annotations

from typing import Any

# -- pool creation ------------------------------------------------------------------------
# The keys are the sources'; each task carries a local `run` (command + verifier) so that the same
# body also runs here (the sources' tasks point at images and apps this machine cannot run).
#: the docs' shortest body: a name, a target and tasks (no pool_type, no pool_id)
POOL_NAME_TARGET_TASKS: dict[str, Any] = {
    "name": "docs-quickstart",
    "target": "harbor",
    "tasks": [{"task_id": "hello", "run": {"command": "echo hi", "verifier": "echo 0.5"}}],
}
#: the cookbook's body: an assembly, a backend and metadata, pool_id left null
POOL_ASSEMBLY: dict[str, Any] = {
    "pool_id": None,
    "assembly_id": "asm_tblite_codex",
    "name": "tblite-codex",
    "backend": "harbor",
    "metadata": {"suite": "tblite"},
    "tasks": [{"task_id": "t-1", "run": {"command": "true", "verifier": "echo 1"}}],
}
#: the README's container-pool body: an image and its entrypoint, no tasks
POOL_CONTAINER: dict[str, Any] = {
    "name": "echo-container",
    "backend": "arbitrary",
    "provider": "modal",
    "runtime_kind": "container",
    "image_ref": "ghcr.io/example/echo:latest",
    "entrypoint": "python serve.py",
    "capacity": 2,
    "pool_config": {"warm": 1},
    "pool_metadata": {"owner": "docs"},
}
POOL_BODIES = {
    "name_target_tasks": POOL_NAME_TARGET_TASKS,
    "assembly": POOL_ASSEMBLY,
    "container": POOL_CONTAINER,
}

# -- rollouts -------------------------------------------------------------------------------
#: the smoke test's openenv rollout: routed by pool_tags, no pool_id, no task_app_url
SMOKE_OPENENV_ROLLOUT: dict[str, Any] = {
    "task_ref": {"dataset": "env-pools-demo", "task_id": "openenv-banking77"},
    "agent": {"harness": "opencode", "model_id": "gpt-4o-mini"},
    "environment": {"backend": "openenv"},
    "openenv": {"reset": {"seed": 0, "options": {"split": "test"}}, "steps": 1},
    "pool_tags": ["openenv", "banking77"],
    "timeouts": {"agent_sec": 300},
}
#: synth-containers' container rollout: env is the task environment, not string variables
CONTAINER_ROLLOUT: dict[str, Any] = {
    "task_id": "hello",
    "seed": 0,
    "policy": {"model": "gpt-5.2-codex"},
    "metadata": {"run": "docs"},
    "env": {"seed": 0, "config": {"difficulty": "easy"}},
}


def batch_body(pool_id: str, rollouts: list[dict[str, Any]]) -> dict[str, Any]:
    """`POST /v1/rollouts/batch` as synth-containers sends it."""
    return {"pool_id": pool_id, "rollouts": rollouts}


# -- how those clients read the answers -------------------------------------------------------
TERMINAL = ("completed", "failed", "cancelled")


def pool_id_read_by_docs(answer: dict[str, Any]) -> str:
    return str(answer["id"])


def pool_id_read_by_old_scripts(answer: dict[str, Any]) -> str:
    return str(answer["pool"]["pool_id"])


def pool_ids_of_list(answer: dict[str, Any]) -> list[str]:
    """synth-containers: the list under `items`; each id as `pool_id` or under `pool`."""
    return [p.get("pool_id", p.get("pool", {}).get("pool_id")) for p in answer["items"]]


def reward_read_by_new_clients(rollout: dict[str, Any]) -> float | None:
    """`metrics.outcome_reward`, else `score`; only at a terminal status."""
    if rollout["status"] not in TERMINAL:
        return None
    metrics = rollout.get("metrics") or {}
    value = metrics.get("outcome_reward", rollout.get("score"))
    return None if value is None else float(value)


def succeeded_per_new_clients(rollout: dict[str, Any]) -> bool:
    return rollout["status"] == "completed" and not rollout.get("error")


def rollouts_of_list(answer: Any) -> list[dict[str, Any]]:
    """The smoke test's `rollouts.get("rollouts", rollouts)` and synth-containers' `items`."""
    if isinstance(answer, dict) and "items" in answer:
        return list(answer["items"])
    return list(answer.get("rollouts", answer))
