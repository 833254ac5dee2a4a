from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentSpec")


@_attrs_define
class AgentSpec:
    """
    Attributes:
        harness (str): codex, opencode, pi, claude_code or other (the service's vocabulary); claude-code is the older
            spelling of claude_code.
        agent_mode (None | str | Unset):
        harness_version (None | str | Unset):
        kind (None | str | Unset): Older clients send the harness here too.
        model_id (None | str | Unset):
        permission_mode (None | str | Unset):
        variant (None | str | Unset):
    """

    harness: str
    agent_mode: None | str | Unset = UNSET
    harness_version: None | str | Unset = UNSET
    kind: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    permission_mode: None | str | Unset = UNSET
    variant: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        harness = self.harness

        agent_mode: None | str | Unset
        if isinstance(self.agent_mode, Unset):
            agent_mode = UNSET
        else:
            agent_mode = self.agent_mode

        harness_version: None | str | Unset
        if isinstance(self.harness_version, Unset):
            harness_version = UNSET
        else:
            harness_version = self.harness_version

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        permission_mode: None | str | Unset
        if isinstance(self.permission_mode, Unset):
            permission_mode = UNSET
        else:
            permission_mode = self.permission_mode

        variant: None | str | Unset
        if isinstance(self.variant, Unset):
            variant = UNSET
        else:
            variant = self.variant

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "harness": harness,
            }
        )
        if agent_mode is not UNSET:
            field_dict["agent_mode"] = agent_mode
        if harness_version is not UNSET:
            field_dict["harness_version"] = harness_version
        if kind is not UNSET:
            field_dict["kind"] = kind
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if permission_mode is not UNSET:
            field_dict["permission_mode"] = permission_mode
        if variant is not UNSET:
            field_dict["variant"] = variant

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        harness = d.pop("harness")

        def _parse_agent_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_mode = _parse_agent_mode(d.pop("agent_mode", UNSET))

        def _parse_harness_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        harness_version = _parse_harness_version(d.pop("harness_version", UNSET))

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_permission_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        permission_mode = _parse_permission_mode(d.pop("permission_mode", UNSET))

        def _parse_variant(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        variant = _parse_variant(d.pop("variant", UNSET))

        agent_spec = cls(
            harness=harness,
            agent_mode=agent_mode,
            harness_version=harness_version,
            kind=kind,
            model_id=model_id,
            permission_mode=permission_mode,
            variant=variant,
        )

        agent_spec.additional_properties = d
        return agent_spec

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
