"""`synth-pools rollouts launch --journal PATH` (the batch runner) and `synth-pools rollouts collect PATH`.

With a journal, `launch` hands the N requests to ``run_batch``: its keys, its resume and its
progress line. Rerunning the same command continues a batch that a crash or Ctrl-C stopped.
`collect` reads a journal only (no API key, no network): it prints the table and exports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.live import Live
from rich.text import Text

from synth_pools.cli.output import console, err_console, show
from synth_pools.cli.state import CliState

FAILED = frozenset({"failed", "cancelled", "error", "incomplete"})
COLUMNS = ["index", "rollout_id", "status", "reward", "events", "cost_usd", "error"]
EXPORTS = {
    ".jsonl": "to_jsonl",
    ".csv": "to_csv",
    ".parquet": "to_parquet",
    ".eval": "to_inspect_log",  # Inspect AI eval log (synth-pools view / inspect view open it)
    ".json": "to_inspect_log",
}


def _table_rows(result: Any) -> list[dict[str, Any]]:
    return [{**row.flat(), "error": (row.error or "")[:80]} for row in result]


def _finish(state: CliState, result: Any, title: str) -> None:
    show(
        _table_rows(result) if not state.json_output else result.to_records(),
        as_json=state.json_output,
        columns=COLUMNS,
        title=title,
    )
    if any(row.status in FAILED for row in result):
        raise typer.Exit(1)


def launch_with_journal(
    state: CliState, requests: list[dict[str, Any]], journal: Path, events: str, *, cancel_on_exit: bool
) -> None:
    from synth_pools.batch import Progress

    def run(progress: Any) -> Any:
        return state.client.rollouts.run_batch(
            requests,
            journal=journal,
            events=events,
            progress=progress,
        )

    try:
        if state.json_output:
            result = run(False)
        else:
            with Live(Text("starting..."), console=console, refresh_per_second=4) as live:

                def update(snapshot: Progress) -> None:
                    live.update(Text(snapshot.line()))

                result = run(update)
            if not console.is_terminal:
                console.line()
    except KeyboardInterrupt:
        _interrupted(state, journal, cancel_on_exit=cancel_on_exit)
    _finish(state, result, f"batch {journal.name}")


def _interrupted(state: CliState, journal: Path, *, cancel_on_exit: bool) -> NoReturn:
    from synth_pools.batch import BatchResult

    unfinished = [row.rollout_id for row in BatchResult.load(journal).incomplete if row.rollout_id]
    if cancel_on_exit:
        for rollout_id in unfinished:
            state.client.rollouts.cancel(rollout_id)
        err_console.print(f"[yellow]cancelled {len(unfinished)} unfinished rollout(s)[/yellow]")
    else:
        err_console.print(
            f"[yellow]{len(unfinished)} rollout(s) keep running.[/yellow] The journal {journal} has the batch:"
            " rerun the same command to resume it."
        )
    raise typer.Exit(130) from None


def register(rollouts: typer.Typer) -> None:
    @rollouts.command("collect")
    def collect(
        ctx: typer.Context,
        journal: Annotated[Path, typer.Argument(help="A journal written by launch --journal or run_batch.")],
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help="Also export the rows: .jsonl, .csv, .parquet (pyarrow), or an Inspect log: .eval, .json.",
            ),
        ] = None,
    ) -> None:
        """Print a batch's rows from its journal (no network), and export them."""
        from synth_pools._errors import SynthPoolsValidationError
        from synth_pools.batch import BatchResult

        state: CliState = ctx.obj
        result = BatchResult.load(journal)
        if output is not None:
            method = EXPORTS.get(output.suffix.lower())
            if method is None:
                raise SynthPoolsValidationError(
                    "--output",
                    f"{output.suffix or 'no suffix'} is not an export format",
                    "end it in .jsonl, .csv, .parquet, .eval or .json",
                )
            getattr(result, method)(output)
            err_console.print(f"wrote {len(result)} rows to {output}")
        _finish(state, result, f"batch {journal.name}")
