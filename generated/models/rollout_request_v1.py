from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_spec import AgentSpec
    from ..models.environment_spec import EnvironmentSpec
    from ..models.repro_metadata import ReproMetadata
    from ..models.rollout_request_v1_metadata import RolloutRequestV1Metadata
    from ..models.task_ref import TaskRef
    from ..models.timeout_spec import TimeoutSpec


T = TypeVar("T", bound="RolloutRequestV1")


@_attrs_define
class RolloutRequestV1:
    """An environment-pools rollout. Exactly one routing target is needed: pool_id, pool_tags or environment (the server
    answers 422 otherwise).

        Attributes:
            agent (AgentSpec):
            task_ref (TaskRef):
            dry_run (bool | None | Unset):
            environment (EnvironmentSpec | None | Unset):
            metadata (RolloutRequestV1Metadata | Unset):
            pool_id (None | str | Unset):
            pool_tags (list[str] | None | Unset):
            priority (int | None | Unset):
            repro_metadata (None | ReproMetadata | Unset):
            task_app_url (str | Unset): URL of the task app (later releases: container_url).
            timeouts (TimeoutSpec | Unset):
    """

    agent: AgentSpec
    task_ref: TaskRef
    dry_run: bool | None | Unset = UNSET
    environment: EnvironmentSpec | None | Unset = UNSET
    metadata: RolloutRequestV1Metadata | Unset = UNSET
    pool_id: None | str | Unset = UNSET
    pool_tags: list[str] | None | Unset = UNSET
    priority: int | None | Unset = UNSET
    repro_metadata: None | ReproMetadata | Unset = UNSET
    task_app_url: str | Unset = UNSET
    timeouts: TimeoutSpec | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_spec import AgentSpec  # noqa: PLC0415
        from ..models.environment_spec import EnvironmentSpec  # noqa: PLC0415
        from ..models.repro_metadata import ReproMetadata  # noqa: PLC0415
        from ..models.rollout_request_v1_metadata import RolloutRequestV1Metadata  # noqa: PLC0415
        from ..models.task_ref import TaskRef  # noqa: PLC0415
        from ..models.timeout_spec import TimeoutSpec  # noqa: PLC0415

        agent = self.agent.to_dict()

        task_ref = self.task_ref.to_dict()

        dry_run: bool | None | Unset
        if isinstance(self.dry_run, Unset):
            dry_run = UNSET
        else:
            dry_run = self.dry_run

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

        pool_tags: list[str] | None | Unset
        if isinstance(self.pool_tags, Unset):
            pool_tags = UNSET
        elif isinstance(self.pool_tags, list):
            pool_tags = self.pool_tags

        else:
            pool_tags = self.pool_tags

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
            priority = self.priority

        repro_metadata: dict[str, Any] | None | Unset
        if isinstance(self.repro_metadata, Unset):
            repro_metadata = UNSET
        elif isinstance(self.repro_metadata, ReproMetadata):
            repro_metadata = self.repro_metadata.to_dict()
        else:
            repro_metadata = self.repro_metadata

        task_app_url = self.task_app_url

        timeouts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.timeouts, Unset):
            timeouts = self.timeouts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent": agent,
                "task_ref": task_ref,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if environment is not UNSET:
            field_dict["environment"] = environment
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if pool_id is not UNSET:
            field_dict["pool_id"] = pool_id
        if pool_tags is not UNSET:
            field_dict["pool_tags"] = pool_tags
        if priority is not UNSET:
            field_dict["priority"] = priority
        if repro_metadata is not UNSET:
            field_dict["repro_metadata"] = repro_metadata
        if task_app_url is not UNSET:
            field_dict["task_app_url"] = task_app_url
        if timeouts is not UNSET:
            field_dict["timeouts"] = timeouts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_spec import AgentSpec  # noqa: PLC0415
        from ..models.environment_spec import EnvironmentSpec  # noqa: PLC0415
        from ..models.repro_metadata import ReproMetadata  # noqa: PLC0415
        from ..models.rollout_request_v1_metadata import RolloutRequestV1Metadata  # noqa: PLC0415
        from ..models.task_ref import TaskRef  # noqa: PLC0415
        from ..models.timeout_spec import TimeoutSpec  # noqa: PLC0415

        d = dict(src_dict)
        agent = AgentSpec.from_dict(d.pop("agent"))

        task_ref = TaskRef.from_dict(d.pop("task_ref"))

        def _parse_dry_run(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        dry_run = _parse_dry_run(d.pop("dry_run", UNSET))

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
        metadata: RolloutRequestV1Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RolloutRequestV1Metadata.from_dict(_metadata)

        def _parse_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pool_id = _parse_pool_id(d.pop("pool_id", UNSET))

        def _parse_pool_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pool_tags_type_0 = cast(list[str], data)

                return pool_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        pool_tags = _parse_pool_tags(d.pop("pool_tags", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        def _parse_repro_metadata(data: object) -> None | ReproMetadata | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                repro_metadata_type_0 = ReproMetadata.from_dict(data)

                return repro_metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReproMetadata | Unset, data)

        repro_metadata = _parse_repro_metadata(d.pop("repro_metadata", UNSET))

        task_app_url = d.pop("task_app_url", UNSET)

        _timeouts = d.pop("timeouts", UNSET)
        timeouts: TimeoutSpec | Unset
        if isinstance(_timeouts, Unset):
            timeouts = UNSET
        else:
            timeouts = TimeoutSpec.from_dict(_timeouts)

        rollout_request_v1 = cls(
            agent=agent,
            task_ref=task_ref,
            dry_run=dry_run,
            environment=environment,
            metadata=metadata,
            pool_id=pool_id,
            pool_tags=pool_tags,
            priority=priority,
            repro_metadata=repro_metadata,
            task_app_url=task_app_url,
            timeouts=timeouts,
        )

        rollout_request_v1.additional_properties = d
        return rollout_request_v1

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
