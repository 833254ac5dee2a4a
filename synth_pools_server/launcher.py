"""Run the local backend as a child process: `with start_backend(data_dir) as backend: backend.base_url`.

Used by `make demo`, the benchmarks and the tests. The server runs as
`sys.executable -m synth_pools_server --port 0`, its API keys in $SYNTH_POOLS_API_KEYS (not argv);
its one ready line gives the URL. Only the process
started here is ever signalled, by PID.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType

DEFAULT_KEYS = {
    "sk_test_pro": "pro",
    "sk_test_free": "free",
    "sk_test_trial": "trial",
    "sk_test_other": "team:org_other",
}
READY = re.compile(r"synth-pools local backend listening on (http://\S+)")


class LocalBackend:
    """One backend process; keys map an API key to `PLAN` or `PLAN:ORG`."""

    def __init__(
        self,
        data_dir: Path,
        keys: dict[str, str],
        extra_args: Sequence[str] = (),
        timeout: float = 20.0,
        log_level: str = "warning",
    ) -> None:
        self.data_dir = Path(data_dir)
        self.keys = dict(keys)
        self.extra_args = list(extra_args)
        self.timeout = timeout
        self.log_level = log_level
        self.api_key = next(
            (k for k, v in self.keys.items() if v.split(":")[0] == "pro"), next(iter(self.keys))
        )
        self.base_url = ""
        self.proc: subprocess.Popen[str] | None = None
        self.output: list[str] = []

    def __repr__(self) -> str:
        return f"LocalBackend({self.base_url or 'stopped'}, data_dir={self.data_dir})"

    @property
    def pid(self) -> int:
        assert self.proc is not None, "backend not started"
        return self.proc.pid

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.api_key}"}

    def start(self) -> LocalBackend:
        argv = [sys.executable, "-m", "synth_pools_server", "--host", "127.0.0.1", "--port", "0"]
        argv += ["--data-dir", str(self.data_dir), "--log-level", self.log_level]
        argv += self.extra_args
        # keys through the environment, never argv: every local user (and, without a sandbox, every
        # rollout) can read a process's command line; its environment only its own user can
        keys = " ".join(f"{key}:{plan}" for key, plan in self.keys.items())
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "SYNTH_POOLS_API_KEYS": keys}
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(stream: Iterator[str]) -> None:
            for line in stream:
                self.output.append(line)
                lines.put(line)
            lines.put(None)

        assert self.proc.stdout is not None
        threading.Thread(target=pump, args=(self.proc.stdout,), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=self.timeout)
            except queue.Empty:
                self.kill()
                raise RuntimeError(
                    f"backend did not become ready in {self.timeout}s:\n{''.join(self.output)}"
                ) from None
            if line is None:
                raise RuntimeError(f"backend exited before it was ready:\n{''.join(self.output)}")
            match = READY.search(line)
            if match:
                self.base_url = match.group(1)
                return self

    def stop(self, timeout: float = 15.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def restart(self) -> LocalBackend:
        self.stop()
        return self.start()

    def __enter__(self) -> LocalBackend:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def start_backend(
    data_dir: Path,
    keys: dict[str, str] | None = None,
    extra_args: Sequence[str] = (),
    log_level: str = "warning",
) -> LocalBackend:
    """A started backend (context manager) on a free loopback port, its state under data_dir."""
    return LocalBackend(Path(data_dir), keys or DEFAULT_KEYS, extra_args, log_level=log_level).start()
