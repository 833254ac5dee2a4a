"""A stream resumed at or past a finished rollout's end gets the terminal event again and ends,
instead of sending heartbeats forever; the SDK then ends without delivering it twice."""

from __future__ import annotations

import synth_pools as sp
from tests.server.helpers import client, command_task, events, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend


def test_resume_past_the_end(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo hi")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        finish(c, rid)
        history = events(c, rid)
        last = history[-1]
        assert last["event"] == "lifecycle" and last["data"]["status"] == "completed"
        resumes: list[tuple[dict[str, str], dict[str, str]]] = [
            ({"after_sequence": str(last["seq"])}, {}),
            ({"after_sequence": "9" * 30}, {}),
            ({}, {"Last-Event-ID": last["id"]}),
            ({"cursor": "9" * 30}, {}),
        ]
        for params, headers in resumes:
            r = c.get(f"/v1/rollouts/{rid}/events", params=params, headers=headers, timeout=10)
            frames = [f for f in r.text.split("\n\n") if f.startswith("id:")]
            assert len(frames) == 1 and frames[0].startswith(f"id: {last['id']}\n"), r.text

    with sp.EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as sdk:
        assert list(sdk.rollouts.events(rid, cursor=last["id"])) == []  # ends: nothing new, no error
        assert [e["seq"] for e in sdk.rollouts.events(rid)] == [e["seq"] for e in history]
