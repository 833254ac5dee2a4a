"""Binding to the generated client: turn a generated operation module into a :class:`RequestSpec`.

The generated package (``generated/api/<tag>/<operation>.py``, never edited) knows each route's
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

from collections.abc import Mapping
from types import ModuleType
from typing import Any, Protocol

from ._transport import NO_BODY, RequestSpec

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
    kwargs = {k: v for k, v in params.items() if v is not None}
    if body is not None:
        kwargs["body"] = as_body(body)
    # ``idempotency_key`` is not passed to the generated builder: the transport sets the header
    # itself (also on POSTs whose operation does not declare it) and reuses it across retries
    raw: dict[str, Any] = module._get_kwargs(*path_args, **kwargs)
    headers = {k: str(v) for k, v in (raw.get("headers") or {}).items()}
    return RequestSpec(
        method=str(raw["method"]).upper(),
        url=str(raw["url"]),
        params=dict(raw.get("params") or {}),
        headers=headers,
        json=raw.get("json", NO_BODY),
        timeout=timeout,
        max_retries=max_retries,
        idempotency_key=idempotency_key,
    )
