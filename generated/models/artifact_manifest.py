from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_entry import ArtifactEntry


T = TypeVar("T", bound="ArtifactManifest")


@_attrs_define
class ArtifactManifest:
    """
    Attributes:
        artifacts (list[ArtifactEntry]):
        rollout_id (str):
        created_at (None | str | Unset):
        next_cursor (None | str | Unset):
        total_size_bytes (int | Unset):
    """

    artifacts: list[ArtifactEntry]
    rollout_id: str
    created_at: None | str | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    total_size_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.artifact_entry import ArtifactEntry  # noqa: PLC0415

        artifacts = []
        for artifacts_item_data in self.artifacts:
            artifacts_item = artifacts_item_data.to_dict()
            artifacts.append(artifacts_item)

        rollout_id = self.rollout_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        total_size_bytes = self.total_size_bytes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifacts": artifacts,
                "rollout_id": rollout_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor
        if total_size_bytes is not UNSET:
            field_dict["total_size_bytes"] = total_size_bytes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_entry import ArtifactEntry  # noqa: PLC0415

        d = dict(src_dict)
        artifacts = []
        _artifacts = d.pop("artifacts")
        for artifacts_item_data in _artifacts:
            artifacts_item = ArtifactEntry.from_dict(artifacts_item_data)

            artifacts.append(artifacts_item)

        rollout_id = d.pop("rollout_id")

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        total_size_bytes = d.pop("total_size_bytes", UNSET)

        artifact_manifest = cls(
            artifacts=artifacts,
            rollout_id=rollout_id,
            created_at=created_at,
            next_cursor=next_cursor,
            total_size_bytes=total_size_bytes,
        )

        artifact_manifest.additional_properties = d
        return artifact_manifest

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
