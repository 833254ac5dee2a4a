"""J1: what the batch journal costs. ``run_batch`` of 1,000 rollouts x 200 events, with and without it.

    python benchmarks/batch_journal.py            # 1,000 rollouts x 200 events, 3 rounds
    python benchmarks/batch_journal.py --quick    # 50 x 200, 2 rounds
    python benchmarks/run.py --only J1            # the same rows inside `make bench` (own process)

The same batch runs three ways per round (order rotated): without a journal (the baseline:
events="last", every event still streamed and handled), with a journal keeping the resume point
(events="last"), and with a journal keeping every event (events="keep"). Each row is a journal run
against the baseline of the same round.

The rollouts come from a small event server in a child process (below), not the local backend:
the backend spends far more per event than the client, which would hide the client's cost. It
answers create, get, usage, and each rollout's event stream (199 agent events and the terminal
lifecycle event, from ``cursor=`` on) as one SSE body.

Inside ``make bench`` this module runs in a process of its own (:func:`run_isolated`): a batch of
64 threads is sensitive to what the process already holds, and the figures should describe a
batch, not what the benchmarks before it left behind.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import itertools
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _table import Row, render

EVENTS_PER_ROLLOUT = 200
STAMP = "2026-01-01T00:00:00Z"


def _events_body(rollout_id: str, after: int) -> bytes:
    frames = []
    for seq in range(after + 1, EVENTS_PER_ROLLOUT + 1):
        if seq < EVENTS_PER_ROLLOUT:
            kind, data = (
                "agent",
                {"type": "tool_output", "stream": "stdout", "line": f"step {seq} of the agent"},
            )
        else:
            kind, data = "lifecycle", {"status": "succeeded", "reason": None, "reward": 0.5}
        env = {"id": f"{rollout_id}:{seq}", "event": kind, "seq": seq, "timestamp": STAMP, "data": data}
        frames.append(f"id: {rollout_id}:{seq}\nevent: {kind}\ndata: {json.dumps(env)}\n\n")
    return "".join(frames).encode()


def _app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    counter = itertools.count(1)

    def body(doc: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(doc), status, media_type="application/json")

    async def create(request: Request) -> Response:
        await request.body()
        return body({"rollout_id": f"ro-{next(counter):08d}", "status": "queued", "created_at": STAMP}, 201)

    async def get(request: Request) -> Response:
        rid = request.path_params["rollout_id"]
        times = {"created_at": STAMP, "started_at": STAMP, "finished_at": STAMP}
        return body({"rollout_id": rid, "status": "succeeded", "reward": 0.5, **times})

    async def usage(request: Request) -> Response:
        return body(
            {"rollout_id": request.path_params["rollout_id"], "cost_usd": 0.01, "llm_input_tokens": 10}
        )

    async def events(request: Request) -> Response:
        rid = request.path_params["rollout_id"]
        cursor = request.query_params.get("cursor") or ""
        after = int(cursor.rsplit(":", 1)[-1]) if cursor.rsplit(":", 1)[-1].isdigit() else 0
        return Response(_events_body(rid, after), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/v1/rollouts", create, methods=["POST"]),
            Route("/v1/rollouts/{rollout_id}", get, methods=["GET"]),
            Route("/v1/rollouts/{rollout_id}/usage", usage, methods=["GET"]),
            Route("/v1/rollouts/{rollout_id}/events", events, methods=["GET"]),
        ]
    )


def _serve() -> None:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # TCP_NODELAY
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    print(sock.getsockname()[1], flush=True)
    config = uvicorn.Config(
        _app(), loop="asyncio", http="h11", lifespan="off", log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


class EventServer:
    """The app above in a child process; ``stop()`` ends that PID only."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"], stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if not line.isdigit():
            self.stop()
            raise RuntimeError(f"event server did not report a port (got {line!r})")
        self.base_url = f"http://127.0.0.1:{line}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def _requests(n: int) -> list[dict[str, Any]]:
    return [
        {
            "pool_id": "bench",
            "task_ref": {"dataset": "bench", "task_id": "t"},
            "agent": {"harness": "codex"},
            "task_app_url": "http://127.0.0.1:1/unused",
            "timeouts": {"agent_sec": 60},
            "metadata": {"seed": i},
        }
        for i in range(n)
    ]


