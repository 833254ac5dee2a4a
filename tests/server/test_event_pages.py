"""The event routes speak the real service's protocol: `after_sequence`, `limit` (1..1000, default
200: the response ends after that many events), `format=json`; event ids are the plain seq."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.server.helpers import client, command_task, events, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend


@pytest.fixture(scope="module")
def finished(backend: LocalBackend) -> tuple[str, str, list[dict[str, Any]]]:
    """(pool_id, rollout_id, every event) of a finished rollout with 450 output lines."""
    with client(backend) as c:
        pool = make_pool(c, [command_task("seq 1 450")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        finish(c, rid)
        return pool, rid, events(c, rid)


def _sse_events(r: httpx.Response) -> list[dict[str, Any]]:
    out = []
    for frame in r.text.split("\n\n"):
        lines = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
        if "data" in lines and lines.get("event") != "heartbeat":
            env = json.loads(lines["data"])
            assert lines["id"] == env["id"] == str(env["seq"])
            out.append(env)
    return out


def test_a_response_is_a_page_of_200_events_by_default(
    backend: LocalBackend, finished: tuple[str, str, list[dict[str, Any]]]
) -> None:
    pool, rid, history = finished
    assert len(history) > 450
    with client(backend) as c:
        for path in (f"/v1/rollouts/{rid}/events", f"/v1/pools/{pool}/rollouts/{rid}/events"):
            page = _sse_events(c.get(path, timeout=30))
            assert [e["seq"] for e in page] == list(range(1, 201)), path
            page = _sse_events(c.get(path, params={"after_sequence": 200, "limit": 7}, timeout=30))
            assert [e["seq"] for e in page] == list(range(201, 208)), path


def test_after_sequence_pages_reach_the_terminal_event_and_stop_there(
    backend: LocalBackend, finished: tuple[str, str, list[dict[str, Any]]]
) -> None:
    _, rid, history = finished
    with client(backend) as c:
        got: list[dict[str, Any]] = []
        after = 0
        for _ in range(10):
            page = _sse_events(
                c.get(f"/v1/rollouts/{rid}/events", params={"after_sequence": after, "limit": 1000})
            )
            got += page
            after = page[-1]["seq"]
            if page[-1]["event"] == "lifecycle" and page[-1]["data"]["status"] == "completed":
                break
        assert got == history


@pytest.mark.parametrize("limit", ["0", "1001", "-5", "many"])
def test_a_limit_outside_1_to_1000_is_a_422_naming_it(
    backend: LocalBackend, finished: tuple[str, str, list[dict[str, Any]]], limit: str
) -> None:
    pool, rid, _ = finished
    with client(backend) as c:
        for path in (f"/v1/rollouts/{rid}/events", f"/v1/pools/{pool}/rollouts/{rid}/events"):
            r = c.get(path, params={"limit": limit})
            assert r.status_code == 422, (path, r.text)
            assert [d["field"] for d in r.json()["error"]["details"]] == ["query.limit"]


@pytest.mark.parametrize(
    ("name", "value"), [("after_sequence", "-1"), ("after_sequence", "x"), ("format", "xml")]
)
def test_a_bad_after_sequence_or_format_is_a_422_naming_it(
    backend: LocalBackend, finished: tuple[str, str, list[dict[str, Any]]], name: str, value: str
) -> None:
    _, rid, _ = finished
    with client(backend) as c:
        r = c.get(f"/v1/rollouts/{rid}/events", params={name: value})
        assert r.status_code == 422, r.text
        assert [d["field"] for d in r.json()["error"]["details"]] == [f"query.{name}"]


def test_format_json_answers_event_pages_to_the_end(
    backend: LocalBackend, finished: tuple[str, str, list[dict[str, Any]]]
) -> None:
    pool, rid, history = finished
    with client(backend) as c:
        for path in (f"/v1/rollouts/{rid}/events", f"/v1/pools/{pool}/rollouts/{rid}/events"):
            got: list[dict[str, Any]] = []
            cursor: str | None = "0"
            pages = 0
            while cursor is not None:
                r = c.get(path, params={"format": "json", "after_sequence": cursor, "limit": 100})
                assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
                body = r.json()
                assert set(body) == {"events", "next_cursor"}
                got += body["events"]
                cursor = body["next_cursor"]
                pages += 1
            assert got == history and pages == -(-len(history) // 100), path
            # past the end: an empty page that says nothing more will come
            r = c.get(path, params={"format": "json", "after_sequence": history[-1]["seq"]})
            assert r.json() == {"events": [], "next_cursor": None}


def test_a_running_rollouts_json_page_points_at_the_next_one(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo one; sleep 30")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        try:
            page = c.get(f"/v1/rollouts/{rid}/events", params={"format": "json", "after_sequence": 0}).json()
            assert page["events"] and page["next_cursor"] == str(page["events"][-1]["seq"])
            later = c.get(
                f"/v1/rollouts/{rid}/events", params={"format": "json", "after_sequence": 10**6}
            ).json()
            assert later == {"events": [], "next_cursor": str(10**6)}
        finally:
            c.post(f"/v1/rollouts/{rid}/cancel")
