"""Every public attrs type in ``synth_pools.types`` against its schema in the spec.

``types.py`` restates schemas as typed classes; after a ``make regen`` with a renamed, added or
dropped property this fails until the public type follows (``extra`` keeps unknown fields and is
not a property). A property left out on purpose is listed below with its reason.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
import yaml

import synth_pools.types as public_types

SPEC = Path(__file__).resolve().parents[2] / "openapi" / "synth-pools.yaml"
SCHEMAS = yaml.safe_load(SPEC.read_text())["components"]["schemas"]

# public type -> its schema, when the names differ
SCHEMA_OF: dict[str, str] = {}
# (schema, property) -> why the public type does not carry it
NOT_PUBLIC = {
    ("AgentSpec", "kind"): "legacy alias of harness that older clients send; the SDK always sends harness",
}

PUBLIC_ATTRS_TYPES = sorted(
    name
    for name in public_types.__all__
    if isinstance(getattr(public_types, name), type) and attrs.has(getattr(public_types, name))
)


def test_the_scan_finds_the_public_types() -> None:
    assert {"RolloutRequestV1", "PoolConfigV1", "UsageSnapshot"} <= set(PUBLIC_ATTRS_TYPES)


@pytest.mark.parametrize("name", PUBLIC_ATTRS_TYPES)
def test_public_type_has_exactly_its_schema_properties(name: str) -> None:
    schema_name = SCHEMA_OF.get(name, name)
    assert schema_name in SCHEMAS, f"{name}: no schema {schema_name!r}; map it in SCHEMA_OF"
    properties = set(SCHEMAS[schema_name].get("properties", {}))
    expected = {p for p in properties if (schema_name, p) not in NOT_PUBLIC}
    fields = {f.name for f in attrs.fields(getattr(public_types, name))} - {"extra"}
    assert sorted(fields - expected) == [], f"{name} has fields the schema lacks (renamed or removed?)"
    assert sorted(expected - fields) == [], f"{name} lacks schema properties (added upstream?)"


def test_every_listed_omission_is_still_in_the_spec() -> None:
    stale = [key for key in NOT_PUBLIC if key[1] not in SCHEMAS.get(key[0], {}).get("properties", {})]
    assert not stale, f"drop these from NOT_PUBLIC: {stale}"
