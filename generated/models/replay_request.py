from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.replay_request_metadata import ReplayRequestMetadata
    from ..models.replay_request_overrides import ReplayRequestOverrides


T = TypeVar("T", bound="ReplayRequest")


@_attrs_define
class ReplayRequest:
    """overrides replace top-level keys of the original request and metadata merges into its metadata; when the merged
    request is no longer a valid request of the original's kind the server answers 409 invalid_overrides, naming each
    field.

        Attributes:
            metadata (ReplayRequestMetadata | Unset):
            overrides (ReplayRequestOverrides | Unset):
    """

    metadata: ReplayRequestMetadata | Unset = UNSET
    overrides: ReplayRequestOverrides | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.replay_request_metadata import ReplayRequestMetadata  # noqa: PLC0415
        from ..models.replay_request_overrides import ReplayRequestOverrides  # noqa: PLC0415

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if overrides is not UNSET:
            field_dict["overrides"] = overrides

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.replay_request_metadata import ReplayRequestMetadata  # noqa: PLC0415
        from ..models.replay_request_overrides import ReplayRequestOverrides  # noqa: PLC0415

        d = dict(src_dict)
        _metadata = d.pop("metadata", UNSET)
        metadata: ReplayRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ReplayRequestMetadata.from_dict(_metadata)

        _overrides = d.pop("overrides", UNSET)
        overrides: ReplayRequestOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = ReplayRequestOverrides.from_dict(_overrides)

        replay_request = cls(
            metadata=metadata,
            overrides=overrides,
        )

        return replay_request
