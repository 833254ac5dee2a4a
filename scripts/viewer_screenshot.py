"""Retake docs/inspect-viewer.png: the demo's batch in Inspect's viewer (the README shows it).

    .venv/bin/python scripts/viewer_screenshot.py

Runs examples/demo_batch.py's batch on a fresh local backend, bundles it with `synth-pools view
--bundle`, serves the bundle on 127.0.0.1 and photographs it with headless Chromium (`make
chromium`), the same way tests/exports/test_view.py looks at it.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from demo_batch import run_demo_batch

from synth_pools import EnvironmentPoolsClient
from synth_pools.cli import main as cli
from synth_pools_server.launcher import start_backend
from tests.support.chromium import open_page

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "inspect-viewer.png"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


async def photograph(url: str, wait_for: str) -> bytes:
    async with open_page(url) as page:
        await page.wait_for_text([wait_for, "MEAN"])
        await asyncio.sleep(1)  # let the table finish laying out
        return await page.screenshot()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="synth-pools-shot-") as tmp:
        work = Path(tmp)
        with (
            start_backend(work / "backend") as backend,
            EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client,
        ):
            run_demo_batch(client, backend.base_url, work / "demo.db")
        if cli(["view", str(work / "demo.db"), "--bundle", str(work / "site")]) != 0:
            return 1
        handler = functools.partial(_Quiet, directory=str(work / "site"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_address[1]}/#/logs/demo.eval"
            png = asyncio.run(photograph(url, "task checksum (dataset demo)"))
        finally:
            server.shutdown()
            server.server_close()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_bytes(png)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(png):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
