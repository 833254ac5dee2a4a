"""Runners: what a rollout actually does once the scheduler starts it.

Execution model (the SDK, demo and benchmarks rely on it):

* A pool task may carry ``run: {command, files, verifier, credential_env}`` (RunSpec). A rollout on
  such a task writes ``files`` into its own working directory, then runs ``command`` with
  ``bash -c`` there, under bubblewrap (no network, read-only system, private /tmp, the data dir
  masked, read-write only the workdir) when ``bwrap`` is usable, else as a plain subprocess with a
  WARNING logged once. ``timeouts.agent_sec`` and ``timeouts.verifier_sec`` are enforced by killing
  the process group.
* Each stdout line of the command becomes one ``agent`` event
  ``{"type": "tool_output", "stream": "stdout", "line": ...}`` (stderr lines likewise with
  ``"stream": "stderr"``); both streams are also saved as artifacts ``logs/stdout.txt`` and
  ``logs/stderr.txt``. Every file the command creates or changes in its workdir becomes an
  artifact (provenance ``agent``); files the verifier creates get provenance ``verifier``.
* The verifier (``run.verifier``, same workdir and sandbox) emits ``verifier`` events per line; its
  last stdout line parsed as a float is the reward; otherwise its exit 0 gives 1.0, anything else
  0.0. The reward is the verifier's only: without one (or when it did not finish) the outcome has
  none, whatever the command's exit code.
* Credentials named in ``credential_env`` ({ENV_VAR: credential_name}) are injected into the
  environment; their values are masked (``***``) in events and logs and never logged. The
  command's environment is built from scratch (PATH, HOME=workdir, LANG, SYNTH_*), so the
  server's own environment never leaks into a task.
* The agent harnesses (claude-code, codex, opencode, anything in ``agent.harness``) run as a
  deterministic stand-in agent: it emits thinking/tool_call/tool_result ``agent`` events, each
  marked ``"simulated": true`` and with no token counts (no model is called, so the rollout's
  usage has no LLM tokens and no LLM cost), and then works the task's ``run.command``.
  A task without ``run`` (e.g. openenv pointing at a remote URL; there is no network here) gets a
  fully simulated run: a few steps and a transcript artifact ``agent/transcript.jsonl``, with no
  reward and no usage (nothing ran, so nothing is billed).
* Docker tasks (``docker_image`` with backend harbor/docker and no ``run``) run through the docker
  CLI when ``docker info`` answers; otherwise the API refuses them at creation time.
* Container rollouts (ContainerRolloutRequest bodies) run the task's ``run.command`` directly (no
  agent), with the request's ``env`` merged in and ``seed`` as ``SYNTH_SEED``.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import hashlib
import json
import math
import mimetypes
import os
import shutil
import signal
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sandbox
from .limits import LimitExceeded, Limits, human
from .store import now_iso

Emit = Callable[[list[tuple[str, dict[str, Any]]]], None]
MAX_EVENT_LINE = 16 * 1024
READ_CHUNK = 16 * 1024
EMIT_BATCH = 100  # lines per event batch: one short transaction each, so other requests interleave


@dataclass
class RunContext:
    rollout_id: str
    kind: str  # "environment" | "container"
    workdir: Path
    artifacts_dir: Path
    hidden: list[Path]
    emit: Emit
    register_artifact: Callable[[dict[str, Any]], None]
    task: dict[str, Any] | None
    harness: str | None
    model_id: str | None
    seed: int | None
    agent_timeout: float
    verifier_timeout: float
    env: dict[str, str] = field(default_factory=dict, repr=False)
    secrets: list[str] = field(default_factory=list, repr=False)
    usage: dict[str, Any] = field(default_factory=dict)
    on_spawn: Callable[[int], None] = lambda pid: None
    limits: Limits = field(default_factory=Limits)
    uid: int | None = None  # the rollout's own uid while it runs (a root server), else None
    limit_hit: LimitExceeded | None = None
    events_sent: int = 0
    tokens: float = 0.0
    refilled: float = field(default_factory=time.monotonic)
    output_bytes: int = 0
    artifact_bytes: int = 0
    artifact_paths: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    """How the run ended; `reward` is the one a verifier gave when it ran and finished, else None
    (nothing else, an exit code or the stand-in agent, is a reward)."""

    status: str
    reason: str | None
    reward: float | None = None


def _hash_unit(*parts: object) -> float:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 0xFFFFFFFF


def _redact(text: str, secrets: list[str]) -> str:
    for s in secrets:
        if s and s in text:
            text = text.replace(s, "***")
    return text


def safe_relpath(rel: str) -> str | None:
    """A normalised relative path inside a rollout dir, or None if it would escape it."""
    if not rel or rel.startswith(("/", "\\")) or "\x00" in rel:
        return None
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def printable_relpath(rel: str) -> str:
    """A file name the API can carry: bytes that are not UTF-8 (os.walk hands them over as
    surrogates) are spelled ``%XX``, so the file is kept, under a name JSON and URLs can hold.

    ``%`` itself is spelled ``%25``, so the spelling is reversible (percent-decoding gives the
    name's bytes back) and two files never share one: ``caf%E9.txt`` is ``caf%25E9.txt``, while
    ``caf`` + byte 0xE9 + ``.txt`` is ``caf%E9.txt``."""
    raw = rel.encode("utf-8", "surrogateescape").replace(b"%", b"%25")
    return raw.decode("utf-8", "synth_pools_percent")


def _percent(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return "".join(f"%{b:02X}" for b in bad), err.end


codecs.register_error("synth_pools_percent", _percent)


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    out: dict[str, tuple[int, int, int]] = {}
    for dirpath, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            full = Path(dirpath) / name
            try:
                st = full.lstat()
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue  # symlinks could point outside the rollout, fifos would block: never served
            out[full.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return out


def _copy_and_hash(src: Path, dest: Path, budget: int) -> tuple[int, str]:
    """Copy src to dest (a snapshot: a process that outlived the rollout cannot change it later)
    and hash what was read; LimitExceeded past `budget` bytes, whatever st_size claims (a sparse
    file is measured by what is read)."""
    h = hashlib.sha256()
    size = 0
    fd = os.open(src, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped for a fifo or device since the walk
            raise OSError(f"{src} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as f, dest.open("wb") as out:
            while chunk := f.read(1024 * 1024):
                size += len(chunk)
                if size > budget:
                    raise LimitExceeded("artifact_bytes", -1, "")
                h.update(chunk)
                out.write(chunk)
    finally:
        os.close(fd)
    return size, h.hexdigest()


def _hash_file(path: Path) -> tuple[int, str]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def _entry(rel: str, size: int, digest: str, provenance: str) -> dict[str, Any]:
    ctype = mimetypes.guess_type(rel)[0] or (
        "text/plain" if rel.endswith((".txt", ".log")) else "application/octet-stream"
    )
    return {
        "path": rel,
        "size_bytes": size,
        "sha256": digest,
        "content_type": ctype,
        "provenance": provenance,
        "created_at": now_iso(),
    }


def _count_artifact(ctx: RunContext, rel: str) -> None:
    if rel not in ctx.artifact_paths:
        if len(ctx.artifact_paths) >= ctx.limits.artifacts:
            raise LimitExceeded(
                "artifacts", ctx.limits.artifacts, f"the rollout left more than {ctx.limits.artifacts} files"
            )
        ctx.artifact_paths.add(rel)


def _register(ctx: RunContext, entry: dict[str, Any]) -> None:
    ctx.register_artifact(entry)
    # out of the sandbox: what a remote worker would have shipped back as artifacts
    ctx.usage["bytes_downloaded"] = ctx.usage.get("bytes_downloaded", 0) + entry["size_bytes"]


async def add_artifact(ctx: RunContext, src: Path, rel: str, provenance: str) -> None:
    """Record a file: one the server wrote inside artifacts_dir as it is, one from the workdir
    copied (hashed on the way) into artifacts_dir under `rel`."""
    rel = printable_relpath(rel)
    _count_artifact(ctx, rel)
    dest = ctx.artifacts_dir / rel
    if src == dest:
        size, digest = await asyncio.to_thread(_hash_file, dest)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists() or dest.is_symlink():
            dest.unlink()
        budget = ctx.limits.artifact_bytes - ctx.artifact_bytes
        try:
            size, digest = await asyncio.to_thread(_copy_and_hash, src, dest, budget)
        except LimitExceeded:
            dest.unlink(missing_ok=True)
            limit = ctx.limits.artifact_bytes
            raise LimitExceeded(
                "artifact_bytes", limit, f"the rollout's files hold more than {human(limit, 'b')}"
            ) from None
        except OSError:
            dest.unlink(missing_ok=True)
            return  # vanished or not a regular file any more: nothing to keep
    ctx.artifact_bytes += size
    _register(ctx, _entry(rel, size, digest, provenance))


async def collect(
    ctx: RunContext, before: dict[str, tuple[int, int, int]], provenance: str
) -> dict[str, tuple[int, int, int]]:
    after = await asyncio.to_thread(_snapshot, ctx.workdir)
    for rel, stamp in sorted(after.items()):
        if before.get(rel) != stamp:
            if rel.startswith("logs/") and (ctx.artifacts_dir / rel).exists() and before.get(rel) is None:
                continue  # never let a task overwrite the server's own logs
            await add_artifact(ctx, ctx.workdir / rel, rel, provenance)
    return after


def _base_env(ctx: RunContext) -> dict[str, str]:
    env = {
        "HOME": str(ctx.workdir),
        "LANG": "C.UTF-8",
        "SYNTH_ROLLOUT_ID": ctx.rollout_id,
        "PYTHONUNBUFFERED": "1",
    }
    if ctx.seed is not None:
        env["SYNTH_SEED"] = str(ctx.seed)
    env.update(ctx.env)
    # fixed, whatever the task or request says: the server never looks a program up on a PATH a
    # task chose, and the task's own lookups stay in the system directories
    env["PATH"] = sandbox.SYSTEM_PATH
    return env


async def _send(ctx: RunContext, kind: str, texts: list[str], stream: str) -> None:
    """Emit one event per line within the rollout's limits: the count is a hard stop, the rate a
    throttle (while it waits, the pipe fills and the command's writes block)."""
    limits = ctx.limits
    room = limits.events - ctx.events_sent
    if room <= 0 or len(texts) > room:
        ctx.emit([(kind, _line(t, stream)) for t in texts[: max(0, room)]])
        ctx.events_sent = limits.events
        raise LimitExceeded("events", limits.events, f"the rollout emitted more than {limits.events} events")
    now = time.monotonic()
    ctx.tokens = min(limits.events_per_sec, ctx.tokens + (now - ctx.refilled) * limits.events_per_sec)
    ctx.refilled = now
    ctx.tokens -= len(texts)
    # always a real yield: a pipe with data buffered never suspends the pump, and a flood must
    # not hold the event loop from every other organisation's requests
    await asyncio.sleep(-ctx.tokens / limits.events_per_sec if ctx.tokens < 0 else 0)
    ctx.emit([(kind, _line(t, stream)) for t in texts])
    ctx.events_sent += len(texts)


# What a process says when the kernel refused it something an rlimit caps (the exit code alone
# cannot tell a process limit or memory limit from any other failure).
_RLIMIT_SIGNS = (
    ("processes", "Resource temporarily unavailable", "a process could not start another"),
    ("memory_bytes", "MemoryError", "a process ran out of address space"),
    ("memory_bytes", "Cannot allocate memory", "a process ran out of address space"),
    ("file_bytes", "File too large", "a process wrote a file larger than allowed"),
)


def _limit_from_stderr(ctx: RunContext, path: Path) -> LimitExceeded | None:
    try:
        with path.open("rb") as f:
            f.seek(max(0, path.stat().st_size - 8192))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    for name, sign, what in _RLIMIT_SIGNS:
        if sign in tail and (name != "processes" or ctx.uid is not None):
            return LimitExceeded(name, getattr(ctx.limits, name), what)
    return None


def _limit_from_exit(ctx: RunContext, code: int | None) -> LimitExceeded | None:
    """An rlimit the kernel enforced, told by the signal that ended the command (bash and bwrap
    report a child killed by signal N as 128+N)."""
    if code is None:
        return None
    sig = -code if code < 0 else code - 128 if code > 128 else 0
    if sig == signal.SIGXCPU:
        return LimitExceeded("cpu_sec", ctx.limits.cpu_sec, "a process used more CPU time than allowed")
    if sig == signal.SIGXFSZ:
        return LimitExceeded(
            "file_bytes", ctx.limits.file_bytes, "a process wrote a file larger than allowed"
        )
    return None


async def run_command(ctx: RunContext, command: str, limit_sec: float, phase: str) -> tuple[int | None, str]:
    """Run one command; stream its lines as events. Returns (exit code or None on timeout, last
    stdout line); a limit it went past is left in ``ctx.limit_hit``."""
    kind = "agent" if phase == "agent" else "verifier"
    logs = ctx.artifacts_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    suffix = "" if phase == "agent" else "_verifier"
    out_path, err_path = logs / f"stdout{suffix}.txt", logs / f"stderr{suffix}.txt"
    image = (ctx.task or {}).get("docker_image")
    use_docker = bool(image) and not (ctx.task or {}).get("run") and sandbox.docker_status()[0]
    env = _base_env(ctx)
    argv = (
        sandbox.docker_argv(str(image), command, ctx.workdir)
        if use_docker
        else sandbox.wrap(command, ctx.workdir, ctx.hidden, env)
    )
    started = time.monotonic()
    spawn = asyncio.ensure_future(
        asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=ctx.workdir,
            env=sandbox.host_env(env) if not use_docker else {"PATH": sandbox.SYSTEM_PATH},
            start_new_session=True,  # own process group: a timeout or cancel kills all of it
            preexec_fn=sandbox.child_setup(ctx.limits, None if use_docker else ctx.uid),
            limit=READ_CHUNK,
        )
    )
    try:
        # Shielded: a cancel that lands while the process is being created must still find it
        # and kill its group, or the sandbox would outlive the rollout.
        proc = await asyncio.shield(spawn)
    except asyncio.CancelledError:
        started_proc = await spawn
        _end_tree(ctx, started_proc.pid)
        await _reap(started_proc)
        raise
    ctx.on_spawn(proc.pid)
    last_line = ""

    async def pump(stream: asyncio.StreamReader, path: Path, name: str) -> None:
        nonlocal last_line
        pending = b""
        with path.open("wb") as sink:
            while True:
                chunk = await stream.read(READ_CHUNK)
                if not chunk:
                    break
                ctx.output_bytes += len(chunk)
                if ctx.output_bytes > ctx.limits.output_bytes:
                    cap = ctx.limits.output_bytes
                    raise LimitExceeded(
                        "output_bytes", cap, f"the command printed more than {human(cap, 'b')}"
                    )
                pending += chunk
                *lines, pending = pending.split(b"\n")
                if not lines and len(pending) > MAX_EVENT_LINE:  # a huge line without newline: flush it
                    lines, pending = [pending], b""
                for i in range(0, len(lines), EMIT_BATCH):
                    texts = [
                        _redact(raw.decode("utf-8", "replace"), ctx.secrets)
                        for raw in lines[i : i + EMIT_BATCH]
                    ]
                    sink.write(("\n".join(texts) + "\n").encode())
                    if name == "stdout":
                        last_line = next((t for t in reversed(texts) if t.strip()), last_line)
                    await _send(ctx, kind, texts, name)
            if pending:
                text = _redact(pending.decode("utf-8", "replace"), ctx.secrets)
                sink.write(text.encode())
                if name == "stdout" and text.strip():
                    last_line = text
                await _send(ctx, kind, [text], name)

    assert proc.stdout is not None and proc.stderr is not None
    pumps = asyncio.ensure_future(
        asyncio.gather(pump(proc.stdout, out_path, "stdout"), pump(proc.stderr, err_path, "stderr"))
    )
    code: int | None = None
    try:
        async with asyncio.timeout(limit_sec):
            # the command ends when its main process does (asyncio's wait() would also wait for
            # every pipe to close, and a child left in the background could hold them for ever)
            while proc.returncode is None:
                if pumps.done():
                    pumps.result()  # a limit a pump hit
                    await asyncio.sleep(0.05)
                else:
                    await asyncio.wait({pumps}, timeout=0.05)
            code = proc.returncode
        _end_tree(ctx, proc.pid)  # what it left behind ends with it; the pipes close
        await _drain(ctx, pumps)
        ctx.limit_hit = ctx.limit_hit or _limit_from_exit(ctx, code)
    except TimeoutError:
        code = None
    except LimitExceeded as exc:
        ctx.limit_hit, code = exc, None
    finally:
        _end_tree(ctx, proc.pid)
        if not pumps.done():
            pumps.cancel()
        await asyncio.wait({pumps})  # raises only if this task is cancelled, as it should
        if not pumps.cancelled():
            pumps.exception()  # retrieved: a limit a pump hit after the verdict is not news
        if code != 0 and not ctx.limit_hit:  # a timeout or failure an rlimit caused says so
            ctx.limit_hit = _limit_from_stderr(ctx, err_path)
        if proc.returncode is None:
            await asyncio.shield(_reap(proc))
        ctx.usage["sandbox_minutes"] = (
            ctx.usage.get("sandbox_minutes", 0.0) + (time.monotonic() - started) / 60
        )
        for path in (out_path, err_path):
            if path.exists():
                await add_artifact(
                    ctx, path, f"logs/{path.name}", "agent" if phase == "agent" else "verifier"
                )
    return code, last_line


async def _drain(ctx: RunContext, pumps: asyncio.Future[Any]) -> None:
    """Read what the pipes still hold once the command's tree is dead, for as long as that makes
    progress (the event throttle may take a while over it); a pipe that stays open with nothing
    coming (a process that escaped the group, without a sandbox) is given up on after 2 s."""
    while not pumps.done():
        seen = ctx.output_bytes, ctx.events_sent
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(pumps), 2)
        if (ctx.output_bytes, ctx.events_sent) == seen:
            break
    if pumps.done():
        pumps.result()


