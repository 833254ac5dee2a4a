"""Reading what the user typed: KEY=VALUE pairs, JSON/YAML request files, secrets from a prompt."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer


def parse_pairs(pairs: list[str] | None, *, option: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"expected KEY=VALUE, got {pair!r}", param_hint=option)
        found[key] = value
    return found


def load_document(path: Path) -> Any:
    """A JSON or YAML file (YAML by extension), as the API's request body."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        return yaml.safe_load(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise typer.BadParameter(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}", param_hint="--file"
        ) from exc


def read_secret(*, value_file: Path | None, from_stdin: bool, prompt: str) -> str:
    """Never from a flag: a flag would land in shell history and `ps` output."""
    if value_file is not None:
        secret = value_file.read_text(encoding="utf-8").rstrip("\n")
    elif from_stdin:
        secret = sys.stdin.read().rstrip("\n")
    else:
        secret = typer.prompt(prompt, hide_input=True, confirmation_prompt=False)
    if not secret:
        raise typer.BadParameter("the credential value is empty", param_hint="value")
    return secret


def confirm(question: str, *, yes: bool) -> None:
    """Destructive commands: ask at a terminal; elsewhere (a script, CI) only --yes goes ahead."""
    if yes:
        return
    if not sys.stdin.isatty():
        typer.echo(f"{question} Not asked (stdin is not a terminal): pass --yes to confirm.", err=True)
        raise typer.Exit(2)
    if not typer.confirm(question, default=False, err=True):
        typer.echo("nothing done", err=True)
        raise typer.Exit(1)
