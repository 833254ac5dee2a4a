"""A ``with_options`` copy starts from its original's resolved options and changes only what is
passed: the environment is read once, when the original is built, so a variable changed since
(``SYNTH_MAX_RESPONSE_BYTES``, ``ENV_POOLS_API_VERSION``) neither breaks nor leaks into a copy,
and what the copy is given wins. On a real server on 127.0.0.1 (``tests/support/hostile.py``),
for every client that has ``with_options``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import synth_pools as sp
from tests.support.hostile import HostileServer, answer

KEY = "sk_test_options_copy"
BIG = {"rollout_id": "ro_1", "status": "running", "pool_id": "p1", "notes": "z" * 6000}  # > 4 KiB
BUSY = {"error": {"code": "busy", "message": "later"}}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as srv:
        srv.on_get = answer("200 OK", BIG)
        yield srv


def _get(client: Any) -> Any:
    """One read through whichever client this is (the synth client through its container pools)."""
    if isinstance(client, sp.SynthClient):
        return client.pools.get_pool("p1")
    if isinstance(client, sp.ContainerPoolsClient):
        return client.get_pool("p1")
    return client.rollouts.get("ro_1")


async def _aget(client: Any) -> Any:
    if isinstance(client, sp.AsyncSynthClient):
        return await client.pools.get_pool("p1")
    if isinstance(client, sp.AsyncContainerPoolsClient):
        return await client.get_pool("p1")
    return await client.rollouts.get("ro_1")


SYNC = [sp.EnvironmentPoolsClient, sp.ContainerPoolsClient, sp.SynthClient]
ASYNC = [sp.AsyncEnvironmentPoolsClient, sp.AsyncContainerPoolsClient, sp.AsyncSynthClient]


@pytest.mark.parametrize("cls", SYNC, ids=lambda c: c.__name__)
def test_a_copy_keeps_the_originals_environment(
    cls: Any, server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "4096")
    monkeypatch.delenv("ENV_POOLS_API_VERSION", raising=False)
    with cls(api_key=KEY, backend_base=server.url, max_retries=0) as client:
        monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "lots")  # unreadable now: read once, before
        monkeypatch.setenv("ENV_POOLS_API_VERSION", "v2")
        copy = client.with_options(timeout=5.0)
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            _get(copy)  # the original's cap, not the environment's
        monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", str(64 * 1024 * 1024))
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            _get(client.with_options(max_retries=0))
        assert all(path.startswith("/v1/") for path in server.requests), server.requests


@pytest.mark.parametrize("cls", ASYNC, ids=lambda c: c.__name__)
async def test_an_async_copy_keeps_the_originals_environment(
    cls: Any, server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "4096")
    monkeypatch.delenv("ENV_POOLS_API_VERSION", raising=False)
    async with cls(api_key=KEY, backend_base=server.url, max_retries=0) as client:
        monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "lots")
        monkeypatch.setenv("ENV_POOLS_API_VERSION", "v2")
        copy = client.with_options(timeout=5.0)
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            await _aget(copy)
        assert all(path.startswith("/v1/") for path in server.requests), server.requests


@pytest.mark.parametrize("cls", [sp.EnvironmentPoolsClient, sp.ContainerPoolsClient])
def test_what_a_copy_is_given_wins(cls: Any, server: HostileServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "4096")
    with cls(api_key=KEY, backend_base=server.url, max_retries=0) as client:
        monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "lots")
        roomy = client.with_options(max_response_bytes=64 * 1024, timeout=5.0)
        assert _get(roomy)["notes"] == BIG["notes"]  # its own cap
        server.on_get = answer("503 Service Unavailable", BUSY)
        server.requests.clear()
        patient = roomy.with_options(max_retries=1)  # a copy of a copy keeps the cap it was given
        with pytest.raises(sp.InternalServerError):
            _get(patient)
        assert len(server.requests) == 2  # one retry: its own max_retries
        assert (patient.max_retries, roomy.max_retries, client.max_retries) == (1, 0, 0)
        with pytest.raises(ValueError, match="timeout"):
            client.with_options(timeout=0)  # still checked as the constructor checks it


async def test_the_synth_clients_copy_gives_both_api_clients_its_options(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENV_POOLS_API_VERSION", "v1")
    async with sp.AsyncSynthClient(api_key=KEY, backend_base=server.url, timeout=9.0) as synth:
        monkeypatch.setenv("SYNTH_MAX_RESPONSE_BYTES", "lots")
        monkeypatch.setenv("ENV_POOLS_API_VERSION", "v2")
        quick = synth.with_options(max_retries=0, timeout=2.0)
        for each in (quick.pools, quick.environment_pools):
            assert (each.max_retries, each._config.timeout, each.api_prefix) == (0, 2.0, "/v1")
        assert (synth.pools.max_retries, synth.environment_pools._config.timeout) == (2, 9.0)
        assert (await quick.environment_pools.rollouts.get("ro_1"))["notes"] == BIG["notes"]


def test_the_sync_synth_clients_copy_takes_a_response_cap(server: HostileServer) -> None:
    with sp.SynthClient(api_key=KEY, backend_base=server.url, max_retries=0) as client:
        tight = client.with_options(max_response_bytes=4096)
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            tight.pools.get_pool("p1")
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            tight.environment_pools.rollouts.get("ro_1")
        assert client.pools.get_pool("p1")["notes"] == BIG["notes"]  # the original keeps its cap


async def test_the_async_synth_clients_copy_takes_a_response_cap(server: HostileServer) -> None:
    async with sp.AsyncSynthClient(api_key=KEY, backend_base=server.url, max_retries=0) as client:
        tight = client.with_options(max_response_bytes=4096)
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            await tight.pools.get_pool("p1")
        with pytest.raises(sp.ResponseTooLargeError, match="4,096"):
            await tight.environment_pools.rollouts.get("ro_1")
        assert (await client.pools.get_pool("p1"))["notes"] == BIG["notes"]
