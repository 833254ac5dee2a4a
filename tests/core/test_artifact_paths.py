"""Artifact paths travel with their '/' separators, each segment percent-encoded, and dot
segments are refused before anything is sent."""

from __future__ import annotations

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import sync_client


def _requested_path(artifact_path: str) -> str:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, content=b"x")

    client, _ = sync_client(handler)
    client.rollouts.fetch_artifact("ro_1", artifact_path)
    return seen[0]


def test_nested_path_keeps_its_slashes() -> None:
    assert _requested_path("out/sub dir/r%.txt") == "/v1/rollouts/ro_1/artifacts/out/sub%20dir/r%25.txt"
    assert _requested_path("result.txt") == "/v1/rollouts/ro_1/artifacts/result.txt"
    assert (
        _requested_path("/out/a.txt") == "/v1/rollouts/ro_1/artifacts/out/a.txt"
    )  # a leading '/' is dropped


@pytest.mark.parametrize("bad", ["out/../secrets", "./a", "out//a", "out/.", ".."])
def test_dot_and_empty_segments_are_refused(bad: str) -> None:
    client, _ = sync_client(lambda request: httpx.Response(200))
    with pytest.raises(sp.SynthPoolsValidationError) as info:
        client.rollouts.fetch_artifact("ro_1", bad)
    assert info.value.field == "artifact_path"
