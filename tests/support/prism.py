"""Prism (``@stoplight/prism-cli``) for contract tests: installed on demand, started and stopped by PID.

    with PrismProxy(spec_path, upstream_url) as prism:
        client = SomeClient(backend_base=prism.url)

Install: ``npm install @stoplight/prism-cli@5`` into ``.cache/prism`` (about 15 s, once; a
``node_modules`` checkout-wide install is used if it already has Prism). The binary is started
directly (``node_modules/.bin/prism``), never through ``npx``, so the PID we hold is the server's
and stopping it leaves nothing behind. Only JSON routes belong behind Prism: it buffers SSE and
corrupts binary bodies (design/toolchain.md).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "prism"
PACKAGE = "@stoplight/prism-cli@5"


def prism_binary() -> Path | None:
    for root in (CACHE, REPO):
        candidate = root / "node_modules" / ".bin" / "prism"
        if candidate.exists():
            return candidate
    return None


def ensure_prism(timeout: float = 300.0) -> Path:
    """Path of the prism binary, installing it into ``.cache/prism`` with npm when missing."""
    found = prism_binary()
    if found is not None:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not installed: install Node.js (>=18) to run the Prism contract tests")
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    if not (CACHE / "package.json").exists():
        (CACHE / "package.json").write_text('{"private": true}\n')
    proc = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", PACKAGE],
        cwd=CACHE,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    found = prism_binary()
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"npm install {PACKAGE} failed:\n{proc.stdout}\n{proc.stderr}")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class PrismProxy:
    """``prism proxy SPEC UPSTREAM --errors`` on a free loopback port."""

    def __init__(self, spec: Path, upstream: str, *, startup_timeout: float = 90.0) -> None:
        self.spec = Path(spec)
        self.upstream = upstream
        self.startup_timeout = startup_timeout
        self.port = 0
        self.proc: subprocess.Popen[str] | None = None
        self.output: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> PrismProxy:
        binary = ensure_prism()
        self.port = _free_port()
        argv = [
            str(binary),
            "proxy",
            str(self.spec),
            self.upstream,
            "--errors",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
        ]
        env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        assert self.proc.stdout is not None
        stdout = self.proc.stdout

        def pump() -> None:
            for line in stdout:
                self.output.append(line)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"prism exited early:\n{''.join(self.output)}")
            if any("Prism is listening" in line for line in self.output):
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"prism did not start in {self.startup_timeout}s:\n{''.join(self.output)}")

    def stop(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> PrismProxy:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
