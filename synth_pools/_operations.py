"""The one seam to the generated client: operationId -> generated operation -> :class:`RequestSpec`.

Every request builder of the SDK calls :func:`bind` with a spec operationId (``bind("get_rollout",
rollout_id)``); no other module imports ``synth_pools._generated.api`` (a test enforces it). The
index of operations is built once, on first use, by listing the generated package's modules
(``synth_pools._generated.api.<tag>.<operationId>``, the folder ``generated/`` that ``make regen``
owns), so any operation the generator writes is reachable by its id without editing this module,
and an operation's module (and the models it needs) is imported only when it is first bound: an
``import synth_pools`` stays light.

Each generated module knows its route's URL template, path encoding, query and header
parameters. We call its ``_get_kwargs(...)`` and send the result through our own transport (see
design/toolchain.md), so there is exactly one place that knows how a request is laid out: the spec.

Bodies: ``_get_kwargs`` only calls ``body.to_dict()``. A dict the SDK has already validated is
wrapped in :class:`JSONBody` so it reaches the wire unchanged (round-tripping it through the
generated models would drop unknown keys or re-encode values); attrs types of ``synth_pools.types``
pass their own ``to_dict()``.

``None`` arguments are omitted, so the generated defaults (``UNSET``) apply.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Any, Protocol
from urllib.parse import quote

from ._errors import SynthPoolsValidationError
from ._transport import NO_BODY, RequestSpec

GENERATED_API = "synth_pools._generated.api"

# Longest path parameter (an artifact path) and query value the SDK sends; the spec caps ids at
# 128 and artifact paths at 1,024 characters, and httpx refuses URLs over 64 KiB with its own error.
MAX_PATH_PARAMETER = 1024
MAX_QUERY_VALUE = 4096
# Path parameters that name a file under a rollout (api-surface.md: "path may contain /"): sent
# with their '/' as separators and every segment percent-encoded, not as one %2F-joined segment
# that proxies in front of the service may refuse.
# Generated name -> the name the SDK's callers know it by (the real service calls it `path`).
MULTI_SEGMENT_PARAMETERS = MappingProxyType({"path": "artifact_path"})

__all__ = ["EventRoute", "JSONBody", "Operation", "bind", "operation", "operations"]


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


class Operation:
    """One generated operation; its module is imported when it is first bound."""

    __slots__ = ("_module", "_path_parameters", "module_name", "operation_id")

    def __init__(self, operation_id: str, module_name: str) -> None:
        self.operation_id = operation_id
        self.module_name = module_name
        self._module: ModuleType | None = None
        self._path_parameters: tuple[str, ...] | None = None

    def __repr__(self) -> str:
        return f"Operation({self.operation_id!r})"

    @property
    def module(self) -> ModuleType:
        if self._module is None:
            self._module = importlib.import_module(self.module_name)
        return self._module

    @property
    def path_parameters(self) -> tuple[str, ...]:
        """Its path parameters in the order ``build`` takes them (the generated signature's)."""
        if self._path_parameters is None:
            parameters = inspect.signature(self.module._get_kwargs).parameters.values()
            kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
            self._path_parameters = tuple(p.name for p in parameters if p.kind is kind)
        return self._path_parameters

    def _keywords(self) -> frozenset[str]:
        parameters = inspect.signature(self.module._get_kwargs).parameters.values()
        return frozenset(p.name for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY)

    def build(
        self,
        *path_args: str,
        body: Mapping[str, Any] | _ToDict | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        idempotency_key: str | None = None,
        **params: Any,
    ) -> RequestSpec:
        """The request of this operation.

        ``path_args`` are its path parameters in order, ``params`` its query/header parameters
        under their generated names (``None`` = not sent), ``body`` its JSON body.
        ``idempotency_key`` is handled by the transport for every POST, whether or not the
        operation declares it.
        """
        _check_path_parameters(self.path_parameters, path_args)
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
        if idempotency_key is not None and "idempotency_key" in self._keywords():
            # the service's deployments routes take it as a query parameter of that very name
            kwargs["idempotency_key"] = idempotency_key
        raw: dict[str, Any] = self.module._get_kwargs(*path_args, **kwargs)
        headers = {k: str(v) for k, v in (raw.get("headers") or {}).items()}
        return RequestSpec(
            method=str(raw["method"]).upper(),
            url=_with_separators(self.path_parameters, str(raw["url"]), path_args),
            params=dict(raw.get("params") or {}),
            headers=headers,
            json=raw.get("json", NO_BODY),
            timeout=timeout,
            max_retries=max_retries,
            idempotency_key=idempotency_key,
            operation=self.operation_id,
        )


@functools.cache
def operations() -> Mapping[str, Operation]:
    """Every operation of the generated package by operationId (built once; imports none of them).

    ``pkgutil`` lists modules as the import system finds them, in half the time
    ``importlib.resources`` took to list files (it loads its readers and zipfile first)."""
    found: dict[str, Operation] = {}
    api = importlib.import_module(GENERATED_API)
    for tag in sorted(pkgutil.iter_modules(api.__path__), key=lambda t: t.name):
        if not tag.ispkg or tag.name.startswith("_"):
            continue
        package = f"{GENERATED_API}.{tag.name}"
        tag_path = [os.path.join(path, tag.name) for path in api.__path__]
        for entry in sorted(pkgutil.iter_modules(tag_path), key=lambda e: e.name):
            name = entry.name
            if entry.ispkg or name.startswith("_"):
                continue
            if name in found:  # the generator names modules after operationIds, which are unique
                raise RuntimeError(
                    f"operationId {name!r} is generated twice ({found[name].module_name} and "
                    f"{package}.{name}); fix openapi/synth-pools.yaml and run make regen"
                )
            found[name] = Operation(name, f"{package}.{name}")
    return MappingProxyType(found)


def operation(operation_id: str) -> Operation:
    """The generated operation of a spec operationId."""
    try:
        return operations()[operation_id]
    except KeyError:
        raise LookupError(
            f"no generated operation {operation_id!r}: add it to openapi/synth-pools.yaml and run "
            "`make regen`, or use one of the spec's operationIds"
        ) from None


def bind(operation_id: str, *path_args: str, **kwargs: Any) -> RequestSpec:
    """The request of the spec operation ``operation_id``: ``operation(operation_id).build(...)``."""
    return operation(operation_id).build(*path_args, **kwargs)


def _with_separators(names: tuple[str, ...], url: str, path_args: tuple[str, ...]) -> str:
    for name, value in zip(names, path_args, strict=False):
        if name in MULTI_SEGMENT_PARAMETERS and "/" in value:
            as_one_segment = quote(value, safe="")  # how the generated builder wrote it
            head, found, tail = url.rpartition(as_one_segment)
            if found:
                url = head + "/".join(quote(segment, safe="") for segment in value.split("/")) + tail
    return url


def _check_path_parameters(names: tuple[str, ...], path_args: tuple[str, ...]) -> None:
    """Path parameters must stay one segment of their route.

    The generated builders percent-encode '/', but not '.': an id of '..' would otherwise be
    resolved by httpx as "the parent route" (deleting a task named '..' would delete its pool).
    """
    for generated_name, value in zip(names, path_args, strict=False):
        name = MULTI_SEGMENT_PARAMETERS.get(generated_name, generated_name)
        if not isinstance(value, str) or not value:
            raise SynthPoolsValidationError(
                name, f"{value!r} is not a non-empty string", f"pass the {name} as a string"
            )
        if generated_name in MULTI_SEGMENT_PARAMETERS:
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


class ResumePoint(Protocol):
    """Where an events request resumes (``_sse.Resume``; the stream engine knows no operation)."""

    @property
    def after_sequence(self) -> int: ...
    @property
    def limit(self) -> int: ...
    @property
    def last_event_id(self) -> str | None: ...
    @property
    def format(self) -> str: ...


class EventRoute:
    """An events route by its operationId and path parameters: called with a resume point, the
    request the stream engine (``_sse``) sends next (its ``Connect``)."""

    __slots__ = ("_args", "_operation_id")

    def __init__(self, operation_id: str, *path_args: str) -> None:
        self._operation_id = operation_id
        self._args = path_args

    def __call__(self, resume: ResumePoint) -> RequestSpec:
        return bind(
            self._operation_id,
            *self._args,
            after_sequence=resume.after_sequence,
            limit=resume.limit,
            format_=resume.format,
            last_event_id=resume.last_event_id,
        )
