from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.environment_spec import EnvironmentSpec
    from ..models.harbor_rollout_request_harbor import HarborRolloutRequestHarbor
    from ..models.harbor_rollout_request_metadata import HarborRolloutRequestMetadata


T = TypeVar("T", bound="HarborRolloutRequest")


@_attrs_define
class HarborRolloutRequest:
    """A rollout as Synth's harbor demo sends it: a routing target (pool_id or environment) and a harbor block {input,
    deployment}; no task_ref, agent, timeouts or task_app_url. It runs the pool's task.

        Attributes:
            harbor (HarborRolloutRequestHarbor):
            environment (EnvironmentSpec | None | Unset):
            metadata (HarborRolloutRequestMetadata | Unset):
            pool_id (None | str | Unset):
    """

    harbor: HarborRolloutRequestHarbor
    environment: EnvironmentSpec | None | Unset = UNSET
    metadata: HarborRolloutRequestMetadata | Unset = UNSET
    pool_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.environment_spec import EnvironmentSpec  # noqa: PLC0415
        from ..models.harbor_rollout_request_harbor import HarborRolloutRequestHarbor  # noqa: PLC0415
        from ..models.harbor_rollout_request_metadata import (
            HarborRolloutRequestMetadata,  # noqa: PLC0415
        )

        harbor = self.harbor.to_dict()

        environment: dict[str, Any] | None | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        elif isinstance(self.environment, EnvironmentSpec):
            environment = self.environment.to_dict()
        else:
            environment = self.environment

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        pool_id: None | str | Unset
        if isinstance(self.pool_id, Unset):
            pool_id = UNSET
        else:
            pool_id = self.pool_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "harbor": harbor,
            }
        )
        if environment is not UNSET:
            field_dict["environment"] = environment
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if pool_id is not UNSET:
            field_dict["pool_id"] = pool_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.environment_spec import EnvironmentSpec  # noqa: PLC0415
        from ..models.harbor_rollout_request_harbor import HarborRolloutRequestHarbor  # noqa: PLC0415
        from ..models.harbor_rollout_request_metadata import (
            HarborRolloutRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        harbor = HarborRolloutRequestHarbor.from_dict(d.pop("harbor"))

        def _parse_environment(data: object) -> EnvironmentSpec | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                environment_type_0 = EnvironmentSpec.from_dict(data)

                return environment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EnvironmentSpec | None | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: HarborRolloutRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = HarborRolloutRequestMetadata.from_dict(_metadata)

        def _parse_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pool_id = _parse_pool_id(d.pop("pool_id", UNSET))

        harbor_rollout_request = cls(
            harbor=harbor,
            environment=environment,
            metadata=metadata,
            pool_id=pool_id,
        )

        harbor_rollout_request.additional_properties = d
        return harbor_rollout_request

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
