"""Routes: every operation of openapi/synth-pools.yaml, each a small handler over `Backend`.

The routes are the spec's operations (`routes_of`): the handler of each is the `Api` method named
by its operationId. `gate()` authenticates, checks the plan and validates the request against that
operation before the handler runs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from . import artifacts, cursors, faults, idempotency, sandbox, sse, support_bundle
from .auth import KeyRing
from .config import Settings
from .errors import ApiError
from .http import JSON, Ctx, RequestGuard, api_error_handler, gate, http_error_handler
from .service import HARNESS_MODELS, TEMPLATES, Backend, CreatePlan, public_rollout, task_from
from .store import now_iso
from .validation import Operation, Spec, body_errors, is_environment_request


def _page_after(cursor: str | None) -> int:
    return cursors.offset(cursor) or 0


class Api:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.spec = Spec()
        self.keys = KeyRing(settings.keys)
        self.backend: Backend | None = None

    @property
    def b(self) -> Backend:
        assert self.backend is not None
        return self.backend

    def created(self, ctx: Ctx, create: Callable[[], Any], status: int = 200) -> Response:
        """Run ``create`` and record its answer under the request's Idempotency-Key in ONE
        transaction: a crash between the two would let a retry with the same key create again.
        Creates answer 200, as the service's do (real-service.md); credentials keep their 201."""
        with self.b.transaction():
            body = create()
            faults.crash_point("between_create_and_idempotency_record")
            idempotency.remember(self.b, ctx, status, body)
        return JSON(body, status_code=status)

    # -- account, credentials, discovery ------------------------------------------------
    async def get_me(self, ctx: Ctx) -> Response:
        return JSON(ctx.account.to_json())

    def _unpaged_limit(self, ctx: Ctx) -> int:
        # a bare-array answer has no continuation: without an explicit limit it holds everything
        return int(ctx.params["limit"]) if "limit" in ctx.request.query_params else 1_000_000

    async def list_credentials(self, ctx: Ctx) -> Response:
        after = _page_after(ctx.params.get("cursor"))
        return JSON(self.b.list_credentials(ctx.org, after, self._unpaged_limit(ctx)))

    async def store_credential(self, ctx: Ctx) -> Response:
        return self.created(ctx, lambda: self.b.store_credential(ctx.org, ctx.body), 201)

    async def rotate_credential(self, ctx: Ctx) -> Response:
        cid, value = ctx.path["credential_id"], ctx.body["credential_value"]
        return JSON(self.b.rotate_credential(ctx.org, cid, value))

    async def delete_credential(self, ctx: Ctx) -> Response:
        self.b.delete_credential(ctx.org, ctx.path["credential_id"])
        return Response(status_code=204)

    async def get_capabilities(self, ctx: Ctx) -> Response:
        docker_ok, docker_reason = sandbox.docker_status()
        backends = [
            {"name": "local", "available": True, "reason": f"commands run under {sandbox.sandbox_name()}"},
            {"name": "harbor", "available": docker_ok, "reason": docker_reason},
            {"name": "docker", "available": docker_ok, "reason": docker_reason},
        ] + [
            {"name": n, "available": True, "reason": "simulated locally (no network)"}
            for n in ("openenv", "browser", "kernel", "archipelago")
        ]
        agents = [
            {"harness": h, "models": m, "default_model": m[0], "simulated": True}
            for h, m in HARNESS_MODELS.items()
        ]
        return JSON(
            {
                "api_version": "v1",
                "simulated": True,
                "pool_types": ["sandbox", "browser", "archipelago", "openenv"],
                "pool_targets": ["harbor", "openenv", "horizons", "horizons_private", "arbitrary"],
                "agents": agents,
                "backends": backends,
                "features": {
                    "sse": True,
                    "sse_resume": True,
                    "idempotency": True,
                    "dry_run": True,
                    "batch": True,
                    "replay": True,
                    "range_downloads": True,
                    "artifacts_zip": True,
                    "credentials": True,
                    "sandbox_bubblewrap": sandbox.bwrap_usable(),
                    "docker": docker_ok,
                },
                "not_supported_locally": sorted(op.operation_id for op in unsupported_operations(self.spec)),
                "limits": {
                    "max_body_bytes": self.settings.max_body_bytes,
                    "workers": self.settings.workers,
                    "heartbeat_sec": self.settings.heartbeat_sec,
                    "batch_max_requests": 500,
                    "templates": sorted(TEMPLATES),
                },
            }
        )

    async def get_openapi_schema(self, ctx: Ctx) -> Response:
        return Response(self.spec.json_text, media_type="application/json")

    async def get_schema_json(self, ctx: Ctx) -> Response:
        return JSON(self.spec.request_schemas)

    # -- pools ------------------------------------------------------------------------
    async def list_pools(self, ctx: Ctx) -> Response:
        p = ctx.params
        limit = p.get("limit", 100)
        pools = self.b.list_pools(
            ctx.account,
            pool_type=p.get("type"),
            tag=p.get("tag"),
            state=p.get("state"),
            after=_page_after(p.get("cursor")),
            limit=limit + 1,
        )
        nxt = str(pools[limit - 1]["_seq"]) if len(pools) > limit else None
        items = [{k: v for k, v in pool.items() if k != "_seq"} for pool in pools[:limit]]
        return JSON({"items": items, "next_cursor": nxt})  # the service's list shape today

    async def create_pool(self, ctx: Ctx) -> Response:
        return self.created(ctx, lambda: _both(self.b.save_pool(ctx.account, ctx.body, create=True)))

    async def get_pool(self, ctx: Ctx) -> Response:
        return JSON(self.b.pool_json(ctx.account, self.b.pool_or_404(ctx.account, ctx.path["pool_id"])))

    async def replace_pool(self, ctx: Ctx) -> Response:
        self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        return JSON(self.b.save_pool(ctx.account, ctx.body, create=False, pool_id=ctx.path["pool_id"]))

    async def update_pool(self, ctx: Ctx) -> Response:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        merged = {**pool, **ctx.body}
        if "tasks" not in ctx.body:
            merged.pop("tasks", None)
        return JSON(self.b.save_pool(ctx.account, merged, create=False, pool_id=ctx.path["pool_id"]))

    async def delete_pool(self, ctx: Ctx) -> Response:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        await self.b.cancel_queued(ctx.account, pool["pool_id"], "pool deleted")
        archived = self.b.archive_pool(ctx.account, pool["pool_id"])  # DELETE archives (real-service.md)
        return JSON({"id": pool["pool_id"], "deleted": True, "object": "pool", **_both(archived)})

    async def pause_pool(self, ctx: Ctx) -> Response:
        return JSON(_both(self.b.set_paused(ctx.account, ctx.path["pool_id"], True)))

    async def resume_pool(self, ctx: Ctx) -> Response:
        return JSON(_both(self.b.set_paused(ctx.account, ctx.path["pool_id"], False)))

    # -- container leases ---------------------------------------------------------------
    async def list_container_leases(self, ctx: Ctx) -> Response:
        return JSON(self.b.leases.list(ctx.org, ctx.params.get("pool_id"), ctx.params.get("state")))

    async def assign_container_lease(self, ctx: Ctx) -> Response:
        return self.created(ctx, lambda: self.b.create_lease(ctx.account, ctx.body))

    async def get_container_lease(self, ctx: Ctx) -> Response:
        return JSON(self.b.leases.get(ctx.org, ctx.path["lease_id"]))

    async def renew_container_lease(self, ctx: Ctx) -> Response:
        return JSON(self.b.renew_lease(ctx.account, ctx.path["lease_id"], ctx.body or {}))

    async def release_container_lease(self, ctx: Ctx) -> Response:
        return JSON(self.b.release_lease(ctx.account, ctx.path["lease_id"]))

    async def get_pool_urls(self, ctx: Ctx) -> Response:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        base = self.settings.base_url + f"/v1/pools/{pool['pool_id']}"
        return JSON(
            {
                "pool_id": pool["pool_id"],
                "rollouts_url": f"{base}/rollouts",
                "tasks_url": f"{base}/tasks",
                "metrics_url": f"{base}/metrics",
                "container_url": f"{base}/container",
                "events_url_template": f"{base}/rollouts/{{rollout_id}}/events",
            }
        )

    async def get_pool_metrics(self, ctx: Ctx) -> Response:
        return JSON(self.b.pool_metrics(ctx.account, self.b.pool_or_404(ctx.account, ctx.path["pool_id"])))

    async def get_queue_status(self, ctx: Ctx) -> Response:
        return JSON(self.b.queue_status(ctx.account))

    # -- tasks ------------------------------------------------------------------------
    def _task_or_404(self, ctx: Ctx) -> dict[str, Any]:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        return self.b.task_or_404(ctx.account, pool["pool_id"], ctx.path["task_id"])

    async def list_pool_tasks(self, ctx: Ctx) -> Response:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        limit = ctx.params.get("limit", 100)
        rows = self.b.list_tasks(
            ctx.account, pool["pool_id"], _page_after(ctx.params.get("cursor")), limit + 1
        )
        nxt = str(rows[limit - 1][0]) if len(rows) > limit else None
        return JSON({"items": [t for _, t in rows[:limit]], "next_cursor": nxt})

    async def create_pool_task(self, ctx: Ctx) -> Response:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        ctx.body = task_from(ctx.body, pool)
        self.b.refuse_existing_task(ctx.account, pool["pool_id"], ctx.body["task_id"])
        return self.created(ctx, lambda: self.b.put_task(ctx.account, pool["pool_id"], ctx.body, create=True))

    async def replace_pool_task(self, ctx: Ctx) -> Response:
        task = self._task_or_404(ctx)
        body = {**ctx.body, "task_id": task["task_id"], "backend": ctx.body.get("backend") or task["backend"]}
        return JSON(self.b.put_task(ctx.account, task["pool_id"], body, create=False))

    async def patch_pool_task(self, ctx: Ctx) -> Response:
        task = self._task_or_404(ctx)
        merged = {**self.b.task_instance(task), **ctx.body}
        if not merged.get("backend"):
            merged["backend"] = task["backend"]
        return JSON(self.b.put_task(ctx.account, task["pool_id"], merged, create=False))

    async def delete_pool_task(self, ctx: Ctx) -> Response:
        task = self._task_or_404(ctx)
        self.b.delete_task(ctx.account, task)
        return JSON({"id": task["task_id"], "deleted": True, "object": "task"})

    # -- containers -------------------------------------------------------------------
    def _container_target(self, ctx: Ctx) -> tuple[dict[str, Any], dict[str, Any] | None]:
        pool = self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        task = self._task_or_404(ctx) if "task_id" in ctx.path else None
        return pool, task

    async def _container_health(self, ctx: Ctx) -> Response:
        pool, task = self._container_target(ctx)
        docker_ok, _ = sandbox.docker_status()
        needs_docker = bool(task and task.get("docker_image") and not task.get("run"))
        checks = {"sandbox": True, "store": True, "docker": docker_ok}
        healthy = docker_ok or not needs_docker
        return JSON(
            {
                "pool_id": pool["pool_id"],
                "task_id": task["task_id"] if task else None,
                "status": "healthy" if healthy else "unhealthy",
                "healthy": healthy,
                "checks": checks,
                "message": None if healthy else "Docker engine unavailable",
                "checked_at": now_iso(),
            }
        )

    get_pool_container_health = _container_health
    get_task_container_health = _container_health

    async def _container_info(self, ctx: Ctx) -> Response:
        pool, task = self._container_target(ctx)
        lane = (ctx.org, pool["pool_id"])
        image = (task or {}).get("docker_image")
        return JSON(
            {
                "pool_id": pool["pool_id"],
                "task_id": task["task_id"] if task else None,
                "backend": (task or {}).get("backend") or pool.get("backend") or "local",
                "image": image,
                "runner": "docker" if image and not (task or {}).get("run") else "command",
                "sandbox": sandbox.sandbox_name(),
                "resources": (task or {}).get("resources") or pool.get("resources"),
                "queued": self.b.scheduler.queued(lane),
                "running": self.b.scheduler.running(lane),
            }
        )

    get_pool_container_info = _container_info
    get_task_container_info = _container_info

    async def _container_metadata(self, ctx: Ctx) -> Response:
        pool, task = self._container_target(ctx)
        src = task or pool
        labels = {
            "synth.pool_id": pool["pool_id"],
            "synth.pool_type": str(pool.get("pool_type")),
            "synth.sandbox": sandbox.sandbox_name(),
        }
        if task:
            labels["synth.task_id"] = task["task_id"]
        return JSON(
            {
                "pool_id": pool["pool_id"],
                "task_id": task["task_id"] if task else None,
                "labels": labels,
                "metadata": dict(pool.get("metadata") or {}),
                "created_at": src["created_at"],
                "updated_at": src.get("updated_at"),
            }
        )

    get_pool_container_metadata = _container_metadata
    get_task_container_metadata = _container_metadata

    async def _container_rollout(self, ctx: Ctx) -> Response:
        plan = self.b.plan_container(ctx.account, ctx.body, ctx.path.get("pool_id"), ctx.path.get("task_id"))
        self.b.admit(ctx.account, 1)
        self.b.check_capacity([plan])
        return self.created(ctx, lambda: self.b.commit(ctx.account, plan))

    execute_pool_container_rollout = _container_rollout
    execute_task_container_rollout = _container_rollout
    create_pool_rollout = _container_rollout

    # -- rollouts ---------------------------------------------------------------------
    def _plan(self, ctx: Ctx, body: dict[str, Any], pool_id: str | None = None) -> CreatePlan:
        if is_environment_request(body):  # RolloutRequestV1; the container and harbor shapes carry none
            return self.b.plan_environment(ctx.account, {"pool_id": pool_id, **body} if pool_id else body)
        return self.b.plan_container(ctx.account, body, pool_id, None)

    async def create_rollout(self, ctx: Ctx) -> Response:
        plan = self._plan(ctx, ctx.body)
        dry = bool(ctx.params.get("dry_run")) or ctx.body.get("dry_run") is True
        if not dry:
            self.b.admit(ctx.account, 1)
            self.b.check_capacity([plan])
        return self.created(ctx, lambda: self.b.commit(ctx.account, plan, dry_run=dry))

    async def validate_rollout(self, ctx: Ctx) -> Response:
        try:
            plan = self.b.plan_environment(ctx.account, ctx.body)
        except ApiError as exc:
            errors = exc.details or [{"field": "body", "message": exc.message, "code": exc.code}]
            return JSON(
                {
                    "valid": False,
                    "errors": errors,
                    "error": exc.message,
                    "selected_pool_id": None,
                    "routing_debug": {},
                    "normalized": ctx.body,
                }
            )
        normalized = {
            **ctx.body,
            "pool_id": plan.doc["pool_id"],
            "agent": {**(ctx.body.get("agent") or {}), "model_id": plan.doc["model_id"]},
        }
        routing = {
            "lane": list(plan.lane),
            "task_found": plan.task is not None,
            "harness": plan.doc["harness"],
        }
        return JSON(
            {
                "valid": True,
                "errors": [],
                "error": None,
                "selected_pool_id": plan.doc["pool_id"],
                "routing_debug": routing,
                "normalized": normalized,
            }
        )

    async def create_rollouts_batch(self, ctx: Ctx) -> Response:
        """`{"requests": [...]}` (this SDK) or the service's `{"pool_id", "rollouts": [...]}`.

        Each request is planned (a bad one refuses the whole batch, naming its index); then the
        org's concurrency allowance admits the first N and the rest come back under `rejected`,
        each with its index and a 429 error: the service admits a batch item by item, so a batch
        crossing the allowance is partially admitted (real-service.md, "Batch")."""
        key = "rollouts" if "rollouts" in ctx.body else "requests"
        pool_id = ctx.body.get("pool_id")
        plans = []
        for i, req in enumerate(ctx.body.get(key) or []):
            try:
                plans.append(self._plan(ctx, req, pool_id))
            except ApiError as exc:
                exc.message = f"{key}[{i}]: {exc.message}"
                raise
            if ctx.body.get("metadata"):
                plans[-1].doc["metadata"] = {**ctx.body["metadata"], **plans[-1].doc["metadata"]}
        admitted = self.b.admit(ctx.account, len(plans))
        self.b.check_capacity(plans[:admitted])
        rejected = [
            {
                "index": i,
                "error": {
                    "error_code": "concurrency_limit_exceeded",
                    "message": "over the organisation's concurrency allowance; resubmit this item later",
                    "retryable": True,
                    "retry_after_seconds": self.settings.org_retry_after_sec,
                },
            }
            for i in range(admitted, len(plans))
        ]

        def create() -> dict[str, Any]:
            items = [self.b.commit(ctx.account, p) for p in plans[:admitted]]
            return {"items": items, "rollouts": items, "count": len(items), "rejected": rejected}

        return self.created(ctx, create)

    async def list_rollouts(self, ctx: Ctx) -> Response:
        p = ctx.params
        status = p.get("status") or p.get("state")
        filters = {
            "status": "completed" if status == "succeeded" else status,
            "pool_id": p.get("pool_id") or ctx.path.get("pool_id"),
            "task_id": p.get("task_id"),
            "dataset": p.get("dataset"),
            "created_after": p.get("created_after"),
            "created_before": p.get("created_before"),
        }
        if "pool_id" in ctx.path:
            self.b.pool_or_404(ctx.account, ctx.path["pool_id"])
        limit = p.get("limit", 100)
        cursor = p.get("cursor")
        rows = self.b.list_rollouts(ctx.account, filters, cursors.offset(cursor), limit + 1)
        nxt = str(rows[limit - 1][0]) if len(rows) > limit else None
        items = [public_rollout(d) for _, d in rows[:limit]]
        # `items` is the service's key today; `rollouts` stays for older clients (real-service.md)
        return JSON({"items": items, "rollouts": items, "next_cursor": nxt})

    list_pool_rollouts = list_rollouts

    def _rollout(self, ctx: Ctx) -> dict[str, Any]:
        return self.b.rollout_or_404(ctx.account, ctx.path["rollout_id"], ctx.path.get("pool_id"))

    async def get_rollout(self, ctx: Ctx) -> Response:
        return JSON(public_rollout(self._rollout(ctx)))

    get_pool_rollout = get_rollout

    async def get_rollout_usage(self, ctx: Ctx) -> Response:
        return JSON(self.b.usage(self._rollout(ctx)))

    get_pool_rollout_usage = get_rollout_usage

    async def get_rollout_summary(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        return JSON(self.b.rollout_summary(doc))

    get_pool_rollout_summary = get_rollout_summary

    async def cancel_rollout(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        reason = (ctx.body or {}).get("reason")
        return JSON(public_rollout(await self.b.cancel(doc, reason)))

    cancel_pool_rollout = cancel_rollout

    async def replay_rollout(self, ctx: Ctx) -> Response:
        create_op = self.spec.operations["create_rollout"]
        plan = self.b.plan_replay(
            ctx.account, self._rollout(ctx), ctx.body, lambda req: body_errors(create_op, req, "request")
        )
        self.b.admit(ctx.account, 1)
        self.b.check_capacity([plan])
        return self.created(ctx, lambda: self.b.commit(ctx.account, plan))

    async def get_rollout_support_bundle(self, ctx: Ctx) -> Response:
        return JSON(support_bundle.build(self.b, ctx.org, self._rollout(ctx)))

    # -- events and artifacts ------------------------------------------------------------
    async def stream_rollout_events(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        p = ctx.params
        after = sse.resume_point(p.get("after_sequence"), p.get("Last-Event-ID"), p.get("cursor"))
        limit = p.get("limit", sse.DEFAULT_LIMIT)
        if p.get("format") == "json":
            page = sse.page(self.b.events, doc["rollout_id"], after, limit)
            return Response(page, media_type="application/json", headers={"Cache-Control": "no-cache"})
        body = sse.stream(self.b.events, doc["rollout_id"], after, limit, self.settings.heartbeat_sec)
        return StreamingResponse(
            body,
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    stream_pool_rollout_events = stream_rollout_events

    async def list_rollout_artifacts(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        limit = ctx.params.get("limit", 100)
        prefix = ctx.params.get("prefix") or ""
        rows, total = self.b.artifact_page(doc, prefix, ctx.params.get("cursor") or "", limit + 1)
        nxt = rows[limit - 1]["path"] if len(rows) > limit else None
        return JSON(artifacts.manifest(doc["rollout_id"], rows[:limit], total, nxt, doc.get("finished_at")))

    list_pool_rollout_artifacts = list_rollout_artifacts

    async def fetch_rollout_artifact(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        entry, path = self.b.artifact_file(doc, ctx.path["path"])
        size = path.stat().st_size
        rng = artifacts.parse_range(ctx.params.get("Range"), size)
        start, end = rng if rng else (0, size - 1)
        headers = {
            "Accept-Ranges": "bytes",
            "Content-Length": str(max(0, end - start + 1)),
            "ETag": f'"{entry["sha256"]}"',
            "X-Content-SHA256": entry["sha256"],
        }
        status = 200
        if rng:
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        return StreamingResponse(
            artifacts.file_chunks(path, start, end) if size else iter([b""]),
            status_code=status,
            media_type="application/octet-stream",
            headers=headers,
        )

    async def download_rollout_artifacts_zip(self, ctx: Ctx) -> Response:
        doc = self._rollout(ctx)
        files = self.b.artifact_files(doc, ctx.params.get("prefix") or "", ctx.params.get("limit", 1_000_000))
        return StreamingResponse(
            artifacts.zip_stream(files),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{doc["rollout_id"]}-artifacts.zip"'},
        )


def _both(pool: dict[str, Any]) -> dict[str, Any]:
    """A pool answer as the service's clients read it: its fields at the top level (Synth's docs
    read `pool["id"]`, the cookbook `pool["status"]`) and under `pool` (older scripts)."""
    return {**pool, "pool": pool}


# Operations every plan may call (the account, its credentials, discovery); the rest are plan-gated.
OPEN_OPERATIONS = frozenset(
    {
        "get_me",
        "list_credentials",
        "store_credential",
        "rotate_credential",
        "delete_credential",
        "get_capabilities",
        "get_openapi_schema",
        "get_schema_json",
    }
)
# path parameters that span segments (an artifact path keeps its '/'; the service calls it `path`)
MULTI_SEGMENT = frozenset({"path"})


class AnyPathConvertor(PathConvertor):
    """Starlette's `path` convertor is `.*`, which stops at a newline, and its route regex ends in
    `$`, which matches before a trailing one: `/artifacts/%0A` reached the handler as ''. The spec
    allows any non-empty string, so the segment takes every character, newlines included."""

    regex = "[\\s\\S]*"


register_url_convertor("anypath", AnyPathConvertor())


def unsupported_operations(spec: Spec) -> list[Operation]:
    """The spec's operations this backend has no handler for: each answers 501 not_supported_locally."""
    return [op for op_id, op in spec.operations.items() if getattr(Api, op_id, None) is None]


def routes_of(spec: Spec) -> list[tuple[str, dict[str, tuple[str, bool]]]]:
    """(starlette path, {method: (operationId, gated)}) for every operation of the spec, static
    paths before templated ones, so the spec is the one list of routes."""
    by_path: dict[str, dict[str, tuple[str, bool]]] = {}
    for op in spec.operations.values():
        path = op.path
        for name in MULTI_SEGMENT:
            path = path.replace("{" + name + "}", "{" + name + ":anypath}")
        by_path.setdefault(path, {})[op.method] = (op.operation_id, op.operation_id not in OPEN_OPERATIONS)
    return sorted(by_path.items(), key=lambda item: item[0].count("{"))


def _endpoint(api: Api, methods: dict[str, tuple[str, bool]]) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        op_id, gated = methods[method]
        ctx = await gate(request, api.spec, api.keys, op_id, gated)
        replayed = idempotency.replay(api.b, ctx) if ctx.op.method == "POST" else None
        if replayed is not None:
            return replayed
        handler: Callable[[Ctx], Awaitable[Response]] | None = getattr(api, op_id, None)
        if handler is None:  # in the spec (the real service has it), not in this backend
            raise ApiError(
                501,
                "not_supported_locally",
                f"{op_id} ({ctx.op.method} {ctx.op.path}) is an operation of the Synth API that the local "
                "backend does not run; call the real service for it",
                operation_id=op_id,
            )
        return await handler(ctx)

    return endpoint


def build_app(settings: Settings) -> Starlette:
    api = Api(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        api.backend = Backend(settings)
        api.backend.recover()
        api.backend.purge_idempotent(time.time() - idempotency.TTL_SEC)
        try:
            yield
        finally:
            await api.backend.shutdown()

    routes = [
        Route(path, _endpoint(api, methods), methods=list(methods)) for path, methods in routes_of(api.spec)
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={ApiError: api_error_handler, HTTPException: http_error_handler},
    )
    app.state.api = api
    app.add_middleware(RequestGuard, max_body=settings.max_body_bytes, keys=api.keys)
    return app
