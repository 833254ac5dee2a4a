"""README's command-line session runs as written against a fresh local backend, and prints what the
README shows: line for line, once what differs from run to run (times, ids, keys, hashes, numbers,
a table's padding) is set aside. An ``...`` line in the README stands for lines it leaves out, and
a command shown without output may print any; stdout and stderr are read together, as a terminal
shows them, with the timestamped progress lines a command writes off a terminal as extras.

Not run: `serve` and `export` (the test's backend stands in for them). The unreachable backend is
a port nothing listens on here (the README's 8788 may be in use on this machine).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.backend import REPO, start_backend

README = REPO / "README.md"
BIN = Path(sys.executable).parent

_VARYING = (
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"), "<time>"),
    (re.compile(r"\bro_[0-9a-f]{20}\b"), "<id>"),
    (re.compile(r"\bcli-[0-9a-f]{16}\b"), "<key>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<sha256>"),
    (re.compile(r"http://127\.0\.0\.1:\d+"), "<url>"),
    (re.compile(r"\d[\d,]*(\.\d+)?"), "<n>"),
    (re.compile(r"([━─])\1+"), r"\1"),  # a table's rules: as long as its content
    (re.compile(r"\s+"), " "),  # and its cells' padding
)


def shape(line: str) -> str:
    for pattern, replacement in _VARYING:
        line = pattern.sub(replacement, line)
    return line.strip()


def session() -> list[tuple[str, list[str]]]:
    """The first console block of "The command line": each command and the lines it printed."""
    section = README.read_text(encoding="utf-8").split("## The command line", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block is not None, "README lost its command-line session"
    steps: list[tuple[str, list[str]]] = []
    continued = False
    for line in block.group(1).splitlines():
        if line.startswith("$ ") or continued:
            if continued:
                steps[-1] = (steps[-1][0] + "\n" + line, [])
            else:
                steps.append((line[2:], []))
            continued = line.endswith("\\")
        else:
            steps[-1][1].append(line)
    return steps


def printed_as_shown(shown: list[str], printed: list[str]) -> bool:
    """Every line shown (but ``...``) is printed, in order; ``...`` may stand for any lines."""
    wanted = [shape(line) for line in shown]
    # progress lines (off a terminal) come as time allows: those shown must be printed, in
    # order, and others may come between (a quarter's milestone, a line every interval)
    got = [shape(line) for line in printed if line.strip()]
    position = 0
    for index, line in enumerate(wanted):
        if line == "...":
            continue
        elided = index > 0 and wanted[index - 1] == "..."
        while (
            position < len(got) and got[position] != line and (elided or got[position].startswith("<time>"))
        ):
            position += 1
        if position >= len(got) or got[position] != line:
            return False
        position += 1
    rest = [line for line in got[position:] if not line.startswith("<time>")]
    return not wanted or wanted[-1] == "..." or not rest


def test_the_command_line_session_prints_what_readme_shows(tmp_path: Path) -> None:
    steps = session()
    assert steps[0][0].startswith("synth-pools serve ") and steps[1][0].startswith("export ")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with start_backend(tmp_path, {"sk_local_dev": "pro"}) as backend:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SYNTH_")}
        env.update(SYNTH_BACKEND_URL=backend.base_url, SYNTH_API_KEY="sk_local_dev", COLUMNS="80")
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        first_id: str | None = None
        checked = 0
        for command, shown in steps[2:]:
            if first_id is not None:
                command = re.sub(r"\bro_[0-9a-f]{20}\b", first_id, command)
            command = command.replace("http://127.0.0.1:8788", closed)
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=120,
                check=False,
            )
            printed = done.stdout.splitlines()
            assert printed_as_shown(shown, printed), (command, shown, printed)
            if first_id is None and (found := re.search(r"\bro_[0-9a-f]{20}\b", done.stdout)):
                first_id = found.group(0)
            checked += 1
    assert checked >= 10 and first_id is not None
