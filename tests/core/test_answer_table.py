"""Every answer shape design/real-service.md names, older and newest, through the one reader
(``synth_pools._answers``): one row per shape, what comes out."""

from __future__ import annotations

from typing import Any

import pytest

from synth_pools._answers import is_success, read_answer, read_page, read_pool, read_rollout, reward_of

# (what the service answered, the rollout id, the reward, success?) -- from real-service.md
ROLLOUTS: list[tuple[str, dict[str, Any], str | None, float | None, bool]] = [
    ("older: trial_id + reward_primary", {"trial_id": "t1", "status": "succeeded", "reward_primary": 0.5,
     "reward_metrics": {"passed": 1}, "error": None}, "t1", 0.5, True),
    ("older: rollout_id + reward", {"rollout_id": "r1", "status": "succeeded", "reward": 1.0}, "r1", 1.0, True),
    ("newest: id + metrics.outcome_reward", {"id": "r2", "status": "completed",
     "metrics": {"outcome_reward": 0.25}, "result": {"output": "ok"}}, "r2", 0.25, True),
    ("newest: score", {"rollout_id": "r3", "status": "completed", "score": 0.0}, "r3", 0.0, True),
    ("newest: nested rollout", {"rollout": {"id": "r4", "status": "completed",
     "metrics": {"outcome_reward": 1}}}, "r4", 1.0, True),
    ("newest: completed with an error is no success", {"id": "r5", "status": "completed",
     "error": "verifier crashed"}, "r5", None, False),
    ("newest: not terminal, no reward yet", {"id": "r6", "status": "running"}, "r6", None, False),
    ("failed", {"id": "r7", "status": "failed", "error": {"message": "boom"}}, "r7", None, False),
    ("reward_primary wins over metrics", {"trial_id": "t8", "status": "succeeded", "reward_primary": 0.9,
     "metrics": {"outcome_reward": 0.1}}, "t8", 0.9, True),
    ("a boolean is no reward", {"id": "r9", "status": "completed", "score": True}, "r9", None, True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("shape", "answer", "rid", "reward", "success"), ROLLOUTS, ids=[r[0] for r in ROLLOUTS]
)
def test_every_rollout_shape_reads_the_same(
    shape: str, answer: dict[str, Any], rid: str, reward: float | None, success: bool
) -> None:
    read = read_rollout(answer)
    assert (read["rollout_id"], read["id"]) == (rid, rid), shape
    assert read.get("reward") == reward and reward_of(read) == reward, shape
    assert is_success(read) is success, shape
    # both names of the metrics, whichever came, and the output kept
    metrics = read.get("metrics")
    assert read.get("reward_metrics") == metrics
    if "result" in answer:
        assert read["result"] == answer["result"]
    # nothing that came is lost
    inner = answer.get("rollout", answer)
    assert all(read[k] == v for k, v in inner.items())


POOLS: list[tuple[str, Any, str, str | None]] = [
    ("older: wrapped under pool", {"pool": {"pool_id": "p1", "state": "ready"}}, "p1", "ready"),
    ("newest: unwrapped create", {"pool_id": "p2", "backend": "arbitrary", "status": "building"}, "p2", "building"),
    ("newest: id only", {"id": "p3", "status": "active"}, "p3", "active"),
    ("local backend: state", {"pool_id": "p4", "state": "paused"}, "p4", "paused"),
    ("no status at all", {"pool_id": "p5"}, "p5", None),
]  # fmt: skip


@pytest.mark.parametrize(("shape", "answer", "pid", "status"), POOLS, ids=[p[0] for p in POOLS])
def test_every_pool_shape_reads_the_same(shape: str, answer: Any, pid: str, status: str | None) -> None:
    pool = read_pool(answer)
    assert (pool["pool_id"], pool["id"]) == (pid, pid), shape
    assert pool.get("status") == status and pool.get("state") == status, shape


LISTS: list[tuple[str, Any]] = [
    ("newest: items", {"items": [{"id": "a"}, {"id": "b"}], "next_cursor": "c"}),
    ("older: bare array", [{"id": "a"}, {"id": "b"}]),
    ("older: rollouts + cursor", {"rollouts": [{"id": "a"}, {"id": "b"}], "cursor": "c"}),
    ("older: pools", {"pools": [{"id": "a"}, {"id": "b"}]}),
    ("older: data", {"data": [{"id": "a"}, {"id": "b"}]}),
    ("items win over an older key", {"items": [{"id": "a"}, {"id": "b"}], "rollouts": []}),
]


@pytest.mark.parametrize(("shape", "answer"), LISTS, ids=[x[0] for x in LISTS])
def test_every_list_shape_reads_items_first(shape: str, answer: Any) -> None:
    page = read_page(answer, read_rollout)
    assert [r["rollout_id"] for r in page["items"]] == ["a", "b"], shape
    listed = read_answer("list_pools", answer)
    assert [p["pool_id"] for p in listed["items"]] == ["a", "b"], shape


def test_a_batch_answer_in_either_shape_is_a_list_of_rollouts() -> None:
    newest = read_answer("create_rollouts_batch", {"rollouts": [{"id": "a", "status": "queued"}]})
    older = read_answer("create_rollouts_batch", {"items": [{"rollout_id": "a"}], "count": 1})
    assert [r["rollout_id"] for r in newest["items"]] == [r["id"] for r in older["items"]] == ["a"]


@pytest.mark.parametrize(
    "answer",
    [
        [{"id": "c1", "credential_name": "k", "credential_type": "API_KEY", "is_active": True}],  # bare array
        {
            "credentials": [
                {"id": "c1", "credential_name": "k", "credential_type": "API_KEY", "is_active": True}
            ]
        },
        {"items": [{"credential_id": "c1", "credential_name": "k"}]},
    ],
)
def test_credential_lists_in_each_shape(answer: Any) -> None:
    page = read_answer("list_credentials", answer)
    assert [(c["id"], c["credential_id"]) for c in page["items"]] == [("c1", "c1")]


def test_pool_metrics_always_carry_the_four_fields_scripts_read() -> None:
    metrics = read_answer("get_pool_metrics", {"queue_depth": 2, "running": 1, "total_rollouts": 9})
    assert (metrics["queue_depth"], metrics["running"], metrics["total_count"]) == (2, 1, 9)
    assert metrics["success_rate"] is None
