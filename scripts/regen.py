"""Regenerate `generated/` from the checked-in spec, optionally refreshing the spec first.

python scripts/regen.py                      # delete generated/, generate from openapi/
python scripts/regen.py --spec-url URL       # refresh openapi/ from a running backend, then generate
python scripts/regen.py --check              # fail when generated/ differs from a fresh generation
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi" / "synth-pools.yaml"
CONFIG = ROOT / "openapi" / "generator-config.yaml"
# Our templates over the pinned generator's own (models/__init__.py imports models lazily).
TEMPLATES = ROOT / "openapi" / "templates"
OUTPUT = ROOT / "generated"
# What the installed packages carry (symlinks in the checkout, real files in the wheel and sdist):
# the backend's spec and the SDK's view of generated/.
SHIPPED = {
    ROOT / "synth_pools_server" / "synth-pools.yaml": SPEC,
    ROOT / "synth_pools" / "_generated": OUTPUT,
}
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class _PlainDumper(yaml.SafeDumper):
    """Writes shared sub-objects out in full: anchors and aliases would hide what a route accepts."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_normalised(spec: dict[str, Any]) -> str:
    """The one textual form of the spec: sorted keys, no aliases, so a refresh diffs cleanly."""
    return yaml.dump(spec, Dumper=_PlainDumper, sort_keys=True, allow_unicode=True, width=1000)


def fetch_spec(base_url: str, api_key: str | None) -> dict[str, Any]:
    """Fetch through the SDK; fall back to plain HTTP when the SDK cannot import (mid-upgrade)."""
    try:
        from synth_pools import get_openapi_schema

        return get_openapi_schema(backend_base=base_url, api_key=api_key)
    except ImportError as exc:
        print(f"regen: SDK not importable ({exc}); fetching the spec over plain HTTP", file=sys.stderr)
    url = base_url.rstrip("/") + "/v1/openapi.json"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    with urllib.request.urlopen(request, timeout=30) as response:
        loaded: dict[str, Any] = json.load(response)
        return loaded


def operations(spec: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                found[op.get("operationId", f"{method} {path}")] = f"{method.upper()} {path}"
    return found


def summarise(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    old_ops, new_ops = operations(old), operations(new)
    lines += [f"+ operation {name} ({new_ops[name]})" for name in sorted(new_ops.keys() - old_ops.keys())]
    lines += [f"- operation {name} ({old_ops[name]})" for name in sorted(old_ops.keys() - new_ops.keys())]
    lines += [
        f"~ operation {name}"
        for name in sorted(old_ops.keys() & new_ops.keys())
        if old_ops[name] != new_ops[name]
    ]
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    lines += [f"+ schema {name}" for name in sorted(new_schemas.keys() - old_schemas.keys())]
    lines += [f"- schema {name}" for name in sorted(old_schemas.keys() - new_schemas.keys())]
    lines += [
        f"~ schema {name}"
        for name in sorted(old_schemas.keys() & new_schemas.keys())
        if old_schemas[name] != new_schemas[name]
    ]
    return lines


def refresh(base_url: str, api_key: str | None, spec: Path = SPEC) -> None:
    new = fetch_spec(base_url, api_key)
    old = yaml.safe_load(spec.read_text()) if spec.exists() else {}
    spec.write_text(dump_normalised(new))
    changes = summarise(old, new)
    print(f"regen: spec refreshed from {base_url}: {len(changes)} change(s)")
    for line in changes:
        print("  " + line)


def generate(into: Path, spec: Path = SPEC) -> None:
    if into.exists():
        shutil.rmtree(into)  # --overwrite would leave files of removed operations behind
    env = dict(os.environ)
    # the generator's post hooks call ruff: use the one pinned in this environment
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    command = [
        str(Path(sys.executable).parent / "openapi-python-client"), "generate",
        "--path", str(spec), "--meta", "none", "--config", str(CONFIG),
        "--output-path", str(into), "--fail-on-warning", "--custom-template-path", str(TEMPLATES),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=into.parent, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"regen: openapi-python-client failed:\n{result.stdout}\n{result.stderr}")


def differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [f"only in {left.name}: {name}" for name in comparison.left_only]
    found += [f"only in fresh generation: {name}" for name in comparison.right_only]
    found += [f"differs: {name}" for name in comparison.diff_files]
    for sub in comparison.common_dirs:
        found += [f"{sub}/{line}" for line in differences(left / sub, right / sub)]
    return found


def shipped_drift() -> list[str]:
    """Each shipped path must still be its source (a symlink replaced by a stale copy drifts)."""
    found = []
    for shipped, source in SHIPPED.items():
        name = shipped.relative_to(ROOT)
        if not shipped.exists():
            found.append(f"{name} is missing (a symlink to {source.relative_to(ROOT)})")
        elif shipped.resolve() != source.resolve() and (
            shipped.is_dir() or shipped.read_bytes() != source.read_bytes()
        ):
            found.append(f"{name} is not {source.relative_to(ROOT)}")
    return found


def check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(fresh)
        drift = differences(OUTPUT, fresh) if OUTPUT.exists() else ["generated/ is missing"]
    drift += shipped_drift()
    if drift:
        print("regen: generated/ drifted from openapi/ (run `make regen`):")
        for line in drift:
            print("  " + line)
        return 1
    print("regen: generated/ matches openapi/")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec-url", help="base URL of a running backend to refresh the spec from")
    parser.add_argument(
        "--api-key", default=os.environ.get("SYNTH_API_KEY"), help="defaults to $SYNTH_API_KEY"
    )
    parser.add_argument("--check", action="store_true", help="only report drift; change nothing")
    parser.add_argument("--spec", type=Path, default=SPEC, help=argparse.SUPPRESS)  # tests work on copies
    parser.add_argument("--output", type=Path, default=OUTPUT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check:
        return check()
    if args.spec_url:
        refresh(args.spec_url, args.api_key, args.spec)
    generate(args.output, spec=args.spec)
    print(f"regen: {args.output.name}/ rebuilt from {args.spec.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
