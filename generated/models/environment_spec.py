from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_spec_config import EnvironmentSpecConfig


T = TypeVar("T", bound="EnvironmentSpec")


@_attrs_define
class EnvironmentSpec:
    """
    Attributes:
        backend (str): harbor, browser, openenv, archipelago, kernel, local.
        config (EnvironmentSpecConfig | Unset):
        docker_image (None | str | Unset):
    """

    backend: str
    config: EnvironmentSpecConfig | Unset = UNSET
    docker_image: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.environment_spec_config import EnvironmentSpecConfig  # noqa: PLC0415

        backend = self.backend

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        docker_image: None | str | Unset
        if isinstance(self.docker_image, Unset):
            docker_image = UNSET
        else:
            docker_image = self.docker_image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backend": backend,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if docker_image is not UNSET:
            field_dict["docker_image"] = docker_image

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.environment_spec_config import EnvironmentSpecConfig  # noqa: PLC0415

        d = dict(src_dict)
        backend = d.pop("backend")

        _config = d.pop("config", UNSET)
        config: EnvironmentSpecConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = EnvironmentSpecConfig.from_dict(_config)

        def _parse_docker_image(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        docker_image = _parse_docker_image(d.pop("docker_image", UNSET))

        environment_spec = cls(
            backend=backend,
            config=config,
            docker_image=docker_image,
        )

        environment_spec.additional_properties = d
        return environment_spec

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
