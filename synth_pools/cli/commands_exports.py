"""`synth-pools view JOURNAL_OR_LOG` (Inspect AI's log viewer, or a static bundle of it) and
`synth-pools rollouts trajectory ID -o trajectory.json` (ATIF v1.8, from the service or a journal).

The exports themselves need nothing extra; only `view` needs `inspect-ai` (the `inspect` extra),
which it runs as a subprocess (`python -m inspect_ai view ...`) on a directory holding just this
log, so the viewer lists this batch and nothing else.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from synth_pools.cli.output import console, emit_json, err_console

SQLITE_MAGIC = b"SQLite format 3\x00"


def register(app: typer.Typer) -> None:
    from synth_pools.cli.commands_rollouts import rollouts

    app.command("view")(view)
    # the rollouts group is shared by every app the CLI builds (one per run): add it once
    if not any(command.name == "trajectory" for command in rollouts.registered_commands):
        rollouts.command("trajectory")(trajectory)


def _is_journal(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def stage_log(source: Path, log_dir: Path) -> Path:
    """``log_dir`` holding the log to show: a journal is exported to ``<stem>.eval`` there, an
    Inspect log (``.eval``/``.json``) is hard-linked (copied where it cannot be)."""
    from synth_pools._errors import SynthPoolsValidationError

    if not source.is_file():
        raise SynthPoolsValidationError(
            "JOURNAL_OR_LOG", f"{str(source)!r} does not exist", "pass a batch journal or an .eval/.json log"
        )
    if _is_journal(source):
        from synth_pools.batch import inspect_log_from_journal

        return inspect_log_from_journal(source, log_dir / f"{source.stem}.eval")
    if source.suffix.lower() not in (".eval", ".json"):
        raise SynthPoolsValidationError(
            "JOURNAL_OR_LOG",
            f"{str(source)!r} is neither a batch journal nor an Inspect log",
            "pass a run_batch journal, or a log ending in .eval or .json",
        )
    target = log_dir / source.name
    try:
        os.link(source, target)  # Inspect's log listing skips symbolic links
    except OSError:  # another filesystem
        shutil.copyfile(source, target)
    return target


def view(
    source: Annotated[Path, typer.Argument(help="A batch journal, or an Inspect log (.eval/.json).")],
    bundle: Annotated[
        Path | None,
        typer.Option("--bundle", help="Write the viewer and the log as a static site to this directory."),
    ] = None,
    host: Annotated[str, typer.Option(help="Viewer host.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Viewer port.")] = 7575,
) -> None:
    """Open a batch in Inspect AI's log viewer.

    Needs inspect-ai; --bundle writes the viewer and the log as a static site instead."""
    if importlib.util.find_spec("inspect_ai") is None:
        # a missing extra, like `serve` without uvicorn: exit 1 (2 is for what was typed wrong)
        from synth_pools.cli.errors import MissingExtra

        raise MissingExtra("synth-pools view", "inspect_ai", "inspect")
    with tempfile.TemporaryDirectory(prefix="synth-pools-view-") as tmp:
        log = stage_log(source, Path(tmp))
        command = [sys.executable, "-m", "inspect_ai", "view"]
        if bundle is not None:
            command += ["bundle", "--log-dir", tmp, "--output-dir", str(bundle), "--overwrite"]
            done = subprocess.run(command, check=False, capture_output=True, text=True)
            if done.returncode != 0:
                err_console.print(done.stderr.strip() or done.stdout.strip(), highlight=False, markup=False)
                raise typer.Exit(1)
            console.print(f"bundled {log.name} into {bundle}/ (serve it: python -m http.server -d {bundle})")
            return
        command += ["start", "--log-dir", tmp, "--host", host, "--port", str(port)]
        console.print(f"Inspect viewer on http://{host}:{port} showing {log.name} (Ctrl-C to stop)")
        try:
            code = subprocess.run(command, check=False).returncode
        except KeyboardInterrupt:
            code = 0
        raise typer.Exit(code)


def _trajectory_from_journal(journal: Path, which: str) -> dict[str, Any]:
    from synth_pools._errors import SynthPoolsValidationError
    from synth_pools.batch import BatchResult

    result = BatchResult.load(journal)
    for row in result:
        if row.rollout_id == which or str(row.index) == which:
            return result.to_atif(row.index)
    raise SynthPoolsValidationError(
        "ID",
        f"{which!r} is neither a rollout id nor a request index of {str(journal)!r}",
        "see `rollouts collect`",
    )


def trajectory(
    ctx: typer.Context,
    rollout: Annotated[str, typer.Argument(help="Rollout id (or, with --journal, a request index).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the trajectory here (default: stdout).")
    ] = None,
    journal: Annotated[
        Path | None,
        typer.Option("--journal", help="Read from a batch journal with kept events (no network)."),
    ] = None,
) -> None:
    """A rollout as an ATIF v1.8 trajectory.

    ATIF is Harbor's Agent Trajectory Interchange Format."""
    if journal is not None:
        document = _trajectory_from_journal(journal, rollout)
    else:
        document = ctx.obj.client.rollouts.export_trajectory(rollout)
    if output is None:
        emit_json(document)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    err_console.print(f"wrote {len(document['steps'])} steps to {output}")
