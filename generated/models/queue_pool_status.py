from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="QueuePoolStatus")


@_attrs_define
class QueuePoolStatus:
    """
    Attributes:
        pool_id (str):
        queued (int):
        running (int):
        max_queue (int | None | Unset):
        saturated (bool | Unset):
    """

    pool_id: str
    queued: int
    running: int
    max_queue: int | None | Unset = UNSET
    saturated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pool_id = self.pool_id

        queued = self.queued

        running = self.running

        max_queue: int | None | Unset
        if isinstance(self.max_queue, Unset):
            max_queue = UNSET
        else:
            max_queue = self.max_queue

        saturated = self.saturated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool_id": pool_id,
                "queued": queued,
                "running": running,
            }
        )
        if max_queue is not UNSET:
            field_dict["max_queue"] = max_queue
        if saturated is not UNSET:
            field_dict["saturated"] = saturated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        queued = d.pop("queued")

        running = d.pop("running")

        def _parse_max_queue(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_queue = _parse_max_queue(d.pop("max_queue", UNSET))

        saturated = d.pop("saturated", UNSET)

        queue_pool_status = cls(
            pool_id=pool_id,
            queued=queued,
            running=running,
            max_queue=max_queue,
            saturated=saturated,
        )

        queue_pool_status.additional_properties = d
        return queue_pool_status

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
