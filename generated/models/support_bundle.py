from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_entry import ArtifactEntry
    from ..models.event_envelope import EventEnvelope
    from ..models.rollout import Rollout
    from ..models.support_bundle_config import SupportBundleConfig
    from ..models.support_bundle_routing import SupportBundleRouting
    from ..models.usage_snapshot import UsageSnapshot


T = TypeVar("T", bound="SupportBundle")


@_attrs_define
class SupportBundle:
    """
    Attributes:
        artifacts (list[ArtifactEntry]):
        events (list[EventEnvelope]): The rollout's events in seq order (the first and last ones when there are many;
            see events_omitted).
        rollout (Rollout):
        rollout_id (str):
        config (SupportBundleConfig | Unset):
        event_count (int | Unset): How many events the rollout has stored.
        events_omitted (int | Unset): Events left out of `events` to bound the bundle's size: it keeps the first and the
            last ones, and omits this many in between (0 when every event is there). Stream the events route for all of
            them.
        generated_at (str | Unset):
        redacted (bool | Unset): Always true: secrets are replaced before the bundle is built.
        routing (SupportBundleRouting | Unset):
        usage (None | Unset | UsageSnapshot):
    """

    artifacts: list[ArtifactEntry]
    events: list[EventEnvelope]
    rollout: Rollout
    rollout_id: str
    config: SupportBundleConfig | Unset = UNSET
    event_count: int | Unset = UNSET
    events_omitted: int | Unset = UNSET
    generated_at: str | Unset = UNSET
    redacted: bool | Unset = UNSET
    routing: SupportBundleRouting | Unset = UNSET
    usage: None | Unset | UsageSnapshot = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.artifact_entry import ArtifactEntry  # noqa: PLC0415
        from ..models.event_envelope import EventEnvelope  # noqa: PLC0415
        from ..models.rollout import Rollout  # noqa: PLC0415
        from ..models.support_bundle_config import SupportBundleConfig  # noqa: PLC0415
        from ..models.support_bundle_routing import SupportBundleRouting  # noqa: PLC0415
        from ..models.usage_snapshot import UsageSnapshot  # noqa: PLC0415

        artifacts = []
        for artifacts_item_data in self.artifacts:
            artifacts_item = artifacts_item_data.to_dict()
            artifacts.append(artifacts_item)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        rollout = self.rollout.to_dict()

        rollout_id = self.rollout_id

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        event_count = self.event_count

        events_omitted = self.events_omitted

        generated_at = self.generated_at

        redacted = self.redacted

        routing: dict[str, Any] | Unset = UNSET
        if not isinstance(self.routing, Unset):
            routing = self.routing.to_dict()

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
                "artifacts": artifacts,
                "events": events,
                "rollout": rollout,
                "rollout_id": rollout_id,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if event_count is not UNSET:
            field_dict["event_count"] = event_count
        if events_omitted is not UNSET:
            field_dict["events_omitted"] = events_omitted
        if generated_at is not UNSET:
            field_dict["generated_at"] = generated_at
        if redacted is not UNSET:
            field_dict["redacted"] = redacted
        if routing is not UNSET:
            field_dict["routing"] = routing
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.artifact_entry import ArtifactEntry  # noqa: PLC0415
        from ..models.event_envelope import EventEnvelope  # noqa: PLC0415
        from ..models.rollout import Rollout  # noqa: PLC0415
        from ..models.support_bundle_config import SupportBundleConfig  # noqa: PLC0415
        from ..models.support_bundle_routing import SupportBundleRouting  # noqa: PLC0415
        from ..models.usage_snapshot import UsageSnapshot  # noqa: PLC0415

        d = dict(src_dict)
        artifacts = []
        _artifacts = d.pop("artifacts")
        for artifacts_item_data in _artifacts:
            artifacts_item = ArtifactEntry.from_dict(artifacts_item_data)

            artifacts.append(artifacts_item)

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = EventEnvelope.from_dict(events_item_data)

            events.append(events_item)

        rollout = Rollout.from_dict(d.pop("rollout"))

        rollout_id = d.pop("rollout_id")

        _config = d.pop("config", UNSET)
        config: SupportBundleConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = SupportBundleConfig.from_dict(_config)

        event_count = d.pop("event_count", UNSET)

        events_omitted = d.pop("events_omitted", UNSET)

        generated_at = d.pop("generated_at", UNSET)

        redacted = d.pop("redacted", UNSET)

        _routing = d.pop("routing", UNSET)
        routing: SupportBundleRouting | Unset
        if isinstance(_routing, Unset):
            routing = UNSET
        else:
            routing = SupportBundleRouting.from_dict(_routing)

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

        support_bundle = cls(
            artifacts=artifacts,
            events=events,
            rollout=rollout,
            rollout_id=rollout_id,
            config=config,
            event_count=event_count,
            events_omitted=events_omitted,
            generated_at=generated_at,
            redacted=redacted,
            routing=routing,
            usage=usage,
        )

        support_bundle.additional_properties = d
        return support_bundle

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
