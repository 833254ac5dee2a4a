"""Artifact reads: manifest pages, single files with HTTP Range, and a zip streamed while built.

Only paths registered in the store are served, and each is resolved and checked to stay inside
the rollout's artifacts dir (no `..`, absolute paths or symlinks). File reads and zip building
run in Starlette's thread pool in fixed-size chunks, so memory does not grow with file size.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import ApiError, not_found
from .runners import safe_relpath

CHUNK = 1024 * 1024


def manifest(
    rollout_id: str,
    entries: list[dict[str, Any]],
    total: int,
    next_cursor: str | None,
    created_at: str | None,
) -> dict[str, Any]:
    for e in entries:
        e["download_url"] = f"/v1/rollouts/{rollout_id}/artifacts/{quote(e['path'], safe='/')}"
    return {
        "rollout_id": rollout_id,
        "artifacts": entries,
        "total_size_bytes": total,
        "next_cursor": next_cursor,
        "created_at": created_at,
    }


def resolve(root: Path, rel: str) -> Path:
    clean = safe_relpath(rel)
    if clean is None:
        raise ApiError(404, "not_found", "artifact path is not inside the rollout")
    base = root.resolve()
    target = (root / clean).resolve()  # resolves symlinks: a link out of the dir fails the check
    if not target.is_relative_to(base) or (root / clean).is_symlink() or not target.is_file():
        raise not_found("artifact", clean)
    return target


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) for a single `bytes=` range; None = whole file; ApiError 416 if unsatisfiable."""
    if not header:
        return None
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None  # unsupported unit or multiple ranges: RFC 9110 lets us send the whole file
    first, dash, last = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first == "":
            n = int(last)
            if n <= 0:
                raise ValueError
            start, end = max(0, size - n), size - 1
        else:
            start = int(first)
            end = int(last) if last else max(start, size - 1)
            if start < 0 or end < start:
                return None  # syntactically invalid: ignored, the whole file is sent
            end = min(end, size - 1)
    except ValueError:
        return None
    if start >= size:
        raise ApiError(
            416,
            "range_not_satisfiable",
            f"range starts at or beyond the end of the file ({size} bytes)",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return start, end


def file_chunks(path: Path, start: int, end: int) -> Iterator[bytes]:
    remaining = end - start + 1
    with path.open("rb") as f:
        f.seek(start)
        while remaining > 0:
            chunk = f.read(min(CHUNK, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


class _Pipe:
    """A write-only, unseekable file: zipfile then writes data descriptors and never seeks back."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.pos = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def zip_stream(files: list[tuple[str, Path]]) -> Iterator[bytes]:
    """Yield a zip of `files` as it is built (stored, zip64): constant memory, any size."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:  # type: ignore[call-overload]
        for arcname, path in files:
            info = zipfile.ZipInfo.from_file(path, arcname)
            info.compress_type = zipfile.ZIP_STORED
            with (
                path.open("rb") as src,
                zf.open(info, mode="w", force_zip64=os.path.getsize(path) > 2**31) as dst,
            ):
                while chunk := src.read(CHUNK):
                    dst.write(chunk)
                    yield pipe.take()
            yield pipe.take()
    yield pipe.take()
