from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.container_rollout_request_context_overrides import (
        ContainerRolloutRequestContextOverrides,
    )
    from ..models.container_rollout_request_env import ContainerRolloutRequestEnv
    from ..models.container_rollout_request_limits import ContainerRolloutRequestLimits
    from ..models.container_rollout_request_messages_item import (
        ContainerRolloutRequestMessagesItem,
    )
    from ..models.container_rollout_request_metadata import (
        ContainerRolloutRequestMetadata,
    )
    from ..models.container_rollout_request_params import ContainerRolloutRequestParams
    from ..models.container_rollout_request_policy import ContainerRolloutRequestPolicy
    from ..models.container_rollout_request_policy_config import (
        ContainerRolloutRequestPolicyConfig,
    )
    from ..models.container_rollout_request_record import ContainerRolloutRequestRecord
    from ..models.container_rollout_request_safety import ContainerRolloutRequestSafety
    from ..models.container_rollout_request_task_contract import (
        ContainerRolloutRequestTaskContract,
    )


T = TypeVar("T", bound="ContainerRolloutRequest")


@_attrs_define
class ContainerRolloutRequest:
    """The canonical container rollout request: any key outside this set is refused.

    Attributes:
        context_overrides (ContainerRolloutRequestContextOverrides | Unset):
        env (ContainerRolloutRequestEnv | Unset): The task environment, e.g. {"seed": 0, "config": {...}}; string values
            also reach a local command as environment variables.
        inference_url (None | str | Unset):
        instance_id (None | str | Unset):
        limits (ContainerRolloutRequestLimits | Unset):
        messages (list[ContainerRolloutRequestMessagesItem] | Unset):
        metadata (ContainerRolloutRequestMetadata | Unset):
        mode (None | str | Unset):
        ops (list[Any] | Unset):
        override_bundle_id (None | str | Unset):
        params (ContainerRolloutRequestParams | Unset):
        policy (ContainerRolloutRequestPolicy | Unset):
        policy_config (ContainerRolloutRequestPolicyConfig | Unset):
        pool_id (None | str | Unset):
        record (ContainerRolloutRequestRecord | Unset):
        safety (ContainerRolloutRequestSafety | Unset):
        seed (int | None | Unset):
        task_contract (ContainerRolloutRequestTaskContract | Unset):
        task_id (None | str | Unset):
        trace_correlation_id (None | str | Unset):
    """

    context_overrides: ContainerRolloutRequestContextOverrides | Unset = UNSET
    env: ContainerRolloutRequestEnv | Unset = UNSET
    inference_url: None | str | Unset = UNSET
    instance_id: None | str | Unset = UNSET
    limits: ContainerRolloutRequestLimits | Unset = UNSET
    messages: list[ContainerRolloutRequestMessagesItem] | Unset = UNSET
    metadata: ContainerRolloutRequestMetadata | Unset = UNSET
    mode: None | str | Unset = UNSET
    ops: list[Any] | Unset = UNSET
    override_bundle_id: None | str | Unset = UNSET
    params: ContainerRolloutRequestParams | Unset = UNSET
    policy: ContainerRolloutRequestPolicy | Unset = UNSET
    policy_config: ContainerRolloutRequestPolicyConfig | Unset = UNSET
    pool_id: None | str | Unset = UNSET
    record: ContainerRolloutRequestRecord | Unset = UNSET
    safety: ContainerRolloutRequestSafety | Unset = UNSET
    seed: int | None | Unset = UNSET
    task_contract: ContainerRolloutRequestTaskContract | Unset = UNSET
    task_id: None | str | Unset = UNSET
    trace_correlation_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.container_rollout_request_context_overrides import (
            ContainerRolloutRequestContextOverrides,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_env import ContainerRolloutRequestEnv  # noqa: PLC0415
        from ..models.container_rollout_request_limits import (
            ContainerRolloutRequestLimits,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_messages_item import (
            ContainerRolloutRequestMessagesItem,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_metadata import (
            ContainerRolloutRequestMetadata,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_params import (
            ContainerRolloutRequestParams,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_policy import (
            ContainerRolloutRequestPolicy,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_policy_config import (
            ContainerRolloutRequestPolicyConfig,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_record import (
            ContainerRolloutRequestRecord,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_safety import (
            ContainerRolloutRequestSafety,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_task_contract import (
            ContainerRolloutRequestTaskContract,  # noqa: PLC0415
        )

        context_overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.context_overrides, Unset):
            context_overrides = self.context_overrides.to_dict()

        env: dict[str, Any] | Unset = UNSET
        if not isinstance(self.env, Unset):
            env = self.env.to_dict()

        inference_url: None | str | Unset
        if isinstance(self.inference_url, Unset):
            inference_url = UNSET
        else:
            inference_url = self.inference_url

        instance_id: None | str | Unset
        if isinstance(self.instance_id, Unset):
            instance_id = UNSET
        else:
            instance_id = self.instance_id

        limits: dict[str, Any] | Unset = UNSET
        if not isinstance(self.limits, Unset):
            limits = self.limits.to_dict()

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        mode: None | str | Unset
        if isinstance(self.mode, Unset):
            mode = UNSET
        else:
            mode = self.mode

        ops: list[Any] | Unset = UNSET
        if not isinstance(self.ops, Unset):
            ops = self.ops

        override_bundle_id: None | str | Unset
        if isinstance(self.override_bundle_id, Unset):
            override_bundle_id = UNSET
        else:
            override_bundle_id = self.override_bundle_id

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policy, Unset):
            policy = self.policy.to_dict()

        policy_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policy_config, Unset):
            policy_config = self.policy_config.to_dict()

        pool_id: None | str | Unset
        if isinstance(self.pool_id, Unset):
            pool_id = UNSET
        else:
            pool_id = self.pool_id

        record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.record, Unset):
            record = self.record.to_dict()

        safety: dict[str, Any] | Unset = UNSET
        if not isinstance(self.safety, Unset):
            safety = self.safety.to_dict()

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed

        task_contract: dict[str, Any] | Unset = UNSET
        if not isinstance(self.task_contract, Unset):
            task_contract = self.task_contract.to_dict()

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        trace_correlation_id: None | str | Unset
        if isinstance(self.trace_correlation_id, Unset):
            trace_correlation_id = UNSET
        else:
            trace_correlation_id = self.trace_correlation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if context_overrides is not UNSET:
            field_dict["context_overrides"] = context_overrides
        if env is not UNSET:
            field_dict["env"] = env
        if inference_url is not UNSET:
            field_dict["inference_url"] = inference_url
        if instance_id is not UNSET:
            field_dict["instance_id"] = instance_id
        if limits is not UNSET:
            field_dict["limits"] = limits
        if messages is not UNSET:
            field_dict["messages"] = messages
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if mode is not UNSET:
            field_dict["mode"] = mode
        if ops is not UNSET:
            field_dict["ops"] = ops
        if override_bundle_id is not UNSET:
            field_dict["override_bundle_id"] = override_bundle_id
        if params is not UNSET:
            field_dict["params"] = params
        if policy is not UNSET:
            field_dict["policy"] = policy
        if policy_config is not UNSET:
            field_dict["policy_config"] = policy_config
        if pool_id is not UNSET:
            field_dict["pool_id"] = pool_id
        if record is not UNSET:
            field_dict["record"] = record
        if safety is not UNSET:
            field_dict["safety"] = safety
        if seed is not UNSET:
            field_dict["seed"] = seed
        if task_contract is not UNSET:
            field_dict["task_contract"] = task_contract
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if trace_correlation_id is not UNSET:
            field_dict["trace_correlation_id"] = trace_correlation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.container_rollout_request_context_overrides import (
            ContainerRolloutRequestContextOverrides,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_env import ContainerRolloutRequestEnv  # noqa: PLC0415
        from ..models.container_rollout_request_limits import (
            ContainerRolloutRequestLimits,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_messages_item import (
            ContainerRolloutRequestMessagesItem,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_metadata import (
            ContainerRolloutRequestMetadata,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_params import (
            ContainerRolloutRequestParams,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_policy import (
            ContainerRolloutRequestPolicy,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_policy_config import (
            ContainerRolloutRequestPolicyConfig,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_record import (
            ContainerRolloutRequestRecord,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_safety import (
            ContainerRolloutRequestSafety,  # noqa: PLC0415
        )
        from ..models.container_rollout_request_task_contract import (
            ContainerRolloutRequestTaskContract,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _context_overrides = d.pop("context_overrides", UNSET)
        context_overrides: ContainerRolloutRequestContextOverrides | Unset
        if isinstance(_context_overrides, Unset):
            context_overrides = UNSET
        else:
            context_overrides = ContainerRolloutRequestContextOverrides.from_dict(
                _context_overrides
            )

        _env = d.pop("env", UNSET)
        env: ContainerRolloutRequestEnv | Unset
        if isinstance(_env, Unset):
            env = UNSET
        else:
            env = ContainerRolloutRequestEnv.from_dict(_env)

        def _parse_inference_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        inference_url = _parse_inference_url(d.pop("inference_url", UNSET))

        def _parse_instance_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance_id = _parse_instance_id(d.pop("instance_id", UNSET))

        _limits = d.pop("limits", UNSET)
        limits: ContainerRolloutRequestLimits | Unset
        if isinstance(_limits, Unset):
            limits = UNSET
        else:
            limits = ContainerRolloutRequestLimits.from_dict(_limits)

        _messages = d.pop("messages", UNSET)
        messages: list[ContainerRolloutRequestMessagesItem] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = ContainerRolloutRequestMessagesItem.from_dict(
                    messages_item_data
                )

                messages.append(messages_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: ContainerRolloutRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ContainerRolloutRequestMetadata.from_dict(_metadata)

        def _parse_mode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mode = _parse_mode(d.pop("mode", UNSET))

        ops = cast(list[Any], d.pop("ops", UNSET))

        def _parse_override_bundle_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        override_bundle_id = _parse_override_bundle_id(
            d.pop("override_bundle_id", UNSET)
        )

        _params = d.pop("params", UNSET)
        params: ContainerRolloutRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ContainerRolloutRequestParams.from_dict(_params)

        _policy = d.pop("policy", UNSET)
        policy: ContainerRolloutRequestPolicy | Unset
        if isinstance(_policy, Unset):
            policy = UNSET
        else:
            policy = ContainerRolloutRequestPolicy.from_dict(_policy)

        _policy_config = d.pop("policy_config", UNSET)
        policy_config: ContainerRolloutRequestPolicyConfig | Unset
        if isinstance(_policy_config, Unset):
            policy_config = UNSET
        else:
            policy_config = ContainerRolloutRequestPolicyConfig.from_dict(
                _policy_config
            )

        def _parse_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pool_id = _parse_pool_id(d.pop("pool_id", UNSET))

        _record = d.pop("record", UNSET)
        record: ContainerRolloutRequestRecord | Unset
        if isinstance(_record, Unset):
            record = UNSET
        else:
            record = ContainerRolloutRequestRecord.from_dict(_record)

        _safety = d.pop("safety", UNSET)
        safety: ContainerRolloutRequestSafety | Unset
        if isinstance(_safety, Unset):
            safety = UNSET
        else:
            safety = ContainerRolloutRequestSafety.from_dict(_safety)

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))

        _task_contract = d.pop("task_contract", UNSET)
        task_contract: ContainerRolloutRequestTaskContract | Unset
        if isinstance(_task_contract, Unset):
            task_contract = UNSET
        else:
            task_contract = ContainerRolloutRequestTaskContract.from_dict(
                _task_contract
            )

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        def _parse_trace_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trace_correlation_id = _parse_trace_correlation_id(
            d.pop("trace_correlation_id", UNSET)
        )

        container_rollout_request = cls(
            context_overrides=context_overrides,
            env=env,
            inference_url=inference_url,
            instance_id=instance_id,
            limits=limits,
            messages=messages,
            metadata=metadata,
            mode=mode,
            ops=ops,
            override_bundle_id=override_bundle_id,
            params=params,
            policy=policy,
            policy_config=policy_config,
            pool_id=pool_id,
            record=record,
            safety=safety,
            seed=seed,
            task_contract=task_contract,
            task_id=task_id,
            trace_correlation_id=trace_correlation_id,
        )

        container_rollout_request.additional_properties = d
        return container_rollout_request

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
