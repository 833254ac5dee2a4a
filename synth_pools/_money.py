"""How the SDK prints dollars (CLI tables, batch progress, budget messages)."""

from __future__ import annotations

__all__ = ["usd"]


def usd(amount: float) -> str:
    """``amount`` to 4 places, to 6 under a cent and to 9 under a millionth (the service's
    precision), so a small real cost (a second of sandbox time is $0.00003, a few milliseconds
    $0.0000001) does not print as zero."""
    size = abs(amount)
    places = 4 if size == 0 or size >= 0.01 else 6 if size >= 1e-6 else 9
    return f"{amount:,.{places}f}"
