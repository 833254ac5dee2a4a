"""The `python -m synth_pools_server` command line: dev key, ready line, loopback guard, signals."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.backend import REPO


def test_refuses_non_loopback_without_flag(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "synth_pools_server", "--host", "0.0.0.0", "--data-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "--allow-remote" in r.stderr


def test_dev_key_ready_line_and_sigint(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "synth_pools_server", "--port", "0", "--data-dir", str(tmp_path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        key_line = proc.stdout.readline()
        ready = proc.stdout.readline()
        key = re.search(r"dev API key \(plan pro\): (\S+)", key_line)
        url = re.fullmatch(r"synth-pools local backend listening on (http://127\.0\.0\.1:\d+)\n", ready)
        assert key and url, (key_line, ready)
        me = httpx.get(f"{url.group(1)}/api/v1/me", headers={"Authorization": f"Bearer {key.group(1)}"})
        assert me.json()["plan"] == "pro"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
