"""Headless Chromium (the OS package, ``make chromium``) driven over the DevTools protocol.

The tests start the browser themselves (a fresh profile, no network besides 127.0.0.1 pages they
serve), open a page, wait until its visible text holds what they expect, and read it (or take a
screenshot). aiohttp's websocket client speaks the protocol; no browser automation library needed.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--window-size=1280,720",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("chromium is not installed: run `make chromium` (apt-get install chromium)")
    return found


class Page:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        await self.ws.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json()
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def text(self) -> str:
        answer = await self.call("Runtime.evaluate", expression="document.body.innerText", returnByValue=True)
        return str(answer.get("result", {}).get("value") or "")

    async def wait_for_text(self, wanted: Iterable[str], within: float = 60.0) -> str:
        """The page's visible text once it holds every string of ``wanted`` (``within`` seconds)."""
        wanted = list(wanted)
        deadline = time.monotonic() + within
        text = ""
        while time.monotonic() < deadline:
            text = await self.text()
            if all(w in text for w in wanted):
                return text
            await asyncio.sleep(0.5)
        missing = [w for w in wanted if w not in text]
        raise AssertionError(f"page never showed {missing}; it shows: {text[:2000]!r}")

    async def click_text(self, text: str) -> None:
        """Click the innermost element whose visible text is ``text``."""
        script = f"""(() => {{
            const all = [...document.querySelectorAll('body *')].filter(e => e.innerText && e.innerText.trim() === {text!r});
            const el = all[all.length - 1]; if (!el) return false; el.click(); return true; }})()"""
        answer = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        assert answer.get("result", {}).get("value") is True, f"no element shows {text!r}"

    async def screenshot(self) -> bytes:
        """The page as PNG bytes."""
        answer = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(answer["data"])


def _start(profile: str) -> tuple[subprocess.Popen[bytes], int]:
    """Chromium on a fresh profile, and the DevTools port it chose (it writes it to the profile)."""
    proc = subprocess.Popen(
        [chromium_path(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port_file = Path(profile) / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while not port_file.is_file() or not port_file.read_text().strip():
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            raise RuntimeError(f"chromium did not start (exit {proc.poll()})")
        time.sleep(0.1)
    return proc, int(port_file.read_text().split()[0])


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.asynccontextmanager
async def open_page(url: str) -> AsyncIterator[Page]:
    """Start headless Chromium with a fresh profile, open ``url``, yield the page; stop it after."""
    with tempfile.TemporaryDirectory(prefix="synth-pools-chromium-") as profile:
        proc, port = await asyncio.to_thread(_start, profile)
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/json/list") as answer:
                    targets = await answer.json()
                target = next(t for t in targets if t.get("type") == "page")
                async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                    page = Page(ws)
                    await page.call("Page.enable")
                    await page.call("Page.navigate", url=url)
                    yield page
        finally:
            await asyncio.to_thread(_stop, proc)
