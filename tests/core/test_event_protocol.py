"""StreamState on the service's protocol: what each request asks, what a response end means,
which ids and resume points it reads, and JSON pages of every accepted shape."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent

import synth_pools as sp
from synth_pools._sse import NotAPageError, Resume, StreamState, page_events
from tests.support.fakes import CutStream, sync_client

RID = "ro_p"


def _sse(seq: int, kind: str = "agent", *, eid: str | None = None, **data: Any) -> ServerSentEvent:
    env = {"id": eid or str(seq), "event": kind, "seq": seq, "data": data or {"n": seq}}
    return ServerSentEvent(event=kind, data=json.dumps(env), id=env["id"])


def _bare(seq: int | None, kind: str = "agent", eid: str | None = None) -> ServerSentEvent:
    """An event whose data is no envelope: seq comes from the SSE id only."""
    return ServerSentEvent(event=kind, data=json.dumps({"n": seq}), id=eid)


def test_requests_resume_after_the_last_delivered_seq_in_pages_of_at_most_1000() -> None:
    state = StreamState()
    assert state.resume() == Resume(after_sequence=0, limit=1000, last_event_id=None, format="sse")
    for seq in (1, 2, 3):
        assert state.accept(_sse(seq)) is not None
    assert state.resume() == Resume(after_sequence=3, limit=1000, last_event_id="3", format="sse")
    resumed = StreamState(cursor=f"{RID}:41")
    assert resumed.resume() == Resume(after_sequence=41, limit=1000, last_event_id=f"{RID}:41", format="sse")


def test_pages_never_ask_for_more_than_the_callers_limit_leaves() -> None:
    state = StreamState(limit=1203)
    assert state.resume().limit == 1000
    for seq in range(1, 1001):
        state.accept(_sse(seq))
    assert state.resume().limit == 203 and not state.finished
    for seq in range(1001, 1204):
        state.accept(_sse(seq))
    assert state.finished and state.delivered == 1203


def test_ids_plain_or_prefixed_give_the_seq() -> None:
    state = StreamState()
    got = [state.accept(_bare(None, eid=eid)) for eid in ("7", f"{RID}:8", "8", "ro:x:9")]
    assert [e["seq"] if e else None for e in got] == [7, 8, None, 9]  # "8" again: a duplicate


def test_a_page_end_continues_at_once_even_without_auto_reconnect() -> None:
    state = StreamState()
    state.accept(_sse(1))
    assert state.on_end(None, auto_reconnect=False) == 0.0
    assert state.failures == 0


def test_a_clean_end_with_nothing_new_is_a_failed_attempt() -> None:
    state = StreamState(max_retries=2, backoff_base=1.0, backoff_max=8.0)
    state.accept(_sse(1))
    assert state.on_end(None) == 0.0
    assert state.on_end(None) == 1.0 and state.on_end(None) == 2.0
    with pytest.raises(sp.APIConnectionError, match=r"3 times in a row .*nothing new.*cursor='1'"):
        state.on_end(None)
    with pytest.raises(sp.APIConnectionError, match="auto_reconnect=True or resume with cursor='1'"):
        StreamState(cursor="1").on_end(None, auto_reconnect=False)


def test_heartbeats_keep_the_budget_but_not_the_pace() -> None:
    state = StreamState(max_retries=1, backoff_base=0.5)
    for _ in range(5):
        state.accept(ServerSentEvent(event="heartbeat", data='{"event": "heartbeat"}'))
        assert state.on_end(None) == 0.5  # a wait, never an error: the server is alive
    with pytest.raises(sp.APIConnectionError):  # no sign of life this time: the second in a row
        state.on_end(None)


def test_server_retry_is_a_floor_on_failures_only() -> None:
    state = StreamState(backoff_base=0.1)
    state.accept(ServerSentEvent(retry=3000))
    state.accept(_sse(1))
    assert state.on_end(None) == 0.0
    assert state.on_end(httpx.ReadError("cut")) == 3.0


@pytest.mark.parametrize(
    "payload",
    [
        [{"id": "1", "event": "agent", "seq": 1, "data": {}}, {"id": "2", "event": "agent", "data": {}}],
        {
            "events": [
                {"id": "1", "event": "agent", "seq": 1, "data": {}},
                {"seq": 2, "event": "agent", "data": {}},
            ]
        },
        {
            "items": [{"id": f"{RID}:1", "event": "agent", "data": {}}, {"id": f"{RID}:2", "event": "agent"}],
            "next_cursor": "2",
        },
    ],
)
def test_json_pages_of_every_shape(payload: Any) -> None:
    events, says_end = page_events(payload)
    assert [e["seq"] for e in events] == [1, 2] and not says_end
    assert all(e["id"] and "data" in e for e in events)


def test_a_json_page_with_a_null_next_cursor_says_the_log_ends() -> None:
    events, says_end = page_events({"events": [], "next_cursor": None})
    assert events == [] and says_end
    for junk in ({"detail": "nope"}, "text", 3, {"events": "x"}):
        with pytest.raises(NotAPageError):
            page_events(junk)


def test_since_a_timestamp_filters_by_event_time_and_still_moves_the_resume_point() -> None:
    state = StreamState(since="2026-01-01T00:00:05Z")
    stamps = [
        "2026-01-01T00:00:04Z",
        "2026-01-01T00:00:05+00:00",
        "2026-01-01T00:00:05.001Z",
        "2026-01-01T01:00:00",
    ]
    kept = []
    for seq, stamp in enumerate(stamps, 1):
        env = {"id": str(seq), "event": "agent", "seq": seq, "timestamp": stamp, "data": {}}
        if state.accept(ServerSentEvent(data=json.dumps(env), id=str(seq))) is not None:
            kept.append(seq)
    assert kept == [3, 4]
    assert state.resume().after_sequence == 4 and state.accepted == 4  # filtered events were progress


@pytest.mark.parametrize(
    ("since", "after"), [("17", 17), (f"{RID}:17", 17), ("2026-01-01", 0), ("2026-01-01T00:00:00+02:00", 0)]
)
def test_since_forms(since: str, after: int) -> None:
    assert StreamState(since=since).resume().after_sequence == after


def test_the_json_fallback_switches_the_stream_to_json_pages() -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.params["format"])
        after = int(request.url.params["after_sequence"])
        if after == 0:  # something in between answered JSON to an SSE request
            return httpx.Response(200, json={"events": [{"id": "1", "event": "agent", "seq": 1, "data": {}}]})
        return httpx.Response(
            200, json={"items": [{"id": "2", "event": "lifecycle", "seq": 2, "data": {"status": "failed"}}]}
        )

    client, sleeps = sync_client(handler)
    assert [e["seq"] for e in client.rollouts.events(RID)] == [1, 2]
    assert asked == ["sse", "json"] and sleeps == [0.0]


def test_a_200_that_is_neither_sse_nor_json_is_a_failure_that_says_so() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>login</html>", headers={"content-type": "text/html"})

    client, sleeps = sync_client(handler)
    with pytest.raises(sp.APIConnectionError, match="text/html, neither SSE nor a JSON page"):
        list(client.rollouts.events(RID, max_retries=2))
    assert len(sleeps) == 2
    with pytest.raises(sp.APIConnectionError, match="text/html"):
        list(client.rollouts.events(RID, auto_reconnect=False))


def test_without_auto_reconnect_an_empty_clean_end_is_an_error_not_a_silent_end() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"retry: 10\n\n", headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    with pytest.raises(sp.APIConnectionError, match="nothing new"):
        list(client.rollouts.events(RID, auto_reconnect=False))


def test_page_ends_and_cuts_over_mock_http_with_auto_reconnect_off() -> None:
    """Pages of 3 end cleanly (continue), never a failure; the events arrive once, in order."""

    def handler(request: httpx.Request) -> httpx.Response:
        after = int(request.url.params["after_sequence"])
        frames = [
            f"id: {s}\nevent: {'lifecycle' if s == 10 else 'agent'}\ndata: "
            + json.dumps(
                {
                    "id": str(s),
                    "event": "lifecycle" if s == 10 else "agent",
                    "seq": s,
                    "data": {"status": "succeeded"} if s == 10 else {},
                }
            )
            + "\n\n"
            for s in range(after + 1, min(after + 3, 10) + 1)
        ]
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            stream=CutStream([f.encode() for f in frames], cut=False),
        )

    client, sleeps = sync_client(handler)
    assert [e["seq"] for e in client.rollouts.events(RID, auto_reconnect=False)] == list(range(1, 11))
    assert sleeps == [0.0, 0.0, 0.0]
