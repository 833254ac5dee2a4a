"""An answer's body read under a size cap, decoded as it arrives: the one reader of every
non-streamed answer, on the sync path, httpx's async path and the aiohttp sender alike."""

from __future__ import annotations

import io
import zlib
from typing import IO, Any, cast

import httpx

from ._errors import APIResponseValidationError, ResponseTooLargeError

__all__ = ["CappedBody", "aread_capped", "read_capped"]

# Output piece size of the zstd decoder: what one step of a zstd bomb costs before it is counted.
_ZSTD_PIECE = 64 * 1024


class CappedBody:
    """An answer's body decoded as it arrives, refused past ``limit`` decoded bytes.

    gzip and deflate are inflated here with zlib's ``max_length``, and zstd (when ``zstandard``
    is installed, as httpx needs it to be to decode zstd at all) in pieces of 64 KiB, so a
    compression bomb costs at most ``limit`` bytes of memory, never the whole inflated body that
    httpx's decoders make from one raw chunk; the body as sent (no ``Content-Encoding``) is only
    counted. ``supported`` is False for other encodings (br): httpx decodes those, counted chunk
    by chunk.
    """

    def __init__(self, encoding: str, limit: int, what: str) -> None:
        self.encoding = encoding.strip().lower()
        self.limit = limit
        self.what = what
        self.size = 0
        self.parts: list[bytes] = []
        self._response: httpx.Response | None = None
        wbits = {"gzip": 31, "x-gzip": 31, "deflate": 15}.get(self.encoding)
        self._inflater = None if wbits is None else zlib.decompressobj(wbits)
        self._raw_deflate = self.encoding == "deflate"  # may be zlib-wrapped or raw (as httpx reads it)
        self._zstd = _zstd_writer(self) if self.encoding == "zstd" else None
        self.supported = self.encoding in ("", "identity") or wbits is not None or self._zstd is not None

    def _keep(self, piece: bytes, response: httpx.Response | None) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            raise ResponseTooLargeError(self.what, self.limit, response=response)
        if piece:
            self.parts.append(piece)

    def feed(self, raw: bytes, response: httpx.Response | None = None) -> None:
        if self._zstd is not None:
            self._response = response
            try:
                self._zstd.write(raw)
            except ResponseTooLargeError:
                raise
            except Exception:  # zstandard.ZstdError: not zstd
                raise self._corrupt(response) from None
            return
        inflater = self._inflater
        if inflater is None:
            self._keep(raw, response)
            return
        data = raw
        while data:
            try:
                piece = inflater.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if not (self._raw_deflate and not self.size and not self.parts):
                    raise self._corrupt(response) from None
                self._raw_deflate = False  # deflate without the zlib wrapper, as some servers send
                inflater = self._inflater = zlib.decompressobj(-15)
                continue
            self._raw_deflate = False
            self._keep(piece, response)
            data = inflater.unconsumed_tail

    def result(self, response: httpx.Response | None = None) -> bytes:
        if self._inflater is not None:
            try:
                self._keep(self._inflater.flush(), response)
            except zlib.error:
                raise self._corrupt(response) from None
        return b"".join(self.parts)

    def _corrupt(self, response: httpx.Response | None) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"the answer to {self.what} is not valid {self.encoding}; check that backend_base points at "
            "the Synth API",
            response=response,
        )


class _ZstdSink(io.RawIOBase):
    """Where the zstd decoder writes its output, one piece at a time: kept by the body, counted."""

    def __init__(self, body: CappedBody) -> None:
        self._body = body

    def writable(self) -> bool:
        return True

    def write(self, piece: Any) -> int:
        self._body._keep(bytes(piece), self._body._response)
        return len(piece)


def _zstd_writer(body: CappedBody) -> Any:
    """A zstd decoder writing to ``body`` in bounded pieces, or None without zstandard."""
    try:
        import zstandard
    except ImportError:  # httpx does not decode zstd either: the body is kept as sent
        return None
    sink = cast("IO[bytes]", _ZstdSink(body))  # a writable binary stream, all the writer uses
    return zstandard.ZstdDecompressor().stream_writer(sink, write_size=_ZSTD_PIECE, closefd=False)


def read_capped(response: httpx.Response, limit: int, what: str) -> None:
    """Read (and decode) a streamed response's body into ``response.content``, or raise
    :class:`ResponseTooLargeError` past ``limit`` bytes, before a compression bomb fills memory."""
    if hasattr(response, "_content"):
        return
    body = CappedBody(response.headers.get("content-encoding", ""), limit, what)
    try:
        if body.supported:
            for raw in response.iter_raw():
                body.feed(raw, response)
        else:
            for chunk in response.iter_bytes():
                body._keep(chunk, response)
    except BaseException:
        response.close()  # as httpx's own read does: the connection is not reusable
        raise
    response._content = body.result(response)


async def aread_capped(response: httpx.Response, limit: int, what: str) -> None:
    """Async twin of :func:`read_capped`."""
    if hasattr(response, "_content"):
        return
    body = CappedBody(response.headers.get("content-encoding", ""), limit, what)
    try:
        if body.supported:
            async for raw in response.aiter_raw():
                body.feed(raw, response)
        else:
            async for chunk in response.aiter_bytes():
                body._keep(chunk, response)
    except BaseException:
        await response.aclose()
        raise
    response._content = body.result(response)
