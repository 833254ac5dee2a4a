"""The fast JSON decoder (orjson) loses nothing the stdlib would read: NaN, Infinity, integers wider
than 64 bits, bodies in UTF-16, in event streams, JSON pages and plain answers alike."""

from __future__ import annotations

import json
import math

import httpx
import pytest

from synth_pools import APIResponseValidationError
from synth_pools._json import dumps, loads
from tests.support.fakes import envelope, sse_frame, sync_client

WIDE = 2**70  # no 64-bit integer holds it


def _odd_event(seq: int) -> dict[str, object]:
    env = envelope("ro_1", seq, score=float("nan"), big=WIDE, ceiling=float("inf"))
    return env


def _terminal(seq: int) -> dict[str, object]:
    return envelope("ro_1", seq, "lifecycle", status="succeeded")


def _check(event: dict[str, object]) -> None:
    data = event["data"]
    assert isinstance(data, dict)
    assert math.isnan(data["score"]) and data["big"] == WIDE and data["ceiling"] == math.inf


def test_an_event_stream_keeps_what_only_the_stdlib_reads() -> None:
    body = sse_frame(_odd_event(1)) + sse_frame(envelope("ro_1", 2)) + sse_frame(_terminal(3))

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "text/event-stream"})

    client, _ = sync_client(handler)
    events = list(client.rollouts.events("ro_1"))
    assert [e["seq"] for e in events] == [1, 2, 3]
    _check(events[0])


def test_a_json_page_keeps_what_only_the_stdlib_reads() -> None:
    page = {"events": [_odd_event(1), _terminal(2)], "next_cursor": None}
    text = json.dumps(page)  # the stdlib writes NaN and Infinity as bare words, as Python servers do

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=text.encode(), headers={"content-type": "application/json"})

    client, _ = sync_client(handler)
    events = list(client.rollouts.export_events("ro_1"))
    assert [e["seq"] for e in events] == [1, 2]
    _check(events[0])


def test_an_answer_in_utf16_is_read() -> None:
    answer = {"rollout_id": "ro_1", "status": "running", "note": "héllo"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=json.dumps(answer).encode("utf-16"))

    client, _ = sync_client(handler)
    assert client.rollouts.get("ro_1")["note"] == "héllo"


def test_an_answer_that_is_not_json_is_a_typed_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>proxy login</html>", headers={"content-type": "text/html"})

    client, _ = sync_client(handler)
    with pytest.raises(APIResponseValidationError, match="text/html"):
        client.rollouts.get("ro_1")


def test_dumps_writes_what_orjson_refuses_and_reads_back() -> None:
    value = {1: "int key", "when": __import__("datetime").date(2026, 12, 1), "big": WIDE}
    assert loads(dumps(value)) == {"1": "int key", "when": "2026-12-01", "big": WIDE}
    with pytest.raises(ValueError):
        loads("not json")
