"""The summary block's figures: success rate, mean reward ± standard error, percentiles, groups."""

from __future__ import annotations

import pytest

from synth_pools.cli.summary import Outcome, mean_and_stderr, percentile, print_summary


def test_percentile_is_nearest_rank() -> None:
    assert percentile([4.0, 1.0, 3.0, 2.0], 0.5) == 2.0
    assert percentile([float(v) for v in range(1, 101)], 0.95) == 95.0
    assert percentile([], 0.5) is None


def test_mean_and_standard_error() -> None:
    mean, stderr = mean_and_stderr([0.0, 1.0, 1.0, 0.0]) or (0, 0)
    assert mean == 0.5 and stderr == pytest.approx((1 / 3) ** 0.5 / 2)
    assert mean_and_stderr([0.7]) == (0.7, 0.0)


def test_summary_block_with_per_task_and_per_agent(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = [
        Outcome("succeeded", 1.0, 0.01, 2.0, "t1", "codex"),
        Outcome("succeeded", 0.0, 0.01, 4.0, "t1", "claude-code"),
        Outcome("failed", None, 0.02, 10.0, "t2", "codex"),
    ]
    print_summary(outcomes)
    out = capsys.readouterr().out
    assert "summary: 3 rollouts (failed 1, succeeded 2)" in out
    assert "success rate 66.7% (2/3)" in out
    assert "mean reward  0.500 ± 0.500 stderr (n=2)" in out and "mean reward ± stderr" in out
    assert "cost         $0.0400" in out and "p50 4.0s  p95 10.0s" in out
    assert "per task" in out and "per agent" in out
    t2 = next(line for line in out.splitlines() if "│ t2" in line)
    assert "0.0% (0/1)" in t2 and "$0.0200" in t2


def test_a_cost_under_a_cent_keeps_its_digits() -> None:
    from synth_pools._money import usd

    # a second of local sandbox time is $0.00003: four places printed it as nothing
    assert usd(0.00003) == "0.000030"
    assert usd(0.000000417) == "0.000000417"  # a few milliseconds of sandbox time
    assert usd(0.0) == "0.0000"
    assert usd(0.0123) == "0.0123"
    assert usd(1234.5) == "1,234.5000"
