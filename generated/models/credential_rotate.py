from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CredentialRotate")


@_attrs_define
class CredentialRotate:
    """
    Attributes:
        credential_value (str):
    """

    credential_value: str

    def to_dict(self) -> dict[str, Any]:
        credential_value = self.credential_value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credential_value": credential_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credential_value = d.pop("credential_value")

        credential_rotate = cls(
            credential_value=credential_value,
        )

        return credential_rotate
