"""The rollout handle's methods that are the rollouts namespace's own with the rollout id bound
(``_handle_base.for_this_rollout``): on the class and on a handle they read as the namespace
method less ``rollout_id`` (signature, docstring, coroutine or not), mypy types them so, and over
real HTTP each sends exactly the requests the namespace method sends for that id."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

import synth_pools.environment_pools as ep
from tests.support.backend import LocalBackend
from tests.support.faultproxy import FaultProxy
from tests.support.rollout_requests import rollout_request

REPO = Path(__file__).resolve().parents[2]

# handle method -> the rollouts-namespace method it is
BOUND = {
    "summary": "summary",
    "events": "events",
    "artifacts": "artifacts",
    "download_zip": "download_zip",
    "support_bundle": "support_bundle",
    "replay": "replay",
    "usage": "usage",
    "to_atif": "export_trajectory",
}
# the handle's own methods: they refresh its data (get, cancel) or wait, or keep the reference
# document's name for an argument (download(path), the namespace's fetch_artifact(artifact_path))
OWN = {"get", "wait", "cancel", "download"}
# handle method -> the namespace method that sends the same request
SENDS = {**BOUND, "download": "fetch_artifact"}
TWINS = [
    (ep.RolloutHandle, ep.EnvironmentPoolsClient),
    (ep.AsyncRolloutHandle, ep.AsyncEnvironmentPoolsClient),
]
RUN = {
    "command": "mkdir -p out; echo result > out/result.txt; echo second > out/two.txt",
    "verifier": "echo 1",
}


def _without_rollout_id(signature: inspect.Signature, first: int) -> inspect.Signature:
    params = list(signature.parameters.values())
    assert params[first].name == "rollout_id"
    return signature.replace(parameters=params[:first] + params[first + 1 :])


@pytest.mark.parametrize("name", sorted(BOUND))
@pytest.mark.parametrize(("handle_cls", "client_cls"), TWINS, ids=["sync", "async"])
def test_a_bound_method_is_the_namespace_method_less_rollout_id(
    handle_cls: type[Any], client_cls: type[Any], name: str
) -> None:
    # a client that sends nothing here (nothing listens on port 9)
    namespace = client_cls(api_key="sk_test_handle", backend_base="http://127.0.0.1:9").rollouts
    namespace_cls = type(namespace)
    on_class, target = getattr(handle_cls, name), getattr(namespace_cls, BOUND[name])
    # on the class (what help(), inspect and test_twins read): self, then the namespace's parameters
    # after rollout_id
    assert inspect.signature(on_class) == _without_rollout_id(inspect.signature(target), 1)
    assert on_class.__doc__ and on_class.__doc__ == target.__doc__
    assert (on_class.__name__, on_class.__qualname__) == (name, f"{handle_cls.__name__}.{name}")
    assert on_class.__module__ == handle_cls.__module__
    # async: a coroutine function but for events, which returns a stream; sync: never
    is_async = handle_cls is ep.AsyncRolloutHandle
    assert inspect.iscoroutinefunction(on_class) is (is_async and name != "events")
    assert inspect.iscoroutinefunction(on_class) is inspect.iscoroutinefunction(target)

    # on a handle: the namespace's bound method less rollout_id
    handle = namespace.handle("ro_1")
    assert type(handle) is handle_cls
    on_handle = getattr(handle, name)
    assert inspect.signature(on_handle) == _without_rollout_id(
        inspect.signature(getattr(namespace, BOUND[name])), 0
    )
    assert on_handle.__self__ is handle and on_handle.__doc__ == target.__doc__


@pytest.mark.parametrize("handle_cls", [ep.RolloutHandle, ep.AsyncRolloutHandle])
def test_every_public_handle_method_is_bound_or_the_handles_own(handle_cls: type[Any]) -> None:
    # a new forwarding method must be bound, not written out again
    methods = {
        n for n in dir(handle_cls) if not n.startswith("_") and inspect.isfunction(getattr(handle_cls, n))
    }
    assert methods == set(BOUND) | OWN
    # each a plain function on the class, wrapping the namespace method it is
    namespace_cls = type(
        dict(TWINS)[handle_cls](api_key="sk_test_handle", backend_base="http://127.0.0.1:9").rollouts
    )
    assert all(vars(handle_cls)[n].__wrapped__ is vars(namespace_cls)[BOUND[n]] for n in BOUND)


def test_mypy_types_a_bound_method_with_the_namespace_parameters(tmp_path: Path) -> None:
    snippet = tmp_path / "uses_handles.py"
    snippet.write_text(
        "from typing import reveal_type\n"
        "from synth_pools import AsyncRolloutHandle, RolloutHandle\n"
        "async def a(h: AsyncRolloutHandle) -> None:\n"
        "    reveal_type(h.events)\n"  # line 4
        "    h.events(bogus=1)\n"
        "    reveal_type(await h.summary(timeout=1.0))\n"
        "    reveal_type(await h.replay(overrides={}))\n"
        "def s(h: RolloutHandle) -> None:\n"
        "    reveal_type(h.events(cursor='x'))\n"  # line 9
        "    h.events(bogus=1)\n"
        "    h.usage('ro_1')\n"
        "    reveal_type(h.download('out.txt', 'dest.txt', timeout=5))\n"
    )
    # the repository's cache (warm after `make typecheck`) keeps this under a second
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(REPO / ".mypy_cache"), str(snippet)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    lines: dict[int, list[str]] = {}
    for line, message in re.findall(r"uses_handles\.py:(\d+): (.*)", done.stdout):
        lines.setdefault(int(line), []).append(message)
    said = {n: "\n".join(messages) for n, messages in lines.items()}
    assert said[4].startswith('note: Revealed type is "def (*, cursor: str | None =, since: str | None =')
    assert said[4].endswith('-> synth_pools._sse.AsyncEventStream"')
    assert said[5] == 'error: Unexpected keyword argument "bogus"  [call-arg]'
    assert said[6] == 'note: Revealed type is "dict[str, Any]"'
    assert (
        said[7] == 'note: Revealed type is "synth_pools.environment_pools._async_handle.AsyncRolloutHandle"'
    )
    assert said[9] == 'note: Revealed type is "synth_pools._sse.EventStream"'
    assert said[10] == 'error: Unexpected keyword argument "bogus"  [call-arg]'
    assert said[11].startswith("error: Too many positional arguments  [call-arg]")  # usage takes no id
    assert said[12] == 'note: Revealed type is "Any"'  # download(path, dest) by position type-checks
    assert sorted(said) == [4, 5, 6, 7, 9, 10, 11, 12], done.stdout


# (handle method, positional arguments, keyword arguments): every bound method, the options the
# handle gained (timeout=) and dest given by position
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("summary", (), {"timeout": 30}),
    ("usage", (), {"timeout": 30}),
    ("support_bundle", (), {"timeout": 30}),
    ("events", (), {"cursor": "1", "limit": 2}),
    ("artifacts", (), {"prefix": "out/", "limit": 1}),
    ("download", ("out/result.txt",), {}),
    ("download", ("out/result.txt", "DEST"), {"timeout": 30}),
    ("download_zip", (), {"prefix": "out/"}),
    ("download_zip", ("DEST",), {}),
    ("replay", (), {"metadata": {"why": "test"}, "idempotency_key": "KEY"}),
    ("to_atif", (), {}),
]


def _wire(proxy: FaultProxy, since: int) -> list[tuple[str, str, bytes, str | None]]:
    return [(s.method, s.path, s.body, s.headers.get("idempotency-key")) for s in proxy.seen[since:]]


def _arguments(
    args: tuple[Any, ...], kwargs: dict[str, Any], dest: Path, key: str
) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The call's arguments with the placeholders filled: DEST a file of this side's, KEY a fresh key."""
    fill: dict[Any, Any] = {"DEST": dest, "KEY": key}

    def filled(value: Any) -> Any:
        return fill.get(value, value) if isinstance(value, str) else value

    return tuple(map(filled, args)), {k: filled(v) for k, v in kwargs.items()}


