from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pool_update_pool_type import (
    PoolUpdatePoolType,
    check_pool_update_pool_type,
)
from ..models.pool_update_target import PoolUpdateTarget, check_pool_update_target
from ..models.pool_update_template import PoolUpdateTemplate, check_pool_update_template
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.pool_resources import PoolResources
    from ..models.pool_task_instance import PoolTaskInstance
    from ..models.pool_update_metadata import PoolUpdateMetadata


T = TypeVar("T", bound="PoolUpdate")


@_attrs_define
class PoolUpdate:
    """Partial update: only the given fields change.

    Attributes:
        allowed_agents (list[str] | None | Unset):
        allowed_models (list[str] | None | Unset):
        backend (None | str | Unset):
        capacity (int | None | Unset):
        concurrency (int | None | Unset):
        idle_timeout_sec (int | None | Unset):
        max_queue (int | None | Unset):
        max_running (int | None | Unset):
        max_session_age_sec (int | None | Unset):
        metadata (PoolUpdateMetadata | Unset):
        org_id (None | str | Unset):
        policy_tags (list[str] | None | Unset):
        pool_type (PoolUpdatePoolType | Unset):
        prewarm (int | None | Unset):
        priority_weight (float | None | Unset):
        resources (None | PoolResources | Unset):
        reuse_policy (None | str | Unset):
        spend_limit_usd (float | None | Unset):
        target (PoolUpdateTarget | Unset): Deployment substrate (PoolTarget).
        tasks (list[PoolTaskInstance] | None | Unset):
        template (PoolUpdateTemplate | Unset): Fill unset fields from this preset.
    """

    allowed_agents: list[str] | None | Unset = UNSET
    allowed_models: list[str] | None | Unset = UNSET
    backend: None | str | Unset = UNSET
    capacity: int | None | Unset = UNSET
    concurrency: int | None | Unset = UNSET
    idle_timeout_sec: int | None | Unset = UNSET
    max_queue: int | None | Unset = UNSET
    max_running: int | None | Unset = UNSET
    max_session_age_sec: int | None | Unset = UNSET
    metadata: PoolUpdateMetadata | Unset = UNSET
    org_id: None | str | Unset = UNSET
    policy_tags: list[str] | None | Unset = UNSET
    pool_type: PoolUpdatePoolType | Unset = UNSET
    prewarm: int | None | Unset = UNSET
    priority_weight: float | None | Unset = UNSET
    resources: None | PoolResources | Unset = UNSET
    reuse_policy: None | str | Unset = UNSET
    spend_limit_usd: float | None | Unset = UNSET
    target: PoolUpdateTarget | Unset = UNSET
    tasks: list[PoolTaskInstance] | None | Unset = UNSET
    template: PoolUpdateTemplate | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pool_resources import PoolResources  # noqa: PLC0415
        from ..models.pool_task_instance import PoolTaskInstance  # noqa: PLC0415
        from ..models.pool_update_metadata import PoolUpdateMetadata  # noqa: PLC0415

        allowed_agents: list[str] | None | Unset
        if isinstance(self.allowed_agents, Unset):
            allowed_agents = UNSET
        elif isinstance(self.allowed_agents, list):
            allowed_agents = self.allowed_agents

        else:
            allowed_agents = self.allowed_agents

        allowed_models: list[str] | None | Unset
        if isinstance(self.allowed_models, Unset):
            allowed_models = UNSET
        elif isinstance(self.allowed_models, list):
            allowed_models = self.allowed_models

        else:
            allowed_models = self.allowed_models

        backend: None | str | Unset
        if isinstance(self.backend, Unset):
            backend = UNSET
        else:
            backend = self.backend

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        concurrency: int | None | Unset
        if isinstance(self.concurrency, Unset):
            concurrency = UNSET
        else:
            concurrency = self.concurrency

        idle_timeout_sec: int | None | Unset
        if isinstance(self.idle_timeout_sec, Unset):
            idle_timeout_sec = UNSET
        else:
            idle_timeout_sec = self.idle_timeout_sec

        max_queue: int | None | Unset
        if isinstance(self.max_queue, Unset):
            max_queue = UNSET
        else:
            max_queue = self.max_queue

        max_running: int | None | Unset
        if isinstance(self.max_running, Unset):
            max_running = UNSET
        else:
            max_running = self.max_running

        max_session_age_sec: int | None | Unset
        if isinstance(self.max_session_age_sec, Unset):
            max_session_age_sec = UNSET
        else:
            max_session_age_sec = self.max_session_age_sec

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        org_id: None | str | Unset
        if isinstance(self.org_id, Unset):
            org_id = UNSET
        else:
            org_id = self.org_id

        policy_tags: list[str] | None | Unset
        if isinstance(self.policy_tags, Unset):
            policy_tags = UNSET
        elif isinstance(self.policy_tags, list):
            policy_tags = self.policy_tags

        else:
            policy_tags = self.policy_tags

        pool_type: str | Unset = UNSET
        if not isinstance(self.pool_type, Unset):
            pool_type = self.pool_type

        prewarm: int | None | Unset
        if isinstance(self.prewarm, Unset):
            prewarm = UNSET
        else:
            prewarm = self.prewarm

        priority_weight: float | None | Unset
        if isinstance(self.priority_weight, Unset):
            priority_weight = UNSET
        else:
            priority_weight = self.priority_weight

        resources: dict[str, Any] | None | Unset
        if isinstance(self.resources, Unset):
            resources = UNSET
        elif isinstance(self.resources, PoolResources):
            resources = self.resources.to_dict()
        else:
            resources = self.resources

        reuse_policy: None | str | Unset
        if isinstance(self.reuse_policy, Unset):
            reuse_policy = UNSET
        else:
            reuse_policy = self.reuse_policy

        spend_limit_usd: float | None | Unset
        if isinstance(self.spend_limit_usd, Unset):
            spend_limit_usd = UNSET
        else:
            spend_limit_usd = self.spend_limit_usd

        target: str | Unset = UNSET
        if not isinstance(self.target, Unset):
            target = self.target

        tasks: list[dict[str, Any]] | None | Unset
        if isinstance(self.tasks, Unset):
            tasks = UNSET
        elif isinstance(self.tasks, list):
            tasks = []
            for tasks_type_0_item_data in self.tasks:
                tasks_type_0_item = tasks_type_0_item_data.to_dict()
                tasks.append(tasks_type_0_item)

        else:
            tasks = self.tasks

        template: str | Unset = UNSET
        if not isinstance(self.template, Unset):
            template = self.template

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if allowed_agents is not UNSET:
            field_dict["allowed_agents"] = allowed_agents
        if allowed_models is not UNSET:
            field_dict["allowed_models"] = allowed_models
        if backend is not UNSET:
            field_dict["backend"] = backend
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if idle_timeout_sec is not UNSET:
            field_dict["idle_timeout_sec"] = idle_timeout_sec
        if max_queue is not UNSET:
            field_dict["max_queue"] = max_queue
        if max_running is not UNSET:
            field_dict["max_running"] = max_running
        if max_session_age_sec is not UNSET:
            field_dict["max_session_age_sec"] = max_session_age_sec
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if org_id is not UNSET:
            field_dict["org_id"] = org_id
        if policy_tags is not UNSET:
            field_dict["policy_tags"] = policy_tags
        if pool_type is not UNSET:
            field_dict["pool_type"] = pool_type
        if prewarm is not UNSET:
            field_dict["prewarm"] = prewarm
        if priority_weight is not UNSET:
            field_dict["priority_weight"] = priority_weight
        if resources is not UNSET:
            field_dict["resources"] = resources
        if reuse_policy is not UNSET:
            field_dict["reuse_policy"] = reuse_policy
        if spend_limit_usd is not UNSET:
            field_dict["spend_limit_usd"] = spend_limit_usd
        if target is not UNSET:
            field_dict["target"] = target
        if tasks is not UNSET:
            field_dict["tasks"] = tasks
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pool_resources import PoolResources  # noqa: PLC0415
        from ..models.pool_task_instance import PoolTaskInstance  # noqa: PLC0415
        from ..models.pool_update_metadata import PoolUpdateMetadata  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_allowed_agents(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_agents_type_0 = cast(list[str], data)

                return allowed_agents_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_agents = _parse_allowed_agents(d.pop("allowed_agents", UNSET))

        def _parse_allowed_models(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_models_type_0 = cast(list[str], data)

                return allowed_models_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_models = _parse_allowed_models(d.pop("allowed_models", UNSET))

        def _parse_backend(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        backend = _parse_backend(d.pop("backend", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        def _parse_concurrency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        concurrency = _parse_concurrency(d.pop("concurrency", UNSET))

        def _parse_idle_timeout_sec(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        idle_timeout_sec = _parse_idle_timeout_sec(d.pop("idle_timeout_sec", UNSET))

        def _parse_max_queue(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_queue = _parse_max_queue(d.pop("max_queue", UNSET))

        def _parse_max_running(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_running = _parse_max_running(d.pop("max_running", UNSET))

        def _parse_max_session_age_sec(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_session_age_sec = _parse_max_session_age_sec(
            d.pop("max_session_age_sec", UNSET)
        )

        _metadata = d.pop("metadata", UNSET)
        metadata: PoolUpdateMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = PoolUpdateMetadata.from_dict(_metadata)

        def _parse_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_id = _parse_org_id(d.pop("org_id", UNSET))

        def _parse_policy_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                policy_tags_type_0 = cast(list[str], data)

                return policy_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        policy_tags = _parse_policy_tags(d.pop("policy_tags", UNSET))

        _pool_type = d.pop("pool_type", UNSET)
        pool_type: PoolUpdatePoolType | Unset
        if isinstance(_pool_type, Unset):
            pool_type = UNSET
        else:
            pool_type = check_pool_update_pool_type(_pool_type)

        def _parse_prewarm(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        prewarm = _parse_prewarm(d.pop("prewarm", UNSET))

        def _parse_priority_weight(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        priority_weight = _parse_priority_weight(d.pop("priority_weight", UNSET))

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

        def _parse_reuse_policy(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reuse_policy = _parse_reuse_policy(d.pop("reuse_policy", UNSET))

        def _parse_spend_limit_usd(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        spend_limit_usd = _parse_spend_limit_usd(d.pop("spend_limit_usd", UNSET))

        _target = d.pop("target", UNSET)
        target: PoolUpdateTarget | Unset
        if isinstance(_target, Unset):
            target = UNSET
        else:
            target = check_pool_update_target(_target)

        def _parse_tasks(data: object) -> list[PoolTaskInstance] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tasks_type_0 = []
                _tasks_type_0 = data
                for tasks_type_0_item_data in _tasks_type_0:
                    tasks_type_0_item = PoolTaskInstance.from_dict(
                        tasks_type_0_item_data
                    )

                    tasks_type_0.append(tasks_type_0_item)

                return tasks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PoolTaskInstance] | None | Unset, data)

        tasks = _parse_tasks(d.pop("tasks", UNSET))

        _template = d.pop("template", UNSET)
        template: PoolUpdateTemplate | Unset
        if isinstance(_template, Unset):
            template = UNSET
        else:
            template = check_pool_update_template(_template)

        pool_update = cls(
            allowed_agents=allowed_agents,
            allowed_models=allowed_models,
            backend=backend,
            capacity=capacity,
            concurrency=concurrency,
            idle_timeout_sec=idle_timeout_sec,
            max_queue=max_queue,
            max_running=max_running,
            max_session_age_sec=max_session_age_sec,
            metadata=metadata,
            org_id=org_id,
            policy_tags=policy_tags,
            pool_type=pool_type,
            prewarm=prewarm,
            priority_weight=priority_weight,
            resources=resources,
            reuse_policy=reuse_policy,
            spend_limit_usd=spend_limit_usd,
            target=target,
            tasks=tasks,
            template=template,
        )

        pool_update.additional_properties = d
        return pool_update

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
