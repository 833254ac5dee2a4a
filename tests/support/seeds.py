"""Where the reference documents are: `$SYNTH_POOLS_SEEDS_DIR`, else `shared/seeds` beside the checkout.

A developer's checkout has shared/ beside it; a clone elsewhere may not. The surface tests then
use the facts in `reference_surface.json` (see `reference_surface.py`); only the test comparing
that snapshot with the documents needs the documents themselves, and it skips, saying where it
looked, when they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _candidates() -> list[Path]:
    configured = os.environ.get("SYNTH_POOLS_SEEDS_DIR")
    if configured:
        return [Path(configured)]
    return [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]


def find_seed(name: str) -> Path | None:
    for folder in _candidates():
        if (folder / name).is_file():
            return folder / name
    return None


def seed_path(name: str) -> Path:
    """The document's path; skips the calling test when it is not there."""
    found = find_seed(name)
    if found is None:
        where = ", ".join(str(c) for c in _candidates())
        pytest.skip(f"reference document {name} not found under {where}; set SYNTH_POOLS_SEEDS_DIR")
    return found
