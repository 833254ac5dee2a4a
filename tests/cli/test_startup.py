"""What a one-shot `synth-pools` process does before and after its command (benchmarks P5 times it).

Each check runs a fresh interpreter, so what is imported and what the garbage collector does are
those of a real run.
"""

from __future__ import annotations

from tests.support.interpreter import fresh_python as _python


def test_the_script_collects_garbage_while_its_command_runs_and_exits_with_its_code() -> None:
    # the command tree loads with the collector paused and is then frozen; the command itself
    # must run with the collector on (`serve` and a long `launch` make cycles for hours)
    code = (
        "import gc, sys; import synth_pools.cli.app as app; "
        "app.run = lambda argv: print(gc.isenabled(), gc.get_freeze_count() > 0, argv) or 3; "
        "sys.argv = ['synth-pools', 'pools', 'list']; "
        "from synth_pools.cli import console_main; console_main()"
    )
    done = _python(code)
    assert done.returncode == 3, done.stderr
    assert done.stdout.split() == ["True", "True", "None"]


def test_the_script_says_in_one_line_that_the_cli_extra_is_missing() -> None:
    code = "import sys; sys.modules['typer'] = None; from synth_pools.cli import console_main; console_main()"
    done = _python(code)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "pip install 'synth-pools[cli]'" in done.stderr
