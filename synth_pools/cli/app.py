"""Command tree of `synth-pools`. Each command is a few lines over the SDK; errors become exit codes.

Exit codes: 0 success, 1 the API refused, a rollout failed or an extra is missing, 2 bad input,
130 interrupted.

The modules that define commands do not use ``from __future__ import annotations``: Typer reads
each command's annotations on every run, and string annotations cost an ``eval`` each (P5).
"""

import copy
import importlib
import sys
from typing import Annotated, Any

import typer

from synth_pools.cli.output import err_console, set_wide
from synth_pools.cli.state import DEFAULT_PROGRESS_INTERVAL, CliState

HELP = "Launch, watch and collect agent rollouts on Synth pools, or on the embedded local backend."

# Which modules add each command word (their register(app) adds the group or command). A run
# imports only the modules of the word it names: building every command costs a one-shot
# command about a third of its own time. A new command: a line here and a register() there.
_ROLLOUTS = "synth_pools.cli.commands_rollouts"
_EXPORTS = "synth_pools.cli.commands_exports"  # `view`, and `rollouts trajectory`
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "pools": ("synth_pools.cli.commands_pools",),
    "tasks": ("synth_pools.cli.commands_pools",),
    "rollouts": (_ROLLOUTS, _EXPORTS),
    "artifacts": (_ROLLOUTS,),
    "credentials": ("synth_pools.cli.commands_service",),
    "capabilities": ("synth_pools.cli.commands_service",),
    "me": ("synth_pools.cli.commands_service",),
    "schema": ("synth_pools.cli.commands_service",),
    "view": (_EXPORTS,),
}

# Global options, accepted before or after the command (moved to the front before parsing).
GLOBAL_FLAGS = frozenset({"--json", "--wide"})
GLOBAL_VALUE_OPTIONS = frozenset({"--backend-base", "--api-key", "--progress-interval"})


def _version(value: bool) -> None:
    if value:
        from synth_pools._version import __version__

        typer.echo(f"synth-pools {__version__} (Python {sys.version.split()[0]})")
        raise typer.Exit()


def _from_env(variable: str, metavar: str, help_text: str) -> Any:
    """An option read from ``$variable`` when not given; its help names the variable itself."""
    return typer.Option(
        envvar=variable, metavar=metavar, help=help_text, show_default=False, show_envvar=False
    )


