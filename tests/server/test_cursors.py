"""Whatever a client puts in a cursor, list routes answer 200 (never a 500), and positions parse.

Schemathesis found these: a 30-digit cursor overflowed SQLite's integer, and "³" passed
str.isdigit() but not int().
"""

from __future__ import annotations

import pytest

from synth_pools_server import cursors, sse
from tests.server.helpers import client, make_pool
from tests.support.backend import LocalBackend

ODD_CURSORS = ["9" * 30, "³", "٣", "-1", "1e5", "00", " 7", "x" * 500]


@pytest.mark.parametrize("cursor", ODD_CURSORS)
def test_list_routes_take_any_cursor(backend: LocalBackend, cursor: str) -> None:
    with client(backend) as c:
        pool_id = make_pool(c)
        for path in ("/v1/pools", "/api/v1/credentials", "/v1/rollouts", f"/v1/pools/{pool_id}/tasks"):
            r = c.get(path, params={"cursor": cursor})
            assert r.status_code == 200, (path, r.status_code, r.text[:300])
            answer = r.json()
            # credentials answer a bare array, as the service does; the others a page ({"items": ...})
            listed = answer if isinstance(answer, list) else answer.get("items", answer.get("rollouts"))
            assert isinstance(listed, list), answer


def test_a_cursor_past_the_end_is_an_empty_page(backend: LocalBackend) -> None:
    with client(backend) as c:
        make_pool(c)
        r = c.get("/v1/pools", params={"cursor": "9" * 30})
        assert r.json() == {"items": [], "next_cursor": None}
        r = c.get("/v1/rollouts", params={"cursor": "9" * 30, "pool_id": "none-such"})
        assert r.json() == {"items": [], "rollouts": [], "next_cursor": None}


def test_offsets_and_event_positions() -> None:
    assert cursors.offset("42") == 42
    assert cursors.offset("9" * 30) == cursors.INT64_MAX
    for bad in (None, "", "³", "-3", "4.0", "٣"):
        assert cursors.offset(bad) is None
    assert sse.parse_position("ro_1:17") == 17 and sse.parse_position("17") == 17
    assert sse.resume_point(None, "ro_1:17", "3") == 17  # the furthest one given wins
    assert sse.resume_point(20, "ro_1:17", None) == 20
    assert sse.parse_position(f"ro_1:{'9' * 40}") == cursors.INT64_MAX
    assert sse.resume_point(10**30) == cursors.INT64_MAX
    assert sse.parse_position("ro_1:³") == 0
