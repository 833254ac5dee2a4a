from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rollout_links import RolloutLinks
    from ..models.rollout_metadata import RolloutMetadata
    from ..models.rollout_metrics import RolloutMetrics
    from ..models.rollout_request import RolloutRequest
    from ..models.rollout_result_type_0 import RolloutResultType0
    from ..models.rollout_reward_metrics_type_0 import RolloutRewardMetricsType0


T = TypeVar("T", bound="Rollout")


@_attrs_define
class Rollout:
    """
    Attributes:
        created_at (str):
        rollout_id (str):
        status (str): queued, running, succeeded, failed, cancelled, error, completed, validated, or a newer value.
        dataset (None | str | Unset):
        dry_run (bool | Unset):
        error (None | str | Unset): Why it failed or errored; null otherwise.
        finished_at (None | str | Unset):
        harness (None | str | Unset):
        id (str | Unset): The rollout's id (also rollout_id and trial_id).
        kind (str | Unset): environment or container.
        links (RolloutLinks | Unset):
        metadata (RolloutMetadata | Unset):
        metrics (RolloutMetrics | Unset): {"outcome_reward": <reward>} at a terminal status when a verifier produced a
            reward; empty otherwise.
        model_id (None | str | Unset):
        pool_id (None | str | Unset):
        priority (int | Unset):
        replay_of (None | str | Unset):
        request (RolloutRequest | Unset):
        result (None | RolloutResultType0 | Unset): At a terminal status, what scored the run: reward, verified,
            simulated and, when there is no reward, reward_reason.
        reward (float | None | Unset):
        reward_metrics (None | RolloutRewardMetricsType0 | Unset):
        reward_primary (float | None | Unset): The rollout's reward, as the service names it (reward carries the same
            value).
        reward_reason (None | str | Unset): Why the rollout has no reward (no verifier, simulated, task app not called),
            or null.
        score (float | None | Unset): The reward again (null when no verifier produced one).
        simulated (bool | Unset): The local backend's stand-in agent made the run up (no command ran); such a rollout
            never carries a reward.
        started_at (None | str | Unset):
        status_reason (None | str | Unset):
        success (bool | None | Unset): completed with no error; null before a terminal status, and for a completed run
            nothing verified (no verifier, or simulated).
        task_id (None | str | Unset):
        trial_id (str | Unset): The same id as rollout_id (Synth's scripts read trial_id).
        updated_at (None | str | Unset):
        verified (bool | Unset): A verifier ran and produced the reward.
    """

    created_at: str
    rollout_id: str
    status: str
    dataset: None | str | Unset = UNSET
    dry_run: bool | Unset = UNSET
    error: None | str | Unset = UNSET
    finished_at: None | str | Unset = UNSET
    harness: None | str | Unset = UNSET
    id: str | Unset = UNSET
    kind: str | Unset = UNSET
    links: RolloutLinks | Unset = UNSET
    metadata: RolloutMetadata | Unset = UNSET
    metrics: RolloutMetrics | Unset = UNSET
    model_id: None | str | Unset = UNSET
    pool_id: None | str | Unset = UNSET
    priority: int | Unset = UNSET
    replay_of: None | str | Unset = UNSET
    request: RolloutRequest | Unset = UNSET
    result: None | RolloutResultType0 | Unset = UNSET
    reward: float | None | Unset = UNSET
    reward_metrics: None | RolloutRewardMetricsType0 | Unset = UNSET
    reward_primary: float | None | Unset = UNSET
    reward_reason: None | str | Unset = UNSET
    score: float | None | Unset = UNSET
    simulated: bool | Unset = UNSET
    started_at: None | str | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    success: bool | None | Unset = UNSET
    task_id: None | str | Unset = UNSET
    trial_id: str | Unset = UNSET
    updated_at: None | str | Unset = UNSET
    verified: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rollout_links import RolloutLinks  # noqa: PLC0415
        from ..models.rollout_metadata import RolloutMetadata  # noqa: PLC0415
        from ..models.rollout_metrics import RolloutMetrics  # noqa: PLC0415
        from ..models.rollout_request import RolloutRequest  # noqa: PLC0415
        from ..models.rollout_result_type_0 import RolloutResultType0  # noqa: PLC0415
        from ..models.rollout_reward_metrics_type_0 import RolloutRewardMetricsType0  # noqa: PLC0415

        created_at = self.created_at

        rollout_id = self.rollout_id

        status = self.status

        dataset: None | str | Unset
        if isinstance(self.dataset, Unset):
            dataset = UNSET
        else:
            dataset = self.dataset

        dry_run = self.dry_run

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        harness: None | str | Unset
        if isinstance(self.harness, Unset):
            harness = UNSET
        else:
            harness = self.harness

        id = self.id

        kind = self.kind

        links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.links, Unset):
            links = self.links.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        model_id: None | str | Unset
        if isinstance(self.model_id, Unset):
            model_id = UNSET
        else:
            model_id = self.model_id

        pool_id: None | str | Unset
        if isinstance(self.pool_id, Unset):
            pool_id = UNSET
        else:
            pool_id = self.pool_id

        priority = self.priority

        replay_of: None | str | Unset
        if isinstance(self.replay_of, Unset):
            replay_of = UNSET
        else:
            replay_of = self.replay_of

        request: dict[str, Any] | Unset = UNSET
        if not isinstance(self.request, Unset):
            request = self.request.to_dict()

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, RolloutResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        reward: float | None | Unset
        if isinstance(self.reward, Unset):
            reward = UNSET
        else:
            reward = self.reward

        reward_metrics: dict[str, Any] | None | Unset
        if isinstance(self.reward_metrics, Unset):
            reward_metrics = UNSET
        elif isinstance(self.reward_metrics, RolloutRewardMetricsType0):
            reward_metrics = self.reward_metrics.to_dict()
        else:
            reward_metrics = self.reward_metrics

        reward_primary: float | None | Unset
        if isinstance(self.reward_primary, Unset):
            reward_primary = UNSET
        else:
            reward_primary = self.reward_primary

        reward_reason: None | str | Unset
        if isinstance(self.reward_reason, Unset):
            reward_reason = UNSET
        else:
            reward_reason = self.reward_reason

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        simulated = self.simulated

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        else:
            started_at = self.started_at

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        success: bool | None | Unset
        if isinstance(self.success, Unset):
            success = UNSET
        else:
            success = self.success

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        trial_id = self.trial_id

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = self.updated_at

        verified = self.verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "rollout_id": rollout_id,
                "status": status,
            }
        )
        if dataset is not UNSET:
            field_dict["dataset"] = dataset
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if error is not UNSET:
            field_dict["error"] = error
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if harness is not UNSET:
            field_dict["harness"] = harness
        if id is not UNSET:
            field_dict["id"] = id
        if kind is not UNSET:
            field_dict["kind"] = kind
        if links is not UNSET:
            field_dict["links"] = links
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if model_id is not UNSET:
            field_dict["model_id"] = model_id
        if pool_id is not UNSET:
            field_dict["pool_id"] = pool_id
        if priority is not UNSET:
            field_dict["priority"] = priority
        if replay_of is not UNSET:
            field_dict["replay_of"] = replay_of
        if request is not UNSET:
            field_dict["request"] = request
        if result is not UNSET:
            field_dict["result"] = result
        if reward is not UNSET:
            field_dict["reward"] = reward
        if reward_metrics is not UNSET:
            field_dict["reward_metrics"] = reward_metrics
        if reward_primary is not UNSET:
            field_dict["reward_primary"] = reward_primary
        if reward_reason is not UNSET:
            field_dict["reward_reason"] = reward_reason
        if score is not UNSET:
            field_dict["score"] = score
        if simulated is not UNSET:
            field_dict["simulated"] = simulated
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if success is not UNSET:
            field_dict["success"] = success
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if trial_id is not UNSET:
            field_dict["trial_id"] = trial_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if verified is not UNSET:
            field_dict["verified"] = verified

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rollout_links import RolloutLinks  # noqa: PLC0415
        from ..models.rollout_metadata import RolloutMetadata  # noqa: PLC0415
        from ..models.rollout_metrics import RolloutMetrics  # noqa: PLC0415
        from ..models.rollout_request import RolloutRequest  # noqa: PLC0415
        from ..models.rollout_result_type_0 import RolloutResultType0  # noqa: PLC0415
        from ..models.rollout_reward_metrics_type_0 import RolloutRewardMetricsType0  # noqa: PLC0415

        d = dict(src_dict)
        created_at = d.pop("created_at")

        rollout_id = d.pop("rollout_id")

        status = d.pop("status")

        def _parse_dataset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        dataset = _parse_dataset(d.pop("dataset", UNSET))

        dry_run = d.pop("dry_run", UNSET)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_finished_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_harness(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        harness = _parse_harness(d.pop("harness", UNSET))

        id = d.pop("id", UNSET)

        kind = d.pop("kind", UNSET)

        _links = d.pop("links", UNSET)
        links: RolloutLinks | Unset
        if isinstance(_links, Unset):
            links = UNSET
        else:
            links = RolloutLinks.from_dict(_links)

        _metadata = d.pop("metadata", UNSET)
        metadata: RolloutMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RolloutMetadata.from_dict(_metadata)

        _metrics = d.pop("metrics", UNSET)
        metrics: RolloutMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = RolloutMetrics.from_dict(_metrics)

        def _parse_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model_id = _parse_model_id(d.pop("model_id", UNSET))

        def _parse_pool_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pool_id = _parse_pool_id(d.pop("pool_id", UNSET))

        priority = d.pop("priority", UNSET)

        def _parse_replay_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        replay_of = _parse_replay_of(d.pop("replay_of", UNSET))

        _request = d.pop("request", UNSET)
        request: RolloutRequest | Unset
        if isinstance(_request, Unset):
            request = UNSET
        else:
            request = RolloutRequest.from_dict(_request)

        def _parse_result(data: object) -> None | RolloutResultType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = RolloutResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RolloutResultType0 | Unset, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_reward(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        reward = _parse_reward(d.pop("reward", UNSET))

        def _parse_reward_metrics(
            data: object,
        ) -> None | RolloutRewardMetricsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reward_metrics_type_0 = RolloutRewardMetricsType0.from_dict(data)

                return reward_metrics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RolloutRewardMetricsType0 | Unset, data)

        reward_metrics = _parse_reward_metrics(d.pop("reward_metrics", UNSET))

        def _parse_reward_primary(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        reward_primary = _parse_reward_primary(d.pop("reward_primary", UNSET))

        def _parse_reward_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reward_reason = _parse_reward_reason(d.pop("reward_reason", UNSET))

        def _parse_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        simulated = d.pop("simulated", UNSET)

        def _parse_started_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        def _parse_success(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        success = _parse_success(d.pop("success", UNSET))

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        trial_id = d.pop("trial_id", UNSET)

        def _parse_updated_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        verified = d.pop("verified", UNSET)

        rollout = cls(
            created_at=created_at,
            rollout_id=rollout_id,
            status=status,
            dataset=dataset,
            dry_run=dry_run,
            error=error,
            finished_at=finished_at,
            harness=harness,
            id=id,
            kind=kind,
            links=links,
            metadata=metadata,
            metrics=metrics,
            model_id=model_id,
            pool_id=pool_id,
            priority=priority,
            replay_of=replay_of,
            request=request,
            result=result,
            reward=reward,
            reward_metrics=reward_metrics,
            reward_primary=reward_primary,
            reward_reason=reward_reason,
            score=score,
            simulated=simulated,
            started_at=started_at,
            status_reason=status_reason,
            success=success,
            task_id=task_id,
            trial_id=trial_id,
            updated_at=updated_at,
            verified=verified,
        )

        rollout.additional_properties = d
        return rollout

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
