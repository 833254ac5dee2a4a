"""One row per comparison (an SDK figure against one baseline from the same run), and the printed table.

Ratios are the median of per-round ratios ``sdk / baseline`` (paired rounds cancel slow drift on
a shared machine). A target is one of: ``ratio<=X``, ``ratio>=X`` (on that ratio), ``faster>=X``
(``baseline / sdk`` for times), ``value<=X`` / ``value<X`` (on the SDK figure itself), or none
(informational row).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from _stats import Summary, summarise

__all__ = ["Row", "render"]


@dataclass
class Row:
    id: str
    measure: str
    unit: str
    sdk: list[float]
    baseline_name: str = ""
    baseline: list[float] = field(default_factory=list)
    target: str = ""
    note: str = ""
    error: str = ""

    def ratios(self) -> list[float]:
        pairs = zip(self.sdk, self.baseline, strict=False)
        return [s / b for s, b in pairs if b and not math.isnan(s) and not math.isnan(b)]

    def ratio(self) -> float:
        return summarise(self.ratios()).median if self.baseline else math.nan

    def verdict(self) -> str:
        if self.error:
            return "ERROR"
        if not self.target:
            return "info"
        kind, _, raw = self.target.partition(" ")
        limit = float(raw.rstrip("x ").split()[0])
        ratio = self.ratio()
        value = summarise(self.sdk).median
        checks = {
            "ratio<=": lambda: ratio <= limit,
            "ratio>=": lambda: ratio >= limit,
            "faster>=": lambda: 1.0 / ratio >= limit,
            "value<=": lambda: value <= limit,
            "value<": lambda: value < limit,
        }
        check = checks.get(kind)
        if check is None:
            return "?"
        probe = ratio if kind.startswith(("ratio", "faster")) else value
        if math.isnan(probe):
            return "n/a"
        return "met" if check() else "MISSED"


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "-"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _figure(values: list[float], unit: str) -> str:
    if not values:
        return "-"
    s: Summary = summarise(values)
    if s.rounds <= 1:
        return f"{_fmt(s.median)} {unit}"
    return f"{_fmt(s.median)} {unit} [{_fmt(s.low)}-{_fmt(s.high)}]"


def _ratio_text(row: Row) -> str:
    ratio = row.ratio()
    if math.isnan(ratio):
        return "-"
    text = f"{ratio:.3f}x" if abs(ratio - 1.0) < 0.2 else f"{ratio:.2f}x"
    if row.target.startswith("faster>="):
        text += f" (speedup {1.0 / ratio:.2f}x)"
    return text


def render(rows: list[Row], title: str) -> str:
    header = [
        "id",
        "measure",
        "SDK (median [min-max])",
        "baseline",
        "baseline figure",
        "ratio",
        "target",
        "verdict",
    ]
    table = [header]
    for row in rows:
        if row.error:
            table.append([row.id, row.measure, "-", row.baseline_name, "-", "-", row.target, "ERROR"])
            continue
        table.append(
            [
                row.id,
                row.measure,
                _figure(row.sdk, row.unit),
                row.baseline_name or "-",
                _figure(row.baseline, row.unit) if row.baseline else "-",
                _ratio_text(row),
                row.target or "-",
                row.verdict(),
            ]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    lines = [title, ""]
    for i, r in enumerate(table):
        lines.append(" | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("-+-".join("-" * w for w in widths))
    notes = [f"  {row.id} {row.measure}: {row.note}" for row in rows if row.note]
    errors = [f"  {row.id} {row.measure}: {row.error}" for row in rows if row.error]
    if notes:
        lines += ["", "notes:", *notes]
    if errors:
        lines += ["", "errors:", *errors]
    return "\n".join(lines)
