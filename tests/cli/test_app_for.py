"""A one-shot command builds only the command group it names (cli.app._app_for); the rest keep the whole tree."""

from __future__ import annotations

from synth_pools.cli.app import _app_for, app


def test_a_group_command_builds_only_its_group() -> None:
    slim = _app_for(["--backend-base", "http://127.0.0.1:1", "--json", "rollouts", "get", "r1"])
    assert [group.name for group in slim.registered_groups] == ["rollouts"]
    assert slim.registered_commands == [] and slim.registered_callback is app.registered_callback
    assert len(app.registered_groups) > 1  # the shared app is untouched


def test_help_top_level_commands_and_typos_get_the_whole_tree() -> None:
    for args in (["--help"], [], ["serve", "--port", "0"], ["--json", "capabilities"], ["rollout", "get"]):
        assert _app_for(args) is app, args
    # a value of a global option is not read as the group
    assert _app_for(["--api-key", "pools"]) is app
