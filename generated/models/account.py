from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_feature_flags import AccountFeatureFlags


T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    """
    Attributes:
        feature_flags (AccountFeatureFlags):
        org_id (str):
        plan (str):
        environment_pools_enabled (bool | Unset):
        tier (None | str | Unset):
    """

    feature_flags: AccountFeatureFlags
    org_id: str
    plan: str
    environment_pools_enabled: bool | Unset = UNSET
    tier: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_feature_flags import AccountFeatureFlags  # noqa: PLC0415

        feature_flags = self.feature_flags.to_dict()

        org_id = self.org_id

        plan = self.plan

        environment_pools_enabled = self.environment_pools_enabled

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "feature_flags": feature_flags,
                "org_id": org_id,
                "plan": plan,
            }
        )
        if environment_pools_enabled is not UNSET:
            field_dict["environment_pools_enabled"] = environment_pools_enabled
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_feature_flags import AccountFeatureFlags  # noqa: PLC0415

        d = dict(src_dict)
        feature_flags = AccountFeatureFlags.from_dict(d.pop("feature_flags"))

        org_id = d.pop("org_id")

        plan = d.pop("plan")

        environment_pools_enabled = d.pop("environment_pools_enabled", UNSET)

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        account = cls(
            feature_flags=feature_flags,
            org_id=org_id,
            plan=plan,
            environment_pools_enabled=environment_pools_enabled,
            tier=tier,
        )

        account.additional_properties = d
        return account

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
