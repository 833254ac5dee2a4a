"""How results reach the terminal: a Rich table or panel for people, JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from synth_pools._answers import without_aliases

console = Console()
err_console = Console(stderr=True)


def emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, sort_keys=True, default=str) + "\n")


def _cell(value: Any) -> Text:
    """A table cell as plain text: what the API returns is never read as Rich markup."""
    if value is None:
        return Text("-")
    if isinstance(value, float):
        return Text(f"{value:.4g}")
    if isinstance(value, Mapping | list):
        return Text(json.dumps(value, sort_keys=True, default=str))
    return Text(str(value))


def table(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, title: str | None = None) -> Table:
    grid = Table(title=title, header_style="bold")
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*(_cell(row.get(column)) for column in columns))
    return grid


def show(
    value: Any, *, as_json: bool, columns: Sequence[str] | None = None, title: str | None = None
) -> None:
    """Print a list as a table and an object as key/value rows; with --json, print JSON.

    The same fields whichever shape the service answered in: the keys the SDK's tolerant reader
    keeps for compatibility (``pool`` of an unwrapped pool, ``rollouts`` beside ``items``) go."""
    value = without_aliases(value)
    if as_json:
        emit_json(value)
        return
    if isinstance(value, list):
        if not value:
            console.print(f"[dim]no {title or 'items'}[/dim]")
            return
        picked = columns or sorted({key for row in value for key in row})[:8]
        console.print(table(value, picked, title=title))
        return
    if isinstance(value, Mapping):
        grid = Table(show_header=False, title=title)
        grid.add_column(style="bold")
        grid.add_column()
        for key in sorted(value):
            grid.add_row(Text(key), _cell(value[key]))
        console.print(grid)
        return
    console.print(Text(str(value)))
