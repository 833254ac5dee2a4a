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

# a batch table lists every row up to this many; past it, only failed rows unless --rows
ROWS_SHOWN = 20

console = Console()
err_console = Console(stderr=True)

# --wide: tables as wide as their content on a terminal too (off a terminal they always are)
_wide = False


def set_wide(wide: bool) -> None:
    global _wide
    _wide = wide


def print_table(grid: Table) -> None:
    """Print a table without cutting any cell: ids, hashes and paths are copied from here.

    Off a terminal (a pipe, a file, CI) or with --wide the table takes the width its content
    needs, whatever the console width (80 columns in a pipe); on a terminal a cell that does not
    fit folds onto the next line (every column folds, none ends in an ellipsis)."""
    if _wide or not console.is_terminal:
        from rich.measure import Measurement

        needed = Measurement.get(console, console.options.update(width=100_000), grid).maximum
        shown_width = console.width
        console.width = max(needed, shown_width)  # print() caps a width at the console's
        try:
            console.print(grid, crop=False)
        finally:
            console.width = shown_width
    else:
        console.print(grid)


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
        grid.add_column(column, overflow="fold")
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
        print_table(table(value, picked, title=title))
        return
    if isinstance(value, Mapping):
        grid = Table(show_header=False, title=title)
        grid.add_column(style="bold", overflow="fold")
        grid.add_column(overflow="fold")
        for key in sorted(value):
            grid.add_row(Text(key), _cell(value[key]))
        print_table(grid)
        return
    console.print(Text(str(value)))
