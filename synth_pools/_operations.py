"""Binding to the generated client: turn a generated operation module into a :class:`RequestSpec`.

The generated package (``synth_pools._generated.api.<tag>.<operation>``, the folder
``generated/`` that ``make regen`` owns, never edited) knows each route's
URL template, path encoding, query and header parameters. We call its ``_get_kwargs(...)`` and
send the result through our own transport (see design/toolchain.md), so there is exactly one
place that knows how a request is laid out: the spec.

Bodies: ``_get_kwargs`` only calls ``body.to_dict()``. A dict the SDK has already validated is
wrapped in :class:`JSONBody` so it reaches the wire unchanged (round-tripping it through the
generated models would drop unknown keys or re-encode values); attrs types of ``synth_pools.types``
pass their own ``to_dict()``.

``None`` arguments are omitted, so the generated defaults (``UNSET``) apply.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Mapping
from types import ModuleType
from typing import Any, Protocol
from urllib.parse import quote

from ._errors import SynthPoolsValidationError
from ._transport import NO_BODY, RequestSpec

# Longest path parameter (an artifact path) and query value the SDK sends; the spec caps ids at
# 128 and artifact paths at 1,024 characters, and httpx refuses URLs over 64 KiB with its own error.
MAX_PATH_PARAMETER = 1024
MAX_QUERY_VALUE = 4096
# Path parameters that name a file under a rollout (api-surface.md: "path may contain /"): sent
# with their '/' as separators and every segment percent-encoded, not as one %2F-joined segment
# that proxies in front of the service may refuse.
MULTI_SEGMENT_PARAMETERS = frozenset({"artifact_path"})

__all__ = ["JSONBody", "bind", "operation_id"]


class _ToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class JSONBody:
    """A request body that is already a JSON-ready dict."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = dict(data)

    def to_dict(self) -> dict[str, Any]:
        return self._data


def as_body(body: Mapping[str, Any] | _ToDict) -> _ToDict:
    if isinstance(body, Mapping):
        return JSONBody(body)
    return body


def operation_id(module: ModuleType) -> str:
    """The spec's operationId of a generated operation module (its module name)."""
    return module.__name__.rsplit(".", 1)[-1]


def bind(
    module: ModuleType,
    *path_args: str,
    body: Mapping[str, Any] | _ToDict | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    idempotency_key: str | None = None,
    **params: Any,
) -> RequestSpec:
    """Build the request of a generated operation.

    ``path_args`` are its path parameters in order, ``params`` its query/header parameters under
    their generated names (``None`` = not sent), ``body`` its JSON body. ``idempotency_key`` is
    handled by the transport for every POST, whether or not the operation declares it.
    """
    _check_path_parameters(module, path_args)
    kwargs = {k: v for k, v in params.items() if v is not None}
    for name, value in kwargs.items():
        size = _length(value)
        if size > MAX_QUERY_VALUE:
            raise SynthPoolsValidationError(
                name, f"is {size:,} characters long", f"pass at most {MAX_QUERY_VALUE:,} characters"
            )
    if body is not None:
        kwargs["body"] = as_body(body)
    # ``idempotency_key`` is not passed to the generated builder: the transport sets the header
    # itself (also on POSTs whose operation does not declare it) and reuses it across retries
    raw: dict[str, Any] = module._get_kwargs(*path_args, **kwargs)
    headers = {k: str(v) for k, v in (raw.get("headers") or {}).items()}
    return RequestSpec(
        method=str(raw["method"]).upper(),
        url=_with_separators(module, str(raw["url"]), path_args),
        params=dict(raw.get("params") or {}),
        headers=headers,
        json=raw.get("json", NO_BODY),
        timeout=timeout,
        max_retries=max_retries,
        idempotency_key=idempotency_key,
        operation=operation_id(module),
    )


@functools.cache
def _path_parameter_names(module: ModuleType) -> tuple[str, ...]:
    parameters = inspect.signature(module._get_kwargs).parameters.values()
    return tuple(p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _with_separators(module: ModuleType, url: str, path_args: tuple[str, ...]) -> str:
    for name, value in zip(_path_parameter_names(module), path_args, strict=False):
        if name in MULTI_SEGMENT_PARAMETERS and "/" in value:
            as_one_segment = quote(value, safe="")  # how the generated builder wrote it
            head, found, tail = url.rpartition(as_one_segment)
            if found:
                url = head + "/".join(quote(segment, safe="") for segment in value.split("/")) + tail
    return url


def _check_path_parameters(module: ModuleType, path_args: tuple[str, ...]) -> None:
    """Path parameters must stay one segment of their route.

    The generated builders percent-encode '/', but not '.': an id of '..' would otherwise be
    resolved by httpx as "the parent route" (deleting a task named '..' would delete its pool).
    """
    for name, value in zip(_path_parameter_names(module), path_args, strict=False):
        if not isinstance(value, str) or not value:
            raise SynthPoolsValidationError(
                name, f"{value!r} is not a non-empty string", f"pass the {name} as a string"
            )
        if name in MULTI_SEGMENT_PARAMETERS:
            if any(segment.strip(".") == "" for segment in value.split("/")):
                raise SynthPoolsValidationError(
                    name,
                    f"{value!r} has an empty, '.' or '..' segment",
                    "pass the artifact's path as listed, such as 'out/result.txt'",
                )
        elif value.strip(".") == "":
            raise SynthPoolsValidationError(
                name, f"{value!r} is not an id", f"pass the real {name}, not a dot path"
            )
        if len(value) > MAX_PATH_PARAMETER:
            raise SynthPoolsValidationError(
                name, f"is {len(value):,} characters long", f"pass at most {MAX_PATH_PARAMETER:,} characters"
            )


def _length(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    try:
        return len(repr(value))
    except ValueError:  # an int past Python's digit limit cannot even be written out
        return MAX_QUERY_VALUE + 1
