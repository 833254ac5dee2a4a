"""`make demo`: the SDK drives a pool and a batch of rollouts end to end on the embedded local backend.

Starts the backend in a temporary data dir, creates a pool with three real command tasks (each
runs in its own sandboxed working directory; a verifier turns its output into a reward), launches
a batch of rollouts with AgentSpec presets, shows live progress, prints rewards and usage, streams
one rollout's events, downloads every rollout's artifacts (into .demo-output/, whose zips are
replaced on each run; examples/demo_batch.py's journal there stays), runs the reference
document's quick start unchanged (examples/quickstart.py), stops the backend and prints the
commands to try next.
"""

from __future__ import annotations

import os
import runpy
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

from synth_pools import AgentSpec, EnvironmentPoolsClient
from synth_pools.cli.progress import BatchProgress, RolloutRow, print_rollouts
from synth_pools.cli.summary import print_summary
from synth_pools_server import sandbox
from synth_pools_server.launcher import start_backend

console = Console()
OUTPUT = Path(".demo-output")

# Plain POSIX tools only: the sandbox mounts the system read-only and has no network.
TASKS = [
    {
        "task_id": "word-count",
        "backend": "local",
        "run": {
            "files": {"words.txt": "alpha beta gamma beta delta beta alpha\n"},
            "command": "tr ' ' '\\n' < words.txt | sort | uniq -c | sort -rn > counts.txt && cat counts.txt",
            "verifier": "head -1 counts.txt | grep -q '3 beta' && echo 1.0 || echo 0.0",
        },
    },
    {
        "task_id": "primes",
        "backend": "local",
        "run": {
            "command": (
                "for n in $(seq 2 100); do f=0; for d in $(seq 2 $((n-1))); do "
                "[ $((n % d)) -eq 0 ] && f=1 && break; done; [ $f -eq 0 ] && echo $n; done > primes.txt; "
                "wc -l < primes.txt"
            ),
            "verifier": "[ $(wc -l < primes.txt) -eq 25 ] && echo 1.0 || echo 0.0",
        },
    },
    {
        "task_id": "checksum",
        "backend": "local",
        "run": {
            "files": {"data.txt": "synth pools\n"},
            "command": "sha256sum data.txt > digest.txt && cat digest.txt",
            # partial credit: the verifier's last line is the reward
            "verifier": "grep -q data.txt digest.txt && echo 0.5 || echo 0.0",
        },
    },
]
AGENTS = [AgentSpec.claude_code(), AgentSpec.codex(), AgentSpec.opencode()]


