"""`synth-pools view`: the static bundle of Inspect's viewer with the batch's log, opened in headless
Chromium (the OS package, started here) from a server on 127.0.0.1; and the message when
inspect-ai is missing."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from synth_pools.cli import commands_exports
from synth_pools.cli import main as cli
from tests.support.chromium import open_page

from .conftest import DemoBatch


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve_dir() -> Iterator[functools.partial[str]]:
    """Serve a directory on 127.0.0.1 (a free port) for the test's duration."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(directory: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield functools.partial(serve)
    for server in servers:
        server.shutdown()
        server.server_close()


def test_bundle_holds_the_viewer_and_the_batch_log(demo_batch: DemoBatch, tmp_path: Path) -> None:
    bundle = tmp_path / "site"
    assert cli(["view", str(demo_batch.journal), "--bundle", str(bundle)]) == 0
    assert (bundle / "index.html").is_file()
    assert (bundle / "logs" / "demo.eval").is_file()
    # an exported log bundles as it is
    log = demo_batch.result.to_inspect_log(tmp_path / "given.eval")
    assert cli(["view", str(log), "--bundle", str(tmp_path / "site2")]) == 0
    assert (tmp_path / "site2" / "logs" / "given.eval").read_bytes() == log.read_bytes()


def test_view_refuses_what_is_not_a_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert cli(["view", str(text), "--bundle", str(tmp_path / "site")]) == 2
    assert "neither a batch journal nor an Inspect log" in capsys.readouterr().err
    assert cli(["view", str(tmp_path / "missing.db")]) == 2


def test_view_without_inspect_says_how_to_install_it(
    demo_batch: DemoBatch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(commands_exports.importlib.util, "find_spec", lambda name: None)
    # a missing extra is no usage error: 1, as for `serve` without uvicorn (README's exit codes)
    assert cli(["view", str(demo_batch.journal)]) == 1
    err = capsys.readouterr().err
    assert "synth-pools view needs the inspect extra" in err and "pip install 'synth-pools[inspect]'" in err


async def test_browser_shows_the_samples_and_a_score(
    demo_batch: DemoBatch, tmp_path: Path, serve_dir: functools.partial[str]
) -> None:
    bundle = tmp_path / "site"
    assert cli(["view", str(demo_batch.journal), "--bundle", str(bundle)]) == 0
    base = serve_dir(bundle)
    primes = "task primes (dataset demo), agent codex / gpt-5.2-codex"
    async with open_page(f"{base}/#/logs/demo.eval") as page:
        # the sample list: every request's input, the mean reward as the log's score
        text = await page.wait_for_text([primes, "MEAN", "reward", "10 Samples"])
        inputs = [f"task {t} (dataset demo)" for t in ("word-count", "primes", "checksum", "broken")]
        assert all(i in text for i in inputs)
        rewards = [r.reward for r in demo_batch.result if r.reward is not None]
        assert f"{sum(rewards) / len(rewards):.2f}".rstrip("0") in text
        # one sample's transcript: the tool call the agent made and what it printed, and its score
        await page.click_text(primes)
        transcript = await page.wait_for_text(["TOOL: BASH", "primes.txt", "INFO: LIFECYCLE", "SCORE"])
        assert "25" in transcript.split("TOOL: BASH", 1)[1]  # the command's output: 25 primes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_view_serves_the_batch_in_inspects_viewer(demo_batch: DemoBatch) -> None:
    """`synth-pools view JOURNAL` runs Inspect's viewer on the exported log until stopped."""
    port = _free_port()
    command = [sys.executable, "-c", "import sys; from synth_pools.cli import main; sys.exit(main())"]
    proc = subprocess.Popen(
        [*command, "view", str(demo_batch.journal), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the viewer is our child's child: stop the whole group we started
    )
    try:
        deadline = time.monotonic() + 60
        listing = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                listing = httpx.get(f"http://127.0.0.1:{port}/api/log-files", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert listing is not None, f"the viewer never answered (exit {proc.poll()})"
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert listing.status_code == 200 and "demo.eval" in listing.text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
