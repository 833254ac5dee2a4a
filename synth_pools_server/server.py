"""Command line: `python -m synth_pools_server` (and `synth-pools serve`, which delegates here)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import ipaddress
import logging
import os
import re
import secrets
import signal
import socket
import sys
from pathlib import Path

import uvicorn

from . import sandbox
from .config import KeySpec, Settings
from .limits import Limits
from .store import DataDirError, Store, lock_data_dir

log = logging.getLogger("synth_pools_server")
READY = "synth-pools local backend listening on http://{host}:{port}"


KEYS_ENV = "SYNTH_POOLS_API_KEYS"
DEV_KEY_FILE = "dev-api-key"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="synth-pools serve",
        description="Run the embedded local backend.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        epilog=f"Limits (--limit NAME=VALUE, sizes may end in k/m/g), defaults: {Limits().describe()}",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8787, help="0 picks a free port (the ready line shows it)")
    p.add_argument("--data-dir", type=Path, default=Path(".synth-pools"), help="one backend per data dir")
    p.add_argument(
        "--api-keys-file",
        type=Path,
        metavar="PATH",
        help="API keys, one KEY[:PLAN[:ORG]] a line (# comments); keeps keys out of the process list",
    )
    p.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY[:PLAN[:ORG]]",
        help=f"repeatable; visible to every local user in the process list: prefer --api-keys-file or "
        f"${KEYS_ENV} (keys separated by spaces, commas or newlines). PLAN defaults to pro "
        "(free+environment_pools adds a feature flag). With no key at all, one is generated and "
        f"kept in DATA_DIR/{DEV_KEY_FILE}",
    )
    p.add_argument(
        "--sandbox",
        choices=sandbox.MODES,
        default="auto",
        help="how rollout commands are isolated: bubblewrap (auto picks it, and refuses to start "
        "without it) or none (explicit, one organisation only, prints a warning)",
    )
    p.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE", help="a per-rollout limit")
    p.add_argument("--heartbeat-sec", type=float, default=10.0)
    p.add_argument("--workers", type=int, default=16, help="global cap on rollouts running at once")
    p.add_argument("--max-body-mb", type=float, default=16.0)
    p.add_argument(
        "--org-concurrency",
        type=int,
        default=None,
        help="an org's allowance of rollouts queued or running (over it: 429; a batch is partly admitted)",
    )
    p.add_argument("--pool-build-sec", type=float, default=0.0, help="seconds a new pool stays `building`")
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


def _key_texts(args: argparse.Namespace) -> list[str]:
    """Every KEY[:PLAN[:ORG]] given: the keys file, the environment variable, then --api-key."""
    texts: list[str] = []
    if args.api_keys_file is not None:
        try:
            lines = args.api_keys_file.read_text().splitlines()
        except OSError as exc:
            raise SystemExit(f"error: --api-keys-file {args.api_keys_file}: {exc.strerror}") from None
        texts += [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    texts += re.split(r"[\s,]+", os.environ.get(KEYS_ENV, "").strip()) if os.environ.get(KEYS_ENV) else []
    return texts + list(args.api_key)


def settings_from(argv: list[str] | None) -> tuple[Settings, argparse.Namespace]:
    args = _parser().parse_args(argv)
    try:
        keys = [KeySpec.parse(k) for k in _key_texts(args)]
        limits = Limits.parse(args.limit)
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
        sandbox=args.sandbox,
        secret_files=[args.api_keys_file.resolve()] if args.api_keys_file is not None else [],
        limits=limits,
        org_concurrency=args.org_concurrency,
        pool_build_sec=max(0.0, args.pool_build_sec),
    )
    return settings, args


def dev_key(data_dir: Path) -> tuple[str, bool]:
    """The data dir's generated key (mode 0600), made on first use: (key, just created)."""
    path = data_dir / DEV_KEY_FILE
    with contextlib.suppress(FileNotFoundError):
        key = path.read_text().strip()
        if key:
            return key, False
    key = "sk_local_" + secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key + "\n")
    return key, True


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
        # Clients must be the ones to close idle connections (the SDK after 30 s, aiohttp 15 s):
        # a server closing first races a client's next request on that connection, which then
        # fails "disconnected without a response" (uvicorn's 5 s default did, in bench P2's fan-out).
        timeout_keep_alive=65,
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
    try:
        lock_data_dir(settings.data_dir)
        Store(settings.data_dir).close()  # a corrupt database: one line now, not a traceback later
        lock_data_dir(settings.data_dir)  # close() let go of it; this process keeps it
        isolation = sandbox.configure(settings.sandbox, max(1, settings.org_count))
    except (DataDirError, sandbox.SandboxError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(isolation.describe(), file=sys.stderr, flush=True)
    if isolation.mode == "none":
        log.warning("rollout commands run WITHOUT a sandbox (--sandbox none): only run tasks you trust")
    if not settings.keys:
        key, created = dev_key(settings.data_dir)
        settings.keys = [KeySpec(key, "pro")]
        where = settings.data_dir / DEV_KEY_FILE
        # The key itself is printed once, when it is made; later starts say where it is kept.
        if created:
            print(f"dev API key (plan pro): {key} (kept in {where})", flush=True)
        else:
            print(f"dev API key (plan pro): in {where}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(settings, args.log_level.lower()))
    return 0
