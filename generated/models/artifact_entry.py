from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ArtifactEntry")


@_attrs_define
class ArtifactEntry:
    """
    Attributes:
        path (str):
        size_bytes (int):
        content_type (str | Unset):
        created_at (str | Unset):
        download_url (str | Unset):
        provenance (str | Unset): agent, verifier, worker, or a newer source.
        sha256 (str | Unset):
    """

    path: str
    size_bytes: int
    content_type: str | Unset = UNSET
    created_at: str | Unset = UNSET
    download_url: str | Unset = UNSET
    provenance: str | Unset = UNSET
    sha256: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        size_bytes = self.size_bytes

        content_type = self.content_type

        created_at = self.created_at

        download_url = self.download_url

        provenance = self.provenance

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "size_bytes": size_bytes,
            }
        )
        if content_type is not UNSET:
            field_dict["content_type"] = content_type
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if download_url is not UNSET:
            field_dict["download_url"] = download_url
        if provenance is not UNSET:
            field_dict["provenance"] = provenance
        if sha256 is not UNSET:
            field_dict["sha256"] = sha256

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        size_bytes = d.pop("size_bytes")

        content_type = d.pop("content_type", UNSET)

        created_at = d.pop("created_at", UNSET)

        download_url = d.pop("download_url", UNSET)

        provenance = d.pop("provenance", UNSET)

        sha256 = d.pop("sha256", UNSET)

        artifact_entry = cls(
            path=path,
            size_bytes=size_bytes,
            content_type=content_type,
            created_at=created_at,
            download_url=download_url,
            provenance=provenance,
            sha256=sha256,
        )

        artifact_entry.additional_properties = d
        return artifact_entry

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
