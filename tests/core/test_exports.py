"""`synth_pools` stands in for both documents' modules: every public name of each is importable from it."""

from __future__ import annotations

import pytest

import synth_pools
import synth_pools.environment_pools as environment_pools
import synth_pools.pools as container_pools
from tests.support.interpreter import fresh_python


@pytest.mark.parametrize("module", [environment_pools, container_pools], ids=["environment_pools", "pools"])
def test_every_public_name_of_each_document_is_exported_at_the_top(module: object) -> None:
    names = [n for n in getattr(module, "__all__", []) if not n.startswith("_")]
    assert names
    for name in names:
        assert name in synth_pools.__all__, name
        assert getattr(synth_pools, name) is getattr(module, name), name


def _python(code: str) -> str:
    """What a fresh interpreter prints for ``code`` (imports counted from nothing)."""
    done = fresh_python(code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_lazy_exports_keep_the_import_light() -> None:
    code = "import sys, synth_pools; from synth_pools import create_rollout, SynthClient; print('aiohttp' in sys.modules)"
    assert _python(code) == "False"


def test_the_client_class_loads_no_connection_pool_until_it_sends() -> None:
    # httpcore (and h11) come with the sync pool a client builds on its first send (_deadline_pool)
    code = (
        "import sys; from synth_pools import EnvironmentPoolsClient; "
        "print(sorted(m for m in ('httpcore', 'h11', 'synth_pools._deadline_pool') if m in sys.modules))"
    )
    assert _python(code) == "[]"


def test_importing_either_package_loads_no_client_no_handle_and_no_type() -> None:
    # the face imports the environment-pools package for its names: both must stay cheap
    code = (
        "import sys, synth_pools, synth_pools.environment_pools; "
        "print(sorted(m for m in sys.modules if m.startswith('synth_pools.') and "
        "m.rsplit('.', 1)[1] in ('_client', '_async_client', '_handle', '_async_handle', 'types', '_admission')))"
    )
    assert _python(code) == "[]"


def test_lazy_names_resolve_once_and_are_listed() -> None:
    code = (
        "import synth_pools as s; from synth_pools import environment_pools as e; "
        "assert 'EnvironmentPoolsClient' not in vars(e); "
        "assert s.EnvironmentPoolsClient is e.EnvironmentPoolsClient is vars(e)['EnvironmentPoolsClient']; "
        "assert s.AgentSpec is e.AgentSpec; assert {'AgentSpec', 'create_rollout'} <= set(dir(s)) & set(dir(e)); "
        "print('ok')"
    )
    assert _python(code) == "ok"


def test_an_unknown_name_is_an_attribute_error_naming_the_module() -> None:
    with pytest.raises(AttributeError, match="'synth_pools' has no attribute 'nope'"):
        synth_pools.nope  # noqa: B018
    with pytest.raises(AttributeError, match=r"'synth_pools\.environment_pools' has no attribute 'nope'"):
        environment_pools.nope  # noqa: B018


def test_the_public_lists_have_no_repeats() -> None:
    assert len(synth_pools.__all__) == len(set(synth_pools.__all__))
    assert len(environment_pools.__all__) == len(set(environment_pools.__all__))
