from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.rollout_validation_normalized import RolloutValidationNormalized


T = TypeVar("T", bound="RolloutValidation")


@_attrs_define
class RolloutValidation:
    """
    Attributes:
        errors (list[ErrorDetail]):
        valid (bool):
        normalized (RolloutValidationNormalized | Unset):
    """

    errors: list[ErrorDetail]
    valid: bool
    normalized: RolloutValidationNormalized | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.rollout_validation_normalized import RolloutValidationNormalized  # noqa: PLC0415

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        valid = self.valid

        normalized: dict[str, Any] | Unset = UNSET
        if not isinstance(self.normalized, Unset):
            normalized = self.normalized.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
                "valid": valid,
            }
        )
        if normalized is not UNSET:
            field_dict["normalized"] = normalized

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.rollout_validation_normalized import RolloutValidationNormalized  # noqa: PLC0415

        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ErrorDetail.from_dict(errors_item_data)

            errors.append(errors_item)

        valid = d.pop("valid")

        _normalized = d.pop("normalized", UNSET)
        normalized: RolloutValidationNormalized | Unset
        if isinstance(_normalized, Unset):
            normalized = UNSET
        else:
            normalized = RolloutValidationNormalized.from_dict(_normalized)

        rollout_validation = cls(
            errors=errors,
            valid=valid,
            normalized=normalized,
        )

        rollout_validation.additional_properties = d
        return rollout_validation

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
