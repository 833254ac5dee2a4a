"""Rollouts as ATIF v1.8 trajectories, validated with Harbor's published model
(``harbor.models.trajectories.Trajectory``, from the ``harbor`` wheel on PyPI) and its validator,
and round-tripped through it; from the service (handle, namespace, async twin, CLI) and from a
journal with kept events."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from synth_pools import AsyncEnvironmentPoolsClient
from synth_pools._errors import SynthPoolsValidationError
from synth_pools.batch import Journal
from synth_pools.cli import main as cli

from .conftest import HARBOR_DIR, DemoBatch, harbor_trajectory_model


def _validated(document: dict[str, Any]) -> Any:
    """Harbor's model accepts it and gives back exactly it (round trip); Harbor's validator agrees."""
    trajectory = harbor_trajectory_model().model_validate(document)
    assert trajectory.to_json_dict() == document
    assert json.loads(trajectory.model_dump_json(exclude_none=True)) == json.loads(json.dumps(document))
    if str(HARBOR_DIR) not in sys.path:
        sys.path.append(str(HARBOR_DIR))
    from harbor.utils.trajectory_validator import TrajectoryValidator

    validator = TrajectoryValidator()
    assert validator.validate(document), validator.get_errors()
    return trajectory


def _seqs(document: dict[str, Any]) -> list[int]:
    return [seq for step in document["steps"] for seq in step.get("extra", {}).get("seq", [])]


def test_handle_to_atif_is_valid_and_accounts_for_every_event(demo_batch: DemoBatch) -> None:
    row = demo_batch.result[0]  # word-count on claude-code: think, bash, verifier, reward
    assert row.rollout_id is not None and row.usage is not None
    with demo_batch.client() as client:
        document = client.rollouts.handle(row.rollout_id).to_atif()
        events = list(client.rollouts.export_events(row.rollout_id))
    trajectory = _validated(document)
    assert trajectory.schema_version == "ATIF-v1.8"
    assert document["session_id"] == row.rollout_id
    assert _seqs(document) == [e["seq"] for e in events]  # each event once, in order
    assert document["steps"][0]["source"] == "user" and "word-count" in document["steps"][0]["message"]
    assert document["agent"] == {
        "name": "claude-code",
        "version": "unknown",
        "model_name": "claude-sonnet-4.5",
    }
    [tool_step] = [s for s in document["steps"] if s.get("tool_calls")]
    [call] = tool_step["tool_calls"]
    assert call["function_name"] == "bash" and "sort" in call["arguments"]["command"]
    [result] = tool_step["observation"]["results"]
    assert result["source_call_id"] == call["tool_call_id"] and "3 beta" in result["content"]
    thinking = next(s for s in document["steps"] if s.get("reasoning_content"))
    # the local stand-in agent calls no model: its steps carry no token counts, so no metrics
    # (ATIF's step metrics are optional: absent, not zero)
    assert thinking["source"] == "agent" and "metrics" not in thinking
    final = document["final_metrics"]
    assert final["total_cost_usd"] == row.usage["cost_usd"]
    assert final["total_prompt_tokens"] == row.usage["llm_input_tokens"]
    assert final["total_completion_tokens"] == row.usage["llm_output_tokens"]
    assert final["total_steps"] == len(document["steps"])
    assert document["extra"]["reward"] == row.reward and document["extra"]["status"] == "completed"
    # the step tokens add up to the usage the service reports: none, no LLM tokens billed
    step_prompt = sum(s.get("metrics", {}).get("prompt_tokens", 0) for s in document["steps"])
    assert step_prompt == row.usage["llm_input_tokens"] == 0 == final["total_prompt_tokens"]
    assert row.usage["provider_costs"]["llm"] == 0


async def test_async_export_trajectory_equals_the_sync_one(demo_batch: DemoBatch) -> None:
    row = demo_batch.result[4]
    assert row.rollout_id is not None
    async with AsyncEnvironmentPoolsClient(
        api_key=demo_batch.api_key, backend_base=demo_batch.base_url
    ) as client:
        from_async = await client.rollouts.export_trajectory(row.rollout_id)
        from_handle = await client.rollouts.handle(row.rollout_id).to_atif()
    with demo_batch.client() as sync_client:
        from_sync = sync_client.rollouts.export_trajectory(row.rollout_id)
    assert from_async == from_sync == from_handle
    _validated(from_async)


def test_failed_rollout_trajectory_carries_the_error(demo_batch: DemoBatch) -> None:
    [row] = [r for r in demo_batch.result if r.status == "failed"]
    assert row.rollout_id is not None
    with demo_batch.client() as client:
        document = client.rollouts.export_trajectory(row.rollout_id)
    _validated(document)
    assert document["extra"]["status"] == "failed" and "status 3" in document["extra"]["error"]
    [tool_step] = [s for s in document["steps"] if s.get("tool_calls")]
    assert tool_step["observation"]["results"][0]["extra"] == {
        "exit_code": 3,
        "error": "exited with status 3",
    }


def test_journal_trajectory_equals_the_service_one_in_steps(demo_batch: DemoBatch) -> None:
    """From the journal's kept events (no network) the steps are the same as from the service."""
    for index in (0, 5):
        row = demo_batch.result[index]
        from_journal = demo_batch.result.to_atif(index)
        _validated(from_journal)
        with demo_batch.client() as client:
            from_service = client.rollouts.export_trajectory(str(row.rollout_id))
        assert from_journal["steps"] == from_service["steps"]
        assert from_journal["agent"] == from_service["agent"]
        assert from_journal["final_metrics"] == from_service["final_metrics"]
        assert _seqs(from_journal) == [e["seq"] for e in demo_batch.journal_events(index)]


