from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_snapshot_provider_costs import UsageSnapshotProviderCosts


T = TypeVar("T", bound="UsageSnapshot")


@_attrs_define
class UsageSnapshot:
    """
    Attributes:
        rollout_id (str):
        browser_minutes (float | Unset):
        bytes_downloaded (int | Unset):
        bytes_uploaded (int | Unset):
        cost_usd (float | Unset):
        llm_input_tokens (int | Unset):
        llm_output_tokens (int | Unset):
        provider_costs (UsageSnapshotProviderCosts | Unset):
        sandbox_minutes (float | Unset):
        simulated (bool | Unset): Nothing ran (the local stand-in agent made the run up)
        wall_time_sec (float | Unset):
    """

    rollout_id: str
    browser_minutes: float | Unset = UNSET
    bytes_downloaded: int | Unset = UNSET
    bytes_uploaded: int | Unset = UNSET
    cost_usd: float | Unset = UNSET
    llm_input_tokens: int | Unset = UNSET
    llm_output_tokens: int | Unset = UNSET
    provider_costs: UsageSnapshotProviderCosts | Unset = UNSET
    sandbox_minutes: float | Unset = UNSET
    simulated: bool | Unset = UNSET
    wall_time_sec: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_snapshot_provider_costs import UsageSnapshotProviderCosts  # noqa: PLC0415

        rollout_id = self.rollout_id

        browser_minutes = self.browser_minutes

        bytes_downloaded = self.bytes_downloaded

        bytes_uploaded = self.bytes_uploaded

        cost_usd = self.cost_usd

        llm_input_tokens = self.llm_input_tokens

        llm_output_tokens = self.llm_output_tokens

        provider_costs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provider_costs, Unset):
            provider_costs = self.provider_costs.to_dict()

        sandbox_minutes = self.sandbox_minutes

        simulated = self.simulated

        wall_time_sec = self.wall_time_sec

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rollout_id": rollout_id,
            }
        )
        if browser_minutes is not UNSET:
            field_dict["browser_minutes"] = browser_minutes
        if bytes_downloaded is not UNSET:
            field_dict["bytes_downloaded"] = bytes_downloaded
        if bytes_uploaded is not UNSET:
            field_dict["bytes_uploaded"] = bytes_uploaded
        if cost_usd is not UNSET:
            field_dict["cost_usd"] = cost_usd
        if llm_input_tokens is not UNSET:
            field_dict["llm_input_tokens"] = llm_input_tokens
        if llm_output_tokens is not UNSET:
            field_dict["llm_output_tokens"] = llm_output_tokens
        if provider_costs is not UNSET:
            field_dict["provider_costs"] = provider_costs
        if sandbox_minutes is not UNSET:
            field_dict["sandbox_minutes"] = sandbox_minutes
        if simulated is not UNSET:
            field_dict["simulated"] = simulated
        if wall_time_sec is not UNSET:
            field_dict["wall_time_sec"] = wall_time_sec

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_snapshot_provider_costs import UsageSnapshotProviderCosts  # noqa: PLC0415

        d = dict(src_dict)
        rollout_id = d.pop("rollout_id")

        browser_minutes = d.pop("browser_minutes", UNSET)

        bytes_downloaded = d.pop("bytes_downloaded", UNSET)

        bytes_uploaded = d.pop("bytes_uploaded", UNSET)

        cost_usd = d.pop("cost_usd", UNSET)

        llm_input_tokens = d.pop("llm_input_tokens", UNSET)

        llm_output_tokens = d.pop("llm_output_tokens", UNSET)

        _provider_costs = d.pop("provider_costs", UNSET)
        provider_costs: UsageSnapshotProviderCosts | Unset
        if isinstance(_provider_costs, Unset):
            provider_costs = UNSET
        else:
            provider_costs = UsageSnapshotProviderCosts.from_dict(_provider_costs)

        sandbox_minutes = d.pop("sandbox_minutes", UNSET)

        simulated = d.pop("simulated", UNSET)

        wall_time_sec = d.pop("wall_time_sec", UNSET)

        usage_snapshot = cls(
            rollout_id=rollout_id,
            browser_minutes=browser_minutes,
            bytes_downloaded=bytes_downloaded,
            bytes_uploaded=bytes_uploaded,
            cost_usd=cost_usd,
            llm_input_tokens=llm_input_tokens,
            llm_output_tokens=llm_output_tokens,
            provider_costs=provider_costs,
            sandbox_minutes=sandbox_minutes,
            simulated=simulated,
            wall_time_sec=wall_time_sec,
        )

        usage_snapshot.additional_properties = d
        return usage_snapshot

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
