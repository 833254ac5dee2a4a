"""Batch runs that survive the client: ``run_batch`` / ``arun_batch`` with a SQLite journal.

    result = client.rollouts.run_batch(requests, journal="evals/run1.db", concurrency=64)
    result.to_csv("evals/run1.csv")

Rerunning the same call after a crash continues where it stopped. ``_journal`` keeps the
journal, ``_plan`` decides what each request does next (no I/O), ``_async_runner`` does the
I/O (``_runner``, the sync one, is written from it; ``_workers`` runs rows on threads or tasks), ``_results`` holds the rows and their exports, ``_inspect_log`` writes a journal or
rows as an Inspect log.
"""

from __future__ import annotations

from pathlib import Path

from ._async_runner import arun_batch
from ._budget import ON_BUDGET, OnBudget
from ._classes import FAILURE_CLASSES, FailureClass, RetryPolicy
from ._journal import Journal, JournalDamagedError, JournalMismatchError, JournalWriteError
from ._plan import EVENTS_MODES, EventsMode, Progress
from ._results import INCOMPLETE, BatchResult, BatchRow
from ._runner import run_batch

__all__ = [
    "EVENTS_MODES",
    "FAILURE_CLASSES",
    "INCOMPLETE",
    "ON_BUDGET",
    "BatchResult",
    "BatchRow",
    "EventsMode",
    "FailureClass",
    "Journal",
    "JournalDamagedError",
    "JournalMismatchError",
    "JournalWriteError",
    "OnBudget",
    "Progress",
    "RetryPolicy",
    "arun_batch",
    "inspect_log_from_journal",
    "inspect_log_from_rows",
    "load",
    "run_batch",
]


def load(journal: str) -> BatchResult:
    """The rows a journal holds, without any network call (what ``rollouts collect`` prints)."""
    return BatchResult.load(journal)


def inspect_log_from_journal(journal_path: str | Path, out: str | Path) -> Path:
    """Export a journal as an Inspect log at ``out`` (``.eval`` or ``.json``), streamed."""
    from ._inspect_log import inspect_log_from_journal  # the log writer loads on first export

    return inspect_log_from_journal(journal_path, out)


def inspect_log_from_rows(rows: list[BatchRow], out: str | Path, *, name: str = "batch") -> Path:
    """Export rows held in memory (no journal: no events, no requests) as an Inspect log."""
    from ._inspect_log import inspect_log_from_rows

    return inspect_log_from_rows(rows, out, name=name)
