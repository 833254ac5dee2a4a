"""``SynthClient`` / ``AsyncSynthClient``: both API clients on one config and one connection pool."""

from __future__ import annotations

import httpx
import pytest

from synth_pools import ClientClosedError, InternalServerError
from synth_pools.client import AsyncSynthClient, SynthClient
from synth_pools.environment_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from tests.support.backend import LocalBackend

from ._support import unique


def test_sync_clients_share_one_pool_and_config(backend: LocalBackend) -> None:
    with SynthClient(api_key=backend.api_key, backend_base=backend.base_url + "/v1/") as synth:
        assert isinstance(synth.pools, ContainerPoolsClient)
        assert isinstance(synth.environment_pools, EnvironmentPoolsClient)
        shared = synth.pools._transport.client
        assert shared is synth.environment_pools._transport.client
        assert synth.pools.base_url == synth.environment_pools.base_url == backend.base_url
        assert backend.api_key not in repr(synth) and backend.api_key not in repr(synth.pools)

        pool_id = unique("sc")
        synth.pools.create_pool({"pool_id": pool_id, "pool_type": "sandbox"})
        assert synth.pools.get_pool(pool_id)["pool_id"] == pool_id
        assert synth.environment_pools.me()["plan"] == "pro"
        # closing an API client ends that client only: the shared pool is its owner's to close
        synth.pools.close()
        assert not shared.is_closed
        with pytest.raises(ClientClosedError):
            synth.pools.get_pool(pool_id)
        synth.environment_pools.pools.delete(pool_id)
    assert shared.is_closed


async def test_async_clients_share_one_pool_and_config(backend: LocalBackend) -> None:
    async with AsyncSynthClient(api_key=backend.api_key, backend_base=backend.base_url) as synth:
        assert isinstance(synth.pools, AsyncContainerPoolsClient)
        assert isinstance(synth.environment_pools, AsyncEnvironmentPoolsClient)
        shared = synth.pools._transport._sender
        assert shared is not None and shared is synth.environment_pools._transport._sender
        assert "harbor" in (await synth.pools.get_capabilities())["pool_targets"]
        assert (await synth.environment_pools.me())["plan"] == "pro"
    assert shared.is_closed


def test_missing_key_fails_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYNTH_API_KEY", raising=False)
    with pytest.raises(ValueError, match="SYNTH_API_KEY"):
        SynthClient(backend_base="http://127.0.0.1:9")


def test_with_options_gives_both_clients_other_defaults_on_the_same_pool() -> None:
    calls: list[str] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(503, json={"error": {"code": "unavailable", "message": "busy"}})

    with SynthClient(
        api_key="sk_test", backend_base="http://synth.test", transport=httpx.MockTransport(flaky)
    ) as synth:
        quick = synth.with_options(max_retries=0, timeout=3.0)
        assert isinstance(quick, SynthClient) and "sk_test" not in repr(quick)
        assert quick.pools._transport.client is synth.pools._transport.client
        assert quick.environment_pools._transport.client is synth.pools._transport.client
        assert (quick.pools.max_retries, quick.environment_pools.max_retries) == (0, 0)
        assert quick.pools._config.timeout == quick.environment_pools._config.timeout == 3.0
        assert synth.pools.max_retries == 2  # the original keeps its defaults
        for call in (quick.pools.get_capabilities, quick.environment_pools.capabilities.get):
            calls.clear()
            with pytest.raises(InternalServerError):
                call()
            assert len(calls) == 1, "max_retries=0: no retry"
        quick.close()  # the copy does not own the pool
        assert not synth.pools._transport.client.is_closed
        with pytest.raises(ValueError, match="max_retries"):
            synth.with_options(max_retries=-1)
    assert synth.pools._transport.client.is_closed


async def test_async_with_options_shares_the_pool(backend: LocalBackend) -> None:
    async with AsyncSynthClient(api_key=backend.api_key, backend_base=backend.base_url) as synth:
        quick = synth.with_options(max_retries=0)
        assert isinstance(quick, AsyncSynthClient)
        assert quick.pools._transport._sender is synth.pools._transport._sender is not None
        assert quick.environment_pools.max_retries == 0
        assert "harbor" in (await quick.pools.get_capabilities())["pool_targets"]
        await quick.aclose()
        assert (await synth.environment_pools.me())["plan"] == "pro"
