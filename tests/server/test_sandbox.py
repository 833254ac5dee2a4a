"""What a rollout's command can reach: under bubblewrap nothing outside its working directory
(no network, read-only system, private /tmp, the backend's data hidden); without bubblewrap the
backend says so in capabilities and in its log, instead of pretending."""

from __future__ import annotations

from tests.server.helpers import client, command_task, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend

PROBES = r"""
touch /usr/synth-probe 2>/dev/null && echo system:writable || echo system:read-only
echo mine > /tmp/probe && echo tmp:writable
test -e "$DATA/credentials.sqlite" && echo data:visible || echo data:hidden
python3 - "$PORT" <<'PY'
import socket, sys
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2).close()
    print("network:reachable")
except OSError:
    print("network:isolated")
PY
echo result > out.txt && echo workdir:writable
"""


def test_command_sees_only_its_sandbox(backend: LocalBackend) -> None:
    port = backend.base_url.rsplit(":", 1)[1]
    command = f'DATA="{backend.data_dir.resolve()}" PORT={port}; {PROBES}'
    with client(backend) as c:
        bwrap = c.get("/v1/capabilities").json()["features"]["sandbox_bubblewrap"]
        pool = make_pool(c, [command_task(command)])
        rid = start(c, rollout_body(pool))["rollout_id"]
        assert finish(c, rid)["status"] == "completed"
        seen = set(c.get(f"/v1/rollouts/{rid}/artifacts/logs/stdout.txt").text.split())
    assert {"tmp:writable", "workdir:writable"} <= seen
    if bwrap:
        assert {"system:read-only", "data:hidden", "network:isolated"} <= seen, seen
    else:
        # the documented fallback: a plain subprocess, announced in the log
        assert "network:reachable" in seen
        assert "WITHOUT a sandbox" in "".join(backend.output)
