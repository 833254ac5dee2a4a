"""Why a row failed (its *failure class*), and which classes a batch retries.

A class is read from what the service said, in this order: the status (``cancelled``,
``timed_out``), a class or code the error carries (``error.code``/``error_code``/``type``/
``category``/``failure_class``), then words of the error text. What no rule names is the agent's:
a rollout that ran and failed is the agent failing its task unless the service says otherwise.

- ``infra``: the platform failed the rollout (sandbox lost, image pull, runner or backend error,
  status ``error``, a 5xx after admission);
- ``agent``: the agent ran and failed the task;
- ``verifier``: the grader/verifier failed, not the agent;
- ``timeout``: the agent or verifier ran out of time;
- ``cancelled``: someone (or this batch's budget) cancelled it;
- ``refused``: the service refused the create for good (bad request, out of credits, ...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from .._errors import SynthPoolsValidationError
from .._statuses import SUCCESS_STATUSES

__all__ = ["FAILURE_CLASSES", "FailureClass", "RetryPolicy", "class_of", "classify", "retry_policy"]

FailureClass = Literal["infra", "agent", "verifier", "timeout", "cancelled", "refused"]
FAILURE_CLASSES: tuple[str, ...] = ("infra", "agent", "verifier", "timeout", "cancelled", "refused")
_SUCCESS = SUCCESS_STATUSES | {"validated"}  # a verifier answered; its reward says how it went
_TIMEOUT_STATUSES = frozenset({"timed_out", "timeout"})
_CANCELLED_STATUSES = frozenset({"cancelled", "canceled"})
_INFRA_STATUSES = frozenset({"error", "errored", "infra_error", "lost"})

# words of a code or message, checked in this order (a "verifier timed out" is a timeout)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("timeout", re.compile(r"time[sd]?[ _-]?out|deadline", re.IGNORECASE)),
    ("verifier", re.compile(r"verif|grader|grading|reward[ _-]?fn|evaluator", re.IGNORECASE)),
    (
        "infra",
        re.compile(
            r"infra|sandbox|container|image|pull|provision|runner|backend|internal|oom|out of memory"
            r"|node|capacity|unavailable|lost|restart|shut ?down|network|connection|5\d\d",
            re.IGNORECASE,
        ),
    ),
    ("agent", re.compile(r"agent|model|task|exit|exited|assert", re.IGNORECASE)),
)
_CLASS_KEYS = (
    "failure_class",
    "failure_type",
    "error_class",
    "category",
    "kind",
    "type",
    "code",
    "error_code",
)


def _error_parts(error: Any) -> tuple[str | None, str]:
    """(a class the error names outright, its text for the word rules)."""
    if isinstance(error, str):
        stripped = error.strip()
        if stripped.startswith("{"):
            try:
                error = json.loads(stripped)
            except ValueError:
                return None, error
        else:
            return None, error
    if isinstance(error, Mapping):
        named = error.get("failure_class") or error.get("error_class")
        if isinstance(named, str) and named in FAILURE_CLASSES:
            return named, ""
        words = [str(error.get(k)) for k in _CLASS_KEYS if error.get(k) is not None]
        words += [str(error.get(k)) for k in ("message", "reason", "detail") if error.get(k) is not None]
        return None, " ".join(words)
    return None, "" if error is None else str(error)


def classify(status: str | None, error: Any = None) -> str | None:
    """The failure class of a finished rollout, or None when it succeeded."""
    state = (status or "").strip().lower()
    if state in _SUCCESS and not error:
        return None
    if state in _CANCELLED_STATUSES:
        return "cancelled"
    if state in _TIMEOUT_STATUSES:
        return "timeout"
    named, text = _error_parts(error)
    if named is not None:
        return named
    for name, pattern in _RULES:
        if name == "agent" and state in _INFRA_STATUSES:
            break  # the service said the platform erred: an agent word in its text does not undo that
        if pattern.search(text):
            return name
    return "infra" if state in _INFRA_STATUSES else "agent"


def class_of(result: Mapping[str, Any]) -> str | None:
    """A result's failure class: the one it carries, else classified from its status and error
    (a result journaled before failure classes existed)."""
    known = result.get("failure_class")
    if isinstance(known, str):
        return known
    return classify(str(result.get("status")), result.get("error"))


@attrs.frozen
class RetryPolicy:
    """Which failure classes get a new rollout, and how many attempts a request may have in all.

    ``RetryPolicy()`` is the default: ``infra`` only, at most 2 attempts (one retry). Each attempt
    is a new rollout (its own idempotency key, tagged with the request's); the journal keeps all.
    """

    on: frozenset[str] = frozenset({"infra"})
    attempts: int = 2

    def __attrs_post_init__(self) -> None:
        unknown = sorted(set(self.on) - set(FAILURE_CLASSES))
        if unknown:
            raise SynthPoolsValidationError(
                "retry",
                f"unknown failure class(es) {', '.join(unknown)}",
                f"use {', '.join(FAILURE_CLASSES)}",
            )
        if type(self.attempts) is not int or self.attempts < 1:
            raise SynthPoolsValidationError(
                "retry.attempts", f"{self.attempts!r} is not a positive int", "pass e.g. attempts=2"
            )

    def wants(self, failure_class: str | None, attempt: int) -> bool:
        return failure_class is not None and failure_class in self.on and attempt < self.attempts


def retry_policy(value: RetryPolicy | Iterable[str] | bool | None) -> RetryPolicy:
    """``retry=``: a :class:`RetryPolicy`, classes to retry (2 attempts), None (the default), or
    False (no retries)."""
    if value is None or value is True:
        return RetryPolicy()
    if value is False:
        return RetryPolicy(on=frozenset(), attempts=1)
    if isinstance(value, RetryPolicy):
        return value
    if isinstance(value, str):
        return RetryPolicy(on=frozenset({value}))
    return RetryPolicy(on=frozenset(value))


def classes_of(value: Iterable[str] | str | None, field: str) -> frozenset[str]:
    """A set of failure classes named by an option (``rerun_failed=``), checked."""
    if value is None:
        return frozenset()
    names = frozenset({value} if isinstance(value, str) else value)
    unknown = sorted(names - set(FAILURE_CLASSES))
    if unknown:
        raise SynthPoolsValidationError(
            field, f"unknown failure class(es) {', '.join(unknown)}", f"use {', '.join(FAILURE_CLASSES)}"
        )
    return names
