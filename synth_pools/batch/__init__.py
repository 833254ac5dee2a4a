"""Batch runs that survive the client: ``run_batch`` / ``arun_batch`` with a SQLite journal.

    result = client.rollouts.run_batch(requests, journal="evals/run1.db", concurrency=64)
    result.to_csv("evals/run1.csv")

Rerunning the same call after a crash continues where it stopped. ``_journal`` keeps the
journal, ``_plan`` decides what each request does next (no I/O), ``_runner`` does the I/O (sync
and async), ``_results`` holds the rows and their exports.
"""

from ._budget import ON_BUDGET, OnBudget
from ._classes import FAILURE_CLASSES, FailureClass, RetryPolicy
from ._journal import Journal, JournalDamagedError, JournalMismatchError, JournalWriteError
from ._plan import EVENTS_MODES, EventsMode, Progress
from ._results import INCOMPLETE, BatchResult, BatchRow
from ._runner import arun_batch, run_batch

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
    "load",
    "run_batch",
]


def load(journal: str) -> BatchResult:
    """The rows a journal holds, without any network call (what ``rollouts collect`` prints)."""
    return BatchResult.load(journal)
