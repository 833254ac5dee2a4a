"""Retry-After in every form RFC 9110 lets a server send, plus the API's millisecond variants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from synth_pools._errors import retry_after_seconds


def _asked(headers: dict[str, str], body: object = None) -> float | None:
    return retry_after_seconds(httpx.Response(429, headers=headers), body)


def test_seconds_and_milliseconds() -> None:
    assert _asked({"retry-after": "3"}) == 3.0
    assert _asked({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5  # the finer one wins
    assert _asked({}, {"error": {"retry_after_ms": 250}}) == 0.25
    assert _asked({}) is None


def test_imf_fixdate_in_the_future() -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    asked = _asked({"retry-after": format_datetime(when, usegmt=True)})
    assert asked is not None and 25 <= asked <= 30


@pytest.mark.parametrize(
    "date",
    [
        "Sun Nov  6 08:49:37 1994",  # asctime: a format recipients must accept
        "Sun, 06 Nov 1994 08:49:37 -0000",  # parsed as a naive datetime
        "Sunday, 06-Nov-94 08:49:37 GMT",  # RFC 850
    ],
)
def test_obsolete_and_naive_dates_in_the_past_mean_now(date: str) -> None:
    assert _asked({"retry-after": date}) == 0.0


def test_asctime_in_the_future() -> None:
    when = datetime.now(UTC) + timedelta(seconds=40)
    asked = _asked({"retry-after": when.strftime("%a %b %d %H:%M:%S %Y")})
    assert asked is not None and 35 <= asked <= 40


def test_garbage_is_ignored() -> None:
    assert _asked({"retry-after": "soon"}) is None


@pytest.mark.parametrize(
    "body",
    [
        {"detail": {"error_code": "concurrency_limit_exceeded", "retry_after_seconds": 2}},  # FastAPI dict
        {"error": {"retry_after": 2.0}},
        {"message": "slow down", "retry_after_seconds": 2},  # flat
        {"detail": "over the cap", "retry_after": 2},  # the word beside a string detail
    ],
)
def test_the_newest_services_body_words_for_the_wait(body: object) -> None:
    assert _asked({}, body) == 2.0
    assert _asked({"retry-after": "5"}, body) == 5.0  # a header still wins


def test_a_boolean_or_text_is_no_wait() -> None:
    assert _asked({}, {"retry_after_seconds": True}) is None
    assert _asked({}, {"retry_after": "soon"}) is None
