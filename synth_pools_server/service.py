"""The backend's domain logic: pools, tasks, rollouts and their lifecycle, independent of HTTP."""

from __future__ import annotations

import asyncio
import logging
import secrets as pysecrets
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import artifacts, runners, sandbox
from .auth import Account
from .config import Settings
from .errors import ApiError, not_found
from .events import EventLog
from .leases import Leases
from .pricing import usage_snapshot
from .scheduler import DEFAULT_LANE, Lane, Scheduler
from .store import TERMINAL, Store, now_iso

log = logging.getLogger("synth_pools_server")

# Default models per harness (a model the request leaves out); never an allowlist: the service's
# preflight decides which models exist (real-service.md), and the stand-in agent calls no model.
HARNESS_MODELS: dict[str, list[str]] = {
    "claude-code": ["claude-sonnet-4.5"],
    "claude_code": ["claude-sonnet-4.5"],
    "opencode": ["claude-sonnet-4.5"],
    "codex": ["gpt-5.2-codex", "gpt-5.1-codex-mini", "gpt-5.3-codex-spark"],
}
DOCKER_BACKENDS = ("harbor", "docker")
TEMPLATES: dict[str, dict[str, Any]] = {
    "HARBOR_CODING": {"pool_type": "sandbox", "backend": "harbor", "target": "harbor"},
    "HARBOR_BROWSER": {"pool_type": "browser", "backend": "kernel"},
    "ARCHIPELAGO": {"pool_type": "archipelago", "backend": "archipelago"},
    "OPENENV": {"pool_type": "openenv", "backend": "openenv", "target": "openenv"},
}
DEFAULT_AGENT_SEC = 600.0
DEFAULT_VERIFIER_SEC = 300.0
INTERNAL = ("_usage", "_lane", "_spec", "_pgids")
# the statuses that hold a slot of the org's concurrency allowance
ACTIVE = ("queued", "running")


def new_id(prefix: str) -> str:
    return f"{prefix}_{pysecrets.token_hex(10)}"


def public_rollout(doc: dict[str, Any]) -> dict[str, Any]:
    """A rollout as the service answers it today (`id`, `completed`, `metrics.outcome_reward`,
    `score`, `result`, `success`), plus the older names Synth's scripts and older clients read
    (`rollout_id`, `trial_id`, `reward_primary`, `reward_metrics`; real-service.md).

    A reward is there only when a verifier produced it; `result` says whether one ran and, when
    none did, why (`reward_reason`); `simulated` marks a run the stand-in agent made up. `success`
    says only what is known (see `known_success`).
    """
    out = {k: v for k, v in doc.items() if k not in INTERNAL}
    status = doc["status"]  # `succeeded` of older data dirs is migrated to `completed` on open
    terminal = status in TERMINAL and status != "validated"
    reward = doc.get("reward") if terminal else None
    out.update(status=status, id=doc["rollout_id"], trial_id=doc["rollout_id"], reward=reward)
    out["reward_primary"] = reward
    out.setdefault("reward_metrics", None)
    out["error"] = doc.get("status_reason") if status in ("failed", "error") else None
    out["simulated"] = bool(doc.get("simulated"))
    out["verified"] = bool(doc.get("verified"))
    out["metrics"] = {"outcome_reward": reward} if reward is not None else {}
    out["score"] = reward
    out["success"] = known_success(status, out["verified"]) if terminal else None
    out["result"] = (
        {
            "reward": reward,
            "verified": out["verified"],
            "simulated": out["simulated"],
            "reward_reason": doc.get("reward_reason"),
        }
        if terminal
        else None
    )
    return out


def known_success(status: str, verified: bool) -> bool | None:
    """The service's `success` (real-service.md: `completed` with no error), as far as this backend
    knows it: a run ended otherwise is no success; a completed one is known to have done its task
    only when a verifier checked it (whatever reward it gave). A completed run nothing verified (no
    verifier, or a simulated run) is neither: None."""
    if status != "completed":
        return False
    return True if verified else None


def public_credential(doc: dict[str, Any]) -> dict[str, Any]:
    """CredentialResponse: what the service shows of a credential (never its value)."""
    return {
        "id": doc["credential_id"],
        "credential_name": doc["credential_name"],
        "credential_type": doc["credential_type"],
        "is_active": doc.get("is_active", True),
        "created_at": doc.get("created_at"),
        "metadata": doc.get("metadata"),
    }


@dataclass
class CreatePlan:
    """Everything needed to create one rollout, resolved and checked before anything is written."""

    lane: Lane
    pool: dict[str, Any] | None
    task: dict[str, Any] | None
    doc: dict[str, Any]


