"""run_batch / arun_batch against the local backend: rows, journal, resume, refusal, exports."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient, SynthPoolsValidationError
from synth_pools.batch import BatchResult, JournalMismatchError
from tests.batch._setup import backend_events, backend_rollouts, make_pool, requests_for
from tests.support.backend import LocalBackend


@pytest.fixture
def direct(backend: LocalBackend) -> Any:
    with httpx.Client(base_url=backend.base_url, headers=backend.headers(), timeout=60) as c:
        yield c


@pytest.fixture
def client(backend: LocalBackend) -> Any:
    with EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as c:
        yield c


def test_a_batch_gives_one_row_per_request_and_a_rerun_creates_nothing(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct)
    requests = requests_for(pool, 12)
    journal = tmp_path / "evals" / "run1.db"
    result = client.rollouts.run_batch(requests, journal=journal, concurrency=5, events="keep")

    assert [row.index for row in result] == list(range(12))
    assert result.complete and result.counts() == {"completed": 12}
    on_backend = {r["rollout_id"]: r for r in backend_rollouts(direct, pool)}
    assert sorted(on_backend) == sorted(row.rollout_id for row in result)
    for row in result:
        doc = on_backend[row.rollout_id]
        assert row.reward == doc["reward"] and row.status == doc["status"]
        # what the sandbox really used (a `true` command may price below the cost's rounding)
        assert row.usage is not None and row.usage["sandbox_minutes"] > 0
        assert row.finished_at == doc["finished_at"] and row.duration_sec is not None
        assert row.events == len(backend_events(direct, row.rollout_id))
        assert result.events(row.index) == backend_events(direct, row.rollout_id)

    # a finished journal answers a rerun without a single request: here nothing even listens
    with EnvironmentPoolsClient(
        api_key="sk_unused", backend_base="http://127.0.0.1:9", max_retries=0
    ) as dead:
        again = dead.rollouts.run_batch(requests, journal=journal, events="keep")
    assert again.to_records() == result.to_records()
    assert len(backend_rollouts(direct, pool)) == 12


def test_a_run_stopped_midway_resumes_from_the_journal_with_every_event_once(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct, concurrency=4)
    requests = requests_for(pool, 10)
    journal = tmp_path / "run.db"
    seen = 0

    def stop_after_some(index: int, event: dict[str, Any]) -> None:
        nonlocal seen
        seen += 1
        if seen == 25:
            raise KeyError("the caller's callback failed")

    with pytest.raises(KeyError, match="callback failed"):
        client.rollouts.run_batch(requests, journal=journal, events="keep", on_event=stop_after_some)
    partial = BatchResult.load(journal)
    assert not partial.complete
    assert sum(row.events for row in partial) >= 24  # what reached the journal before the stop
    stored = {row.index: {e["seq"] for e in partial.events(row.index)} for row in partial}

    resumed: list[tuple[int, int]] = []
    result = client.rollouts.run_batch(
        requests, journal=journal, events="keep", on_event=lambda i, e: resumed.append((i, e["seq"]))
    )
    assert result.complete
    rollouts = backend_rollouts(direct, pool)
    assert len(rollouts) == 10  # no second rollout for any request
    for row in result:
        truth = backend_events(direct, row.rollout_id)
        assert result.events(row.index) == truth  # each event exactly once, in order
    # the resumed streams started after the stored cursor: nothing stored was delivered again
    for index, seqs in stored.items():
        assert not seqs & {seq for i, seq in resumed if i == index}


def test_a_journal_refuses_another_batch_naming_the_difference(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct)
    requests = requests_for(pool, 3)
    journal = tmp_path / "run.db"
    client.rollouts.run_batch(requests, journal=journal, events="last")

    with pytest.raises(JournalMismatchError, match=r"holds a batch of 3 requests; this one has 4") as info:
        client.rollouts.run_batch(requests_for(pool, 4), journal=journal, events="last")
    assert isinstance(info.value, ValueError) and "new journal path" in str(info.value)

    changed = [dict(r) for r in requests]
    changed[2] = {**changed[2], "metadata": {"seed": 99}}
    with pytest.raises(JournalMismatchError, match=r"requests\[2\].*metadata\.seed was 2, now 99"):
        client.rollouts.run_batch(changed, journal=journal, events="last")
    with pytest.raises(JournalMismatchError, match=r"events='last'; this run asks events='none'"):
        client.rollouts.run_batch(requests, journal=journal, events="none")
    assert len(backend_rollouts(direct, pool)) == 3


def test_bad_input_is_refused_before_anything_is_sent(client: EnvironmentPoolsClient, tmp_path: Path) -> None:
    good = requests_for("p", 2)
    with pytest.raises(SynthPoolsValidationError, match=r"requests\[1\]\.timeouts"):
        client.rollouts.run_batch(
            [good[0], {**good[1], "timeouts": {"agent_sec": -1}}], journal=tmp_path / "j.db"
        )
    assert not (tmp_path / "j.db").exists()
    with pytest.raises(SynthPoolsValidationError, match="events"):
        client.rollouts.run_batch(good, events="all")  # type: ignore[arg-type]
    with pytest.raises(SynthPoolsValidationError, match="journal=PATH"):
        client.rollouts.run_batch(good, events="keep")
    with pytest.raises(SynthPoolsValidationError, match="concurrency"):
        client.rollouts.run_batch(good, concurrency=0)


def test_the_journal_holds_no_api_key_and_no_credential_value(
    backend: LocalBackend, direct: httpx.Client, tmp_path: Path
) -> None:
    canary = "sk_canary_value_7f3e9b"
    pool = make_pool(direct)
    requests = [
        {**r, "metadata": {**r["metadata"], "api_token": canary, "env": {"OPENAI_API_KEY": canary}}}
        for r in requests_for(pool, 3)
    ]
    journal = tmp_path / "j.db"
    with EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client:
        result = client.rollouts.run_batch(requests, journal=journal, events="keep")
    assert result.complete
    for path in tmp_path.iterdir():
        data = path.read_bytes()
        assert canary.encode() not in data and backend.api_key.encode() not in data, path
    stored = json.loads(sqlite3.connect(journal).execute("SELECT request FROM rows").fetchone()[0])
    assert stored["metadata"]["api_token"] == "***"
    assert stored["metadata"]["env"] == {"OPENAI_API_KEY": "***"}


def test_exports_carry_the_backends_rewards(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct)
    result = client.rollouts.run_batch(requests_for(pool, 6), journal=tmp_path / "j.db")
    truth = {r["rollout_id"]: r["reward"] for r in backend_rollouts(direct, pool)}
    assert len(set(truth.values())) > 1  # the seeds make different rewards

    lines = [json.loads(line) for line in result.to_jsonl(tmp_path / "r.jsonl").read_text().splitlines()]
    assert {r["rollout_id"]: r["reward"] for r in lines} == truth
    with result.to_csv(tmp_path / "r.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert {r["rollout_id"]: float(r["reward"]) for r in rows} == truth
    costs = {row.rollout_id: row.usage["cost_usd"] for row in result if row.usage is not None}
    assert {r["rollout_id"]: float(r["cost_usd"]) for r in rows} == costs and len(costs) == 6

    import pyarrow.parquet as pq

    table = pq.read_table(result.to_parquet(tmp_path / "r.parquet")).to_pylist()
    assert {r["rollout_id"]: r["reward"] for r in table} == truth
    frame = BatchResult.load(tmp_path / "j.db").to_pandas()
    assert dict(zip(frame["rollout_id"], frame["reward"], strict=True)) == truth


def test_a_missing_optional_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith(("pyarrow", "pandas")):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    monkeypatch.delitem(__import__("sys").modules, "pyarrow", raising=False)
    monkeypatch.delitem(__import__("sys").modules, "pandas", raising=False)
    empty = BatchResult([])
    with pytest.raises(SynthPoolsValidationError, match=r"synth-pools\[parquet\]"):
        empty.to_parquet("x.parquet")
    with pytest.raises(SynthPoolsValidationError, match=r"synth-pools\[pandas\]"):
        empty.to_pandas()


async def test_the_async_runner_resumes_the_same_journal(
    backend: LocalBackend, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct)
    requests = requests_for(pool, 8)
    journal = tmp_path / "j.db"
    async with AsyncEnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client:
        first = await client.rollouts.run_batch(requests, journal=journal, events="keep", concurrency=3)
        again = await client.rollouts.run_batch(requests, journal=journal, events="keep")
    assert first.complete and again.to_records() == first.to_records()
    assert len(backend_rollouts(direct, pool)) == 8
    for row in first:
        assert first.events(row.index) == backend_events(direct, row.rollout_id)


def test_events_none_polls_and_still_collects(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path
) -> None:
    pool = make_pool(direct)
    result = client.rollouts.run_batch(requests_for(pool, 4), events="none", poll_interval=0.05)
    assert result.complete and all(row.reward is not None for row in result)
    assert result.journal_path is None


def test_a_row_reads_the_real_services_answer_shape() -> None:
    from synth_pools.batch._results import row_from_rollout

    real = {
        "trial_id": "tr_1",
        "status": "failed",
        "reward_primary": 0.25,
        "reward_metrics": {"pass@1": 0.25},
        "error": {"code": "agent_crashed"},
        "started_at": "2026-01-01T00:00:00Z",
        "finished_at": "2026-01-01T00:01:30Z",
    }
    row = row_from_rollout(3, real, {"cost_usd": 0.5}, events=4, task_id="t")
    assert row["rollout_id"] == "tr_1" and row["reward"] == 0.25
    assert row["reward_metrics"] == {"pass@1": 0.25} and row["error"] == '{"code": "agent_crashed"}'
    assert row["duration_sec"] == 90.0 and row["usage"] == {"cost_usd": 0.5}


def test_kept_events_reach_the_journal_in_batches_not_one_by_one(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """64 streams recording at once queue on the journal's lock when each event takes it; a stream
    hands its events over in batches, and the journal still ends up with every one, once."""
    from synth_pools.batch import _journal, _plan

    handed: list[int] = []
    original = _journal.Journal.record_events

    def counting(self: Any, index: int, cursor: Any, kept: Any = None) -> None:
        handed.append(0 if kept is None else len(kept[2]))
        original(self, index, cursor, kept)

    monkeypatch.setattr(_journal.Journal, "record_events", counting)
    monkeypatch.setattr(_plan, "HANDOFF_SEC", 3600.0)  # only the batch size decides here
    pool = make_pool(direct, command="seq 1 600")
    journal = tmp_path / "run.db"
    result = client.rollouts.run_batch(requests_for(pool, 3), journal=journal, events="keep")

    assert result.complete
    total = sum(row.events for row in result)
    assert sum(handed) == total > 3 * 600
    # per stream: the first event at once, then batches of HANDOFF_EVENTS, then the rest at its end
    assert len(handed) <= 3 * (2 + total // 3 // _plan.HANDOFF_EVENTS)
    for row in result:
        assert result.events(row.index) == backend_events(direct, row.rollout_id)


def test_a_journal_that_cannot_be_written_stops_the_batch_with_an_error_naming_it(
    client: EnvironmentPoolsClient, direct: httpx.Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import traceback

    from synth_pools.batch import JournalWriteError, _journal

    # a real SQLite failure on every event write (as a full disk gives), raised in the writer thread
    monkeypatch.setitem(_journal._SQL, "events", "INSERT INTO no_such_table VALUES (?, ?, ?, ?)")
    pool = make_pool(direct)
    journal = tmp_path / "run.db"
    with pytest.raises(JournalWriteError) as caught:
        client.rollouts.run_batch(requests_for(pool, 6), journal=journal, events="keep", concurrency=3)
    error = caught.value
    assert str(journal) in str(error) and "rerun the same batch" in str(error)
    assert isinstance(error.__cause__, sqlite3.OperationalError)
    # one fresh error per raise: the traceback is this call's, not every worker's stacked together
    assert len(traceback.extract_tb(error.__traceback__)) < 30
