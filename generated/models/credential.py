from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_metadata import CredentialMetadata


T = TypeVar("T", bound="Credential")


@_attrs_define
class Credential:
    """A stored credential. Its value is never returned.

    Attributes:
        credential_id (str):
        credential_name (str):
        credential_type (str):
        created_at (str | Unset):
        masked_value (str | Unset):
        metadata (CredentialMetadata | Unset):
        updated_at (None | str | Unset):
        version (int | Unset):
    """

    credential_id: str
    credential_name: str
    credential_type: str
    created_at: str | Unset = UNSET
    masked_value: str | Unset = UNSET
    metadata: CredentialMetadata | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.credential_metadata import CredentialMetadata  # noqa: PLC0415

        credential_id = self.credential_id

        credential_name = self.credential_name

        credential_type = self.credential_type

        created_at = self.created_at

        masked_value = self.masked_value

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credential_id": credential_id,
                "credential_name": credential_name,
                "credential_type": credential_type,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if masked_value is not UNSET:
            field_dict["masked_value"] = masked_value
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_metadata import CredentialMetadata  # noqa: PLC0415

        d = dict(src_dict)
        credential_id = d.pop("credential_id")

        credential_name = d.pop("credential_name")

        credential_type = d.pop("credential_type")

        created_at = d.pop("created_at", UNSET)

        masked_value = d.pop("masked_value", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: CredentialMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = CredentialMetadata.from_dict(_metadata)

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        version = d.pop("version", UNSET)

        credential = cls(
            credential_id=credential_id,
            credential_name=credential_name,
            credential_type=credential_type,
            created_at=created_at,
            masked_value=masked_value,
            metadata=metadata,
            updated_at=updated_at,
            version=version,
        )

        credential.additional_properties = d
        return credential

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
