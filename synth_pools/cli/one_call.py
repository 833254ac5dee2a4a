"""Commands that are one SDK call on one id: print what it answers, or delete after asking.

Much of `pools`, `rollouts` and `credentials` has this shape; declared here once, each such
command is one line of its group's module (its name, help and SDK call).
"""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from synth_pools.cli.inputs import confirm
from synth_pools.cli.output import show
from synth_pools.cli.state import CliState

# (the SDK client, the id typed) -> what the service answered
Call = Callable[[Any, str], Any]


def showing(group: typer.Typer, name: str, id_name: str, summary: str, call: Call, title: str = "{}") -> None:
    """``group name ID``: ``call``'s answer as key/value rows (JSON with --json), under ``title``."""

    def command(ctx: typer.Context, ident: Annotated[str, typer.Argument(metavar=id_name)]) -> None:
        state: CliState = ctx.obj
        show(call(state.client, ident), as_json=state.json_output, title=title.format(ident))

    group.command(name, help=summary)(command)


def deleting(group: typer.Typer, name: str, id_name: str, summary: str, question: str, call: Call) -> None:
    """``group name ID [--yes]``: ask (a terminal only; elsewhere --yes), delete, print what went."""

    def command(
        ctx: typer.Context,
        ident: Annotated[str, typer.Argument(metavar=id_name)],
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
    ) -> None:
        state: CliState = ctx.obj
        confirm(question.format(ident), yes=yes)
        call(state.client, ident)
        show({id_name: ident, "deleted": True}, as_json=state.json_output)

    group.command(name, help=summary)(command)