def main() -> int:
    with (
        tempfile.TemporaryDirectory(prefix="synth-pools-demo-") as data_dir,
        start_backend(Path(data_dir), **backend_options()) as backend,
    ):
        console.print(
            f"[bold]local backend[/bold] {backend.base_url} (pid {backend.pid}, data in {data_dir})",
            soft_wrap=True,
        )
        with EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as client:
            _say_sandbox(client.capabilities.get())
            pool = client.pools.create(
                request={"pool_id": "demo-pool", "pool_type": "sandbox", "concurrency": 4}
            )
            for task in TASKS:
                client.pools.tasks.create(pool["pool_id"], request=task)
            console.print(
                f"pool [bold]{pool['pool_id']}[/bold] with tasks {', '.join(t['task_id'] for t in TASKS)}"
            )

            handles = [
                client.rollouts.create(
                    {
                        "task_ref": {"dataset": "demo", "task_id": task["task_id"]},
                        "agent": agent.model_dump(exclude_none=True),
                        "task_app_url": f"{backend.base_url}/v1/pools/demo-pool/tasks/{task['task_id']}",
                        "timeouts": {"agent_sec": 60, "verifier_sec": 30},
                        "pool_id": "demo-pool",
                    }
                )
                for task in TASKS
                for agent in AGENTS
            ]
            rows = [
                RolloutRow(handle.rollout_id, task=task["task_id"], agent=agent.harness)
                for handle, (task, agent) in zip(
                    handles, [(t, a) for t in TASKS for a in AGENTS], strict=True
                )
            ]
            # a live line on a terminal; timestamped lines when piped (CI, `make demo | tee`)
            BatchProgress(rows, fetch_summary=client.rollouts.summary).run(
                live=console.is_terminal, line_interval=2.0
            )
            print_rollouts(rows)
            print_summary([row.outcome() for row in rows])

            first = handles[0]
            console.print(f"\n[bold]events of {first.rollout_id}[/bold] (replayed from the store)")
            for event in first.events():
                console.print(
                    f"  {event['seq']:>3} {event['event']:<10} {event['data']}",
                    highlight=False,
                    soft_wrap=True,
                )
            console.print(f"\n[bold]usage of {first.rollout_id}[/bold] {first.usage()}", soft_wrap=True)

            OUTPUT.mkdir(exist_ok=True)
            for old in OUTPUT.glob("*.zip"):  # one run's artifacts, not every run's
                old.unlink()
            for handle in handles:
                handle.download_zip(OUTPUT / f"{handle.rollout_id}.zip")
            console.print(f"\nartifacts of {len(handles)} rollouts downloaded to {OUTPUT.resolve()}/")
            failed = [row for row in rows if row.status not in ("completed", "succeeded")]

        console.print(
            "\n[bold]the reference document's quick start, as written[/bold] (examples/quickstart.py)"
        )
        os.environ.update(SYNTH_BACKEND_URL=backend.base_url, SYNTH_API_KEY=backend.api_key)
        runpy.run_path(str(Path(__file__).with_name("quickstart.py")), run_name="__main__")
    console.print("backend stopped")
    console.print(NEXT, highlight=False, soft_wrap=True)
    return 1 if failed else 0


def backend_options() -> dict[str, Any]:
    """The backend refuses to run commands without bubblewrap unless told `--sandbox none` (and then
    serves one organisation only). The demo runs only its own commands, so where bubblewrap is
    missing it says so loudly and makes that choice, with a single key."""
    exe = sandbox.find_bwrap()
    if exe is not None and sandbox.bwrap_works(exe):
        return {}
    console.print(
        "[bold yellow]warning:[/bold yellow] bubblewrap is not available here, so the demo starts its backend"
        " with `--sandbox none`: its own commands run as plain subprocesses with your user's access."
        " `make sandbox` installs bubblewrap (as root, or with sudo).",
        soft_wrap=True,
    )
    return {"keys": {"sk_demo": "pro"}, "extra_args": ["--sandbox", "none"]}


def _say_sandbox(capabilities: dict[str, object]) -> None:
    features = capabilities.get("features")
    isolated = isinstance(features, dict) and features.get("sandbox_bubblewrap")
    if isolated:
        console.print("sandbox: bubblewrap (each rollout's command sees a read-only system, no network)")
    else:
        console.print(
            "[yellow]sandbox: none[/yellow] - bubblewrap is not installed, so rollout commands run as plain"
            " subprocesses with your user's access (`make sandbox` installs it)"
        )


NEXT = """
next, try the command line (.venv/bin/synth-pools; `synth-pools --help` lists every command):
  synth-pools serve --port 8787                 # a local backend; keep it running, it prints its key
  export SYNTH_BACKEND_URL=http://127.0.0.1:8787 SYNTH_API_KEY=<the key serve printed>
  synth-pools pools create demo && synth-pools tasks add demo hello --command 'echo hi > out.txt' --verifier 'echo 1.0'
  synth-pools rollouts launch --pool demo --task hello -n 5 --journal run1.db
  synth-pools rollouts collect run1.db -o run1.csv
or run the demo's rollouts as a journaled batch and look at them in Inspect's viewer:
  python examples/demo_batch.py && synth-pools view .demo-output/demo.db
or read examples/demo.py and examples/quickstart.py (the SDK calls this demo made)."""


if __name__ == "__main__":
    sys.exit(main())
