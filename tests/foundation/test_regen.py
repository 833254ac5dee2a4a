"""`make regen`: the spec is apply(upstream, overlay), a refresh reports its drift, and a refused
refresh leaves the tree as it was (the SDK imports, `git status` is clean).

Refreshes run in a git copy of the repository's spec, scripts, packages and generated code, against
a schema served over HTTP on 127.0.0.1, so the real tree is never at risk.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import drift, regen
from scripts import spec_sources as src

# The real backend's published extract, unchanged. A copy is kept with the tests so a clone that has
# no shared/ beside it (CI) still runs them; where shared/ is there, the copy must equal it.
REFERENCE = regen.ROOT / "tests" / "support" / "real-backend-v1-openapi.json"
SHARED_REFERENCES = [
    root / "shared" / "reference" / "real-backend-v1-openapi.json"
    for root in (regen.ROOT.parent, regen.ROOT.parent.parent)
]
COPIED = ["openapi", "scripts", "synth_pools", "synth_pools_server", "generated", "pyproject.toml"]
EVENTS = "/v1/rollouts/{rollout_id}/events"


def test_the_kept_reference_is_the_shared_one() -> None:
    shared = [path for path in SHARED_REFERENCES if path.exists()]
    for path in shared:
        assert json.loads(path.read_text()) == json.loads(REFERENCE.read_text()), path
    assert len(json.loads(REFERENCE.read_text())["paths"]) == 89


def _published() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(REFERENCE.read_text())
    return loaded


class _Schema:
    """Serves one document at /v1/openapi.json; remembers the Authorization headers it saw."""

    def __init__(self) -> None:
        self.document: dict[str, Any] = {}
        self.authorization: list[str | None] = []
        schema = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                schema.authorization.append(self.headers.get("Authorization"))
                body = json.dumps(schema.document).encode()
                self.send_response(200 if self.path == "/v1/openapi.json" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def served() -> Iterator[_Schema]:
    schema = _Schema()
    thread = threading.Thread(target=schema.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield schema
    finally:
        schema.server.shutdown()
        schema.server.server_close()


def _git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    copy_root = tmp_path / "repo"
    copy_root.mkdir()
    for name in COPIED:
        source = regen.ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, copy_root / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, copy_root / name)
    _git(copy_root, "init", "-q")
    _git(copy_root, "add", "-A")
    _git(copy_root, "commit", "-q", "-m", "copy")
    return copy_root


def _regen(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(repo / "scripts" / "regen.py"), *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def _sdk_imports(repo: Path) -> bool:
    code = "import synth_pools, synth_pools.pools; synth_pools.EnvironmentPoolsClient(api_key='k')"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, env={"PYTHONPATH": str(repo)}, capture_output=True, text=True
    )
    return result.returncode == 0


# -- the two sources and the product --------------------------------------------------------------


def test_generated_and_spec_match_their_sources() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/regen.py", "--check"], cwd=regen.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_overlay_is_an_overlay_1_0_document() -> None:
    overlay = src.load_yaml(src.OVERLAY)
    assert overlay["overlay"] == "1.0.0"
    src.validate_overlay(overlay)
    assert all(action["target"].startswith("$") for action in overlay["actions"])


def test_the_family_rule_cuts_the_reference_to_73_paths_and_88_operations() -> None:
    family = src.family(_published())
    assert len(family["paths"]) == 73
    assert sum(m in src.HTTP_METHODS for item in family["paths"].values() for m in item) == 88
    assert not [p for p in family["paths"] if p.startswith(("/v1/tunnels", "/v1/gamebench"))]
    assert "TunnelResponse" not in family["components"]["schemas"]  # reached only from tunnels
    assert family == src.load_json(src.UPSTREAM), "openapi/upstream.json is the reference, cut"


def test_every_upstream_operation_is_in_the_spec_under_our_id() -> None:
    spec = src.load_yaml(src.SPEC)
    upstream = src.load_json(src.UPSTREAM)
    ours = regen.operation_ids(spec)
    assert set(ours) == set(regen.operation_ids(upstream))
    assert all("_v1_" not in op_id for op_id in ours.values()), "FastAPI's generated ids stay upstream"
    assert ours[("post", "/v1/pools/{pool_id}/pause")] == "pause_pool"


def test_an_overlay_action_whose_target_is_gone_is_an_error() -> None:
    upstream = src.load_json(src.UPSTREAM)
    del upstream["paths"]["/v1/queue/status"]
    with pytest.raises(src.OverlayDoesNotApply, match=r"/v1/queue/status"):
        src.apply(upstream, src.load_yaml(src.OVERLAY))


def test_one_field_changes_exactly_the_model_it_belongs_to(tmp_path: Path) -> None:
    spec = yaml.safe_load(regen.SPEC.read_text())
    spec["components"]["schemas"]["UsageSnapshot"]["properties"]["gpu_minutes"] = {"type": "number"}
    changed_spec = tmp_path / "spec.yaml"
    changed_spec.write_text(regen.dump_normalised(spec))
    fresh = tmp_path / "generated"
    regen.generate(fresh, spec=changed_spec)
    assert regen.differences(regen.OUTPUT, fresh) == ["models/differs: usage_snapshot.py"]
    assert "gpu_minutes" in (fresh / "models" / "usage_snapshot.py").read_text()


def test_the_sdk_binds_the_operations_it_calls() -> None:
    bound = regen.bound_operations()
    assert {"create_rollout", "stream_rollout_events", "get_me", "create_pool_rollout"} <= bound
    assert "pause_pool" in bound  # route("pause_pool", ...) counts as well as bind(...)
    assert "get_deployment" not in bound  # reached only through client.call(...)


# -- the drift report --------------------------------------------------------------------------------


def test_drift_names_a_renamed_query_parameter_as_removed_and_added() -> None:
    old = src.load_json(src.UPSTREAM)
    new = copy.deepcopy(old)
    params = new["paths"][EVENTS]["get"]["parameters"]
    next(p for p in params if p["name"] == "after_sequence")["name"] = "after_seq"
    ours = regen.operation_ids(src.load_yaml(src.SPEC))
    lines = [c.line() for c in drift.compare(old, new, ours, {"stream_rollout_events"})]
    assert lines == [
        f"BREAKING GET {EVENTS}: parameter removed: query after_sequence [stream_rollout_events, bound by the SDK]",
        f"ok       GET {EVENTS}: parameter added: query after_seq [stream_rollout_events, bound by the SDK]",
    ]


def test_drift_reports_a_path_parameter_rename_as_one_change() -> None:
    old = src.load_json(src.UPSTREAM)
    new = copy.deepcopy(old)
    item = new["paths"].pop("/v1/container_leases/{lease_id}/renew")
    for param in item["post"]["parameters"]:
        if param["name"] == "lease_id":
            param["name"] = "id"
    new["paths"]["/v1/container_leases/{id}/renew"] = item
    ours = regen.operation_ids(src.load_yaml(src.SPEC))
    changes = drift.compare(old, new, ours, set())
    assert [(c.what, c.breaking, c.operation_id) for c in changes] == [
        ("path parameters renamed: now /v1/container_leases/{id}/renew", True, "renew_container_lease")
    ]


# -- refreshing from a served schema -----------------------------------------------------------------


def test_regen_from_the_reference_reproduces_the_checked_in_tree(repo: Path, served: _Schema) -> None:
    served.document = _published()
    env = {k: v for k, v in os.environ.items() if k != "SYNTH_API_KEY"}
    result = _regen(repo, "--spec-url", served.url, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 change(s)" in result.stdout and "no breaking change" in result.stdout
    assert served.authorization == [None], "the schema is public: no key is needed or sent"
    assert _git(repo, "status", "--porcelain") == ""


def test_a_new_route_arrives_and_the_report_names_it(repo: Path, served: _Schema) -> None:
    served.document = _published()
    snapshots = copy.deepcopy(served.document["paths"]["/v1/pools/{pool_id}/pause"])
    snapshots["post"]["operationId"] = "create_pool_snapshot_v1_v1_pools__pool_id__snapshots_post"
    served.document["paths"]["/v1/pools/{pool_id}/snapshots"] = snapshots
    result = _regen(repo, "--spec-url", served.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok       POST /v1/pools/{pool_id}/snapshots: operation added" in result.stdout
    assert "no breaking change" in result.stdout
    spec = src.load_yaml(repo / "openapi" / "synth-pools.yaml")
    assert "/v1/pools/{pool_id}/snapshots" in spec["paths"]
    changed = _git(repo, "status", "--porcelain")
    assert " M openapi/upstream.json" in changed and " M openapi/synth-pools.yaml" in changed
    assert "generated/api/container_pools/" in changed  # under the upstream's tag, as every operation
    assert _sdk_imports(repo)


def test_a_breaking_upstream_is_reported_and_refused_leaving_the_tree_clean(
    repo: Path, served: _Schema
) -> None:
    served.document = document = _published()
    del document["paths"]["/v1/queue/status"]  # a route removed
    params = document["paths"][EVENTS]["get"]["parameters"]
    next(p for p in params if p["name"] == "after_sequence")["name"] = "after_seq"  # one renamed
    document["paths"]["/v1/pools/{pool_id}/snapshots"] = copy.deepcopy(
        document["paths"]["/v1/pools/{pool_id}/pause"]
    )  # one added
    result = _regen(repo, "--spec-url", served.url)
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert "BREAKING GET /v1/queue/status: operation removed [get_queue_status, bound by the SDK]" in out
    assert f"BREAKING GET {EVENTS}: parameter removed: query after_sequence [stream_rollout_events" in out
    assert f"ok       GET {EVENTS}: parameter added: query after_seq" in out
    assert "ok       POST /v1/pools/{pool_id}/snapshots: operation added" in out
    assert "regen: REFUSED, nothing changed" in out
    assert _git(repo, "status", "--porcelain") == ""
    assert _sdk_imports(repo)


def test_an_overlay_that_no_longer_applies_refuses(repo: Path, served: _Schema) -> None:
    served.document = document = _published()
    # an operation the SDK does not bind, so only the overlay notices
    old_path = "/v1/pools/{pool_id}/runtime_image_releases/{release_id}"
    new_path = "/v1/pools/{pool_id}/runtime_image_releases/{id}"
    document["paths"][new_path] = document["paths"].pop(old_path)
    result = _regen(repo, "--spec-url", served.url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"GET {old_path}: path parameters renamed: now {new_path} [get_pool_runtime_image_release]" in (
        result.stdout
    )
    assert "matches nothing in the upstream" in result.stdout
    assert _git(repo, "status", "--porcelain") == ""


def test_a_rebuild_that_breaks_the_sdk_is_refused(repo: Path) -> None:
    overlay_path = repo / "openapi" / "overlay.yaml"
    text = overlay_path.read_text()
    assert text.count("operationId: get_me\n") == 1
    overlay_path.write_text(text.replace("operationId: get_me\n", "operationId: get_account\n"))
    _git(repo, "commit", "-q", "-am", "an overlay edit that renames a bound operation")
    result = _regen(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the SDK does not import from the rebuilt tree" in result.stdout
    assert "'get_me'" in result.stdout  # the operation it binds and no longer finds
    assert _git(repo, "status", "--porcelain") == ""
    assert _sdk_imports(repo)


def test_an_unreachable_server_is_exit_2(repo: Path) -> None:
    result = _regen(repo, "--spec-url", "http://127.0.0.1:9")
    assert result.returncode == 2
    assert "could not read a schema" in result.stderr
    assert _git(repo, "status", "--porcelain") == ""
