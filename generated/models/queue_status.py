from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.queue_pool_status import QueuePoolStatus


T = TypeVar("T", bound="QueueStatus")


@_attrs_define
class QueueStatus:
    """
    Attributes:
        queued (int):
        running (int):
        saturation (float):
        capacity (int | Unset):
        pools (list[QueuePoolStatus] | Unset):
        saturated (bool | Unset):
    """

    queued: int
    running: int
    saturation: float
    capacity: int | Unset = UNSET
    pools: list[QueuePoolStatus] | Unset = UNSET
    saturated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_pool_status import QueuePoolStatus  # noqa: PLC0415

        queued = self.queued

        running = self.running

        saturation = self.saturation

        capacity = self.capacity

        pools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pools, Unset):
            pools = []
            for pools_item_data in self.pools:
                pools_item = pools_item_data.to_dict()
                pools.append(pools_item)

        saturated = self.saturated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "queued": queued,
                "running": running,
                "saturation": saturation,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if pools is not UNSET:
            field_dict["pools"] = pools
        if saturated is not UNSET:
            field_dict["saturated"] = saturated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.queue_pool_status import QueuePoolStatus  # noqa: PLC0415

        d = dict(src_dict)
        queued = d.pop("queued")

        running = d.pop("running")

        saturation = d.pop("saturation")

        capacity = d.pop("capacity", UNSET)

        _pools = d.pop("pools", UNSET)
        pools: list[QueuePoolStatus] | Unset = UNSET
        if _pools is not UNSET:
            pools = []
            for pools_item_data in _pools:
                pools_item = QueuePoolStatus.from_dict(pools_item_data)

                pools.append(pools_item)

        saturated = d.pop("saturated", UNSET)

        queue_status = cls(
            queued=queued,
            running=running,
            saturation=saturation,
            capacity=capacity,
            pools=pools,
            saturated=saturated,
        )

        queue_status.additional_properties = d
        return queue_status

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
