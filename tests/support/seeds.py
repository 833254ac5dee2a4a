"""Where the reference documents are: `$SYNTH_POOLS_SEEDS_DIR`, else `shared/seeds` beside the checkout.

CI lays a copy of shared/ beside its clone; a developer's checkout has it at the same place. Tests
that read the documents fail under CI when they are missing (a silent skip there would hide a
broken surface test) and skip elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def seed_path(name: str) -> Path:
    configured = os.environ.get("SYNTH_POOLS_SEEDS_DIR")
    candidates = (
        [Path(configured)] if configured else [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
    )
    for folder in candidates:
        if (folder / name).is_file():
            return folder / name
    where = ", ".join(str(c) for c in candidates)
    if os.environ.get("CI"):
        pytest.fail(f"reference document {name} not found under {where}")
    pytest.skip(f"reference document {name} not found under {where}; set SYNTH_POOLS_SEEDS_DIR")
