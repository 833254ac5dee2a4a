from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_envelope_data import EventEnvelopeData


T = TypeVar("T", bound="EventEnvelope")


@_attrs_define
class EventEnvelope:
    """
    Attributes:
        data (EventEnvelopeData):
        event (str): lifecycle, agent, verifier, reward, heartbeat, error, or a newer type.
        id (str): The event's seq as a string (other servers may send "<rollout_id>:<seq>"); resume after it with
            after_sequence.
        seq (int): Per-rollout monotonic sequence number.
        rollout_id (str | Unset):
        timestamp (str | Unset):
    """

    data: EventEnvelopeData
    event: str
    id: str
    seq: int
    rollout_id: str | Unset = UNSET
    timestamp: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_envelope_data import EventEnvelopeData  # noqa: PLC0415

        data = self.data.to_dict()

        event = self.event

        id = self.id

        seq = self.seq

        rollout_id = self.rollout_id

        timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "event": event,
                "id": id,
                "seq": seq,
            }
        )
        if rollout_id is not UNSET:
            field_dict["rollout_id"] = rollout_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_envelope_data import EventEnvelopeData  # noqa: PLC0415

        d = dict(src_dict)
        data = EventEnvelopeData.from_dict(d.pop("data"))

        event = d.pop("event")

        id = d.pop("id")

        seq = d.pop("seq")

        rollout_id = d.pop("rollout_id", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        event_envelope = cls(
            data=data,
            event=event,
            id=id,
            seq=seq,
            rollout_id=rollout_id,
            timestamp=timestamp,
        )

        event_envelope.additional_properties = d
        return event_envelope

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
