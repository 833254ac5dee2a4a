"""A batch's budget: ``max_cost_usd``, ``max_tokens`` (what usage carries) and ``max_rollouts``.

The running totals are the journal's: every finished attempt's usage (earlier runs' too), and every
rollout created. A launch is allowed only while what is spent, plus what the rollouts in flight are
expected to cost, plus the new one, stays within each limit. The expected cost of a rollout is the
most any finished one cost so far (a cautious guess: the batch then stays under the limit unless a
rollout costs more than every one before it); until one has finished, one rollout runs at a time.
``max_rollouts`` counts rollouts created, retries included, and is exact.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Literal

from .._errors import SynthPoolsValidationError
from .._money import usd

__all__ = ["ON_BUDGET", "Budget", "OnBudget", "cost_of", "tokens_of"]

OnBudget = Literal["stop", "cancel"]
ON_BUDGET: tuple[str, ...] = ("stop", "cancel")


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def cost_of(usage: Mapping[str, Any] | None) -> float | None:
    if not isinstance(usage, Mapping):
        return None
    return _number(usage.get("cost_usd"))


def tokens_of(usage: Mapping[str, Any] | None) -> float | None:
    if not isinstance(usage, Mapping):
        return None
    total = _number(usage.get("total_tokens"))
    if total is not None:
        return total
    parts = [
        _number(usage.get(k))
        for k in ("llm_input_tokens", "llm_output_tokens", "input_tokens", "output_tokens")
    ]
    known = [p for p in parts if p is not None]
    return sum(known) if known else None


def _limit(name: str, value: float | int | None) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise SynthPoolsValidationError(name, f"{value!r} is not a number >= 0", f"pass e.g. {name}=10")
    return float(value)


class Budget:
    """The limits and the running totals (thread-safe)."""

    def __init__(
        self,
        *,
        max_cost_usd: float | None,
        max_tokens: int | None,
        max_rollouts: int | None,
        on_budget: str,
    ) -> None:
        if on_budget not in ON_BUDGET:
            raise SynthPoolsValidationError(
                "on_budget", f"{on_budget!r} is not one of {', '.join(ON_BUDGET)}", "pass 'stop' or 'cancel'"
            )
        self.limits = {
            "max_cost_usd": _limit("max_cost_usd", max_cost_usd),
            "max_tokens": _limit("max_tokens", max_tokens),
            "max_rollouts": _limit("max_rollouts", max_rollouts),
        }
        self.on_budget = on_budget
        self.spent_usd = 0.0
        self.tokens = 0.0
        self.launched = 0
        self._most = {"max_cost_usd": 0.0, "max_tokens": 0.0}
        self._finished = 0
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.limits.values())

    def count_launch(self) -> None:
        with self._lock:
            self.launched += 1

    def uncount_launch(self) -> None:
        """A create counted at the gate was refused: nothing was launched."""
        with self._lock:
            self.launched -= 1

    def count_usage(self, usage: Mapping[str, Any] | None) -> None:
        """A finished attempt's usage (missing figures count as 0)."""
        cost, tokens = cost_of(usage) or 0.0, tokens_of(usage) or 0.0
        with self._lock:
            self.spent_usd += cost
            self.tokens += tokens
            self._finished += 1
            self._most["max_cost_usd"] = max(self._most["max_cost_usd"], cost)
            self._most["max_tokens"] = max(self._most["max_tokens"], tokens)

    def blocks(self, in_flight: int) -> str | None:
        """The limit a launch now would cross (with ``in_flight`` rollouts under way), or None."""
        with self._lock:
            cap = self.limits["max_rollouts"]
            if cap is not None and self.launched + 1 > cap:
                return "max_rollouts"
            for name, total in (("max_cost_usd", self.spent_usd), ("max_tokens", self.tokens)):
                limit = self.limits[name]
                if limit is None:
                    continue
                if total >= limit:
                    return name
                if self._finished == 0:
                    if in_flight > 0:  # nothing to guess a cost from yet: one at a time
                        return name
                    continue
                if total + (in_flight + 1) * self._most[name] > limit:
                    return name
            return None

    def reached(self) -> str | None:
        """The limit what is already spent has reached (``on_budget="cancel"`` cancels then)."""
        with self._lock:
            for name, total in (("max_cost_usd", self.spent_usd), ("max_tokens", self.tokens)):
                limit = self.limits[name]
                if limit is not None and total >= limit:
                    return name
            return None

    def describe(self, name: str) -> str:
        spent = {"max_cost_usd": f"${usd(self.spent_usd)}", "max_tokens": f"{self.tokens:,.0f} tokens"}.get(
            name, f"{self.launched} rollouts"
        )
        return f"{name}={self.limits[name]:g} (spent {spent})"
