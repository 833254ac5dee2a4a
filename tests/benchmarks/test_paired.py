"""No bench run is lost to a baseline's flake, and no SDK error is hidden by a retry (_paired)."""

from __future__ import annotations

import sys
from pathlib import Path

import aiohttp
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from _paired import RETRIES, Flakes, arounds, rounds


def _flaky(failures: int, exc: Exception) -> tuple[list[int], object]:
    calls = [0]

    def variant() -> float:
        calls[0] += 1
        if calls[0] <= failures:
            raise exc
        return 1.0

    return calls, variant


def test_a_baseline_flake_reruns_that_round_and_is_noted() -> None:
    flakes = Flakes()
    calls, flaky = _flaky(1, aiohttp.ClientOSError(32, "Can not write request body"))
    out = rounds({"sdk": lambda: 2.0, "aiohttp": flaky}, 3, sdk=("sdk",), flakes=flakes, warm=0)  # type: ignore[dict-item]
    assert out == {"sdk": [2.0, 2.0, 2.0], "aiohttp": [1.0, 1.0, 1.0]}
    assert calls[0] == 4
    assert "aiohttp retried 1 round(s) after ClientOSError" in flakes.note()


def test_an_sdk_error_is_never_retried() -> None:
    calls, flaky = _flaky(1, aiohttp.ClientOSError(32, "broken pipe"))
    with pytest.raises(aiohttp.ClientOSError):
        rounds({"sdk": flaky, "aiohttp": lambda: 1.0}, 2, sdk=("sdk",), flakes=Flakes())  # type: ignore[dict-item]
    assert calls[0] == 1


def test_a_baseline_that_keeps_failing_or_fails_for_real_still_fails() -> None:
    _, always = _flaky(99, aiohttp.ServerDisconnectedError())
    with pytest.raises(aiohttp.ServerDisconnectedError):
        rounds({"aiohttp": always}, 1, sdk=(), flakes=Flakes())  # type: ignore[dict-item]
    calls, buggy = _flaky(1, KeyError("rollout_id"))
    with pytest.raises(KeyError):
        rounds({"aiohttp": buggy}, 1, sdk=(), flakes=Flakes())  # type: ignore[dict-item]
    assert calls[0] == 1 and RETRIES >= 2


async def test_the_async_rounds_retry_the_same_way() -> None:
    flakes = Flakes()
    calls = [0]

    async def flaky() -> float:
        calls[0] += 1
        if calls[0] == 2:
            raise aiohttp.ClientOSError(32, "Can not write request body")
        return 1.0

    async def sdk() -> float:
        return 2.0

    out = await arounds({"sdk": sdk, "aiohttp": flaky}, 2, sdk=("sdk",), flakes=flakes)
    assert out["aiohttp"] == [1.0, 1.0] and calls[0] == 4  # warm-up + 2 rounds + 1 rerun
    assert flakes.seen
