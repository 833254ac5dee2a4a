"""What a batch create sends (:class:`BatchSpecs`, both bodies), what it admitted, and what it did not.

The service admits each rollout of a batch on its own: a batch that crosses the organisation's
concurrency cap is admitted in part, and the answer may list fewer rollouts than were sent
(design/real-service.md, "never assume the answer has every item"). The refusal's own shape is not
published, so the answer is read this way (inferred; say so in errors):

- an item that carries ``index`` (or ``request_index``) answers the request at that index;
  otherwise items answer the requests in the order they were sent;
- an item with a rollout id (and no refusal status) is admitted; one without an id (or with
  ``status`` ``rejected``/``refused``/``not_admitted``) is a refusal, its ``error``/``reason``
  kept;
- every request no item answers is not admitted, with a reason saying so.

Nothing is dropped: :class:`BatchAdmission` is the list of what was admitted (handles or dicts, as the
caller asked) and ``not_admitted`` lists the rest, each with its index and request to send again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from .._answers import page_items, read_rollout, rollout_id_of
from .._errors import SynthPoolsValidationError, UnprocessableEntityError
from .._operations import bind
from .._validation import MAX_BATCH, rollout_requests_to_dicts

__all__ = ["MAX_BATCH", "BatchAdmission", "BatchSpecs", "admitted", "create_batch_specs"]

log = logging.getLogger("synth_pools")
T = TypeVar("T")
REFUSED = frozenset({"rejected", "refused", "not_admitted", "throttled"})
NOT_ANSWERED = (
    "the service's answer does not include it (not admitted: the organisation's concurrency cap "
    "was probably reached); send it again once running rollouts finish"
)


class BatchAdmission(list[T], Generic[T]):
    """The admitted rollouts of a batch, in request order (a ``list``), plus ``not_admitted``:
    one dict per request that was not (``index``, ``request``, ``reason``, and the service's
    ``error`` when it sent one). ``complete`` is true when every request was admitted."""

    def __init__(
        self, items: Sequence[T], not_admitted: list[dict[str, Any]], admitted_indexes: list[int]
    ) -> None:
        super().__init__(items)
        self.not_admitted = not_admitted
        #: the request index of each admitted item (same order as the list)
        self.indexes = admitted_indexes

    @property
    def complete(self) -> bool:
        return not self.not_admitted

    def __repr__(self) -> str:
        return f"BatchAdmission(admitted={len(self)}, not_admitted={len(self.not_admitted)})"


def _index(item: Mapping[str, Any], position: int, count: int) -> int:
    for key in ("index", "request_index"):
        value = item.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count:
            return value
    return position


def admitted(
    sent: list[dict[str, Any]], answer: Any, make: Callable[[dict[str, Any]], T]
) -> BatchAdmission[T]:
    """Read a batch answer against the ``sent`` requests; ``make`` turns an admitted rollout into
    what the caller returns (a handle, or the dict itself)."""
    items = [read_rollout(x) for x in page_items(answer, what="the batch create") if isinstance(x, Mapping)]
    answered: dict[int, dict[str, Any]] = {}
    for position, each in enumerate(items):
        answered.setdefault(_index(each, position, len(sent)), each)
    out: list[T] = []
    indexes: list[int] = []
    refused: list[dict[str, Any]] = []
    for index, request in enumerate(sent):
        item: dict[str, Any] | None = answered.get(index)
        if item is not None and rollout_id_of(item) is not None and item.get("status") not in REFUSED:
            out.append(make(item))
            indexes.append(index)
            continue
        entry: dict[str, Any] = {"index": index, "request": request, "reason": NOT_ANSWERED}
        if item is not None:
            error = item.get("error") or item.get("reason") or item.get("detail")
            entry["reason"] = str(error or item.get("status") or "refused by the service")
            entry["error"] = error
        refused.append(entry)
    if refused:
        log.warning(
            "batch create: %d of %d rollouts admitted; %d not (see .not_admitted), first: %s",
            len(out),
            len(sent),
            len(refused),
            refused[0]["reason"],
        )
    return BatchAdmission(out, refused, indexes)


# ---------------------------------------------------------------- the request side


class BatchSpecs:
    """A batch create in both bodies: ``current`` is the service's ``{"pool_id", "rollouts": [...]}``,
    ``older`` the ``{"requests": [...]}`` that older services and our spec read. ``sent`` holds the
    validated requests, in order, to tell what was admitted."""

    def __init__(
        self,
        sent: list[dict[str, Any]],
        metadata: Mapping[str, Any] | None,
        idempotency_key: str | None,
        timeout: float | None,
    ) -> None:
        self.sent = sent
        current: dict[str, Any] = {"rollouts": sent}
        pools = {item.get("pool_id") for item in sent}
        if len(pools) == 1 and None not in pools:  # one pool: named once, as the service reads it
            current = {"pool_id": pools.pop(), **current}
        older: dict[str, Any] = {"requests": sent}
        if metadata is not None:
            current["metadata"] = older["metadata"] = dict(metadata)
        self.current = bind(
            "create_rollouts_batch", body=current, idempotency_key=idempotency_key, timeout=timeout
        )
        # its own key: a server that remembers keys must not answer the first body's refusal
        older_key = None if idempotency_key is None else f"{idempotency_key}:requests"
        self.older = bind("create_rollouts_batch", body=older, idempotency_key=older_key, timeout=timeout)

    @staticmethod
    def older_body_wanted(error: UnprocessableEntityError) -> bool:
        """Whether a 422 refuses the body's shape (wants ``requests``, or no ``rollouts``/``pool_id``
        at the top) rather than what is in it."""
        return any(field in ("requests", "rollouts", "pool_id") for field in error.fields)


def create_batch_specs(
    requests: Sequence[Any],
    *,
    metadata: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
    timeout: float | None = None,
) -> BatchSpecs:
    items = rollout_requests_to_dicts(requests)
    if not items:
        raise SynthPoolsValidationError(
            "requests",
            "expected a non-empty list of rollout requests",
            "pass a list of dicts or RolloutRequestV1",
        )
    if len(items) > MAX_BATCH:
        raise SynthPoolsValidationError(
            "requests",
            f"{len(items):,} requests; one batch takes at most {MAX_BATCH}",
            f"send them in batches of up to {MAX_BATCH} (each its own create_batch call)",
        )
    return BatchSpecs(items, metadata, idempotency_key, timeout)
