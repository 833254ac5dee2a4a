"""Command line: `python -m synth_pools_server` (and `synth-pools serve`, which delegates here)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import ipaddress
import logging
import secrets
import signal
import socket
import sys
from pathlib import Path

import uvicorn

from .config import KeySpec, Settings

log = logging.getLogger("synth_pools_server")
READY = "synth-pools local backend listening on http://{host}:{port}"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="synth-pools serve", description="Run the embedded local backend.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8787, help="0 picks a free port (the ready line shows it)")
    p.add_argument("--data-dir", type=Path, default=Path(".synth-pools"))
    p.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY[:PLAN[:ORG]]",
        help="repeatable; PLAN defaults to pro (free+environment_pools adds a feature flag)",
    )
    p.add_argument("--heartbeat-sec", type=float, default=10.0)
    p.add_argument("--workers", type=int, default=16, help="global cap on rollouts running at once")
    p.add_argument("--max-body-mb", type=float, default=16.0)
    p.add_argument("--allow-remote", action="store_true", help="allow binding a non-loopback address")
    p.add_argument("--log-level", default="info")
    return p


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def settings_from(argv: list[str] | None) -> tuple[Settings, argparse.Namespace]:
    args = _parser().parse_args(argv)
    try:
        keys = [KeySpec.parse(k) for k in args.api_key]
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
    settings = Settings(
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        keys=keys,
        heartbeat_sec=args.heartbeat_sec,
        workers=max(1, args.workers),
        max_body_bytes=int(args.max_body_mb * 1024 * 1024),
    )
    return settings, args


async def _serve(settings: Settings, log_level: str) -> None:
    from .app import build_app

    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio enables TCP_NODELAY only on sockets that say they are TCP,
    # and without it every keep-alive response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((settings.host, settings.port))
    port = sock.getsockname()[1]
    host = f"[{settings.host}]" if family == socket.AF_INET6 else settings.host
    settings.base_url = f"http://{host}:{port}"
    config = uvicorn.Config(
        build_app(settings),
        log_level=log_level,
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=3,
        limit_concurrency=None,
        backlog=2048,
    )
    server = uvicorn.Server(config)
    # SIGUSR1 logs every asyncio task's stack: the way to see what a stuck rollout waits on.
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, _dump_tasks)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started and not task.done():  # noqa: ASYNC110 - uvicorn exposes only a flag
        await asyncio.sleep(0.02)
    if server.started:
        print(READY.format(host=host, port=port), flush=True)
    await task


def _dump_tasks() -> None:
    out = io.StringIO()
    for task in asyncio.all_tasks():
        task.print_stack(file=out)
    log.warning("asyncio tasks:\n%s", out.getvalue())


def main(argv: list[str] | None = None) -> int:
    settings, args = settings_from(argv)
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not _is_loopback(settings.host) and not args.allow_remote:
        print(
            f"error: refusing to bind non-loopback address {settings.host!r}; pass --allow-remote "
            "(API keys are still required)",
            file=sys.stderr,
        )
        return 2
    if not settings.keys:
        dev_key = "sk_local_" + secrets.token_urlsafe(24)
        settings.keys = [KeySpec(dev_key, "pro")]
        # Printed once on purpose: it is the only way to learn the generated key.
        print(f"dev API key (plan pro): {dev_key}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(settings, args.log_level.lower()))
    return 0
