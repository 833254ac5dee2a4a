"""The one price table: estimated cost of what a rollout really used."""

from __future__ import annotations

from typing import Any

SANDBOX_USD_PER_MINUTE = 0.002
BROWSER_USD_PER_MINUTE = 0.004
EGRESS_USD_PER_GB = 0.09
# USD per million tokens (input, output), by model, for tokens something really reported. The
# stand-in agent calls no model and reports none, so here the LLM cost is 0 and `cost_usd` is what
# the sandbox really used (measured time, bytes). A fully simulated run has no usage at all
# (Backend._run).
LLM_USD_PER_MTOK: dict[str, tuple[float, float]] = {
    "claude-sonnet-4.5": (3.0, 15.0),
    "gpt-5.2-codex": (1.25, 10.0),
    "gpt-5.1-codex-mini": (0.25, 2.0),
    "gpt-5.3-codex-spark": (1.25, 10.0),
}
DEFAULT_LLM = (1.0, 5.0)


def _dollars(amount: float) -> float:
    """To the nano-dollar: a rollout of a few milliseconds costs well under a millionth of a dollar
    of sandbox time, and rounded to 6 places it cost nothing, so a thousand of them added nothing
    to a batch's ``max_cost_usd`` budget."""
    return round(amount, 9)


def usage_snapshot(rollout_id: str, usage: dict[str, Any], model_id: str | None) -> dict[str, Any]:
    wall = float(usage.get("wall_time_sec", 0.0))
    sandbox_min = float(usage.get("sandbox_minutes", 0.0))
    browser_min = float(usage.get("browser_minutes", 0.0))
    tin = int(usage.get("llm_input_tokens", 0))
    tout = int(usage.get("llm_output_tokens", 0))
    down = int(usage.get("bytes_downloaded", 0))
    up = int(usage.get("bytes_uploaded", 0))
    pin, pout = LLM_USD_PER_MTOK.get(model_id or "", DEFAULT_LLM)
    costs = {
        "sandbox": _dollars(sandbox_min * SANDBOX_USD_PER_MINUTE),
        "browser": _dollars(browser_min * BROWSER_USD_PER_MINUTE),
        "llm": _dollars((tin * pin + tout * pout) / 1_000_000),
        "egress": _dollars(down / 1e9 * EGRESS_USD_PER_GB),
    }
    return {
        "rollout_id": rollout_id,
        "wall_time_sec": round(wall, 3),
        "sandbox_minutes": round(sandbox_min, 4),
        "browser_minutes": round(browser_min, 4),
        "bytes_uploaded": up,
        "bytes_downloaded": down,
        "llm_input_tokens": tin,
        "llm_output_tokens": tout,
        "cost_usd": _dollars(sum(costs.values())),
        "provider_costs": costs,
    }
