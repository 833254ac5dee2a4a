"""Crash recovery: SIGKILL the backend while rollouts run, restart it on the same data dir.

Every acknowledged object (rollouts the SDK got a 200 for) and every acknowledged event (events a
reader had already received) must be there after the restart, unchanged; rollouts that were
running must end in a terminal state with a reason; a consumer that was streaming through the
crash (via the SDK's resumable stream) must reach the end with every event exactly once.

The clients talk to a fault proxy whose upstream is re-pointed after the restart, because the
restarted backend listens on a new port.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from synth_pools._sse import StreamState
from synth_pools_server.launcher import start_backend
from tests.reliability._harness import (
    TERMINAL,
    create_spec,
    direct,
    make_pool,
    read_all_events,
    rollout_body,
    stream,
    sync_transport,
)
from tests.support.faultproxy import FaultProxy


def _events_so_far(c: httpx.Client, rollout_id: str) -> list[dict[str, Any]]:
    """The events committed so far, read as JSON pages without waiting for the rollout to end."""
    return read_all_events(c, rollout_id)


@pytest.mark.parametrize(
    "n", [pytest.param(8, id="8-rollouts"), pytest.param(50, id="50-rollouts", marks=pytest.mark.slow)]
)
def test_sigkill_mid_run_loses_nothing_acknowledged(tmp_path: Path, n: int, figures: Any) -> None:
    # a worker per rollout: all are running at the kill, so all end (`error`) at the restart; with
    # fewer, those still queued run again afterwards and are not over when the test reads them
    backend = start_backend(tmp_path / "data", extra_args=["--workers", str(max(16, n))])
    try:
        with FaultProxy(backend.base_url) as proxy, direct(backend.base_url, backend.api_key) as c:
            # long enough to still be running at the kill, short enough to have events before it
            pool = make_pool(
                c, {"slow": "for i in $(seq 1 400); do echo $i; sleep 0.05; done"}, concurrency=n
            )
            transport = sync_transport(proxy.url, backend.api_key, max_retries=5)
            acked = [
                transport.request_json(create_spec(rollout_body(pool, "slow")))["rollout_id"]
                for _ in range(n)
            ]

            received: list[dict[str, Any]] = []
            failure: list[BaseException] = []

            def consume() -> None:
                reader = sync_transport(proxy.url, backend.api_key, max_retries=5)
                state = StreamState(backoff_base=0.2, backoff_max=1.0, max_retries=60)
                try:
                    received.extend(stream(reader, acked[0], state))
                except BaseException as exc:
                    failure.append(exc)
                finally:
                    reader.close()

            consumer = threading.Thread(target=consume, daemon=True)
            consumer.start()
            deadline = time.monotonic() + 60
            while len(received) < 20 and time.monotonic() < deadline and consumer.is_alive():
                time.sleep(0.05)
            assert len(received) >= 20, ("the consumer saw too little before the crash", failure)

            before = {rid: _events_so_far(c, rid) for rid in acked}
            statuses_before = {rid: c.get(f"/v1/rollouts/{rid}").json()["status"] for rid in acked}
            seen_by_consumer = list(received)

            backend.kill()  # SIGKILL: no shutdown hooks, no flush
            backend.start()  # same data dir, new port
            proxy.set_upstream(backend.base_url)
            consumer.join(180)
            assert not consumer.is_alive(), "the consumer never finished after the restart"
            assert failure == [], failure

        with direct(backend.base_url, backend.api_key) as c2:
            after = {rid: read_all_events(c2, rid) for rid in acked}
            docs = {rid: c2.get(f"/v1/rollouts/{rid}").json() for rid in acked}
            listed: set[str] = set()
            page = c2.get("/v1/rollouts", params={"pool_id": pool, "limit": 1000}).json()
            listed.update(item["rollout_id"] for item in page["rollouts"])

        events_before = sum(len(v) for v in before.values())
        events_kept = sum(
            1
            for rid, evs in before.items()
            for i, e in enumerate(evs)
            if i < len(after[rid]) and after[rid][i] == e
        )
        figures(
            "crash",
            variant=f"{n} rollouts",
            rollouts_before=len(acked),
            rollouts_after=len(listed & set(acked)),
            events_before=events_before,
            events_after=events_kept,
            consumer_events=len(received),
        )
        assert listed == set(acked)
        for rid in acked:
            # acknowledged events survive unchanged, as a prefix of the final log
            assert after[rid][: len(before[rid])] == before[rid], rid
            seqs = [e["seq"] for e in after[rid]]
            assert seqs == list(range(1, len(seqs) + 1)), rid
            doc = docs[rid]
            assert doc["status"] in TERMINAL, doc
            assert (
                after[rid][-1]["event"] == "lifecycle" and after[rid][-1]["data"]["status"] == doc["status"]
            )
            if statuses_before[rid] not in TERMINAL:
                assert doc.get("status_reason"), f"{rid} ended {doc['status']} without a reason"
        assert events_kept == events_before
        # the consumer resumed through the crash: everything, once, in order, up to the terminal event
        assert received[: len(seen_by_consumer)] == seen_by_consumer
        assert received == after[acked[0]]
        assert received[-1]["event"] == "lifecycle" and received[-1]["data"]["status"] in TERMINAL
    finally:
        backend.stop()
