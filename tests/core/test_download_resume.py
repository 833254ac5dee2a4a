"""Resuming a cut download never joins bytes that do not belong together.

httpx.MockTransport stands in for servers that behave well (206 at the right byte), ignore the
range (200 with the whole body again), answer a range that starts elsewhere, or answer 416
because every byte had already arrived before the cut.
"""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import CutStream, async_client, sync_client

BODY = random.Random(7).randbytes(1 << 20)
ETAG = '"sha-of-body"'
CUT_AT = 512 * 1024  # whole 256 KiB chunks: the SDK writes (and resumes from) what it wrote


class Server:
    """Serves BODY; the first response is cut after ``cut_at`` bytes. ``mode`` picks the resume answer."""

    def __init__(self, mode: str, cut_at: int = CUT_AT) -> None:
        self.mode = mode
        self.cut_at = cut_at
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        headers = {"accept-ranges": "bytes", "etag": ETAG, "content-type": "application/octet-stream"}
        if len(self.requests) == 1:
            chunks = [BODY[: self.cut_at]]
            return httpx.Response(200, headers=headers, stream=CutStream(chunks, cut=True))
        start = int(request.headers["range"].removeprefix("bytes=").rstrip("-"))
        if self.mode == "ignores-range":
            return httpx.Response(200, headers=headers, content=BODY)
        if self.mode == "416":
            return httpx.Response(416, headers={"content-range": f"bytes */{len(BODY)}"}, json={})
        if self.mode == "wrong-start":
            start -= 1000
        part = BODY[start:]
        headers["content-range"] = f"bytes {start}-{len(BODY) - 1}/{len(BODY)}"
        return httpx.Response(206, headers=headers, content=part)


def _fetch(client: Any, dest: Any) -> Any:
    return client.rollouts.fetch_artifact("ro_1", "out/big.bin", dest=dest)


def test_resume_asks_for_the_rest_of_the_same_version(tmp_path: Path) -> None:
    server = Server("honours-range")
    client, _ = sync_client(server)
    size = _fetch(client, tmp_path / "big.bin")
    assert size == len(BODY) and (tmp_path / "big.bin").read_bytes() == BODY
    resume = server.requests[1]
    assert resume.headers["range"] == f"bytes={CUT_AT}-"
    assert resume.headers["if-range"] == ETAG


def test_a_full_body_on_resume_restarts_the_file(tmp_path: Path) -> None:
    server = Server("ignores-range")
    client, _ = sync_client(server)
    assert _fetch(client, tmp_path / "big.bin") == len(BODY)
    assert (tmp_path / "big.bin").read_bytes() == BODY  # not the first 300 kB and then the whole body


def test_a_full_body_on_resume_restarts_at_the_callers_offset() -> None:
    server = Server("ignores-range")
    client, _ = sync_client(server)
    sink = io.BytesIO(b"header:")
    sink.seek(0, io.SEEK_END)
    _fetch(client, sink)
    assert sink.getvalue() == b"header:" + BODY


def test_a_range_at_the_wrong_byte_fails_and_leaves_no_file(tmp_path: Path) -> None:
    client, _ = sync_client(Server("wrong-start"))
    with pytest.raises(sp.APIConnectionError, match=f"not at byte {CUT_AT}"):
        _fetch(client, tmp_path / "big.bin")
    assert list(tmp_path.iterdir()) == []


def test_416_after_every_byte_arrived_completes(tmp_path: Path) -> None:
    # the first response has no Content-Length: the 416's "bytes */<size>" tells the size
    client, _ = sync_client(Server("416", cut_at=len(BODY)))
    assert _fetch(client, tmp_path / "big.bin") == len(BODY)
    assert (tmp_path / "big.bin").read_bytes() == BODY


def test_416_before_the_end_is_an_error(tmp_path: Path) -> None:
    client, _ = sync_client(Server("416"))
    with pytest.raises(sp.RangeNotSatisfiableError):
        _fetch(client, tmp_path / "big.bin")


class _Pipe(io.RawIOBase):
    """A write-only, non-seekable sink (a pipe or socket)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data += bytes(b)
        return len(b)


def test_a_full_body_on_resume_into_a_pipe_fails_instead_of_duplicating() -> None:
    client, _ = sync_client(Server("ignores-range"))
    with pytest.raises(sp.APIConnectionError, match="cannot be rewound"):
        _fetch(client, _Pipe())


@pytest.mark.parametrize("mode", ["honours-range", "ignores-range"])
async def test_async_resume(mode: str, tmp_path: Path) -> None:
    server = Server(mode)
    client, _ = async_client(server)
    size = await client.rollouts.fetch_artifact("ro_1", "out/big.bin", dest=tmp_path / "big.bin")
    await client.aclose()
    assert size == len(BODY) and (tmp_path / "big.bin").read_bytes() == BODY
