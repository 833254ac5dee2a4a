from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_response_metadata_type_0 import (
        CredentialResponseMetadataType0,
    )


T = TypeVar("T", bound="CredentialResponse")


@_attrs_define
class CredentialResponse:
    """A stored credential; its value is never returned. A deleted credential stays, inactive.

    Attributes:
        credential_name (str):
        credential_type (str): One of CredentialType (a plain string in answers, so a newer type does not break
            clients).
        id (str):
        is_active (bool):
        created_at (None | str | Unset):
        metadata (CredentialResponseMetadataType0 | None | Unset):
    """

    credential_name: str
    credential_type: str
    id: str
    is_active: bool
    created_at: None | str | Unset = UNSET
    metadata: CredentialResponseMetadataType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.credential_response_metadata_type_0 import (
            CredentialResponseMetadataType0,  # noqa: PLC0415
        )

        credential_name = self.credential_name

        credential_type = self.credential_type

        id = self.id

        is_active = self.is_active

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        else:
            created_at = self.created_at

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, CredentialResponseMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credential_name": credential_name,
                "credential_type": credential_type,
                "id": id,
                "is_active": is_active,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_response_metadata_type_0 import (
            CredentialResponseMetadataType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        credential_name = d.pop("credential_name")

        credential_type = d.pop("credential_type")

        id = d.pop("id")

        is_active = d.pop("is_active")

        def _parse_created_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_metadata(
            data: object,
        ) -> CredentialResponseMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = CredentialResponseMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CredentialResponseMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        credential_response = cls(
            credential_name=credential_name,
            credential_type=credential_type,
            id=id,
            is_active=is_active,
            created_at=created_at,
            metadata=metadata,
        )

        credential_response.additional_properties = d
        return credential_response

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
