"""Hostile answers end as typed errors naming the call, sync and async (tests/support/hostile.py):
JSON nested 100,000 deep, a gzip bomb (the decompressed-size cap; streamed downloads exempt), a
rollout with neither id nor status, and a redirect (never followed, so the key never goes along).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import synth_pools as sp
from tests.support.hostile import HostileServer, answer, gzip_bomb

ASYNC_KINDS = ["aiohttp", "httpx"]
DEEP = b"[" * 100_000 + b"]" * 100_000
KEY = "sk_live_hostile_SECRET"


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(150)  # 150 MiB of zeros in ~150 KiB


def _sync(server: HostileServer, **kwargs: Any) -> sp.EnvironmentPoolsClient:
    return sp.EnvironmentPoolsClient(api_key=KEY, backend_base=server.url, max_retries=0, **kwargs)


def _async(server: HostileServer, kind: str) -> sp.AsyncEnvironmentPoolsClient:
    return sp.AsyncEnvironmentPoolsClient(
        api_key=KEY,
        backend_base=server.url,
        max_retries=0,
        async_transport=kind,  # type: ignore[arg-type]
    )


# -- JSON nested deeper than any answer ---------------------------------------------------------


def test_sync_deep_json_is_a_typed_error_naming_the_call(server: HostileServer) -> None:
    server.on_get = answer("200 OK", DEEP)
    with _sync(server) as client, pytest.raises(sp.APIResponseValidationError) as caught:
        client.rollouts.get("ro_1")
    assert "get_rollout" in str(caught.value) and "1024 levels deep" in str(caught.value)


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_deep_json_is_a_typed_error(server: HostileServer, kind: str) -> None:
    server.on_get = answer("200 OK", DEEP)
    async with _async(server, kind) as client:
        with pytest.raises(sp.APIResponseValidationError, match="levels deep"):
            await client.rollouts.get("ro_1")


def test_deep_json_in_an_error_body_still_maps_the_status(server: HostileServer) -> None:
    server.on_get = answer("404 Not Found", DEEP)
    with _sync(server) as client, pytest.raises(sp.NotFoundError):
        client.rollouts.get("ro_1")


# -- decompressed-size cap ---------------------------------------------------------------------


def _bomb_answer(bomb: bytes, status: str = "200 OK") -> Any:
    return answer(status, bomb, {"Content-Encoding": "gzip"})


def test_sync_gzip_bomb_stops_at_the_cap_without_inflating_it(server: HostileServer, bomb: bytes) -> None:
    server.on_get = _bomb_answer(bomb)
    with _sync(server) as client:
        small = client.with_options(max_response_bytes=1024 * 1024)
        tracemalloc.start()
        try:
            with pytest.raises(sp.ResponseTooLargeError) as caught:
                small.rollouts.get("ro_1")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert caught.value.limit == 1024 * 1024 and "get_rollout" in str(caught.value)
    assert peak < 80 * 1024 * 1024  # the whole bomb is 150 MiB


def test_the_default_cap_stops_a_bomb_larger_than_it(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch, bomb: bytes
) -> None:
    monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", str(64 * 1024 * 1024))
    server.on_get = _bomb_answer(bomb, "500 Internal Server Error")  # error bodies are capped too
    with _sync(server) as client, pytest.raises(sp.ResponseTooLargeError):
        client.rollouts.get("ro_1")


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_gzip_bomb_stops_at_the_cap(server: HostileServer, kind: str, bomb: bytes) -> None:
    server.on_get = _bomb_answer(bomb)
    async with _async(server, kind) as client:
        small = client.with_options(max_response_bytes=1024 * 1024)
        with pytest.raises(sp.ResponseTooLargeError, match="max_response_bytes=1,048,576"):
            await small.rollouts.get("ro_1")


def _compress(encoding: str, data: bytes) -> bytes:
    """``data`` as a server sends it under ``Content-Encoding: encoding`` (both decoders are in the
    dev set: zstandard through inspect-ai, brotli for these tests)."""
    if encoding == "zstd":
        zstandard = pytest.importorskip("zstandard")
        return bytes(zstandard.ZstdCompressor(level=3).compress(data))
    brotli = pytest.importorskip("brotli")
    return bytes(brotli.compress(data, quality=5))  # the default 11 takes seconds over a bomb


@pytest.mark.parametrize("encoding", ["zstd", "br"])
@pytest.mark.parametrize("kind", ["sync", *ASYNC_KINDS])
async def test_a_zstd_or_br_bomb_stops_at_the_cap_without_inflating_it(
    server: HostileServer, kind: str, encoding: str
) -> None:
    # 150 MiB of zeros is one raw chunk (~5 KiB of zstd, 250 bytes of br), which httpx's decoders
    # inflate whole; the aiohttp sender also read the whole body that way before checking the cap
    bomb = _compress(encoding, bytes(150 * 1024 * 1024))
    server.on_get = answer("200 OK", bomb, {"Content-Encoding": encoding})
    tracemalloc.start()
    try:
        with pytest.raises(sp.ResponseTooLargeError) as caught:
            if kind == "sync":
                with _sync(server) as client:
                    client.with_options(max_response_bytes=1024 * 1024).rollouts.get("ro_1")
            else:
                async with _async(server, kind) as aclient:
                    await aclient.with_options(max_response_bytes=1024 * 1024).rollouts.get("ro_1")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.limit == 1024 * 1024 and "get_rollout" in str(caught.value)
    assert peak < 80 * 1024 * 1024  # the whole bomb is 150 MiB


@pytest.mark.parametrize("encoding", ["zstd", "br"])
@pytest.mark.parametrize("kind", ["sync", *ASYNC_KINDS])
async def test_a_zstd_or_br_answer_under_the_cap_arrives_whole(
    server: HostileServer, kind: str, encoding: str
) -> None:
    import json

    payload = {"rollout_id": "ro_1", "status": "running", "notes": "z" * 200_000}
    raw = json.dumps(payload).encode()
    # zstd in two frames, as a server that compresses as it writes sends them
    parts = (raw[:1000], raw[1000:]) if encoding == "zstd" else (raw,)
    server.on_get = answer(
        "200 OK", b"".join(_compress(encoding, p) for p in parts), {"Content-Encoding": encoding}
    )
    if kind == "sync":
        with _sync(server) as client:
            got = client.with_options(max_response_bytes=300_000).rollouts.get("ro_1")
    else:
        async with _async(server, kind) as aclient:
            got = await aclient.with_options(max_response_bytes=300_000).rollouts.get("ro_1")
    assert got["notes"] == payload["notes"]


@pytest.mark.parametrize("encoding", ["zstd", "br"])
def test_a_body_not_in_its_declared_encoding_is_a_typed_error(server: HostileServer, encoding: str) -> None:
    pytest.importorskip("zstandard" if encoding == "zstd" else "brotli")
    server.on_get = answer("200 OK", b"not compressed at all", {"Content-Encoding": encoding})
    with _sync(server) as client, pytest.raises(sp.APIResponseValidationError, match=f"not valid {encoding}"):
        client.rollouts.get("ro_1")


def test_the_too_large_error_names_the_ways_to_raise_the_cap(server: HostileServer) -> None:
    from synth_pools._config import MAX_RESPONSE_BYTES_ENV_VAR

    server.on_get = answer("200 OK", {"rollout_id": "ro_1", "status": "running", "notes": "n" * 3000})
    with _sync(server) as client:
        small = client.with_options(max_response_bytes=2048)
        with pytest.raises(sp.ResponseTooLargeError) as caught:
            small.rollouts.get("ro_1")
        message = str(caught.value)
        # the constructors take no max_response_bytes: the hint names what exists
        assert "with_options(max_response_bytes=" in message and MAX_RESPONSE_BYTES_ENV_VAR in message
        assert "to the client" not in message
        with pytest.raises(TypeError):
            sp.EnvironmentPoolsClient(api_key=KEY, backend_base=server.url, max_response_bytes=1)  # type: ignore[call-arg]
        # and following the hint works
        assert small.with_options(max_response_bytes=8192).rollouts.get("ro_1")["rollout_id"] == "ro_1"


async def test_aiohttp_plain_body_over_the_cap_is_refused_by_its_length(server: HostileServer) -> None:
    server.on_get = answer("200 OK", b'{"x": "' + b"y" * 3000 + b'"}')
    async with _async(server, "aiohttp") as client:
        with pytest.raises(sp.ResponseTooLargeError):
            await client.with_options(max_response_bytes=2048).rollouts.get("ro_1")


def test_an_answer_under_the_cap_arrives_whole(server: HostileServer) -> None:
    import gzip
    import json

    payload = {"rollout_id": "ro_1", "status": "running", "notes": "z" * 5000}
    server.on_get = answer(
        "200 OK", gzip.compress(json.dumps(payload).encode()), {"Content-Encoding": "gzip"}
    )
    with _sync(server) as client:
        assert client.with_options(max_response_bytes=8192).rollouts.get("ro_1")["notes"] == "z" * 5000


def test_streamed_downloads_are_exempt(server: HostileServer, tmp_path: Path) -> None:
    body = b"0123456789" * 400_000  # 4 MB, above the 1 MiB cap below
    server.on_get = answer("200 OK", body, {"Content-Type": "application/octet-stream"})
    with _sync(server) as client:
        small = client.with_options(max_response_bytes=1024 * 1024)
        size = small.rollouts.handle("ro_1").download("out.bin", tmp_path / "out.bin")
    assert size == len(body) and (tmp_path / "out.bin").read_bytes() == body


def test_the_cap_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    client = sp.EnvironmentPoolsClient(api_key=KEY, backend_base="http://127.0.0.1:9")
    with pytest.raises(ValueError, match="max_response_bytes"):
        client.with_options(max_response_bytes=10)
    monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "lots")
    with pytest.raises(ValueError, match="SYNTH_MAX_RESPONSE_BYTES"):
        sp.EnvironmentPoolsClient(api_key=KEY, backend_base="http://127.0.0.1:9")


# -- answers lacking what the operation promises -----------------------------------------------


def test_sync_a_rollout_with_no_id_and_no_status_is_an_error(server: HostileServer) -> None:
    server.on_get = answer("200 OK", {"unexpected": True})
    with _sync(server) as client:
        with pytest.raises(sp.APIResponseValidationError, match="neither a rollout id nor a status"):
            client.rollouts.get("ro_1")
        with pytest.raises(sp.APIResponseValidationError):  # at once, not after polling to the timeout
            client.rollouts.handle("ro_1").wait(timeout=30)


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_a_rollout_with_no_id_and_no_status_is_an_error(server: HostileServer, kind: str) -> None:
    server.on_get = answer("200 OK", {"unexpected": True})
    async with _async(server, kind) as client:
        with pytest.raises(sp.APIResponseValidationError, match="neither a rollout id nor a status"):
            await client.rollouts.get("ro_1")


# -- redirects ---------------------------------------------------------------------------------


REDIRECT_TARGET = "http://user:hunter2@elsewhere.example:8080/v1/rollouts/ro_1?sig=abc#frag"


def _redirect(
    server: HostileServer, status: str = "307 Temporary Redirect", target: str = REDIRECT_TARGET
) -> None:
    server.on_get = answer(status, {"detail": "moved"}, {"Location": target})


@pytest.mark.parametrize(
    "status", ["301 Moved Permanently", "302 Found", "307 Temporary Redirect", "308 Permanent Redirect"]
)
def test_sync_redirect_is_its_own_error_naming_the_location(server: HostileServer, status: str) -> None:
    _redirect(server, status)
    with _sync(server) as client, pytest.raises(sp.RedirectError) as caught:
        client.rollouts.get("ro_1")
    error = caught.value
    # where it pointed, without the userinfo and the presigned query a Location may carry
    assert error.location == "http://***@elsewhere.example:8080/v1/rollouts/ro_1"
    assert "elsewhere.example:8080/v1/rollouts/ro_1" in str(error) and "backend_base" in str(error)
    for shown in (str(error), repr(error), error.location):
        assert "hunter2" not in shown and "user" not in shown and "sig=abc" not in shown
    assert error.response.headers["location"] == REDIRECT_TARGET  # the header as sent, for who needs it
    assert not isinstance(error, sp.InternalServerError)
    assert server.requests == ["/v1/rollouts/ro_1"]  # not followed, not retried


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_async_redirect_is_its_own_error(server: HostileServer, kind: str) -> None:
    _redirect(server)
    async with _async(server, kind) as client:
        with pytest.raises(sp.RedirectError, match="does not follow redirects"):
            await client.rollouts.get("ro_1")
    assert server.requests == ["/v1/rollouts/ro_1"]


@pytest.mark.parametrize("kind", ASYNC_KINDS)
async def test_a_token_in_a_redirect_never_reaches_the_error(server: HostileServer, kind: str) -> None:
    # a presigned URL: the token in userinfo (no password) and in the query
    _redirect(server, target="https://ghp_SECRETTOKEN@objects.example/bucket/out.bin?X-Amz-Signature=SIGN")
    async with _async(server, kind) as client:
        with pytest.raises(sp.RedirectError) as caught:
            await client.rollouts.get("ro_1")
    error = caught.value
    assert error.location == "https://***@objects.example/bucket/out.bin"
    for shown in (str(error), repr(error), error.location, repr(error.args)):
        assert "SECRETTOKEN" not in shown and "SIGN" not in shown
