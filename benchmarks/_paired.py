"""Paired rounds: every variant measured once per round, in rotated order, flakes retried.

A benchmark gives named variants; each returns one round's figure (a wall time, a rate, a list of
latencies). Rounds are paired so per-round ratios cancel slow drift on a shared machine.

No run is lost to a baseline's flake: when a *baseline* variant raises a transient network error
(say aiohttp's ``ClientOSError: Can not write request body`` after the server closed a keep-alive
connection between rounds, which bare aiohttp does not retry), that variant's round is run again,
up to ``RETRIES`` times, and the retry is reported in ``Flakes.notes()`` for the table's notes.
An error of an SDK variant is never retried here: the SDK has its own retry policy, so an error
that leaves it is the SDK's, and the benchmark fails (an ERROR row, exit 1).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Collection
from typing import TypeVar

import aiohttp
import httpx

__all__ = ["RETRIES", "TRANSIENT", "Flakes", "arounds", "rounds"]

T = TypeVar("T")
RETRIES = 3
TRANSIENT: tuple[type[BaseException], ...] = (
    aiohttp.ClientError,
    httpx.TransportError,
    ConnectionError,
    TimeoutError,
    OSError,
)


class Flakes:
    """Retried baseline rounds, counted per (variant, error) for the notes."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, str]] = Counter()

    def record(self, variant: str, exc: BaseException) -> None:
        self.seen[(variant, f"{type(exc).__name__}: {exc}"[:160])] += 1

    def note(self) -> str:
        parts = [f"{variant} retried {n} round(s) after {error}" for (variant, error), n in self.seen.items()]
        return "; ".join(parts)


def _order(names: list[str], r: int) -> list[str]:
    k = r % len(names)
    return names[k:] + names[:k]


def _retry_or_raise(name: str, sdk: Collection[str], exc: BaseException, tries: int, flakes: Flakes) -> None:
    if name in sdk or not isinstance(exc, TRANSIENT) or tries >= RETRIES:
        raise exc
    flakes.record(name, exc)


def rounds(
    variants: dict[str, Callable[[], T]], count: int, *, sdk: Collection[str], flakes: Flakes, warm: int = 1
) -> dict[str, list[T]]:
    """Each variant's figure per round (the first ``warm`` rounds are run and dropped)."""
    out: dict[str, list[T]] = {name: [] for name in variants}
    names = list(variants)
    for r in range(warm + count):
        for name in _order(names, r):
            tries = 0
            while True:
                try:
                    figure = variants[name]()
                    break
                except Exception as exc:
                    tries += 1
                    _retry_or_raise(name, sdk, exc, tries, flakes)
            if r >= warm:
                out[name].append(figure)
    return out


async def arounds(
    variants: dict[str, Callable[[], Awaitable[T]]],
    count: int,
    *,
    sdk: Collection[str],
    flakes: Flakes,
    warm: int = 1,
) -> dict[str, list[T]]:
    """The async twin of :func:`rounds`."""
    out: dict[str, list[T]] = {name: [] for name in variants}
    names = list(variants)
    for r in range(warm + count):
        for name in _order(names, r):
            tries = 0
            while True:
                try:
                    figure = await variants[name]()
                    break
                except Exception as exc:
                    tries += 1
                    _retry_or_raise(name, sdk, exc, tries, flakes)
                    await asyncio.sleep(0.2)  # let the server settle before the rerun
            if r >= warm:
                out[name].append(figure)
    return out
