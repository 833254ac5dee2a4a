"""SDK errors as a person reads them, and the exit code each one means."""

from __future__ import annotations

from rich.markup import escape

from synth_pools import (
    APIConnectionError,
    APIError,
    APIStatusError,
    BadRequestError,
    PlanGatingError,
    SynthPoolsError,
    UnprocessableEntityError,
)

BAD_INPUT = 2
REFUSED = 1


def exit_code_for(exc: BaseException) -> int | None:
    """2 for bad input (refused by the SDK before sending, or by the API as malformed: 400/422),
    1 for the API's or the network's other refusals."""
    if isinstance(exc, BadRequestError | UnprocessableEntityError):
        return BAD_INPUT
    if isinstance(exc, APIError | APIConnectionError):
        return REFUSED
    if isinstance(exc, ValueError | OSError):
        return BAD_INPUT
    if isinstance(exc, SynthPoolsError):
        return REFUSED
    return None


def describe(exc: BaseException) -> str:
    """Rich markup for the error; its text (the server's message) is escaped, never markup."""
    text = escape(str(exc))
    if isinstance(exc, BadRequestError | UnprocessableEntityError):
        return f"[red]bad input (the API refused it, {exc.status_code}):[/red] {text}"
    if isinstance(exc, PlanGatingError):
        return f"[red]plan required:[/red] {text}"
    if isinstance(exc, APIStatusError):
        return f"[red]error {exc.status_code}:[/red] {text}"
    if isinstance(exc, APIConnectionError):
        return f"[red]cannot reach the backend:[/red] {text} (check --backend-base or $SYNTH_BACKEND_URL)"
    if isinstance(exc, ValueError | OSError):
        return f"[red]bad input:[/red] {text}"
    return f"[red]error:[/red] {text}"
