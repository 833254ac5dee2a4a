from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_detail import ErrorDetail


T = TypeVar("T", bound="ErrorBody")


@_attrs_define
class ErrorBody:
    """
    Attributes:
        code (str): Machine-readable code: unauthorized, plan_required, feature_not_available, upgrade_required,
            not_found, conflict, idempotency_conflict, validation_error, queue_full, rate_limited, payload_too_large,
            method_not_allowed, internal_error, or a newer one.
        message (str): What went wrong and what to do about it.
        current_plan (None | str | Unset):
        details (list[ErrorDetail] | Unset):
        request_id (None | str | Unset):
        required_plans (list[str] | Unset):
        retry_after_ms (int | None | Unset):
        retryable (bool | Unset):
        rollout_id (None | str | Unset):
        upgrade_url (None | str | Unset):
    """

    code: str
    message: str
    current_plan: None | str | Unset = UNSET
    details: list[ErrorDetail] | Unset = UNSET
    request_id: None | str | Unset = UNSET
    required_plans: list[str] | Unset = UNSET
    retry_after_ms: int | None | Unset = UNSET
    retryable: bool | Unset = UNSET
    rollout_id: None | str | Unset = UNSET
    upgrade_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        code = self.code

        message = self.message

        current_plan: None | str | Unset
        if isinstance(self.current_plan, Unset):
            current_plan = UNSET
        else:
            current_plan = self.current_plan

        details: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = []
            for details_item_data in self.details:
                details_item = details_item_data.to_dict()
                details.append(details_item)

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        required_plans: list[str] | Unset = UNSET
        if not isinstance(self.required_plans, Unset):
            required_plans = self.required_plans

        retry_after_ms: int | None | Unset
        if isinstance(self.retry_after_ms, Unset):
            retry_after_ms = UNSET
        else:
            retry_after_ms = self.retry_after_ms

        retryable = self.retryable

        rollout_id: None | str | Unset
        if isinstance(self.rollout_id, Unset):
            rollout_id = UNSET
        else:
            rollout_id = self.rollout_id

        upgrade_url: None | str | Unset
        if isinstance(self.upgrade_url, Unset):
            upgrade_url = UNSET
        else:
            upgrade_url = self.upgrade_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if current_plan is not UNSET:
            field_dict["current_plan"] = current_plan
        if details is not UNSET:
            field_dict["details"] = details
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if required_plans is not UNSET:
            field_dict["required_plans"] = required_plans
        if retry_after_ms is not UNSET:
            field_dict["retry_after_ms"] = retry_after_ms
        if retryable is not UNSET:
            field_dict["retryable"] = retryable
        if rollout_id is not UNSET:
            field_dict["rollout_id"] = rollout_id
        if upgrade_url is not UNSET:
            field_dict["upgrade_url"] = upgrade_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_detail import ErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        def _parse_current_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        current_plan = _parse_current_plan(d.pop("current_plan", UNSET))

        _details = d.pop("details", UNSET)
        details: list[ErrorDetail] | Unset = UNSET
        if _details is not UNSET:
            details = []
            for details_item_data in _details:
                details_item = ErrorDetail.from_dict(details_item_data)

                details.append(details_item)

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        required_plans = cast(list[str], d.pop("required_plans", UNSET))

        def _parse_retry_after_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        retry_after_ms = _parse_retry_after_ms(d.pop("retry_after_ms", UNSET))

        retryable = d.pop("retryable", UNSET)

        def _parse_rollout_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rollout_id = _parse_rollout_id(d.pop("rollout_id", UNSET))

        def _parse_upgrade_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        upgrade_url = _parse_upgrade_url(d.pop("upgrade_url", UNSET))

        error_body = cls(
            code=code,
            message=message,
            current_plan=current_plan,
            details=details,
            request_id=request_id,
            required_plans=required_plans,
            retry_after_ms=retry_after_ms,
            retryable=retryable,
            rollout_id=rollout_id,
            upgrade_url=upgrade_url,
        )

        error_body.additional_properties = d
        return error_body

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
