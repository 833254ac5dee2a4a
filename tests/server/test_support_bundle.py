"""The support bundle stays bounded for a long rollout and says what it left out."""

from __future__ import annotations

from typing import Any

from tests.server.helpers import client, command_task, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend


def _bundle_after(backend: LocalBackend, command: str) -> dict[str, Any]:
    with client(backend) as c:
        pool_id = make_pool(c, [command_task(command)])
        rid = start(c, rollout_body(pool_id))["rollout_id"]
        finish(c, rid)
        bundle: dict[str, Any] = c.get(f"/v1/rollouts/{rid}/support_bundle").json()
    return bundle


def test_long_rollout_bundle_keeps_first_and_last_events(backend: LocalBackend) -> None:
    bundle = _bundle_after(backend, "seq 1 2500")  # one event per line
    total = bundle["event_count"]
    assert total > 2500
    seqs = [e["seq"] for e in bundle["events"]]
    assert len(seqs) == 1000 and bundle["events_omitted"] == total - 1000
    assert seqs[:500] == list(range(1, 501))
    assert seqs[500:] == list(range(total - 499, total + 1))
    assert bundle["events"][-1]["event"] == "lifecycle"  # how it ended is always there


def test_short_rollout_bundle_has_every_event(backend: LocalBackend) -> None:
    bundle = _bundle_after(backend, "echo one; echo two")
    assert bundle["events_omitted"] == 0
    assert [e["seq"] for e in bundle["events"]] == list(range(1, bundle["event_count"] + 1))
