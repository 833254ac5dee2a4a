"""Global options after the command move to the front; serve's own flags and `--` stay put."""

from __future__ import annotations

from synth_pools.cli.app import COMMAND_MODULES, build_app, hoist_global_options


def test_global_options_after_the_command_move_first() -> None:
    assert hoist_global_options(["pools", "list", "--json"]) == ["--json", "pools", "list"]
    assert hoist_global_options(["rollouts", "get", "r1", "--backend-base", "http://h", "--wide"]) == [
        "--backend-base", "http://h", "--wide", "rollouts", "get", "r1",
    ]  # fmt: skip
    assert hoist_global_options(["--api-key", "k", "me", "--progress-interval=2"]) == [
        "--progress-interval=2", "--api-key", "k", "me",
    ]  # fmt: skip


def test_serve_flags_and_words_after_double_dash_are_not_moved() -> None:
    assert hoist_global_options(["serve", "--api-key", "k:pro"]) == ["serve", "--api-key", "k:pro"]
    args = ["tasks", "add", "p", "t", "--command", "x", "--", "--json"]
    assert hoist_global_options(args) == args


def test_a_command_builds_only_its_module_and_help_builds_all() -> None:
    slim = build_app("rollouts")
    assert {group.name for group in slim.registered_groups} == {"rollouts", "artifacts"}
    whole = build_app(None)
    names = {group.name for group in whole.registered_groups}
    names |= {command.name for command in whole.registered_commands}
    assert set(COMMAND_MODULES) | {"serve"} <= names


def test_a_one_shot_command_builds_that_command_alone() -> None:
    slim = build_app("rollouts", "get")
    [group] = slim.registered_groups
    assert group.typer_instance is not None
    assert [command.name for command in group.typer_instance.registered_commands] == ["get"]
    assert slim.registered_commands == []
    # the module's group keeps every command for the next build
    assert len(build_app("rollouts").registered_groups[0].typer_instance.registered_commands) > 5  # type: ignore[union-attr]
    assert [c.name for c in build_app("me").registered_commands] == ["me"]
