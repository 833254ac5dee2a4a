"""The exports' batch: the demo's rollouts (examples/demo_batch.py) plus one whose command fails,
run on the session's local backend with a journal that keeps every event."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

from synth_pools import EnvironmentPoolsClient
from synth_pools.batch import BatchResult, Journal
from tests.support.backend import REPO, LocalBackend

HARBOR_DIR = REPO / ".venv" / "harbor-atif"
# its verifier scores the failure 0.0 (the local backend rewards only what a verifier scored)
BROKEN_TASK = {
    "task_id": "broken",
    "backend": "local",
    "run": {"command": "echo trying; exit 3", "verifier": "echo 0.0"},
}


def demo_batch_module() -> ModuleType:
    sys.path.insert(0, str(REPO / "examples"))
    import demo_batch

    return demo_batch


def harbor_trajectory_model() -> Any:
    """Harbor's published ATIF model (harbor.models.trajectories.Trajectory), from the wheel
    `make install` puts in .venv/harbor-atif (Harbor itself needs Python >=3.12; these models
    need only pydantic)."""
    if not (HARBOR_DIR / "harbor" / "models" / "trajectories").is_dir():
        pytest.fail("Harbor's ATIF models are missing: run `make harbor-models` (part of make install)")
    if str(HARBOR_DIR) not in sys.path:
        sys.path.append(str(HARBOR_DIR))
    from harbor.models.trajectories import Trajectory

    return Trajectory


@attrs.frozen
class DemoBatch:
    result: BatchResult
    journal: Path
    base_url: str
    api_key: str

    def journal_events(self, index: int) -> list[dict[str, Any]]:
        journal = Journal.read(self.journal)
        try:
            return list(journal.events(index))
        finally:
            journal.close()

    def client(self) -> EnvironmentPoolsClient:
        return EnvironmentPoolsClient(api_key=self.api_key, backend_base=self.base_url)


@pytest.fixture(scope="module")
def demo_batch(backend: LocalBackend, tmp_path_factory: pytest.TempPathFactory) -> DemoBatch:
    module = demo_batch_module()
    journal = tmp_path_factory.mktemp("exports") / "demo.db"
    with EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client:
        module.ensure_demo_pool(client)
        if not any(t.get("task_id") == "broken" for t in client.pools.tasks.list(module.POOL)):
            client.pools.tasks.create(module.POOL, request=BROKEN_TASK)
        requests = module.demo_requests(backend.base_url)
        broken = {**requests[0], "task_ref": {"dataset": "demo", "task_id": "broken"}}
        broken["task_app_url"] = f"{backend.base_url}/v1/pools/{module.POOL}/tasks/broken"
        result = client.rollouts.run_batch(
            [*requests, broken], journal=journal, events="keep", progress=False
        )
    assert result.complete, result
    return DemoBatch(result, journal, backend.base_url, backend.api_key)
