"""The snapshot of the reference documents' surface matches the documents themselves.

The surface tests read `tests/support/reference_surface.json` when the documents are not beside
the clone; this test (run wherever the documents are) proves that snapshot is still what they say.
"""

from __future__ import annotations

import json

import pytest

from tests.support.reference_surface import SNAPSHOT, documents_present, parse_documents


def test_snapshot_is_what_the_documents_say() -> None:
    if not documents_present():
        pytest.skip("reference documents not beside this clone (shared/seeds); the snapshot stands in")
    current = parse_documents()
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert recorded == json.loads(json.dumps(current)), (
        "the documents changed: run `python -m tests.support.reference_surface --write` and review the diff"
    )
