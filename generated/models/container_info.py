from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pool_resources import PoolResources


T = TypeVar("T", bound="ContainerInfo")


@_attrs_define
class ContainerInfo:
    """
    Attributes:
        pool_id (str):
        runner (str):
        backend (str | Unset):
        image (None | str | Unset):
        queued (int | Unset):
        resources (None | PoolResources | Unset):
        running (int | Unset):
        sandbox (str | Unset):
        task_id (None | str | Unset):
    """

    pool_id: str
    runner: str
    backend: str | Unset = UNSET
    image: None | str | Unset = UNSET
    queued: int | Unset = UNSET
    resources: None | PoolResources | Unset = UNSET
    running: int | Unset = UNSET
    sandbox: str | Unset = UNSET
    task_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pool_resources import PoolResources  # noqa: PLC0415

        pool_id = self.pool_id

        runner = self.runner

        backend = self.backend

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        queued = self.queued

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, PoolResources):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        running = self.running

        sandbox = self.sandbox

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool_id": pool_id,
                "runner": runner,
            }
        )
        if backend is not UNSET:
            field_dict["backend"] = backend
        if image is not UNSET:
            field_dict["image"] = image
        if queued is not UNSET:
            field_dict["queued"] = queued
        if resources is not UNSET:
            field_dict["resources"] = resources
        if running is not UNSET:
            field_dict["running"] = running
        if sandbox is not UNSET:
            field_dict["sandbox"] = sandbox
        if task_id is not UNSET:
            field_dict["task_id"] = task_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pool_resources import PoolResources  # noqa: PLC0415

        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        runner = d.pop("runner")

        backend = d.pop("backend", UNSET)

        def _parse_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image = _parse_image(d.pop("image", UNSET))

        queued = d.pop("queued", UNSET)

        def _parse_resources(data: object) -> None | PoolResources | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resources_type_0 = PoolResources.from_dict(data)

                return resources_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PoolResources | Unset, data)

        resources = _parse_resources(d.pop("resources", UNSET))

        running = d.pop("running", UNSET)

        sandbox = d.pop("sandbox", UNSET)

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        container_info = cls(
            pool_id=pool_id,
            runner=runner,
            backend=backend,
            image=image,
            queued=queued,
            resources=resources,
            running=running,
            sandbox=sandbox,
            task_id=task_id,
        )

        container_info.additional_properties = d
        return container_info

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
