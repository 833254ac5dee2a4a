"""`synth-pools credentials ...`, `capabilities`, `me` and `schema`."""

import json
from pathlib import Path
from typing import Annotated

import typer

from synth_pools.cli.inputs import read_secret
from synth_pools.cli.one_call import deleting
from synth_pools.cli.output import console, emit_json, show
from synth_pools.cli.state import CliState

# the real service's CredentialResponse fields (the SDK fills credential_id from its id)
CREDENTIAL_COLUMNS = ["credential_id", "credential_name", "credential_type", "is_active", "created_at"]

credentials = typer.Typer(
    help="Store and rotate secrets for tasks (values never shown).", no_args_is_help=True
)

ValueFile = Annotated[
    Path | None, typer.Option("--value-file", exists=True, dir_okay=False, help="Read the value from a file.")
]
FromStdin = Annotated[bool, typer.Option("--stdin", help="Read the value from standard input.")]


def register(app: typer.Typer) -> None:
    app.add_typer(credentials, name="credentials")
    app.command("capabilities")(capabilities)
    app.command("me")(me)
    app.command("schema")(schema)


@credentials.command("store")
def store(
    ctx: typer.Context,
    name: str,
    credential_type: Annotated[
        str,
        typer.Option(
            "--type", help="API_KEY, GITHUB_PAT, DOCKER_REGISTRY, OPENAI_API_KEY, OTHER... (any case)."
        ),
    ] = "API_KEY",
    value_file: ValueFile = None,
    from_stdin: FromStdin = False,
) -> None:
    """Store a secret (from a prompt, a file or stdin; never a flag)."""
    state: CliState = ctx.obj
    secret = read_secret(value_file=value_file, from_stdin=from_stdin, prompt=f"Value for {name}")
    stored = state.client.credentials.store(
        credential_name=name, credential_type=credential_type, credential_value=secret
    )
    show(stored, as_json=state.json_output, title=f"stored {name}")


@credentials.command("list")
def list_credentials(ctx: typer.Context) -> None:
    """List stored credentials (names and ids, never values)."""
    state: CliState = ctx.obj
    show(
        state.client.credentials.list(),
        as_json=state.json_output,
        columns=CREDENTIAL_COLUMNS,
        title="credentials",
    )


@credentials.command("rotate")
def rotate(
    ctx: typer.Context, credential_id: str, value_file: ValueFile = None, from_stdin: FromStdin = False
) -> None:
    """Replace a credential's value, keeping its id."""
    state: CliState = ctx.obj
    secret = read_secret(
        value_file=value_file, from_stdin=from_stdin, prompt=f"New value for {credential_id}"
    )
    show(
        state.client.credentials.rotate(credential_id, new_value=secret),
        as_json=state.json_output,
        title="rotated",
    )


deleting(credentials, "delete", "credential_id", "Delete a credential (asks first; --yes in scripts).",
         "Delete credential {}?", lambda c, i: c.credentials.delete(i))  # fmt: skip


def capabilities(ctx: typer.Context) -> None:
    """Pool types, agents, models and backends on offer."""
    state: CliState = ctx.obj
    caps = state.client.capabilities.get()
    if state.json_output:
        emit_json(caps)
        return
    show(
        caps.get("agents", []),
        as_json=False,
        columns=["harness", "models", "default_model", "simulated"],
        title="agents",
    )
    show(caps.get("backends", []), as_json=False, columns=["name", "available", "reason"], title="backends")
    console.print(f"pool types: {', '.join(caps.get('pool_types', []))}")


def me(ctx: typer.Context) -> None:
    """Your organisation, plan and feature flags."""
    state: CliState = ctx.obj
    show(state.client.account.me(), as_json=state.json_output, title="account")


def schema(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the OpenAPI document here.")
    ] = None,
) -> None:
    """Fetch the service's OpenAPI document."""
    state: CliState = ctx.obj
    document = state.client.capabilities.openapi_schema()
    if output is None:
        emit_json(document)
        return
    output.write_text(json.dumps(document, indent=2, sort_keys=True), encoding="utf-8")
    console.print(f"wrote {len(document.get('paths', {}))} paths to {output}")