def _pool(client: ep.EnvironmentPoolsClient) -> tuple[str, str]:
    pool_id, task_id = f"hpool-{uuid.uuid4().hex[:8]}", f"htask-{uuid.uuid4().hex[:8]}"
    client.pools.create({"pool_id": pool_id, "pool_type": "sandbox", "concurrency": 4})
    client.pools.tasks.create(pool_id, {"task_id": task_id, "backend": "harbor", "run": RUN})
    return pool_id, task_id


def test_a_sync_handle_sends_what_the_namespace_sends(
    backend: LocalBackend, proxy: FaultProxy, tmp_path: Path
) -> None:
    with ep.EnvironmentPoolsClient(api_key=backend.api_key, backend_base=proxy.url) as client:
        handle = client.rollouts.create(rollout_request(*_pool(client)))
        assert handle.wait(timeout=60)["status"] == "completed"
        for i, (name, args, kwargs) in enumerate(CALLS):
            key = f"replay-{uuid.uuid4().hex[:8]}"
            answers, wires = [], []
            for side in ("handle", "namespace"):
                a, k = _arguments(args, kwargs, tmp_path / f"{i}-{side}", key)
                since = len(proxy.seen)
                if side == "handle":
                    answer = getattr(handle, name)(*a, **k)
                else:
                    answer = getattr(client.rollouts, SENDS[name])(handle.rollout_id, *a, **k)
                if name == "events":
                    with answer as stream:
                        answer = [event["seq"] for event in stream]
                answers.append(answer)
                wires.append(_wire(proxy, since))
            assert wires[0] == wires[1] and wires[0], name
            if name in ("events", "artifacts", "download", "usage", "to_atif"):
                assert answers[0] == answers[1], name
        # the answers are the real ones: two events after seq 1, the artifact's bytes, a streamed copy
        assert [e["seq"] for e in handle.events(cursor="1", limit=2)] == [2, 3]
        assert handle.download("out/result.txt") == b"result\n"
        assert (tmp_path / "6-handle").read_bytes() == b"result\n"
        assert handle.replay()["status"] in ("queued", "running", "completed")


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_an_async_handle_sends_what_the_namespace_sends(
    backend: LocalBackend, proxy: FaultProxy, tmp_path: Path, transport: str
) -> None:
    with ep.EnvironmentPoolsClient(api_key=backend.api_key, backend_base=backend.base_url) as setup:
        request = rollout_request(*_pool(setup))
    async with ep.AsyncEnvironmentPoolsClient(
        api_key=backend.api_key,
        backend_base=proxy.url,
        async_transport=transport,  # type: ignore[arg-type]
    ) as client:
        handle = await client.rollouts.create(request)
        assert (await handle.wait(timeout=60))["status"] == "completed"
        for i, (name, args, kwargs) in enumerate(CALLS):
            key = f"areplay-{uuid.uuid4().hex[:8]}"
            answers, wires = [], []
            for side in ("handle", "namespace"):
                a, k = _arguments(args, kwargs, tmp_path / f"{i}-{side}", key)
                since = len(proxy.seen)
                if side == "handle":
                    answer = getattr(handle, name)(*a, **k)
                else:
                    answer = getattr(client.rollouts, SENDS[name])(handle.rollout_id, *a, **k)
                if name == "events":
                    async with answer as stream:
                        answer = [event["seq"] async for event in stream]
                else:
                    answer = await answer
                answers.append(answer)
                wires.append(_wire(proxy, since))
            assert wires[0] == wires[1] and wires[0], name
            if name in ("events", "artifacts", "download", "usage", "to_atif"):
                assert answers[0] == answers[1], name
        assert isinstance(await handle.replay(), ep.AsyncRolloutHandle)
        assert (tmp_path / "8-handle").stat().st_size > 0  # download_zip(dest) by position
