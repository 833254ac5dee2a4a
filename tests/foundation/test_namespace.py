"""The generated client lives in our namespace: ``synth_pools._generated``, never top-level ``generated``.

A user project with its own ``generated/`` package (protobuf or OpenAPI output) would shadow a
top-level one; see tests/foundation/test_wheel.py for the installed proof.
"""

from __future__ import annotations

import ast
from pathlib import Path

import synth_pools._generated

ROOT = Path(__file__).resolve().parents[2]
HANDWRITTEN = ("synth_pools", "synth_pools_server", "scripts", "tests", "benchmarks", "examples")


def test_the_namespace_is_the_folder_make_regen_owns() -> None:
    folder = ROOT / "synth_pools" / "_generated"
    assert folder.is_symlink() and folder.resolve() == (ROOT / "generated").resolve()
    assert Path(synth_pools._generated.__file__).resolve().parent == (ROOT / "generated").resolve()


def test_no_handwritten_module_imports_top_level_generated() -> None:
    offenders = []
    for top in HANDWRITTEN:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "_generated" in path.relative_to(ROOT).parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                if any(name == "generated" or name.startswith("generated.") for name in names):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"import synth_pools._generated instead: {offenders}"


def test_the_spec_ships_inside_the_server_package() -> None:
    from scripts import regen
    from synth_pools_server.config import SPEC_PATH

    assert regen.shipped_drift() == []
    assert SPEC_PATH.read_text(encoding="utf-8") == regen.SPEC.read_text(encoding="utf-8")
    assert Path(str(SPEC_PATH)).parent == ROOT / "synth_pools_server"
