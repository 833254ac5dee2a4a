"""The public surface against the reference document and the spec.

- every function of the document exists with exactly its parameters, kinds and defaults
  (derived from the document's text, not copied here);
- every validation error names its field and the fix, and is a ValueError;
- every environment-pools operation of the spec is reached by a public method (checked by
  calling it over MockTransport); container-pools operations are owned by ``synth_pools.pools``
  and checked here only as "its request module binds them".
"""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

import synth_pools as sp
import synth_pools.environment_pools as ep
from tests.support.fakes import sync_client
from tests.support.reference_surface import reference_surface

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "openapi" / "synth-pools.yaml"


def _seed_signatures() -> dict[str, list[tuple[str, str, str | None]]]:
    """name -> [(param, kind, default source)] as the document states them (see reference_surface)."""
    functions = reference_surface()["environment_pools"]["functions"]
    return {f["name"]: [(p, kind, default) for p, kind, default in f["params"]] for f in functions}


# The document's module-level functions, in its order; the next test proves the list is the document's.
SEED_FUNCTIONS = (
    "create_rollout",
    "get_rollout",
    "cancel_rollout",
    "stream_rollout_events",
    "get_rollout_usage",
    "get_rollout_support_bundle",
    "list_rollout_artifacts",
    "fetch_artifact",
    "download_artifacts_zip",
    "create_pool",
    "list_pools",
    "get_pool",
    "update_pool",
    "delete_pool",
    "create_pool_task",
    "list_pool_tasks",
    "update_pool_task",
    "delete_pool_task",
    "store_credential",
    "list_credentials",
    "rotate_credential",
    "delete_credential",
    "get_capabilities",
    "get_openapi_schema",
    "get_schema_json",
)


EXTRA_KEYWORDS = {"download_artifacts_zip": [("prefix", "keyword", "None"), ("limit", "keyword", "None")]}


def test_seed_lists_exactly_these_functions() -> None:
    assert list(_seed_signatures()) == list(SEED_FUNCTIONS)


@pytest.mark.parametrize("name", SEED_FUNCTIONS)
def test_function_matches_seed_signature(name: str) -> None:
    expected = _seed_signatures()[name]
    fn = getattr(ep, name)
    params = list(inspect.signature(fn).parameters.values())
    got: list[tuple[str, str, str | None]] = []
    for p in params:
        kind = "keyword" if p.kind is inspect.Parameter.KEYWORD_ONLY else "positional"
        default = None if p.default is inspect.Parameter.empty else repr(p.default)
        got.append((p.name, kind, default))
    # the document's parameters, in its order; after them only keyword arguments with a default
    # that Synth's own scripts pass (download_artifacts_zip(rollout_id, limit=...), design/real-service.md)
    assert got[: len(expected)] == expected
    assert got[len(expected) :] == EXTRA_KEYWORDS.get(name, [])


def test_async_client_mirrors_sync_client() -> None:
    sync_ns = ["rollouts", "pools", "credentials", "capabilities", "account"]
    client = ep.EnvironmentPoolsClient(api_key="k", backend_base="http://x")
    aclient = ep.AsyncEnvironmentPoolsClient(api_key="k", backend_base="http://x")
    for ns in sync_ns:
        s, a = getattr(client, ns), getattr(aclient, ns)
        public = {m for m in dir(s) if not m.startswith("_")}
        assert public == {m for m in dir(a) if not m.startswith("_")}, ns
        for m in public:
            if callable(getattr(s, m)) and m not in (
                "events",
                "export_events",
                "handle",
                "iter",
                "iter_download",
            ):
                assert inspect.iscoroutinefunction(getattr(a, m)), f"{ns}.{m}"
    assert {m for m in dir(client.pools.tasks) if not m.startswith("_")} == {
        m for m in dir(aclient.pools.tasks) if not m.startswith("_")
    }
    handle_methods = {"get", "summary", "wait", "events", "artifacts", "download_zip", "download"}
    handle_methods |= {"support_bundle", "replay", "cancel", "usage"}
    assert handle_methods <= set(dir(ep.RolloutHandle)) and handle_methods <= set(dir(ep.AsyncRolloutHandle))


