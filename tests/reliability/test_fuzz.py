"""Fuzzing the public SDK: malformed inputs and malformed responses end only in documented errors.

Inputs (wrong types, missing fields, huge strings, unicode, ids with ``/`` or ``..``) must either
work or raise a ``SynthPoolsError`` (local validation errors are ``SynthPoolsValidationError``, a
``ValueError``); responses (HTML, truncated JSON, wrong shapes, unknown enum values, statuses such
as 499/520, broken event streams) must either parse or raise a ``SynthPoolsError``. Anything else
(``KeyError``, ``AttributeError``, ``TypeError``, ``JSONDecodeError``...) is an untyped error and
fails the test. A request the SDK does send must stay on the route it was meant for: an id never
escapes its path segment.

The transport is an ``httpx.MockTransport``; ``max_retries=0`` so a case is one exchange.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth_pools import EnvironmentPoolsClient, SynthPoolsError

MAX_EXAMPLES = 150
Figures = Callable[..., None]

# ------------------------------------------------------------------------------ input strategies

weird_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["", " ", "..", ".", "/", "../x", "a/../../b", "%2e%2e", "x?y=1", "a#b", "\x00", "é/ü", "💥"]
    ),
    st.builds(lambda n: "a" * n, st.integers(100_000, 300_000)),
)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), weird_text)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
anything = st.one_of(value, st.just(object()), st.just(b"bytes"))

GOOD_REQUEST: dict[str, Any] = {
    "task_ref": {"dataset": "d", "task_id": "t"},
    "agent": {"harness": "claude-code"},
    "task_app_url": "http://127.0.0.1:1/x",
}


def mutated_request() -> st.SearchStrategy[Any]:
    """A valid rollout request with one field removed, replaced or added, or something else entirely."""

    def mutate(path: tuple[str, ...], replacement: Any, drop: bool) -> dict[str, Any]:
        doc = json.loads(json.dumps(GOOD_REQUEST))
        node = doc
        for key in path[:-1]:
            node = (
                node.setdefault(key, {}) if isinstance(node.get(key), dict) or key not in node else node[key]
            )
        if drop:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = replacement
        return doc

    paths = st.sampled_from(
        [
            ("task_ref",),
            ("task_ref", "dataset"),
            ("task_ref", "task_id"),
            ("agent",),
            ("agent", "harness"),
            ("agent", "model_id"),
            ("task_app_url",),
            ("timeouts",),
            ("timeouts", "agent_sec"),
            ("pool_id",),
            ("metadata",),
            ("environment",),
            ("priority",),
        ]
    )
    return st.one_of(st.builds(mutate, paths, value, st.booleans()), anything)


# ----------------------------------------------------------------------------- a recording mock


class Recorder:
    """Answers every request with ``respond(request)`` and keeps the requests."""

    def __init__(self, respond: Callable[[httpx.Request], httpx.Response]) -> None:
        self.respond = respond
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)


def _ok(request: httpx.Request) -> httpx.Response:
    body = {
        "rollout_id": "ro_1",
        "status": "queued",
        "items": [],
        "artifacts": [],
        "pool_id": "p",
        "credential_id": "c",
    }
    return httpx.Response(201 if request.method == "POST" else 200, json=body)


def _client(recorder: Recorder) -> EnvironmentPoolsClient:
    return EnvironmentPoolsClient(
        api_key="sk_fuzz",
        backend_base="http://fuzz.test",
        max_retries=0,
        transport=httpx.MockTransport(recorder),
    )


def _segments(request: httpx.Request) -> list[str]:
    return [unquote(s) for s in request.url.raw_path.decode("ascii").split("?", 1)[0].split("/")]


class Tally:
    def __init__(self) -> None:
        self.cases = 0
        self.untyped: list[str] = []

    def run(self, call: Callable[[], Any]) -> BaseException | None:
        self.cases += 1
        try:
            result = call()
            if hasattr(result, "__next__"):
                for _ in zip(range(50), result, strict=False):
                    pass
        except SynthPoolsError as exc:
            return exc
        except Exception as exc:
            self.untyped.append(f"{type(exc).__name__}: {str(exc)[:200]}")
            raise
        return None


@pytest.fixture(scope="module")
def tally() -> Tally:
    return Tally()


# ---------------------------------------------------------------------------------- bad inputs

ID_CALLS: dict[str, Callable[[EnvironmentPoolsClient, Any], Any]] = {
    "rollouts.get": lambda c, v: c.rollouts.get(v),
    "rollouts.cancel": lambda c, v: c.rollouts.cancel(v, reason="fuzz"),
    "rollouts.summary": lambda c, v: c.rollouts.summary(v),
    "rollouts.artifacts": lambda c, v: c.rollouts.artifacts(v),
    "rollouts.fetch_artifact": lambda c, v: c.rollouts.fetch_artifact("ro_1", v),
    "rollouts.events": lambda c, v: c.rollouts.events(v, max_retries=0),
    "pools.get": lambda c, v: c.pools.get(v),
    "pools.delete": lambda c, v: c.pools.delete(v),
    "pools.tasks.delete": lambda c, v: c.pools.tasks.delete("pool1", v),
    "credentials.delete": lambda c, v: c.credentials.delete(v),
}


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(sorted(ID_CALLS)), raw=st.one_of(weird_text, anything))
def test_bad_ids_raise_typed_errors_and_never_escape_their_path_segment(
    name: str, raw: Any, tally: Tally
) -> None:
    recorder = Recorder(_ok)
    with _client(recorder) as client:
        tally.run(lambda: ID_CALLS[name](client, raw))
    for request in recorder.requests:
        segs = _segments(request)
        assert ".." not in segs[:-1] or isinstance(raw, str), segs
        if isinstance(raw, str) and raw and request.url.host == "fuzz.test":
            if name == "rollouts.fetch_artifact":
                # an artifact path keeps its '/' separators: the segments after /artifacts/ are
                # exactly its segments (no '.' or '..' among them, or it was refused)
                tail = segs[segs.index("artifacts") + 1 :]
                assert not {".", ".."} & set(tail), (raw, request.url)
                assert "/".join(tail) in (raw.lstrip("/"), raw.strip().lstrip("/")), (raw, request.url)
            else:
                # the id is one whole segment: decoding the path gives it back, nothing resolved away
                assert raw in segs or raw.strip() in segs, (name, raw, request.url)


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(request=mutated_request())
def test_malformed_rollout_requests_raise_value_errors(request: Any, tally: Tally) -> None:
    recorder = Recorder(_ok)
    with _client(recorder) as client:
        error = tally.run(lambda: client.rollouts.create(request))
    if error is None:
        assert len(recorder.requests) == 1
    else:
        assert isinstance(error, ValueError), repr(error)  # nothing went out: a local validation error
        assert recorder.requests == []


OTHER_INPUTS: dict[str, Callable[[EnvironmentPoolsClient, Any], Any]] = {
    "rollouts.list(status)": lambda c, v: c.rollouts.list(status=v),
    "rollouts.list(limit)": lambda c, v: c.rollouts.list(limit=v),
    "rollouts.list(created_after)": lambda c, v: c.rollouts.list(created_after=v),
    "rollouts.create_batch": lambda c, v: c.rollouts.create_batch(v),
    "pools.create": lambda c, v: c.pools.create(v),
    "pools.tasks.create": lambda c, v: c.pools.tasks.create("pool1", v),
    "credentials.store(value)": lambda c, v: c.credentials.store(
        credential_name="name", credential_type="api_key", credential_value=v
    ),
    "credentials.store(name)": lambda c, v: c.credentials.store(
        credential_name=v, credential_type="api_key", credential_value="secret"
    ),
}


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(sorted(OTHER_INPUTS)), raw=anything)
def test_other_malformed_inputs_raise_typed_errors(name: str, raw: Any, tally: Tally) -> None:
    with _client(Recorder(_ok)) as client:
        tally.run(lambda: OTHER_INPUTS[name](client, raw))


# ----------------------------------------------------------------------------- bad responses

json_shapes = st.one_of(
    value,
    st.just({"rollout_id": 5, "status": {"x": 1}}),
    st.just({"rollout_id": "ro_1", "status": "brand_new_status", "kind": "quantum"}),
    st.just({"items": "nope", "next_cursor": 3}),
    st.just({"items": [1, "x", None], "next_cursor": None}),
    st.just({"artifacts": [{"path": None}], "next_cursor": "c"}),
    st.just({"error": "flat string"}),
    st.just({"error": {"code": 5, "message": ["x"], "details": "bad", "retryable": "yes"}}),
    st.just({"detail": [{"loc": ["body"], "msg": "x"}]}),
)


@st.composite
def responses(draw: st.DrawFn) -> tuple[int, dict[str, str], bytes]:
    status = draw(
        st.sampled_from(
            [200, 201, 204, 301, 400, 401, 403, 404, 409, 413, 422, 429, 499, 500, 502, 503, 520, 599]
        )
    )
    kind = draw(st.sampled_from(["json", "html", "truncated", "empty", "garbage", "sse"]))
    headers = {"content-type": "application/json"}
    if kind == "json":
        body = json.dumps(draw(json_shapes)).encode()
    elif kind == "html":
        headers["content-type"] = "text/html"
        body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    elif kind == "truncated":
        full = json.dumps({"rollout_id": "ro_1", "status": "running", "items": [{"a": 1}]}).encode()
        body = full[: draw(st.integers(1, len(full) - 1))]
    elif kind == "empty":
        body = b""
    elif kind == "garbage":
        body = draw(st.binary(max_size=64))
    else:
        headers["content-type"] = "text/event-stream"
        frames = draw(
            st.lists(
                st.sampled_from(
                    [
                        b"data: not json\n\n",
                        b'data: {"event": "agent", "seq": "x", "data": {}}\n\n',
                        b'id: r:1\nevent: agent\ndata: {"seq": 1, "event": "agent", "data": null}\n\n',
                        b'event: error\ndata: {"message": "boom"}\n\n',
                        b"retry: abc\n\n",
                        b'data: {"event": "lifecycle", "data": {"status": "succeeded"}, "seq": 9}\n\n',
                        b"\xff\xfe\n\n",
                        b": comment\n\n",
                    ]
                ),
                max_size=6,
            )
        )
        body = b"".join(frames)
    if draw(st.booleans()):
        headers["retry-after"] = draw(
            st.sampled_from(["0", "-1", "abc", "Wed, 21 Oct 2015 07:28:00 GMT", "1e9"])
        )
    return status, headers, body


RESPONSE_CALLS: dict[str, Callable[[EnvironmentPoolsClient], Any]] = {
    "rollouts.create": lambda c: c.rollouts.create(GOOD_REQUEST),
    "rollouts.get": lambda c: c.rollouts.get("ro_1"),
    "rollouts.list": lambda c: c.rollouts.list(),
    "rollouts.iter": lambda c: c.rollouts.iter(),
    "rollouts.cancel": lambda c: c.rollouts.cancel("ro_1"),
    "rollouts.usage": lambda c: c.rollouts.usage("ro_1"),
    "rollouts.artifacts": lambda c: c.rollouts.artifacts("ro_1"),
    "rollouts.fetch_artifact": lambda c: c.rollouts.fetch_artifact("ro_1", "a.txt"),
    "rollouts.download_zip": lambda c: c.rollouts.download_zip("ro_1"),
    "rollouts.events": lambda c: c.rollouts.events("ro_1", max_retries=1, backoff_base=0.0, backoff_max=0.0),
    "pools.list": lambda c: c.pools.list(),
    "pools.get": lambda c: c.pools.get("p"),
    "pools.tasks.list": lambda c: c.pools.tasks.list("p"),
    "credentials.list": lambda c: c.credentials.list(),
    "me": lambda c: c.me(),
    "check_plan": lambda c: c.check_plan(),
}


@settings(max_examples=MAX_EXAMPLES * 2, deadline=None, suppress_health_check=list(HealthCheck))
@given(name=st.sampled_from(sorted(RESPONSE_CALLS)), answer=responses())
def test_malformed_responses_raise_typed_errors(
    name: str, answer: tuple[int, dict[str, str], bytes], tally: Tally
) -> None:
    status, headers, body = answer
    recorder = Recorder(lambda _req: httpx.Response(status, headers=headers, content=body))
    with _client(recorder) as client:
        client._transport.sleep = lambda _s: None
        error = tally.run(lambda: RESPONSE_CALLS[name](client))
    if error is not None:
        assert "sk_fuzz" not in str(error)
    if status >= 400 and name != "rollouts.events":
        assert error is not None, f"{name} accepted HTTP {status}"


def test_fuzz_figures(tally: Tally, figures: Figures) -> None:
    # runs after the property tests of this module: report the totals
    figures("fuzz", cases=tally.cases, untyped=len(tally.untyped))
    assert tally.untyped == []
