"""How a rollout's command is isolated from the backend, the host and every other rollout.

Two modes, chosen once at startup (`serve --sandbox`):

* ``bubblewrap`` (the default when bwrap works): the command runs in fresh user, pid, network,
  ipc and uts namespaces; the system is read-only, /tmp, /run, /home and /root are empty tmpfs,
  the backend's data dir is masked, and only the rollout's own workdir is writable. It sees no
  process but its own, so neither the server's argv nor its environment.
* ``none``: a plain subprocess. Chosen explicitly only; refused with more than one organisation.

In both, the command gets a scrubbed environment (runners build it from scratch) and, when the
server runs as root, its own unprivileged uid for the rollout's lifetime: files of the server
(mode 0600) and of other rollouts are not its to read, rlimits such as the process count are per
rollout, and every process it left behind is found by uid and killed when the rollout ends.

The bwrap binary is resolved once, to an absolute path in the system directories, so nothing a
task puts on its PATH is ever run by the server.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .limits import Limits

log = logging.getLogger("synth_pools_server.sandbox")

MODES = ("auto", "bubblewrap", "none")
# Where bwrap and bash are looked up: system directories only, never the server's or a task's PATH.
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
UID_BASE = 200_000  # rollout uids: UID_BASE .. UID_BASE + UID_SLOTS - 1 (no account uses them)
UID_SLOTS = 4_096


class SandboxError(Exception):
    """The sandbox asked for cannot be had; the message says what to do."""


@dataclass(frozen=True)
class Isolation:
    mode: str  # "bubblewrap" | "none"
    bwrap: str | None  # absolute path of the bwrap binary in bubblewrap mode
    own_uids: bool  # the server is root: each rollout runs as its own unprivileged uid

    def describe(self) -> str:
        who = "each rollout as its own unprivileged uid" if self.own_uids else "as the server's user"
        if self.mode == "bubblewrap":
            return (
                f"sandbox: bubblewrap ({self.bwrap}): commands run {who}, no network, read-only "
                "system, private /tmp, the data dir and other rollouts hidden"
            )
        return (
            f"sandbox: NONE: commands run as plain subprocesses {who}; they share the host's network "
            "and filesystem (use only with code you trust)"
        )


_active: Isolation | None = None


def find_bwrap() -> str | None:
    exe = shutil.which("bwrap", path=SYSTEM_PATH)
    return os.path.realpath(exe) if exe else None


@cache
def bwrap_works(exe: str) -> bool:
    try:
        probe = subprocess.run(
            [exe, "--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--die-with-parent", "true"],
            capture_output=True,
            timeout=10,
            check=False,
            env={"PATH": SYSTEM_PATH},
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0


def configure(mode: str = "auto", orgs: int = 1) -> Isolation:
    """Choose the isolation for this process; SandboxError when the choice cannot hold."""
    global _active
    if mode not in MODES:
        raise SandboxError(f"--sandbox {mode!r}: choose one of {', '.join(MODES)}")
    exe = find_bwrap()
    usable = exe is not None and bwrap_works(exe)
    if mode in ("auto", "bubblewrap") and not usable:
        why = "bwrap is not installed" if exe is None else f"{exe} cannot create namespaces here"
        raise SandboxError(
            f"no sandbox for rollout commands: {why}. Install bubblewrap (`make sandbox`, or "
            "`apt-get install bubblewrap`), or pass `--sandbox none` to run commands unsandboxed "
            "(one organisation only)"
        )
    if mode == "none" and orgs > 1:
        raise SandboxError(
            f"--sandbox none is refused with {orgs} organisations configured: without a sandbox one "
            "organisation's commands can read another's data. Install bubblewrap, or serve one organisation"
        )
    _active = Isolation(
        "none" if mode == "none" else "bubblewrap", exe if mode != "none" else None, os.geteuid() == 0
    )
    return _active


def active() -> Isolation:
    """The configured isolation; a process that never configured one gets bubblewrap when it works,
    else none (only code that embeds the backend in-process without `serve` gets there)."""
    global _active
    if _active is None:
        exe = find_bwrap()
        ok = exe is not None and bwrap_works(exe)
        _active = Isolation("bubblewrap" if ok else "none", exe if ok else None, os.geteuid() == 0)
    return _active


def bwrap_usable() -> bool:
    return active().mode == "bubblewrap"


def sandbox_name() -> str:
    return "bubblewrap" if bwrap_usable() else "subprocess"


# -- per-rollout uids --------------------------------------------------------------------------
# uid -> the fd of its lock file: a uid is taken by flock, so backends on one machine (each with
# its own data dir) never hand the same uid to two rollouts
_uids_in_use: dict[int, int] = {}


def acquire_uid() -> int | None:
    """A uid no running rollout of any backend here has (None when the server cannot switch
    uids: not root)."""
    if not active().own_uids:
        return None
    locks = _scratch_root() / ".uids"
    locks.mkdir(mode=0o700, exist_ok=True)
    for uid in range(UID_BASE, UID_BASE + UID_SLOTS):
        if uid in _uids_in_use:
            continue
        fd = os.open(locks / str(uid), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        _uids_in_use[uid] = fd
        kill_uid(uid)  # whatever a crashed backend left running under it
        return uid
    raise SandboxError(f"all {UID_SLOTS} rollout uids are in use")


def release_uid(uid: int | None) -> None:
    if uid is not None:
        kill_uid(uid)
        fd = _uids_in_use.pop(uid, None)
        if fd is not None:
            os.close(fd)


def kill_uid(uid: int) -> int:
    """SIGKILL every process owned by `uid`; repeated until none is left (a fork loop races a
    single pass). Returns how many were killed. In every mode: under bubblewrap a command's pid
    namespace dies with it, but a process of the rollout's uid outside it (one a crashed backend
    left, or one that got out by any other way) is found only by this scan, at acquire and release."""
    killed = 0
    for _ in range(20):
        found = 0
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                owner = os.stat(f"/proc/{name}").st_uid  # /proc/PID belongs to the process's uid
            except OSError:
                continue
            if owner == uid:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(int(name), signal.SIGKILL)
                    found += 1
        killed += found
        if not found:
            break
    return killed


SCRATCH_ROOT = Path("/tmp/synth-pools-work")


def _scratch_root() -> Path:
    SCRATCH_ROOT.mkdir(mode=0o711, exist_ok=True)
    st = SCRATCH_ROOT.lstat()
    if SCRATCH_ROOT.is_symlink() or st.st_uid != os.geteuid():
        raise SandboxError(f"{SCRATCH_ROOT} is not the backend's own directory; remove it and restart")
    os.chmod(SCRATCH_ROOT, 0o711)
    return SCRATCH_ROOT


def scratch_dir(rollout_id: str) -> Path:
    """Where a rollout with its own uid works: a root-owned 0711 directory that every uid can pass
    through (the data dir may sit under a 0700 home no rollout uid can enter). Each workdir in it
    is 0700 and its rollout's own; under bubblewrap all of /tmp is hidden besides."""
    return _scratch_root() / rollout_id


