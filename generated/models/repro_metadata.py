from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.repro_metadata_dataset_provenance import (
        ReproMetadataDatasetProvenance,
    )


T = TypeVar("T", bound="ReproMetadata")


@_attrs_define
class ReproMetadata:
    """
    Attributes:
        agent_version (None | str | Unset):
        dataset_provenance (ReproMetadataDatasetProvenance | Unset):
        git_commit_id (None | str | Unset):
        git_ref (None | str | Unset):
        image_digest (None | str | Unset):
        model_id (None | str | Unset):
        sandbox_agent_version (None | str | Unset):
    """

    agent_version: None | str | Unset = UNSET
    dataset_provenance: ReproMetadataDatasetProvenance | Unset = UNSET
    git_commit_id: None | str | Unset = UNSET
    git_ref: None | str | Unset = UNSET
    image_digest: None | str | Unset = UNSET
    model_id: None | str | Unset = UNSET
    sandbox_agent_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.repro_metadata_dataset_provenance import (
            ReproMetadataDatasetProvenance,  # noqa: PLC0415
        )

        agent_version: None | str | Unset
        if isinstance(self.agent_version, Unset):
            agent_version = UNSET
        else:
            agent_version = self.agent_version

        dataset_provenance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dataset_provenance, Unset):
            dataset_provenance = self.dataset_provenance.to_dict()

        git_commit_id: None | str | Unset
        if isinstance(self.git_commit_id, Unset):
            git_commit_id = UNSET
        else:
            git_commit_id = self.git_commit_id

        git_ref: None | str | Unset
        if isinstance(self.git_ref, Unset):
            git_ref = UNSET
        else:
            git_ref = self.git_ref

        image_digest: None | str | Unset
        if isinstance(self.image_digest, Unset):
            image_digest = UNSET
        else:
            image_digest = self.image_digest

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        sandbox_agent_version: None | str | Unset
        if isinstance(self.sandbox_agent_version, Unset):
            sandbox_agent_version = UNSET
        else:
            sandbox_agent_version = self.sandbox_agent_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_version is not UNSET:
            field_dict["agent_version"] = agent_version
        if dataset_provenance is not UNSET:
            field_dict["dataset_provenance"] = dataset_provenance
        if git_commit_id is not UNSET:
            field_dict["git_commit_id"] = git_commit_id
        if git_ref is not UNSET:
            field_dict["git_ref"] = git_ref
        if image_digest is not UNSET:
            field_dict["image_digest"] = image_digest
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if sandbox_agent_version is not UNSET:
            field_dict["sandbox_agent_version"] = sandbox_agent_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.repro_metadata_dataset_provenance import (
            ReproMetadataDatasetProvenance,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_agent_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_version = _parse_agent_version(d.pop("agent_version", UNSET))

        _dataset_provenance = d.pop("dataset_provenance", UNSET)
        dataset_provenance: ReproMetadataDatasetProvenance | Unset
        if isinstance(_dataset_provenance, Unset):
            dataset_provenance = UNSET
        else:
            dataset_provenance = ReproMetadataDatasetProvenance.from_dict(
                _dataset_provenance
            )

        def _parse_git_commit_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        git_commit_id = _parse_git_commit_id(d.pop("git_commit_id", UNSET))

        def _parse_git_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        git_ref = _parse_git_ref(d.pop("git_ref", UNSET))

        def _parse_image_digest(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        image_digest = _parse_image_digest(d.pop("image_digest", UNSET))

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_sandbox_agent_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sandbox_agent_version = _parse_sandbox_agent_version(
            d.pop("sandbox_agent_version", UNSET)
        )

        repro_metadata = cls(
            agent_version=agent_version,
            dataset_provenance=dataset_provenance,
            git_commit_id=git_commit_id,
            git_ref=git_ref,
            image_digest=image_digest,
            model_id=model_id,
            sandbox_agent_version=sandbox_agent_version,
        )

        repro_metadata.additional_properties = d
        return repro_metadata

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
