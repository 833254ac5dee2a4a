"""Exports to the formats eval and agent engineers already look at.

- Inspect AI eval logs (``.eval``/``.json``): :func:`write_inspect_log`, ``BatchResult.to_inspect_log``,
  ``synth-pools rollouts collect JOURNAL -o run.eval``; ``synth-pools view`` opens them.
- ATIF trajectories (Harbor's Agent Trajectory Interchange Format, v1.8): :func:`to_atif`,
  ``handle.to_atif()``, ``client.rollouts.export_trajectory(id)``, ``synth-pools rollouts trajectory``.

Both are written by hand (no Inspect or Harbor at runtime) from one reading of the events
(``_transcript``). A batch journal becomes a log through ``synth_pools.batch``
(``inspect_log_from_journal``): exports know nothing of batches.
"""

from ._atif import ATIF_VERSION, to_atif
from ._inspect import FORMATS as INSPECT_FORMATS
from ._inspect import InspectSample, write_inspect_log

__all__ = [
    "ATIF_VERSION",
    "INSPECT_FORMATS",
    "InspectSample",
    "to_atif",
    "write_inspect_log",
]
