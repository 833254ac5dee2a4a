"""The environment-pools client (``EnvironmentPoolsClient`` and its async twin) and its namespaces
(rollouts, pools, pools.tasks, credentials, capabilities, account).

Each method binds its operation at the seam (``_operations.bind``, by the spec's operationId) with
its arguments checked (``synth_pools._validation``) and hands the request to one of the answer
primitives of ``_resource`` (``_object``, ``_none``, ``_items``, ``_events``, ``_download``,
``_chunks``), which send it on the client's pooled transport and read the answer. The few requests
built in more than one step are the module's functions above the namespaces. List methods that the
reference document types as ``list[...]`` walk every page.

The async module is the source: ``scripts/unasync.py`` writes the sync module from it (``make
unasync``; ``make check`` fails when they differ), so the twins cannot drift. The async client
runs native coroutines, no threads.
"""

# ASYNC109 does not apply: a per-call ``timeout=`` is the HTTP timeout sent to httpx, not a cancellation scope.
# ruff: noqa: ASYNC109

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._answers import rollout_id_of
from .._async_base_client import BaseAsyncClient
from .._async_resource import AsyncResource
from .._downloads import Destination
from .._errors import APIResponseValidationError, SynthPoolsValidationError, UnprocessableEntityError
from .._operations import EventRoute, bind
from .._pool_lifecycle import DEFAULT_POLL, DEFAULT_WAIT, PoolWait
from .._signatures import same_parameters_as
from .._sse import MAX_PAGE, AsyncEventStream, StreamState, check_count
from .._transport import AsyncTransport, RequestSpec, decode_json
from .._validation import (
    check_date,
    check_id,
    pool_config_to_dict,
    pool_task_to_dict,
    rollout_request_to_dict,
    wire_credential_type,
)
from .._validation import credential_value as credential_value_of
from ._admission import BatchAdmission, admitted, create_batch_specs
from ._plan import checked, decide_from_me, refusal

if TYPE_CHECKING:  # the public types (attrs classes) load on first use, not on import (P5)
    from ..batch import BatchResult
    from ..types import PoolConfigV1, PoolTaskInstance, RolloutRequestV1

    # at run time imported where a handle is made: the handle's module imports this one (its
    # methods are the rollouts namespace's)
    from ._async_handle import AsyncRolloutHandle

    RolloutRequestLike = Mapping[str, Any] | RolloutRequestV1
    PoolTaskLike = Mapping[str, Any] | PoolTaskInstance
    PoolConfigLike = Mapping[str, Any] | PoolConfigV1
DateLike = str | dt.datetime | None

__all__ = ["AsyncEnvironmentPoolsClient"]


def _rollout_id(created: dict[str, Any]) -> str:
    rid = rollout_id_of(created)
    if rid is None:
        raise APIResponseValidationError("the create-rollout response has no rollout_id; check backend_base")
    return rid


def _pool_of(spec: RequestSpec) -> Any:
    """The pool a launch request names (``None`` when it routes by tags or environment)."""
    return spec.json.get("pool_id") if isinstance(spec.json, Mapping) else None


# ---------------------------------------------------------------- requests with more than one step


def _create_spec(
    request: RolloutRequestLike,
    *,
    idempotency_key: str | None = None,
    dry_run: bool | None = None,
    timeout: float | None = None,
) -> RequestSpec:
    body = rollout_request_to_dict(request)
    return bind(
        "create_rollout", body=body, dry_run=dry_run, idempotency_key=idempotency_key, timeout=timeout
    )


def _get_pool(pool_id: str, *, timeout: float | None = None) -> RequestSpec:
    return bind("get_pool", check_id("pool_id", pool_id), timeout=timeout)


def _list_spec(
    *, created_after: DateLike, created_before: DateLike, timeout: float | None, **filters: Any
) -> RequestSpec:
    return bind(
        "list_rollouts",
        created_after=check_date("created_after", created_after),
        created_before=check_date("created_before", created_before),
        timeout=timeout,
        **filters,
    )


def _events_route(rollout_id: str) -> EventRoute:
    return EventRoute("stream_rollout_events", check_id("rollout_id", rollout_id))


