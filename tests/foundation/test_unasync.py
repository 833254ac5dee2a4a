"""The sync modules are what scripts/unasync.py writes from their async twins."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("unasync_script", REPO / "scripts" / "unasync.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_sync_module_matches_its_async_source() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/unasync.py", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_the_rules() -> None:
    source = """from .._transport import AsyncTransportKind  # async only
from ._async_client import AsyncPoolRollouts


class AsyncThing(BaseAsyncClient):
    def __init__(self, async_transport: AsyncTransportKind | httpx.AsyncBaseTransport = "aiohttp") -> None:
        super().__init__(async_transport=async_transport)

    async def get(self) -> dict[str, Any]:
        return await self._object(rq.get())

    def events(self) -> AsyncEventStream:
        return self._events(rq.events(), state, auto_reconnect=True)

    async def chunks(self) -> AsyncIterator[bytes]:
        async with self._transport.stream(spec) as response:
            async for chunk in response.chunks(CHUNK):
                yield chunk

    async def wait(self) -> None:
        async with adeadline_scope(deadline):
            return await self.arun_batch()

    async def __aenter__(self) -> Self:
        return self
"""
    expected = """from ._client import PoolRollouts


class Thing(BaseSyncClient):
    def __init__(self, transport: httpx.BaseTransport | None = None) -> None:
        super().__init__(transport=transport)

    def get(self) -> dict[str, Any]:
        return self._object(rq.get())

    def events(self) -> EventStream:
        return self._events(rq.events(), state, auto_reconnect=True)

    def chunks(self) -> Iterator[bytes]:
        with self._transport.stream(spec) as response:
            for chunk in response.chunks(CHUNK):
                yield chunk

    def wait(self) -> None:
        with deadline_scope(deadline):
            return self.run_batch()

    def __enter__(self) -> Self:
        return self
"""
    assert _script().unasync(source) == expected


def test_a_hand_edit_of_a_sync_module_is_caught(tmp_path: Path) -> None:
    script = _script()
    [(source, target)] = list(script.PAIRS.items())[:1]
    edited = (REPO / target).read_text().replace("max_retries: int = 5", "max_retries: int = 6", 1)
    assert edited != (REPO / target).read_text()
    assert script.expected(source, target) != edited


def test_every_rule_is_used_and_an_unused_one_fails_the_check() -> None:
    script = _script()
    assert script.unused_rules() == []
    script.WORDS.append((r"\bAsyncNothingLikeThis\b", "NothingLikeThis"))
    assert script.unused_rules() == [r"\bAsyncNothingLikeThis\b"]


def test_the_rollout_handle_and_base_client_are_written_twins() -> None:
    pairs = _script().PAIRS
    assert (
        pairs["synth_pools/environment_pools/_async_handle.py"] == "synth_pools/environment_pools/_handle.py"
    )
    assert pairs["synth_pools/_async_base_client.py"] == "synth_pools/_base_client.py"
    for target in pairs.values():
        assert (REPO / target).read_text().startswith("# Written by scripts/unasync.py")


def test_event_readers_and_downloads_are_written_twins() -> None:
    script = _script()
    assert script.PAIRS["synth_pools/_async_events.py"] == "synth_pools/_events.py"
    assert script.PAIRS["synth_pools/_async_downloads.py"] == "synth_pools/_downloads.py"
    source = (
        "body = await response.aread()\n"
        "async for sse in EventSource(response).aiter_sse():\n"
        "return _aiter_events(transport), aread_event_page, aiter_bytes(CHUNK)\n"
        "return await adownload_to(transport, spec, dest)\n"
        "def __aiter__(self) -> None: ...\n"
    )
    assert script.unasync(source) == (
        "body = response.read()\n"
        "for sse in EventSource(response).iter_sse():\n"
        "return _iter_events(transport), read_event_page, iter_bytes(CHUNK)\n"
        "return download_to(transport, spec, dest)\n"
        "def __iter__(self) -> None: ...\n"
    )
