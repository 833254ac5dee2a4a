"""The public SDKs side by side: synth-ai 0.9.11 (environment pools) and 0.17.0 (container pools),
and Synth's current client, synth-containers 0.4.6 (``PoolClient.run_many``, async; A1).

``make bench-peers`` installs both releases ``--no-deps`` into one separate virtualenv
(``.venv-peers``: httpx and pydantic, the few packages their pools modules import; each release in
its own ``--target`` directory, since both are the same distribution), then runs
``benchmarks/run.py --peers .venv-peers``. Each release runs in its own interpreter
(``_peer_worker.py``), driven round by round from here, so its figures are paired with the SDK's
and the baselines' in the same rounds and land in the same table. ``make bench`` needs no peer.

synth-containers imports FastAPI and more at package import, so ``make bench-peers`` installs it
*with* its dependencies into its own ``--target`` directory (``synth-containers-0.4.6``), apart
from the synth-ai ones; its worker is ``_containers_worker.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

__all__ = [
    "CONTAINERS",
    "CONTAINERS_LABEL",
    "LABELS",
    "VERSIONS",
    "Peer",
    "PeerFlake",
    "close_peers",
    "start_containers_peer",
    "start_peers",
]

VERSIONS = ("0.9.11", "0.17.0")
LABELS = {
    "0.9.11": "synth-ai 0.9.11 get_rollout()",  # a module function: a new httpx connection per call
    "0.17.0": "synth-ai 0.17.0 client",  # pooled sync client; its async one is to_thread over it
}
CONTAINERS = "0.4.6"
CONTAINERS_LABEL = "synth-containers 0.4.6 run_many"
WORKER = Path(__file__).resolve().parent / "_peer_worker.py"
CONTAINERS_WORKER = Path(__file__).resolve().parent / "_containers_worker.py"
API_KEY = "sk-bench-latency"


class PeerFlake(ConnectionError):
    """A network error inside a peer's round: rerun that round (see _paired)."""


class Peer:
    """One release's worker process, talking to one server; ``close()`` ends that PID only."""

    def __init__(
        self, venv: Path, version: str, base_url: str, *, dist: str = "synth-ai", worker: Path = WORKER
    ) -> None:
        self.version = version
        self.name = f"{dist} {version}"
        python = venv / "bin" / "python"
        target = venv / f"{dist}-{version}"
        if not python.exists() or not target.is_dir():
            raise RuntimeError(f"{target} is missing: run `make bench-peers` to install the peers")
        env = {**os.environ, "PYTHONPATH": str(target), "SYNTH_API_KEY": API_KEY}
        self.proc = subprocess.Popen(
            [str(python), str(worker), "--version", version, "--base-url", base_url, "--api-key", API_KEY],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        ready = self._read()
        if ready.get("ready") != version:
            self.close()
            raise RuntimeError(f"{self.name} worker did not start: {ready}")

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.name} worker exited ({self.proc.poll()})")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def call(self, **command: Any) -> Any:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(command) + "\n")
        self.proc.stdin.flush()
        answer = self._read()
        if "error" in answer:
            if answer.get("transient"):
                raise PeerFlake(f"{self.name}: {answer['error']}")
            raise RuntimeError(f"{self.name}: {answer['error']}")
        return answer["ok"]

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()  # by this worker's PID only
                self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def start_peers(venv: Path, base_url: str) -> dict[str, Peer]:
    peers: dict[str, Peer] = {}
    try:
        for version in VERSIONS:
            peers[version] = Peer(venv, version, base_url)
    except BaseException:
        close_peers(peers)
        raise
    return peers


def start_containers_peer(venv: Path, base_url: str) -> Peer:
    """synth-containers 0.4.6's worker (``_containers_worker.py``), talking to ``base_url``."""
    return Peer(venv, CONTAINERS, base_url, dist="synth-containers", worker=CONTAINERS_WORKER)


def close_peers(peers: dict[str, Peer]) -> None:
    for peer in peers.values():
        peer.close()