def _artifact(rollout_id: str, artifact_path: str, *, timeout: float | None = None) -> RequestSpec:
    path = check_id("artifact_path", artifact_path).lstrip("/")
    return bind("fetch_rollout_artifact", check_id("rollout_id", rollout_id), path, timeout=timeout)


def _zip(
    rollout_id: str, *, prefix: str | None = None, limit: int | None = None, timeout: float | None = None
) -> RequestSpec:
    rid = check_id("rollout_id", rollout_id)
    return bind("download_rollout_artifacts_zip", rid, prefix=prefix, limit=limit, timeout=timeout)


def _ids(pool_id: str, task_id: str) -> tuple[str, str]:
    return check_id("pool_id", pool_id), check_id("task_id", task_id)


def _pool_update(pool_id: str, request: PoolConfigLike, *, timeout: float | None = None) -> RequestSpec:
    """A full config (with ``pool_type``) replaces the pool (PUT); a partial one patches it."""
    pid = check_id("pool_id", pool_id)
    data = pool_config_to_dict(request, partial=True)
    if data.get("pool_type") is not None:
        data.setdefault("pool_id", pid)
        if data["pool_id"] != pid:
            raise SynthPoolsValidationError(
                "pool_id",
                f"request pool_id {data['pool_id']!r} differs from {pid!r}",
                "drop pool_id from request",
            )
        return bind("replace_pool", pid, body=pool_config_to_dict(data), timeout=timeout)
    data.pop("pool_id", None)
    return bind("update_pool", pid, body=data, timeout=timeout)


def _task_update(
    pool_id: str, task_id: str, request: PoolTaskLike, *, timeout: float | None = None
) -> RequestSpec:
    """A full task (with ``backend``) replaces it (PUT); a partial one patches it."""
    pid, tid = _ids(pool_id, task_id)
    data = pool_task_to_dict(request, partial=True)
    if data.get("backend") is not None:
        data.setdefault("task_id", tid)
        return bind("replace_pool_task", pid, tid, body=pool_task_to_dict(data), timeout=timeout)
    data.pop("task_id", None)
    return bind("patch_pool_task", pid, tid, body=data, timeout=timeout)


class _Namespace(AsyncResource):
    """A namespace: the client's transport and the answer primitives (``_resource``)."""


