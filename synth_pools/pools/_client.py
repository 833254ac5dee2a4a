# Written by scripts/unasync.py from _async_client.py: edit that file, then run `make unasync`.
"""The container-pools client (``ContainerPoolsClient`` and its async twin) and its namespaces.

Every method of the reference document, on the SDK's one transport. Each method is one line, as
in every namespace of both API packages (``_resource``): it binds the generated operation by
its operationId (``_operations.bind`` checks every path id; ``_validation`` the bodies;
``_generic.generic_request`` where the service leaves a body or filters untyped), and an answer
primitive sends it (pooled connections, retries, idempotency keys) and reads the answer:
``_object`` (a dict; ``{}`` only for a 204), ``_items`` (every page), ``_events`` (an event
stream, also a context manager). Aliases are the very same function objects as their targets, so
they cannot drift.

The namespaces (``rollouts`` pool-scoped, ``agent_rollouts`` global, ``tasks``, ``metrics``,
``leases``) are views of the flat methods: each of their methods is a :class:`_View` naming the
method it stands for, and is that method, bound to the client (so the same parameters; a test
compares them).

The async module is the source: ``scripts/unasync.py`` writes the sync module from it (``make
unasync``; ``make check`` fails when they differ), so the twins cannot drift. The async client
runs native coroutines, no threads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, cast, overload

import httpx

from .._base_client import BaseSyncClient
from .._generic import generic_request
from .._operations import EventRoute, bind
from .._pool_lifecycle import DEFAULT_POLL, DEFAULT_WAIT, PoolWait
from .._sse import EventStream, StreamState
from ._validation import json_body, rollout_body

P = ParamSpec("P")
R = TypeVar("R")


def _stream_state(
    cursor: str | None, since: str | None, include_heartbeats: bool, max_retries: int
) -> StreamState:
    return StreamState(
        cursor=cursor,
        since=since,
        include_heartbeats=include_heartbeats,
        max_retries=max_retries,
        ends_when_drained=True,  # these routes end a finished rollout's stream cleanly
    )


class ContainerPoolsClient(BaseSyncClient):
    """Manage container pools, tasks, rollouts, and metrics.

    Args:
        api_key: Synth API key; defaults to ``SYNTH_API_KEY``.
        backend_base: API base URL; defaults to ``SYNTH_BACKEND_URL`` or production.
        base_url: compatibility alias of ``backend_base``; give one or the other.
        timeout / timeout_seconds: per-request read timeout in seconds (``timeout_seconds`` wins).
        max_retries: retries of failed calls (429, 5xx, connection errors); 0 disables them.
        http_client: bring your own ``httpx.Client`` (it stays yours to close).
        transport: an ``httpx.BaseTransport`` for the client (tests, proxies).

    Namespaces: ``rollouts`` (pool-scoped), ``agent_rollouts`` (global), ``tasks``, ``metrics``,
    ``leases`` (container leases). Any other route of the service: ``call`` (``_generic``).
    Errors are the SDK's typed ones (``NotFoundError``, ``PlanGatingError``, ``RateLimitError``...);
    rollout requests with non-canonical keys raise ``ValueError`` before anything is sent.
    """

    rollouts: PoolRollouts
    agent_rollouts: AgentRollouts
    tasks: PoolTasks
    metrics: PoolMetrics
    leases: ContainerLeases

    def __init__(
        self,
        api_key: str | None = None,
        backend_base: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        timeout_seconds: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__(
            api_key,
            backend_base,
            base_url=base_url,
            timeout=timeout_seconds if timeout_seconds is not None else timeout,
            max_retries=max_retries,
            http_client=http_client,
            transport=transport,
        )

    def _open_namespaces(self) -> None:
        self.rollouts = PoolRollouts(self)
        self.agent_rollouts = AgentRollouts(self)
        self.tasks = PoolTasks(self)
        self.metrics = PoolMetrics(self)
        self.leases = ContainerLeases(self)

    @property
    def raw(self) -> Self:
        """Return ``self`` for advanced raw HTTP access (``pools.raw.create_rollout(...)``)."""
        return self

    def __call__(self) -> Self:
        # The document spells raw as a method (``raw(self)``) while the public module uses
        # ``pools.raw.<method>``; the property returns the client and calling the client
        # returns it again, so ``pools.raw()`` and ``pools.raw.x`` both work.
        return self

    # --- pools ------------------------------------------------------------------------------

    def create_pool(self, request: dict[str, Any], *, idempotency_key: str | None = None) -> dict[str, Any]:
        """Create a container pool."""
        return self._object(bind("create_pool", body=json_body(request), idempotency_key=idempotency_key))

    def list_pools(
        self, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> dict[str, Any]:
        """List container pools with optional cursor pagination: one page ``{items, next_cursor}``."""
        return self._object(bind("list_pools", state=state, limit=limit, cursor=cursor))

    def get_pool(self, pool_id: str) -> dict[str, Any]:
        """Retrieve a pool by id."""
        return self._object(bind("get_pool", pool_id))

    def replace_pool(self, pool_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Replace a pool definition."""
        return self._object(bind("replace_pool", pool_id, body=json_body(request)))

    def update_pool(self, pool_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Patch-update a pool definition."""
        return self._object(bind("update_pool", pool_id, body=json_body(request)))

    def delete_pool(self, pool_id: str) -> dict[str, Any]:
        """Delete a pool by id."""
        return self._object(bind("delete_pool", pool_id))

    def get_pool_urls(self, pool_id: str) -> dict[str, Any]:
        """Return rollout URLs for a pool."""
        return self._object(bind("get_pool_urls", pool_id))

    def get_pool_metrics(self, pool_id: str) -> dict[str, Any]:
        """Return utilization metrics for a pool."""
        return self._object(bind("get_pool_metrics", pool_id))

    def pause_pool(self, pool_id: str) -> dict[str, Any]:
        """Pause a pool: it keeps queueing rollouts but starts none until resumed."""
        return self._object(bind("pause_pool", pool_id))

    def resume_pool(self, pool_id: str) -> dict[str, Any]:
        """Resume a paused pool: its queued rollouts start again."""
        return self._object(bind("resume_pool", pool_id))

    def wait_until_active(
        self, pool_id: str, *, timeout: float = DEFAULT_WAIT, poll_interval: float = DEFAULT_POLL
    ) -> dict[str, Any]:
        """Poll the pool (every ``poll_interval`` s) until its status is ``active`` and return it:
        a new pool is built first (``created``, ``uploading``, ``building``, ``warming``). Raises
        ``PoolFailedError`` at once on ``failed``/``archived`` and ``PoolWaitTimeout`` (naming the
        last status) after ``timeout`` s. A pool that reports no status counts as active."""
        return self._wait_active(bind("get_pool", pool_id), PoolWait(pool_id, timeout, poll_interval))

    # --- container leases -----------------------------------------------------------------------

    def create_lease(
        self, request: dict[str, Any] | None = None, *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Assign a container lease (the body passes through: the service leaves it untyped)."""
        body = json_body(request) if request is not None else {}
        return self._object(bind("assign_container_lease", body=body, idempotency_key=idempotency_key))

    def list_leases(self, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """The container leases, one page ``{items, next_cursor}``; ``params`` are sent as filters
        (the service's filters are untyped: each passes through, ``None`` dropped)."""
        filters = json_body(params, "params") if params is not None else None
        return self._object(generic_request("list_container_leases", (), params=filters))

    def get_lease(self, lease_id: str) -> dict[str, Any]:
        """One container lease."""
        return self._object(bind("get_container_lease", lease_id))

    def renew_lease(self, lease_id: str, request: dict[str, Any] | None = None) -> dict[str, Any]:
        """Extend a lease before its TTL runs out (``request``, e.g. a new TTL, passes through)."""
        body = json_body(request) if request is not None else {}
        return self._object(bind("renew_container_lease", lease_id, body=body))

    def release_lease(self, lease_id: str) -> dict[str, Any]:
        """Give a lease back before it expires."""
        # the spec declares no body; an empty JSON object goes, as it always has from this client
        return self._object(generic_request("release_container_lease", (lease_id,), body={}))

    # --- tasks ------------------------------------------------------------------------------

    def list_tasks(
        self, pool_id: str, *, limit: int | None = None, cursor: str | None = None
    ) -> dict[str, Any]:
        """List tasks configured on a pool (one page)."""
        return self._object(bind("list_pool_tasks", pool_id, limit=limit, cursor=cursor))

    def create_task(
        self, pool_id: str, request: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Create a task on a pool."""
        return self._object(
            bind("create_pool_task", pool_id, body=json_body(request), idempotency_key=idempotency_key)
        )

    def update_task(self, pool_id: str, task_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Replace a pool task definition."""
        return self._object(bind("replace_pool_task", pool_id, task_id, body=json_body(request)))

    def patch_task(self, pool_id: str, task_id: str, request: dict[str, Any]) -> dict[str, Any]:
        """Patch-update a pool task."""
        return self._object(bind("patch_pool_task", pool_id, task_id, body=json_body(request)))

    def delete_task(self, pool_id: str, task_id: str) -> dict[str, Any]:
        """Delete a pool task."""
        return self._object(bind("delete_pool_task", pool_id, task_id))

    # --- pool-scoped rollouts ---------------------------------------------------------------

    def create_rollout(
        self, pool_id: str, request: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Start a rollout on a pool (``request`` keys are checked by ``validate_pool_rollout_request``).
        A refusal because the pool is not ``active`` yet raises ``PoolNotActiveError`` naming its
        status; :meth:`wait_until_active` waits for it."""
        return self._launch(
            bind(
                "create_pool_rollout",
                pool_id,
                body=rollout_body(request, "create_rollout"),
                idempotency_key=idempotency_key,
            ),
            pool_id,
        )

    def get_rollout(self, pool_id: str, rollout_id: str) -> dict[str, Any]:
        """Fetch rollout state for a pool."""
        return self._object(bind("get_pool_rollout", pool_id, rollout_id))

    def list_rollouts(
        self, pool_id: str, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> dict[str, Any]:
        """List rollouts for a pool (one page)."""
        return self._object(bind("list_pool_rollouts", pool_id, state=state, limit=limit, cursor=cursor))

    def cancel_rollout(self, pool_id: str, rollout_id: str) -> dict[str, Any]:
        """Cancel an in-flight pool rollout."""
        return self._object(bind("cancel_pool_rollout", pool_id, rollout_id, body={}))

    def get_rollout_artifacts(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """List artifacts produced by a pool rollout (an artifact manifest)."""
        return self._object(
            bind(
                "list_pool_rollout_artifacts", pool_id, rollout_id, prefix=prefix, limit=limit, cursor=cursor
            )
        )

    def get_rollout_usage(self, pool_id: str, rollout_id: str) -> dict[str, Any]:
        """Return usage totals for a pool rollout."""
        return self._object(bind("get_pool_rollout_usage", pool_id, rollout_id))

    def get_rollout_summary(self, pool_id: str, rollout_id: str) -> dict[str, Any]:
        """Return a summary document for a pool rollout."""
        return self._object(bind("get_pool_rollout_summary", pool_id, rollout_id))

    def stream_rollout_events(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> EventStream:
        """Stream rollout events for a pool.

        Yields event dicts ``{id, event, seq, timestamp, data}`` exactly once each, in order,
        resuming after a dropped connection from the last id; ends on the terminal event. It is
        also a context manager: leaving the block releases the connection at once.
        """
        state = _stream_state(cursor, since, include_heartbeats, max_retries)
        return self._events(
            EventRoute("stream_pool_rollout_events", pool_id, rollout_id),
            state,
            auto_reconnect=auto_reconnect,
        )

    # --- global rollouts --------------------------------------------------------------------

    def create_global_rollout(
        self, request: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Start a global (non-pool-scoped) rollout."""
        spec = bind(
            "create_rollout",
            body=rollout_body(request, "create_global_rollout"),
            idempotency_key=idempotency_key,
        )
        return self._launch(spec, request.get("pool_id"))

    def list_global_rollouts(
        self, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> dict[str, Any]:
        """List global rollouts (one page)."""
        return self._object(bind("list_rollouts", state=state, limit=limit, cursor=cursor))

    def get_global_rollout(self, rollout_id: str) -> dict[str, Any]:
        """Fetch a global rollout by id."""
        return self._object(bind("get_rollout", rollout_id))

    def cancel_global_rollout(self, rollout_id: str) -> dict[str, Any]:
        """Cancel a global rollout."""
        return self._object(bind("cancel_rollout", rollout_id, body={}))

    def get_global_rollout_artifacts(
        self,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> dict[str, Any]:
        """List artifacts for a global rollout."""
        return self._object(
            bind("list_rollout_artifacts", rollout_id, prefix=prefix, limit=limit, cursor=cursor)
        )

    def get_global_rollout_usage(self, rollout_id: str) -> dict[str, Any]:
        """Return usage totals for a global rollout."""
        return self._object(bind("get_rollout_usage", rollout_id))

    def get_global_rollout_summary(self, rollout_id: str) -> dict[str, Any]:
        """Return a summary for a global rollout."""
        return self._object(bind("get_rollout_summary", rollout_id))

    def stream_global_rollout_events(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> EventStream:
        """Stream events for a global rollout (resumes after cuts; every event once, in order)."""
        state = _stream_state(cursor, since, include_heartbeats, max_retries)
        return self._events(
            EventRoute("stream_rollout_events", rollout_id), state, auto_reconnect=auto_reconnect
        )

    # --- containers -------------------------------------------------------------------------

    def get_pool_container_health(self, pool_id: str) -> dict[str, Any]:
        """Return container health for a pool."""
        return self._object(bind("get_pool_container_health", pool_id))

    def get_task_container_health(self, pool_id: str, task_id: str) -> dict[str, Any]:
        """Return container health for a pool task."""
        return self._object(bind("get_task_container_health", pool_id, task_id))

    def get_pool_container_info(self, pool_id: str) -> dict[str, Any]:
        """Return container info for a pool."""
        return self._object(bind("get_pool_container_info", pool_id))

    def get_task_container_info(self, pool_id: str, task_id: str) -> dict[str, Any]:
        """Return container info for a pool task."""
        return self._object(bind("get_task_container_info", pool_id, task_id))

    def get_pool_container_metadata(self, pool_id: str) -> dict[str, Any]:
        """Return container metadata for a pool."""
        return self._object(bind("get_pool_container_metadata", pool_id))

    def get_task_container_metadata(self, pool_id: str, task_id: str) -> dict[str, Any]:
        """Return container metadata for a pool task."""
        return self._object(bind("get_task_container_metadata", pool_id, task_id))

    def execute_pool_container_rollout(
        self, pool_id: str, request: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Execute a one-off container rollout on a pool."""
        return self._object(
            bind(
                "execute_pool_container_rollout",
                pool_id,
                body=json_body(request),
                idempotency_key=idempotency_key,
            )
        )

    def execute_task_container_rollout(
        self, pool_id: str, task_id: str, request: dict[str, Any], *, idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Execute a container rollout for a specific task."""
        return self._object(
            bind(
                "execute_task_container_rollout",
                pool_id,
                task_id,
                body=json_body(request),
                idempotency_key=idempotency_key,
            )
        )

    # --- service ----------------------------------------------------------------------------

    def get_queue_status(self) -> dict[str, Any]:
        """Return global queue saturation status."""
        return self._object(bind("get_queue_status"))

    def get_capabilities(self) -> dict[str, Any]:
        """Return backend capability flags for pools."""
        return self._object(bind("get_capabilities"))

    # --- page walkers: every item of every page -------------------------------------------------

    def iter_pools(self, *, state: str | None = None, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Every pool, page after page; stops when the continuation is missing or repeats."""
        return self._items(lambda cursor: bind("list_pools", state=state, limit=limit, cursor=cursor))

    def iter_tasks(self, pool_id: str, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Every task of a pool, page after page."""
        return self._items(lambda cursor: bind("list_pool_tasks", pool_id, limit=limit, cursor=cursor))

    def iter_rollouts(
        self, pool_id: str, *, state: str | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every rollout of a pool, page after page."""
        return self._items(
            lambda cursor: bind("list_pool_rollouts", pool_id, state=state, limit=limit, cursor=cursor)
        )

    def iter_global_rollouts(
        self, *, state: str | None = None, limit: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every global rollout, page after page."""
        return self._items(lambda cursor: bind("list_rollouts", state=state, limit=limit, cursor=cursor))

    # --- aliases of the document: the same function objects -------------------------------------
    # (kept last: ``list`` would shadow the builtin for anything defined below it)

    create = create_pool
    list = list_pools
    get = get_pool
    replace = replace_pool
    update = update_pool
    delete = delete_pool
    get_urls = get_pool_urls
    pause = pause_pool
    resume = resume_pool


# --- namespaces: views of the flat methods ------------------------------------------------


class _Namespace:
    __slots__ = ("_client",)

    def __init__(self, client: ContainerPoolsClient) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class _View(Generic[P, R]):
    """A namespace method that is its client's method: on a namespace, the client's bound method
    itself (so the same parameters, defaults and docstring, and an override of the client's is
    honoured); on the namespace class, the client's function (for ``inspect`` and ``help``)."""

    def __init__(self, method: Callable[Concatenate[Any, P], R]) -> None:
        self._method = method

    @overload
    def __get__(self, namespace: None, owner: type) -> Callable[Concatenate[Any, P], R]: ...
    @overload
    def __get__(self, namespace: _Namespace, owner: type) -> Callable[P, R]: ...
    def __get__(self, namespace: _Namespace | None, owner: type) -> Callable[..., R]:
        if namespace is None:
            return self._method
        return cast("Callable[P, R]", getattr(namespace._client, self._method.__name__))


class PoolRollouts(_Namespace):
    """``pools.rollouts``: rollouts scoped to one pool."""

    create = _View(ContainerPoolsClient.create_rollout)
    get = _View(ContainerPoolsClient.get_rollout)
    list = _View(ContainerPoolsClient.list_rollouts)
    cancel = _View(ContainerPoolsClient.cancel_rollout)
    artifacts = _View(ContainerPoolsClient.get_rollout_artifacts)
    usage = _View(ContainerPoolsClient.get_rollout_usage)
    summary = _View(ContainerPoolsClient.get_rollout_summary)
    events = _View(ContainerPoolsClient.stream_rollout_events)


class AgentRollouts(_Namespace):
    """``pools.agent_rollouts``: global (non-pool-scoped) rollouts."""

    create = _View(ContainerPoolsClient.create_global_rollout)
    get = _View(ContainerPoolsClient.get_global_rollout)
    list = _View(ContainerPoolsClient.list_global_rollouts)
    cancel = _View(ContainerPoolsClient.cancel_global_rollout)
    artifacts = _View(ContainerPoolsClient.get_global_rollout_artifacts)
    usage = _View(ContainerPoolsClient.get_global_rollout_usage)
    summary = _View(ContainerPoolsClient.get_global_rollout_summary)
    events = _View(ContainerPoolsClient.stream_global_rollout_events)


class PoolTasks(_Namespace):
    """``pools.tasks``: task definitions of a pool."""

    list = _View(ContainerPoolsClient.list_tasks)
    create = _View(ContainerPoolsClient.create_task)
    update = _View(ContainerPoolsClient.update_task)
    patch = _View(ContainerPoolsClient.patch_task)
    delete = _View(ContainerPoolsClient.delete_task)


class PoolMetrics(_Namespace):
    """``pools.metrics``: pool utilisation."""

    get = _View(ContainerPoolsClient.get_pool_metrics)


class ContainerLeases(_Namespace):
    """``pools.leases``: container leases (create, list, get, renew, release)."""

    create = _View(ContainerPoolsClient.create_lease)
    list = _View(ContainerPoolsClient.list_leases)
    get = _View(ContainerPoolsClient.get_lease)
    renew = _View(ContainerPoolsClient.renew_lease)
    release = _View(ContainerPoolsClient.release_lease)
