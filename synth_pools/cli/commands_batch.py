"""`synth-pools rollouts launch --journal PATH` (the batch runner) and `synth-pools rollouts collect PATH`.

With a journal, `launch` hands the N requests to ``run_batch``: its keys, its resume and its
progress line. Rerunning the same command continues a batch that a crash or Ctrl-C stopped.
`collect` reads a journal only (no API key, no network): it prints the table and exports it.
"""

from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.text import Text

from synth_pools._statuses import FAILURE_STATUSES
from synth_pools.cli.output import console, emit_json, err_console, show
from synth_pools.cli.state import CliState

COLUMNS = ["index", "rollout_id", "status", "reward", "simulated", "events", "cost_usd", "error"]
EXPORTS = {
    ".jsonl": "to_jsonl",
    ".csv": "to_csv",
    ".parquet": "to_parquet",
    ".eval": "to_inspect_log",  # Inspect AI eval log (synth-pools view / inspect view open it)
    ".json": "to_inspect_log",
}
# the extra an export format needs (its module is imported only when used)
EXPORT_EXTRAS = {".parquet": ("pyarrow", "parquet")}
# exit status when nothing failed but no rollout produced a verified result (a reward): a run
# with no verifier, a simulated one, or a task app the local backend does not call (both
# `rollouts launch` and `wait` use it)
NO_VERIFIED_RESULT = 3


def _table_rows(rows: Any) -> list[dict[str, Any]]:
    return [{**row.flat(), "error": (row.error or "")[:200]} for row in rows]


def _finish(state: CliState, result: Any, title: str, *, all_rows: bool) -> None:
    """The batch's rows (every one with --json or --rows, else up to ROWS_SHOWN), then its summary."""
    from synth_pools.cli.summary import hidden_note, outcomes_of, print_summary, rows_to_show

    if state.json_output:
        emit_json(result.to_records())
    else:
        shown, hidden = rows_to_show(result, lambda row: row.status in FAILURE_STATUSES, all_rows=all_rows)
        if shown:
            show(_table_rows(shown), as_json=False, columns=COLUMNS, title=title)
        hidden_note(hidden, len(shown))
        print_summary(outcomes_of(result, _requests_of(result.journal_path)))
    if any(row.status in FAILURE_STATUSES for row in result):
        raise typer.Exit(1)
    if len(result) and all(row.reward is None for row in result):
        err_console.print(
            f"no rollout produced a verified result (no reward; {result.simulated} simulated): "
            f"exit {NO_VERIFIED_RESULT}; give the tasks a verifier (run.verifier) to score them"
        )
        raise typer.Exit(NO_VERIFIED_RESULT)


def _requests_of(journal: Path | None) -> list[dict[str, Any]] | None:
    """The journal's (redacted) requests: which agent ran each row."""
    if journal is None or not journal.exists():
        return None
    from synth_pools.batch._journal import Journal

    opened = Journal.read(journal)
    try:
        return opened.requests()
    finally:
        opened.close()


def _already_launched(journal: Path) -> int:
    """Rollouts a journal already has (a rerun reattaches to them instead of launching)."""
    if not journal.exists():
        return 0
    from synth_pools.batch import BatchResult

    return sum(1 for row in BatchResult.load(journal) if row.rollout_id)


def launch_with_journal(
    state: CliState,
    requests: list[dict[str, Any]],
    journal: Path,
    events: str,
    *,
    cancel_on_exit: bool,
    all_rows: bool,
    max_cost_usd: float | None = None,
) -> None:
    from synth_pools.batch import Progress
    from synth_pools.cli.progress import ProgressLines, live_display, quarter_milestone

    reattached = _already_launched(journal)
    if reattached:
        err_console.print(
            f"resuming {journal}: reattaching to {reattached} rollout(s) it already launched,"
            f" launching the other {len(requests) - reattached}",
            highlight=False,
            soft_wrap=True,
        )
    latest: list[Progress] = []

    def describe() -> str:
        return latest[-1].line() if latest else f"0/{len(requests)} done, starting"

    def run(progress: Any) -> Any:
        return state.client.rollouts.run_batch(
            requests, journal=journal, events=events, progress=progress, max_cost_usd=max_cost_usd
        )

    try:
        if live_display(state.json_output):
            from rich.live import Live

            with Live(Text("starting..."), console=console, refresh_per_second=4) as live:

                def update(snapshot: Progress) -> None:
                    live.update(Text(snapshot.line()))

                result = run(update)
        else:
            with ProgressLines("batch", describe, state.progress_interval) as lines:
                lines.milestone(f"{len(requests)} rollout(s), journal {journal}")

                def record(snapshot: Progress) -> None:
                    before = latest[-1] if latest else None
                    latest.append(snapshot)
                    del latest[:-1]
                    if before is not None and before.created < snapshot.total == snapshot.created:
                        lines.milestone(f"all {snapshot.total} launched")
                    milestone = quarter_milestone(before.done if before else 0, snapshot.done, snapshot.total)
                    if milestone:
                        lines.milestone(milestone)

                result = run(record)
    except KeyboardInterrupt:
        _interrupted(state, journal, cancel_on_exit=cancel_on_exit)
    if result.stopped_by and not state.json_output:
        console.print(
            f"[yellow]The budget stopped this batch ({result.stopped_by}).[/yellow] "
            "Rerun the same command with a larger --max-cost to launch the rest."
        )
    _finish(state, result, f"batch {journal.name}", all_rows=all_rows)


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
                help="Also export the rows: .jsonl, .csv, .parquet (the parquet extra), or an Inspect log: .eval, .json.",
            ),
        ] = None,
        rows: Annotated[bool, typer.Option("--rows", help="List every row, not only failed ones.")] = False,
    ) -> None:
        """Print a batch's rows and summary from its journal."""
        import importlib.util

        from synth_pools._errors import SynthPoolsValidationError
        from synth_pools.batch import BatchResult
        from synth_pools.cli.errors import MissingExtra
        from synth_pools.cli.progress import stamp

        state: CliState = ctx.obj
        if output is not None:
            suffix = output.suffix.lower()
            if suffix not in EXPORTS:
                raise SynthPoolsValidationError(
                    "--output",
                    f"{output.suffix or 'no suffix'} is not an export format",
                    "end it in .jsonl, .csv, .parquet, .eval or .json",
                )
            module, extra = EXPORT_EXTRAS.get(suffix, (None, None))
            if module is not None and extra is not None and importlib.util.find_spec(module) is None:
                raise MissingExtra(f"collect -o {output.name}", module, extra)
        plain = not err_console.is_terminal
        result = BatchResult.load(journal)
        if plain:
            err_console.print(f"{stamp()} collect: read {len(result)} rows from {journal}", highlight=False)
        if output is not None:
            getattr(result, EXPORTS[output.suffix.lower()])(output)
            prefix = f"{stamp()} collect: " if plain else ""
            err_console.print(f"{prefix}wrote {len(result)} rows to {output}", highlight=False)
        _finish(state, result, f"batch {journal.name}", all_rows=rows)
