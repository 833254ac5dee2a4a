"""Client configuration: API key, backend base URL, API prefix, timeouts and retry budget.

Resolved once per client by :func:`resolve_config`, from arguments first, then the environment:

- ``api_key`` <- ``SYNTH_API_KEY``
- ``backend_base`` <- ``SYNTH_BACKEND_URL`` or ``SYNTH_BACKEND_BASE`` (default
  ``https://api.usesynth.ai``); a trailing ``/``, ``/v1`` or ``/api`` is stripped.
- ``api_version`` <- ``ENV_POOLS_API_VERSION``; ``v1`` (default) keeps the public ``/v1`` routes,
  anything else selects the internal ``/api/v1/environment-pools`` prefix (environment pools only).

The key is kept out of ``repr`` so a logged client or config never shows it.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import Any

from ._errors import MissingAPIKeyError, SynthPoolsValidationError
from ._version import __version__

__all__ = [
    "DEFAULT_BACKEND_BASE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "INTERNAL_ENV_POOLS_PREFIX",
    "PUBLIC_PREFIX",
    "USER_AGENT",
    "ClientConfig",
    "check_response_cap",
    "client_options",
    "resolve_config",
    "with_defaults",
    "with_response_cap",
]

DEFAULT_BACKEND_BASE = "https://api.usesynth.ai"
BACKEND_ENV_VARS = ("SYNTH_BACKEND_URL", "SYNTH_BACKEND_BASE")
API_KEY_ENV_VAR = "SYNTH_API_KEY"
API_VERSION_ENV_VAR = "ENV_POOLS_API_VERSION"
PUBLIC_PREFIX = "/v1"
INTERNAL_ENV_POOLS_PREFIX = "/api/v1/environment-pools"
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_MAX_RETRIES = 2
# The most an answer may hold once decompressed (a compression bomb stops here, not at the
# machine's memory); streamed downloads have no such limit. Generous: the API's largest pages
# are a few MB. SYNTH_MAX_RESPONSE_BYTES or with_options(max_response_bytes=) changes it.
DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
MAX_RESPONSE_BYTES_ENV_VAR = "SYNTH_MAX_RESPONSE_BYTES"
# Sent on every request, so the service (and its logs) can tell SDK versions and Pythons apart.
USER_AGENT = f"synth-pools/{__version__} python/{sys.version_info.major}.{sys.version_info.minor}"


@dataclasses.dataclass(frozen=True, slots=True)
class ClientConfig:
    """Everything a transport needs to know, resolved. Build it with :func:`resolve_config`.
    Its repr shows the API key as ``'***'``."""

    api_key: str = dataclasses.field(repr=False)
    base_url: str
    api_prefix: str = PUBLIC_PREFIX
    api_version: str = "v1"
    timeout: float = DEFAULT_TIMEOUT
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    user_agent: str = USER_AGENT
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self) if f.name != "api_key"
        )
        return f"ClientConfig(api_key='***', {shown})"


def normalize_base(base: str) -> str:
    """Strip whitespace and a trailing ``/``, ``/v1`` or ``/api`` (users paste all of these)."""
    out = base.strip().rstrip("/")
    for suffix in ("/v1", "/api"):
        if out.endswith(suffix):
            out = out[: -len(suffix)].rstrip("/")
    if not out.startswith(("http://", "https://")):
        raise SynthPoolsValidationError(
            "backend_base",
            f"{base!r} is not an http(s) URL",
            "pass a URL such as 'https://api.usesynth.ai' or 'http://127.0.0.1:8787'",
        )
    return out


def resolve_config(
    *,
    api_key: str | None,
    backend_base: str | None,
    api_version: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    env_pools_prefix: bool = False,
) -> ClientConfig:
    """Resolve arguments and environment into a :class:`ClientConfig`.

    ``env_pools_prefix=True`` lets ``api_version`` select the internal environment-pools prefix;
    the container-pools client leaves it off and always speaks ``/v1``. ``api_key`` and
    ``backend_base`` have no default: a caller that forgot to pass the user's would silently send
    with the environment's key to the environment's service (``None`` asks for those, explicitly).
    """
    key = api_key if api_key is not None else os.environ.get(API_KEY_ENV_VAR)
    if not key or not key.strip():
        raise MissingAPIKeyError()
    base = backend_base
    if base is None:
        base = next((os.environ[v] for v in BACKEND_ENV_VARS if os.environ.get(v)), DEFAULT_BACKEND_BASE)
    version = api_version if api_version is not None else os.environ.get(API_VERSION_ENV_VAR) or "v1"
    version = version.strip() or "v1"
    prefix = PUBLIC_PREFIX
    if env_pools_prefix and version != "v1":
        prefix = INTERNAL_ENV_POOLS_PREFIX
    _check_defaults(timeout, max_retries)
    cap = _response_cap()
    return ClientConfig(
        api_key=key.strip(),
        base_url=normalize_base(base),
        api_prefix=prefix,
        api_version=version,
        timeout=DEFAULT_TIMEOUT if timeout is None else float(timeout),
        max_retries=DEFAULT_MAX_RETRIES if max_retries is None else max_retries,
        max_response_bytes=cap,
    )


def check_response_cap(value: object, name: str = "max_response_bytes") -> int:
    """``value`` as a byte count >= 1 KiB, or raise naming ``name``."""
    if type(value) is not int or value < 1024:
        raise SynthPoolsValidationError(
            name, f"is {value!r}", "pass a whole number of bytes, at least 1024 (the default is 256 MiB)"
        )
    return value


def _response_cap() -> int:
    raw = os.environ.get(MAX_RESPONSE_BYTES_ENV_VAR, "").strip()
    if not raw:
        return DEFAULT_MAX_RESPONSE_BYTES
    try:
        value: object = int(raw)
    except ValueError:
        value = raw
    return check_response_cap(value, MAX_RESPONSE_BYTES_ENV_VAR)


def _check_defaults(timeout: float | None, max_retries: int | None) -> None:
    if timeout is not None and timeout <= 0:
        raise SynthPoolsValidationError("timeout", f"{timeout!r} is not positive", "pass seconds > 0")
    if max_retries is not None and max_retries < 0:
        raise SynthPoolsValidationError(
            "max_retries", f"{max_retries!r} is negative", "pass 0 to disable retries, or a positive count"
        )


def with_defaults(config: ClientConfig, timeout: float | None, max_retries: int | None) -> ClientConfig:
    """``config`` with other call defaults (``None`` keeps one), checked as the constructor checks
    them. Nothing else is resolved again: the environment was read once, for ``config``."""
    _check_defaults(timeout, max_retries)
    return dataclasses.replace(
        config,
        timeout=config.timeout if timeout is None else float(timeout),
        max_retries=config.max_retries if max_retries is None else max_retries,
    )


def with_response_cap(config: ClientConfig, max_response_bytes: int | None) -> ClientConfig:
    """``config`` with another answer-size cap (``None`` keeps it)."""
    if max_response_bytes is None:
        return config
    return dataclasses.replace(config, max_response_bytes=check_response_cap(max_response_bytes))


def client_options(config: ClientConfig, *, api_version: bool = False) -> dict[str, Any]:
    """Constructor arguments of an API client on ``config`` (``api_version``: environment pools')."""
    options: dict[str, Any] = {
        "api_key": config.api_key,
        "backend_base": config.base_url,
        "timeout": config.timeout,
        "max_retries": config.max_retries,
    }
    if api_version:
        options["api_version"] = config.api_version
    return options
