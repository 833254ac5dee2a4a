"""`make demo` on a fresh checkout: the whole end-to-end job, as a test of its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "backend stopped" in result.stdout
    zips = sorted((tmp_path / ".demo-output").glob("*.zip"))
    assert len(zips) == 9
    assert "succeeded" in result.stdout and "reward" in result.stdout
    assert "quick start" in result.stdout and "llm_input_tokens" in result.stdout.split("quick start")[-1]
