from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ContainerLeaseRenew")


@_attrs_define
class ContainerLeaseRenew:
    """
    Attributes:
        ttl_sec (int | Unset): Seconds the lease lasts (default 300 on create; a renew keeps the last value when left
            out).
    """

    ttl_sec: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ttl_sec = self.ttl_sec

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ttl_sec is not UNSET:
            field_dict["ttl_sec"] = ttl_sec

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ttl_sec = d.pop("ttl_sec", UNSET)

        container_lease_renew = cls(
            ttl_sec=ttl_sec,
        )

        return container_lease_renew
