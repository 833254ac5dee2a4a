"""Rebuild the spec and `generated/` from the spec's two sources; optionally refresh the upstream first.

python scripts/regen.py                  # synth-pools.yaml := apply(upstream.json, overlay.yaml); generated/ from it
python scripts/regen.py --spec-url URL   # refresh upstream.json from a backend first, report the drift
python scripts/regen.py --check          # fail when synth-pools.yaml or generated/ is not what the sources make

URL is a backend's base URL (its /v1/openapi.json is fetched), a URL of the schema itself, or a
file. No API key is sent unless one is set ($SYNTH_API_KEY or --api-key): the schema is public.

Nothing is written unless everything worked: the new files are made in a temporary copy, the SDK
must import from it, and only then are they swapped in. Exit codes:
  0  rebuilt (the drift report may list changes: none of them breaks an operation the SDK binds)
  1  refused, old files left in place: an overlay action no longer applies, a breaking change
     touches an operation the SDK binds, generation failed or the SDK does not import afterwards
  2  the schema could not be fetched
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts import drift
from scripts import spec_sources as src
from scripts.spec_sources import dump_normalised

ROOT = Path(__file__).resolve().parents[1]
SPEC = src.SPEC
CONFIG = ROOT / "openapi" / "generator-config.yaml"
# Our templates over the pinned generator's own (models/__init__.py imports models lazily).
TEMPLATES = ROOT / "openapi" / "templates"
OUTPUT = ROOT / "generated"
SDK_PACKAGES = ("synth_pools", "synth_pools_server")
# What the installed packages carry (symlinks in the checkout, real files in the wheel and sdist):
# the backend's spec and the SDK's view of generated/ (paths relative to the root).
SHIPPED = {
    Path("synth_pools_server/synth-pools.yaml"): Path("openapi/synth-pools.yaml"),
    Path("synth_pools/_generated"): Path("generated"),
}
HTTP_METHODS = src.HTTP_METHODS
# What "the SDK works" means after a rebuild: it imports, both clients construct, every operation
# it binds has its generated module (imported lazily, so an import alone would not notice), and the
# local backend reads the new spec.
SDK_SMOKE = """
import sys
import synth_pools, synth_pools.pools, synth_pools.environment_pools
from synth_pools._operations import operation
from synth_pools_server.validation import Spec
import synth_pools_server.app
synth_pools.EnvironmentPoolsClient(api_key="sk_regen_check", backend_base="http://127.0.0.1:9")
synth_pools.pools.ContainerPoolsClient(api_key="sk_regen_check", backend_base="http://127.0.0.1:9")
for operation_id in sys.argv[1:]:
    operation(operation_id).module
Spec()
"""


class Refused(Exception):
    """Regen stops here; nothing was written."""


def schema_url(spec_url: str) -> str:
    if re.search(r"\.json$|/openapi[^/]*$", spec_url):
        return spec_url
    return spec_url.rstrip("/") + "/v1/openapi.json"


def fetch_upstream(spec_url: str, api_key: str | None) -> dict[str, Any]:
    """What the backend publishes, cut to the family. Plain HTTP: it must work with a broken SDK."""
    if Path(spec_url).is_file():
        return src.family(src.load_json(Path(spec_url)))
    request = urllib.request.Request(schema_url(spec_url), headers={"Accept": "application/json"})
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            published: dict[str, Any] = json.load(response)
    except urllib.error.HTTPError as exc:
        hint = " (the server asks for an API key: set SYNTH_API_KEY)" if exc.code in (401, 403) else ""
        raise SystemExit(f"regen: {request.full_url} answered {exc.code}{hint}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise SystemExit(f"regen: could not read a schema from {request.full_url}: {exc}") from None
    return src.family(published)


def bound_operations(root: Path = ROOT) -> set[str]:
    """operationIds the SDK calls: the first argument of `bind("<operationId>", ...)` and its kin
    (any call whose first argument is a string naming an operation of the spec), plus imports of
    a generated operation module."""
    known = set(operation_ids(src.load_yaml(root / "openapi" / "synth-pools.yaml")).values())
    found: set[str] = set()
    module_re = re.compile(r"(?:^|\.)_?generated\.api\.\w+$")
    for file in (root / "synth_pools").rglob("*.py"):
        if "_generated" in file.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value in known:
                    found.add(first.value)
            elif isinstance(node, ast.ImportFrom) and node.module and module_re.search(node.module):
                found.update(alias.name for alias in node.names)
    return found


def operation_ids(spec: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (method, path): op["operationId"]
        for path, item in spec.get("paths", {}).items()
        for method, op in item.items()
        if method in HTTP_METHODS and "operationId" in op
    }


def report(changes: list[drift.Change], source: str) -> str:
    lines = [f"regen: drift of the upstream from {source}: {len(changes)} change(s)"]
    lines += ["  " + change.line() for change in changes]
    breaking = [c for c in changes if c.breaking]
    bound = [c for c in breaking if c.bound]
    if not breaking:
        lines.append("regen: no breaking change")
    else:
        lines.append(
            f"regen: {len(breaking)} breaking change(s), {len(bound)} of them on operations the SDK binds"
        )
    return "\n".join(lines)


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
        raise Refused(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")


def differences(left: Path, right: Path) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [f"only in {left.name}: {name}" for name in comparison.left_only]
    found += [f"only in fresh generation: {name}" for name in comparison.right_only]
    found += [f"differs: {name}" for name in comparison.diff_files]
    for sub in comparison.common_dirs:
        found += [f"{sub}/{line}" for line in differences(left / sub, right / sub)]
    return found


def _sdk_imports(tree: Path, bound: set[str]) -> str | None:
    """None when the SDK in `tree` imports, constructs and finds what it binds; else what went wrong."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-c", SDK_SMOKE, *sorted(bound)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return None if result.returncode == 0 else (result.stderr.strip().splitlines() or ["?"])[-1]