class Backend:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.data_dir)
        self.events = EventLog(self.store)
        self.scheduler = Scheduler(settings.workers, self._run, self._lane_limit)
        self.leases = Leases(self.store)
        self._cancel_reason: dict[str, tuple[str, str]] = {}

    # -- lifecycle ------------------------------------------------------------------------
    def recover(self) -> int:
        """After a crash: rollouts that were running end as `error` (their streams terminate);
        those that never started are queued again, in their order, in their lane."""
        left = self.store.rollouts_with_status(("queued", "running"))
        for doc in left:
            if doc["status"] == "queued" and doc.get("_lane"):
                lane = (str(doc["_lane"][0]), str(doc["_lane"][1]))
                self.scheduler.enqueue(doc["rollout_id"], lane, int(doc.get("priority") or 0))
                continue
            for pgid in doc.get("_pgids") or []:
                sandbox.kill_leftovers(int(pgid), doc["rollout_id"])
            self._finish(doc, "error", "backend restarted", None)
        return len(left)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Every write inside commits together or not at all (the store's transaction)."""
        with self.store.transaction():
            yield

    # -- idempotency: the answers kept by Idempotency-Key (the HTTP layer decides what to keep) -----
    def get_idempotent(self, org: str, op: str, key: str, min_created: float) -> tuple[str, int, str] | None:
        return self.store.get_idempotent(org, op, key, min_created)

    def put_idempotent(
        self, org: str, op: str, key: str, body_hash: str, status: int, response: str, created: float
    ) -> None:
        self.store.put_idempotent(org, op, key, body_hash, status, response, created)

    def purge_idempotent(self, before: float) -> None:
        self.store.purge_idempotent(before)

    async def shutdown(self) -> None:
        for rid in self.scheduler.running_ids():
            self._cancel_reason[rid] = ("error", "backend shut down")
        await self.scheduler.shutdown()
        for doc in self.store.rollouts_with_status(("queued",)):
            self._finish(doc, "error", "backend shut down", None)
        self.events.notify_all()
        self.store.close()

    # -- pools ----------------------------------------------------------------------------
    def pool_or_404(self, acc: Account, pool_id: str, *, archived: bool = False) -> dict[str, Any]:
        """The pool; an archived one (DELETE archives) only when `archived` is asked for: to every
        other route it is gone, as a deleted pool was to older clients. `GET /v1/pools?state=archived`
        lists archived pools."""
        pool = self.store.get_pool(acc.org_id, pool_id)
        if pool is None:
            raise not_found("pool", pool_id)
        if pool.get("archived") and not archived:
            raise ApiError(404, "not_found", f"pool {pool_id!r} not found (it is archived)", state="archived")
        return pool

    async def cancel_queued(self, acc: Account, pool_id: str, reason: str) -> None:
        """Cancel the pool's rollouts that have not started (a deleted pool runs nothing more)."""
        for _, doc in self.store.list_rollouts(
            acc.org_id, {"pool_id": pool_id, "status": "queued"}, None, 100_000
        ):
            await self.cancel(doc, reason)

    def pool_json(
        self, acc: Account, pool: dict[str, Any], stored: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        """The pool as answered; `stored`: its tasks as just written (not read back again)."""
        if stored is None:
            stored = [t for _, t in self.store.list_tasks(acc.org_id, pool["pool_id"])]
        tasks = [self.task_instance(t) for t in stored]
        out = {k: v for k, v in pool.items() if not k.startswith("_")}
        state = _state(pool)
        out.update(
            id=pool["pool_id"],
            org_id=acc.org_id,
            state=state,
            status=state,
            task_count=len(tasks),
            tasks=tasks,
        )
        return out

    def require_admitting(self, pool: dict[str, Any]) -> None:
        """Only an active (or paused: its rollouts queue) pool admits rollouts; a building pool is
        refused with the seconds until it is active, an archived one for good."""
        state = _state(pool)
        if state == "building":
            wait = max(0.1, float(pool.get("_ready_at") or 0) - time.time())
            raise ApiError(
                409,
                "pool_not_active",
                f"pool {pool['pool_id']!r} is building; it admits rollouts once active",
                retryable=True,
                retry_after_seconds=round(wait, 2),
            )
        if state == "archived":
            raise ApiError(
                409,
                "pool_archived",
                f"pool {pool['pool_id']!r} is archived; create a new pool to run rollouts",
                retryable=False,
            )

    def admit(self, acc: Account, wanted: int) -> int:
        """How many of `wanted` new rollouts the org's concurrency allowance admits now. A key
        marked out of credits admits none (402); an org at its allowance, none (429)."""
        if acc.out_of_credits:
            raise ApiError(
                402,
                "insufficient_credits",
                f"organisation {acc.org_id!r} is out of credits; add credits, then retry",
                retryable=False,
            )
        allowance = acc.concurrency or self.settings.org_concurrency
        if allowance is None:
            return wanted
        active = sum(
            self.scheduler.queued(lane) + self.scheduler.running(lane)
            for lane in self.scheduler.lanes()
            if lane[0] == acc.org_id
        )
        free = max(0, allowance - active)
        if wanted and not free:
            raise ApiError(
                429,
                "concurrency_limit_exceeded",
                f"organisation {acc.org_id!r} has {active} rollouts queued or running, its allowance "
                f"is {allowance}; wait for some to finish (or cancel them), then retry",
                retry_after_seconds=self.settings.org_retry_after_sec,
                allowance=allowance,
                active=active,
            )
        return min(wanted, free)

    def list_pools(
        self,
        acc: Account,
        *,
        pool_type: str | None,
        tag: str | None,
        state: str | None,
        after: int,
        limit: int,
    ) -> list[dict[str, Any]]:
        """The org's pools matching every filter given, in creation order, after `after`, at most
        `limit`, each with its `_seq` (the page cursor)."""
        out: list[dict[str, Any]] = []
        while len(out) < limit:
            rows = self.store.list_pools(acc.org_id, after, 200)
            if not rows:
                break
            for seq, pool in rows:
                after = seq
                if pool_type and pool.get("pool_type") != pool_type:
                    continue
                if tag and tag not in (pool.get("policy_tags") or []):
                    continue
                current = _state(pool)
                if (state and current != state) or (not state and current == "archived"):
                    continue  # archived pools are listed only when asked for by state
                out.append({**self.pool_json(acc, pool), "_seq": seq})
                if len(out) == limit:
                    break
        return out

    def task_or_404(self, acc: Account, pool_id: str, task_id: str) -> dict[str, Any]:
        task = self.store.get_task(acc.org_id, pool_id, task_id)
        if task is None:
            raise not_found("task", task_id)
        return task

    def list_tasks(
        self, acc: Account, pool_id: str, after: int, limit: int
    ) -> list[tuple[int, dict[str, Any]]]:
        return self.store.list_tasks(acc.org_id, pool_id, after, limit)

    def refuse_existing_task(self, acc: Account, pool_id: str, task_id: str) -> None:
        if self.store.get_task(acc.org_id, pool_id, task_id) is not None:
            raise ApiError(409, "conflict", f"task {task_id!r} already exists in pool {pool_id!r}")

    def put_task(self, acc: Account, pool_id: str, task: dict[str, Any], *, create: bool) -> dict[str, Any]:
        """Create or replace the task; the stored task as it now is."""
        self.store.put_task(acc.org_id, pool_id, task, create=create)
        return self.task_or_404(acc, pool_id, task["task_id"])

    def delete_task(self, acc: Account, task: dict[str, Any]) -> None:
        self.store.delete_task(acc.org_id, task["pool_id"], task["task_id"])

    @staticmethod
    def task_instance(task: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in task.items() if k not in ("pool_id", "created_at", "updated_at")}

    @staticmethod
    def _refuse_without_docker(task: dict[str, Any], field: str) -> None:
        """Refuse, before anything is written, a rollout whose task needs Docker when this machine has none.

        Checked when a rollout would start, not when a pool or task is defined: a definition is data
        the real service accepts, and the same pool file works against both.
        """
        if not (task.get("docker_image") and task.get("backend") in DOCKER_BACKENDS and not task.get("run")):
            return
        ok, reason = sandbox.docker_status()
        if not ok:
            # 501, not 422: the request is valid (the real service would run it); this machine
            # lacks the engine, which no change to the request and no retry fixes
            raise ApiError(
                501,
                "not_supported_locally",
                f"{reason}. Task {task.get('task_id')!r} needs Docker to run image {task['docker_image']!r}; "
                "start a Docker engine, or give the task a `run` command to run it locally.",
                details=[
                    {
                        "field": field,
                        "message": reason or "Docker engine unavailable",
                        "code": "docker_unavailable",
                    }
                ],
                retryable=False,
            )

    def save_pool(
        self, acc: Account, body: dict[str, Any], *, create: bool, pool_id: str | None = None
    ) -> dict[str, Any]:
        config = dict(TEMPLATES.get(body.get("template") or "", {}))
        # unknown keys (name, assembly_id, provider, ...) are kept and echoed back, as the service's
        # untyped route does; null means "not given" (`pool_id: null` from Synth's scripts)
        config.update({k: v for k, v in body.items() if v is not None or k not in config})
        config.setdefault("pool_type", "sandbox")
        config["pool_id"] = pool_id or body.get("pool_id") or new_id("pool")  # the service assigns one
        config["org_id"] = acc.org_id
        previous = None if create else self.store.get_pool(acc.org_id, config["pool_id"])
        for state_key in ("paused", "archived", "_ready_at"):
            config.pop(state_key, None)
            if previous and previous.get(state_key):  # lifecycle is state, not definition: a PUT keeps it
                config[state_key] = previous[state_key]
        if create:
            config["_ready_at"] = time.time() + self.settings.pool_build_sec
        tasks = body.get("tasks")
        if tasks is not None:
            tasks = [task_from(t, config) for t in tasks]
        if tasks is not None and len({t["task_id"] for t in tasks}) != len(tasks):
            # 409, not 422: each task is valid on its own (the schema cannot say "unique by
            # task_id"); two of them claim the same id in one pool, as a POST of an existing id would
            counts = Counter(t["task_id"] for t in tasks)
            dupes = sorted(tid for tid, n in counts.items() if n > 1)
            raise ApiError(
                409,
                "conflict",
                f"task ids within a pool must be unique; repeated: {', '.join(map(repr, dupes))}",
                details=[{"field": "body.tasks", "message": "duplicate task_id", "code": "unique"}],
            )
        existing = self.store.get_pool(acc.org_id, config["pool_id"]) if create else None
        if existing is not None and not existing.get("archived"):
            raise ApiError(409, "conflict", f"pool {config['pool_id']!r} already exists")
        if existing is not None:  # an archived pool's id may be used again: a new pool replaces it
            self.store.delete_pool(acc.org_id, config["pool_id"])
        self.store.put_pool(acc.org_id, config["pool_id"], config, create=create)
        if tasks is not None:
            self.store.replace_tasks(acc.org_id, config["pool_id"], tasks)
        self.scheduler.dispatch()  # a raised limit may let queued rollouts start
        return self.pool_json(acc, self.pool_or_404(acc, config["pool_id"]), tasks)

    def archive_pool(self, acc: Account, pool_id: str) -> dict[str, Any]:
        """DELETE archives: the pool stays readable (`archived`) and admits no more rollouts."""
        pool = self.pool_or_404(acc, pool_id)
        self.store.put_pool(acc.org_id, pool_id, {**pool, "archived": True}, create=False)
        return self.pool_json(acc, self.pool_or_404(acc, pool_id, archived=True))

    def _lane_limit(self, lane: Lane) -> int | None:
        """How many of the lane's rollouts may run: 0 while its pool is paused; otherwise its
        limits less the slots its active container leases hold."""
        org, pool_id = lane
        if pool_id == DEFAULT_LANE:
            return None
        pool = self.store.get_pool(org, pool_id)
        if pool is None:
            return None
        if pool.get("paused"):
            return 0
        limits = [
            v
            for v in (pool.get("concurrency"), pool.get("max_running"), pool.get("capacity"))
            if isinstance(v, int)
        ]
        leased = self.leases.active_in_pool(org, pool_id)
        if not limits:
            return None if not leased else max(0, self.settings.workers - leased)
        return max(0, min(limits) - leased)

    def set_paused(self, acc: Account, pool_id: str, paused: bool) -> dict[str, Any]:
        """Pause: the pool keeps accepting rollouts (they queue) and starts none. Resume: they start."""
        pool = self.pool_or_404(acc, pool_id)
        self.store.put_pool(acc.org_id, pool_id, {**pool, "paused": paused}, create=False)
        self.scheduler.dispatch()
        return self.pool_json(acc, self.pool_or_404(acc, pool_id))

    # -- container leases -------------------------------------------------------------------
    def create_lease(self, acc: Account, body: dict[str, Any]) -> dict[str, Any]:
        pool = self.pool_or_404(acc, body["pool_id"])
        if body.get("task_id") and self.store.get_task(acc.org_id, pool["pool_id"], body["task_id"]) is None:
            raise not_found("task", body["task_id"])
        lease, ttl = self.leases.create(acc.org_id, new_id("lease"), body)
        self._wake_at_expiry(ttl)
        return lease

    def renew_lease(self, acc: Account, lease_id: str, body: dict[str, Any]) -> dict[str, Any]:
        lease, ttl = self.leases.renew(acc.org_id, lease_id, body)
        self._wake_at_expiry(ttl)
        return lease

    def release_lease(self, acc: Account, lease_id: str) -> dict[str, Any]:
        lease = self.leases.release(acc.org_id, lease_id)
        self.scheduler.dispatch()  # its slot is free
        return lease

    def _wake_at_expiry(self, ttl: float) -> None:
        # an expired lease frees its slot: let the scheduler look again then
        asyncio.get_running_loop().call_later(ttl + 0.05, self.scheduler.dispatch)

    def pool_metrics(self, acc: Account, pool: dict[str, Any]) -> dict[str, Any]:
        lane = (acc.org_id, pool["pool_id"])
        counts = self.store.pool_counts(acc.org_id, pool["pool_id"])
        limit = self._lane_limit(lane)
        running = self.scheduler.running(lane)
        slots = limit if limit is not None else self.settings.workers
        return {
            "pool_id": pool["pool_id"],
            "queue_depth": self.scheduler.queued(lane),
            "running": running,
            "utilisation": round(running / slots, 4) if slots else 0.0,
            "concurrency": slots,
            "capacity": pool.get("capacity"),
            "max_queue": pool.get("max_queue"),
            "max_running": pool.get("max_running"),
            **_outcome_counts(counts),
            "mean_reward": self.store.pool_mean_reward(acc.org_id, pool["pool_id"]),
        }

    def queue_status(self, acc: Account) -> dict[str, Any]:
        pools = []
        for org, pool_id in self.scheduler.lanes():
            if org != acc.org_id:
                continue
            pool = self.store.get_pool(org, pool_id) if pool_id != DEFAULT_LANE else None
            max_queue = pool.get("max_queue") if pool else None
            queued = self.scheduler.queued((org, pool_id))
            pools.append(
                {
                    "pool_id": pool_id,
                    "queued": queued,
                    "running": self.scheduler.running((org, pool_id)),
                    "max_queue": max_queue,
                    "saturated": max_queue is not None and queued >= max_queue,
                }
            )
        running, queued = self.scheduler.total_running(), self.scheduler.total_queued()
        cap = self.settings.workers
        return {
            "queued": queued,
            "running": running,
            "capacity": cap,
            "saturation": round(running / cap, 4),
            "saturated": running >= cap and queued > 0,
            "pools": pools,
        }

    # -- rollouts: planning -----------------------------------------------------------------
    def _base_doc(self, kind: str, request: dict[str, Any], pool: dict[str, Any] | None) -> dict[str, Any]:
        rid = new_id("ro")
        base = f"/v1/rollouts/{rid}"
        return {
            "rollout_id": rid,
            "kind": kind,
            "status": "queued",
            "status_reason": None,
            "created_at": now_iso(),
            "updated_at": None,
            "started_at": None,
            "finished_at": None,
            "pool_id": pool["pool_id"] if pool else None,
            "request": request,
            "reward": None,
            "replay_of": None,
            "dry_run": False,
            "metadata": dict(request.get("metadata") or {}),
            "links": {
                "self": base,
                "events": f"{base}/events",
                "artifacts": f"{base}/artifacts",
                "usage": f"{base}/usage",
                "summary": f"{base}/summary",
                "cancel": f"{base}/cancel",
            },
        }

    def plan_environment(self, acc: Account, req: dict[str, Any]) -> CreatePlan:
        pool = None
        task_ref = req.get("task_ref") or {}
        task_id = str(task_ref.get("task_id") or "")
        if req.get("pool_id"):
            pool = self.pool_or_404(acc, req["pool_id"])
        elif req.get("pool_tags"):
            wanted = set(req["pool_tags"])
            for _, cand in self.store.list_pools(acc.org_id, 0, 100_000):
                if wanted <= set(cand.get("policy_tags") or []) and not cand.get("archived"):
                    pool = cand
                    break
            if pool is None:
                raise ApiError(404, "not_found", f"no pool carries all of the tags {sorted(wanted)}")
        if pool:
            self.require_admitting(pool)
        agent = req.get("agent") or {}
        harness = agent.get("harness") or agent.get("kind")
        model = agent.get("model_id") or (HARNESS_MODELS.get(harness or "", [None])[0])
        if pool and pool.get("allowed_agents") and harness not in pool["allowed_agents"]:
            # 403: the request is well formed; this pool's policy refuses it (422 is for bad bodies)
            raise ApiError(
                403,
                "agent_not_allowed",
                f"pool {pool['pool_id']!r} does not allow agent {harness!r}",
                details=[{"field": "body.agent.harness", "message": f"allowed: {pool['allowed_agents']}"}],
            )
        if pool and pool.get("allowed_models") and model not in pool["allowed_models"]:
            raise ApiError(
                403,
                "model_not_allowed",
                f"pool {pool['pool_id']!r} does not allow model {model!r}",
                details=[{"field": "body.agent.model_id", "message": f"allowed: {pool['allowed_models']}"}],
            )
        task = None
        if pool:
            task = self.store.get_task(acc.org_id, pool["pool_id"], task_id)
            if task is None:
                self._refuse_unknown_task(acc, pool, task_id)
        self._require_runnable(task, req, task_id)
        doc = self._base_doc("environment", req, pool)
        doc.update(
            task_id=task_id,
            dataset=task_ref.get("dataset"),
            harness=harness,
            model_id=model,
            priority=int(req.get("priority") or 0),
        )
        lane = (acc.org_id, pool["pool_id"] if pool else DEFAULT_LANE)
        return CreatePlan(lane, pool, task, doc)

    def _refuse_unknown_task(self, acc: Account, pool: dict[str, Any], task_id: str | None) -> None:
        """A pool that defines tasks runs only those: naming another is a 404 listing them (as an
        unknown pool is). A pool that defines none (the smoke test routes dataset tasks to one by
        `pool_tags`) accepts it; the rollout then runs nothing real and carries no reward."""
        defined = [t["task_id"] for _, t in self.store.list_tasks(acc.org_id, pool["pool_id"], 0, 1000)]
        if defined:
            shown = ", ".join(map(repr, defined[:20])) + (" ..." if len(defined) > 20 else "")
            raise ApiError(
                404,
                "task_not_found",
                f"task {task_id!r} is not defined in pool {pool['pool_id']!r}; its tasks: {shown}",
                details=[
                    {
                        "field": "body.task_ref.task_id",
                        "message": f"pool {pool['pool_id']!r} has no task {task_id!r}",
                        "code": "not_found",
                        "fix": f"use one of the pool's tasks ({shown}), or add the task to the pool first",
                    }
                ],
                pool_id=pool["pool_id"],
                tasks=defined[:100],
            )

    def _require_runnable(
        self, task: dict[str, Any] | None, req: dict[str, Any], task_id: str | None
    ) -> None:
        if task is not None:
            self._refuse_without_docker(task, "task.docker_image")
            return
        env = req.get("environment") or {}
        if env.get("docker_image"):
            spec = {"task_id": task_id, "backend": env.get("backend"), "docker_image": env["docker_image"]}
            self._refuse_without_docker(spec, "body.environment.docker_image")

    def plan_container(
        self, acc: Account, req: dict[str, Any], pool_id: str | None, task_id: str | None
    ) -> CreatePlan:
        pool_id = pool_id or req.get("pool_id")
        pool = self.pool_or_404(acc, pool_id) if pool_id else None
        task = None
        wanted = task_id or req.get("task_id")
        if pool and wanted:
            self.require_admitting(pool)
            task = self.store.get_task(acc.org_id, pool["pool_id"], wanted)
            if task is None:
                self._refuse_unknown_task(acc, pool, wanted)
                raise not_found("task", wanted)
        elif pool:
            self.require_admitting(pool)
            first = self.store.list_tasks(acc.org_id, pool["pool_id"], 0, 1)
            task = first[0][1] if first else None
        self._require_runnable(task, req, wanted)
        doc = self._base_doc("container", req, pool)
        doc.update(
            task_id=task["task_id"] if task else wanted, dataset=None, harness=None, model_id=None, priority=0
        )
        lane = (acc.org_id, pool["pool_id"] if pool else DEFAULT_LANE)
        return CreatePlan(lane, pool, task, doc)

    def plan_replay(
        self,
        acc: Account,
        original: dict[str, Any],
        body: dict[str, Any],
        request_errors: Callable[[dict[str, Any]], list[dict[str, str]]],
    ) -> CreatePlan:
        """A new rollout from `original`'s request: `overrides` replace its top-level keys, `metadata` merges.

        The merged request must still be a valid create request. Overrides are free-form in the
        spec, so one that breaks the merge is not a malformed body (422) but a clash with this
        rollout's stored request: 409 `invalid_overrides`, naming each field.
        """
        request = {**(original.get("request") or {}), **(body.get("overrides") or {})}
        request["metadata"] = {**(request.get("metadata") or {}), **(body.get("metadata") or {})}
        request.pop("dry_run", None)
        problems = request_errors(request)
        if problems:
            fields = ", ".join(p["field"] for p in problems[:5])
            raise ApiError(
                409,
                "invalid_overrides",
                f"overrides make rollout {original['rollout_id']!r}'s request invalid ({fields}); "
                "override only fields of its kind, with values its schema allows",
                details=problems,
            )
        if original["kind"] == "environment":
            plan = self.plan_environment(acc, request)
        else:
            plan = self.plan_container(acc, request, original.get("pool_id"), original.get("task_id"))
        plan.doc["replay_of"] = original["rollout_id"]
        return plan

    def check_capacity(self, plans: list[CreatePlan]) -> None:
        per_lane: dict[Lane, int] = {}
        for plan in plans:
            per_lane[plan.lane] = per_lane.get(plan.lane, 0) + 1
        for lane, extra in per_lane.items():
            pool = self.store.get_pool(*lane) if lane[1] != DEFAULT_LANE else None
            max_queue = pool.get("max_queue") if pool else None
            if max_queue is None:
                continue
            limit = self._lane_limit(lane)
            free_slots = max(0, (limit if limit is not None else extra) - self.scheduler.running(lane))
            free_slots = min(free_slots, max(0, self.settings.workers - self.scheduler.total_running()))
            if self.scheduler.queued(lane):
                free_slots = 0
            if self.scheduler.queued(lane) + max(0, extra - free_slots) > max_queue:
                raise ApiError(
                    429,
                    "queue_full",
                    f"pool {lane[1]!r} queue is full ({max_queue} queued); retry later",
                    retry_after_seconds=2.0,
                )

    def commit(self, acc: Account, plan: CreatePlan, *, dry_run: bool = False) -> dict[str, Any]:
        doc = plan.doc
        doc["_lane"] = list(plan.lane)
        doc["_spec"] = {"task": plan.task}
        if dry_run:
            doc.update(status="validated", dry_run=True, status_reason="dry run: validated, nothing started")
            doc["finished_at"] = doc["created_at"]
        self.store.insert_rollout(doc, acc.org_id)
        self.events.append(
            doc["rollout_id"], "lifecycle", {"status": doc["status"], "reason": doc["status_reason"]}
        )
        if not dry_run:
            self.scheduler.enqueue(doc["rollout_id"], plan.lane, doc.get("priority") or 0)
        return public_rollout(doc)

    # -- rollouts: reads -------------------------------------------------------------------
    def rollout_or_404(self, acc: Account, rollout_id: str, pool_id: str | None = None) -> dict[str, Any]:
        doc = self.store.get_rollout(rollout_id, acc.org_id)
        if doc is None or (pool_id is not None and doc.get("pool_id") != pool_id):
            raise not_found("rollout", rollout_id)
        return doc

    def usage(self, doc: dict[str, Any]) -> dict[str, Any]:
        """What the rollout used and its estimated cost; a simulated run used nothing (all zero,
        `simulated: true`), so no sum over rollouts counts it."""
        usage = dict(doc.get("_usage") or {})
        if doc["status"] == "running" and doc.get("started_at") and not doc.get("simulated"):
            usage["wall_time_sec"] = max(0.0, time.time() - _epoch(doc["started_at"]))
        snapshot = usage_snapshot(doc["rollout_id"], usage, doc.get("model_id"))
        snapshot["simulated"] = bool(doc.get("simulated"))
        return snapshot

    def list_rollouts(
        self, acc: Account, filters: dict[str, Any], before: int | None, limit: int
    ) -> list[tuple[int, dict[str, Any]]]:
        return self.store.list_rollouts(acc.org_id, filters, before, limit)

    def rollout_summary(self, doc: dict[str, Any]) -> dict[str, Any]:
        rid = doc["rollout_id"]
        count, _ = self.store.artifact_totals(rid)
        public = public_rollout(doc)
        return {
            "rollout_id": rid,
            "status": public["status"],
            "status_reason": doc.get("status_reason"),
            "reward": public["reward"],
            "simulated": bool(doc.get("simulated")),
            "created_at": doc["created_at"],
            "finished_at": doc.get("finished_at"),
            "event_count": self.store.event_count(rid),
            "last_event": self.store.last_event(rid),
            "artifact_count": count,
            "usage": self.usage(doc),
        }

    # -- artifacts ------------------------------------------------------------------------
    def artifact_page(
        self, doc: dict[str, Any], prefix: str, after: str, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        """Up to `limit` artifact entries after the path `after`, and the rollout's total bytes."""
        rows = self.store.list_artifacts(doc["rollout_id"], prefix, after, limit)
        _, total = self.store.artifact_totals(doc["rollout_id"])
        return rows, total

    def artifact_file(self, doc: dict[str, Any], rel: str) -> tuple[dict[str, Any], Path]:
        """The artifact's manifest entry and its file (404 for a path the rollout did not keep)."""
        entry = self.store.get_artifact(doc["rollout_id"], rel)
        if entry is None:
            raise not_found("artifact", rel)
        return entry, artifacts.resolve(self._artifact_root(doc), rel)

    def artifact_files(self, doc: dict[str, Any], prefix: str, limit: int) -> list[tuple[str, Path]]:
        """(path, file) of the rollout's artifacts under `prefix`, in path order."""
        root = self._artifact_root(doc)
        entries = self.store.list_artifacts(doc["rollout_id"], prefix, limit=limit)
        return [(e["path"], artifacts.resolve(root, e["path"])) for e in entries]

    def _artifact_root(self, doc: dict[str, Any]) -> Path:
        return self.store.rollout_dir(doc["rollout_id"]) / "artifacts"

    # -- rollouts: execution ---------------------------------------------------------------
    def _finish(
        self,
        doc: dict[str, Any],
        status: str,
        reason: str | None,
        reward: float | None,
        *,
        verdict: Verdict | None = None,
    ) -> None:
        ts = now_iso()
        doc.update(status=status, status_reason=reason, finished_at=ts, updated_at=ts)
        if verdict is not None:
            doc.update(verified=verdict.verified, simulated=verdict.simulated, reward_reason=verdict.why)
        elif doc.get("reward_reason") is None:
            doc["reward_reason"] = f"no verifier ran: the rollout ended {status} ({reason})"
        if reward is not None:
            doc["reward"] = reward
        self.store.update_rollout(doc)
        items: list[tuple[str, dict[str, Any]]] = []
        if reward is not None:
            items.append(("reward", {"reward": reward, "verified": True}))
        final = {"status": status, "reason": reason, "reward": doc.get("reward")}
        if doc.get("simulated"):
            final["simulated"] = True
        items.append(("lifecycle", final))
        self.events.append_many(doc["rollout_id"], items)
        self.events.forget(doc["rollout_id"])

    async def _run(self, rollout_id: str) -> None:
        doc = self.store.get_rollout(rollout_id)
        org = self.store.rollout_org(rollout_id)
        if doc is None or org is None or doc["status"] != "queued":
            return
        ts = now_iso()
        ctx = self._context(doc, org)
        verdict = Verdict.of(ctx.task, doc)
        doc.update(status="running", started_at=ts, updated_at=ts, simulated=verdict.simulated)
        self.store.update_rollout(doc)
        self.events.append(rollout_id, "lifecycle", {"status": "running", "reason": None})
        try:
            if verdict.task_app_url:  # nothing here can run it (see Verdict)
                outcome = runners.Outcome("failed", verdict.why)
            else:
                outcome = await runners.execute(ctx)
        except asyncio.CancelledError:
            status, reason = self._cancel_reason.pop(rollout_id, ("cancelled", "cancelled"))
            outcome = runners.Outcome(status, reason)
        except Exception as exc:
            log.exception("rollout %s failed in the runner", rollout_id)
            outcome = runners.Outcome("error", f"runner error: {type(exc).__name__}")
        # a made-up run used nothing: no sandbox, no model, nothing to bill
        doc["_usage"] = {} if verdict.simulated else ctx.usage
        final = "completed" if outcome.status == "succeeded" else outcome.status
        why = verdict.why if verdict.simulated and final == "completed" else outcome.reason
        verdict.settle(final, outcome.reward)
        self._finish(doc, final, why, verdict.reward, verdict=verdict)

    def _context(self, doc: dict[str, Any], org: str) -> runners.RunContext:
        task = (doc.get("_spec") or {}).get("task")
        req = doc.get("request") or {}
        run = (task or {}).get("run") or {}
        env = dict((task or {}).get("env_vars") or {})
        secret_values: list[str] = []
        if run.get("credential_env"):
            values = self.store.credential_values_by_name(org, run["credential_env"].values())
            for var, name in run["credential_env"].items():
                if name in values:
                    env[var] = values[name]
                    secret_values.append(values[name])
        if doc["kind"] == "container":
            env.update(req.get("env") or {})
        timeouts = req.get("timeouts") or {}
        rid = doc["rollout_id"]
        rdir = self.store.rollout_dir(rid)
        seed = req.get("seed") if doc["kind"] == "container" else (req.get("metadata") or {}).get("seed")
        return runners.RunContext(
            rollout_id=rid,
            kind=doc["kind"],
            workdir=rdir / "work",
            artifacts_dir=rdir / "artifacts",
            hidden=[self.settings.data_dir.resolve(), *self.settings.secret_files],
            emit=lambda items: self._emit(rid, items),
            register_artifact=lambda entry: self.store.put_artifact(rid, entry),
            task=task,
            harness=doc.get("harness"),
            model_id=doc.get("model_id"),
            seed=seed if isinstance(seed, int) else None,
            agent_timeout=float(timeouts.get("agent_sec") or DEFAULT_AGENT_SEC),
            verifier_timeout=float(timeouts.get("verifier_sec") or DEFAULT_VERIFIER_SEC),
            env={k: str(v) for k, v in env.items()},
            secrets=secret_values,
            on_spawn=lambda pid: self._remember_pgid(doc, pid),
            limits=self.settings.limits,
        )

    def _remember_pgid(self, doc: dict[str, Any], pid: int) -> None:
        """Persist the sandbox's process group so a restart after kill -9 can clean it up."""
        doc["_pgids"] = [*(doc.get("_pgids") or []), pid]
        self.store.update_rollout(doc)

    def _emit(self, rollout_id: str, items: list[tuple[str, dict[str, Any]]]) -> None:
        self.events.append_many(rollout_id, items)

    # -- credentials ----------------------------------------------------------------------
    def list_credentials(self, org: str, after: int, limit: int) -> list[dict[str, Any]]:
        return [public_credential(d) for _, d in self.store.list_credentials(org, after, limit)]

    def store_credential(self, org: str, body: dict[str, Any]) -> dict[str, Any]:
        """A new credential; its name is unique among the org's active ones (the store's UNIQUE
        index decides, so two concurrent creates cannot both pass a check)."""
        doc = {
            "credential_id": new_id("cred"),
            "credential_name": body["credential_name"],
            "credential_type": body["credential_type"],
            "metadata": body.get("metadata"),
            "is_active": True,
            "version": 1,
            "created_at": now_iso(),
            "updated_at": None,
        }
        try:
            self.store.insert_credential(doc, org, body["credential_value"])
        except sqlite3.IntegrityError:
            raise ApiError(
                409, "conflict", f"credential {body['credential_name']!r} already exists; rotate it instead"
            ) from None
        return public_credential(doc)

    def _active_credential(self, org: str, credential_id: str) -> dict[str, Any]:
        doc = self.store.get_credential(org, credential_id)
        if doc is None or not doc.get("is_active", True):  # a deleted one is gone for every use
            raise not_found("credential", credential_id)
        return doc

    def rotate_credential(self, org: str, credential_id: str, value: str) -> dict[str, Any]:
        doc = self._active_credential(org, credential_id)
        rotated = {**doc, "version": int(doc.get("version", 1)) + 1, "updated_at": now_iso()}
        self.store.update_credential(rotated, org, value)
        return public_credential(rotated)

    def delete_credential(self, org: str, credential_id: str) -> None:
        self.store.deactivate_credential(org, self._active_credential(org, credential_id))

    async def cancel(self, doc: dict[str, Any], reason: str | None) -> dict[str, Any]:
        rid = doc["rollout_id"]
        if doc["status"] in TERMINAL:
            return doc
        why = reason or "cancelled by request"
        if self.scheduler.remove_queued(rid) or not self.scheduler.is_running(rid):
            self._finish(doc, "cancelled", why, None)
        else:
            self._cancel_reason[rid] = ("cancelled", why)
            await self.scheduler.cancel_and_wait(rid)
            latest = self.store.get_rollout(rid) or doc
            if latest["status"] not in TERMINAL:  # cancelled before the runner took it
                self._cancel_reason.pop(rid, None)
                self._finish(latest, "cancelled", why, None)
        return self.store.get_rollout(rid) or doc


@dataclass
class Verdict:
    """Whether a rollout's reward is real: only a verifier that ran and finished gives one (the
    runner's `Outcome.reward`; nothing else, an exit code or the stand-in agent, is a reward).

    Decided before the run: `simulated`: nothing of the task runs here (no command), only the
    stand-in agent's made-up steps. `task_app_url`: the task is served by a task app, which this
    backend does not call, so nothing runs at all. Settled after it, from the runner's outcome.
    """

    simulated: bool = False
    task_app_url: str | None = None
    has_verifier: bool = False
    reward: float | None = None
    verified: bool = False
    why: str | None = None

    @classmethod
    def of(cls, task: dict[str, Any] | None, doc: dict[str, Any]) -> Verdict:
        task = task or {}
        run = task.get("run") or {}
        request = doc.get("request") or {}
        runs_here = bool(run.get("command")) or (
            bool(task.get("docker_image")) and sandbox.docker_status()[0]
        )
        verdict = cls(has_verifier=bool(run.get("verifier")) and runs_here)
        name = task.get("task_id") or doc.get("task_id")
        if not runs_here and request.get("task_app_url"):
            verdict.task_app_url = str(request["task_app_url"])
            verdict.why = (
                f"not run: task {name!r} is served by the task app at {verdict.task_app_url}, which the "
                "local backend does not call; nothing ran and there is no reward. Fix: give the pool "
                "task a `run` command and a `run.verifier` to run it locally, or run it on the Synth service"
            )
        elif not runs_here:
            verdict.simulated = True
            verdict.why = (
                f"simulated: task {name!r} has no command to run here, so the stand-in agent made up its "
                "steps; no verifier ran and there is no reward. Fix: define the task in the pool with "
                "`run.command` and `run.verifier`"
            )
        return verdict

    def settle(self, status: str, reward: float | None) -> None:
        """Take the verifier's reward (None when none ran or it did not finish) and say why there
        is none."""
        if reward is not None and self.has_verifier:
            self.reward, self.verified = float(reward), True
        if self.why is None and not self.verified:
            self.why = (
                "no verifier: the task defines no `run.verifier`, so nothing scored the run; "
                "add a verifier to get a reward"
                if not self.has_verifier
                else f"no reward: the rollout ended {status} before its verifier finished"
            )


def _state(pool: dict[str, Any]) -> str:
    """The service's pool lifecycle as this backend keeps it: building (for --pool-build-sec after
    create), active, paused, archived (real-service.md, "Pool lifecycle")."""
    if pool.get("archived"):
        return "archived"
    if pool.get("_ready_at") and time.time() < float(pool["_ready_at"]):
        return "building"
    return "paused" if pool.get("paused") else "active"


def task_from(task: dict[str, Any], pool: dict[str, Any]) -> dict[str, Any]:
    """A pool task as stored, from the shapes Synth's docs send: the id may come as `task_id`,
    `id` or `name`; a missing `backend` is the pool's (else `arbitrary`, the service's default)."""
    out = dict(task)
    out["task_id"] = str(task.get("task_id") or task.get("id") or task.get("name") or "")
    out.setdefault("backend", pool.get("backend") or "arbitrary")
    if out["backend"] is None:
        out["backend"] = pool.get("backend") or "arbitrary"
    return out


def _outcome_counts(counts: dict[tuple[str, bool], int]) -> dict[str, Any]:
    """A pool's finished rollouts by what is known of them (`known_success`): `succeeded` are the
    completed ones a verifier checked, `unverified` the completed ones nothing checked (no verifier,
    or simulated), left out of `success_rate`, which is over the `success_rate_over` rollouts whose
    outcome is known (succeeded, failed, error). Dry runs (`validated`) are no rollouts run."""
    by_status: Counter[str] = Counter()
    for (status, _), n in counts.items():
        by_status[status] += n
    succeeded = counts.get(("completed", True), 0)
    failed = by_status["failed"] + by_status["error"]
    known = succeeded + failed
    total = sum(n for status, n in by_status.items() if status != "validated")
    return {
        "succeeded": succeeded,
        "completed": by_status["completed"],
        "unverified": counts.get(("completed", False), 0),
        "failed": failed,
        "cancelled": by_status["cancelled"],
        "total_rollouts": total,
        "total_count": total,
        "success_rate": round(succeeded / known, 4) if known else None,
        "success_rate_over": known,
    }


def _epoch(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