def give_to(uid: int | None, root: Path) -> None:
    """Make the workdir the rollout's own (it must write there as its uid)."""
    if uid is None:
        return
    os.chown(root, uid, uid)
    os.chmod(root, 0o700)  # no other rollout's uid may look in
    for dirpath, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            with contextlib.suppress(OSError):
                os.lchown(os.path.join(dirpath, name), uid, uid)


# -- the command line and the child's setup ------------------------------------------------------
def host_env(env: Mapping[str, str]) -> dict[str, str]:
    """The environment of the process the server starts on the host. Under bubblewrap the task's
    variables are set inside the sandbox by `wrap` (`--setenv`), never on bwrap itself: a task's
    LD_PRELOAD, LD_LIBRARY_PATH or GCONV_PATH would run its code in bwrap, on the host, before any
    namespace exists. Docker's client gets the fixed environment too. Without a sandbox, the task's."""
    if active().mode == "none":
        return dict(env)
    return {"PATH": SYSTEM_PATH, "LANG": "C.UTF-8"}


def wrap(command: str, workdir: Path, hidden: list[Path], env: Mapping[str, str]) -> list[str]:
    """argv running `bash -c command` in workdir under the active isolation, with `env` inside."""
    iso = active()
    bash = shutil.which("bash", path=SYSTEM_PATH) or "/bin/bash"
    if iso.mode != "bubblewrap":
        return [bash, "-c", command]
    assert iso.bwrap is not None
    argv = [iso.bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for path in [*hidden, SCRATCH_ROOT, Path("/root"), Path("/home"), Path("/run"), Path("/var/tmp")]:
        if path.is_dir():
            argv += ["--tmpfs", str(path)]
        elif path.exists():  # a file (the keys file): an empty one in its place
            argv += ["--ro-bind", "/dev/null", str(path)]
    argv += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    # No --new-session: the sandbox must stay in the process group the server created
    # (start_new_session already detached it from any terminal), so one killpg reaches the
    # sandbox's init and with it everything in its pid namespace.
    argv += ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    argv += ["--unshare-cgroup-try", "--die-with-parent", "--cap-drop", "ALL", "--clearenv"]
    for name, value in env.items():
        argv += ["--setenv", name, value]
    return [*argv, bash, "-c", command]


def docker_argv(image: str, command: str, workdir: Path) -> list[str]:
    docker = shutil.which("docker", path=SYSTEM_PATH) or "docker"
    argv = [docker, "run", "--rm", "--network", "none", "-v", f"{workdir}:/work", "-w", "/work", image]
    return [*argv, "bash", "-c", command] if command else argv  # no command: the image's own entrypoint


@cache
def docker_status() -> tuple[bool, str | None]:
    """(available, reason); asked once, since `docker info` is slow and the answer rarely changes."""
    exe = shutil.which("docker", path=SYSTEM_PATH)
    if not exe:
        return False, "Docker engine unavailable: the docker CLI is not installed"
    try:
        probe = subprocess.run([exe, "info"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False, "Docker engine unavailable: `docker info` did not answer"
    if probe.returncode != 0:
        return False, "Docker engine unavailable: `docker info` failed (is the Docker daemon running?)"
    return True, None


_PR_SET_PDEATHSIG = 1


def die_with_server() -> None:
    """The child gets SIGKILL if the server dies (kill -9 leaves no orphans)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def child_setup(limits: Limits, uid: int | None) -> Callable[[], None]:
    """preexec_fn: rlimits, then the rollout's uid, then the parent-death signal (a uid change
    clears it, so it comes last)."""

    def setup() -> None:
        caps = [
            (resource.RLIMIT_AS, limits.memory_bytes),
            (resource.RLIMIT_CPU, limits.cpu_sec),
            (resource.RLIMIT_FSIZE, limits.file_bytes),
            (resource.RLIMIT_CORE, 0),
        ]
        if uid is not None:  # counted per real uid: only meaningful when the rollout has its own
            caps.append((resource.RLIMIT_NPROC, limits.processes + 2))  # + bwrap and its init
        for which, value in caps:
            # CPU: the soft limit sends SIGXCPU (how the runner tells the reason), the hard one kills
            hard = value + 5 if which == resource.RLIMIT_CPU else value
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(which, (int(value), int(hard)))
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        die_with_server()

    return setup


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
