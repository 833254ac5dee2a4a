"""The reference document's quick start, with only the import line changed.

Run it against any backend: SYNTH_BACKEND_URL=http://127.0.0.1:8787 SYNTH_API_KEY=sk_... python
examples/quickstart.py (the local backend: `python -m synth_pools_server`). The key comes from
SYNTH_API_KEY when api_key is not given; the document's literal "sk_..." is kept below and
replaced by the environment's key only when that is set, so the snippet stays as written.
"""

import os

from synth_pools import (
    AgentSpec,
    EnvironmentPoolsClient,
    PoolTask,
)

client = EnvironmentPoolsClient(api_key=os.environ.get("SYNTH_API_KEY", "sk_..."))
# Create a pool
pool = client.pools.create(
    request={
        "pool_id": "my-pool",
        "pool_type": "openenv",
        "concurrency": 4,
    }
)
# Add a task
task = PoolTask.from_openenv("task-1", "https://my-task-app.example.com")
client.pools.tasks.create(pool["pool_id"], request=task)
# Launch a rollout with AgentSpec preset
handle = client.rollouts.create(
    {
        "task_ref": {"dataset": "my-dataset", "task_id": "task-1"},
        "agent": AgentSpec.claude_code().model_dump(exclude_none=True),
        "task_app_url": "https://my-task-app.example.com",
        "timeouts": {"agent_sec": 300},
        "pool_id": "my-pool",
    }
)
# Stream events
for event in handle.events():
    print(event)
# Get usage
print(handle.usage())
