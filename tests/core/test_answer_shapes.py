"""The tolerant answer reader (``synth_pools._answers``) through the clients: every shape the real
service or Synth's own fakes answer in (design/real-service.md) reads the same way."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import synth_pools as sp
from synth_pools.pools import ContainerPoolsClient
from tests.support.fakes import BASE, SECRET_KEY, sync_client

POOL = {"pool_id": "p1", "pool_type": "sandbox", "state": "ready"}


def _answering(routes: dict[tuple[str, str], Any]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        body = routes[(request.method, request.url.path)]
        body = body(request) if callable(body) else body
        return httpx.Response(200, json=body)

    return handler


def test_a_wrapped_pool_is_unwrapped_and_keeps_its_wrapper_key() -> None:
    client, _ = sync_client(_answering({("POST", "/v1/pools"): {"pool": POOL, "created": True}}))
    pool = client.pools.create(request={"pool_type": "sandbox"})
    assert pool["pool_id"] == "p1"  # the reference document's quick start
    assert pool["pool"]["pool_id"] == "p1"  # Synth's harbor demo reads the raw answer
    assert pool["created"] is True
    json.dumps(pool)  # no cycle: the CLI prints it


@pytest.mark.parametrize(
    "page",
    [
        [POOL, {"pool": {"pool_id": "p2"}}],
        {"items": [POOL, {"pool_id": "p2"}], "cursor": None},
        {"data": [POOL, {"id": "p2"}]},
        {"pools": [POOL, {"pool_id": "p2"}], "next_cursor": ""},
        {"results": [POOL, {"pool_id": "p2"}]},
    ],
)
def test_pool_lists_read_every_shape(page: Any) -> None:
    client, _ = sync_client(_answering({("GET", "/v1/pools"): page}))
    assert [p["pool_id"] for p in client.pools.list()] == ["p1", "p2"]


def test_rollout_pages_under_rollouts_with_cursor_walk_and_stop_on_a_repeat() -> None:
    pages = {
        None: {"rollouts": [{"trial_id": "t1", "reward_primary": 0.5}], "cursor": "c1"},
        "c1": {"rollouts": [{"id": "t2", "reward": 1.0}], "cursor": "c1"},  # echoes its cursor
    }

    def page(request: httpx.Request) -> Any:
        return pages[request.url.params.get("cursor")]

    client, _ = sync_client(_answering({("GET", "/v1/rollouts"): page}))
    rollouts = list(client.rollouts.iter())
    assert [(r["rollout_id"], r["reward"]) for r in rollouts] == [("t1", 0.5), ("t2", 1.0)]
    first = client.rollouts.list()
    assert first["items"] == first["rollouts"] and first["next_cursor"] == "c1"


def test_a_bare_array_rollout_page_is_a_page() -> None:
    client, _ = sync_client(_answering({("GET", "/v1/rollouts"): [{"rollout_id": "r1"}]}))
    # `id` beside `rollout_id`: Synth's scripts read rollout["id"]
    assert client.rollouts.list() == {"items": [{"rollout_id": "r1", "id": "r1"}], "next_cursor": None}


def test_created_rollout_id_and_reward_from_the_real_keys() -> None:
    routes = {
        ("POST", "/v1/rollouts"): {"trial_id": "t9", "status": "queued"},
        ("GET", "/v1/rollouts/t9"): {
            "trial_id": "t9",
            "status": "succeeded",
            "reward_primary": 0.8,
            "reward_metrics": {"tests_passed": 6},
        },
    }
    client, _ = sync_client(_answering(routes))
    handle = client.rollouts.create({"pool_id": "p", "environment": {"backend": "harbor"}})
    assert handle.rollout_id == "t9" and handle["status"] == "queued"
    final = handle.get()
    assert final["reward"] == 0.8 and final["reward_metrics"] == {"tests_passed": 6}


def test_pool_metrics_carry_the_same_fields_whichever_shape() -> None:
    real = {"queue_depth": 2, "running": 1, "total_count": 10, "success_rate": 0.9}
    ours = {"pool_id": "p1", "queue_depth": 0, "running": 0, "utilisation": 0.0, "total_rollouts": 3}
    for body in (real, ours):
        client, _ = sync_client(_answering({("GET", "/v1/pools/p1/metrics"): body}))
        metrics = client.pools.metrics("p1")
        assert {"queue_depth", "running", "total_count", "success_rate"} <= set(metrics)
    assert metrics["total_count"] == 3 and metrics["success_rate"] is None


def test_credentials_read_as_a_bare_array_or_under_credentials() -> None:
    item = {"id": "c1", "credential_name": "gh", "credential_type": "GITHUB_PAT", "is_active": True}
    for body in ([item], {"credentials": [item]}):
        client, _ = sync_client(_answering({("GET", "/api/v1/credentials"): body}))
        (listed,) = client.credentials.list()
        assert listed["credential_id"] == listed["id"] == "c1"


def test_an_answer_that_is_no_page_is_a_page_shape_error() -> None:
    client, _ = sync_client(_answering({("GET", "/v1/pools"): {"pool_id": "p1"}}))
    with pytest.raises(sp.PageShapeError, match="rollouts, pools"):
        client.pools.list()
    assert issubclass(sp.PageShapeError, sp.APIResponseValidationError)


def test_the_container_client_reads_the_same_shapes() -> None:
    routes = {
        ("POST", "/v1/pools"): {"pool": POOL},
        ("GET", "/v1/pools"): [POOL],
        ("GET", "/v1/pools/p1/rollouts"): {"rollouts": [{"trial_id": "t1"}], "cursor": None},
    }
    client = ContainerPoolsClient(
        api_key=SECRET_KEY, backend_base=BASE, transport=httpx.MockTransport(_answering(routes))
    )
    assert client.create_pool({"pool_type": "sandbox"})["pool_id"] == "p1"
    # what came, plus each alias the newest readers use (`id`, `status`)
    assert client.list_pools()["items"] == [{**POOL, "id": "p1", "status": POOL["state"]}]
    assert [r["rollout_id"] for r in client.iter_rollouts("p1")] == ["t1"]
