"""README's library example runs as written against the local backend (only the key and URL
change), so the front door stays true when behaviour changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.backend import LocalBackend

README = Path(__file__).resolve().parents[2] / "README.md"
PLACEHOLDER = 'api_key="sk_...", backend_base="http://127.0.0.1:8787"'


def test_library_example_runs(backend: LocalBackend, capsys: pytest.CaptureFixture[str]) -> None:
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert code is not None, "README lost its python example"
    source = code.group(1)
    assert PLACEHOLDER in source
    pool_suffix = "-readme-test"  # the session backend is shared: a pool id of its own
    source = source.replace(PLACEHOLDER, f'api_key="{backend.api_key}", backend_base="{backend.base_url}"')
    source = source.replace('"my-pool"', f'"my-pool{pool_suffix}"')
    namespace: dict[str, object] = {}
    exec(compile(source, str(README), "exec"), namespace)
    out = capsys.readouterr().out
    assert "'event': 'lifecycle'" in out and "'status': 'succeeded'" in out
    assert "'llm_input_tokens'" in out  # the usage line
