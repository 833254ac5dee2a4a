"""Pause/resume and container leases are real on the local backend, over HTTP.

A paused pool keeps queueing and starts nothing until resumed; an active lease holds one running
slot of its pool until it is released or its TTL runs out.
"""

from __future__ import annotations

import time

import httpx

from tests.server.helpers import client, command_task, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend


def _status(c: httpx.Client, rollout_id: str) -> str:
    return str(c.get(f"/v1/rollouts/{rollout_id}").json()["status"])


def test_a_paused_pool_queues_and_starts_nothing_until_resumed(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo ok")], concurrency=2)
        paused = c.post(f"/v1/pools/{pool}/pause")
        assert paused.status_code == 200 and paused.json()["pool"]["state"] == "paused", paused.text
        ids = [start(c, rollout_body(pool))["rollout_id"] for _ in range(3)]
        time.sleep(1.0)
        assert [_status(c, rid) for rid in ids] == ["queued"] * 3
        assert c.get(f"/v1/pools/{pool}/metrics").json()["queue_depth"] == 3
        assert pool in {p["pool_id"] for p in c.get("/v1/pools", params={"state": "paused"}).json()["items"]}
        # pausing is state, not definition: replacing the pool keeps it paused
        put = c.put(f"/v1/pools/{pool}", json={"pool_type": "sandbox", "concurrency": 2})
        assert put.status_code == 200 and put.json()["state"] == "paused"
        resumed = c.post(f"/v1/pools/{pool}/resume")
        assert resumed.status_code == 200 and resumed.json()["pool"]["state"] == "active"
        assert [finish(c, rid)["status"] for rid in ids] == ["completed"] * 3
        assert c.post("/v1/pools/no-such-pool/pause").status_code == 404


def test_a_lease_holds_a_slot_until_released_or_expired(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo ok")], concurrency=1)
        r = c.post("/v1/container_leases", json={"pool_id": pool, "task_id": "t1", "ttl_sec": 60})
        assert r.status_code == 200, r.text
        lease = r.json()
        assert lease["state"] == "active" and lease["ttl_sec"] == 60 and lease["expires_at"]
        held = start(c, rollout_body(pool))["rollout_id"]
        time.sleep(1.0)
        assert _status(c, held) == "queued"  # the pool's one slot is leased
        renewed = c.post(f"/v1/container_leases/{lease['lease_id']}/renew", json={"ttl_sec": 90}).json()
        assert renewed["renewals"] == 1 and renewed["ttl_sec"] == 90
        assert renewed["expires_at"] > lease["expires_at"]
        listed = c.get("/v1/container_leases", params={"pool_id": pool}).json()
        assert [x["lease_id"] for x in listed] == [lease["lease_id"]]
        released = c.post(f"/v1/container_leases/{lease['lease_id']}/release").json()
        assert released["state"] == "released" and released["released_at"]
        assert finish(c, held)["status"] == "completed"  # its slot came back
        again = c.post(f"/v1/container_leases/{lease['lease_id']}/release")
        assert again.status_code == 200 and again.json()["state"] == "released"  # idempotent

        short = c.post("/v1/container_leases", json={"pool_id": pool, "ttl_sec": 1}).json()
        waiting = start(c, rollout_body(pool))["rollout_id"]
        assert finish(c, waiting)["status"] == "completed"  # started once the lease ran out
        expired = c.get(f"/v1/container_leases/{short['lease_id']}").json()
        assert expired["state"] == "expired"
        r = c.post(f"/v1/container_leases/{short['lease_id']}/renew", json={})
        assert r.status_code == 409 and r.json()["error"]["code"] == "lease_not_active"

        assert c.post("/v1/container_leases", json={"pool_id": pool, "ttl_sec": 0}).status_code == 422
        assert c.post("/v1/container_leases", json={"pool_id": "nope"}).status_code == 404
        assert c.post("/v1/container_leases", json={"pool_id": pool, "task_id": "nope"}).status_code == 404
        assert c.get("/v1/container_leases/lease_missing").status_code == 404


def test_leases_are_per_organisation(backend: LocalBackend) -> None:
    with client(backend) as mine, client(backend, "sk_test_other") as other:
        pool = make_pool(mine, [command_task("echo ok")])
        lease = mine.post("/v1/container_leases", json={"pool_id": pool}).json()
        assert other.get(f"/v1/container_leases/{lease['lease_id']}").status_code == 404
        assert other.post(f"/v1/container_leases/{lease['lease_id']}/release").status_code == 404
        assert lease["lease_id"] not in {x["lease_id"] for x in other.get("/v1/container_leases").json()}
        assert other.post("/v1/container_leases", json={"pool_id": pool}).status_code == 404
