from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_rollout_response_rejected_item import (
        BatchRolloutResponseRejectedItem,
    )
    from ..models.rollout import Rollout


T = TypeVar("T", bound="BatchRolloutResponse")


@_attrs_define
class BatchRolloutResponse:
    """
    Attributes:
        count (int):
        items (list[Rollout]):
        rejected (list[BatchRolloutResponseRejectedItem] | Unset): Requests not admitted (over the org's concurrency
            allowance), each with its index and an error; resubmit them later.
        rollouts (list[Rollout] | Unset): The admitted rollouts (the service's key; the same list as items).
    """

    count: int
    items: list[Rollout]
    rejected: list[BatchRolloutResponseRejectedItem] | Unset = UNSET
    rollouts: list[Rollout] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_rollout_response_rejected_item import (
            BatchRolloutResponseRejectedItem,  # noqa: PLC0415
        )
        from ..models.rollout import Rollout  # noqa: PLC0415

        count = self.count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        rejected: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rejected, Unset):
            rejected = []
            for rejected_item_data in self.rejected:
                rejected_item = rejected_item_data.to_dict()
                rejected.append(rejected_item)

        rollouts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rollouts, Unset):
            rollouts = []
            for rollouts_item_data in self.rollouts:
                rollouts_item = rollouts_item_data.to_dict()
                rollouts.append(rollouts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "items": items,
            }
        )
        if rejected is not UNSET:
            field_dict["rejected"] = rejected
        if rollouts is not UNSET:
            field_dict["rollouts"] = rollouts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_rollout_response_rejected_item import (
            BatchRolloutResponseRejectedItem,  # noqa: PLC0415
        )
        from ..models.rollout import Rollout  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = Rollout.from_dict(items_item_data)

            items.append(items_item)

        _rejected = d.pop("rejected", UNSET)
        rejected: list[BatchRolloutResponseRejectedItem] | Unset = UNSET
        if _rejected is not UNSET:
            rejected = []
            for rejected_item_data in _rejected:
                rejected_item = BatchRolloutResponseRejectedItem.from_dict(
                    rejected_item_data
                )

                rejected.append(rejected_item)

        _rollouts = d.pop("rollouts", UNSET)
        rollouts: list[Rollout] | Unset = UNSET
        if _rollouts is not UNSET:
            rollouts = []
            for rollouts_item_data in _rollouts:
                rollouts_item = Rollout.from_dict(rollouts_item_data)

                rollouts.append(rollouts_item)

        batch_rollout_response = cls(
            count=count,
            items=items,
            rejected=rejected,
            rollouts=rollouts,
        )

        batch_rollout_response.additional_properties = d
        return batch_rollout_response

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
