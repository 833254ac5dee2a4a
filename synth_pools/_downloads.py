# Written by scripts/unasync.py from _async_downloads.py: edit that file, then run `make unasync`.
"""Streamed downloads to a path or a binary file object, in constant memory.

The async module is the source; the sync one (``_downloads``) is written from it by
``scripts/unasync.py``.

Chunks go straight from the socket to the destination. A path destination is written to
``<path>.part`` and renamed on success, so a failed download never leaves a truncated file under
the final name. When the connection drops mid-body and the server supports byte ranges
(``Accept-Ranges: bytes`` or a ``206``), the download resumes with ``Range: bytes=<written>-``
and ``If-Range`` (the first response's strong ETag or Last-Modified), so the bytes joined are
always of one version:

- a ``206`` must start exactly at the byte already written, else the download fails;
- a ``200`` means the server sent the whole body again (it ignored the range, or the artifact
  changed): the destination is rewound and written afresh, or the download fails when it cannot be
  rewound (a non-seekable file object);
- a ``416`` after every byte arrived (the cut came after the last chunk) completes the download.

Otherwise a cut fails with ``APIConnectionError``. Resumes share the transport's retry budget.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import IO

import httpx

from ._errors import APIConnectionError, RangeNotSatisfiableError
from ._transport import RequestSpec, SyncTransport

__all__ = ["Destination", "download_to"]

Destination = str | os.PathLike[str] | IO[bytes]
CHUNK = 256 * 1024
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.IGNORECASE)


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


@dataclasses.dataclass(slots=True)
class _Download:
    """Where one download stands: bytes written, the body's size and version, resumes spent."""

    spec: RequestSpec
    fh: IO[bytes]
    start: int  # where the body begins in fh (a caller's file object may hold bytes already)
    written: int = 0
    total: int | None = None
    validator: str | None = None
    resumes: int = 0
    resumable: bool = False

    def request(self) -> RequestSpec:
        if not self.resumes:
            return self.spec
        headers = dict(self.spec.headers)
        headers["Range"] = f"bytes={self.written}-"
        if self.validator:
            headers["If-Range"] = self.validator
        return self.spec.evolve(headers=headers)

    def accept(self, response: httpx.Response) -> None:
        """Check a response before its body is written (rewinding when it restarts the body)."""
        self.resumable = _supports_range(response)
        if self.resumes and response.status_code == 206:
            match = _CONTENT_RANGE.match(response.headers.get("content-range", ""))
            if match is None or int(match.group(1)) != self.written:
                raise APIConnectionError(
                    f"the server resumed the download at {response.headers.get('content-range')!r}, "
                    f"not at byte {self.written}; retry the download"
                )
            return
        if self.resumes:  # a full body again: start over at the beginning
            if not self.fh.seekable():
                raise APIConnectionError(
                    "the server sent the whole file again after a cut and the destination cannot be "
                    "rewound; retry the download"
                )
            self.fh.seek(self.start)
            self.fh.truncate()
            self.written = 0
        length = response.headers.get("content-length")
        self.total = int(length) if length and length.isdigit() else None
        etag = response.headers.get("etag")
        # a weak ETag may not validate byte ranges (RFC 9110 13.1.5); Last-Modified may
        self.validator = etag if etag and not etag.startswith("W/") else response.headers.get("last-modified")

    def write(self, chunk: bytes) -> None:
        self.fh.write(chunk)
        self.written += len(chunk)

    def complete(self, error: RangeNotSatisfiableError) -> bool:
        """A 416 to a resume whose every byte had already arrived means the download is done."""
        total = self.total
        if total is None and error.response is not None:  # "bytes */<size>"
            size = error.response.headers.get("content-range", "").rpartition("/")[2]
            total = int(size) if size.isdigit() else None
        return total is not None and self.written == total

    def on_cut(self, exc: BaseException, budget: int) -> None:
        """Count a resume, or raise when the download cannot (or may no longer) resume."""
        if not self.resumable or self.resumes >= budget:
            raise APIConnectionError(
                f"download cut after {self.written} bytes ({type(exc).__name__}); retry the download"
            ) from exc
        self.resumes += 1


def _start(fh: IO[bytes]) -> int:
    try:
        return fh.tell() if fh.seekable() else 0
    except OSError:
        return 0


def download_to(transport: SyncTransport, spec: RequestSpec, dest: Destination) -> int:
    """Stream the response body of ``spec`` to ``dest``; returns the number of bytes written."""
    fh, final = _open(dest)  # file writes are small and sequential: inline, on an event loop too
    state = _Download(spec, fh, _start(fh))
    ok = False
    try:
        while True:
            try:
                with transport.stream(state.request()) as response:
                    state.accept(response)
                    for chunk in response.iter_bytes(CHUNK):
                        state.write(chunk)
            except RangeNotSatisfiableError as exc:
                if not (state.resumes and state.complete(exc)):
                    raise
            except (httpx.TransportError, httpx.StreamError) as exc:
                state.on_cut(exc, transport.max_retries(spec))
                continue
            ok = True
            return state.written
    finally:
        _finish(fh, final, ok)