def test_journal_without_kept_events_refuses_with_the_fix(demo_batch: DemoBatch, tmp_path: Path) -> None:
    source = Journal.read(demo_batch.journal)
    try:
        requests = source.requests()[:1]
    finally:
        source.close()
    Journal.open(tmp_path / "lean.db", requests, events="count").close()
    from synth_pools.batch import BatchResult

    with pytest.raises(SynthPoolsValidationError) as caught:
        BatchResult.load(tmp_path / "lean.db").to_atif(0)
    assert "events" in str(caught.value) and "events='keep'" in str(caught.value)


def test_cli_trajectory_from_service_and_from_journal(
    demo_batch: DemoBatch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = demo_batch.result[2]
    monkeypatch.setenv("SYNTH_BACKEND_URL", demo_batch.base_url)
    monkeypatch.setenv("SYNTH_API_KEY", demo_batch.api_key)
    out = tmp_path / "trajectory.json"
    assert cli(["rollouts", "trajectory", str(row.rollout_id), "-o", str(out)]) == 0
    from_service = json.loads(out.read_text())
    _validated(from_service)
    journal_out = tmp_path / "from-journal.json"
    argv = ["rollouts", "trajectory", "2", "--journal", str(demo_batch.journal), "-o", str(journal_out)]
    assert cli(argv) == 0
    assert json.loads(journal_out.read_text()) == demo_batch.result.to_atif(2)
    by_id = ["rollouts", "trajectory", str(row.rollout_id), "--journal", str(demo_batch.journal)]
    assert cli([*by_id, "-o", str(journal_out)]) == 0
    assert json.loads(journal_out.read_text())["steps"] == from_service["steps"]
    assert cli(["rollouts", "trajectory", "nope", "--journal", str(demo_batch.journal)]) == 2


def test_token_ids_and_logprobs_become_step_metrics() -> None:
    """Agent events that carry token ids, logprobs and cost (RL data) keep them per step; a field
    of the wrong shape is left out rather than making the trajectory invalid."""
    from synth_pools.exports import to_atif

    stamp = "2026-01-01T00:00:00Z"
    events = [
        {"event": "agent", "seq": 1, "timestamp": stamp, "data": {
            "type": "message", "text": "done", "model_id": "m", "input_tokens": 3, "output_tokens": 2,
            "prompt_token_ids": [1, 2, 3], "completion_token_ids": [7, 8], "logprobs": [-0.1, -0.25],
            "cost_usd": 0.002, "cached_tokens": 1}},
        {"event": "agent", "seq": 2, "timestamp": stamp, "data": {
            "type": "tool_call", "tool": "bash", "input": {"command": "ls"}, "call_id": "c1",
            "logprobs": "not a list", "completion_token_ids": [1, "x"]}},
        {"event": "agent", "seq": 3, "timestamp": stamp, "data": {"type": "tool_result", "output": "a.txt", "exit_code": 0}},
    ]  # fmt: skip
    document = to_atif({"rollout_id": "ro_x", "status": "succeeded", "reward": 1.0}, events)
    _validated(document)
    said, tool = document["steps"][1], document["steps"][2]
    assert said["metrics"] == {
        "prompt_tokens": 3, "completion_tokens": 2, "prompt_token_ids": [1, 2, 3],
        "completion_token_ids": [7, 8], "logprobs": [-0.1, -0.25], "cost_usd": 0.002, "cached_tokens": 1,
    }  # fmt: skip
    assert "metrics" not in tool  # neither malformed field made it in
    assert tool["tool_calls"][0]["tool_call_id"] == "c1"
    assert tool["observation"]["results"][0] == {
        "source_call_id": "c1",
        "content": "a.txt",
        "extra": {"exit_code": 0},
    }
    assert document["final_metrics"]["total_prompt_tokens"] == 3  # no usage given: the steps' sum
