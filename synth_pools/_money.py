"""How the SDK prints dollars (CLI tables, batch progress, budget messages)."""

from __future__ import annotations

__all__ = ["usd"]


def usd(amount: float) -> str:
    """``amount`` to 4 places, or to 6 under a cent, so a small real cost (a second of sandbox
    time is $0.00003) does not print as $0.0000."""
    return f"{amount:,.6f}" if 0 < abs(amount) < 0.01 else f"{amount:,.4f}"
