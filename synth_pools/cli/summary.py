"""The block printed after a batch table: counts, success rate, mean reward ± stderr, cost,
duration percentiles, and the same per task and per agent.

Commands turn their rows into `Outcome`s (launch, wait and collect each know different fields);
a new column or figure is one field here and one line in `_figures`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from rich.table import Table
from rich.text import Text

from synth_pools._money import usd
from synth_pools._statuses import SUCCESS_STATUSES
from synth_pools.cli.output import ROWS_SHOWN, console, print_table


@attrs.frozen
class Outcome:
    status: str
    reward: float | None = None
    cost_usd: float | None = None
    duration_sec: float | None = None
    task: str | None = None
    agent: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status in SUCCESS_STATUSES


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile (p50 of 1..4 is 2), None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def mean_and_stderr(values: Sequence[float]) -> tuple[float, float] | None:
    if not values:
        return None
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    variance = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(variance / len(values))


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}s"


def _figures(outcomes: Sequence[Outcome]) -> dict[str, str]:
    n = len(outcomes)
    succeeded = sum(o.succeeded for o in outcomes)
    rewards = [o.reward for o in outcomes if o.reward is not None]
    reward = mean_and_stderr(rewards)
    costs = [o.cost_usd for o in outcomes if o.cost_usd is not None]
    durations = [o.duration_sec for o in outcomes if o.duration_sec is not None]
    return {
        "rollouts": str(n),
        "success": f"{succeeded / n:.1%} ({succeeded}/{n})" if n else "-",
        "reward": "-" if reward is None else f"{reward[0]:.3f} ± {reward[1]:.3f} stderr (n={len(rewards)})",
        "reward_short": "-" if reward is None else f"{reward[0]:.3f} ± {reward[1]:.3f}",
        "cost": f"${usd(sum(costs))}" if costs else "-",
        "p50": _seconds(percentile(durations, 0.5)),
        "p95": _seconds(percentile(durations, 0.95)),
    }


def _breakdown(outcomes: Sequence[Outcome], key: Callable[[Outcome], str | None], name: str) -> Table:
    groups: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        groups.setdefault(key(outcome) or "-", []).append(outcome)
    grid = Table(title=f"per {name}", header_style="bold", title_justify="left")
    columns = (name, "rollouts", "success", "mean reward ± stderr", "cost", "p50", "p95")
    for column in columns:
        grid.add_column(column, overflow="fold")
    for group, members in sorted(groups.items()):
        figures = _figures(members)
        grid.add_row(
            Text(group),
            *(Text(figures[k]) for k in ("rollouts", "success", "reward_short", "cost", "p50", "p95")),
        )
    return grid


def print_summary(outcomes: Sequence[Outcome]) -> None:
    """The summary block on stdout (people's output; --json prints rows only)."""
    if not outcomes:
        return
    counts = Counter(o.status for o in outcomes)
    figures = _figures(outcomes)
    statuses = ", ".join(f"{status} {count}" for status, count in sorted(counts.items()))
    console.print(Text(f"summary: {figures['rollouts']} rollouts ({statuses})", style="bold"))
    lines = (
        ("success rate", figures["success"]),
        ("mean reward", figures["reward"]),
        ("cost", figures["cost"]),
        ("duration", f"p50 {figures['p50']}  p95 {figures['p95']}"),
    )
    for label, value in lines:
        console.print(Text(f"  {label:<13}{value}"), soft_wrap=True)
    if len({o.task for o in outcomes}) > 1:
        print_table(_breakdown(outcomes, lambda o: o.task, "task"))
    if len({o.agent for o in outcomes}) > 1:
        print_table(_breakdown(outcomes, lambda o: o.agent, "agent"))


def rows_to_show(
    rows: Sequence[Any], failed: Callable[[Any], bool], *, all_rows: bool
) -> tuple[list[Any], int]:
    """The rows a batch table lists, and how many it leaves out (see output.ROWS_SHOWN)."""
    if all_rows or len(rows) <= ROWS_SHOWN:
        return list(rows), 0
    shown = [row for row in rows if failed(row)][:ROWS_SHOWN]
    return shown, len(rows) - len(shown)


def hidden_note(hidden: int, shown: int) -> None:
    if hidden:
        what = "the failed ones are listed" if shown else "none failed"
        console.print(Text(f"{hidden} rows not listed ({what}); --rows lists every row", style="dim"))


def agent_of(request: Any) -> str | None:
    """The harness (and model) a rollout request names, for the per-agent breakdown."""
    agent = request.get("agent") if isinstance(request, dict) else None
    if not isinstance(agent, dict):
        return None
    harness = agent.get("harness") or agent.get("name")
    model = agent.get("model_id") or agent.get("model")
    return f"{harness}/{model}" if harness and model else (harness or model)


def task_of(request: Any) -> str | None:
    ref = request.get("task_ref") if isinstance(request, dict) else None
    return ref.get("task_id") if isinstance(ref, dict) else None


def outcomes_of(rows: Iterable[Any], requests: Sequence[Any] | None = None) -> list[Outcome]:
    """Outcomes of a batch's rows (BatchRow), with each row's request when the journal has it."""
    found = []
    for row in rows:
        request = requests[row.index] if requests is not None and row.index < len(requests) else None
        usage = row.usage or {}
        cost = usage.get("cost_usd")
        found.append(
            Outcome(
                status=row.status,
                reward=row.reward,
                cost_usd=float(cost) if isinstance(cost, int | float) else None,
                duration_sec=row.duration_sec,
                task=row.task_id or task_of(request),
                agent=agent_of(request),
            )
        )
    return found
