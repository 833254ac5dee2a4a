"""`make regen` is deterministic and its drift check sees exactly what a spec change touches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts import regen
from synth_pools_server.launcher import LocalBackend


def test_generated_matches_a_fresh_generation() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/regen.py", "--check"], cwd=regen.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_field_changes_exactly_the_model_it_belongs_to(tmp_path: Path) -> None:
    spec = yaml.safe_load(regen.SPEC.read_text())
    spec["components"]["schemas"]["UsageSnapshot"]["properties"]["gpu_minutes"] = {"type": "number"}
    changed_spec = tmp_path / "spec.yaml"
    changed_spec.write_text(regen.dump_normalised(spec))
    fresh = tmp_path / "generated"
    regen.generate(fresh, spec=changed_spec)
    assert regen.differences(regen.OUTPUT, fresh) == ["models/differs: usage_snapshot.py"]
    assert "gpu_minutes" in (fresh / "models" / "usage_snapshot.py").read_text()


def test_summary_names_added_removed_and_changed_parts() -> None:
    old = yaml.safe_load(regen.SPEC.read_text())
    new = yaml.safe_load(regen.SPEC.read_text())
    del new["paths"]["/v1/queue/status"]
    new["paths"]["/v1/rollouts"]["get"]["operationId"] = "list_all_rollouts"
    new["components"]["schemas"]["Rollout"]["properties"]["attempt"] = {"type": "integer"}
    lines = regen.summarise(old, new)
    assert "- operation get_queue_status (GET /v1/queue/status)" in lines
    assert "+ operation list_all_rollouts (GET /v1/rollouts)" in lines
    assert "- operation list_rollouts (GET /v1/rollouts)" in lines
    assert "~ schema Rollout" in lines
    assert len(lines) == 4


def _refresh(
    tmp_path: Path, base_url: str, api_key: str, *, block_sdk: bool
) -> subprocess.CompletedProcess[str]:
    spec_copy = tmp_path / "spec.yaml"
    spec = yaml.safe_load(regen.SPEC.read_text())
    del spec["paths"]["/v1/queue/status"]  # so the refresh has something to report
    spec_copy.write_text(regen.dump_normalised(spec))
    args = [
        "--spec-url",
        base_url,
        "--api-key",
        api_key,
        "--spec",
        str(spec_copy),
        "--output",
        str(tmp_path / "gen"),
    ]
    # Blocking the import simulates an SDK that cannot load mid-upgrade: the plain-HTTP path must work.
    prelude = "import sys; sys.modules['synth_pools'] = None; " if block_sdk else ""
    code = f"{prelude}import runpy, sys; sys.argv = ['regen'] + sys.argv[1:]; runpy.run_path('scripts/regen.py', run_name='__main__')"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=regen.ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("block_sdk", [False, True], ids=["through-sdk", "plain-http-fallback"])
def test_refresh_from_a_running_backend_restores_the_spec(
    backend: LocalBackend, tmp_path: Path, block_sdk: bool
) -> None:
    result = _refresh(tmp_path, backend.base_url, backend.api_key, block_sdk=block_sdk)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 change(s)" in result.stdout
    assert "+ operation get_queue_status (GET /v1/queue/status)" in result.stdout
    assert ("plain HTTP" in result.stderr) is block_sdk
    assert (tmp_path / "spec.yaml").read_text() == regen.SPEC.read_text()
    assert regen.differences(regen.OUTPUT, tmp_path / "gen") == []
