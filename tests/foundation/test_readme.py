"""README's library example runs as written against the local backend (only the key and URL
change), so the front door stays true when behaviour changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.backend import LocalBackend

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER = 'api_key="sk_...", backend_base="http://127.0.0.1:8787"'


def test_library_example_runs(
    backend: LocalBackend, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert blocks, "README lost its python example"
    assert PLACEHOLDER in blocks[0]
    pool_suffix = "-readme-test"  # the session backend is shared: a pool id of its own
    monkeypatch.chdir(tmp_path)  # the event pages example writes a file
    pages = [b for b in blocks if "export_events" in b]
    assert len(pages) == 1, "README lost its event pages example"
    namespace: dict[str, object] = {}
    for source in (blocks[0], pages[0]):  # one session: the pages example uses the first one's handle
        source = source.replace(
            PLACEHOLDER, f'api_key="{backend.api_key}", backend_base="{backend.base_url}"'
        )
        source = source.replace('"my-pool"', f'"my-pool{pool_suffix}"')
        exec(compile(source, str(README), "exec"), namespace)
    out = capsys.readouterr().out
    # the quick start's task is served by a task app the local backend does not call: the rollout
    # fails naming it, and no reward is printed that no verifier produced
    assert "'event': 'lifecycle'" in out and "'status': 'failed'" in out
    assert "https://my-task-app.example.com" in out and "'reward': None" in out
    assert "'reward': 0" not in out and "'reward': 1" not in out
    assert "'llm_input_tokens'" in out  # the usage line
    archived = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [e["seq"] for e in archived] == list(range(1, len(archived) + 1))
    assert archived[-1]["event"] == "lifecycle"
    assert out.rstrip().endswith(f"{len(archived)} None")  # one page held the whole log
