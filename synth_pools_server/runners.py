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
  last stdout line parsed as a float is the reward; otherwise exit 0 gives 1.0, anything else 0.0.
  Without a verifier the reward is 1.0 when the command exited 0, else 0.0.
* Credentials named in ``credential_env`` ({ENV_VAR: credential_name}) are injected into the
  environment; their values are masked (``***``) in events and logs and never logged. The
  command's environment is built from scratch (PATH, HOME=workdir, LANG, SYNTH_*), so the
  server's own environment never leaks into a task.
* The agent harnesses (claude-code, codex, opencode, anything in ``agent.harness``) run as a
  deterministic stand-in agent: it emits thinking/tool_call/tool_result ``agent`` events with
  token counts, each marked ``"simulated": true``, and then works the task's ``run.command``.
  A task without ``run`` (e.g. openenv pointing at a remote URL; there is no network here) gets a
  fully simulated run: a few steps, a reward derived from a hash of (task id, seed/metadata),
  and a transcript artifact ``agent/transcript.jsonl``.
* Docker tasks (``docker_image`` with backend harbor/docker and no ``run``) run through the docker
  CLI when ``docker info`` answers; otherwise the API refuses them at creation time.
* Container rollouts (ContainerRolloutRequest bodies) run the task's ``run.command`` directly (no
  agent), with the request's ``env`` merged in and ``seed`` as ``SYNTH_SEED``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import mimetypes
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sandbox
from .store import now_iso

Emit = Callable[[list[tuple[str, dict[str, Any]]]], None]
MAX_EVENT_LINE = 16 * 1024
READ_CHUNK = 256 * 1024


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


@dataclass
class Outcome:
    status: str
    reason: str | None
    reward: float | None


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


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for dirpath, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            full = Path(dirpath) / name
            try:
                st = full.lstat()
            except OSError:
                continue
            if full.is_symlink() or not full.is_file():
                continue  # symlinks could point outside the rollout: never served
            out[full.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_size)
    return out


def _file_entry(path: Path, rel: str, provenance: str) -> dict[str, Any]:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
            size += len(chunk)
    ctype = mimetypes.guess_type(rel)[0] or (
        "text/plain" if rel.endswith((".txt", ".log")) else "application/octet-stream"
    )
    return {
        "path": rel,
        "size_bytes": size,
        "sha256": h.hexdigest(),
        "content_type": ctype,
        "provenance": provenance,
        "created_at": now_iso(),
    }


async def add_artifact(ctx: RunContext, src: Path, rel: str, provenance: str) -> None:
    """Record a file (already inside artifacts_dir, or linked there from the workdir)."""
    dest = ctx.artifacts_dir / rel
    if src != dest:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if dest.exists():
            dest.unlink()
        try:
            os.link(src, dest)  # same filesystem: no copy, even for 1 GiB
        except OSError:
            await asyncio.to_thread(shutil.copyfile, src, dest)
    entry = await asyncio.to_thread(_file_entry, dest, rel, provenance)
    ctx.register_artifact(entry)
    # out of the sandbox: what a remote worker would have shipped back as artifacts
    ctx.usage["bytes_downloaded"] = ctx.usage.get("bytes_downloaded", 0) + entry["size_bytes"]


async def collect(
    ctx: RunContext, before: dict[str, tuple[int, int]], provenance: str
) -> dict[str, tuple[int, int]]:
    after = await asyncio.to_thread(_snapshot, ctx.workdir)
    for rel, stamp in sorted(after.items()):
        if before.get(rel) != stamp and not (ctx.artifacts_dir / rel).is_symlink():
            if rel.startswith("logs/") and (ctx.artifacts_dir / rel).exists() and before.get(rel) is None:
                continue  # never let a task overwrite the server's own logs
            await add_artifact(ctx, ctx.workdir / rel, rel, provenance)
    return after


def _base_env(ctx: RunContext) -> dict[str, str]:
    env = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(ctx.workdir),
        "LANG": "C.UTF-8",
        "SYNTH_ROLLOUT_ID": ctx.rollout_id,
        "PYTHONUNBUFFERED": "1",
    }
    if ctx.seed is not None:
        env["SYNTH_SEED"] = str(ctx.seed)
    env.update(ctx.env)
    return env


async def run_command(ctx: RunContext, command: str, limit_sec: float, phase: str) -> tuple[int | None, str]:
    """Run one command; stream its lines as events. Returns (exit code or None on timeout, last stdout line)."""
    kind = "agent" if phase == "agent" else "verifier"
    logs = ctx.artifacts_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    suffix = "" if phase == "agent" else "_verifier"
    out_path, err_path = logs / f"stdout{suffix}.txt", logs / f"stderr{suffix}.txt"
    image = (ctx.task or {}).get("docker_image")
    use_docker = bool(image) and not (ctx.task or {}).get("run") and sandbox.docker_status()[0]
    argv = (
        sandbox.docker_argv(str(image), command, ctx.workdir)
        if use_docker
        else sandbox.wrap(command, ctx.workdir, ctx.hidden)
    )
    started = time.monotonic()
    spawn = asyncio.ensure_future(
        asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=ctx.workdir,
            env=_base_env(ctx),
            start_new_session=True,  # own process group: a timeout or cancel kills all of it
            preexec_fn=sandbox.die_with_server,
            limit=READ_CHUNK,
        )
    )
    try:
        # Shielded: a cancel that lands while the process is being created must still find it
        # and kill its group, or the sandbox would outlive the rollout.
        proc = await asyncio.shield(spawn)
    except asyncio.CancelledError:
        started_proc = await spawn
        sandbox.kill_group(started_proc.pid)
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
                pending += chunk
                *lines, pending = pending.split(b"\n")
                if not lines:
                    if len(pending) > MAX_EVENT_LINE:  # a huge line without newline: flush it as is
                        lines, pending = [pending], b""
                    else:
                        continue
                texts = [_redact(raw.decode("utf-8", "replace"), ctx.secrets) for raw in lines]
                sink.write(("\n".join(texts) + "\n").encode())
                ctx.emit([(kind, _line(t, name)) for t in texts])
                if name == "stdout":
                    last_line = next((t for t in reversed(texts) if t.strip()), last_line)
            if pending:
                text = _redact(pending.decode("utf-8", "replace"), ctx.secrets)
                sink.write(text.encode())
                ctx.emit([(kind, _line(text, name))])
                if name == "stdout" and text.strip():
                    last_line = text

    assert proc.stdout is not None and proc.stderr is not None
    code: int | None
    try:
        async with asyncio.timeout(limit_sec):
            await asyncio.gather(pump(proc.stdout, out_path, "stdout"), pump(proc.stderr, err_path, "stderr"))
            code = await proc.wait()
    except TimeoutError:
        code = None
    finally:
        sandbox.kill_group(proc.pid)
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


