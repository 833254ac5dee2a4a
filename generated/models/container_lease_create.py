from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_lease_create_metadata import ContainerLeaseCreateMetadata


T = TypeVar("T", bound="ContainerLeaseCreate")


@_attrs_define
class ContainerLeaseCreate:
    """
    Attributes:
        pool_id (str):
        metadata (ContainerLeaseCreateMetadata | Unset):
        task_id (None | str | Unset):
        ttl_sec (int | Unset): Seconds the lease lasts (default 300 on create; a renew keeps the last value when left
            out).
    """

    pool_id: str
    metadata: ContainerLeaseCreateMetadata | Unset = UNSET
    task_id: None | str | Unset = UNSET
    ttl_sec: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_lease_create_metadata import (
            ContainerLeaseCreateMetadata,  # noqa: PLC0415
        )

        pool_id = self.pool_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        ttl_sec = self.ttl_sec

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pool_id": pool_id,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if ttl_sec is not UNSET:
            field_dict["ttl_sec"] = ttl_sec

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_lease_create_metadata import (
            ContainerLeaseCreateMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        _metadata = d.pop("metadata", UNSET)
        metadata: ContainerLeaseCreateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ContainerLeaseCreateMetadata.from_dict(_metadata)

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        ttl_sec = d.pop("ttl_sec", UNSET)

        container_lease_create = cls(
            pool_id=pool_id,
            metadata=metadata,
            task_id=task_id,
            ttl_sec=ttl_sec,
        )

        return container_lease_create
