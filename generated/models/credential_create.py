from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.credential_type import CredentialType, check_credential_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credential_create_metadata_type_0 import CredentialCreateMetadataType0


T = TypeVar("T", bound="CredentialCreate")


@_attrs_define
class CredentialCreate:
    """
    Attributes:
        credential_name (str):
        credential_type (CredentialType): Credential type enum (as the service declares it).
        credential_value (str): The secret. Dict values are sent JSON-encoded.
        metadata (CredentialCreateMetadataType0 | None | Unset):
    """

    credential_name: str
    credential_type: CredentialType
    credential_value: str
    metadata: CredentialCreateMetadataType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.credential_create_metadata_type_0 import (
            CredentialCreateMetadataType0,  # noqa: PLC0415
        )

        credential_name = self.credential_name

        credential_type: str = self.credential_type

        credential_value = self.credential_value

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, CredentialCreateMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credential_name": credential_name,
                "credential_type": credential_type,
                "credential_value": credential_value,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.credential_create_metadata_type_0 import (
            CredentialCreateMetadataType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        credential_name = d.pop("credential_name")

        credential_type = check_credential_type(d.pop("credential_type"))

        credential_value = d.pop("credential_value")

        def _parse_metadata(
            data: object,
        ) -> CredentialCreateMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = CredentialCreateMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CredentialCreateMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        credential_create = cls(
            credential_name=credential_name,
            credential_type=credential_type,
            credential_value=credential_value,
            metadata=metadata,
        )

        return credential_create
