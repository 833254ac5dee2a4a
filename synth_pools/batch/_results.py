"""A batch's outcome: one :class:`BatchRow` per request, and its exports (JSONL, CSV, Parquet, pandas).

Rows are read from the rollout document in one place (:func:`row_from_rollout`), through the
SDK's tolerant answer reader (``_answers.read_rollout``): the real service carries the reward as
``reward_primary`` with ``reward_metrics`` and ``error``, the local backend as ``reward``
(real-service.md), and ids may be ``rollout_id``, ``trial_id`` or ``id``.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._answers import read_rollout, rollout_id_of
from .._errors import SynthPoolsValidationError
from .._statuses import SUCCESS_STATUSES, TERMINAL_STATUSES
from ._classes import class_of

if TYPE_CHECKING:
    from ._journal import Journal

__all__ = ["INCOMPLETE", "BatchResult", "BatchRow", "row_from_rollout"]

# a row this run could not finish (not created, or not collected): a rerun with the journal resumes it
INCOMPLETE = "incomplete"
_USAGE_COLUMNS = ("cost_usd", "llm_input_tokens", "llm_output_tokens", "wall_time_sec", "sandbox_minutes")


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _seconds_between(start: Any, end: Any) -> float | None:
    try:
        a = dt.datetime.fromisoformat(str(start).replace("Z", "+00:00"))
        b = dt.datetime.fromisoformat(str(end).replace("Z", "+00:00"))
    except ValueError:
        return None
    return round((b - a).total_seconds(), 3)


def _first(doc: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        value = doc.get(key)
        if value is not None:
            return value
    return None


def row_from_rollout(
    index: int,
    rollout: Mapping[str, Any],
    usage: Mapping[str, Any] | None,
    *,
    events: int = 0,
    task_id: str | None = None,
) -> dict[str, Any]:
    """The stored form of a finished row (a plain dict: it goes to the journal as JSON)."""
    rollout = read_rollout(rollout)  # the client read it already; again is free and keeps this exact
    status = str(_first(rollout, "status", "state") or "unknown")
    error = _first(rollout, "error")
    if error is None and status not in SUCCESS_STATUSES:
        error = rollout.get("status_reason")
    metrics = rollout.get("reward_metrics")
    started = _first(rollout, "started_at")
    finished = _first(rollout, "finished_at", "completed_at")
    return {
        "index": index,
        "rollout_id": rollout_id_of(rollout),
        "task_id": task_id or _first(rollout, "task_id"),
        "status": status,
        "reward": _number(rollout.get("reward")),
        "reward_metrics": dict(metrics) if isinstance(metrics, Mapping) else None,
        "usage": dict(usage) if isinstance(usage, Mapping) else None,
        "error": None if error is None else (error if isinstance(error, str) else json.dumps(error)),
        "events": events,
        "simulated": bool(rollout.get("simulated")),
        "created_at": rollout.get("created_at"),
        "started_at": started,
        "finished_at": finished,
        "duration_sec": _seconds_between(started or rollout.get("created_at"), finished)
        if finished
        else None,
    }


@attrs.frozen
class BatchRow:
    """One request of the batch: its rollout, status, reward, usage, error and timings."""

    index: int
    rollout_id: str | None
    status: str
    reward: float | None = None
    reward_metrics: dict[str, Any] | None = None
    usage: dict[str, Any] | None = None
    error: str | None = None
    events: int = 0
    task_id: str | None = None
    created_at: str | None = None
    started_at: str | None = None
    finished_at: str | None = None
    duration_sec: float | None = None
    #: why it failed: infra, agent, verifier, timeout, cancelled, refused (None: it succeeded)
    failure_class: str | None = None
    attempt: int = 1  #: which attempt of the request this row's rollout is (retries add one each)
    #: the request's earlier attempts, oldest first: attempt, rollout_id, status, failure_class, error, usage
    earlier: list[dict[str, Any]] = attrs.field(factory=list)
    # the local backend's stand-in agent made the run up: it never carries a reward
    simulated: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BatchRow:
        names = {a.name for a in attrs.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def done(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)

    def flat(self) -> dict[str, Any]:
        """One level of scalars (CSV, Parquet, DataFrame): usage columns spread out, metrics as JSON."""
        out = {k: v for k, v in self.to_dict().items() if k not in ("usage", "reward_metrics", "earlier")}
        out["earlier_rollout_ids"] = ";".join(str(e.get("rollout_id")) for e in self.earlier) or None
        out["earlier_failure_classes"] = ";".join(str(e.get("failure_class")) for e in self.earlier) or None
        usage = self.usage or {}
        for column in _USAGE_COLUMNS:
            out[column] = _number(usage.get(column))
        out["reward_metrics"] = None if self.reward_metrics is None else json.dumps(self.reward_metrics)
        return out


def _optional(module: str, extra: str, what: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise SynthPoolsValidationError(
            what, f"needs {module}, which is not installed", f"pip install 'synth-pools[{extra}]'"
        ) from None


class BatchResult(Sequence[BatchRow]):
    """The rows of a batch, in request order; ``result[i]`` is request ``i``'s row.

    ``to_jsonl``, ``to_csv``, ``to_parquet`` (pyarrow) and ``to_pandas`` export them;
    ``events(i)`` reads request ``i``'s events from the journal (``events="keep"``).
    ``BatchResult.load(path)`` reads a journal without any network call.
    """

    def __init__(
        self,
        rows: Sequence[BatchRow],
        *,
        journal_path: Path | None = None,
        stopped_by: str | None = None,
        admission: Mapping[str, Any] | None = None,
        spent_usd: float | None = None,
    ) -> None:
        self.rows = list(rows)
        self.journal_path = journal_path
        #: the limit that stopped launches (max_cost_usd, max_tokens, max_rollouts, out_of_credits)
        self.stopped_by = stopped_by
        #: what the service's admission did to this run: refusals, the limit reached, peak in flight
        self.admission = dict(admission or {})
        self.spent_usd = spent_usd

    @classmethod
    def load(cls, journal: str | Path) -> BatchResult:
        from ._journal import Journal

        opened = Journal.read(journal)
        try:
            return cls.from_journal(opened)
        finally:
            opened.close()

    @classmethod
    def from_journal(cls, journal: Journal) -> BatchResult:
        counts = journal.event_counts()
        keep = journal.meta().get("events") == "keep"
        requests = journal.requests()
        attempts = journal.attempts()
        rows = []
        for stored, request in zip(journal.rows(), requests, strict=True):
            earlier = [past.summary() for past in attempts.get(stored.index, ())]
            if stored.result is not None:
                result = {**stored.result, "earlier": earlier}
                if "failure_class" not in result:  # written before failure classes existed
                    result["failure_class"] = class_of(result)
                rows.append(BatchRow.from_dict(result))
                continue
            task_ref = request.get("task_ref")
            rows.append(
                BatchRow(
                    index=stored.index,
                    rollout_id=stored.rollout_id,
                    status=INCOMPLETE,
                    events=counts.get(stored.index, 0) if keep else 0,
                    task_id=task_ref.get("task_id") if isinstance(task_ref, dict) else None,
                    attempt=len(earlier) + 1,
                    earlier=earlier,
                )
            )
        return cls(rows, journal_path=journal.path)

    # -- the Sequence protocol ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: Any) -> Any:
        return self.rows[index]

    def __iter__(self) -> Iterator[BatchRow]:
        return iter(self.rows)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.counts().items()))
        stopped = f"; stopped by {self.stopped_by}" if self.stopped_by else ""
        simulated = f", {self.simulated} simulated" if self.simulated else ""
        return f"BatchResult({len(self.rows)} rows: {counts}{simulated}{stopped})"

    # -- summaries ------------------------------------------------------------------------------
    def counts(self) -> Counter[str]:
        return Counter(row.status for row in self.rows)

    @property
    def complete(self) -> bool:
        """Every request has a finished rollout (rerun with the same journal until it is)."""
        return all(row.done for row in self.rows)

    @property
    def incomplete(self) -> list[BatchRow]:
        return [row for row in self.rows if not row.done]

    @property
    def simulated(self) -> int:
        """How many rows the local backend simulated (no reward: nothing real ran)."""
        return sum(row.simulated for row in self.rows)

    def failure_classes(self) -> Counter[str]:
        """How many rows failed in each class (their last attempt)."""
        return Counter(row.failure_class for row in self.rows if row.failure_class is not None)

    def attempts(self) -> list[dict[str, Any]]:
        """Every attempt of every request, earlier ones included, in request then attempt order."""
        out: list[dict[str, Any]] = []
        for row in self.rows:
            out += [{"index": row.index, **e} for e in row.earlier]
            out.append(
                {
                    "index": row.index,
                    "attempt": row.attempt,
                    "rollout_id": row.rollout_id,
                    "failure_class": row.failure_class,
                    "status": row.status,
                    "error": row.error,
                    "usage": row.usage,
                    "reward": row.reward,
                }
            )
        return out

    def mean_reward(self) -> float | None:
        rewards = [row.reward for row in self.rows if row.reward is not None]
        return sum(rewards) / len(rewards) if rewards else None

    def events(self, index: int) -> list[dict[str, Any]]:
        from ._journal import Journal

        if self.journal_path is None:
            raise SynthPoolsValidationError(
                "journal", "this batch ran without a journal", "pass journal=PATH with events='keep'"
            )
        journal = Journal.read(self.journal_path)
        try:
            return list(journal.events(index))
        finally:
            journal.close()

    # -- exports --------------------------------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        return [row.to_dict() for row in self.rows]

    def to_jsonl(self, path: str | Path) -> Path:
        path = Path(path)
        with path.open("w", encoding="utf-8") as out:
            for row in self.rows:
                out.write(json.dumps(row.to_dict(), sort_keys=True) + "\n")
        return path

    def to_csv(self, path: str | Path) -> Path:
        path = Path(path)
        flat = [row.flat() for row in self.rows]
        columns = list(flat[0]) if flat else [a.name for a in attrs.fields(BatchRow)]
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(flat)
        return path

    def to_parquet(self, path: str | Path) -> Path:
        """Needs pyarrow (``pip install 'synth-pools[parquet]'``)."""
        pa = _optional("pyarrow", "parquet", "to_parquet")
        pq = importlib.import_module("pyarrow.parquet")
        path = Path(path)
        pq.write_table(pa.Table.from_pylist([row.flat() for row in self.rows]), path)
        return path

    def to_inspect_log(self, path: str | Path) -> Path:
        """An Inspect AI eval log at ``path`` (``.eval``, or ``.json``): one sample per request with
        the reward as its score, status, error, cost, usage and timings, and with ``events="keep"``
        the events as Inspect events and messages. Open it with ``synth-pools view`` or
        ``inspect view``. Written streamed from the journal (bounded memory at any batch size);
        without a journal, from the rows (no events)."""
        from ._inspect_log import inspect_log_from_journal, inspect_log_from_rows

        if self.journal_path is not None:
            return inspect_log_from_journal(self.journal_path, path)
        return inspect_log_from_rows(self.rows, path)

    def to_atif(self, index: int) -> dict[str, Any]:
        """Request ``index``'s rollout as an ATIF v1.8 trajectory (Harbor's format), from the
        journal's kept events (``events="keep"``), its redacted request and the row's usage."""
        from ..exports import to_atif
        from ._journal import Journal

        row = self.rows[index]
        if self.journal_path is None:
            raise SynthPoolsValidationError(
                "journal", "this batch ran without a journal", "pass journal=PATH with events='keep'"
            )
        journal = Journal.read(self.journal_path)
        try:
            if journal.meta().get("events") != "keep":
                raise SynthPoolsValidationError(
                    "events",
                    f"journal {str(self.journal_path)!r} kept no events",
                    "run the batch with events='keep', or export the rollout with "
                    "client.rollouts.export_trajectory(rollout_id)",
                )
            request = journal.requests()[row.index]
            events = list(journal.events(row.index))
        finally:
            journal.close()
        return to_atif({**row.to_dict(), "request": request}, events, row.usage)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` of the flat rows (``pip install 'synth-pools[pandas]'``)."""
        pandas = _optional("pandas", "pandas", "to_pandas")
        return pandas.DataFrame([row.flat() for row in self.rows])