@pytest.mark.parametrize("client_cls", [ep.EnvironmentPoolsClient, ep.AsyncEnvironmentPoolsClient])
def test_rollouts_iter_takes_exactly_lists_filters(client_cls: Any) -> None:
    rollouts = client_cls(api_key="k", backend_base="http://127.0.0.1:9").rollouts
    listed, walked = inspect.signature(rollouts.list), inspect.signature(rollouts.iter)
    assert list(walked.parameters.values()) == list(listed.parameters.values())
    assert "Iterator" in str(walked.return_annotation)
    # an argument list() would refuse is refused by iter() too, naming it, before anything is sent
    with pytest.raises(TypeError, match=r"iter\(\) got an unexpected keyword argument 'pool'"):
        rollouts.iter(pool="p")
    with pytest.raises(TypeError, match=r"iter\(\) too many positional arguments"):
        rollouts.iter("p")


def test_import_is_light_and_does_not_import_aiohttp() -> None:
    code = "import sys, synth_pools; synth_pools.EnvironmentPoolsClient; print('aiohttp' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == "False"


# ------------------------------------------------------------------ validation


GOOD: dict[str, Any] = {
    "task_ref": {"dataset": "d", "task_id": "t"},
    "agent": {"harness": "claude-code", "model_id": "claude-sonnet-4.5"},
    "task_app_url": "https://app.example.com",
    "timeouts": {"agent_sec": 300},
    "pool_id": "p",
}


def _without(key: str) -> dict[str, Any]:
    return {k: v for k, v in GOOD.items() if k != key}


@pytest.mark.parametrize(
    ("request_", "field", "fix_word"),
    [
        ({**GOOD, "task_ref": "t"}, "task_ref", "dataset"),
        ({**GOOD, "task_ref": {"dataset": "d"}}, "task_ref.task_id", "task_id"),
        ({**GOOD, "task_ref": {"task_id": "t", "dataset": ""}}, "task_ref.dataset", "dataset"),
        ({**GOOD, "agent": "claude"}, "agent", "AgentSpec"),
        ({**GOOD, "agent": {"model_id": "x"}}, "agent.harness", "claude-code"),
        ({**GOOD, "task_app_url": "ftp://x"}, "task_app_url", "https://"),
        ({**GOOD, "timeouts": 300}, "timeouts", "agent_sec"),
        ({**GOOD, "timeouts": {"agent_sec": -1}}, "timeouts.agent_sec", "> 0"),
        (_without("pool_id"), "pool_id", "pool_tags"),
        ({**_without("pool_id"), "pool_tags": "gpu"}, "pool_tags", "pool_tags=["),
        ({**_without("pool_id"), "environment": {"docker_image": "x"}}, "environment.backend", "harbor"),
        ({**GOOD, "priority": "high"}, "priority", "int"),
        ("not a dict", "request", "dict"),
    ],
)
def test_each_rollout_validation_error_names_field_and_fix(request_: Any, field: str, fix_word: str) -> None:
    client, _ = sync_client(lambda r: pytest.fail("nothing may be sent"))
    with pytest.raises(ValueError) as info:
        client.rollouts.create(request_)
    err = info.value
    assert isinstance(err, sp.SynthPoolsValidationError)
    assert err.field == field and str(err).startswith(f"{field}:")
    assert "Fix:" in str(err) and fix_word in err.fix


@pytest.mark.parametrize("missing", ["task_ref", "agent", "task_app_url", "timeouts"])
def test_a_rollout_request_v1_keeps_the_reference_documents_required_fields(missing: str) -> None:
    fields = {**GOOD, missing: None}
    client, _ = sync_client(lambda r: pytest.fail("nothing may be sent"))
    with pytest.raises(sp.SynthPoolsValidationError) as info:
        client.rollouts.create(sp.RolloutRequestV1(**fields))
    assert info.value.field == missing and "RolloutRequestV1" in info.value.problem


