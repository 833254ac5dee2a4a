"""`synth-pools rollouts ...` and `synth-pools artifacts ...`."""

import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.markup import escape

from synth_pools._statuses import FAILURE_STATUSES
from synth_pools.cli.commands_batch import NO_VERIFIED_RESULT, launch_with_journal
from synth_pools.cli.commands_batch import register as register_batch
from synth_pools.cli.inputs import confirm, load_document
from synth_pools.cli.one_call import showing
from synth_pools.cli.output import ROWS_SHOWN, console, emit_json, err_console, show
from synth_pools.cli.state import CliState

ROLLOUT_COLUMNS = ["rollout_id", "status", "pool_id", "task_id", "reward", "simulated", "created_at"]
ARTIFACT_COLUMNS = ["path", "size_bytes", "sha256", "provenance"]

AllRows = Annotated[
    bool, typer.Option("--rows", help=f"List every rollout (past {ROWS_SHOWN}, only failed ones are).")
]

rollouts = typer.Typer(help="Launch, watch and collect rollouts.", no_args_is_help=True)
artifacts = typer.Typer(help="List and download a rollout's artifacts.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    register_batch(rollouts)
    app.add_typer(rollouts, name="rollouts")
    app.add_typer(artifacts, name="artifacts")


def _launch_request(
    request_file: Path | None, pool: str | None, task: str | None, dataset: str, agent: str, model: str | None,
    task_app_url: str | None, agent_timeout: float, backend_url: str,
) -> dict[str, Any]:  # fmt: skip
    from synth_pools import AgentSpec

    if request_file is not None:
        loaded = load_document(request_file)
        if not isinstance(loaded, dict):
            raise typer.BadParameter(
                "the file must hold one rollout request (a JSON/YAML object)", param_hint="--file"
            )
        return loaded
    if not pool or not task:
        raise typer.BadParameter(
            "give --pool and --task, or --file with a full request", param_hint="--pool/--task"
        )
    return {
        "task_ref": {"dataset": dataset, "task_id": task},
        "agent": AgentSpec.preset(agent, model_id=model).model_dump(exclude_none=True),
        # a command task needs no app of its own: point at the task's resource on the backend
        "task_app_url": task_app_url or f"{backend_url}/v1/pools/{pool}/tasks/{task}",
        "timeouts": {"agent_sec": agent_timeout},
        "pool_id": pool,
    }


def _idempotency_prefix(request: dict[str, Any], explicit: str | None) -> str:
    """Derived from the request so that rerunning the same command does not launch twice."""
    if explicit:
        return explicit
    digest = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()[:16]
    return f"cli-{digest}"


@rollouts.command("launch")
def launch(
    ctx: typer.Context,
    pool: Annotated[str | None, typer.Option(help="Pool to run on.")] = None,
    task: Annotated[str | None, typer.Option(help="Task id in the pool.")] = None,
    dataset: Annotated[str, typer.Option()] = "cli",
    agent: Annotated[str, typer.Option(help="claude-code, codex or opencode.")] = "claude-code",
    model: Annotated[str | None, typer.Option(help="Model id (the preset's default otherwise).")] = None,
    task_app_url: Annotated[str | None, typer.Option()] = None,
    agent_timeout: Annotated[float, typer.Option(help="Seconds the agent may run.")] = 300.0,
    count: Annotated[int, typer.Option("--count", "-n", min=1, max=10000, help="How many rollouts.")] = 1,
    request_file: Annotated[Path | None, typer.Option("--file", exists=True, dir_okay=False)] = None,
    idempotency_prefix: Annotated[
        str | None,
        typer.Option(
            help="Keys are PREFIX-0..N-1; default derives from the request (reruns do not duplicate)."
        ),
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait/--no-wait", help="Show live progress until all finish.")
    ] = True,
    cancel_on_exit: Annotated[
        bool, typer.Option(help="On Ctrl-C, cancel what this command launched.")
    ] = False,
    journal: Annotated[
        Path | None,
        typer.Option(help="Run as a resumable batch journaled in this SQLite file (rerun to resume)."),
    ] = None,
    events: Annotated[
        str, typer.Option(help="With --journal: keep (every event), last (resume point) or none.")
    ] = "last",
    rows: AllRows = False,
    max_cost: Annotated[
        float | None,
        typer.Option(
            "--max-cost",
            min=0.0,
            help="With --journal: launch nothing more once the batch's cost (USD, over the journal) would cross this.",
        ),
    ] = None,
) -> None:
    """Launch one or N rollouts, then follow them to the end."""
    state: CliState = ctx.obj
    request = _launch_request(
        request_file, pool, task, dataset, agent, model, task_app_url, agent_timeout, state.client.base_url
    )
    if journal is not None:
        if idempotency_prefix or not wait:
            raise typer.BadParameter(
                "a journal chooses the keys and follows the batch to its end; drop --idempotency-prefix"
                " and --no-wait",
                param_hint="--journal",
            )
        launch_with_journal(
            state,
            [request] * count,
            journal,
            events,
            cancel_on_exit=cancel_on_exit,
            all_rows=rows,
            max_cost_usd=max_cost,
        )
        return
    if max_cost is not None:
        raise typer.BadParameter(
            "a budget is counted over a batch journal; add --journal PATH", param_hint="--max-cost"
        )
    prefix = _idempotency_prefix(request | {"_count": count}, idempotency_prefix)
    launched: list[str] = []
    try:
        for index in range(count):
            launched.append(
                state.client.rollouts.create(request, idempotency_key=f"{prefix}-{index}").rollout_id
            )
    except KeyboardInterrupt:
        _interrupted(state, launched, cancel_on_exit=cancel_on_exit)
    _say_launched(len(launched), prefix)
    if not wait:
        show(
            [{"rollout_id": rid} for rid in launched],
            as_json=state.json_output,
            columns=["rollout_id"],
            title="launched",
        )
        return
    _follow(state, launched, cancel_on_exit=cancel_on_exit, all_rows=rows, request=request)


def _say_launched(count: int, prefix: str) -> None:
    """Which keys the rollouts have, not how many are new: without a journal the CLI cannot know.

    The service answers a key it has seen with the rollout it made then (the local backend adds
    Idempotent-Replayed, which the SDK does not surface; the real service marks nothing), and a
    rollout's created_at against this machine's clock misjudges an immediate rerun and any clock
    skew. A journaled launch counts what its journal already holds (see commands_batch)."""
    keys = f"{prefix}-0" if count == 1 else f"{prefix}-0..{count - 1}"
    err_console.print(
        f"{count} rollout(s), keys {keys} (the same command run again follows these rollouts;"
        " --idempotency-prefix for new ones)",
        highlight=False,
        soft_wrap=True,
    )


def _interrupted(state: CliState, running: list[str], *, cancel_on_exit: bool) -> NoReturn:
    """Ctrl-C: cancel what this command launched when asked, else say how to reattach; exit 130."""
    if cancel_on_exit:
        for rollout_id in running:
            state.client.rollouts.cancel(rollout_id)
        err_console.print(f"[yellow]cancelled {len(running)} unfinished rollout(s)[/yellow]")
    else:
        err_console.print(f"[yellow]{len(running)} rollout(s) keep running.[/yellow] Reattach with:")
        err_console.print(
            f"  synth-pools rollouts wait {' '.join(running[:5])}{' ...' if len(running) > 5 else ''}"
        )
    raise typer.Exit(130) from None


def _follow(
    state: CliState,
    rollout_ids: list[str],
    *,
    cancel_on_exit: bool,
    all_rows: bool,
    request: dict[str, Any] | None = None,
) -> None:
    # here, not at the top: the live view loads only when it is used
    from synth_pools.cli.progress import BatchProgress, RolloutRow, live_display, print_rollouts
    from synth_pools.cli.summary import agent_of, hidden_note, print_summary, rows_to_show, task_of

    # launch knows the request (the task and agent of the breakdown tables); wait reads each
    # rollout's summary only, which names neither: one request a poll per rollout, none more
    task, agent = (task_of(request), agent_of(request)) if request is not None else (None, None)
    rows = [RolloutRow(rid, task=task, agent=agent) for rid in rollout_ids]
    progress = BatchProgress(rows, fetch_summary=state.client.rollouts.summary)
    try:
        progress.run(live=live_display(state.json_output), line_interval=state.progress_interval)
    except KeyboardInterrupt:
        _interrupted(state, [row.rollout_id for row in rows if not row.done], cancel_on_exit=cancel_on_exit)
    if state.json_output:
        emit_json(
            [
                {
                    "rollout_id": r.rollout_id,
                    "status": r.status,
                    "reward": r.reward,
                    "events": r.events,
                    "cost_usd": r.cost_usd,
                    "reason": r.reason,
                    "task_id": r.task,
                    "agent": r.agent,
                    "duration_sec": r.duration_sec,
                    "simulated": r.simulated,
                }
                for r in rows
            ]
        )
    else:
        shown, hidden = rows_to_show(rows, lambda row: row.status in FAILURE_STATUSES, all_rows=all_rows)
        if shown:
            print_rollouts(shown)
        hidden_note(hidden, len(shown))
        print_summary([row.outcome() for row in rows])
    if any(row.status in FAILURE_STATUSES for row in rows):
        raise typer.Exit(1)
    if rows and all(row.reward is None for row in rows):
        err_console.print(
            f"no rollout produced a verified result (no reward): exit {NO_VERIFIED_RESULT}; "
            "give the task a verifier (run.verifier) to score it"
        )
        raise typer.Exit(NO_VERIFIED_RESULT)


@rollouts.command("list")
def list_rollouts(
    ctx: typer.Context,
    pool: Annotated[str | None, typer.Option(help="Only this pool's.")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status (running, failed...).")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 50,
) -> None:
    """List recent rollouts, newest first."""
    state: CliState = ctx.obj
    page = state.client.rollouts.list(pool_id=pool, status=status, limit=limit)
    items = page["items"] if isinstance(page, dict) else page
    show(items, as_json=state.json_output, columns=ROLLOUT_COLUMNS, title="rollouts")


showing(rollouts, "get", "rollout_id", "Show one rollout: request, status, reward, timings.",
        lambda c, i: c.rollouts.get(i))  # fmt: skip


@rollouts.command("wait")
def wait_rollouts(
    ctx: typer.Context,
    rollout_ids: list[str],
    cancel_on_exit: Annotated[bool, typer.Option(help="On Ctrl-C, cancel them.")] = False,
    rows: AllRows = False,
) -> None:
    """Follow rollouts to the end; exit 1 if any failed.

    Per-task and per-agent tables need the requests: `launch` and `collect` print them."""
    state: CliState = ctx.obj
    _follow(state, list(rollout_ids), cancel_on_exit=cancel_on_exit, all_rows=rows)


def _describe_event(event: dict[str, Any]) -> str:
    """One line of Rich markup; what the rollout printed is escaped, never read as markup."""
    kind = str(event.get("event", "?"))
    data = event.get("data") or {}
    if not isinstance(data, dict):
        return f"{escape(kind)} {escape(json.dumps(data))}"
    if kind == "lifecycle":
        reason = f" ({escape(str(data['reason']))})" if data.get("reason") else ""
        return f"[bold]lifecycle[/bold] {escape(str(data.get('status')))}{reason}"
    if kind == "reward":
        return f"[green]reward[/green] {data.get('reward')}"
    if kind in ("agent", "verifier"):
        detail = data.get("line") or data.get("text") or data.get("tool") or ""
        if "exit_code" in data:
            detail = f"exit {data['exit_code']}" + (f", reward {data['reward']}" if "reward" in data else "")
        colour = "cyan" if kind == "agent" else "magenta"
        return (
            f"[{colour}]{kind}[/{colour}] {escape(str(data.get('type', '')))} {escape(str(detail))}".rstrip()
        )
    return f"{escape(kind)} {escape(json.dumps(data, sort_keys=True))}"


@rollouts.command("watch")
def watch(ctx: typer.Context, rollout_id: str) -> None:
    """Stream a rollout's events as they happen."""
    from synth_pools.cli.progress import live_display

    state: CliState = ctx.obj
    if live_display(state.json_output):
        for event in state.client.rollouts.events(rollout_id):
            _print_event(state, event)
        return
    # off a terminal: the events on stdout, and on stderr a timestamped line per lifecycle change
    # and one every --progress-interval seconds, so a log shows the stream is alive
    from synth_pools.cli.progress import ProgressLines

    count = [0]
    status = ["connecting"]

    def describe() -> str:
        return f"{rollout_id} {status[0]}, {count[0]} events"

    with ProgressLines("watch", describe, state.progress_interval) as lines:
        lines.milestone("following")
        for event in state.client.rollouts.events(rollout_id):
            count[0] += 1
            _print_event(state, event)
            data = event.get("data")
            if event.get("event") == "lifecycle" and isinstance(data, dict) and data.get("status"):
                status[0] = str(data["status"])
                lines.milestone(f"status {status[0]}")


def _print_event(state: CliState, event: dict[str, Any]) -> None:
    if state.json_output:
        print(json.dumps(event, sort_keys=True), flush=True)
    else:
        line = f"[dim]{event.get('seq', ''):>6}[/dim] {_describe_event(event)}"
        console.print(line, highlight=False, soft_wrap=True)  # one event, one line


@rollouts.command("cancel")
def cancel(
    ctx: typer.Context,
    rollout_ids: Annotated[list[str], typer.Argument(help="One or more rollout ids.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Cancel several without asking.")] = False,
) -> None:
    """Cancel rollouts (a finished one is left as it is)."""
    from synth_pools._statuses import TERMINAL_STATUSES

    state: CliState = ctx.obj
    if len(rollout_ids) > 1:
        confirm(f"Cancel {len(rollout_ids)} rollouts?", yes=yes)
    answers = []
    for rollout_id in rollout_ids:
        answer = state.client.rollouts.cancel(rollout_id)
        status = str(answer.get("status", ""))
        finished_before = status in TERMINAL_STATUSES and status not in ("cancelled", "canceled")
        answers.append({**answer, "already_finished": finished_before})
        if not state.json_output:
            if finished_before:
                console.print(f"{rollout_id} already finished ({status}): nothing to cancel", highlight=False)
            else:
                console.print(f"{rollout_id} {status or 'cancel requested'}", highlight=False)
    if state.json_output:
        emit_json(answers[0] if len(answers) == 1 else answers)


showing(rollouts, "replay", "rollout_id", "Start a new rollout from this one's request.",
        lambda c, i: c.rollouts.replay(i).data, title="replay of {}")  # fmt: skip


showing(rollouts, "usage", "rollout_id", "Show a rollout's usage: tokens, minutes, bytes, cost.",
        lambda c, i: c.rollouts.usage(i), title="usage of {}")  # fmt: skip


@rollouts.command("support-bundle")
def support_bundle(
    ctx: typer.Context,
    rollout_id: str,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the bundle here (JSON).")
    ] = None,
) -> None:
    """Export a rollout's debug bundle (secrets redacted)."""
    state: CliState = ctx.obj
    bundle = state.client.rollouts.support_bundle(rollout_id)
    if output is None:
        emit_json(bundle)
        return
    output.write_text(json.dumps(bundle, indent=2, sort_keys=True), encoding="utf-8")
    show(
        {"rollout_id": rollout_id, "written_to": str(output), "events": len(bundle.get("events", []))},
        as_json=state.json_output,
    )


@artifacts.command("list")
def list_artifacts(
    ctx: typer.Context,
    rollout_id: str,
    prefix: Annotated[str | None, typer.Option(help="Only paths starting with this.")] = None,
) -> None:
    """List a rollout's artifacts: path, size, sha256."""
    state: CliState = ctx.obj
    manifest = state.client.rollouts.artifacts(rollout_id, prefix=prefix)
    if state.json_output:
        emit_json(manifest)
    else:
        show(
            manifest.get("artifacts", []),
            as_json=False,
            columns=ARTIFACT_COLUMNS,
            title=f"artifacts of {rollout_id}",
        )


@artifacts.command("download")
def download(
    ctx: typer.Context,
    rollout_id: str,
    path: Annotated[str | None, typer.Argument(help="One artifact; omit for a zip of all.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Destination file.")] = None,
) -> None:
    """Download one artifact, or a zip of all; prints size and sha256.

    The SDK writes ``<output>.part`` and renames it when complete, resuming a cut transfer with a
    byte range, so a failed download never leaves a truncated file (or clobbers an old one)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    state: CliState = ctx.obj
    destination = output or Path(path.rsplit("/", 1)[-1] if path else f"{rollout_id}-artifacts.zip")
    with Progress(SpinnerColumn(), TextColumn("downloading"), console=console, disable=state.json_output):
        if path is not None:
            size = state.client.rollouts.fetch_artifact(rollout_id, path, dest=destination)
        else:
            size = state.client.rollouts.download_zip(rollout_id, dest=destination)
    with destination.open("rb") as written:
        digest = hashlib.file_digest(written, "sha256")
    show(
        {"path": str(destination), "size_bytes": size, "sha256": digest.hexdigest()},
        as_json=state.json_output,
    )
