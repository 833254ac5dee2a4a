"""Schemathesis' stateful phase against the local backend: create -> get -> events -> artifacts.

The spec's OpenAPI ``links`` (on ``create_rollout``'s 200 and ``get_rollout``'s 200) let
Schemathesis chain a real rollout id from one response into the next request. Every response is
validated against the spec (status, content type, schema, headers, auth). The test also checks
that the chains really happened: at least one rollout created by the machine was then read,
streamed and listed with a 200, so the phase cannot pass by never leaving the first step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from synth_pools_server.launcher import LocalBackend, start_backend
from tests.reliability._harness import LONG

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"
KEY = "sk_test_pro"
CHAIN = ["create_rollout", "get_rollout", "stream_rollout_events", "list_rollout_artifacts"]


@pytest.fixture(scope="module")
def stateful_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    with start_backend(tmp_path_factory.mktemp("stateful"), extra_args=["--heartbeat-sec", "1"]) as b:
        yield b


def test_links_chain_create_get_events_artifacts(stateful_backend: LocalBackend) -> None:
    schema = schemathesis.openapi.from_path(SPEC)
    schema.config.update(base_url=stateful_backend.base_url, request_timeout=30)
    schema.config.generation.update(with_security_parameters=False)
    machine_base: Any = schema.include(operation_id=CHAIN).as_state_machine()
    ok: Counter[str] = Counter()
    calls: Counter[str] = Counter()

    class Workflow(machine_base):  # type: ignore[misc]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": {"Authorization": f"Bearer {KEY}"}}

        def after_call(self, response: Any, case: Any) -> None:
            op = case.operation.definition.raw.get("operationId", "?")
            calls[op] += 1
            if response.status_code in (200, 201):
                ok[op] += 1

    Workflow.run(
        settings=settings(
            max_examples=150 if LONG else 40,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
    )
    assert ok["create_rollout"] > 0, calls
    for op in CHAIN[1:]:
        assert ok[op] > 0, f"{op} never answered 200 on a linked rollout: {dict(ok)} of {dict(calls)}"
    log = "".join(stateful_backend.output)
    assert "Traceback" not in log, log[-4000:]
