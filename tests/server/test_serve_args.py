"""`serve`'s arguments for keys, sandbox and limits: keys out of argv, a dev key kept in the data
dir, defaults shown in --help, bad limits refused naming the limit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.backend import REPO


def _start(data: Path, args: list[str], env_keys: str = "") -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "SYNTH_POOLS_API_KEYS"}
    if env_keys:
        env["SYNTH_POOLS_API_KEYS"] = env_keys
    return subprocess.Popen(
        [sys.executable, "-m", "synth_pools_server", "--port", "0", "--data-dir", str(data), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def _ready(proc: subprocess.Popen[str]) -> tuple[str, list[str]]:
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line)
        m = re.search(r"listening on (http://\S+)", line)
        if m:
            return m.group(1), lines
    raise AssertionError("".join(lines))


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(30)


def _me(url: str, key: str) -> httpx.Response:
    return httpx.get(f"{url}/api/v1/me", headers={"Authorization": f"Bearer {key}"})


def test_keys_from_a_file_and_the_environment_not_argv(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("# org a\nsk_file_key:pro:org_a\n\n")
    proc = _start(tmp_path / "data", ["--api-keys-file", str(keys)], env_keys="sk_env_key:team:org_b")
    try:
        url, _ = _ready(proc)
        assert _me(url, "sk_file_key").json()["org_id"] == "org_a"
        assert _me(url, "sk_env_key").json()["org_id"] == "org_b"
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode()
        assert "sk_file_key" not in cmdline and "sk_env_key" not in cmdline
    finally:
        _stop(proc)


def test_dev_key_is_kept_in_the_data_dir_and_printed_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc = _start(data, [])
    try:
        url, lines = _ready(proc)
    finally:
        _stop(proc)
    first = re.search(r"dev API key \(plan pro\): (\S+) \(kept in (\S+)\)", "".join(lines))
    assert first, lines
    key, where = first.group(1), Path(first.group(2))
    assert where.read_text().strip() == key and (where.stat().st_mode & 0o777) == 0o600
    proc = _start(data, [])
    try:
        url, lines = _ready(proc)
        assert _me(url, key).status_code == 200  # the same key works again
    finally:
        _stop(proc)
    assert key not in "".join(lines) and str(where) in "".join(lines)


def test_help_shows_defaults_and_limits() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "synth_pools_server", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "(default: auto)" in out and "--api-keys-file" in out
    assert re.search(r"events_per_sec=5000", out) and "memory_bytes=8g" in out


def test_a_bad_limit_is_refused_naming_it(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "synth_pools_server", "--data-dir", str(tmp_path), "--limit", "memroy=1g"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0 and "memroy" in r.stderr and "memory_bytes" in r.stderr
