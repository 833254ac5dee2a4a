from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_health_checks import ContainerHealthChecks


T = TypeVar("T", bound="ContainerHealth")


@_attrs_define
class ContainerHealth:
    """
    Attributes:
        healthy (bool):
        pool_id (str):
        status (str): healthy, degraded, unavailable, or a newer value.
        checked_at (str | Unset):
        checks (ContainerHealthChecks | Unset):
        message (None | str | Unset):
        task_id (None | str | Unset):
    """

    healthy: bool
    pool_id: str
    status: str
    checked_at: str | Unset = UNSET
    checks: ContainerHealthChecks | Unset = UNSET
    message: None | str | Unset = UNSET
    task_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_health_checks import ContainerHealthChecks  # noqa: PLC0415

        healthy = self.healthy

        pool_id = self.pool_id

        status = self.status

        checked_at = self.checked_at

        checks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checks, Unset):
            checks = self.checks.to_dict()

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "healthy": healthy,
                "pool_id": pool_id,
                "status": status,
            }
        )
        if checked_at is not UNSET:
            field_dict["checked_at"] = checked_at
        if checks is not UNSET:
            field_dict["checks"] = checks
        if message is not UNSET:
            field_dict["message"] = message
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_health_checks import ContainerHealthChecks  # noqa: PLC0415

        d = dict(src_dict)
        healthy = d.pop("healthy")

        pool_id = d.pop("pool_id")

        status = d.pop("status")

        checked_at = d.pop("checked_at", UNSET)

        _checks = d.pop("checks", UNSET)
        checks: ContainerHealthChecks | Unset
        if isinstance(_checks, Unset):
            checks = UNSET
        else:
            checks = ContainerHealthChecks.from_dict(_checks)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        container_health = cls(
            healthy=healthy,
            pool_id=pool_id,
            status=status,
            checked_at=checked_at,
            checks=checks,
            message=message,
            task_id=task_id,
        )

        container_health.additional_properties = d
        return container_health

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
