from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_lease_metadata import ContainerLeaseMetadata


T = TypeVar("T", bound="ContainerLease")


@_attrs_define
class ContainerLease:
    """A hold on one running slot of a pool for ttl_sec; while active the pool starts one rollout fewer. Ends by release or
    when expires_at passes. The real service declares its lease routes untyped: this is the local backend's shape.

        Attributes:
            expires_at (str):
            lease_id (str):
            pool_id (str):
            state (str): active, released, expired, or a newer value.
            ttl_sec (int):
            created_at (str | Unset):
            metadata (ContainerLeaseMetadata | Unset):
            released_at (None | str | Unset):
            renewals (int | Unset):
            renewed_at (None | str | Unset):
            task_id (None | str | Unset):
    """

    expires_at: str
    lease_id: str
    pool_id: str
    state: str
    ttl_sec: int
    created_at: str | Unset = UNSET
    metadata: ContainerLeaseMetadata | Unset = UNSET
    released_at: None | str | Unset = UNSET
    renewals: int | Unset = UNSET
    renewed_at: None | str | Unset = UNSET
    task_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_lease_metadata import ContainerLeaseMetadata  # noqa: PLC0415

        expires_at = self.expires_at

        lease_id = self.lease_id

        pool_id = self.pool_id

        state = self.state

        ttl_sec = self.ttl_sec

        created_at = self.created_at

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        released_at: None | str | Unset
        if isinstance(self.released_at, Unset):
            released_at = UNSET
        else:
            released_at = self.released_at

        renewals = self.renewals

        renewed_at: None | str | Unset
        if isinstance(self.renewed_at, Unset):
            renewed_at = UNSET
        else:
            renewed_at = self.renewed_at

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "lease_id": lease_id,
                "pool_id": pool_id,
                "state": state,
                "ttl_sec": ttl_sec,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if released_at is not UNSET:
            field_dict["released_at"] = released_at
        if renewals is not UNSET:
            field_dict["renewals"] = renewals
        if renewed_at is not UNSET:
            field_dict["renewed_at"] = renewed_at
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_lease_metadata import ContainerLeaseMetadata  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = d.pop("expires_at")

        lease_id = d.pop("lease_id")

        pool_id = d.pop("pool_id")

        state = d.pop("state")

        ttl_sec = d.pop("ttl_sec")

        created_at = d.pop("created_at", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ContainerLeaseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ContainerLeaseMetadata.from_dict(_metadata)

        def _parse_released_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        released_at = _parse_released_at(d.pop("released_at", UNSET))

        renewals = d.pop("renewals", UNSET)

        def _parse_renewed_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        renewed_at = _parse_renewed_at(d.pop("renewed_at", UNSET))

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        container_lease = cls(
            expires_at=expires_at,
            lease_id=lease_id,
            pool_id=pool_id,
            state=state,
            ttl_sec=ttl_sec,
            created_at=created_at,
            metadata=metadata,
            released_at=released_at,
            renewals=renewals,
            renewed_at=renewed_at,
            task_id=task_id,
        )

        container_lease.additional_properties = d
        return container_lease

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
