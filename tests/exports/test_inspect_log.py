"""The batch as an Inspect AI eval log, read back with Inspect's own reader (``read_eval_log``,
``read_eval_log_samples``, ``samples_df``) and checked row by row against the journal."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from inspect_ai.analysis import samples_df
from inspect_ai.log import read_eval_log, read_eval_log_samples

from synth_pools.batch import BatchResult, Journal, inspect_log_from_journal
from synth_pools.cli import main as cli

from .conftest import DemoBatch, demo_batch_module


def _sample_of(log_samples: list[Any], index: int) -> Any:
    [sample] = [s for s in log_samples if s.metadata["index"] == index]
    return sample


@pytest.mark.parametrize("suffix", [".eval", ".json"])
def test_every_sample_matches_its_journal_row(demo_batch: DemoBatch, tmp_path: Path, suffix: str) -> None:
    path = demo_batch.result.to_inspect_log(tmp_path / f"run{suffix}")
    log = read_eval_log(str(path))
    rows = demo_batch.result
    assert log.status == "success"  # every request finished
    assert log.samples is not None and len(log.samples) == len(rows) == 10
    for row in rows:
        sample = _sample_of(log.samples, row.index)
        assert sample.metadata["rollout_id"] == row.rollout_id
        assert sample.metadata["status"] == row.status
        assert sample.scores["reward"].value == row.reward
        assert row.usage is not None
        [usage] = sample.model_usage.values()
        assert usage.total_cost == row.usage["cost_usd"] == sample.metadata["cost_usd"]
        assert usage.input_tokens == row.usage["llm_input_tokens"]
        assert usage.output_tokens == row.usage["llm_output_tokens"]
        assert sample.metadata["events"] == row.events > 0
        # every journal event is in exactly one Inspect event, in order
        journal_seqs = [e["seq"] for e in demo_batch.journal_events(row.index)]
        exported = [seq for event in sample.events for seq in event.metadata["seq"]]
        assert exported == journal_seqs and len(journal_seqs) == row.events
        assert sample.total_time == row.duration_sec
        if row.status == "completed":
            assert sample.error is None
        else:
            assert sample.error is not None and sample.error.message == row.error
    mean = sum(r.reward for r in rows if r.reward is not None) / sum(r.reward is not None for r in rows)
    assert log.results is not None
    assert log.results.scores[0].metrics["mean"].value == pytest.approx(mean)


def test_events_become_inspect_events_and_messages(demo_batch: DemoBatch, tmp_path: Path) -> None:
    log = read_eval_log(str(demo_batch.result.to_inspect_log(tmp_path / "run.eval")))
    assert log.samples is not None
    sample = _sample_of(log.samples, 0)  # word-count: think, run a bash command, verifier, reward
    kinds = [e.event for e in sample.events]
    assert kinds[:2] == ["info", "info"] and kinds[-1] == "info"  # lifecycle: queued, running ... succeeded
    assert "model" in kinds and "score" in kinds
    [tool] = [e for e in sample.events if e.event == "tool"]
    assert tool.function == "bash" and "sort" in tool.arguments["command"]
    assert "3 beta" in str(tool.result) and tool.error is None
    [score] = [e for e in sample.events if e.event == "score"]
    assert score.score.value == 1.0
    roles = [m.role for m in sample.messages]
    assert roles == ["user", "assistant", "assistant", "tool"]
    assert sample.messages[2].tool_calls[0].function == "bash"
    assert sample.messages[3].tool_call_id == sample.messages[2].tool_calls[0].id

    failed = next(s for s in log.samples if s.metadata["status"] == "failed")
    [tool] = [e for e in failed.events if e.event == "tool"]
    assert tool.error is not None and "status 3" in tool.error.message
    assert failed.scores["reward"].value == 0.0


def test_uniform_repeats_are_epochs_of_one_sample(demo_batch: DemoBatch, tmp_path: Path) -> None:
    """Two requests, each three times: two samples (ids: their first batch keys), epochs 1..3."""
    requests = demo_batch_module().demo_requests(demo_batch.base_url)[:2]
    with demo_batch.client() as client:
        result = client.rollouts.run_batch(
            requests * 3, journal=tmp_path / "repeats.db", events="keep", progress=False
        )
    path = result.to_inspect_log(tmp_path / "repeats.eval")
    samples = list(read_eval_log_samples(str(path)))  # reads every sample id x every epoch
    journal = Journal.read(tmp_path / "repeats.db")
    try:
        keys = [stored.idempotency_key for stored in journal.rows()]
    finally:
        journal.close()
    by_index = {s.metadata["index"]: s for s in samples}
    assert [(by_index[i].id, by_index[i].epoch) for i in range(6)] == [
        (keys[0], 1), (keys[1], 1), (keys[0], 2), (keys[1], 2), (keys[0], 3), (keys[1], 3)
    ]  # fmt: skip
    assert [by_index[i].scores["reward"].value for i in range(6)] == [row.reward for row in result]
    header = read_eval_log(str(path), header_only=True)
    assert header.eval.config.epochs == 3 and header.eval.dataset.sample_ids == keys[:2]


def test_distinct_requests_are_samples_keyed_by_their_batch_key(
    demo_batch: DemoBatch, tmp_path: Path
) -> None:
    samples = list(read_eval_log_samples(str(demo_batch.result.to_inspect_log(tmp_path / "run.eval"))))
    journal = Journal.read(demo_batch.journal)
    try:
        keys = [stored.idempotency_key for stored in journal.rows()]
    finally:
        journal.close()
    assert sorted((s.metadata["index"], s.id, s.epoch) for s in samples) == [
        (i, k, 1) for i, k in enumerate(keys)
    ]


def test_samples_df_rows_carry_reward_status_cost_and_events(demo_batch: DemoBatch, tmp_path: Path) -> None:
    path = demo_batch.result.to_inspect_log(tmp_path / "run.eval")
    df = samples_df(str(path))
    assert len(df) == len(demo_batch.result)
    for _, frame_row in df.iterrows():
        row = demo_batch.result[int(frame_row["metadata_index"])]
        assert frame_row["score_reward"] == row.reward
        assert frame_row["metadata_status"] == row.status
        assert row.usage is not None and frame_row["metadata_cost_usd"] == row.usage["cost_usd"]
        assert frame_row["metadata_events"] == row.events
        assert frame_row["total_tokens"] == row.usage["llm_input_tokens"] + row.usage["llm_output_tokens"]


def test_eval_zip_layout_and_deflate(demo_batch: DemoBatch, tmp_path: Path) -> None:
    path = demo_batch.result.to_inspect_log(tmp_path / "run.eval")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert {"header.json", "summaries.json", "_journal/start.json"} <= set(names)
        assert sum(n.startswith("samples/") for n in names) == len(demo_batch.result)
        assert f"samples/{_sample_of(list(read_eval_log_samples(str(path))), 9).id}_epoch_1.json" in names
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert not list(tmp_path.glob(".*.partial"))  # written beside and renamed into place


def test_unfinished_batch_log_says_so(demo_batch: DemoBatch, tmp_path: Path) -> None:
    """A journal whose rollouts never ran: every sample is an error and the log is not a success."""
    requests = Journal.read(demo_batch.journal)
    try:
        redacted = requests.requests()[:3]
    finally:
        requests.close()
    journal = Journal.open(tmp_path / "unfinished.db", redacted, events="keep")
    journal.close()
    log = read_eval_log(str(inspect_log_from_journal(tmp_path / "unfinished.db", tmp_path / "u.eval")))
    assert log.status == "started"
    assert log.results is not None and log.results.completed_samples == 0
    assert log.samples is not None and len(log.samples) == 3
    for sample in log.samples:
        assert sample.metadata["status"] == "incomplete" and sample.scores == {}
        assert sample.error is not None and "not finished" in sample.error.message


def test_rows_without_journal_are_samples_keyed_by_rollout_id(demo_batch: DemoBatch, tmp_path: Path) -> None:
    rows = BatchResult(demo_batch.result.rows)  # held in memory: no journal, no events
    log = read_eval_log(str(rows.to_inspect_log(tmp_path / "rows.eval")))
    assert log.samples is not None
    assert len(log.samples) == len(demo_batch.result)
    for row in demo_batch.result:
        sample = _sample_of(log.samples, row.index)
        assert sample.id == row.rollout_id and sample.scores["reward"].value == row.reward
        assert sample.events == [] and sample.metadata["events_kept"] is False


def test_collect_writes_eval_and_json(demo_batch: DemoBatch, tmp_path: Path) -> None:
    for name in ("run.eval", "run.json"):
        assert (
            cli(["rollouts", "collect", str(demo_batch.journal), "-o", str(tmp_path / name)]) == 1
        )  # one failed
        log = read_eval_log(str(tmp_path / name))
        assert log.samples is not None and len(log.samples) == len(demo_batch.result)
    assert cli(["rollouts", "collect", str(demo_batch.journal), "-o", str(tmp_path / "run.txt")]) == 2


def test_exports_never_carry_a_secret_of_the_request(demo_batch: DemoBatch, tmp_path: Path) -> None:
    request = demo_batch_module().demo_requests(demo_batch.base_url)[0]
    request = {**request, "metadata": {"hf_token": "hf_s3cr3t_value", "env": {"OPENAI_API_KEY": "sk-s3cr3t"}}}
    with demo_batch.client() as client:
        result = client.rollouts.run_batch(
            [request], journal=tmp_path / "s.db", events="keep", progress=False
        )
    for name in ("s.eval", "s.json"):
        path = result.to_inspect_log(tmp_path / name)
        if name.endswith(".eval"):
            with zipfile.ZipFile(path) as archive:
                blob = b"".join(archive.read(n) for n in archive.namelist())
        else:
            blob = path.read_bytes()
        assert b"s3cr3t" not in blob
        assert b"hf_token" in blob  # the field is there, masked
    assert "s3cr3t" not in json.dumps(result.to_atif(0))
