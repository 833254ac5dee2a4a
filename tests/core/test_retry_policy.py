"""The retry policy's edges: which statuses are retried, and the caps on every wait."""

from __future__ import annotations

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import error, sync_client


def _failing(response: httpx.Response) -> tuple[object, list[int]]:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return response

    return handler, calls


@pytest.mark.parametrize(
    ("response", "retried"),
    [
        (error(408, "timeout", "slow client"), True),
        (error(409, "locked", "pool is being updated", retryable=True), True),  # a lock conflict
        (error(409, "conflict", "exists", retryable=False), False),
        (error(400, "bad", "try again later", retryable=True), True),  # the body's word wins
        (error(503, "down", "maintenance", retryable=False), False),
        (error(404, "not_found", "nope"), False),
    ],
)
def test_which_failures_are_retried(response: httpx.Response, retried: bool) -> None:
    handler, calls = _failing(response)
    client, _ = sync_client(handler, max_retries=2)  # type: ignore[arg-type]
    with pytest.raises(sp.APIStatusError):
        client.capabilities.get()
    assert len(calls) == (3 if retried else 1)


def test_waits_are_capped() -> None:
    # within the call's budget (timeout x attempts), a server asking for 10 minutes gets a minute;
    # backoff without a Retry-After stops growing at 8 s
    handler, _ = _failing(httpx.Response(503, headers={"retry-after": "600"}))
    client, sleeps = sync_client(handler, max_retries=2, timeout=1000.0)  # type: ignore[arg-type]
    with pytest.raises(sp.InternalServerError):
        client.capabilities.get()
    assert sleeps == [60.0, 60.0]
    # past the budget (30 s x 3 attempts), the call gives up at once with the server's ask on the error
    handler, _ = _failing(httpx.Response(503, headers={"retry-after": "3600"}))
    client, sleeps = sync_client(handler, max_retries=2)  # type: ignore[arg-type]
    with pytest.raises(sp.InternalServerError, match="retry after 3600s") as caught:
        client.capabilities.get()
    assert sleeps == [] and caught.value.retry_after == 3600.0
    handler, _ = _failing(httpx.Response(502))
    client, sleeps = sync_client(handler, max_retries=8)  # type: ignore[arg-type]
    with pytest.raises(sp.InternalServerError):
        client.capabilities.get()
    assert len(sleeps) == 8 and max(sleeps) <= 8.0 and sleeps[-1] >= 6.0


def test_backend_base_from_either_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYNTH_BACKEND_URL", raising=False)
    monkeypatch.setenv("SYNTH_BACKEND_BASE", "https://pools.example.com/api")
    client = sp.EnvironmentPoolsClient(api_key="sk_test")
    assert client.base_url == "https://pools.example.com"
    monkeypatch.setenv("SYNTH_BACKEND_URL", "https://other.example.com")
    assert sp.EnvironmentPoolsClient(api_key="sk_test").base_url == "https://other.example.com"


def test_handle_repr_shows_no_key() -> None:
    handler, _ = _failing(httpx.Response(200, json={"rollout_id": "ro_1", "status": "queued"}))
    client, _ = sync_client(handler)  # type: ignore[arg-type]
    handle = client.rollouts.handle("ro_1")
    handle.get()
    assert repr(handle) == "RolloutHandle(rollout_id='ro_1', status='queued')"


@pytest.mark.parametrize("status", [400, 404, 408, 409, 422, 429, 500, 502, 503, 520])
def test_a_stream_reconnects_on_exactly_what_a_request_retries(status: int) -> None:
    # one list of statuses (_retry.retryable_status): a 409 lock conflict used to be retried by
    # requests but end an event stream
    handler, calls = _failing(error(status, "some_code", "some message"))
    client, _ = sync_client(handler, max_retries=1)  # type: ignore[arg-type]
    with pytest.raises(sp.APIStatusError):
        client.rollouts.get("ro_1")
    request_retried = len(calls) == 2
    handler, calls = _failing(error(status, "some_code", "some message"))
    client, _ = sync_client(handler)  # type: ignore[arg-type]
    with pytest.raises((sp.APIStatusError, sp.APIConnectionError)):
        list(client.rollouts.events("ro_1", max_retries=1))
    stream_reconnected = len(calls) == 2
    assert stream_reconnected == request_retried
