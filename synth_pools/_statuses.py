"""The rollout statuses every part of the SDK reads: one source, so a status the service adds is
taught once (the CLI's failure sets once missed ``timed_out`` and exited 0 on a timed-out batch).

The service answers ``completed`` (newest) or ``succeeded`` (older) for a rollout that ended well;
``validated`` ends a rollout too (a verifier's answer is in) without saying which way.
"""

from __future__ import annotations

__all__ = ["FAILURE_STATUSES", "SUCCESS_STATUSES", "TERMINAL_STATUSES"]

#: a rollout that ended well: ``succeeded`` (older answers) or ``completed`` (newest), with no error
SUCCESS_STATUSES = frozenset({"succeeded", "completed"})

#: a rollout that ended badly, as the service or a batch journal (``incomplete``) says it
FAILURE_STATUSES = frozenset({"failed", "cancelled", "canceled", "error", "timed_out", "incomplete"})

#: a rollout that will not change again (``incomplete`` is the client's word, never the service's)
TERMINAL_STATUSES = SUCCESS_STATUSES | (FAILURE_STATUSES - {"incomplete"}) | {"validated"}
