"""A resumed batch makes no second rollout even where the service ignores Idempotency-Key.

The real service declares no Idempotency-Key (design/real-service.md), so a run killed after its
creates were sent but before their answers reached the journal cannot count on it. The batch tags
each rollout's metadata with the request's key, and a resumed run adopts the rollouts that carry
it. The strict double of the real service ignores Idempotency-Key, as the real one may.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import httpx
import pytest

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient
from synth_pools.batch import BatchResult
from synth_pools.batch._plan import BATCH_KEY_TAG
from tests.support.strict_double import StrictDouble

N = 5


def _requests(pool_id: str) -> list[dict[str, object]]:
    return [{"pool_id": pool_id, "agent": {"harness": "codex"}, "metadata": {"seed": i}} for i in range(N)]


def _forget_every_answer(journal: Path) -> None:
    """What a SIGKILL right after the creates were sent leaves: keys, and nothing the service said."""
    with sqlite3.connect(journal) as db:
        db.execute("UPDATE rows SET rollout_id = NULL, last_seq = NULL, last_event_id = NULL, result = NULL")


def _run(double: StrictDouble, journal: Path, *, use_async: bool) -> BatchResult:
    kw = {"api_key": double.api_key, "backend_base": double.base_url}
    if use_async:

        async def go() -> BatchResult:
            async with AsyncEnvironmentPoolsClient(**kw) as client:
                return await client.rollouts.run_batch(_requests("p1"), journal=journal, poll_interval=0.01)

        return asyncio.run(go())
    with EnvironmentPoolsClient(**kw) as client:
        return client.rollouts.run_batch(_requests("p1"), journal=journal, poll_interval=0.01)


def test_the_double_ignores_idempotency_keys_so_the_guard_is_what_is_tested() -> None:
    with StrictDouble() as double, httpx.Client(base_url=double.base_url) as http:
        headers = {"Authorization": f"Bearer {double.api_key}", "Idempotency-Key": "same"}
        for _ in range(2):
            assert http.post("/v1/rollouts", json={"pool_id": "p1"}, headers=headers).status_code == 200
        assert len(double.rollouts) == 2


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_resume_that_lost_every_answer_adopts_the_rollouts_instead_of_creating_them_again(
    tmp_path: Path, use_async: bool
) -> None:
    journal = tmp_path / "run.db"
    with StrictDouble() as double:
        first = _run(double, journal, use_async=use_async)
        assert first.complete and len(double.rollouts) == N
        tags = [(r.get("metadata") or {}).get(BATCH_KEY_TAG) for r in double.rollouts.values()]
        assert len(set(tags)) == N and all(isinstance(t, str) for t in tags)

        _forget_every_answer(journal)
        again = _run(double, journal, use_async=use_async)

        assert len(double.rollouts) == N  # without the guard: 2 * N
        assert again.complete
        assert [row.rollout_id for row in again] == [row.rollout_id for row in first]
        assert [row.reward for row in again] == [row.reward for row in first]
        # the user's own metadata went out untouched beside the tag
        assert sorted(b["metadata"]["seed"] for b in double.sent("POST", "/v1/rollouts")) == list(range(N))


def test_a_service_that_cannot_list_leaves_the_idempotency_key_to_do_it_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    journal = tmp_path / "run.db"
    with StrictDouble() as double:
        _run(double, journal, use_async=False)
        _forget_every_answer(journal)
        with (
            EnvironmentPoolsClient(api_key=double.free_key, backend_base=double.base_url, max_retries=0) as c,
            caplog.at_level(logging.WARNING, logger="synth_pools"),
        ):
            result = c.rollouts.run_batch(_requests("p1"), journal=journal)
    assert not result.complete  # the free account is refused everything: rows stay for a rerun
    assert "Idempotency-Key" in caplog.text and "could not list" in caplog.text
