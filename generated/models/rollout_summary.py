from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_envelope import EventEnvelope
    from ..models.usage_snapshot import UsageSnapshot


T = TypeVar("T", bound="RolloutSummary")


@_attrs_define
class RolloutSummary:
    """
    Attributes:
        rollout_id (str):
        status (str):
        artifact_count (int | Unset):
        created_at (str | Unset):
        event_count (int | Unset):
        finished_at (None | str | Unset):
        last_event (EventEnvelope | None | Unset):
        reward (float | None | Unset):
        status_reason (None | str | Unset):
        usage (None | Unset | UsageSnapshot):
    """

    rollout_id: str
    status: str
    artifact_count: int | Unset = UNSET
    created_at: str | Unset = UNSET
    event_count: int | Unset = UNSET
    finished_at: None | str | Unset = UNSET
    last_event: EventEnvelope | None | Unset = UNSET
    reward: float | None | Unset = UNSET
    status_reason: None | str | Unset = UNSET
    usage: None | Unset | UsageSnapshot = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_envelope import EventEnvelope  # noqa: PLC0415
        from ..models.usage_snapshot import UsageSnapshot  # noqa: PLC0415

        rollout_id = self.rollout_id

        status = self.status

        artifact_count = self.artifact_count

        created_at = self.created_at

        event_count = self.event_count

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        last_event: dict[str, Any] | None | Unset
        if isinstance(self.last_event, Unset):
            last_event = UNSET
        elif isinstance(self.last_event, EventEnvelope):
            last_event = self.last_event.to_dict()
        else:
            last_event = self.last_event

        reward: float | None | Unset
        if isinstance(self.reward, Unset):
            reward = UNSET
        else:
            reward = self.reward

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, UsageSnapshot):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rollout_id": rollout_id,
                "status": status,
            }
        )
        if artifact_count is not UNSET:
            field_dict["artifact_count"] = artifact_count
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if event_count is not UNSET:
            field_dict["event_count"] = event_count
        if finished_at is not UNSET:
            field_dict["finished_at"] = finished_at
        if last_event is not UNSET:
            field_dict["last_event"] = last_event
        if reward is not UNSET:
            field_dict["reward"] = reward
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_envelope import EventEnvelope  # noqa: PLC0415
        from ..models.usage_snapshot import UsageSnapshot  # noqa: PLC0415

        d = dict(src_dict)
        rollout_id = d.pop("rollout_id")

        status = d.pop("status")

        artifact_count = d.pop("artifact_count", UNSET)

        created_at = d.pop("created_at", UNSET)

        event_count = d.pop("event_count", UNSET)

        def _parse_finished_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        finished_at = _parse_finished_at(d.pop("finished_at", UNSET))

        def _parse_last_event(data: object) -> EventEnvelope | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_event_type_0 = EventEnvelope.from_dict(data)

                return last_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EventEnvelope | None | Unset, data)

        last_event = _parse_last_event(d.pop("last_event", UNSET))

        def _parse_reward(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        reward = _parse_reward(d.pop("reward", UNSET))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        def _parse_usage(data: object) -> None | Unset | UsageSnapshot:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                usage_type_0 = UsageSnapshot.from_dict(data)

                return usage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UsageSnapshot, data)

        usage = _parse_usage(d.pop("usage", UNSET))

        rollout_summary = cls(
            rollout_id=rollout_id,
            status=status,
            artifact_count=artifact_count,
            created_at=created_at,
            event_count=event_count,
            finished_at=finished_at,
            last_event=last_event,
            reward=reward,
            status_reason=status_reason,
            usage=usage,
        )

        rollout_summary.additional_properties = d
        return rollout_summary

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
