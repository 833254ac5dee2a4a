"""Page walking: every item of every page, whatever shape each page comes in.

Pages are read by ``_answers`` (a bare array, ``items``, ``data``, ``rollouts``... with
``next_cursor`` or ``cursor``). The walker stops when the token is missing, empty, or one it has
already followed, so a server that echoes the request cursor back cannot make it loop forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

from ._answers import PageShapeError, next_cursor, page_items

__all__ = ["PageShapeError", "aiter_items", "iter_items", "next_cursor", "page_items"]


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