def test_a_dict_needs_only_what_the_service_needs() -> None:
    """Synth's harbor demo sends pool_id, environment and harbor only; another script sends an
    opencode agent with gpt-4o-mini (the allowlist is AgentSpec's, not the service's)."""
    sent: list[dict[str, Any]] = []

    def answer(request: Any) -> Any:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json={"trial_id": f"t{len(sent)}", "status": "queued"})

    client, _ = sync_client(answer)
    harbor = {
        "pool_id": "p",
        "environment": {"backend": "harbor", "docker_image": "img"},
        "harbor": {"input": {}},
    }
    opencode = {**GOOD, "agent": {"harness": "opencode", "model_id": "gpt-4o-mini"}}
    assert client.rollouts.create(harbor).rollout_id == "t1"
    assert client.rollouts.create(opencode).rollout_id == "t2"
    assert sent[0] == harbor
    assert sent[1]["agent"] == {"harness": "opencode", "model_id": "gpt-4o-mini", "kind": "opencode"}
    with pytest.raises(ValueError, match=r"gpt-5\.2-codex"):
        sp.AgentSpec(harness="codex", model_id="claude-sonnet-4.5")


def test_agent_spec_presets_and_allowed_models() -> None:
    assert sp.AgentSpec.claude_code().model_dump(exclude_none=True) == {
        "harness": "claude-code",
        "model_id": "claude-sonnet-4.5",
    }
    assert sp.AgentSpec.opencode().model_id == "claude-sonnet-4.5"
    assert sp.AgentSpec.codex().model_id == "gpt-5.2-codex"
    assert sp.AgentSpec.codex(model_id="gpt-5.1-codex-mini").model_id == "gpt-5.1-codex-mini"
    assert sp.AgentSpec.preset("claude-code", model_id="claude-sonnet-4.5").harness == "claude-code"
    with pytest.raises(ValueError, match=r"gpt-5\.2-codex, gpt-5\.1-codex-mini, gpt-5\.3-codex-spark"):
        sp.AgentSpec.codex(model_id="gpt-4")
    assert sp.AgentSpec.codex(model_id="gpt-5.3-codex-spark").model_id == "gpt-5.3-codex-spark"
    with pytest.raises(ValueError, match="claude-code, claude_code, opencode, codex, pi"):
        sp.AgentSpec.preset("cursor")
    assert sp.AgentSpec(harness="my-harness", model_id="anything").model_id == "anything"
    full = sp.AgentSpec.codex().model_dump()
    assert full["harness_version"] is None and "permission_mode" in full


def test_pool_task_factories() -> None:
    docker = sp.PoolTask.from_docker("task-1", "my-registry/my-image:latest", env={"FOO": "bar"})
    assert docker.to_dict() == {
        "task_id": "task-1",
        "backend": "harbor",
        "docker_image": "my-registry/my-image:latest",
        "env_vars": {"FOO": "bar"},
    }
    openenv = sp.PoolTask.from_openenv("task-1", "https://my-task-app.example.com")
    assert openenv.to_dict()["openenv_deployment"] == {"container_url": "https://my-task-app.example.com"}
    browser = sp.PoolTask.from_browser("task-1", "https://my-task-app.example.com", profile="linkedin")
    assert browser.to_dict()["browser"] == {
        "container_url": "https://my-task-app.example.com",
        "profile": "linkedin",
    }


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c: c.pools.create({"pool_id": "", "pool_type": "openenv"}), "pool_id"),
        (lambda c: c.pools.create({"pool_id": "p", "pool_type": "gpu"}), "pool_type"),
        (
            lambda c: c.pools.create({"pool_id": "p", "pool_type": "openenv", "concurrency": -2}),
            "concurrency",
        ),
        (lambda c: c.pools.create({"pool_id": "p", "pool_type": "openenv", "template": "X"}), "template"),
        (lambda c: c.pools.tasks.create("p", {"backend": "harbor"}), "task_id"),
        (lambda c: c.pools.get(""), "pool_id"),
        (lambda c: c.rollouts.get(None), "rollout_id"),
        (
            lambda c: c.credentials.store(
                credential_name="n", credential_type="api_key", credential_value=""
            ),
            "credential_value",
        ),
        (lambda c: c.credentials.rotate("c", new_value=5), "new_value"),
        (lambda c: c.rollouts.list(created_after="yesterday"), "created_after"),
        (lambda c: c.rollouts.create_batch([GOOD, {**GOOD, "agent": 1}]), "requests[1].agent"),
    ],
)
def test_other_validation_errors(call: Any, field: str) -> None:
    client, _ = sync_client(lambda r: pytest.fail("nothing may be sent"))
    with pytest.raises(sp.SynthPoolsValidationError) as info:
        call(client)
    assert info.value.field == field and info.value.fix


