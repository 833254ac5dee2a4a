"""`synth-pools pools ...` and `synth-pools tasks ...`."""

from pathlib import Path
from typing import Annotated, Any

import typer

from synth_pools.cli.inputs import load_document, parse_pairs
from synth_pools.cli.one_call import deleting, showing
from synth_pools.cli.output import console, show
from synth_pools.cli.state import CliState

POOL_COLUMNS = ["pool_id", "pool_type", "state", "concurrency", "max_queue", "task_count", "created_at"]
TASK_COLUMNS = ["task_id", "backend", "docker_image", "created_at"]

pools = typer.Typer(help="Create, inspect and delete pools.", no_args_is_help=True)
tasks = typer.Typer(help="Manage the tasks of a pool.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(pools, name="pools")
    app.add_typer(tasks, name="tasks")


def _pool_request(
    base: dict[str, Any],
    request_file: Path | None,
    concurrency: int | None,
    max_queue: int | None,
    max_running: int | None,
    tags: list[str] | None,
) -> dict[str, Any]:
    """``base``, the --file body over it, then the flags given over both (create and update)."""
    loaded = load_document(request_file) if request_file else {}
    if not isinstance(loaded, dict):
        raise typer.BadParameter("the file must hold one pool (a JSON/YAML object)", param_hint="--file")
    flags: dict[str, Any] = {"concurrency": concurrency, "max_queue": max_queue, "max_running": max_running}
    flags["policy_tags"] = tags or None  # no --tag: the tags stay as they are
    return base | loaded | {key: value for key, value in flags.items() if value is not None}


Concurrency = Annotated[int | None, typer.Option(min=1, help="Rollouts run at once.")]
MaxQueue = Annotated[int | None, typer.Option(min=0, help="Queued rollouts before 429.")]
MaxRunning = Annotated[int | None, typer.Option(min=1)]
Tags = Annotated[list[str] | None, typer.Option("--tag", help="Policy tag (repeatable).")]
RequestFile = Annotated[
    Path | None, typer.Option("--file", exists=True, dir_okay=False, help="Full JSON/YAML body.")
]


@pools.command("list")
def list_pools(
    ctx: typer.Context,
    pool_type: Annotated[str | None, typer.Option("--type", help="Only pools of this type.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only pools with this policy tag.")] = None,
) -> None:
    """List pools."""
    state: CliState = ctx.obj
    show(
        state.client.pools.list(pool_type=pool_type, tag=tag),
        as_json=state.json_output,
        columns=POOL_COLUMNS,
        title="pools",
    )


showing(
    pools, "get", "pool_id", "Show one pool: type, limits, state, task count.", lambda c, i: c.pools.get(i)
)


@pools.command("create")
def create_pool(
    ctx: typer.Context,
    pool_id: str,
    pool_type: Annotated[
        str, typer.Option("--type", help="sandbox, browser, archipelago or openenv.")
    ] = "sandbox",
    concurrency: Concurrency = None,
    max_queue: MaxQueue = None,
    max_running: MaxRunning = None,
    tags: Tags = None,
    request_file: RequestFile = None,
) -> None:
    """Create a pool (flags, or a full --file body)."""
    state: CliState = ctx.obj
    fields = _pool_request({"pool_type": pool_type}, request_file, concurrency, max_queue, max_running, tags)
    created = state.client.pools.create(request=fields | {"pool_id": pool_id})
    show(created, as_json=state.json_output, title=f"created {pool_id}")


@pools.command("update")
def update_pool(
    ctx: typer.Context,
    pool_id: str,
    concurrency: Concurrency = None,
    max_queue: MaxQueue = None,
    max_running: MaxRunning = None,
    tags: Tags = None,
    request_file: RequestFile = None,
) -> None:
    """Change some fields of a pool; the others keep their values."""
    state: CliState = ctx.obj
    current = {key: value for key, value in state.client.pools.get(pool_id).items() if key in _REPLACEABLE}
    fields = _pool_request(current, request_file, concurrency, max_queue, max_running, tags)
    show(
        state.client.pools.update(pool_id, request=fields),
        as_json=state.json_output,
        title=f"updated {pool_id}",
    )


# Fields of a pool object that a replace (PUT) accepts back.
_REPLACEABLE = {
    "pool_id", "pool_type", "backend", "capacity", "concurrency", "priority_weight", "resources", "policy_tags",
    "allowed_agents", "allowed_models", "max_queue", "max_running", "spend_limit_usd", "idle_timeout_sec",
    "max_session_age_sec", "reuse_policy", "prewarm", "target", "metadata",
}  # fmt: skip


showing(pools, "pause", "pool_id", "Pause a pool: it queues rollouts but starts none.",
        lambda c, i: c.pools.pause(i), title="paused {}")  # fmt: skip
showing(pools, "resume", "pool_id", "Resume a paused pool: queued rollouts start again.",
        lambda c, i: c.pools.resume(i), title="resumed {}")  # fmt: skip
deleting(pools, "delete", "pool_id", "Delete a pool and its tasks (asks first; --yes in scripts).",
         "Delete pool {} and its tasks?", lambda c, i: c.pools.delete(i))  # fmt: skip


@tasks.command("list")
def list_tasks(ctx: typer.Context, pool_id: str) -> None:
    """List a pool's tasks."""
    state: CliState = ctx.obj
    show(
        state.client.pools.tasks.list(pool_id), as_json=state.json_output, columns=TASK_COLUMNS, title="tasks"
    )


@tasks.command("add")
def add_task(
    ctx: typer.Context,
    pool_id: str,
    task_id: str,
    docker: Annotated[
        str | None, typer.Option(help="Docker image (needs a Docker engine on the backend).")
    ] = None,
    openenv: Annotated[str | None, typer.Option(help="OpenEnv task app URL.")] = None,
    browser: Annotated[str | None, typer.Option(help="Browser task app URL.")] = None,
    profile: Annotated[str | None, typer.Option(help="Browser profile (with --browser).")] = None,
    command: Annotated[str | None, typer.Option(help="Shell command: a local command task.")] = None,
    verifier: Annotated[str | None, typer.Option(help="Shell command whose last line is the reward.")] = None,
    files: Annotated[
        list[str] | None, typer.Option("--file", help="TASK_PATH=LOCAL_FILE copied into the task.")
    ] = None,
    env: Annotated[list[str] | None, typer.Option("--env", help="KEY=VALUE (repeatable).")] = None,
) -> None:
    """Add a task: Docker image, OpenEnv/browser URL or a command."""
    from synth_pools import PoolTask

    state: CliState = ctx.obj
    chosen = [
        name
        for name, value in (
            ("--docker", docker),
            ("--openenv", openenv),
            ("--browser", browser),
            ("--command", command),
        )
        if value
    ]
    if len(chosen) != 1:
        raise typer.BadParameter(
            "give exactly one of --docker, --openenv, --browser or --command", param_hint="task source"
        )
    env_vars = parse_pairs(env, option="--env")
    task: Any
    if docker:
        task = PoolTask.from_docker(task_id, docker, env=env_vars or None)
    elif openenv:
        task = PoolTask.from_openenv(task_id, openenv)
    elif browser:
        task = PoolTask.from_browser(task_id, browser, profile=profile)
    else:
        contents = {
            name: Path(local).read_text(encoding="utf-8")
            for name, local in parse_pairs(files, option="--file").items()
        }
        run: dict[str, Any] = {"command": command, "files": contents}
        if verifier:
            run["verifier"] = verifier
        task = {"task_id": task_id, "backend": "local", "run": run, "env_vars": env_vars or None}
    created = state.client.pools.tasks.create(pool_id, request=task)
    show(created, as_json=state.json_output, title=f"task {task_id} added to {pool_id}")


@tasks.command("delete")
def delete_task(ctx: typer.Context, pool_id: str, task_id: str) -> None:
    """Remove a task from a pool."""
    state: CliState = ctx.obj
    state.client.pools.tasks.delete(pool_id, task_id)
    if not state.json_output:
        console.print(f"deleted task {task_id} of {pool_id}")
    else:
        show({"pool_id": pool_id, "task_id": task_id, "deleted": True}, as_json=True)
