from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail
    from ..models.rollout_validation_normalized import RolloutValidationNormalized
    from ..models.rollout_validation_routing_debug import RolloutValidationRoutingDebug


T = TypeVar("T", bound="RolloutValidation")


@_attrs_define
class RolloutValidation:
    """
    Attributes:
        errors (list[ErrorDetail]):
        valid (bool):
        error (None | str | Unset):
        normalized (RolloutValidationNormalized | Unset):
        routing_debug (RolloutValidationRoutingDebug | Unset):
        selected_pool_id (None | str | Unset):
    """

    errors: list[ErrorDetail]
    valid: bool
    error: None | str | Unset = UNSET
    normalized: RolloutValidationNormalized | Unset = UNSET
    routing_debug: RolloutValidationRoutingDebug | Unset = UNSET
    selected_pool_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.rollout_validation_normalized import RolloutValidationNormalized  # noqa: PLC0415
        from ..models.rollout_validation_routing_debug import (
            RolloutValidationRoutingDebug,  # noqa: PLC0415
        )

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        valid = self.valid

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        normalized: dict[str, Any] | Unset = UNSET
        if not isinstance(self.normalized, Unset):
            normalized = self.normalized.to_dict()

        routing_debug: dict[str, Any] | Unset = UNSET
        if not isinstance(self.routing_debug, Unset):
            routing_debug = self.routing_debug.to_dict()

        selected_pool_id: None | str | Unset
        if isinstance(self.selected_pool_id, Unset):
            selected_pool_id = UNSET
        else:
            selected_pool_id = self.selected_pool_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
                "valid": valid,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if normalized is not UNSET:
            field_dict["normalized"] = normalized
        if routing_debug is not UNSET:
            field_dict["routing_debug"] = routing_debug
        if selected_pool_id is not UNSET:
            field_dict["selected_pool_id"] = selected_pool_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415
        from ..models.rollout_validation_normalized import RolloutValidationNormalized  # noqa: PLC0415
        from ..models.rollout_validation_routing_debug import (
            RolloutValidationRoutingDebug,  # noqa: PLC0415
        )

        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ErrorDetail.from_dict(errors_item_data)

            errors.append(errors_item)

        valid = d.pop("valid")

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        _normalized = d.pop("normalized", UNSET)
        normalized: RolloutValidationNormalized | Unset
        if isinstance(_normalized, Unset):
            normalized = UNSET
        else:
            normalized = RolloutValidationNormalized.from_dict(_normalized)

        _routing_debug = d.pop("routing_debug", UNSET)
        routing_debug: RolloutValidationRoutingDebug | Unset
        if isinstance(_routing_debug, Unset):
            routing_debug = UNSET
        else:
            routing_debug = RolloutValidationRoutingDebug.from_dict(_routing_debug)

        def _parse_selected_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        selected_pool_id = _parse_selected_pool_id(d.pop("selected_pool_id", UNSET))

        rollout_validation = cls(
            errors=errors,
            valid=valid,
            error=error,
            normalized=normalized,
            routing_debug=routing_debug,
            selected_pool_id=selected_pool_id,
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