def _end_tree(ctx: RunContext, pid: int) -> None:
    """Kill the command's whole tree: its process group (under bubblewrap that is the pid
    namespace's init, and the namespace dies with it) and, with per-rollout uids and no sandbox,
    every process of the rollout's uid, which catches those that left the group (setsid). Under
    bubblewrap the scan of /proc is left to the uid's release (once per rollout, not per command)."""
    sandbox.kill_group(pid)
    if ctx.uid is not None and not sandbox.bwrap_usable():
        sandbox.kill_uid(ctx.uid)


async def _reap(proc: asyncio.subprocess.Process) -> None:
    # Bounded: Process.wait() also waits for the pipes to close, and a process that escaped the
    # group could hold them open forever; the rollout must still finish.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(proc.wait(), 5)


def _line(text: str, stream: str) -> dict[str, Any]:
    if len(text) > MAX_EVENT_LINE:
        return {"type": "tool_output", "stream": stream, "line": text[:MAX_EVENT_LINE], "truncated": True}
    return {"type": "tool_output", "stream": stream, "line": text}


class BadReward(ValueError):
    """The verifier printed a reward that is not a finite number."""


def _reward_from(code: int | None, last_line: str) -> float:
    try:
        reward = float(last_line.strip())
    except ValueError:
        return 1.0 if code == 0 else 0.0
    if not math.isfinite(reward):
        raise BadReward(f"verifier printed a reward that is not a finite number: {last_line.strip()[:40]!r}")
    return reward


