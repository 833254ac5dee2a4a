"""P4: downloading a big artifact and the zip of all artifacts: throughput, and peak RSS growth.

Every download runs in a fresh child process (this file with ``child`` arguments), so peak RSS
belongs to that one download: the child warms its client with one small request, resets the
kernel's peak-RSS mark (``/proc/self/clear_refs``), downloads, and reports ``VmHWM`` minus the
RSS before. Variants: the SDK streaming to a file (sync ``download(path, dest)`` /
``download_zip(dest)``, async ``download``), a raw httpx stream to a file (sync; async on the
httpx-aiohttp transport), and a raw httpx GET that reads the body into memory.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

from _fixtures import Bench
from _table import Row

__all__ = ["run"]

MIB = 1024 * 1024
CHUNK = 256 * 1024


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _child(
    mode: str, base_url: str, api_key: str, rollout_id: str, artifact: str, dest: str
) -> dict[str, Any]:
    import httpx

    from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

    headers = {"Authorization": f"Bearer {api_key}"}
    url = f"{base_url}/v1/rollouts/{rollout_id}/" + (
        "artifacts.zip" if "zip" in mode else f"artifacts/{artifact}"
    )

    def measure_sync(download: Any, warm: Any) -> dict[str, Any]:
        warm()
        before = _status_kib("VmRSS")
        reset = _reset_peak()
        start = time.perf_counter()
        size = download()
        seconds = time.perf_counter() - start
        peak = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"bytes": size, "seconds": seconds, "rss_growth_mib": max(0, peak - before) / 1024}

    if mode.startswith("sdk_"):
        with EnvironmentPoolsClient(api_key=api_key, backend_base=base_url) as client:
            handle = client.rollouts.handle(rollout_id)
            if mode == "sdk_zip":
                return measure_sync(lambda: handle.download_zip(dest), handle.get)
            return measure_sync(lambda: handle.download(artifact, dest), handle.get)
    if mode.startswith(("raw_", "mem_")):
        with httpx.Client(headers=headers, timeout=300.0) as client:

            def stream() -> int:
                size = 0
                with client.stream("GET", url) as response, open(dest, "wb") as fh:
                    response.raise_for_status()
                    for chunk in response.iter_bytes(CHUNK):
                        fh.write(chunk)
                        size += len(chunk)
                return size

            def into_memory() -> int:
                body = client.get(url).raise_for_status().content
                Path(dest).write_bytes(body)
                return len(body)

            warm = lambda: client.get(f"{base_url}/v1/rollouts/{rollout_id}").raise_for_status()  # noqa: E731
            return measure_sync(stream if mode.startswith("raw_") else into_memory, warm)

    async def run_async(fh: IO[bytes]) -> dict[str, Any]:
        from httpx_aiohttp import AiohttpTransport

        if mode == "asdk_artifact":
            async with AsyncEnvironmentPoolsClient(api_key=api_key, backend_base=base_url) as client:
                handle = client.rollouts.handle(rollout_id)
                await handle.get()
                before = _status_kib("VmRSS")
                reset = _reset_peak()
                start = time.perf_counter()
                size = await handle.download(artifact, dest)
        else:  # araw_artifact
            async with httpx.AsyncClient(
                headers=headers, timeout=300.0, transport=AiohttpTransport()
            ) as client:
                (await client.get(f"{base_url}/v1/rollouts/{rollout_id}")).raise_for_status()
                before = _status_kib("VmRSS")
                reset = _reset_peak()
                start = time.perf_counter()
                size = 0
                async with client.stream("GET", url) as response:
                    response.raise_for_status()
                    async for chunk in response.aiter_bytes(CHUNK):
                        fh.write(chunk)
                        size += len(chunk)
        seconds = time.perf_counter() - start
        peak = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"bytes": size, "seconds": seconds, "rss_growth_mib": max(0, peak - before) / 1024}

    with open(dest if mode == "araw_artifact" else os.devnull, "wb") as fh:
        return asyncio.run(run_async(fh))


VARIANTS = (
    "sdk_artifact",
    "raw_artifact",
    "mem_artifact",
    "sdk_zip",
    "raw_zip",
    "mem_zip",
    "asdk_artifact",
    "araw_artifact",
)


def _spawn(mode: str, bench: Bench, rollout_id: str, artifact: str, dest: Path) -> dict[str, Any]:
    argv = [
        sys.executable,
        __file__,
        "child",
        mode,
        bench.base_url,
        bench.api_key,
        rollout_id,
        artifact,
        str(dest),
    ]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    dest.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} download failed: {done.stderr.strip()[-600:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(bench: Bench, quick: bool, rounds: int, scratch: Path) -> list[Row]:
    size_mib = 16 if quick else 1024
    rollout_id = bench.finished_rollout(f"head -c {size_mib * MIB} /dev/zero > big.bin")
    dest = scratch / "download.bin"
    mibps: dict[str, list[float]] = {k: [] for k in VARIANTS}
    rss: dict[str, list[float]] = {k: [] for k in VARIANTS}
    for r in range(rounds):
        for mode in VARIANTS[r % len(VARIANTS) :] + VARIANTS[: r % len(VARIANTS)]:
            result = _spawn(mode, bench, rollout_id, "big.bin", dest)
            if result["bytes"] < size_mib * MIB:
                raise RuntimeError(f"{mode} wrote {result['bytes']} bytes, expected {size_mib * MIB}")
            mibps[mode].append(result["bytes"] / MIB / result["seconds"])
            rss[mode].append(result["rss_growth_mib"])
    art, zp = f"{size_mib} MiB artifact", f"{size_mib} MiB zip"
    note = "each download in a fresh process; RSS growth = peak RSS during the download minus RSS before it"
    return [
        Row(
            "P4",
            f"{art}, download(dest)",
            "MiB/s",
            mibps["sdk_artifact"],
            "raw httpx stream to file",
            mibps["raw_artifact"],
            "",
            note,
        ),
        Row(
            "P4",
            f"{art}, download(dest) RSS growth",
            "MiB",
            rss["sdk_artifact"],
            "read into memory",
            rss["mem_artifact"],
            "value<= 32",
        ),
        Row(
            "P4",
            f"{zp}, download_zip(dest)",
            "MiB/s",
            mibps["sdk_zip"],
            "raw httpx stream to file",
            mibps["raw_zip"],
        ),
        Row(
            "P4",
            f"{zp}, download_zip(dest) RSS growth",
            "MiB",
            rss["sdk_zip"],
            "read into memory",
            rss["mem_zip"],
            "value<= 32",
        ),
        Row(
            "P4",
            f"{art}, async download(dest)",
            "MiB/s",
            mibps["asdk_artifact"],
            "raw async stream, aiohttp transport",
            mibps["araw_artifact"],
        ),
        Row(
            "P4",
            f"{art}, async download(dest) RSS growth",
            "MiB",
            rss["asdk_artifact"],
            "raw async stream, aiohttp transport",
            rss["araw_artifact"],
            "value<= 32",
        ),
    ]


if __name__ == "__main__" and len(sys.argv) == 8 and sys.argv[1] == "child":
    print(json.dumps(_child(*sys.argv[2:8])))
