"""Streamed downloads to a path or a binary file object, in constant memory.

Chunks go straight from the socket to the destination. A path destination is written to
``<path>.part`` and renamed on success, so a failed download never leaves a truncated file under
the final name. When the connection drops mid-body and the server supports byte ranges
(``Accept-Ranges: bytes`` or a ``206``), the download resumes with ``Range: bytes=<written>-``;
otherwise it fails with ``APIConnectionError``. Resumes share the transport's retry budget.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

import httpx

from ._errors import APIConnectionError
from ._transport import AsyncTransport, RequestSpec, SyncTransport

__all__ = ["Destination", "adownload_to", "download_to"]

Destination = str | os.PathLike[str] | IO[bytes]
CHUNK = 256 * 1024


def _open(dest: Destination) -> tuple[IO[bytes], Path | None]:
    if isinstance(dest, str | os.PathLike):
        final = Path(dest)
        final.parent.mkdir(parents=True, exist_ok=True)
        return open(final.with_name(final.name + ".part"), "wb"), final  # closed by _finish
    return dest, None


def _finish(fh: IO[bytes], final: Path | None, ok: bool) -> None:
    if final is None:
        return
    fh.close()
    part = final.with_name(final.name + ".part")
    if ok:
        os.replace(part, final)
    else:
        part.unlink(missing_ok=True)


def _supports_range(response: httpx.Response) -> bool:
    return response.status_code == 206 or response.headers.get("accept-ranges", "").lower() == "bytes"


def _ranged(spec: RequestSpec, written: int) -> RequestSpec:
    headers = dict(spec.headers)
    headers["Range"] = f"bytes={written}-"
    return spec.evolve(headers=headers)


def _budget(transport: SyncTransport | AsyncTransport, spec: RequestSpec) -> int:
    return transport.max_retries(spec)


def download_to(transport: SyncTransport, spec: RequestSpec, dest: Destination) -> int:
    """Stream the response body of ``spec`` to ``dest``; returns the number of bytes written."""
    fh, final = _open(dest)
    written = 0
    resumes = 0
    ok = False
    try:
        current = spec
        while True:
            resumable = False
            try:
                with transport.stream(current) as response:
                    resumable = _supports_range(response)
                    for chunk in response.iter_bytes(CHUNK):
                        fh.write(chunk)
                        written += len(chunk)
                ok = True
                return written
            except (httpx.TransportError, httpx.StreamError) as exc:
                if not resumable or resumes >= _budget(transport, spec):
                    raise APIConnectionError(
                        f"download cut after {written} bytes ({type(exc).__name__}); retry the download"
                    ) from exc
                resumes += 1
                current = _ranged(spec, written)
    finally:
        _finish(fh, final, ok)


async def adownload_to(transport: AsyncTransport, spec: RequestSpec, dest: Destination) -> int:
    """Async twin of :func:`download_to` (file writes are small and sequential, kept inline)."""
    fh, final = _open(dest)
    written = 0
    resumes = 0
    ok = False
    try:
        current = spec
        while True:
            resumable = False
            try:
                async with transport.stream(current) as response:
                    resumable = _supports_range(response)
                    async for chunk in response.aiter_bytes(CHUNK):
                        fh.write(chunk)
                        written += len(chunk)
                ok = True
                return written
            except (httpx.TransportError, httpx.StreamError) as exc:
                if not resumable or resumes >= _budget(transport, spec):
                    raise APIConnectionError(
                        f"download cut after {written} bytes ({type(exc).__name__}); retry the download"
                    ) from exc
                resumes += 1
                current = _ranged(spec, written)
    finally:
        _finish(fh, final, ok)
