from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimeoutSpec")


@_attrs_define
class TimeoutSpec:
    """
    Attributes:
        agent_sec (float | None | Unset):
        build_sec (float | None | Unset):
        verifier_sec (float | None | Unset):
    """

    agent_sec: float | None | Unset = UNSET
    build_sec: float | None | Unset = UNSET
    verifier_sec: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_sec: float | None | Unset
        if isinstance(self.agent_sec, Unset):
            agent_sec = UNSET
        else:
            agent_sec = self.agent_sec

        build_sec: float | None | Unset
        if isinstance(self.build_sec, Unset):
            build_sec = UNSET
        else:
            build_sec = self.build_sec

        verifier_sec: float | None | Unset
        if isinstance(self.verifier_sec, Unset):
            verifier_sec = UNSET
        else:
            verifier_sec = self.verifier_sec

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_sec is not UNSET:
            field_dict["agent_sec"] = agent_sec
        if build_sec is not UNSET:
            field_dict["build_sec"] = build_sec
        if verifier_sec is not UNSET:
            field_dict["verifier_sec"] = verifier_sec

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_agent_sec(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        agent_sec = _parse_agent_sec(d.pop("agent_sec", UNSET))

        def _parse_build_sec(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        build_sec = _parse_build_sec(d.pop("build_sec", UNSET))

        def _parse_verifier_sec(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        verifier_sec = _parse_verifier_sec(d.pop("verifier_sec", UNSET))

        timeout_spec = cls(
            agent_sec=agent_sec,
            build_sec=build_sec,
            verifier_sec=verifier_sec,
        )

        timeout_spec.additional_properties = d
        return timeout_spec

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
