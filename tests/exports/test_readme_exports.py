"""README's "Look at the results" commands run as written (in a scratch directory): the demo batch
script, then every `synth-pools` line that neither blocks (`view` without `--bundle` serves until
Ctrl-C) nor names a rollout of another run."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log

from synth_pools.cli import main as cli
from tests.support.backend import REPO

from .conftest import harbor_trajectory_model

README = REPO / "README.md"


def _section_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Look at the results", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block is not None, "README lost its 'Look at the results' commands"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_look_at_the_results_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _section_commands()
    assert commands[0] == "python examples/demo_batch.py"
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "demo_batch.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ran = 0
    monkeypatch.chdir(tmp_path)
    for command in commands[1:]:
        argv = shlex.split(command)
        assert argv[0] == "synth-pools"
        if (argv[1] == "view" and "--bundle" not in argv) or any(a.startswith("ro_") for a in argv):
            continue
        assert cli(argv[1:]) == 0, command
        ran += 1
    assert ran == 3
    log = read_eval_log(str(tmp_path / "run.eval"))
    assert log.status == "success" and log.samples is not None and len(log.samples) == 9
    assert (tmp_path / "site" / "index.html").is_file()
    harbor_trajectory_model().model_validate_json((tmp_path / "trajectory.json").read_text())
