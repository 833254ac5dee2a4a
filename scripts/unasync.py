"""Write each sync module from its async twin, so the two cannot drift (as httpcore does).

The async module is the source (``pools/_async_client.py``); the sync one (``pools/_client.py``) is
its copy with ``async``/``await`` taken away and the async names read as their sync twins
(``AsyncEventStream`` -> ``EventStream``, ``aiter_items`` -> ``iter_items`` ...), then formatted
with ruff. Edit the async module and run ``make unasync``; ``make check`` runs
``scripts/unasync.py --check``, which fails when a sync module is not what its twin gives, or when
a rule changes nothing in any async source.

A line of the async source ending in ``# async only`` is left out of the sync module, and so are
comment lines about ruff's ASYNC109 (async-only lint).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# async source -> sync module written from it
PAIRS = {
    "synth_pools/pools/_async_client.py": "synth_pools/pools/_client.py",
    "synth_pools/environment_pools/_async_client.py": "synth_pools/environment_pools/_client.py",
    "synth_pools/_async_synth_client.py": "synth_pools/_synth_client.py",
    "synth_pools/_async_base_client.py": "synth_pools/_base_client.py",
    "synth_pools/environment_pools/_async_handle.py": "synth_pools/environment_pools/_handle.py",
    "synth_pools/batch/_async_runner.py": "synth_pools/batch/_runner.py",
    "synth_pools/_async_resource.py": "synth_pools/_resource.py",
    "synth_pools/_async_downloads.py": "synth_pools/_downloads.py",
    "synth_pools/_async_events.py": "synth_pools/_events.py",
}
HEADER = "# Written by scripts/unasync.py from {source}: edit that file, then run `make unasync`.\n"

# Whole phrases first: the one place the two clients take different arguments (the async ones
# choose aiohttp or httpx; the sync ones take an httpx transport).
PHRASES = [
    (
        'async_transport: AsyncTransportKind | httpx.AsyncBaseTransport = "aiohttp"',
        "transport: httpx.BaseTransport | None = None",
    ),
    ("async_transport=async_transport", "transport=transport"),
    ("transport=async_transport", "transport=transport"),
    (
        'async_transport: ``"aiohttp"`` (default), ``"httpx"``, or an ``httpx.AsyncBaseTransport``.',
        "transport: an ``httpx.BaseTransport`` for the client (tests, proxies).",
    ),
]
# Then words, in this order.
WORDS = [
    (r"\basync def\b", "def"),
    (r"\basync (for|with)\b", r"\1"),
    (r"\bawait ", ""),
    (r"\bBaseAsyncClient\b", "BaseSyncClient"),
    (r"\bAsyncResource\b", "SyncResource"),
    (r"\bAsyncTransport\b", "SyncTransport"),
    (r"\bAsync(?=[A-Z])", ""),  # AsyncIterator, AsyncEventStream, AsyncContainerPoolsClient ...
    (r"\barun_batch\b", "run_batch"),
    (r"\badownload_to\b", "download_to"),
    (r"\b(_?)a(iter|read)(?=[_(])", r"\1\2"),  # aiter_bytes, aread(), _aiter_events, aread_event_page ...
    (r"\badeadline_scope\b", "deadline_scope"),  # the rollout handle's one async-only part
    (r"\baclose\b", "close"),
    (r"__a(enter|exit|iter|next)__", r"__\1__"),
    (r"\b_async_(\w+)", r"_\1"),  # module names: _async_client -> _client
]
_WORDS = [(re.compile(pattern), replacement) for pattern, replacement in WORDS]


def unasync(source: str, used: set[str] | None = None) -> str:
    """The sync module's text; ``used`` collects the rules (phrase, or word pattern) that changed it."""
    lines = []
    for line in source.splitlines(keepends=True):
        if line.rstrip().endswith("# async only") or (line.lstrip().startswith("#") and "ASYNC109" in line):
            continue
        for phrase, replacement in PHRASES:
            if phrase in line:
                line = line.replace(phrase, replacement)
                if used is not None:
                    used.add(phrase)
        for pattern, replacement in _WORDS:
            line, count = pattern.subn(replacement, line)
            if count and used is not None:
                used.add(pattern.pattern)
        lines.append(line)
    return "".join(lines)


def unused_rules() -> list[str]:
    """Rules that change nothing in any async source: dead weight that would hide a wrong rename
    the day a new source happens to match them, so ``--check`` fails on them."""
    used: set[str] = set()
    for source in PAIRS:
        unasync((ROOT / source).read_text(), used)
    rules = [phrase for phrase, _ in PHRASES] + [pattern for pattern, _ in WORDS]
    return [rule for rule in rules if rule not in used]


def _format(code: str, path: str) -> str:
    ruff = Path(sys.executable).with_name("ruff")
    fixed = subprocess.run(
        [str(ruff), "check", "--select", "I,F401", "--fix", "--quiet", "--stdin-filename", path, "-"],
        input=code, capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    code = fixed.stdout or code
    done = subprocess.run(
        [str(ruff), "format", "--quiet", "--stdin-filename", path, "-"],
        input=code, capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return done.stdout


def expected(source: str, target: str) -> str:
    code = unasync((ROOT / source).read_text())
    return _format(HEADER.format(source=Path(source).name) + code, target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a sync module is out of date")
    args = parser.parse_args()
    stale = []
    for source, target in PAIRS.items():
        want = expected(source, target)
        path = ROOT / target
        if path.exists() and path.read_text() == want:
            continue
        if args.check:
            stale.append(target)
        else:
            path.write_text(want)
            print(f"unasync: wrote {target} from {source}")
    if stale:
        print(
            f"unasync: {', '.join(stale)} differ from their async sources; run `make unasync`",
            file=sys.stderr,
        )
        return 1
    unused = unused_rules()
    if unused:
        print(
            f"unasync: these rules change nothing in any async source; remove them: {unused}",
            file=sys.stderr,
        )
        return 1
    if args.check:
        print(f"unasync: {len(PAIRS)} sync module(s) match their async sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
