"""`synth_pools` stands in for both documents' modules: every public name of each is importable from it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import synth_pools
import synth_pools.environment_pools as environment_pools
import synth_pools.pools as container_pools


@pytest.mark.parametrize("module", [environment_pools, container_pools], ids=["environment_pools", "pools"])
def test_every_public_name_of_each_document_is_exported_at_the_top(module: object) -> None:
    names = [n for n in getattr(module, "__all__", []) if not n.startswith("_")]
    assert names
    for name in names:
        assert name in synth_pools.__all__, name
        assert getattr(synth_pools, name) is getattr(module, name), name


def test_lazy_exports_keep_the_import_light() -> None:
    code = "import sys, synth_pools; from synth_pools import create_rollout, SynthClient; print('aiohttp' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_lazy_function_names_are_the_modules_own() -> None:
    # listed once for the lazy table (importing the functions module is what the table avoids)
    from synth_pools.environment_pools import _functions

    assert sorted(synth_pools._ENV_POOLS_FUNCTIONS) == sorted(_functions.__all__)
