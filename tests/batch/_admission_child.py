"""The client process the admission tests SIGKILL: one run_batch against an AdmissionDouble.

    python -m tests.batch._admission_child BASE_URL JOURNAL N CONCURRENCY OPTIONS_JSON

OPTIONS_JSON holds run_batch keywords (``retry``, ``max_cost_usd``, ...). Prints ``started``
when the batch begins and ``finished`` when it returns.
"""

from __future__ import annotations

import json
import sys

from synth_pools import EnvironmentPoolsClient


def requests(n: int) -> list[dict[str, object]]:
    return [{"pool_id": "p1", "agent": {"harness": "codex"}, "metadata": {"seed": i}} for i in range(n)]


def main() -> int:
    base_url, journal, n, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    options = json.loads(sys.argv[5])
    with EnvironmentPoolsClient(api_key="sk_admission_double", backend_base=base_url) as client:
        print("started", flush=True)
        client.rollouts.run_batch(
            requests(n),
            journal=journal,
            concurrency=concurrency,
            events="none",
            poll_interval=0.02,
            **options,
        )
    print("finished", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
