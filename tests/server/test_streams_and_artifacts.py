"""SSE resume and volume, artifact Range requests, path safety, and a large zip streamed."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.server.helpers import client, command_task, events, finish, make_pool, rollout_body, start
from tests.support.backend import LocalBackend

ZIP_MIB = int(os.environ.get("SYNTH_TEST_ZIP_MIB", "64"))


def test_sse_resume_with_after_sequence_last_event_id_cursor_and_limit(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("seq 1 3000")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        full = events(c, rid)
        total = len(full)
        assert [e["seq"] for e in full] == list(range(1, total + 1))
        # pages of 1000 resumed by after_sequence (the real service's key), then by the extensions:
        # Last-Event-ID (an id), cursor (a bare seq), then after_sequence to the end
        first = events(c, rid, limit=1000)
        assert len(first) == 1000
        second = events(c, rid, last_event_id=first[-1]["id"], limit=1000)
        third = events(c, rid, cursor=str(second[-1]["seq"]), limit=500)
        rest = events(c, rid, after_sequence=third[-1]["seq"])
        got = [e["seq"] for e in first + second + third + rest]
        assert got == list(range(1, total + 1))
        assert rest[-1]["data"]["status"] == "completed"


def test_sse_sends_retry_and_heartbeats_while_idle(tmp_path: Path) -> None:
    from tests.support.backend import start_backend

    with start_backend(tmp_path, extra_args=["--heartbeat-sec", "0.2"]) as b, client(b) as c:
        pool = make_pool(c, [command_task("sleep 2; echo late")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        seen: list[str] = []
        with c.stream("GET", f"/v1/rollouts/{rid}/events") as r:
            for line in r.iter_lines():
                seen.append(line)
        assert seen[0] == "retry: 1000"
        beats = [json.loads(s[6:]) for s in seen if s.startswith("data: ") and '"heartbeat"' in s[:30]]
        assert beats and all(set(hb) == {"event", "timestamp"} for hb in beats)
        assert "event: heartbeat" in seen


def test_hundred_thousand_events_stream(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("seq 1 100000")])
        rid = start(c, rollout_body(pool))["rollout_id"]
        finish(c, rid)
        started = time.perf_counter()
        evs = events(c, rid)
        elapsed = time.perf_counter() - started
        lines = [e for e in evs if e["data"].get("type") == "tool_output"]
        assert len(lines) == 100_000 and lines[-1]["data"]["line"] == "100000"
        print(f"\nreplayed {len(evs)} stored events in {elapsed:.2f}s = {len(evs) / elapsed:,.0f} events/s")


def test_range_requests(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("printf 0123456789 > digits.txt")])
        rid = finish(c, start(c, rollout_body(pool))["rollout_id"])["rollout_id"]
        url = f"/v1/rollouts/{rid}/artifacts/digits.txt"
        whole = c.get(url)
        assert (
            whole.status_code == 200
            and whole.content == b"0123456789"
            and whole.headers["accept-ranges"] == "bytes"
        )
        for rng, body, content_range in (
            ("bytes=2-4", b"234", "bytes 2-4/10"),
            ("bytes=7-", b"789", "bytes 7-9/10"),
            ("bytes=-3", b"789", "bytes 7-9/10"),
            ("bytes=8-100", b"89", "bytes 8-9/10"),
        ):
            r = c.get(url, headers={"Range": rng})
            assert r.status_code == 206 and r.content == body and r.headers["content-range"] == content_range
        r = c.get(url, headers={"Range": "bytes=10-"})
        assert r.status_code == 416 and r.headers["content-range"] == "bytes */10"
        assert r.json()["error"]["code"] == "range_not_satisfiable"
        manifest = c.get(f"/v1/rollouts/{rid}/artifacts", params={"prefix": "digits"}).json()
        assert [a["path"] for a in manifest["artifacts"]] == ["digits.txt"]
        assert (
            manifest["artifacts"][0]["sha256"]
            == "84d89877f0d4041efb6bf91a16f0248f2fd573e6af05c19f96bedb9f882f7882"
        )
        page = c.get(f"/v1/rollouts/{rid}/artifacts", params={"limit": 1}).json()
        nxt = c.get(
            f"/v1/rollouts/{rid}/artifacts", params={"limit": 1, "cursor": page["next_cursor"]}
        ).json()
        assert page["artifacts"][0]["path"] < nxt["artifacts"][0]["path"]


def test_artifact_paths_cannot_escape(backend: LocalBackend) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task("echo hi > ok.txt; ln -s /etc/passwd link.txt; ln -s .. up")])
        rid = finish(c, start(c, rollout_body(pool))["rollout_id"])["rollout_id"]
        paths = [a["path"] for a in c.get(f"/v1/rollouts/{rid}/artifacts").json()["artifacts"]]
        assert "ok.txt" in paths and "link.txt" not in paths
        base = f"{backend.base_url}/v1/rollouts/{rid}/artifacts/"
        for raw in (
            "link.txt",
            "..%2F..%2F..%2Fstate.sqlite",
            "%2Fetc%2Fpasswd",
            "up%2Fstate.sqlite",
            "..%2Fwork%2Fok.txt",
        ):
            r = httpx.get(base + raw, headers=backend.headers())
            assert r.status_code == 404, raw
        # the spec allows any non-empty path: a newline is a name no artifact has (404), not the
        # empty string a `.*` route once read it as (422), nor 'ok.txt' read from 'ok.txt\n'
        for raw in ("%0A", "ok.txt%0A", "%0Aok.txt"):
            r = httpx.get(base + raw, headers=backend.headers())
            assert r.status_code == 404, (raw, r.text)
            assert repr(raw.replace("%0A", "\n")) in r.json()["error"]["message"], r.text


@pytest.mark.parametrize("mib", [ZIP_MIB])
def test_large_artifact_zip_streams(backend: LocalBackend, tmp_path: Path, mib: int) -> None:
    with client(backend) as c:
        pool = make_pool(c, [command_task(f"head -c {mib}M /dev/urandom > big.bin; echo small > small.txt")])
        rid = finish(c, start(c, rollout_body(pool))["rollout_id"])["rollout_id"]
        arts = {a["path"]: a for a in c.get(f"/v1/rollouts/{rid}/artifacts").json()["artifacts"]}
        assert arts["big.bin"]["size_bytes"] == mib * 1024 * 1024
        rss_before = _rss_kib(backend.pid)
        target = tmp_path / "a.zip"
        with c.stream("GET", f"/v1/rollouts/{rid}/artifacts.zip") as r, target.open("wb") as f:
            assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
            for chunk in r.iter_bytes():
                f.write(chunk)
        growth_mib = (_rss_kib(backend.pid) - rss_before) / 1024
        print(
            f"\nzip of a {mib} MiB artifact: server RSS {rss_before / 1024:.0f} MiB -> +{growth_mib:.1f} MiB"
        )
        with zipfile.ZipFile(target) as zf:
            assert zf.testzip() is None
            assert zf.getinfo("big.bin").file_size == mib * 1024 * 1024
            assert zf.read("small.txt") == b"small\n"
        assert growth_mib < max(32, mib / 2), f"server RSS grew {growth_mib:.0f} MiB for a {mib} MiB zip"


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
