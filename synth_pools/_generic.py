"""The generic call: any route of the service, by operationId or by method and path.

The real service has routes the SDK does not wrap in a method of their own (deployments,
runtime-image releases, the in-sandbox inference proxy, native-agent captures, trace archives,
lease sessions: design/real-service.md lists them). Rather than thirty thin methods, every client
has one ``call``, which this module turns into a :class:`RequestSpec`; the transport then sends
it like every other call (pooled connection, timeout, retries with one idempotency key per
logical call, error mapping to the typed exceptions).

- ``client.call("get_deployment", pool_id, task_id, params={"project_id": "p"})``: by the spec's
  operationId, through the one seam to the generated client (``_operations``): path parameters
  in order, checked and encoded as for every method; ``params`` by their wire names (or the
  generated ones); ``body`` as the JSON body, also on operations the service declares untyped.
  The answer is read as that operation's kind (``_answers``).
- ``client.call("POST", "/v1/pools/p1/pause")``: by method and path (relative to
  ``backend_base``), for routes the spec snapshot does not have yet. The answer comes back as the
  service sent it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from ._errors import SynthPoolsValidationError
from ._operations import operation
from ._transport import NO_BODY, RequestSpec

__all__ = ["HTTP_METHODS", "generic_request"]

HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
# what a path segment may carry unencoded (RFC 3986 pchar, and '%' for pre-encoded ids)
_SEGMENT_SAFE = "%:@!$&'()*+,;=-._~"


def generic_request(
    target: str,
    args: tuple[str, ...],
    *,
    body: Any = None,
    params: Mapping[str, Any] | None = None,
    **options: Any,
) -> RequestSpec:
    """The request ``client.call(target, *args, ...)`` sends; ``options`` are the request's own
    (``timeout``, ``max_retries``, ``idempotency_key``), as :class:`RequestSpec` takes them."""
    if not isinstance(target, str) or not target:
        raise SynthPoolsValidationError(
            "operation", f"{target!r} is not an operationId or HTTP method", "pass e.g. 'get_pool' or 'GET'"
        )
    if target.upper() in HTTP_METHODS and target.isupper():
        return _by_path(target, args, body=body, params=params, **options)
    return _by_operation(target, args, body=body, params=params, **options)


def _by_path(
    method: str, args: tuple[str, ...], *, body: Any, params: Mapping[str, Any] | None, **options: Any
) -> RequestSpec:
    if len(args) != 1 or not isinstance(args[0], str):
        raise SynthPoolsValidationError(
            "path", f"{method} takes one path, got {len(args)} arguments", f"call({method!r}, '/v1/pools/p1')"
        )
    path = args[0]
    if not path.startswith("/") or path.startswith("//") or "?" in path or "#" in path:
        raise SynthPoolsValidationError(
            "path",
            f"{path!r} is not an absolute path without query",
            "pass the route's path, such as '/v1/pools/p1/pause', and the query as params={...}",
        )
    segments = path.split("/")[1:]
    if any(segment in (".", "..") for segment in segments):
        raise SynthPoolsValidationError(
            "path", f"{path!r} has a '.' or '..' segment", "pass the route itself"
        )
    url = "/" + "/".join(quote(segment, safe=_SEGMENT_SAFE) for segment in segments)
    return RequestSpec(
        method=method,
        url=url,
        params={k: v for k, v in (params or {}).items() if v is not None},
        json=NO_BODY if body is None else body,
        **options,
    )


@functools.cache
def _builder_parameters(operation_id: str) -> tuple[frozenset[str], bool]:
    """The keyword parameters (query/header/body) the generated builder of an operation takes,
    and whether its body is required."""
    signature = inspect.signature(operation(operation_id).module._get_kwargs)
    keyword_only = inspect.Parameter.KEYWORD_ONLY
    keywords = {p.name: p for p in signature.parameters.values() if p.kind is keyword_only}
    body = keywords.get("body")
    return frozenset(keywords), body is not None and body.default is inspect.Parameter.empty


@functools.cache
def _required_parameters(operation_id: str) -> frozenset[str]:
    """The generated builder's keyword parameters without a default (required query parameters)."""
    signature = inspect.signature(operation(operation_id).module._get_kwargs)
    return frozenset(
        p.name
        for p in signature.parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    )


def _by_operation(
    operation_id: str, args: tuple[str, ...], *, body: Any, params: Mapping[str, Any] | None, **options: Any
) -> RequestSpec:
    try:
        op = operation(operation_id)
    except LookupError as missing:
        raise SynthPoolsValidationError(
            "operation",
            f"{operation_id!r} is not an operation of this SDK's spec",
            "use a spec operationId, or call(METHOD, '/path') for a route the spec lacks",
        ) from missing
    if len(args) != len(op.path_parameters):
        raise SynthPoolsValidationError(
            "operation",
            f"{operation_id} takes {len(op.path_parameters)} path parameter(s) "
            f"({', '.join(op.path_parameters) or 'none'}), got {len(args)}",
            f"pass them in order: call({operation_id!r}, {', '.join(op.path_parameters)})",
        )
    known, needs_body = _builder_parameters(operation_id)
    if needs_body and body is None:
        raise SynthPoolsValidationError(
            "body",
            f"{operation_id} needs a JSON body",
            f"pass body={{...}} as the spec's {operation_id} describes",
        )
    declared: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for name, value in (params or {}).items():
        generated = name if name in known else f"{name}_" if f"{name}_" in known else None
        if generated is not None and generated != "body":
            declared[generated] = value
        elif value is not None:
            extra[name] = value  # a parameter the snapshot does not declare: sent as is
    absent = sorted(_required_parameters(operation_id) - declared.keys() - {"body"})
    if absent:
        raise SynthPoolsValidationError(
            "params",
            f"{operation_id} requires the parameter(s) {', '.join(absent)}",
            f"pass params={{{', '.join(repr(name) + ': ...' for name in absent)}}}",
        )
    if "idempotency_key" in declared:  # a query parameter of that name (deployments) is the key
        value = declared.pop("idempotency_key")
        options["idempotency_key"] = options.get("idempotency_key") or value
    takes_body = "body" in known
    spec = op.build(*args, body=body if takes_body else None, **declared, **options)
    changes: dict[str, Any] = {}
    if extra:
        changes["params"] = {**spec.params, **extra}
    if body is not None and not takes_body:  # the service declares the body untyped
        changes["json"] = body
    return spec.evolve(**changes) if changes else spec
