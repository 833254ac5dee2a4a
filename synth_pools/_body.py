"""An answer's body read under a size cap, decoded as it arrives: the one reader of every
non-streamed answer, on the sync path, httpx's async path and the aiohttp sender alike."""

from __future__ import annotations

import functools
import importlib
import io
import zlib
from typing import IO, Any, cast

import httpx

from ._errors import APIResponseValidationError, ResponseTooLargeError

__all__ = ["CappedBody", "accept_encoding", "aread_capped", "read_capped"]

# The most one step of a zstd or brotli decoder makes before it is counted (a bomb's step).
_PIECE = 64 * 1024


class CappedBody:
    """An answer's body decoded as it arrives, refused past ``limit`` decoded bytes.

    gzip and deflate are inflated with zlib's ``max_length``, zstd (``zstandard``) and br
    (``brotli`` 1.2+) in pieces of at most 64 KiB, so a compression bomb costs at most ``limit``
    bytes of memory, never the whole inflated body that httpx's decoders make from one raw chunk
    (150 MiB of zeros is one 5 KiB zstd chunk, or 250 bytes of br). Without those packages httpx
    decodes neither (the body is counted as sent). ``supported`` is False for anything else (an
    older brotli, brotlicffi, several encodings at once): httpx decodes those, counted chunk by chunk.
    """

    def __init__(self, encoding: str, limit: int, what: str, response: httpx.Response | None = None) -> None:
        self.encoding = encoding.strip().lower()
        self.limit = limit
        self.what = what
        self.response = response
        self.size = 0
        self.parts: list[bytes] = []
        wbits = {"gzip": 31, "x-gzip": 31, "deflate": 15}.get(self.encoding)
        self._inflater = None if wbits is None else zlib.decompressobj(wbits)
        self._raw_deflate = self.encoding == "deflate"  # may be zlib-wrapped or raw (as httpx reads it)
        self._zstd: Any = _zstd_writer(self) if self.encoding == "zstd" else None
        self._brotli: Any = _brotli_decompressor() if self.encoding == "br" else None
        self.supported = self.encoding in ("", "identity") or any(
            d is not None for d in (self._inflater, self._zstd, self._brotli)
        )

    def keep(self, piece: bytes) -> None:
        """Count (and keep) decoded bytes; past the limit, :class:`ResponseTooLargeError`."""
        self.size += len(piece)
        if self.size > self.limit:
            raise ResponseTooLargeError(self.what, self.limit, response=self.response)
        if piece:
            self.parts.append(piece)

    def feed(self, raw: bytes) -> None:
        """Decode (and count) the next raw chunk of the body as sent."""
        if self._inflater is not None:
            self._inflate(raw)
        elif self._zstd is not None:
            try:
                self._zstd.write(raw)  # its output comes back in pieces through _ZstdSink
            except ResponseTooLargeError:
                raise
            except Exception:  # zstandard.ZstdError: not zstd
                raise self._corrupt() from None
        elif self._brotli is not None:
            self._unbrotli(raw)
        else:
            self.keep(raw)

    def _inflate(self, data: bytes) -> None:
        inflater = self._inflater
        assert inflater is not None
        while data:
            try:
                piece = inflater.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                if not (self._raw_deflate and not self.size and not self.parts):
                    raise self._corrupt() from None
                self._raw_deflate = False  # deflate without the zlib wrapper, as some servers send
                inflater = self._inflater = zlib.decompressobj(-15)
                continue
            self._raw_deflate = False
            self.keep(piece)
            data = inflater.unconsumed_tail

    def _unbrotli(self, raw: bytes) -> None:
        decompressor = self._brotli
        try:
            piece = decompressor.process(raw, output_buffer_limit=_PIECE)
            self.keep(piece)
            # what this input holds beyond the first piece, a piece at a time (the decoder keeps
            # it buffered, and asks for no more input meanwhile)
            while piece and not decompressor.is_finished():
                piece = decompressor.process(b"", output_buffer_limit=_PIECE)
                self.keep(piece)
        except ResponseTooLargeError:
            raise
        except Exception:  # brotli.error: not br
            raise self._corrupt() from None

    def result(self) -> bytes:
        if self._inflater is not None:
            try:
                self.keep(self._inflater.flush())
            except zlib.error:
                raise self._corrupt() from None
        return b"".join(self.parts)

    def _corrupt(self) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"the answer to {self.what} is not valid {self.encoding}; check that backend_base points at "
            "the Synth API",
            response=self.response,
        )


class _ZstdSink(io.RawIOBase):
    """Where the zstd decoder writes its output, one piece at a time: counted and kept by the body."""

    def __init__(self, body: CappedBody) -> None:
        self._body = body

    def writable(self) -> bool:
        return True

    def write(self, piece: Any) -> int:
        self._body.keep(bytes(piece))
        return len(piece)


def _optional(name: str) -> Any:
    """An optional (and untyped) package, or None when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _zstd_writer(body: CappedBody) -> Any:
    """A zstd decoder writing to ``body`` in bounded pieces, or None without zstandard."""
    zstandard = _optional("zstandard")
    if zstandard is None:  # httpx does not decode zstd either: the body is kept as sent
        return None
    sink = cast("IO[bytes]", _ZstdSink(body))  # a writable binary stream, all the writer uses
    return zstandard.ZstdDecompressor().stream_writer(sink, write_size=_PIECE, closefd=False)


@functools.cache
def accept_encoding() -> str:
    """The ``Accept-Encoding`` the SDK sends: only what :class:`CappedBody` decodes itself under
    the cap. httpx's default also offers br when brotlicffi or a brotli older than 1.2 is
    installed, and those decode a chunk whole, so a server was invited to send the one kind of
    compression bomb the cap could not stop."""
    accepted = ["gzip", "deflate"]
    if _optional("zstandard") is not None:
        accepted.append("zstd")
    if _brotli_decompressor() is not None:
        accepted.append("br")
    return ", ".join(accepted)


def _brotli_decompressor() -> Any:
    """A br decoder that can bound its output (brotli 1.2+), or None (httpx decodes br, if it can)."""
    brotli = _optional("brotli")
    if brotli is None:
        return None
    decompressor = brotli.Decompressor()
    return decompressor if hasattr(decompressor, "can_accept_more_data") else None


def read_capped(response: httpx.Response, limit: int, what: str) -> None:
    """Read (and decode) a streamed response's body into ``response.content``, or raise
    :class:`ResponseTooLargeError` past ``limit`` bytes, before a compression bomb fills memory."""
    if hasattr(response, "_content"):
        return
    body = CappedBody(response.headers.get("content-encoding", ""), limit, what, response)
    try:
        if body.supported:
            for raw in response.iter_raw():
                body.feed(raw)
        else:
            for chunk in response.iter_bytes():
                body.keep(chunk)
    except BaseException:
        response.close()  # as httpx's own read does: the connection is not reusable
        raise
    response._content = body.result()


async def aread_capped(response: httpx.Response, limit: int, what: str) -> None:
    """Async twin of :func:`read_capped`."""
    if hasattr(response, "_content"):
        return
    body = CappedBody(response.headers.get("content-encoding", ""), limit, what, response)
    try:
        if body.supported:
            async for raw in response.aiter_raw():
                body.feed(raw)
        else:
            async for chunk in response.aiter_bytes():
                body.keep(chunk)
    except BaseException:
        await response.aclose()
        raise
    response._content = body.result()
