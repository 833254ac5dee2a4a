from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentCapability")


@_attrs_define
class AgentCapability:
    """
    Attributes:
        harness (str):
        models (list[str]):
        default_model (None | str | Unset):
        simulated (bool | Unset):
    """

    harness: str
    models: list[str]
    default_model: None | str | Unset = UNSET
    simulated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        harness = self.harness

        models = self.models

        default_model: None | str | Unset
        if isinstance(self.default_model, Unset):
            default_model = UNSET
        else:
            default_model = self.default_model

        simulated = self.simulated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "harness": harness,
                "models": models,
            }
        )
        if default_model is not UNSET:
            field_dict["default_model"] = default_model
        if simulated is not UNSET:
            field_dict["simulated"] = simulated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        harness = d.pop("harness")

        models = cast(list[str], d.pop("models"))

        def _parse_default_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_model = _parse_default_model(d.pop("default_model", UNSET))

        simulated = d.pop("simulated", UNSET)

        agent_capability = cls(
            harness=harness,
            models=models,
            default_model=default_model,
            simulated=simulated,
        )

        agent_capability.additional_properties = d
        return agent_capability

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
