"""JSON on the SDK's hot paths (event streams, JSON pages, answers, the batch journal).

orjson reads and writes JSON several times faster than the stdlib, which is most of what a long
event stream costs the client. It is stricter: it refuses ``NaN``/``Infinity``, integers wider than
64 bits and (when writing) keys that are not strings. Where it refuses, the stdlib, which accepts
all of those, does the work, so nothing a server sends is lost to the speed-up.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["MAX_DEPTH", "TooDeepError", "dumps", "loads"]

_stdlib_dumps = json.JSONEncoder(separators=(",", ":"), default=str, check_circular=False).encode


MAX_DEPTH = 1024  # orjson's nesting limit; the stdlib would recurse until a RecursionError


class TooDeepError(ValueError):
    """JSON nested more than :data:`MAX_DEPTH` levels deep: no answer of the API is, a hostile one may be."""


def loads(data: str | bytes) -> Any:
    """The value of a JSON text; a ``ValueError`` when it is not JSON (or is nested absurdly deep)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if str(exc).startswith("depth limit"):
            raise TooDeepError(f"JSON nested more than {MAX_DEPTH} levels deep") from None
    try:
        return json.loads(data)
    except RecursionError:
        raise TooDeepError(f"JSON nested more than {MAX_DEPTH} levels deep") from None


def dumps(value: Any) -> str:
    """Compact JSON text of ``value``; what JSON cannot hold (datetimes, paths, ...) as ``str()``."""
    try:
        return orjson.dumps(value, default=str).decode()
    except (orjson.JSONEncodeError, TypeError):
        return _stdlib_dumps(value)
