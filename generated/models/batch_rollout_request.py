from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata
    from ..models.rollout_request_v1 import RolloutRequestV1


T = TypeVar("T", bound="BatchRolloutRequest")


@_attrs_define
class BatchRolloutRequest:
    """
    Attributes:
        requests (list[RolloutRequestV1]):
        metadata (BatchRolloutRequestMetadata | Unset):
    """

    requests: list[RolloutRequestV1]
    metadata: BatchRolloutRequestMetadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata  # noqa: PLC0415
        from ..models.rollout_request_v1 import RolloutRequestV1  # noqa: PLC0415

        requests = []
        for requests_item_data in self.requests:
            requests_item = requests_item_data.to_dict()
            requests.append(requests_item)

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "requests": requests,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_rollout_request_metadata import BatchRolloutRequestMetadata  # noqa: PLC0415
        from ..models.rollout_request_v1 import RolloutRequestV1  # noqa: PLC0415

        d = dict(src_dict)
        requests = []
        _requests = d.pop("requests")
        for requests_item_data in _requests:
            requests_item = RolloutRequestV1.from_dict(requests_item_data)

            requests.append(requests_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: BatchRolloutRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = BatchRolloutRequestMetadata.from_dict(_metadata)

        batch_rollout_request = cls(
            requests=requests,
            metadata=metadata,
        )

        return batch_rollout_request
