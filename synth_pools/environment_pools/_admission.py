"""What a batch create admitted, and what it did not.

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

__all__ = ["BatchAdmission", "admitted"]

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