class StandInAgent:
    """Deterministic stand-in for claude-code / codex / opencode: realistic events, no model calls."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        task_id = (ctx.task or {}).get("task_id", "")
        self.basis = (ctx.harness, ctx.model_id, task_id, ctx.seed)

    def step(self, kind: str, n: int, **data: Any) -> None:
        # No model is called, so a step carries no token counts and adds nothing to the usage:
        # invented tokens would be priced as LLM cost and read as real by budgets and summaries.
        payload = {
            "type": kind,
            "step": n,
            "harness": self.ctx.harness,
            "model_id": self.ctx.model_id,
            "simulated": True,
            **data,
        }
        self.ctx.emit([("agent", payload)])


async def _run_task_command(ctx: RunContext, agent: StandInAgent | None) -> Outcome:
    try:
        return await _run_task_steps(ctx, agent)
    except LimitExceeded as exc:  # from collecting artifacts
        ctx.limit_hit = ctx.limit_hit or exc
    assert ctx.limit_hit is not None
    return _over_limit(ctx)


def _over_limit(ctx: RunContext) -> Outcome:
    assert ctx.limit_hit is not None
    return Outcome("failed", str(ctx.limit_hit))


async def _run_task_steps(ctx: RunContext, agent: StandInAgent | None) -> Outcome:
    task = ctx.task or {}
    run = task.get("run") or {}
    image = task.get("docker_image")
    command = run.get("command") or ""
    before = await asyncio.to_thread(_snapshot, ctx.workdir)
    if agent:
        agent.step("thinking", 1, text="Reading the task and planning the change.")
        agent.step(
            "tool_call", 2, tool="bash", input={"command": "<task command>" if ctx.secrets else command}
        )
    agent_sec = min(ctx.agent_timeout, ctx.limits.wall_sec)
    code, _ = await run_command(ctx, command, agent_sec, "agent")
    if agent:
        agent.step("tool_result", 3, tool="bash", exit_code=code, timed_out=code is None)
    after = await collect(ctx, before, "agent")
    if ctx.limit_hit:
        return _over_limit(ctx)
    if code is None:
        return Outcome("failed", f"agent timed out after {agent_sec:g}s")
    reward = None
    verifier = run.get("verifier")
    if verifier:
        ctx.emit(
            [
                (
                    "verifier",
                    {"type": "started", "command_sha256": hashlib.sha256(verifier.encode()).hexdigest()},
                )
            ]
        )
        verifier_sec = min(ctx.verifier_timeout, ctx.limits.wall_sec)
        vcode, last = await run_command(ctx, verifier, verifier_sec, "verifier")
        await collect(ctx, after, "verifier")
        if ctx.limit_hit:
            return _over_limit(ctx)
        if vcode is None:
            ctx.emit([("verifier", {"type": "finished", "timed_out": True})])
            return Outcome("failed", f"verifier timed out after {verifier_sec:g}s")
        try:
            reward = _reward_from(vcode, last)
        except BadReward as exc:  # NaN/Infinity is no reward: it would poison every mean and JSON answer
            ctx.emit(
                [("verifier", {"type": "finished", "exit_code": vcode, "reward": None, "error": str(exc)})]
            )
            return Outcome("failed", str(exc))
        ctx.emit([("verifier", {"type": "finished", "exit_code": vcode, "reward": reward})])
    if code != 0:
        return Outcome("failed", f"command exited with status {code}", reward)
    reason = None if not image or run else f"ran in docker image {image}"
    return Outcome("succeeded", reason, reward)


async def _simulated(ctx: RunContext, agent: StandInAgent) -> Outcome:
    task_id = (ctx.task or {}).get("task_id") or "task"
    steps = 3 + int(_hash_unit(*agent.basis, "steps") * 3)
    transcript = []
    for n in range(1, steps + 1):
        kind = ("thinking", "tool_call", "tool_result")[(n - 1) % 3]
        agent.step(kind, n, text=f"simulated step {n} of {steps} on {task_id}")
        transcript.append({"step": n, "type": kind, "simulated": True})
        await asyncio.sleep(0.01)
    path = ctx.artifacts_dir / "agent" / "transcript.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(t) + "\n" for t in transcript))
    await add_artifact(ctx, path, "agent/transcript.jsonl", "agent")
    return Outcome("succeeded", "simulated run (task has no command)")


async def execute(ctx: RunContext) -> Outcome:
    task = ctx.task or {}
    run = task.get("run") or {}
    ctx.uid = sandbox.acquire_uid()
    if ctx.uid is not None:
        ctx.workdir = sandbox.scratch_dir(ctx.rollout_id)
    try:
        return await _execute(ctx, task, run)
    finally:
        sandbox.release_uid(ctx.uid)  # nothing the rollout started outlives it
        if ctx.uid is not None:  # its files are copied into the data dir as artifacts
            shutil.rmtree(ctx.workdir, ignore_errors=True)  # not awaited: a cancel must not skip it


async def _execute(ctx: RunContext, task: dict[str, Any], run: dict[str, Any]) -> Outcome:
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    ctx.artifacts_dir.mkdir(parents=True, exist_ok=True)
    ctx.artifacts_dir.chmod(0o700)  # the server's copy: no task (whatever its uid) writes or reads it
    for name, content in (run.get("files") or {}).items():
        rel = safe_relpath(name)
        if rel is None:
            return Outcome("error", f"task file path {name!r} escapes the workdir")
        target = ctx.workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode()
        target.write_bytes(data)
        # into the sandbox: what a remote worker would have uploaded
        ctx.usage["bytes_uploaded"] = ctx.usage.get("bytes_uploaded", 0) + len(data)
    ctx.tokens = ctx.limits.events_per_sec  # a full bucket: one second's worth of burst
    started = time.monotonic()
    try:
        sandbox.give_to(ctx.uid, ctx.workdir)
        has_command = bool(run.get("command")) or (
            bool(task.get("docker_image")) and sandbox.docker_status()[0]
        )
        agent = StandInAgent(ctx) if ctx.kind == "environment" else None
        if has_command:
            return await _run_task_command(ctx, agent)
        return await _simulated(ctx, agent or StandInAgent(ctx))
    finally:
        ctx.usage["wall_time_sec"] = time.monotonic() - started
