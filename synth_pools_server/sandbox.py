"""How a command is isolated: bubblewrap when usable, else a plain subprocess (warned once)."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import signal
import subprocess
from functools import cache
from pathlib import Path

log = logging.getLogger("synth_pools_server.sandbox")
_warned = False


@cache
def bwrap_usable() -> bool:
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        probe = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--die-with-parent", "true"],
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


@cache
def docker_status() -> tuple[bool, str | None]:
    """(available, reason); asked once, since `docker info` is slow and the answer rarely changes."""
    exe = shutil.which("docker")
    if not exe:
        return False, "Docker engine unavailable: the docker CLI is not installed"
    try:
        probe = subprocess.run([exe, "info"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False, "Docker engine unavailable: `docker info` did not answer"
    if probe.returncode != 0:
        return False, "Docker engine unavailable: `docker info` failed (is the Docker daemon running?)"
    return True, None


def sandbox_name() -> str:
    return "bubblewrap" if bwrap_usable() else "subprocess"


def wrap(command: str, workdir: Path, hidden: list[Path]) -> list[str]:
    """argv running `bash -c command` in workdir; `hidden` paths (the data dir) are masked."""
    global _warned
    if not bwrap_usable():
        if not _warned:
            log.warning(
                "bubblewrap (bwrap) is not usable: rollout commands run as plain subprocesses "
                "WITHOUT a sandbox (network and filesystem are not isolated). Install 'bubblewrap'."
            )
            _warned = True
        return ["bash", "-c", command]
    argv = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for path in [*hidden, Path("/root"), Path("/home")]:
        if path.exists():
            argv += ["--tmpfs", str(path)]
    argv += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    # No --new-session: the sandbox must stay in the process group the server created
    # (start_new_session already detached it from any terminal), so one killpg reaches the
    # sandbox's init and with it everything in its pid namespace.
    argv += ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent"]
    return [*argv, "bash", "-c", command]


def docker_argv(image: str, command: str, workdir: Path) -> list[str]:
    argv = ["docker", "run", "--rm", "--network", "none", "-v", f"{workdir}:/work", "-w", "/work", image]
    return [*argv, "bash", "-c", command] if command else argv  # no command: the image's own entrypoint


_PR_SET_PDEATHSIG = 1


def die_with_server() -> None:
    """preexec_fn: the child gets SIGKILL if the server dies (kill -9 leaves no orphans)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def kill_leftovers(pgid: int, marker: str) -> int:
    """After a crash: SIGKILL processes still in a dead rollout's group whose command line names it.

    The marker check (the rollout id is in the sandbox's argv) guards against a reused pid.
    """
    killed = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[2] == str(pgid) and marker in cmdline:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(proc.name), signal.SIGKILL)
                killed += 1
    return killed
