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

__all__ = ["dumps", "loads"]

_stdlib_dumps = json.JSONEncoder(separators=(",", ":"), default=str, check_circular=False).encode


def loads(data: str | bytes) -> Any:
    """The value of a JSON text; a ``ValueError`` when it is not JSON."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def dumps(value: Any) -> str:
    """Compact JSON text of ``value``; what JSON cannot hold (datetimes, paths, ...) as ``str()``."""
    try:
        return orjson.dumps(value, default=str).decode()
    except (orjson.JSONEncodeError, TypeError):
        return _stdlib_dumps(value)