def test_missing_api_key_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYNTH_API_KEY", raising=False)
    with pytest.raises(ValueError, match="SYNTH_API_KEY"):
        ep.EnvironmentPoolsClient()


def test_config_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTH_API_KEY", "sk_env")
    monkeypatch.setenv("SYNTH_BACKEND_URL", "http://127.0.0.1:9/api/")
    monkeypatch.setenv("ENV_POOLS_API_VERSION", "v2")
    client = ep.EnvironmentPoolsClient()
    assert client.base_url == "http://127.0.0.1:9" and client.api_prefix == "/api/v1/environment-pools"
    assert "sk_env" not in repr(client)


# ------------------------------------------------------------------ reachability


def _spec_operations() -> dict[str, tuple[str, str]]:
    spec = yaml.safe_load(SPEC.read_text())
    ops = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                ops[op["operationId"]] = (method.upper(), path)
    return ops


ROLL = dict(GOOD)
# operationId -> a call of a public SDK method that must send that operation
ENV_POOLS_CALLS: dict[str, Any] = {
    "create_rollout": lambda c: c.rollouts.create(ROLL),
    "validate_rollout": lambda c: c.rollouts.validate(ROLL),
    "create_rollouts_batch": lambda c: c.rollouts.create_batch([ROLL]),
    "list_rollouts": lambda c: c.rollouts.list(status="running"),
    "get_rollout": lambda c: c.rollouts.get("r"),
    "get_rollout_summary": lambda c: c.rollouts.summary("r"),
    "get_rollout_usage": lambda c: c.rollouts.usage("r"),
    "get_rollout_support_bundle": lambda c: c.rollouts.support_bundle("r"),
    "replay_rollout": lambda c: c.rollouts.replay("r"),
    "cancel_rollout": lambda c: c.rollouts.cancel("r"),
    "stream_rollout_events": lambda c: list(c.rollouts.events("r", auto_reconnect=False)),
    "list_rollout_artifacts": lambda c: c.rollouts.artifacts("r"),
    "download_rollout_artifacts_zip": lambda c: c.rollouts.download_zip("r"),
    "fetch_rollout_artifact": lambda c: c.rollouts.fetch_artifact("r", "out/a.txt"),
    "list_pools": lambda c: c.pools.list(),
    "create_pool": lambda c: c.pools.create({"pool_id": "p", "pool_type": "openenv"}),
    "get_pool": lambda c: c.pools.get("p"),
    "replace_pool": lambda c: c.pools.update("p", {"pool_type": "openenv", "concurrency": 2}),
    "update_pool": lambda c: c.pools.update("p", {"concurrency": 2}),
    "delete_pool": lambda c: c.pools.delete("p"),
    "get_pool_urls": lambda c: c.pools.urls("p"),
    "get_pool_metrics": lambda c: c.pools.metrics("p"),
    "list_pool_tasks": lambda c: c.pools.tasks.list("p"),
    "create_pool_task": lambda c: c.pools.tasks.create("p", sp.PoolTask.from_openenv("t", "https://x")),
    "replace_pool_task": lambda c: c.pools.tasks.update("p", "t", {"backend": "openenv"}),
    "patch_pool_task": lambda c: c.pools.tasks.update("p", "t", {"env_vars": {"A": "1"}}),
    "delete_pool_task": lambda c: c.pools.tasks.delete("p", "t"),
    "store_credential": lambda c: c.credentials.store(
        credential_name="n", credential_type="api_key", credential_value="v"
    ),
    "list_credentials": lambda c: c.credentials.list(),
    "rotate_credential": lambda c: c.credentials.rotate("c", new_value="v2"),
    "delete_credential": lambda c: c.credentials.delete("c"),
    "get_capabilities": lambda c: c.capabilities.get(),
    "get_openapi_schema": lambda c: c.capabilities.openapi_schema(),
    "get_schema_json": lambda c: c.capabilities.schema_json(),
    "get_queue_status": lambda c: c.capabilities.queue_status(),
    "get_me": lambda c: c.account.me(),
}