class AsyncRolloutsNamespace(_Namespace):
    """``client.rollouts``: create, get, list, events, cancel, artifacts, usage, and the rest."""

    async def create(
        self,
        request: RolloutRequestLike,
        *,
        idempotency_key: str | None = None,
        dry_run: bool | None = None,
        timeout: float | None = None,
    ) -> AsyncRolloutHandle:
        """Validate and launch a rollout; returns a :class:`AsyncRolloutHandle`."""
        created = await self.create_raw(
            request, idempotency_key=idempotency_key, dry_run=dry_run, timeout=timeout
        )
        return self._handle_of(created)

    async def create_raw(
        self,
        request: RolloutRequestLike,
        *,
        idempotency_key: str | None = None,
        dry_run: bool | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Like :meth:`create` but returns the response dict (what ``create_rollout`` returns)."""
        spec = _create_spec(request, idempotency_key=idempotency_key, dry_run=dry_run, timeout=timeout)
        return await self._launch(spec, _pool_of(spec))

    async def create_batch(
        self,
        requests: Sequence[RolloutRequestLike],
        *,
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> BatchAdmission[AsyncRolloutHandle]:
        """Create many rollouts in one request. The service admits each on its own, so a batch
        that crosses the organisation's concurrency cap is admitted only in part: the answer is
        the list of handles of the admitted rollouts, and its ``not_admitted`` lists every
        request that was not (``index``, ``request``, ``reason``), to send again later. Nothing
        is dropped silently; ``complete`` says whether all were admitted.

        Sends the service's body ``{"pool_id", "rollouts": [...]}``; a service that still reads
        the older ``{"requests": [...]}`` (it answers 422 naming that field) gets that instead."""
        specs = create_batch_specs(
            requests, metadata=metadata, idempotency_key=idempotency_key, timeout=timeout
        )
        try:
            answer = await self._object(specs.current)
        except UnprocessableEntityError as error:
            if not specs.older_body_wanted(error):
                raise
            answer = await self._object(specs.older)
        return admitted(specs.sent, answer, self._handle_of)

    async def run_batch(self, requests: Sequence[RolloutRequestLike], **options: Any) -> BatchResult:
        """Run every request to a finished rollout with an optional resumable journal; see
        :func:`synth_pools.batch.arun_batch` (``journal=``, ``concurrency=``, ``events=``, ...)."""
        from ..batch import arun_batch

        return await arun_batch(self, requests, **options)

    async def validate(self, request: RolloutRequestLike, *, timeout: float | None = None) -> dict[str, Any]:
        """Validate a rollout request without creating it."""
        return await self._object(
            bind("validate_rollout", body=rollout_request_to_dict(request), timeout=timeout)
        )

    def handle(self, rollout_id: str) -> AsyncRolloutHandle:
        """A handle on an existing rollout (sends nothing)."""
        from ._async_handle import AsyncRolloutHandle

        return AsyncRolloutHandle(self, rollout_id)

    def _handle_of(self, created: dict[str, Any]) -> AsyncRolloutHandle:
        """The handle of a rollout the service just created (its answer kept as the handle's data)."""
        from ._async_handle import AsyncRolloutHandle

        return AsyncRolloutHandle(self, _rollout_id(created), created)

    async def get(self, rollout_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Get a rollout."""
        return await self._object(bind("get_rollout", check_id("rollout_id", rollout_id), timeout=timeout))

    async def list(
        self,
        *,
        status: str | None = None,
        state: str | None = None,
        pool_id: str | None = None,
        dataset: str | None = None,
        task_id: str | None = None,
        created_after: DateLike = None,
        created_before: DateLike = None,
        cursor: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """One page of rollouts, filtered; :meth:`iter` walks every page."""
        return await self._object(
            _list_spec(
                cursor=cursor,
                status=status,
                state=state,
                pool_id=pool_id,
                dataset=dataset,
                task_id=task_id,
                created_after=created_after,
                created_before=created_before,
                limit=limit,
                timeout=timeout,
            )
        )

    @same_parameters_as(list)
    def iter(self, **filters: Any) -> AsyncIterator[dict[str, Any]]:
        """Every rollout of every page, filtered as :meth:`list` (from ``cursor`` when given)."""
        first = filters.pop("cursor", None)
        return self._items(lambda c: _list_spec(cursor=c, **filters), cursor=first)

    async def summary(self, rollout_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Latest status and last event."""
        return await self._object(
            bind("get_rollout_summary", check_id("rollout_id", rollout_id), timeout=timeout)
        )

    async def usage(self, rollout_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Usage and estimated cost."""
        return await self._object(
            bind("get_rollout_usage", check_id("rollout_id", rollout_id), timeout=timeout)
        )

    async def support_bundle(self, rollout_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Debug bundle with every secret redacted."""
        spec = bind("get_rollout_support_bundle", check_id("rollout_id", rollout_id), timeout=timeout)
        return await self._object(spec)

    async def cancel(
        self, rollout_id: str, *, reason: str | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        """Cancel a rollout (idempotent)."""
        body = {"reason": reason} if reason is not None else {}
        return await self._object(
            bind("cancel_rollout", check_id("rollout_id", rollout_id), body=body, timeout=timeout)
        )

    async def replay(
        self,
        rollout_id: str,
        *,
        overrides: Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> AsyncRolloutHandle:
        """Start a new rollout from this one's request."""
        body: dict[str, Any] = {}
        if overrides is not None:
            body["overrides"] = dict(overrides)
        if metadata is not None:
            body["metadata"] = dict(metadata)
        rid = check_id("rollout_id", rollout_id)
        created = await self._object(
            bind("replay_rollout", rid, body=body, idempotency_key=idempotency_key, timeout=timeout)
        )
        return self._handle_of(created)

    def events(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        auto_reconnect: bool = True,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        include_heartbeats: bool = False,
    ) -> AsyncEventStream:
        """The rollout's events as envelope dicts, each exactly once, in ``seq`` order; ends on
        the terminal lifecycle event, or after ``limit`` events in all.

        Resume with ``cursor=`` (an event id, ``"17"`` or ``"<rollout_id>:17"``); ``since=`` takes
        an id, a sequence number or an ISO 8601 timestamp (events stamped after it). The service
        answers in pages; the next page follows at once. ``auto_reconnect`` governs recovery from
        failures (cuts, errors). Heartbeats are hidden unless ``include_heartbeats``."""
        state = StreamState(
            cursor=cursor,
            since=since,
            limit=limit,
            include_heartbeats=include_heartbeats,
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
        )
        return self._events(_events_route(rollout_id), state, auto_reconnect=auto_reconnect)

    async def event_page(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        limit: int = MAX_PAGE,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """One page of the rollout's event log as JSON (no SSE): ``{"events": [...], "next_cursor": ...}``
        with up to ``limit`` (1..1000) events after ``cursor``. Pass ``next_cursor`` back for the
        next page; it is None once the log has ended (the terminal event is in this page)."""
        state = StreamState(cursor=cursor, page_size=check_count("limit", limit, 1, MAX_PAGE))
        return await self._event_page(_events_route(rollout_id), state, timeout=timeout)

    def export_events(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        page_size: int = MAX_PAGE,
        timeout: float | None = None,
    ) -> AsyncEventStream:
        """Every event of the rollout's log read as JSON pages of ``page_size`` (no SSE): bulk
        export of finished rollouts. Each event once, in order; it ends at the terminal event,
        after ``limit`` events, or at the log's current end (follow a running rollout with
        :meth:`events` instead)."""
        state = StreamState(cursor=cursor, since=since, limit=limit, page_size=page_size)
        return self._event_pages(_events_route(rollout_id), state, timeout=timeout)

    async def export_trajectory(self, rollout_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """The rollout as an ATIF v1.8 trajectory (Harbor's Agent Trajectory Interchange Format):
        a JSON-ready dict built from its event log, its document and its usage (read as JSON pages;
        a running rollout gives the trajectory so far)."""
        from ..exports import to_atif

        rollout = await self.get(rollout_id, timeout=timeout)
        usage = await self.usage(rollout_id, timeout=timeout)
        stream = self.export_events(rollout_id, timeout=timeout)
        try:
            events = [event async for event in stream]
        finally:
            await stream.aclose()
        return to_atif(rollout, events, usage)

    async def artifacts(
        self,
        rollout_id: str,
        *,
        prefix: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """List a rollout's artifacts."""
        rid = check_id("rollout_id", rollout_id)
        spec = bind("list_rollout_artifacts", rid, prefix=prefix, cursor=cursor, limit=limit, timeout=timeout)
        return await self._object(spec)

    async def fetch_artifact(
        self,
        rollout_id: str,
        artifact_path: str,
        dest: Destination | None = None,
        *,
        timeout: float | None = None,
    ) -> Any:
        """Bytes of one artifact; with ``dest`` (path or binary file) streams it there and returns the size."""
        return await self._download(_artifact(rollout_id, artifact_path, timeout=timeout), dest)

    def iter_download(
        self, rollout_id: str, artifact_path: str | None = None, *, timeout: float | None = None
    ) -> AsyncIterator[bytes]:
        """Chunks of one artifact (or, without a path, of the zip of all) as they arrive."""
        spec = (
            _artifact(rollout_id, artifact_path, timeout=timeout)
            if artifact_path is not None
            else _zip(rollout_id, timeout=timeout)
        )
        return self._chunks(spec)

    async def download_zip(
        self,
        rollout_id: str,
        dest: Destination | None = None,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> Any:
        """All artifacts as zip bytes (only those under ``prefix``, at most ``limit`` of them);
        with ``dest`` streams them there and returns the size."""
        spec = _zip(rollout_id, prefix=prefix, limit=limit, timeout=timeout)
        return await self._download(spec, dest)


class AsyncTasksNamespace(_Namespace):
    """``client.pools.tasks``: list, create, update, delete."""

    async def list(self, pool_id: str, *, timeout: float | None = None) -> list[dict[str, Any]]:
        """Every task of a pool (all pages)."""
        pid = check_id("pool_id", pool_id)
        return [
            x async for x in self._items(lambda c: bind("list_pool_tasks", pid, cursor=c, timeout=timeout))
        ]

    async def create(
        self,
        pool_id: str,
        request: PoolTaskLike,
        *,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Add a task to a pool."""
        body = pool_task_to_dict(request)
        pid = check_id("pool_id", pool_id)
        spec = bind("create_pool_task", pid, body=body, idempotency_key=idempotency_key, timeout=timeout)
        return await self._object(spec)

    async def update(
        self, pool_id: str, task_id: str, request: PoolTaskLike, *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Replace a task, or update some of its fields (a partial request)."""
        return await self._object(_task_update(pool_id, task_id, request, timeout=timeout))

    async def delete(self, pool_id: str, task_id: str, *, timeout: float | None = None) -> None:
        """Delete a task."""
        await self._none(bind("delete_pool_task", *_ids(pool_id, task_id), timeout=timeout))


class AsyncPoolsNamespace(_Namespace):
    """``client.pools``: list, get, create, update, delete, metrics, urls, pause, resume, and ``tasks``."""

    def __init__(self, transport: AsyncTransport) -> None:
        super().__init__(transport)
        self.tasks = AsyncTasksNamespace(transport)

    async def list(
        self, *, pool_type: str | None = None, tag: str | None = None, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Every pool (all pages), optionally filtered by type and tag."""
        page = functools.partial(bind, "list_pools", type_=pool_type, tag=tag, timeout=timeout)
        return [x async for x in self._items(lambda c: page(cursor=c))]

    async def get(self, pool_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Get a pool."""
        return await self._object(_get_pool(pool_id, timeout=timeout))

    async def create(
        self, request: PoolConfigLike, *, idempotency_key: str | None = None, timeout: float | None = None
    ) -> dict[str, Any]:
        """Create a pool."""
        body = pool_config_to_dict(request)
        return await self._object(
            bind("create_pool", body=body, idempotency_key=idempotency_key, timeout=timeout)
        )

    async def update(
        self, pool_id: str, request: PoolConfigLike, *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Replace a pool's definition, or update some of its fields (a partial request)."""
        return await self._object(_pool_update(pool_id, request, timeout=timeout))

    async def delete(self, pool_id: str, *, timeout: float | None = None) -> None:
        """Delete a pool (cancels its queued and running rollouts)."""
        await self._none(bind("delete_pool", check_id("pool_id", pool_id), timeout=timeout))

    async def metrics(self, pool_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Queue depth, running count and utilisation."""
        return await self._object(bind("get_pool_metrics", check_id("pool_id", pool_id), timeout=timeout))

    async def urls(self, pool_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """URLs for a pool's rollouts."""
        return await self._object(bind("get_pool_urls", check_id("pool_id", pool_id), timeout=timeout))

    async def pause(self, pool_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Pause a pool: it keeps accepting (queueing) rollouts but starts none; returns the pool."""
        return await self._object(bind("pause_pool", check_id("pool_id", pool_id), timeout=timeout))

    async def resume(self, pool_id: str, *, timeout: float | None = None) -> dict[str, Any]:
        """Resume a paused pool: queued rollouts start again; returns the pool."""
        return await self._object(bind("resume_pool", check_id("pool_id", pool_id), timeout=timeout))

    async def wait_until_active(
        self, pool_id: str, *, timeout: float = DEFAULT_WAIT, poll_interval: float = DEFAULT_POLL
    ) -> dict[str, Any]:
        """Poll the pool until its status is ``active`` (a new pool is built first: ``created``,
        ``uploading``, ``building``, ``warming``) and return it. Raises :class:`PoolFailedError`
        at once when it is ``failed`` or ``archived``, and :class:`PoolWaitTimeout` naming the
        last status after ``timeout`` seconds. A pool that reports no status counts as active."""
        wait = PoolWait(pool_id, timeout, poll_interval)
        return await self._wait_active(_get_pool(pool_id), wait)


class AsyncCredentialsNamespace(_Namespace):
    """``client.credentials``: store, list, delete, rotate. Values never come back in clear."""

    async def store(
        self,
        *,
        credential_name: str,
        credential_type: str,
        credential_value: str | Mapping[str, Any],
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Store a credential (its value is never returned)."""
        body: dict[str, Any] = {
            "credential_name": check_id("credential_name", credential_name),
            "credential_type": wire_credential_type(credential_type),
            "credential_value": credential_value_of(credential_value, "credential_value"),
        }
        if metadata is not None:
            body["metadata"] = dict(metadata)
        spec = bind("store_credential", body=body, idempotency_key=idempotency_key, timeout=timeout)
        return await self._object(spec)

    async def list(self, *, timeout: float | None = None) -> list[dict[str, Any]]:
        """Every credential (all pages; values masked)."""
        return [x async for x in self._items(lambda c: bind("list_credentials", cursor=c, timeout=timeout))]

    async def rotate(
        self, credential_id: str, *, new_value: str | Mapping[str, Any], timeout: float | None = None
    ) -> dict[str, Any]:
        """Rotate a credential's value."""
        body = {"credential_value": credential_value_of(new_value, "new_value")}
        cid = check_id("credential_id", credential_id)
        return await self._object(bind("rotate_credential", cid, body=body, timeout=timeout))

    async def delete(self, credential_id: str, *, timeout: float | None = None) -> None:
        """Delete a credential."""
        await self._none(bind("delete_credential", check_id("credential_id", credential_id), timeout=timeout))


class AsyncCapabilitiesNamespace(_Namespace):
    """``client.capabilities``: get, openapi_schema, schema_json, queue_status."""

    async def get(self, *, timeout: float | None = None) -> dict[str, Any]:
        """Supported pool types, agents, models, backends and features."""
        return await self._object(bind("get_capabilities", timeout=timeout))

    async def openapi_schema(self, *, timeout: float | None = None) -> dict[str, Any]:
        """This OpenAPI document."""
        return await self._object(bind("get_openapi_schema", timeout=timeout))

    async def schema_json(self, *, timeout: float | None = None) -> dict[str, Any]:
        """JSON Schemas of the request types."""
        return await self._object(bind("get_schema_json", timeout=timeout))

    async def queue_status(self, *, timeout: float | None = None) -> dict[str, Any]:
        """Queue saturation across the organisation's pools."""
        return await self._object(bind("get_queue_status", timeout=timeout))


class AsyncAccountNamespace(_Namespace):
    """``client.account``: the account behind the key, and the plan check."""

    async def me(self, *, timeout: float | None = None) -> dict[str, Any]:
        """``plan``, ``feature_flags``, ``org_id`` of the key's organisation."""
        return await self._object(bind("get_me", timeout=timeout))

    async def check_plan(self, *, timeout: float | None = None) -> dict[str, Any]:
        """Raise :class:`PlanGatingError` unless this account may use Environment Pools.

        Decides from ``/api/v1/me`` when it carries an explicit plan or feature flag; otherwise
        asks the service with one cheap gated read (the first pool). Returns ``/me`` with
        ``plan_check`` saying which it did (``decided_by``: feature_flag, plan or service).
        """
        response = await self._transport.request(bind("get_me", timeout=timeout))
        me = decode_json(response)
        decision = decide_from_me(me)
        if decision is not None and not decision.allowed:
            raise refusal(decision, response)
        if decision is None:
            await self._transport.request(
                bind("list_pools", limit=1, timeout=timeout)
            )  # a gated 403 raises here
        return checked(me, decision)


class AsyncEnvironmentPoolsClient(BaseAsyncClient):
    """High-level client for pools, rollouts, events, artifacts, credentials and capabilities.

    ``api_key`` defaults to ``SYNTH_API_KEY``, ``backend_base`` to ``SYNTH_BACKEND_URL``,
    ``api_version`` to ``ENV_POOLS_API_VERSION``; ``timeout`` and ``max_retries`` are every call's
    defaults. ``skip_plan_check`` is accepted and ignored (the client never checks the plan by
    itself; :meth:`check_plan` does on request). Use it as a context manager, or call ``close()``.
    """

    _env_pools_prefix = True

    def _open_namespaces(self) -> None:
        self.rollouts = AsyncRolloutsNamespace(self._transport)
        self.pools = AsyncPoolsNamespace(self._transport)
        self.credentials = AsyncCredentialsNamespace(self._transport)
        self.capabilities = AsyncCapabilitiesNamespace(self._transport)
        self.account = AsyncAccountNamespace(self._transport)

    async def me(self, *, timeout: float | None = None) -> dict[str, Any]:
        """The account behind the key (same as ``client.account.me()``)."""
        return await self.account.me(timeout=timeout)

    async def check_plan(self, *, timeout: float | None = None) -> dict[str, Any]:
        """Raise :class:`PlanGatingError` unless this account may use Environment Pools."""
        return await self.account.check_plan(timeout=timeout)
