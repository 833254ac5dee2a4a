"""The SDK offers a server only the encodings it decodes itself under the response cap: br only
with a brotli that bounds its output (1.2+), never through brotlicffi or an older brotli, which
would decode a bomb's chunk whole."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import synth_pools as sp
from synth_pools import _body
from tests.support.backend import LocalBackend
from tests.support.faultproxy import FaultProxy


@pytest.fixture
def fresh_offer() -> Iterator[None]:
    _body.accept_encoding.cache_clear()
    yield
    _body.accept_encoding.cache_clear()


async def _offered(kind: str, proxy: FaultProxy, key: str) -> str | None:
    if kind == "sync":
        with sp.EnvironmentPoolsClient(api_key=key, backend_base=proxy.url) as client:
            client.capabilities.get()
    else:
        async with sp.AsyncEnvironmentPoolsClient(
            api_key=key, backend_base=proxy.url, async_transport=kind
        ) as aclient:
            await aclient.capabilities.get()
    return proxy.seen[-1].headers.get("accept-encoding")


@pytest.mark.parametrize("kind", ["sync", "aiohttp", "httpx"])
async def test_every_encoding_offered_is_one_the_capped_reader_decodes(
    backend: LocalBackend, proxy: FaultProxy, kind: str, fresh_offer: None
) -> None:
    offered = await _offered(kind, proxy, backend.api_key)
    assert offered is not None
    names = [name.strip() for name in offered.split(",")]
    assert names[:2] == ["gzip", "deflate"]
    for name in names:
        body = _body.CappedBody(name, 1024, "test")
        decoder: Any = {"zstd": body._zstd, "br": body._brotli}.get(name, body._inflater)
        assert body.supported and decoder is not None, name  # decoded here, in bounded pieces
    # the dev set has zstandard and brotli 1.2+: both are offered
    assert set(names) == {"gzip", "deflate", "zstd", "br"}


@pytest.mark.parametrize("kind", ["sync", "aiohttp", "httpx"])
async def test_br_is_not_offered_without_a_brotli_that_bounds_its_output(
    backend: LocalBackend, proxy: FaultProxy, kind: str, fresh_offer: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what brotlicffi or a brotli older than 1.2 amounts to: no decoder that can stop at the cap
    # (httpx itself would still offer br then, and decode a chunk whole)
    monkeypatch.setattr(_body, "_brotli_decompressor", lambda: None)
    offered = await _offered(kind, proxy, backend.api_key)
    assert offered is not None and "br" not in [name.strip() for name in offered.split(",")]
    assert offered.startswith("gzip, deflate")
