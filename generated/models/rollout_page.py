from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rollout import Rollout


T = TypeVar("T", bound="RolloutPage")


@_attrs_define
class RolloutPage:
    """A page of rollouts under `rollouts` (Synth's scripts read rollouts.get('rollouts')); next_cursor continues, null on
    the last page.

        Attributes:
            rollouts (list[Rollout]):
            items (list[Rollout] | Unset):
            next_cursor (None | str | Unset):
    """

    rollouts: list[Rollout]
    items: list[Rollout] | Unset = UNSET
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rollout import Rollout  # noqa: PLC0415

        rollouts = []
        for rollouts_item_data in self.rollouts:
            rollouts_item = rollouts_item_data.to_dict()
            rollouts.append(rollouts_item)

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rollouts": rollouts,
            }
        )
        if items is not UNSET:
            field_dict["items"] = items
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rollout import Rollout  # noqa: PLC0415

        d = dict(src_dict)
        rollouts = []
        _rollouts = d.pop("rollouts")
        for rollouts_item_data in _rollouts:
            rollouts_item = Rollout.from_dict(rollouts_item_data)

            rollouts.append(rollouts_item)

        _items = d.pop("items", UNSET)
        items: list[Rollout] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = Rollout.from_dict(items_item_data)

                items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        rollout_page = cls(
            rollouts=rollouts,
            items=items,
            next_cursor=next_cursor,
        )

        rollout_page.additional_properties = d
        return rollout_page

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
