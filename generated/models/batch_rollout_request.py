from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata
    from ..models.batch_rollout_request_rollouts_item import (
        BatchRolloutRequestRolloutsItem,
    )
    from ..models.rollout_request_v1 import RolloutRequestV1


T = TypeVar("T", bound="BatchRolloutRequest")


@_attrs_define
class BatchRolloutRequest:
    """{pool_id, rollouts: [...]} (the service) or {requests: [...]} (this SDK). Each request is admitted on its own, so a
    body naming neither list admits nothing (an empty answer).

        Attributes:
            metadata (BatchRolloutRequestMetadata | Unset):
            pool_id (None | str | Unset): The pool every rollout of rollouts runs in.
            requests (list[RolloutRequestV1] | Unset):
            rollouts (list[BatchRolloutRequestRolloutsItem] | Unset): The service's name for the requests; each is admitted
                on its own.
    """

    metadata: BatchRolloutRequestMetadata | Unset = UNSET
    pool_id: None | str | Unset = UNSET
    requests: list[RolloutRequestV1] | Unset = UNSET
    rollouts: list[BatchRolloutRequestRolloutsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata  # noqa: PLC0415
        from ..models.batch_rollout_request_rollouts_item import (
            BatchRolloutRequestRolloutsItem,  # noqa: PLC0415
        )
        from ..models.rollout_request_v1 import RolloutRequestV1  # noqa: PLC0415

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        pool_id: None | str | Unset
        if isinstance(self.pool_id, Unset):
            pool_id = UNSET
        else:
            pool_id = self.pool_id

        requests: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.requests, Unset):
            requests = []
            for requests_item_data in self.requests:
                requests_item = requests_item_data.to_dict()
                requests.append(requests_item)

        rollouts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rollouts, Unset):
            rollouts = []
            for rollouts_item_data in self.rollouts:
                rollouts_item = rollouts_item_data.to_dict()
                rollouts.append(rollouts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if pool_id is not UNSET:
            field_dict["pool_id"] = pool_id
        if requests is not UNSET:
            field_dict["requests"] = requests
        if rollouts is not UNSET:
            field_dict["rollouts"] = rollouts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata  # noqa: PLC0415
        from ..models.batch_rollout_request_rollouts_item import (
            BatchRolloutRequestRolloutsItem,  # noqa: PLC0415
        )
        from ..models.rollout_request_v1 import RolloutRequestV1  # noqa: PLC0415

        d = dict(src_dict)
        _metadata = d.pop("metadata", UNSET)
        metadata: BatchRolloutRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = BatchRolloutRequestMetadata.from_dict(_metadata)

        def _parse_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pool_id = _parse_pool_id(d.pop("pool_id", UNSET))

        _requests = d.pop("requests", UNSET)
        requests: list[RolloutRequestV1] | Unset = UNSET
        if _requests is not UNSET:
            requests = []
            for requests_item_data in _requests:
                requests_item = RolloutRequestV1.from_dict(requests_item_data)

                requests.append(requests_item)

        _rollouts = d.pop("rollouts", UNSET)
        rollouts: list[BatchRolloutRequestRolloutsItem] | Unset = UNSET
        if _rollouts is not UNSET:
            rollouts = []
            for rollouts_item_data in _rollouts:
                rollouts_item = BatchRolloutRequestRolloutsItem.from_dict(
                    rollouts_item_data
                )

                rollouts.append(rollouts_item)

        batch_rollout_request = cls(
            metadata=metadata,
            pool_id=pool_id,
            requests=requests,
            rollouts=rollouts,
        )

        batch_rollout_request.additional_properties = d
        return batch_rollout_request

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
