"""Failure classes read from what the service says (its status and error), in the shapes seen:
the real service's error objects and strings, the local backend's status_reason texts."""

from __future__ import annotations

from typing import Any

import pytest

from synth_pools import SynthPoolsValidationError
from synth_pools.batch import RetryPolicy
from synth_pools.batch._classes import classify, retry_policy


@pytest.mark.parametrize(
    ("status", "error", "expected"),
    [
        ("completed", None, None),
        ("succeeded", None, None),
        ("cancelled", None, "cancelled"),
        ("timed_out", None, "timeout"),
        ("failed", {"code": "sandbox_lost", "message": "node went away"}, "infra"),
        ("failed", {"error_code": "image_pull_failed"}, "infra"),
        ("failed", '{"code": "internal_error", "message": "upstream 503"}', "infra"),
        ("failed", {"failure_class": "verifier"}, "verifier"),
        ("failed", "verifier crashed: reward fn raised", "verifier"),
        ("failed", "agent timed out after 300s", "timeout"),  # the local backend's text
        ("failed", "verifier timed out after 60s", "timeout"),
        ("failed", "command exited with status 1", "agent"),
        ("failed", None, "agent"),  # ran and failed, nothing else said: the agent's
        ("error", "runner error: OSError", "infra"),  # the local backend's infra status
        ("error", "task file path 'x' escapes the workdir", "infra"),
        ("completed", "tests failed", "agent"),  # completed with an error is not a success
    ],
)
def test_a_failure_class_is_read_from_status_and_error(status: str, error: Any, expected: str | None) -> None:
    assert classify(status, error) == expected


def test_retry_policies_and_their_errors() -> None:
    assert retry_policy(None) == RetryPolicy(frozenset({"infra"}), 2)
    assert retry_policy(False).wants("infra", 1) is False
    assert retry_policy(["agent", "timeout"]).wants("timeout", 1)
    assert not RetryPolicy().wants("infra", 2)  # two attempts in all
    assert not RetryPolicy().wants("agent", 1)
    with pytest.raises(SynthPoolsValidationError, match="retry"):
        retry_policy(["flaky"])
    with pytest.raises(SynthPoolsValidationError, match=r"retry\.attempts"):
        RetryPolicy(attempts=0)
