"""`make demo`, exactly as README gives it: the whole end-to-end job, as a test of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / ".demo-output"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_runs_end_to_end() -> None:
    (OUTPUT / "from-an-earlier-run.zip").parent.mkdir(exist_ok=True)
    (OUTPUT / "from-an-earlier-run.zip").write_bytes(b"old")
    result = subprocess.run(["make", "demo"], cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "backend stopped" in result.stdout
    assert len(list(OUTPUT.glob("*.zip"))) == 9  # one zip per rollout of this run, and only this run's
    assert "sandbox: " in result.stdout and "summary: 9 rollouts" in result.stdout
    assert "next, try" in result.stdout.split("backend stopped")[-1]
    assert "completed" in result.stdout and "reward" in result.stdout
    assert "quick start" in result.stdout and "llm_input_tokens" in result.stdout.split("quick start")[-1]


def test_demo_without_bubblewrap_says_so_and_runs_unsandboxed_on_one_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fresh machine may lack bubblewrap (the backend then refuses commands): the demo chooses
    `--sandbox none` out loud, with one organisation, and the backend it starts accepts that."""
    import runpy

    from synth_pools_server import sandbox
    from synth_pools_server.launcher import start_backend

    monkeypatch.setattr(sandbox, "find_bwrap", lambda: None)
    demo = runpy.run_path(str(ROOT / "examples" / "demo.py"), run_name="demo_under_test")
    options = demo["backend_options"]()
    assert options["extra_args"] == ["--sandbox", "none"] and len(options["keys"]) == 1
    assert "--sandbox none" in capsys.readouterr().out
    with start_backend(tmp_path, **options) as backend:
        assert any("WITHOUT a sandbox" in line for line in backend.output)
