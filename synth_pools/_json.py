"""JSON on the SDK's hot paths (event streams, JSON pages, answers, the batch journal).

orjson reads and writes JSON several times faster than the stdlib, which is most of what a long
event stream costs the client. It is stricter: it refuses ``NaN``/``Infinity``, integers wider than
64 bits and (when writing) keys that are not strings. Where it refuses, the stdlib, which accepts
all of those, does the work, so nothing a server sends is lost to the speed-up.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

from ._errors import SynthPoolsValidationError

__all__ = ["MAX_DEPTH", "TooDeepError", "dumps", "loads", "request_body"]

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


def request_body(value: Any) -> bytes:
    """A request's JSON body, byte for byte what httpx 0.28 sends for ``json=``, encoded once per
    call (not per attempt) for every transport. What JSON cannot carry (``NaN``, ``Infinity``, an
    object that is not a dict, list, string, number, bool or None, a cycle) raises
    :class:`SynthPoolsValidationError` naming where it is in the body, before anything is sent."""
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError) as exc:
        where, problem = _not_json(value, "body", set()) or ("body", str(exc))
        raise SynthPoolsValidationError(
            where,
            problem,
            "send only JSON values: finite numbers (None for a missing one), strings, bools, None, "
            "and dicts and lists of them",
        ) from None


def _not_json(value: Any, path: str, containers: set[int]) -> tuple[str, str] | None:
    """(where, what) of the first part of ``value`` that JSON cannot carry, or None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else (path, f"{value!r} is not a JSON number")
    if value is None or isinstance(value, str | int):
        return None
    if not isinstance(value, dict | list | tuple):
        return (path, f"a {type(value).__name__} is not a JSON value")
    if id(value) in containers:
        return (path, "it contains itself (a cycle)")
    containers.add(id(value))
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        inner = f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]"
        found = _not_json(item, inner, containers)
        if found is not None:
            return found
    containers.discard(id(value))
    return None