def _global_options(
    ctx: typer.Context,
    backend_base: Annotated[
        str | None,
        _from_env(
            "SYNTH_BACKEND_URL",
            "URL",
            "API base URL [env: SYNTH_BACKEND_URL; default: https://api.usesynth.ai].",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        _from_env("SYNTH_API_KEY", "KEY", "API key (prefer $SYNTH_API_KEY: a flag lands in shell history)."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON on stdout (for scripts).")] = False,
    wide: Annotated[
        bool, typer.Option("--wide", help="Tables as wide as their content, even on a terminal.")
    ] = False,
    progress_interval: Annotated[
        float,
        typer.Option(
            envvar="SYNTH_PROGRESS_INTERVAL",
            metavar="SECONDS",
            min=0.1,
            help="Seconds between progress lines when output is not a terminal.",
        ),
    ] = DEFAULT_PROGRESS_INTERVAL,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            expose_value=False,
            help="Print the version and exit.",
        ),
    ] = None,
) -> None:
    source = ctx.get_parameter_source("backend_base")
    # the options above are CliState's fields, by name (--version ends the run before this)
    state = CliState(**ctx.params, backend_from_flag=source is not None and source.name == "COMMANDLINE")
    set_wide(wide)
    CliState.current = state
    ctx.obj = state


def _serve(ctx: typer.Context) -> None:
    """Run the local backend (see `serve --help`)."""
    from synth_pools.cli.errors import missing_extra

    try:
        from synth_pools_server import main as serve_main

        code = serve_main(list(ctx.args))
    except ImportError as exc:
        missing = missing_extra(exc, "synth-pools serve")
        if missing is None:
            raise
        raise missing from None
    raise typer.Exit(code)


def build_app(command: str | None = None, subcommand: str | None = None) -> typer.Typer:
    """The command tree; with ``command`` (a word of COMMAND_MODULES), only what runs it.

    Typer reads every registered function's signature on each run (evaluating its annotations),
    so a one-shot ``rollouts get`` builds the ``rollouts`` group with ``get`` alone. A word that
    names nothing (``--help``, a typo) gets the whole group or tree, so help and errors read as
    before."""
    app = typer.Typer(
        name="synth-pools",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        # click's plain help: option names never cut, each option's kind (<str>, <int>, <path>) shown
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    app.callback()(_global_options)
    app.command(
        "serve",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []},
        add_help_option=False,
    )(_serve)
    modules = COMMAND_MODULES.get(command or "")
    everything = [name for names in COMMAND_MODULES.values() for name in names]
    for name in dict.fromkeys(modules or everything):
        importlib.import_module(name).register(app)
    if modules:
        _keep_only(app, command or "", subcommand)
    return app


def _keep_only(app: typer.Typer, command: str, subcommand: str | None) -> None:
    """Drop from ``app`` what a run of ``command [subcommand]`` does not use, when both exist."""
    top = [info for info in app.registered_commands if info.name == command]
    if top:
        app.registered_commands = top
        app.registered_groups = []
        return
    for info in app.registered_groups:
        group = info.typer_instance
        if info.name != command or group is None:
            continue
        wanted = [cmd for cmd in group.registered_commands if cmd.name == subcommand]
        if wanted:
            slim = copy.copy(group)  # the module's group stays whole for the next build
            slim.registered_commands = wanted
            slim.registered_groups = []
            app.registered_groups = [copy.copy(info)]
            app.registered_groups[0].typer_instance = slim
            app.registered_commands = []
        return


def subcommand_word(args: list[str], index: int) -> str | None:
    following = args[index + 1] if 0 <= index < len(args) - 1 else None
    return following if following is not None and not following.startswith("-") else None


def command_word(args: list[str]) -> tuple[int, str | None]:
    """Index and text of the first word that is not a global option (or its value)."""
    skip_value = False
    for index, arg in enumerate(args):
        if skip_value:
            skip_value = False
        elif arg in GLOBAL_VALUE_OPTIONS:
            skip_value = True
        elif arg == "--":
            return -1, None
        elif not arg.startswith("-"):
            return index, arg
    return -1, None


def hoist_global_options(args: list[str]) -> list[str]:
    """``pools list --json`` as ``--json pools list``: global options after the command move first.

    Not for ``serve`` (its own flags include --api-key) and not after ``--``."""
    index, word = command_word(args)
    if word is None or word == "serve":
        return args
    front, rest = list(args[: index + 1]), list(args[index + 1 :])
    kept: list[str] = []
    moved: list[str] = []
    position = 0
    while position < len(rest):
        arg = rest[position]
        if arg == "--":
            kept += rest[position:]
            break
        name = arg.split("=", 1)[0]
        if arg in GLOBAL_FLAGS or (name in GLOBAL_VALUE_OPTIONS and "=" in arg):
            moved.append(arg)
        elif arg in GLOBAL_VALUE_OPTIONS and position + 1 < len(rest):
            moved += rest[position : position + 2]
            position += 1
        else:
            kept.append(arg)
        position += 1
    return moved + front + kept


def run(argv: list[str] | None = None) -> int:
    """Entry point: usage errors exit 2 (click's own handling); SDK errors become one line and a code."""
    from synth_pools.cli.errors import describe, exit_code_for, missing_extra

    args = hoist_global_options(list(argv if argv is not None else sys.argv[1:]))
    index, word = command_word(args)
    CliState.current = None
    try:
        build_app(word, subcommand_word(args, index))(
            args=args, prog_name="synth-pools", standalone_mode=True
        )
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except Exception as exc:
        if isinstance(exc, ImportError):
            missing = missing_extra(exc, f"synth-pools {word or ''}".strip())
            if missing is None:
                raise
            exc = missing
        code = exit_code_for(exc)
        if code is None:
            raise
        state = CliState.current
        url = state.backend_url() if state is not None else None
        source = state.backend_source() if state is not None else None
        err_console.print(describe(exc, url=url, url_source=source), highlight=False, soft_wrap=True)
        return code
    finally:
        if CliState.current is not None:
            CliState.current.close()
    return 0
