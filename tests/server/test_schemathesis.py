"""Schemathesis over every operation of the spec against a running local backend: 0 failures.

Examples, coverage and fuzzing phases (the stateful phase is tests/contract/test_stateful.py),
with a per-operation example budget that keeps the run to about a minute on a 2-core machine.

Deterministic by default: one fixed seed, no example database, so `make test` generates the same
cases on every run and a red build is reproducible. `make reliability` sets SCHEMATHESIS_SEED to
fresh values (and a larger budget) to look further; a failure it prints reproduces with
`SCHEMATHESIS_SEED=<seed> pytest tests/server/test_schemathesis.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from synth_pools_server.app import unsupported_operations
from synth_pools_server.validation import Spec
from tests.support.backend import LocalBackend, start_backend

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261201"))
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "30"))
KEY = "sk_test_pro"
# 501 is the local backend's documented answer for what it cannot emulate (not_supported_locally);
# any other 5xx is a server error.
SERVER_STATUSES_EXPECTED = ["2xx", "3xx", "4xx", "501"]
# The real service's operations this backend has no handler for (each answers 501).
NO_HANDLER = frozenset(op.operation_id for op in unsupported_operations(Spec()))


@pytest.fixture(scope="module")
def contract_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    # Its own server: fuzzing fills it with junk the other suites should not see.
    with start_backend(tmp_path_factory.mktemp("schemathesis"), extra_args=["--heartbeat-sec", "1"]) as b:
        yield b


schema = schemathesis.openapi.from_path(SPEC)
# The server's URL is only known once the fixture started it: each case gets it at call time.
schema.config.update(request_timeout=30)
schema.config.seed = SEED
schema.config.checks.not_a_server_error.expected_statuses = SERVER_STATUSES_EXPECTED
schema.config.generation.update(max_examples=MAX_EXAMPLES, with_security_parameters=False)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,  # a stored failing example would change what the next run generates
)
def test_every_operation_conforms(case: Any, contract_backend: LocalBackend) -> None:
    headers = {"Authorization": f"Bearer {KEY}"}
    if case.operation.definition.raw["operationId"] not in NO_HANDLER:
        case.call_and_validate(base_url=contract_backend.base_url, headers=headers)
        return
    # An operation of the real service the local backend has no handler for: its documented answer
    # is 501 not_supported_locally for a well-formed request, so the two checks that want bad input
    # refused and good input accepted are off; the answer is still validated against the spec, and
    # must be that 501, the 401/403 every route gives first, or the 400/422 the backend gives input
    # that breaks the spec before it looks for a handler (405 to the coverage phase's probes with a
    # method the operation does not have).
    response = case.call_and_validate(
        base_url=contract_backend.base_url,
        headers=headers,
        excluded_checks=[negative_data_rejection, positive_data_acceptance],
    )
    # (422 too: the backend validates the request against the spec before answering its 501)
    expected = {400, 401, 403, 422, 501} if case.method.upper() == case.operation.method.upper() else {405}
    assert response.status_code in expected, (case.method, response.status_code, response.text)
    if response.status_code == 501:
        assert response.json()["error"]["code"] == "not_supported_locally"


def test_fuzzing_left_no_server_traceback(contract_backend: LocalBackend) -> None:
    # Runs after the cases above (same module): a handled 4xx is fine, a logged crash is not.
    log = "".join(contract_backend.output)
    assert "Traceback" not in log, log[-4000:]
