"""A batch as an Inspect log: its samples from a journal (streamed, events included when kept) or
from the rows of a ``BatchResult`` held in memory (no journal: no events, no requests). The log
format itself is ``synth_pools.exports``' (which knows nothing of batches)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..exports._inspect import InspectSample, write_inspect_log
from ._journal import Journal
from ._results import INCOMPLETE, BatchRow


def _sample_keys(journal: Journal) -> dict[int, tuple[str, int]]:
    """Each request's sample id and epoch. Inspect reads a log as every sample x every epoch, so
    repeats become epochs only when the batch repeats every request equally often (each distinct
    request, by fingerprint, k times): the sample's id is then its first request's batch key and
    the repeats are epochs 1..k in request order. Otherwise each request is its own sample, keyed
    by its own batch key."""
    entries = [(stored.index, fp, stored.idempotency_key) for stored, fp, _ in journal.entries()]
    counts: dict[str, int] = {}
    for _, fp, _ in entries:
        counts[fp] = counts.get(fp, 0) + 1
    if len(set(counts.values())) != 1 or next(iter(counts.values()), 1) == 1:
        return {index: (key, 1) for index, _, key in entries}
    first_key: dict[str, str] = {}
    seen: dict[str, int] = {}
    out: dict[int, tuple[str, int]] = {}
    for index, fp, key in entries:
        seen[fp] = seen.get(fp, 0) + 1
        out[index] = (first_key.setdefault(fp, key), seen[fp])
    return out


def journal_samples(journal: Journal) -> Iterator[InspectSample]:
    """The journal's requests as samples, one at a time; events read per sample when kept."""
    keep = journal.meta().get("events") == "keep"
    counts = journal.event_counts() if keep else {}
    keys = _sample_keys(journal)
    for stored, _, request in journal.entries():
        if stored.result is not None:
            row = BatchRow.from_dict(stored.result)
        else:
            task_ref = request.get("task_ref")
            row = BatchRow(
                index=stored.index,
                rollout_id=stored.rollout_id,
                status=INCOMPLETE,
                events=counts.get(stored.index, 0),
                task_id=task_ref.get("task_id") if isinstance(task_ref, dict) else None,
            )
        sample_id, epoch = keys[stored.index]
        events = journal.events(stored.index) if keep else None
        yield InspectSample(row=row, request=request, sample_id=sample_id, epoch=epoch, events=events)


def row_samples(rows: Sequence[BatchRow]) -> Iterator[InspectSample]:
    for row in rows:
        yield InspectSample(
            row=row, request=None, sample_id=row.rollout_id or f"request-{row.index}", epoch=1, events=None
        )


def inspect_log_from_journal(journal_path: str | Path, out: str | Path) -> Path:
    """Export a journal as an Inspect log at ``out`` (``.eval`` or ``.json``), streamed."""
    journal = Journal.read(journal_path)
    try:
        meta = journal.meta()
        return write_inspect_log(
            out,
            journal_samples(journal),
            name=Path(journal_path).stem,
            created=meta.get("created_at"),
            batch_id=meta.get("batch_id"),
        )
    finally:
        journal.close()


def inspect_log_from_rows(rows: Sequence[BatchRow], out: str | Path, *, name: str = "batch") -> Path:
    return write_inspect_log(out, row_samples(rows), name=name)
