"""The wheel works where users install it: a fresh virtualenv outside the repository.

Built once per run from a copy of the checkout's files (``python -m build``: sdist, then the wheel
from that sdist; ``twine check`` on both), installed with ``[server,cli]`` into a new virtualenv in
a temporary folder. From there ``synth-pools serve`` starts the local backend, and that
virtualenv's Python runs the reference document's quick start (examples/quickstart.py) and one
CLI command, from a working directory outside the checkout: once plain, once holding a
``generated/`` package of its own (a common name for a user's protobuf or OpenAPI output, which a
top-level ``generated`` in the wheel would collide with). Nothing from the checkout is on the path.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from synth_pools._version import __version__

ROOT = Path(__file__).resolve().parents[2]
READY = re.compile(r"synth-pools local backend listening on (http://\S+)")
API_KEY = "sk_wheel_test"
# The variables that could point a child process back at the checkout or the dev virtualenv.
LEAKY = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONSAFEPATH")


@dataclass
class Installed:
    wheel: Path
    venv: Path
    home: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def cli(self) -> Path:
        return self.venv / "bin" / "synth-pools"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in LEAKY and not k.startswith("SYNTH_")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return env | extra


def _run(command: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, (
        f"{command}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done


def _copy_checkout(into: Path) -> None:
    """The files git would commit (tracked and new, not ignored), symlinks kept as symlinks."""
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT
    ).stdout.split("\0")
    for name in filter(None, listed):
        source, target = ROOT / name, into / name
        if not source.is_symlink() and not source.exists():
            continue  # deleted in the work tree, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    home = tmp_path_factory.mktemp("wheel-user")
    assert ROOT not in home.parents
    source, dist = home / "source", home / "dist"
    _copy_checkout(source)
    # --no-isolation: the dev set pins the build backend, so no second environment is made
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, source])
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(dist.iterdir())
    _run([sys.executable, "-m", "twine", "check", "--strict", wheels[0], sdists[0]])
    venv = home / "venv"
    _run([sys.executable, "-m", "venv", venv])
    spec = f"synth-pools[server,cli] @ {wheels[0].as_uri()}"
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", spec])
    return Installed(wheels[0], venv, home)


def test_the_wheel_holds_only_our_packages(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    top = sorted({name.split("/")[0] for name in names})
    assert top == ["synth_pools", f"synth_pools-{__version__}.dist-info", "synth_pools_server"], top
    assert "synth_pools_server/synth-pools.yaml" in names
    assert sum(name.startswith("synth_pools/_generated/api/") for name in names) > 50
    assert "synth_pools/_generated" not in names  # a folder of real files, not a link
    site = _run(
        [installed.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        cwd=installed.home,
        env=installed.env(),
    ).stdout.strip()
    assert not (Path(site) / "generated").exists()
    metadata = (
        zipfile.ZipFile(installed.wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    assert "License-Expression: MIT" in metadata


class Served:
    """`synth-pools serve` from the installed virtualenv; stopped by its own PID."""

    def __init__(self, installed: Installed, workdir: Path) -> None:
        command = [str(installed.cli), "serve", "--port", "0", "--data-dir", str(workdir / ".backend")]
        command += ["--api-key", f"{API_KEY}:pro", "--log-level", "warning"]
        self.proc = subprocess.Popen(
            command,
            cwd=workdir,
            env=installed.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        assert self.proc.stdout is not None
        threading.Thread(
            target=lambda: [lines.put(line) for line in self.proc.stdout or ()], daemon=True
        ).start()
        self.url = ""
        while not self.url:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                self.stop()
                pytest.fail(f"serve printed no ready line in 60 s: {''.join(self.output)}")
            self.output.append(line)
            found = READY.search(line)
            if found:
                self.url = found.group(1)
            elif self.proc.poll() is not None:
                pytest.fail(f"serve exited {self.proc.returncode}: {''.join(self.output)}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def served(installed: Installed, request: pytest.FixtureRequest) -> Iterator[tuple[Served, Path]]:
    workdir = installed.home / f"project-{request.node.callspec.id}"
    workdir.mkdir()
    if request.node.callspec.params["cwd"] == "own-generated-package":
        (workdir / "generated").mkdir()
        (workdir / "generated" / "__init__.py").write_text('"""The user\'s own generated code."""\n')
        (workdir / "generated" / "api.py").write_text("SHADOW = True\n")
    server = Served(installed, workdir)
    try:
        yield server, workdir
    finally:
        server.stop()


PROBE = """
import json, os, runpy, sys
root = os.path.realpath(sys.argv[1])
on_path = [p for p in sys.path if os.path.realpath(p or ".").startswith(root + os.sep)]
assert not on_path, f"the checkout is on sys.path: {on_path}"
runpy.run_path("quickstart.py", run_name="__main__")
import synth_pools, synth_pools_server
generated = sys.modules.get("generated")
print("PROBE " + json.dumps({
    "synth_pools": synth_pools.__file__,
    "server": synth_pools_server.__file__,
    "generated": getattr(generated, "__file__", None),
}))
"""


@pytest.mark.parametrize("cwd", ["plain", "own-generated-package"])
def test_serve_quick_start_and_cli_from_the_installed_wheel(
    installed: Installed, served: tuple[Served, Path], cwd: str
) -> None:
    server, workdir = served
    env = installed.env(SYNTH_API_KEY=API_KEY, SYNTH_BACKEND_URL=server.url)
    fetch = (
        "import os, sys, urllib.request; "
        "request = urllib.request.Request(sys.argv[1] + '/v1/openapi.json', "
        "headers={'Authorization': 'Bearer ' + os.environ['SYNTH_API_KEY']}); "
        "print(urllib.request.urlopen(request, timeout=30).read().decode())"
    )
    spec = _run([installed.python, "-c", fetch, server.url], cwd=workdir, env=env).stdout
    served_paths = json.loads(spec)["paths"]
    assert (
        served_paths.keys()
        == yaml.safe_load((ROOT / "openapi" / "synth-pools.yaml").read_text())["paths"].keys()
    )

    shutil.copy(ROOT / "examples" / "quickstart.py", workdir / "quickstart.py")
    (workdir / "probe.py").write_text(PROBE)
    done = _run([installed.python, "probe.py", ROOT], cwd=workdir, env=env, timeout=180)
    assert "'event': 'lifecycle'" in done.stdout and "llm_input_tokens" in done.stdout, done.stdout[-2000:]
    probe = json.loads(done.stdout.rsplit("PROBE ", 1)[1])
    assert Path(probe["synth_pools"]).is_relative_to(installed.venv), probe
    assert Path(probe["server"]).is_relative_to(installed.venv), probe
    if cwd == "own-generated-package":
        # the user's package is importable beside ours (and untouched by the SDK)
        assert probe["generated"] is None
        mine = _run(
            [installed.python, "-c", "import generated.api as g; print(g.SHADOW)"], cwd=workdir, env=env
        )
        assert mine.stdout.strip() == "True"

    listed = _run([installed.cli, "--json", "pools", "list"], cwd=workdir, env=env, timeout=120)
    assert "my-pool" in listed.stdout, listed.stdout[-2000:]
