"""Request bodies parsed so that nothing stored can break a later answer.

Refused, each with a 422 naming the field, before anything is written: strings holding a lone
UTF-16 surrogate (``"\\ud800"`` parses, but can never be encoded to UTF-8 again, so every list
holding it would fail), NaN and Infinity (and numbers too large for a float, which become
Infinity): they are not JSON, and as a reward or metric they poison every answer; nesting deeper
than MAX_DEPTH and arrays longer than MAX_ITEMS, which bound the work one request can ask for.
The checks walk the parsed body once (linear in its size).

`scrub_secrets` takes the submitted values of secret fields out of an error's messages, so a
422 (and the SDK exception built from it) never repeats a credential.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import ApiError

MAX_DEPTH = 32
MAX_ITEMS = 10_000
SECRET_KEYS = re.compile(r"(secret|password|passwd|token|api_?key|credential_value|authorization)", re.I)
ENV_KEYS = ("env", "env_vars")


class _NotFinite:
    """Stands in for NaN/Infinity while parsing, so the walk can name the field it sits in."""

    def __init__(self, text: str) -> None:
        self.text = text


def _refuse(field: str, message: str, code: str) -> ApiError:
    return ApiError(
        422,
        "validation_error",
        f"Request body is invalid: {field}: {message}",
        details=[{"field": field, "message": message, "code": code}],
    )


def _float(text: str) -> float | _NotFinite:
    value = float(text)
    return value if math.isfinite(value) else _NotFinite(text)


def loads(raw: bytes | str) -> Any:
    """The parsed body, or ApiError: 400 for text that is not JSON, 422 naming the field otherwise."""
    try:
        body = json.loads(raw, parse_constant=_NotFinite, parse_float=_float)
    except UnicodeDecodeError as exc:
        raise ApiError(
            400,
            "invalid_json",
            f"Request body is not UTF-8 (bad byte at offset {exc.start}); send UTF-8 JSON",
        ) from None
    except RecursionError:
        raise _refuse("body", f"is nested deeper than {MAX_DEPTH} levels", "max_depth") from None
    except ValueError as exc:
        raise ApiError(400, "invalid_json", f"Request body is not valid JSON: {exc}") from None
    check(body)
    return body


def _bad_string(text: str) -> bool:
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check(body: Any) -> None:
    """Walk the parsed body once; ApiError (422, naming the field) at the first thing refused."""
    stack: list[tuple[Any, str, int]] = [(body, "body", 0)]
    while stack:
        node, field, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _refuse(field, f"is nested deeper than {MAX_DEPTH} levels", "max_depth")
        if isinstance(node, str):
            if _bad_string(node):
                raise _refuse(
                    field, "is not valid UTF-8 text (it holds a lone surrogate such as \\ud800)", "utf8"
                )
        elif isinstance(node, _NotFinite):
            raise _refuse(field, f"{node.text} is not a JSON number; send a finite number", "finite_number")
        elif isinstance(node, dict):
            for key, value in node.items():
                if _bad_string(key):
                    raise _refuse(field, "has a key that is not valid UTF-8 text (a lone surrogate)", "utf8")
                stack.append((value, f"{field}.{key}", depth + 1))
        elif isinstance(node, list):
            if len(node) > MAX_ITEMS:
                raise _refuse(field, f"has {len(node)} items; at most {MAX_ITEMS} are accepted", "max_items")
            stack.extend((value, f"{field}.{i}", depth + 1) for i, value in enumerate(node))


def secret_values(body: Any) -> list[str]:
    """Values submitted under secret-looking keys, and every environment variable's value."""
    found: list[str] = []
    stack: list[tuple[Any, str]] = [(body, "")]
    while stack:
        node, key = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(v, str) and (SECRET_KEYS.search(k) or key in ENV_KEYS):
                    found.append(v)
                else:
                    stack.append((v, k))
        elif isinstance(node, list):
            stack.extend((v, key) for v in node)
    return [v for v in found if len(v) >= 4]  # shorter ones would mask ordinary words


_VALUE_FREE = {
    "maxLength": "is too long",
    "minLength": "is too short",
    "type": "has the wrong type",
    "pattern": "does not match the expected pattern",
    "enum": "is not one of the allowed values",
    "format": "is not in the expected format",
}


def _secret_field(field: str) -> bool:
    parts = field.split(".")
    return bool(SECRET_KEYS.search(parts[-1])) or any(p in ENV_KEYS for p in parts[:-1])


def scrub_secrets(exc: ApiError, raw: bytes) -> ApiError:
    """The error with no submitted secret in its messages: a detail about a secret field says what
    is wrong without the value (a 300-character cut would still show its start), and every
    secret value submitted anywhere in the body is masked wherever else it appears."""
    try:
        values = secret_values(json.loads(raw))
    except (ValueError, RecursionError):
        values = []

    def clean(text: str) -> str:
        for value in values:
            for form in (value, repr(value)[1:-1], json.dumps(value)[1:-1]):
                if form:
                    text = text.replace(form, "***")
        return text

    details = []
    for d in exc.details or []:
        d = dict(d)
        if _secret_field(str(d.get("field", ""))) and isinstance(d.get("message"), str):
            old = d["message"]
            d["message"] = _VALUE_FREE.get(
                str(d.get("code")), f"failed the {d.get('code')} check (value not shown)"
            )
            exc.message = exc.message.replace(old, d["message"])
        details.append({k: clean(v) if isinstance(v, str) else v for k, v in d.items()})
    if exc.details:
        exc.details = details
    exc.message = clean(exc.message)
    return exc