def _one_run(base_url: str, n: int, journal: Path | None, events: str) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) of one batch."""
    from synth_pools import EnvironmentPoolsClient

    gc.collect()  # every variant starts from the same heap, not the garbage of the one before
    with EnvironmentPoolsClient(api_key="sk_bench", backend_base=base_url) as client:
        started, cpu = time.perf_counter(), time.process_time()
        result = client.rollouts.run_batch(_requests(n), journal=journal, events=events, concurrency=64)  # type: ignore[arg-type]
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not result.complete or sum(row.events for row in result) != n * EVENTS_PER_ROLLOUT:
        raise RuntimeError(f"the batch did not finish every rollout with every event: {result!r}")
    return elapsed, cpu


def _resume_start(n: int, rounds: int, scratch: Path) -> tuple[list[float], list[float]]:
    """(seconds to start a batch resuming an n-request journal, seconds without one) per round:
    ``BatchPlan`` alone, before any request is sent (checking and redacting the requests is in both)."""
    from synth_pools.batch._plan import BatchPlan

    requests = _requests(n)
    path = scratch / "j1-resume.db"
    # run_batch's default options
    options: dict[str, Any] = {
        "events": "last", "on_event": None, "progress": False, "concurrency": 64, "retry": None,
        "rerun_failed": None, "max_cost_usd": None, "max_tokens": None, "max_rollouts": None,
        "on_budget": "stop", "batch_create": False,
    }  # fmt: skip
    BatchPlan(requests, journal=path, **options).close()
    with_journal: list[float] = []
    without: list[float] = []
    for _ in range(rounds):
        for journal, times in ((path, with_journal), (None, without)):
            gc.collect()
            started = time.perf_counter()
            plan = BatchPlan(requests, journal=journal, **options)
            times.append(time.perf_counter() - started)
            plan.close()
    return with_journal, without


def run(quick: bool, rounds: int, scratch: Path) -> list[Row]:
    n = 50 if quick else 1000
    server = EventServer()
    variants = {"none": (False, "last"), "last": (True, "last"), "keep": (True, "keep")}
    times: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    try:
        _one_run(server.base_url, min(n, 50), None, "last")  # warm-up: imports, connections
        for r in range(rounds):
            order = list(variants)[r % 3 :] + list(variants)[: r % 3]
            for name in order:
                with_journal, events = variants[name]
                journal = scratch / f"j1-{r}-{name}.db" if with_journal else None
                wall, used = _one_run(server.base_url, n, journal, events)
                times[name].append(wall)
                cpu[name].append(used)
    finally:
        server.stop()
    resumed, fresh = _resume_start(10 * n, rounds, scratch)
    size = f"{n:,} rollouts x {EVENTS_PER_ROLLOUT} events"
    return [
        Row("J1", f"run_batch, journal events='last' ({size})", "s", times["last"],
            "no journal", times["none"], target="ratio<= 1.10"),
        Row("J1", f"run_batch, journal events='keep' ({size})", "s", times["keep"],
            "no journal", times["none"], target="ratio<= 1.10",
            note="every event stored once, as the text it came in: each stream hands the journal batches of 256 (or"
                 " 0.1 s), one zlib-compressed JSON-array chunk per rollout and flush, committed every 0.25 s"),
        Row("J1", f"client CPU, journal events='last' ({size})", "s", cpu["last"],
            "no journal", cpu["none"],
            note="CPU of the client process only (the event server is another process): steadier than wall time on a shared machine"),
        Row("J1", f"client CPU, journal events='keep' ({size})", "s", cpu["keep"],
            "no journal", cpu["none"]),
        Row("J1", f"batch start resuming a {10 * n:,}-request journal (before any request)", "s", resumed,
            "no journal", fresh,
            note="the journal file is opened once and its rows read once (checked to be the same batch, and handed to the plan)"),
    ]  # fmt: skip


def run_isolated(quick: bool, rounds: int) -> list[Row]:
    """:func:`run` in a new interpreter (see the module docstring); its rows come back as JSON."""
    with tempfile.TemporaryDirectory(prefix="synth-bench-j1-") as tmp:
        out = Path(tmp) / "rows.json"
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--rounds",
            str(rounds),
            "--rows-json",
            str(out),
        ]
        subprocess.run(command + (["--quick"] if quick else []), check=True, stdout=subprocess.DEVNULL)
        return [Row(**fields) for fields in json.loads(out.read_text())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument(
        "--rows-json", type=Path, default=None, help="also write the rows here (run_isolated)"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        _serve()
        return 0
    with tempfile.TemporaryDirectory(prefix="synth-bench-j1-") as tmp:
        rows = run(args.quick, args.rounds or (2 if args.quick else 3), Path(tmp))
    if args.rows_json is not None:
        args.rows_json.write_text(json.dumps([dataclasses.asdict(row) for row in rows]))
    print(
        render(
            rows, f"J1 batch journal overhead: `python benchmarks/batch_journal.py {' '.join(sys.argv[1:])}`"
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
