"""Secret canary: a canary API key and canary credential values, DEBUG logging everywhere.

An end-to-end run (credential stored and rotated, pool + task using it through ``credential_env``,
rollouts created, streamed, downloaded, bundled, replayed, cancelled; errors provoked: 401 with a
second canary key, 404, 422) must never put a canary into: SDK/httpx/httpcore logs, the server's
log output (run at ``--log-level debug``), ``repr``/``str`` of any object the SDK hands back,
exception messages, support bundles, downloaded artifacts, or any file in the server's data dir
except the credential store itself (``credentials.sqlite*``).
"""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

import pytest

from synth_pools import EnvironmentPoolsClient, SynthPoolsError
from synth_pools_server.launcher import start_backend

Figures = Any


def test_canaries_never_leak(tmp_path: Path, caplog: pytest.LogCaptureFixture, figures: Figures) -> None:
    key = f"sk_canary_{secrets.token_hex(12)}"
    wrong_key = f"sk_canary_wrong_{secrets.token_hex(12)}"
    value = f"cv_canary_{secrets.token_hex(12)}"
    rotated = f"cv_canary_rotated_{secrets.token_hex(12)}"
    canaries = [key, wrong_key, value, rotated]

    caplog.set_level(logging.DEBUG)  # root: synth_pools, httpx, httpcore, hpack...
    shown: list[str] = []  # repr/str of everything the SDK handed back or raised

    def show(obj: Any) -> None:
        shown.append(repr(obj))
        shown.append(str(obj))

    data_dir = tmp_path / "data"
    with start_backend(data_dir, keys={key: "pro"}, log_level="debug") as backend:
        with EnvironmentPoolsClient(api_key=key, backend_base=backend.base_url, max_retries=1) as client:
            show(client)
            cred = client.credentials.store(
                credential_name="canary_token", credential_type="api_key", credential_value=value
            )
            show(cred)
            show(client.credentials.rotate(cred["credential_id"], new_value=rotated))
            show(client.credentials.list())
            pool = client.pools.create(
                {
                    "pool_id": "canary-pool",
                    "pool_type": "sandbox",
                    "tasks": [
                        {
                            "task_id": "uses-secret",
                            "backend": "local",
                            "run": {
                                "command": 'test -n "$CANARY_TOKEN" && echo has-token && echo out > result.txt',
                                "verifier": "echo 1",
                                "credential_env": {"CANARY_TOKEN": "canary_token"},
                            },
                        }
                    ],
                }
            )
            show(pool)
            request = {
                "pool_id": "canary-pool",
                "task_ref": {"dataset": "canary", "task_id": "uses-secret"},
                "agent": {"harness": "claude-code"},
                "task_app_url": "http://127.0.0.1:1/unused",
                "metadata": {"note": "no secrets here"},
                "timeouts": {"agent_sec": 120, "verifier_sec": 60},
            }
            handle = client.rollouts.create(request)
            show(handle)
            events = list(client.rollouts.events(handle.id))
            show(events)
            lines = [e["data"].get("line") for e in events if e["event"] == "agent"]
            assert "has-token" in lines, "the credential was not injected: the canary run proves nothing"
            for call in (
                lambda: client.rollouts.get(handle.id),
                lambda: client.rollouts.summary(handle.id),
                lambda: client.rollouts.usage(handle.id),
                lambda: client.rollouts.artifacts(handle.id),
                lambda: client.rollouts.support_bundle(handle.id),
                lambda: client.rollouts.download_zip(handle.id),
                lambda: client.rollouts.fetch_artifact(handle.id, "result.txt"),
                lambda: client.rollouts.replay(handle.id),
                lambda: client.rollouts.list(),
                lambda: client.me(),
            ):
                show(call())
            for bad in (
                lambda: client.rollouts.get("ro_does_not_exist"),
                lambda: client.rollouts.create(
                    {**request, "agent": {"harness": "claude-code", "model_id": 5}}
                ),
                lambda: client.pools.get("no-such-pool"),
            ):
                with pytest.raises(SynthPoolsError) as info:
                    bad()
                show(info.value)
                show(info.value.args)
        with EnvironmentPoolsClient(
            api_key=wrong_key, backend_base=backend.base_url, max_retries=0
        ) as intruder:
            show(intruder)
            with pytest.raises(SynthPoolsError) as info:
                intruder.rollouts.list()
            show(info.value)
            show(getattr(info.value, "body", None))
        server_log = "".join(backend.output)

    stored_files = [
        p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith("credentials.sqlite")
    ]
    assert any(p.name.startswith("credentials.sqlite") for p in data_dir.rglob("*")), (
        "where did the store go?"
    )
    places: dict[str, str] = {
        "sdk/httpx logs": caplog.text,
        "server log": server_log,
        "repr/str/exceptions/bundles": "\n".join(shown),
    }
    blobs = {str(p.relative_to(data_dir)): p.read_bytes() for p in stored_files}
    hits = [(where, canary) for where, text in places.items() for canary in canaries if canary in text] + [
        (where, canary) for where, blob in blobs.items() for canary in canaries if canary.encode() in blob
    ]
    figures("canary", hits=len(hits), places=len(places) + len(blobs), log_lines=caplog.text.count("\n"))
    assert len(server_log) > 0 and caplog.text.count("\n") > 10, "DEBUG logging was not on"
    assert hits == [], hits


def test_canaries_never_leak_through_the_real_services_shapes(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real service's credential routes (bare-array list, 204 delete, CredentialResponse) and
    its FastAPI 422s, which echo the refused input (the whole body, value included)."""
    from synth_pools.cli import main
    from tests.support.strict_double import StrictDouble

    value = f"cv_canary_{secrets.token_hex(12)}"
    rotated = f"cv_canary_rotated_{secrets.token_hex(12)}"
    caplog.set_level(logging.DEBUG)
    shown: list[str] = []
    with StrictDouble() as double:
        canaries = [double.api_key, value, rotated]
        with EnvironmentPoolsClient(api_key=double.api_key, backend_base=double.base_url) as client:
            for refused in (
                lambda: client.credentials.store(
                    credential_name="n" * 200, credential_type="api_key", credential_value=value
                ),
                lambda: client.credentials.store(
                    credential_name="n", credential_type="nope", credential_value=value
                ),
            ):
                with pytest.raises(SynthPoolsError) as info:
                    refused()
                shown += [repr(info.value), str(info.value), repr(getattr(info.value, "body", None))]
                shown.append(repr(getattr(info.value, "details", None)))
            stored = client.credentials.store(
                credential_name="canary", credential_type="API_KEY", credential_value=value
            )
            shown += [repr(stored), repr(client.credentials.rotate(stored["id"], new_value=rotated))]
            shown += [repr(client.credentials.list()), repr(client.check_plan())]
            client.credentials.delete(stored["id"])
        assert double.sent("POST", "/api/v1/credentials")[0]["credential_value"] == value, "nothing was sent"
        code = main(["--backend-base", double.base_url, "--api-key", double.api_key, "credentials", "list"])
        out, err = capsys.readouterr()
    assert code == 0 and "canary" in out
    places = {"sdk/httpx logs": caplog.text, "repr/str/errors": "\n".join(shown), "cli": out + err}
    assert [(where, c) for where, text in places.items() for c in canaries if c in text] == []