async def _reap(proc: asyncio.subprocess.Process) -> None:
    # Bounded: Process.wait() also waits for the pipes to close, and a process that escaped the
    # group could hold them open forever; the rollout must still finish.
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(proc.wait(), 5)


def _line(text: str, stream: str) -> dict[str, Any]:
    if len(text) > MAX_EVENT_LINE:
        return {"type": "tool_output", "stream": stream, "line": text[:MAX_EVENT_LINE], "truncated": True}
    return {"type": "tool_output", "stream": stream, "line": text}


def _reward_from(code: int | None, last_line: str) -> float:
    try:
        return float(last_line.strip())
    except ValueError:
        return 1.0 if code == 0 else 0.0


class StandInAgent:
    """Deterministic stand-in for claude-code / codex / opencode: realistic events, no model calls."""

    def __init__(self, ctx: RunContext) -> None:
        self.ctx = ctx
        task_id = (ctx.task or {}).get("task_id", "")
        self.basis = (ctx.harness, ctx.model_id, task_id, ctx.seed)

    def step(self, kind: str, n: int, **data: Any) -> None:
        tin = 200 + int(_hash_unit(*self.basis, kind, n) * 1800)
        tout = 20 + int(_hash_unit(*self.basis, kind, n, "out") * 400)
        self.ctx.usage["llm_input_tokens"] = self.ctx.usage.get("llm_input_tokens", 0) + tin
        self.ctx.usage["llm_output_tokens"] = self.ctx.usage.get("llm_output_tokens", 0) + tout
        payload = {
            "type": kind,
            "step": n,
            "harness": self.ctx.harness,
            "model_id": self.ctx.model_id,
            "input_tokens": tin,
            "output_tokens": tout,
            "simulated": True,
            **data,
        }
        self.ctx.emit([("agent", payload)])


async def _run_task_command(ctx: RunContext, agent: StandInAgent | None) -> Outcome:
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
    code, _ = await run_command(ctx, command, ctx.agent_timeout, "agent")
    if agent:
        agent.step("tool_result", 3, tool="bash", exit_code=code, timed_out=code is None)
    after = await collect(ctx, before, "agent")
    if code is None:
        return Outcome("failed", f"agent timed out after {ctx.agent_timeout:g}s", 0.0)
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
        vcode, last = await run_command(ctx, verifier, ctx.verifier_timeout, "verifier")
        await collect(ctx, after, "verifier")
        if vcode is None:
            ctx.emit([("verifier", {"type": "finished", "timed_out": True})])
            return Outcome("failed", f"verifier timed out after {ctx.verifier_timeout:g}s", 0.0)
        reward = _reward_from(vcode, last)
        ctx.emit([("verifier", {"type": "finished", "exit_code": vcode, "reward": reward})])
    else:
        reward = 1.0 if code == 0 else 0.0
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
    reward = round(_hash_unit(task_id, ctx.seed, agent.basis[0]), 4)
    path = ctx.artifacts_dir / "agent" / "transcript.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(t) + "\n" for t in transcript))
    await add_artifact(ctx, path, "agent/transcript.jsonl", "agent")
    return Outcome("succeeded", "simulated run (task has no command)", reward)


async def execute(ctx: RunContext) -> Outcome:
    task = ctx.task or {}
    run = task.get("run") or {}
    ctx.workdir.mkdir(parents=True, exist_ok=True)
    ctx.artifacts_dir.mkdir(parents=True, exist_ok=True)
    for name, content in (run.get("files") or {}).items():
        rel = safe_relpath(name)
        if rel is None:
            return Outcome("error", f"task file path {name!r} escapes the workdir", None)
        target = ctx.workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode()
        target.write_bytes(data)
        # into the sandbox: what a remote worker would have uploaded
        ctx.usage["bytes_uploaded"] = ctx.usage.get("bytes_uploaded", 0) + len(data)
    started = time.monotonic()
    try:
        has_command = bool(run.get("command")) or (
            bool(task.get("docker_image")) and sandbox.docker_status()[0]
        )
        agent = StandInAgent(ctx) if ctx.kind == "environment" else None
        if has_command:
            return await _run_task_command(ctx, agent)
        return await _simulated(ctx, agent or StandInAgent(ctx))
    finally:
        ctx.usage["wall_time_sec"] = time.monotonic() - started
