"""README's batch example runs as written against the local backend, after the library example
it continues (only the key, URL, pool id, batch size and journal folder change)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from synth_pools.batch import BatchResult
from tests.support.backend import LocalBackend

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER = 'api_key="sk_...", backend_base="http://127.0.0.1:8787"'


def test_batch_example_runs_and_resumes(
    backend: LocalBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    library, batch = blocks[0], next(b for b in blocks if "run_batch(" in b)
    assert 'journal="evals/run1.db"' in batch

    def adapted(code: str) -> str:
        code = code.replace(PLACEHOLDER, f'api_key="{backend.api_key}", backend_base="{backend.base_url}"')
        return code.replace('"my-pool"', '"my-pool-readme-batch"').replace("range(200)", "range(20)")

    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(adapted(library + batch), str(README), "exec"), namespace)
    # the example's task is served by a task app, which the local backend does not call: every
    # rollout fails naming it, and there is no reward to average (none was invented)
    assert "Counter({'failed': 20}) None" in capsys.readouterr().out
    first = BatchResult.load("evals/run1.db")
    assert first.complete and len(first) == 20 and os.path.exists("evals/run1.csv")

    exec(compile(adapted(batch), str(README), "exec"), namespace)  # the same call again: nothing new
    assert BatchResult.load("evals/run1.db").to_records() == first.to_records()
