from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_metadata_labels import ContainerMetadataLabels
    from ..models.container_metadata_metadata import ContainerMetadataMetadata


T = TypeVar("T", bound="ContainerMetadata")


@_attrs_define
class ContainerMetadata:
    """
    Attributes:
        labels (ContainerMetadataLabels):
        pool_id (str):
        created_at (str | Unset):
        metadata (ContainerMetadataMetadata | Unset):
        task_id (None | str | Unset):
        updated_at (None | str | Unset):
    """

    labels: ContainerMetadataLabels
    pool_id: str
    created_at: str | Unset = UNSET
    metadata: ContainerMetadataMetadata | Unset = UNSET
    task_id: None | str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_metadata_labels import ContainerMetadataLabels  # noqa: PLC0415
        from ..models.container_metadata_metadata import ContainerMetadataMetadata  # noqa: PLC0415

        labels = self.labels.to_dict()

        pool_id = self.pool_id

        created_at = self.created_at

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "labels": labels,
                "pool_id": pool_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_metadata_labels import ContainerMetadataLabels  # noqa: PLC0415
        from ..models.container_metadata_metadata import ContainerMetadataMetadata  # noqa: PLC0415

        d = dict(src_dict)
        labels = ContainerMetadataLabels.from_dict(d.pop("labels"))

        pool_id = d.pop("pool_id")

        created_at = d.pop("created_at", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ContainerMetadataMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ContainerMetadataMetadata.from_dict(_metadata)

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        container_metadata = cls(
            labels=labels,
            pool_id=pool_id,
            created_at=created_at,
            metadata=metadata,
            task_id=task_id,
            updated_at=updated_at,
        )

        container_metadata.additional_properties = d
        return container_metadata

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
