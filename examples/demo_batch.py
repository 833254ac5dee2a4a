"""The demo's batch with a journal that keeps every event, then the exports that look at it.

    python examples/demo_batch.py            # writes .demo-output/demo.db and .demo-output/demo.eval

Starts the embedded backend, creates the demo's pool (examples/demo.py: three command tasks, three
agent presets), runs the nine rollouts through ``run_batch(journal=...,
events="keep")``, and exports the batch as an Inspect eval log and one rollout as an ATIF
trajectory. Then: ``synth-pools view .demo-output/demo.db`` opens it in Inspect's viewer.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo import AGENTS, TASKS, backend_options

from synth_pools import EnvironmentPoolsClient
from synth_pools.batch import BatchResult
from synth_pools_server.launcher import start_backend

OUTPUT = Path(".demo-output")
POOL = "demo-pool"


def demo_requests(base_url: str) -> list[dict[str, Any]]:
    """One request per (task, agent)."""
    return [
        {
            "pool_id": POOL,
            "task_ref": {"dataset": "demo", "task_id": task["task_id"]},
            "agent": agent.model_dump(exclude_none=True),
            "task_app_url": f"{base_url}/v1/pools/{POOL}/tasks/{task['task_id']}",
            "timeouts": {"agent_sec": 60, "verifier_sec": 30},
        }
        for task in TASKS
        for agent in AGENTS
    ]


def ensure_demo_pool(client: EnvironmentPoolsClient) -> None:
    if not any(p.get("pool_id") == POOL for p in client.pools.list()):
        client.pools.create(request={"pool_id": POOL, "pool_type": "sandbox", "concurrency": 4})
        for task in TASKS:
            client.pools.tasks.create(POOL, request=task)


def run_demo_batch(client: EnvironmentPoolsClient, base_url: str, journal: Path) -> BatchResult:
    """The demo's pool (created if missing) and batch, journaled with every event kept."""
    ensure_demo_pool(client)
    return client.rollouts.run_batch(demo_requests(base_url), journal=journal, events="keep", progress=False)


def main() -> int:
    OUTPUT.mkdir(exist_ok=True)
    journal = OUTPUT / "demo.db"
    journal.unlink(missing_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="synth-pools-demo-") as data_dir,
        start_backend(Path(data_dir), **backend_options()) as backend,
        EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client,
    ):
        result = run_demo_batch(client, backend.base_url, journal)
    print(result)
    print("Inspect eval log:", result.to_inspect_log(OUTPUT / "demo.eval"))
    trajectory = OUTPUT / "trajectory.json"
    trajectory.write_text(json.dumps(result.to_atif(0), indent=2) + "\n")
    print("ATIF trajectory of request 0:", trajectory)
    print(f"look at it: synth-pools view {journal}")
    return 0 if result.complete else 1


if __name__ == "__main__":
    sys.exit(main())
