"""The generated models package imports each model on first use (openapi/templates/models_init.py.jinja).

``import synth_pools`` and binding one operation must not load the 100+ model modules; every
name the package exports still resolves, to the class its own module defines.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _loaded_models(code: str) -> list[str]:
    probe = f"{code}; import sys; print(sorted(m for m in sys.modules if '._generated.models.' in m))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded: list[str] = eval(done.stdout)  # a printed list of module names
    return loaded


def test_importing_the_models_package_loads_no_model() -> None:
    assert _loaded_models("import synth_pools._generated.models") == []


def test_one_operation_loads_only_its_models() -> None:
    loaded = _loaded_models("from synth_pools._operations import operation; operation('get_rollout').module")
    assert 0 < len(loaded) < 10, loaded
    assert "synth_pools._generated.models.rollout" in loaded


def test_every_exported_model_resolves_lazily() -> None:
    models = importlib.import_module("synth_pools._generated.models")
    assert len(models.__all__) > 100
    for name in models.__all__:
        defining = importlib.import_module(models._MODULE_OF[name], models.__name__)
        assert getattr(models, name) is getattr(defining, name), name
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError, match="no attribute 'NotAModel'"):
        models.NotAModel  # noqa: B018


def test_the_client_import_loads_no_model_no_asyncio_and_no_public_types() -> None:
    probe = (
        "import sys; from synth_pools import EnvironmentPoolsClient; "
        "heavy = ('asyncio', 'synth_pools.types', 'synth_pools.environment_pools._async_client'); "
        "print(sorted(m for m in sys.modules if m in heavy or '._generated.' in m))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
