"""A rollout that ends ``timed_out`` fails the command (exit 1) on every path that follows rollouts:
``launch``, ``wait``, ``launch --journal`` and ``collect``. Until the CLI read the SDK's one set
of failure statuses, its own sets lacked ``timed_out``, and a timed-out run exited 0 (later 3).

The local backend never answers ``timed_out``: an agent or verifier over its ``timeouts`` (or the
wall limit) ends ``failed``, reason "agent timed out after Ns" (synth_pools_server/runners.py).
So a small service on 127.0.0.1 answers here what a service that does say ``timed_out`` would,
in the local backend's shapes, and the console script runs against it as a user's shell runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

EXE = Path(sys.executable).with_name("synth-pools")
REASON = "the rollout's wall limit (1s) was reached"


class _TimingOut(BaseHTTPRequestHandler):
    """Every rollout it creates has timed out by the time anyone asks."""

    protocol_version = "HTTP/1.1"
    created: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value).encode())

    def do_POST(self) -> None:
        request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if self.path.split("?")[0] != "/v1/rollouts":
            self._json(404, {"detail": "Not Found"})
            return
        rollout_id = f"ro_{len(self.created):020x}"
        self.created.append(rollout_id)
        metadata = request.get("metadata") or {}
        self._json(201, {"rollout_id": rollout_id, "status": "queued", "metadata": metadata})

    def do_GET(self) -> None:
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[:2] != ["v1", "rollouts"] or len(parts) < 3 or parts[2] not in self.created:
            self._json(404, {"detail": "Not Found"})
            return
        rollout_id, tail = parts[2], parts[3:]
        ended = {"rollout_id": rollout_id, "status": "timed_out", "reward": None, "status_reason": REASON}
        if tail == []:
            self._json(200, {**ended, "error": REASON})
        elif tail == ["summary"]:
            self._json(200, {**ended, "event_count": 2, "usage": {"cost_usd": 0.0, "wall_time_sec": 1.0}})
        elif tail == ["usage"]:
            self._json(200, {"rollout_id": rollout_id, "cost_usd": 0.0, "wall_time_sec": 1.0})
        elif tail == ["events"]:
            frames = "".join(
                f"id: {seq}\nevent: lifecycle\ndata: {json.dumps({'seq': seq, 'event': 'lifecycle', 'data': data})}\n\n"
                for seq, data in ((1, {"status": "running"}), (2, {"status": "timed_out", "reason": REASON}))
            )
            self._send(200, frames.encode(), "text/event-stream")
        else:
            self._json(404, {"detail": "Not Found"})


@pytest.fixture
def service() -> Iterator[str]:
    handler = type("Handler", (_TimingOut,), {"created": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(service: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_")}
    env.update(SYNTH_BACKEND_URL=service, SYNTH_API_KEY="sk_timing_out", COLUMNS="200")
    return subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=120)


LAUNCH = ("rollouts", "launch", "--pool", "evals", "--task", "count")


def test_a_timed_out_rollout_fails_launch_and_wait(service: str) -> None:
    launched = run(service, *LAUNCH)
    assert launched.returncode == 1, (launched.stdout, launched.stderr)
    assert "timed_out" in launched.stdout and "summary: 1 rollouts (timed_out 1)" in launched.stdout
    waited = run(service, "--json", "rollouts", "wait", "ro_" + "0" * 20)
    assert waited.returncode == 1, waited.stderr
    [row] = json.loads(waited.stdout)
    assert (row["status"], row["reason"]) == ("timed_out", REASON)


def test_a_timed_out_rollout_fails_a_journaled_launch_and_collect(service: str, tmp_path: Path) -> None:
    journal = tmp_path / "run.db"
    launched = run(service, *LAUNCH, "-n", "2", "--journal", str(journal))
    assert launched.returncode == 1, (launched.stdout, launched.stderr)
    assert "summary: 2 rollouts (timed_out 2)" in launched.stdout
    collected = run(service, "rollouts", "collect", str(journal))  # offline: the journal only
    assert collected.returncode == 1, collected.stderr
    assert "timed_out" in collected.stdout and "success rate 0.0% (0/2)" in collected.stdout
