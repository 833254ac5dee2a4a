from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PoolUrls")


@_attrs_define
class PoolUrls:
    """
    Attributes:
        pool_id (str):
        rollouts_url (str):
        container_url (None | str | Unset):
        events_url_template (str | Unset):
        metrics_url (str | Unset):
        tasks_url (str | Unset):
    """

    pool_id: str
    rollouts_url: str
    container_url: None | str | Unset = UNSET
    events_url_template: str | Unset = UNSET
    metrics_url: str | Unset = UNSET
    tasks_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pool_id = self.pool_id

        rollouts_url = self.rollouts_url

        container_url: None | str | Unset
        if isinstance(self.container_url, Unset):
            container_url = UNSET
        else:
            container_url = self.container_url

        events_url_template = self.events_url_template

        metrics_url = self.metrics_url

        tasks_url = self.tasks_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool_id": pool_id,
                "rollouts_url": rollouts_url,
            }
        )
        if container_url is not UNSET:
            field_dict["container_url"] = container_url
        if events_url_template is not UNSET:
            field_dict["events_url_template"] = events_url_template
        if metrics_url is not UNSET:
            field_dict["metrics_url"] = metrics_url
        if tasks_url is not UNSET:
            field_dict["tasks_url"] = tasks_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        rollouts_url = d.pop("rollouts_url")

        def _parse_container_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        container_url = _parse_container_url(d.pop("container_url", UNSET))

        events_url_template = d.pop("events_url_template", UNSET)

        metrics_url = d.pop("metrics_url", UNSET)

        tasks_url = d.pop("tasks_url", UNSET)

        pool_urls = cls(
            pool_id=pool_id,
            rollouts_url=rollouts_url,
            container_url=container_url,
            events_url_template=events_url_template,
            metrics_url=metrics_url,
            tasks_url=tasks_url,
        )

        pool_urls.additional_properties = d
        return pool_urls

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
