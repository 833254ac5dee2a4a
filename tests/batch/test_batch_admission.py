"""run_batch against a service that admits rollouts against an org allowance (AdmissionDouble):
429s with retry_after_seconds, costs per rollout, injected infra failures, kill -9 and resume."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from synth_pools import (
    AsyncEnvironmentPoolsClient,
    EnvironmentPoolsClient,
    PageShapeError,
    SynthPoolsValidationError,
)
from synth_pools.batch import BatchResult, Progress, RetryPolicy
from synth_pools.batch._admission import Admission
from tests.batch._admission_child import requests
from tests.support.admission_double import AdmissionDouble

ROOT = Path(__file__).resolve().parents[2]
INFRA = {"code": "sandbox_lost", "message": "the sandbox's node went away"}
AGENT = {"code": "agent_error", "message": "the agent exited with status 1"}
VERIFIER = {"code": "verifier_error", "message": "the verifier crashed"}


def _run(double: AdmissionDouble, n: int, *, use_async: bool = False, **options: Any) -> BatchResult:
    options = {"events": "none", "poll_interval": 0.02, **options}
    kw = {"api_key": double.api_key, "backend_base": double.base_url}
    if use_async:

        async def go() -> BatchResult:
            async with AsyncEnvironmentPoolsClient(**kw) as client:
                return await client.rollouts.run_batch(requests(n), **options)

        return asyncio.run(go())
    with EnvironmentPoolsClient(**kw) as client:
        return client.rollouts.run_batch(requests(n), **options)


def _once_each(double: AdmissionDouble) -> None:
    duplicates = {key: n for key, n in double.by_key().items() if n != 1}
    assert not duplicates, f"a request attempt made more than one rollout: {duplicates}"


# ------------------------------------------------------------------------------------ admission


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_refusals_bring_in_flight_down_to_the_allowance_and_every_request_runs_once(
    tmp_path: Path, use_async: bool
) -> None:
    seen: list[Progress] = []
    # rollouts long beside the polling's lag, so the batch sees a rollout end soon after it does
    with AdmissionDouble(allowance=4, run_sec=0.4, retry_after=0.05) as double:
        result = _run(
            double, 24, use_async=use_async, concurrency=32, journal=tmp_path / "run.db", progress=seen.append
        )
    assert result.complete and len(double.rollouts) == 24
    _once_each(double)
    # refusals are waits, not failures: no row lost an attempt or carries an error
    assert all(row.attempt == 1 and row.error is None for row in result)
    assert double.refusals > 0  # the first wave met the allowance
    assert result.admission["refusals"] == double.refusals
    # the service's view: beyond the first wave (at most 24 - 4 refused) the batch knocks about
    # once per allowance's worth of admissions (its probe for room), not once per free worker
    assert double.refusals <= (24 - 4) + 24 // 4 + 2
    # the batch's own count of rollouts in flight after the first refusals: at most one create
    # above the allowance, plus rollouts the service has ended that polling has not yet seen end
    # (events="none" polls with backoff); far below the 32 it would keep without the gate
    assert 1 <= result.admission["peak_in_flight_after_refusal"] <= 2 * 4
    assert any(p.waiting_admission > 0 for p in seen), "progress never showed a row waiting for admission"
    assert "waiting for admission" in next(p.line() for p in seen if p.waiting_admission)


@pytest.mark.parametrize("header", [False, True], ids=["body-retry_after_seconds", "Retry-After"])
def test_after_a_refusal_no_create_is_sent_before_the_wait_the_service_asked(header: bool) -> None:
    with AdmissionDouble(allowance=1, run_sec=0.02, retry_after=0.4, retry_after_header=header) as double:
        times: list[tuple[float, bool]] = []
        original = double._admit

        def recording(body: dict[str, Any]) -> Any:
            doc = original(body)
            times.append((time.monotonic(), doc is not None))
            return doc

        double._admit = recording  # type: ignore[method-assign]
        result = _run(double, 3, concurrency=2)
    assert result.complete
    _once_each(double)
    first_refusal = next(t for t, admitted in times if not admitted)
    later = [t for t, _ in times if t > first_refusal]
    assert later and min(later) - first_refusal >= 0.4 * 0.9, times


def test_concurrency_stays_a_ceiling_when_the_allowance_is_larger() -> None:
    with AdmissionDouble(allowance=50, run_sec=0.05) as double:
        result = _run(double, 20, concurrency=3)
    assert result.complete and double.refusals == 0 and double.peak_active <= 3


# --------------------------------------------------------------------------------------- budgets


def _cost(seed: int) -> float:
    return 0.05 + 0.01 * (seed % 5)  # 0.05 .. 0.09


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_cost_budget_stops_launches_within_one_rollouts_cost_and_a_larger_one_resumes(
    tmp_path: Path, use_async: bool
) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=8, run_sec=0.05, cost=_cost) as double:
        first = _run(double, 40, use_async=use_async, concurrency=8, journal=journal, max_cost_usd=1.0)
        spent = double.spent()
        assert first.stopped_by == "max_cost_usd" and "stopped by max_cost_usd" in repr(first)
        assert spent <= 1.0 + 0.09 + 1e-9, spent
        assert first.spent_usd == pytest.approx(spent)
        launched = len(double.rollouts)
        assert 10 <= launched < 40
        waiting = [row for row in first if not row.done]
        assert waiting and all("max_cost_usd" in (row.error or "") for row in waiting)

        again = _run(double, 40, use_async=use_async, concurrency=8, journal=journal, max_cost_usd=100)
    assert again.complete and again.stopped_by is None
    assert len(double.rollouts) == 40
    _once_each(double)


def test_max_rollouts_counts_the_journals_rollouts_across_runs(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=8, run_sec=0.02) as double:
        first = _run(double, 20, concurrency=8, journal=journal, max_rollouts=5)
        assert first.stopped_by == "max_rollouts" and len(double.rollouts) == 5
        second = _run(double, 20, concurrency=8, journal=journal, max_rollouts=12)
        assert second.stopped_by == "max_rollouts" and len(double.rollouts) == 12
        assert sum(row.done for row in second) == 12
        third = _run(double, 20, concurrency=8, journal=journal)
    assert third.complete and len(double.rollouts) == 20
    _once_each(double)


def test_a_token_budget_reads_usage(tmp_path: Path) -> None:
    with AdmissionDouble(allowance=4, run_sec=0.02) as double:  # 100 tokens a rollout
        result = _run(double, 20, concurrency=4, max_tokens=450)
    assert result.stopped_by == "max_tokens" and len(double.rollouts) == 4


def test_on_budget_cancel_cancels_what_is_in_flight_once_the_budget_is_spent(tmp_path: Path) -> None:
    # the first rollout is cheap, so the estimate lets four run at once; each costs four times more,
    # and the first of them to end (seed 1) spends the budget while the others still run
    run_sec = lambda s: 0.05 if s == 0 else 0.2 + (s - 1)  # noqa: E731
    cost = lambda s: 0.05 if s == 0 else 0.2  # noqa: E731
    with AdmissionDouble(allowance=8, run_sec=run_sec, cost=cost) as double:
        result = _run(
            double, 20, concurrency=8, journal=tmp_path / "run.db", max_cost_usd=0.25, on_budget="cancel"
        )
    assert result.stopped_by == "max_cost_usd"
    assert double.cancels, "nothing was cancelled"
    cancelled = [row for row in result if row.status == "cancelled"]
    assert cancelled and all(row.failure_class == "cancelled" and row.attempt == 1 for row in cancelled)
    assert {row.rollout_id for row in cancelled} <= set(double.cancels)
    _once_each(double)


def test_bad_budget_options_name_the_field(tmp_path: Path) -> None:
    with AdmissionDouble() as double:
        with pytest.raises(SynthPoolsValidationError, match="on_budget"):
            _run(double, 2, on_budget="pause")
        with pytest.raises(SynthPoolsValidationError, match="max_cost_usd"):
            _run(double, 2, max_cost_usd=-1)
        with pytest.raises(SynthPoolsValidationError, match="rerun_failed"):
            _run(double, 2, rerun_failed=["flaky"])
        assert not double.rollouts


# --------------------------------------------------------------------------------------- retries


def _mixed(seed: int, attempt: int) -> dict[str, Any] | None:
    """seed % 4: 0 infra on the first attempt only, 1 agent always, 2 verifier always, 3 fine."""
    kind = seed % 4
    if kind == 0:
        return INFRA if attempt == 1 else None
    return {1: AGENT, 2: VERIFIER}.get(kind)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_the_default_policy_retries_infra_failures_only_each_as_a_new_rollout(
    tmp_path: Path, use_async: bool
) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=8, run_sec=0.02, outcome=_mixed) as double:
        result = _run(double, 16, use_async=use_async, concurrency=8, journal=journal)
    _once_each(double)
    keys = double.by_key()
    assert len(double.rollouts) == 16 + 4  # one retry for each of the four infra failures
    for row in result:
        kind = row.index % 4
        if kind == 0:
            assert row.status == "completed" and row.attempt == 2 and row.failure_class is None
            assert [e["failure_class"] for e in row.earlier] == ["infra"]
            assert row.earlier[0]["rollout_id"] != row.rollout_id
        else:
            assert row.attempt == 1 and not row.earlier
            assert row.failure_class == {1: "agent", 2: "verifier", 3: None}[kind]
    assert sum(1 for key in keys if key.endswith("-a2")) == 4
    with sqlite3.connect(journal) as db:
        kept = db.execute("SELECT idx, attempt, failure_class FROM attempts ORDER BY idx").fetchall()
    assert kept == [(i, 1, "infra") for i in (0, 4, 8, 12)]
    # the journal alone gives the same rows, earlier attempts included
    loaded = BatchResult.load(journal)
    assert [(r.attempt, r.failure_class, len(r.earlier)) for r in loaded] == [
        (r.attempt, r.failure_class, len(r.earlier)) for r in result
    ]
    assert len(loaded.attempts()) == 20


def test_retry_policy_chooses_the_classes_and_attempts_and_false_turns_it_off(tmp_path: Path) -> None:
    with AdmissionDouble(allowance=8, run_sec=0.02, outcome=_mixed) as double:
        result = _run(double, 8, concurrency=8, retry=RetryPolicy(on=frozenset({"agent"}), attempts=3))
    rows = {row.index: row for row in result}
    assert rows[1].attempt == 3 and rows[5].attempt == 3  # agent: three attempts in all
    assert rows[0].attempt == 1 and rows[0].failure_class == "infra"  # infra not chosen this time
    assert rows[2].attempt == 1 and rows[2].failure_class == "verifier"
    assert len(double.rollouts) == 8 + 2 * 2
    with AdmissionDouble(allowance=8, run_sec=0.02, outcome=_mixed) as double:
        off = _run(double, 8, concurrency=8, retry=False)
    assert len(double.rollouts) == 8 and all(row.attempt == 1 for row in off)


def test_an_infra_failure_that_persists_ends_after_the_policys_attempts(tmp_path: Path) -> None:
    with AdmissionDouble(allowance=4, run_sec=0.02, outcome=lambda s, a: INFRA) as double:
        result = _run(double, 3, concurrency=4)
    assert len(double.rollouts) == 6
    assert all(row.status == "failed" and row.failure_class == "infra" and row.attempt == 2 for row in result)


def test_rerun_failed_gives_the_chosen_classes_a_new_attempt_on_resume(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=8, run_sec=0.02, outcome=_mixed) as double:
        _run(double, 8, concurrency=8, journal=journal)
        before = len(double.rollouts)
        plain = _run(double, 8, concurrency=8, journal=journal)  # a plain rerun retries nothing
        assert len(double.rollouts) == before
        again = _run(double, 8, concurrency=8, journal=journal, rerun_failed=["verifier"])
    assert len(double.rollouts) == before + 2
    for row in again:
        assert row.attempt == (2 if row.index % 4 == 2 else plain[row.index].attempt)
    _once_each(double)


def test_exports_carry_attempts_and_classes(tmp_path: Path) -> None:
    with AdmissionDouble(allowance=8, run_sec=0.02, outcome=_mixed) as double:
        result = _run(double, 4, concurrency=4, journal=tmp_path / "run.db")
    with result.to_csv(tmp_path / "out.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [r["failure_class"] for r in rows] == ["", "agent", "verifier", ""]
    assert rows[0]["attempt"] == "2" and rows[0]["earlier_failure_classes"] == "infra"
    assert rows[0]["earlier_rollout_ids"] == result[0].earlier[0]["rollout_id"]
    lines = [json.loads(line) for line in result.to_jsonl(tmp_path / "out.jsonl").read_text().splitlines()]
    assert lines[0]["earlier"][0]["failure_class"] == "infra" and lines[1]["failure_class"] == "agent"
    assert result.failure_classes() == {"agent": 1, "verifier": 1}


# ------------------------------------------------------------------------------- kill -9, resume


def _child(
    double: AdmissionDouble, journal: Path, n: int, concurrency: int, **options: Any
) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [double.base_url, str(journal), str(n), str(concurrency), json.dumps(options)]
    return subprocess.Popen(
        [sys.executable, "-m", "tests.batch._admission_child", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _kill_when(
    double: AdmissionDouble, child: subprocess.Popen[str], ready: Callable[[], bool], limit: float = 30.0
) -> None:
    deadline = time.monotonic() + limit
    while not ready():
        assert child.poll() is None, "the batch ended before the state to kill it in"
        assert time.monotonic() < deadline, "the batch never reached the state to kill it in"
        time.sleep(0.005)
    os.kill(child.pid, signal.SIGKILL)  # no finally, no flush, no atexit
    child.wait(10)
    # a create the child sent just before it died may still reach the double; the resumed run must
    # find it when it lists (a service ignoring Idempotency-Key cannot catch one landing later)
    double.settle()
    assert child.stdout is not None
    child.stdout.close()


def test_kill_9_while_rows_wait_for_admission_then_resume(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=3, run_sec=0.2, retry_after=0.1) as double:
        child = _child(double, journal, 24, 12)
        _kill_when(double, child, lambda: double.refusals >= 1 and 4 <= len(double.rollouts) < 20)
        result = _run(double, 24, concurrency=12, journal=journal)
    assert result.complete and len(double.rollouts) == 24
    _once_each(double)


def test_kill_9_with_a_budget_half_spent_then_resume_with_a_larger_one(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=4, run_sec=0.05, cost=_cost) as double:
        child = _child(double, journal, 30, 4, max_cost_usd=1.0)
        _kill_when(double, child, lambda: len(double.rollouts) >= 6)
        stopped = _run(double, 30, concurrency=4, journal=journal, max_cost_usd=1.0)
        assert stopped.stopped_by == "max_cost_usd"
        assert double.spent() <= 1.0 + 0.09 + 1e-9  # the killed run's rollouts count too
        final = _run(double, 30, concurrency=4, journal=journal, max_cost_usd=50)
    assert final.complete and len(double.rollouts) == 30
    _once_each(double)


def test_kill_9_after_infra_failures_then_resume_retries_each_once(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    fails = lambda seed, attempt: INFRA if attempt == 1 and seed % 2 == 0 else None  # noqa: E731
    with AdmissionDouble(allowance=4, run_sec=0.1, outcome=fails) as double:
        child = _child(double, journal, 16, 4)
        # killed once a retry has been created, while others are still on their first attempt
        _kill_when(double, child, lambda: any(k.endswith("-a2") for k in double.by_key()))
        result = _run(double, 16, concurrency=4, journal=journal)
    assert result.complete and all(row.status == "completed" for row in result)
    assert len(double.rollouts) == 16 + 8
    _once_each(double)
    assert all(row.attempt == (2 if row.index % 2 == 0 else 1) for row in result)


# ---------------------------------------------------------------------------------------- the CLI


def test_cli_launch_max_cost_stops_the_batch_and_a_larger_one_resumes(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("synth-pools")
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=4, run_sec=0.02) as double:  # $0.01 a rollout
        env = {**os.environ, "SYNTH_BACKEND_URL": double.base_url, "SYNTH_API_KEY": double.api_key}
        args = [str(exe), "rollouts", "launch", "--pool", "p1", "--task", "t", "-n", "10"]
        args += ["--journal", str(journal), "--events", "none"]

        first = subprocess.run(
            [*args, "--max-cost", "0.03"], capture_output=True, text=True, env=env, timeout=120
        )
        assert "budget stopped this batch (max_cost_usd)" in " ".join(first.stdout.split()), first.stdout[
            -2000:
        ]
        assert len(double.rollouts) == 3
        again = subprocess.run(
            [*args, "--max-cost", "1"], capture_output=True, text=True, env=env, timeout=120
        )
        assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
        assert len(double.rollouts) == 10
        _once_each(double)
        refused = subprocess.run(
            [str(exe), "rollouts", "launch", "--pool", "p1", "--task", "t", "--max-cost", "1"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    assert refused.returncode != 0 and "--journal" in refused.stderr


# ------------------------------------------------------------------------------- the batch route


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_the_first_wave_goes_out_as_one_batch_call_and_partial_admission_is_reconciled_by_key(
    tmp_path: Path, use_async: bool
) -> None:
    with AdmissionDouble(allowance=4, run_sec=0.1, retry_after=0.05) as double:
        result = _run(
            double, 20, use_async=use_async, concurrency=12, batch_create=True, journal=tmp_path / "j.db"
        )
    assert double.batch_sizes == [12]  # one call for the first wave; it admitted 4 of the 12
    assert result.complete and len(double.rollouts) == 20
    _once_each(double)
    assert double.refusals >= 12 - 4 and result.admission["refusals"] >= 12 - 4
    assert all(row.attempt == 1 and row.error is None for row in result)


def test_without_the_batch_route_the_batch_creates_singly() -> None:
    with AdmissionDouble(allowance=8, run_sec=0.02, batch_route=False) as double:
        result = _run(double, 10, concurrency=4, batch_create=True)
    assert result.complete and len(double.rollouts) == 10 and double.batch_calls == 0
    _once_each(double)


class _OddBatchAnswer(AdmissionDouble):
    """The batch route admits as usual but answers its rollouts under a key no client reads."""

    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        status, doc, headers = super().handle(method, path, body)
        if method == "POST" and path == "/v1/rollouts/batch" and status == 200:
            return status, {"accepted": doc["rollouts"]}, headers
        return status, doc, headers


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_batch_answer_of_an_unknown_shape_raises_instead_of_reading_as_none_admitted(
    use_async: bool,
) -> None:
    # read as "none admitted", the rows were created again singly: each a second rollout
    with (
        _OddBatchAnswer(allowance=4, run_sec=0.1) as double,
        pytest.raises(PageShapeError, match="expected a list or a page"),
    ):
        _run(double, 8, use_async=use_async, concurrency=6, batch_create=True)
    assert double.batch_calls == 1 and len(double.rollouts) == 4  # what the batch call admitted, no more
    _once_each(double)


def test_kill_9_after_a_partially_admitted_batch_call_then_resume(tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    with AdmissionDouble(allowance=4, run_sec=0.3, retry_after=0.1) as double:
        child = _child(double, journal, 16, 12, batch_create=True)
        _kill_when(double, child, lambda: double.batch_calls >= 1)
        result = _run(double, 16, concurrency=12, journal=journal, batch_create=True)
    assert result.complete and len(double.rollouts) == 16
    _once_each(double)


def test_refusals_that_name_no_wait_back_off_once_per_wave_not_once_per_refusal() -> None:
    gate = Admission(8)
    for _ in range(6):  # a wave of 6 creates, all refused while the first wait runs
        assert gate.try_acquire()[0] == 0.0
    for _ in range(6):
        gate.refused(None)
    assert 0.9 < gate.resume_at - time.monotonic() <= 1.0  # 1 s, not 2**5 s
    assert gate.limit == 1.0 and gate.in_flight == 0
    gate.resume_at = time.monotonic()  # that wait is over; the next wave refused waits twice as long
    assert gate.try_acquire()[0] == 0.0
    gate.refused(None)
    assert 1.9 < gate.resume_at - time.monotonic() <= 2.0
    gate.resume_at = 0.0
    gate.try_acquire()
    gate.refused(7.5)  # what the service asks wins
    assert 7.4 < gate.resume_at - time.monotonic() <= 7.5


def test_a_refusal_without_a_wait_still_completes_the_batch() -> None:
    with AdmissionDouble(allowance=2, run_sec=0.05) as double:
        original = double._refusal

        def bare() -> tuple[int, Any, dict[str, str]]:
            status, body, _ = original()
            body["detail"].pop("retry_after_seconds", None)
            return status, body, {}

        double._refusal = bare  # type: ignore[method-assign]
        result = _run(double, 6, concurrency=6)
    assert result.complete and double.refusals >= 1
    _once_each(double)
