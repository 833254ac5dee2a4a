"""Reading the numbers clients put in cursors, `since` and event ids, whatever they send.

A cursor is only ever a hint: text that is not plain ASCII digits means "from the start", and a
number beyond SQLite's 64-bit range means "past the end" (clamped, so a query finds nothing
instead of overflowing into a 500).
"""

from __future__ import annotations

INT64_MAX = 2**63 - 1


def offset(text: str | None) -> int | None:
    """The non-negative integer ``text`` spells in ASCII digits (clamped to 64 bits), else None."""
    if not text or not (text.isascii() and text.isdigit()):
        return None  # str.isdigit alone accepts "³" and other digits int() refuses
    return min(int(text), INT64_MAX)
