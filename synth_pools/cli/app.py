"""Command tree of `synth-pools`. Each command is a few lines over the SDK; errors become exit codes.

Exit codes: 0 success, 1 the API refused or a rollout failed, 2 bad input, 130 interrupted.
"""

from __future__ import annotations

import copy
import sys
from typing import Annotated

import typer

from synth_pools.cli import commands_exports, commands_pools, commands_rollouts, commands_service
from synth_pools.cli.output import err_console
from synth_pools.cli.state import CliState

app = typer.Typer(
    name="synth-pools",
    help="Launch, watch and collect agent rollouts on Synth pools, or on the embedded local backend.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@app.callback()
def _global_options(
    ctx: typer.Context,
    backend_base: Annotated[
        str | None,
        typer.Option(
            envvar="SYNTH_BACKEND_URL", help="API base URL, e.g. http://127.0.0.1:8787 for `serve`."
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            envvar="SYNTH_API_KEY", help="API key (prefer the environment variable).", show_default=False
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
) -> None:
    ctx.obj = CliState(backend_base=backend_base, api_key=api_key, json_output=json_output)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
def serve(ctx: typer.Context) -> None:
    """Run the embedded local backend (flags: --host --port --data-dir --api-key KEY[:PLAN] ...; try `serve --help`)."""
    try:
        from synth_pools_server import main as serve_main
    except ImportError as exc:
        err_console.print(
            f"[red]The local backend needs the server extra ({exc.name} is missing):[/red] pip install 'synth-pools[server]'"
        )
        raise typer.Exit(2) from exc
    raise typer.Exit(serve_main(list(ctx.args)))


commands_pools.register(app)
commands_rollouts.register(app)
commands_service.register(app)
commands_exports.register(app)


# Global options that take a value (the first other word names the command group).
_VALUE_OPTIONS = frozenset({"--backend-base", "--api-key"})


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command group ``args`` names, when it names one.

    Typer inspects every command's signature to build the command tree on each run (about a
    third of a one-shot command's own time); a run of ``rollouts get`` needs only ``rollouts``.
    Anything else (``--help``, a top-level command, a typo) gets the whole tree, so help and
    "no such command" read as before.
    """
    skip_value = False
    for arg in args:
        if skip_value:
            skip_value = False
        elif arg in _VALUE_OPTIONS:
            skip_value = True
        elif not arg.startswith("-"):
            groups = [group for group in app.registered_groups if group.name == arg]
            if not groups:
                return app
            slim = copy.copy(app)
            slim.registered_groups = groups
            slim.registered_commands = []
            return slim
    return app


def run(argv: list[str] | None = None) -> int:
    """Entry point: usage errors exit 2 (Typer's own handling); SDK errors become a message and a code."""
    from synth_pools.cli.errors import describe, exit_code_for

    args = argv if argv is not None else sys.argv[1:]
    try:
        _app_for(args)(args=args, prog_name="synth-pools", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception as exc:
        code = exit_code_for(exc)
        if code is None:
            raise
        err_console.print(describe(exc), highlight=False)
        return code
    return 0
