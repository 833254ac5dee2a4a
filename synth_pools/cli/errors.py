"""SDK errors as a person at a shell reads them, and the exit code each one means.

Messages use the command line's words (``--api-key``, ``--agent``), give an HTTP status once,
and for a connection failure name the URL, where it came from and the cause.
"""

from __future__ import annotations

import socket
import ssl

from rich.markup import escape

from synth_pools import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    PlanGatingError,
    SynthPoolsError,
    UnprocessableEntityError,
)

BAD_INPUT = 2
REFUSED = 1

# Optional modules and the extra that brings each one.
EXTRA_OF_MODULE = {
    "uvicorn": "server",
    "starlette": "server",
    "jsonschema": "server",
    "yaml": "cli",
    "pyarrow": "parquet",
    "pandas": "pandas",
    "inspect_ai": "inspect",
}

# Library wording (Python keyword arguments) -> the flag or variable a shell user sets.
_CLI_WORDS = (
    (
        "pass api_key=... or set the SYNTH_API_KEY environment variable",
        "pass --api-key or set $SYNTH_API_KEY",
    ),
    ("api_key: ", "--api-key: "),
    ("check backend_base", "check --backend-base"),
    ("preset: unknown preset", "--agent: unknown agent"),
    ("agent.model_id", "--model"),
    ("agent.harness", "--agent"),
)


class MissingExtra(Exception):
    """An optional dependency is not installed: one line naming the extra that brings it."""

    def __init__(self, what: str, module: str, extra: str) -> None:
        super().__init__(
            f"{what} needs the {extra} extra ({module} is not installed): pip install 'synth-pools[{extra}]'"
        )
        self.extra = extra


def missing_extra(exc: ImportError, what: str) -> MissingExtra | None:
    """The ImportError of an optional module as a MissingExtra; None for any other module."""
    top = (exc.name or "").split(".")[0]
    extra = EXTRA_OF_MODULE.get(top)
    return None if extra is None else MissingExtra(what, top, extra)


def exit_code_for(exc: BaseException) -> int | None:
    """2 for bad input (refused by the SDK before sending, or by the API as malformed: 400/422),
    1 for the API's or the network's other refusals and for a missing extra."""
    if isinstance(exc, BadRequestError | UnprocessableEntityError):
        return BAD_INPUT
    if isinstance(exc, MissingExtra | APIError | APIConnectionError):
        return REFUSED
    if isinstance(exc, ValueError | OSError):
        return BAD_INPUT
    if isinstance(exc, SynthPoolsError):
        return REFUSED
    return None


def cli_words(text: str) -> str:
    for library, cli in _CLI_WORDS:
        text = text.replace(library, cli)
    return text


def connection_cause(exc: BaseException) -> str:
    """What went wrong under a connection error: refused, DNS, TLS, reset, timeout."""
    if isinstance(exc, APITimeoutError):
        return "timed out"
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused (is the backend running? `synth-pools serve` starts a local one)"
        if isinstance(seen, socket.gaierror):
            return f"DNS lookup failed ({seen.strerror or seen})"
        if isinstance(seen, ssl.SSLError):
            return f"TLS failed ({seen.reason or seen}; an http:// backend given as https://?)"
        if isinstance(seen, ConnectionResetError):
            return "connection reset by the server"
        seen = seen.__cause__ or seen.__context__
    return str(exc)


def describe(exc: BaseException, *, url: str | None = None, url_source: str | None = None) -> str:
    """Rich markup for the error; its text (the server's message) is escaped, never markup."""
    if isinstance(exc, APIConnectionError):
        where = f" {escape(url)}" if url else ""
        source = f" (from {url_source})" if url_source else ""
        return f"[red]cannot reach the backend{where}{source}:[/red] {escape(connection_cause(exc))}"
    if isinstance(exc, APIStatusError):
        text = escape(cli_words(exc.message))
        rid = f" (request id {escape(exc.request_id)})" if exc.request_id else ""
        if isinstance(exc, BadRequestError | UnprocessableEntityError):
            return f"[red]bad input, the API refused it ({exc.status_code}):[/red] {text}{rid}"
        if isinstance(exc, PlanGatingError):
            return f"[red]plan required ({exc.status_code}):[/red] {text}{rid}"
        return f"[red]error {exc.status_code}:[/red] {text}{rid}"
    text = escape(cli_words(str(exc)))
    if isinstance(exc, MissingExtra):
        return f"[red]{text}[/red]"
    if isinstance(exc, ValueError | OSError):
        return f"[red]bad input:[/red] {text}"
    return f"[red]error:[/red] {text}"
