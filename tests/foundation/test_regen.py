"""`make regen` is deterministic and its drift check sees exactly what a spec change touches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from scripts import regen


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
