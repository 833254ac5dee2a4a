"""The local backend's prices keep what short rollouts really cost: a batch's cost budget adds them up."""

from __future__ import annotations

import pytest

from synth_pools_server.pricing import SANDBOX_USD_PER_MINUTE, usage_snapshot


def test_a_few_milliseconds_of_sandbox_time_cost_something_and_add_up() -> None:
    minutes = 0.005 / 60  # a 5 ms rollout: $0.00000017, which 6 decimal places rounded to $0
    one = usage_snapshot("r_1", {"sandbox_minutes": minutes}, None)
    assert one["cost_usd"] == one["provider_costs"]["sandbox"] > 0
    # what a budget over a thousand of them counts
    spent = sum(usage_snapshot(f"r_{i}", {"sandbox_minutes": minutes}, None)["cost_usd"] for i in range(1000))
    assert spent == pytest.approx(
        1000 * minutes * SANDBOX_USD_PER_MINUTE, rel=1e-2
    )  # each to the nano-dollar


def test_the_total_is_the_sum_of_the_parts_to_the_nano_dollar() -> None:
    usage = {
        "sandbox_minutes": 0.0123457,
        "llm_input_tokens": 1234,
        "llm_output_tokens": 567,
        "bytes_downloaded": 98765,
    }
    snapshot = usage_snapshot("r_2", usage, "gpt-5.1-codex-mini")
    assert snapshot["cost_usd"] == round(sum(snapshot["provider_costs"].values()), 9)
    assert snapshot["provider_costs"]["llm"] == round((1234 * 0.25 + 567 * 2.0) / 1_000_000, 9)