def rebuild(root: Path, upstream: dict[str, Any]) -> None:
    """Make the product and generated/ from `upstream`, prove the SDK imports, then swap them in."""
    openapi = root / "openapi"
    try:
        product = src.apply(upstream, src.load_yaml(openapi / "overlay.yaml"))
    except src.OverlayDoesNotApply as exc:
        raise Refused(f"{exc}; edit openapi/overlay.yaml to follow the upstream") from None
    output = root / OUTPUT.relative_to(ROOT)
    # the temporary copy sits next to the real files so that the swap is a rename
    with tempfile.TemporaryDirectory(dir=root, prefix=".regen-") as tmp:
        stage = Path(tmp)
        for package in SDK_PACKAGES:
            # symlinks kept: synth_pools/_generated points at ../generated, the staged one
            shutil.copytree(
                root / package, stage / package, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copytree(openapi, stage / "openapi")
        (stage / "openapi" / "upstream.json").write_text(src.dump_upstream(upstream), encoding="utf-8")
        (stage / "openapi" / "synth-pools.yaml").write_text(dump_normalised(product), encoding="utf-8")
        staged_output = stage / output.relative_to(root)
        generate(staged_output, spec=stage / "openapi" / "synth-pools.yaml")
        problem = _sdk_imports(stage, bound_operations(root))
        if problem:
            raise Refused(f"the SDK does not import from the rebuilt tree: {problem}")
        for name in ("upstream.json", "synth-pools.yaml"):
            os.replace(stage / "openapi" / name, openapi / name)
        old = stage / "generated.old"
        if output.exists():
            output.rename(old)
        staged_output.rename(output)


def refresh(root: Path, spec_url: str, api_key: str | None) -> int:
    openapi = root / "openapi"
    new_upstream = fetch_upstream(spec_url, api_key)
    old_upstream = src.load_json(openapi / "upstream.json")
    ours = operation_ids(src.load_yaml(openapi / "synth-pools.yaml"))
    changes = drift.compare(old_upstream, new_upstream, ours, bound_operations(root))
    print(report(changes, spec_url))
    bound_breaks = [c for c in changes if c.breaking and c.bound]
    try:
        if bound_breaks:
            raise Refused(
                f"{len(bound_breaks)} breaking change(s) touch operations the SDK binds: "
                "adapt openapi/overlay.yaml and the SDK, then run again"
            )
        rebuild(root, new_upstream)
    except Refused as exc:
        print(f"regen: REFUSED, nothing changed: {exc}")
        return 1
    print("regen: openapi/upstream.json, openapi/synth-pools.yaml and generated/ rebuilt")
    return 0


def shipped_drift(root: Path = ROOT) -> list[str]:
    """Each shipped path must still be its source (a symlink replaced by a stale copy drifts)."""
    found = []
    for name, source_name in SHIPPED.items():
        shipped, source = root / name, root / source_name
        if not shipped.exists():
            found.append(f"{name} is missing (a symlink to {source_name})")
        elif shipped.resolve() != source.resolve() and (
            shipped.is_dir() or shipped.read_bytes() != source.read_bytes()
        ):
            found.append(f"{name} is not {source_name}")
    return found


def check(root: Path) -> int:
    problems: list[str] = []
    spec = root / "openapi" / "synth-pools.yaml"
    try:
        made = dump_normalised(
            src.product(root / "openapi" / "upstream.json", root / "openapi" / "overlay.yaml")
        )
        if made != spec.read_text(encoding="utf-8"):
            problems.append("openapi/synth-pools.yaml is not apply(upstream.json, overlay.yaml)")
    except src.OverlayDoesNotApply as exc:
        problems.append(str(exc))
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        generate(fresh, spec=spec)
        output = root / OUTPUT.relative_to(ROOT)
        problems += differences(output, fresh) if output.exists() else ["generated/ is missing"]
    problems += shipped_drift(root)
    if problems:
        print(
            "regen: the spec or generated/ drifted from openapi/'s sources (edit overlay.yaml, run `make regen`):"
        )
        for line in problems:
            print("  " + line)
        return 1
    print("regen: openapi/synth-pools.yaml and generated/ match the upstream snapshot and the overlay")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec-url", help="a backend's base URL, its schema's URL, or a file")
    parser.add_argument(
        "--api-key",
        default=os.environ.get("SYNTH_API_KEY"),
        help="sent only if set; defaults to $SYNTH_API_KEY",
    )
    parser.add_argument("--check", action="store_true", help="only report drift; change nothing")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)  # tests work on copies
    args = parser.parse_args()
    try:
        if args.check:
            return check(args.root)
        if args.spec_url:
            return refresh(args.root, args.spec_url, args.api_key)
        rebuild(args.root, src.load_json(args.root / "openapi" / "upstream.json"))
    except Refused as exc:
        print(f"regen: REFUSED, nothing changed: {exc}")
        return 1
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    print("regen: openapi/synth-pools.yaml and generated/ rebuilt from upstream.json and overlay.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
