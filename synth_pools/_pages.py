"""Page walking: read items and the continuation token from any page shape, and walk all pages.

Pages come as ``{"items": [...], "next_cursor": ...}`` (our spec), ``{"items", "cursor"}``
(the peer's fake, which may echo the request cursor back), ``{"data": [...]}`` or a bare JSON
array (older servers). The walker stops when the token is missing, empty, or one it has
already followed, so an echoing server cannot make it loop forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from ._errors import SynthPoolsError

__all__ = ["aiter_items", "iter_items", "next_cursor", "page_items"]

_ITEM_KEYS = ("items", "data", "results")
_CURSOR_KEYS = ("next_cursor", "cursor", "next")


class PageShapeError(SynthPoolsError, TypeError):
    """A list endpoint answered with something that is not a page."""


def page_items(page: Any, *, what: str = "page") -> list[Any]:
    if isinstance(page, list):
        return page
    if isinstance(page, dict):
        for key in _ITEM_KEYS:
            value = page.get(key)
            if isinstance(value, list):
                return value
    # an unexpected shape is an error, not an empty list: silent emptiness hides real bugs
    raise PageShapeError(
        f"expected a list or a page with 'items' from {what}, got {type(page).__name__}; "
        "check that backend_base points at the Synth API"
    )


def next_cursor(page: Any) -> str | None:
    if not isinstance(page, dict):
        return None
    for key in _CURSOR_KEYS:
        value = page.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def iter_items(fetch: Callable[[str | None], Any], *, cursor: str | None = None) -> Iterator[Any]:
    """Yield every item of every page; ``fetch(cursor)`` returns one page."""
    seen: set[str] = set()
    while True:
        page = fetch(cursor)
        yield from page_items(page)
        following = next_cursor(page)
        if following is None or following == cursor or following in seen:
            return
        seen.add(following)
        cursor = following


async def aiter_items(
    fetch: Callable[[str | None], Awaitable[Any]], *, cursor: str | None = None
) -> AsyncIterator[Any]:
    seen: set[str] = set()
    while True:
        page = await fetch(cursor)
        for item in page_items(page):
            yield item
        following = next_cursor(page)
        if following is None or following == cursor or following in seen:
            return
        seen.add(following)
        cursor = following
