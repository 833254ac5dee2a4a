"""The client process the batch kill test SIGKILLs: one run_batch of N requests with a journal.

    python -m tests.reliability._batch_child JOURNAL POOL_ID N CONCURRENCY

Backend and key come from SYNTH_BACKEND_URL / SYNTH_API_KEY. Prints ``started`` when the batch
begins and ``finished <counts>`` when it returns.
"""

from __future__ import annotations

import json
import sys

from synth_pools import EnvironmentPoolsClient
from tests.batch._setup import requests_for


def main() -> int:
    journal, pool_id, n, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with EnvironmentPoolsClient() as client:
        print("started", flush=True)
        result = client.rollouts.run_batch(
            requests_for(pool_id, n), journal=journal, concurrency=concurrency, events="keep"
        )
    print("finished", json.dumps(dict(result.counts())), flush=True)
    return 0 if result.complete else 1


if __name__ == "__main__":
    raise SystemExit(main())