def _matches(template: str, path: str) -> bool:
    pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+(?:/[^/]+)*?", re.escape(template))
    return re.fullmatch(pattern, path) is not None


@pytest.mark.parametrize("operation_id", sorted(ENV_POOLS_CALLS))
def test_env_pools_operation_is_reached_by_its_public_method(operation_id: str) -> None:
    method, template = _spec_operations()[operation_id]
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path.endswith("/events"):
            end = b'id: 1\nevent: lifecycle\ndata: {"status": "succeeded"}\n\n'
            return httpx.Response(200, content=end, headers={"content-type": "text/event-stream"})
        body: Any = {"items": [{"rollout_id": "r"}], "rollout_id": "r", "status": "queued"}
        return httpx.Response(200, json=body)

    client, _ = sync_client(handler)
    ENV_POOLS_CALLS[operation_id](client)
    assert len(sent) == 1
    assert sent[0].method == method
    assert _matches(template, sent[0].url.path), (template, sent[0].url.path)


def test_every_spec_operation_is_covered() -> None:
    """Environment-pools operations by the calls above; the container-pools ones by
    ``synth_pools.pools`` (its client module must bind them: a weaker check, owned and deepened by
    that package); any other (the real routes the SDK does not wrap: deployments, releases,
    inference, captures...) by ``client.call``, which needs the operation generated
    (``tests/core/test_generic_call.py`` sends every spec operation that way)."""
    from synth_pools._operations import operations

    ops = set(_spec_operations())
    missing = ops - set(ENV_POOLS_CALLS)
    source = (REPO / "synth_pools" / "pools" / "_async_client.py").read_text()
    bound = set(re.findall(r'(?:bind|route|RolloutEvents)\(\s*"(\w+)"', source))
    assert missing - bound <= set(operations()), sorted(missing - bound - set(operations()))


def test_task_repr_hides_environment_values() -> None:
    task = sp.PoolTask.from_docker("t", "img:1", env={"OPENAI_API_KEY": "sk-canary-1"})
    shown = repr(task) + str(task)
    assert "sk-canary-1" not in shown
    assert "OPENAI_API_KEY" in shown  # the names stay, to debug with
    assert task.to_dict()["env_vars"] == {"OPENAI_API_KEY": "sk-canary-1"}  # the request keeps them


def test_batch_over_the_specs_limit_is_refused_locally() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    limit = spec["components"]["schemas"]["BatchRolloutRequest"]["properties"]["requests"]["maxItems"]
    sent: list[httpx.Request] = []
    client = sp.EnvironmentPoolsClient(
        api_key="sk_test",
        backend_base="http://testserver",
        transport=httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, json={"items": []})),
    )
    request = {
        "task_ref": {"dataset": "d", "task_id": "t"},
        "agent": {"harness": "codex"},
        "task_app_url": "https://task-app.example.com",
        "timeouts": {"agent_sec": 60},
        "pool_id": "p",
    }
    with pytest.raises(sp.SynthPoolsValidationError) as info:
        client.rollouts.create_batch([request] * (limit + 1))
    assert info.value.field == "requests" and str(limit) in info.value.fix and sent == []
    client.rollouts.create_batch([request] * limit)
    assert len(sent) == 1
