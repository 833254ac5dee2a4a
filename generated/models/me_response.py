from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.me_response_feature_flags import MeResponseFeatureFlags


T = TypeVar("T", bound="MeResponse")


@_attrs_define
class MeResponse:
    """The caller's organisation and user. The real service sends only org_id, org_name, user_email and user_id; plan,
    tier, feature_flags and environment_pools_enabled are optional (the local backend sends them, since it gates plans).

        Attributes:
            org_id (str):
            environment_pools_enabled (bool | Unset):
            feature_flags (MeResponseFeatureFlags | Unset):
            org_name (None | str | Unset):
            plan (None | str | Unset):
            tier (None | str | Unset):
            user_email (None | str | Unset):
            user_id (None | str | Unset):
    """

    org_id: str
    environment_pools_enabled: bool | Unset = UNSET
    feature_flags: MeResponseFeatureFlags | Unset = UNSET
    org_name: None | str | Unset = UNSET
    plan: None | str | Unset = UNSET
    tier: None | str | Unset = UNSET
    user_email: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.me_response_feature_flags import MeResponseFeatureFlags  # noqa: PLC0415

        org_id = self.org_id

        environment_pools_enabled = self.environment_pools_enabled

        feature_flags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.feature_flags, Unset):
            feature_flags = self.feature_flags.to_dict()

        org_name: None | str | Unset
        if isinstance(self.org_name, Unset):
            org_name = UNSET
        else:
            org_name = self.org_name

        plan: None | str | Unset
        if isinstance(self.plan, Unset):
            plan = UNSET
        else:
            plan = self.plan

        tier: None | str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier

        user_email: None | str | Unset
        if isinstance(self.user_email, Unset):
            user_email = UNSET
        else:
            user_email = self.user_email

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org_id": org_id,
            }
        )
        if environment_pools_enabled is not UNSET:
            field_dict["environment_pools_enabled"] = environment_pools_enabled
        if feature_flags is not UNSET:
            field_dict["feature_flags"] = feature_flags
        if org_name is not UNSET:
            field_dict["org_name"] = org_name
        if plan is not UNSET:
            field_dict["plan"] = plan
        if tier is not UNSET:
            field_dict["tier"] = tier
        if user_email is not UNSET:
            field_dict["user_email"] = user_email
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.me_response_feature_flags import MeResponseFeatureFlags  # noqa: PLC0415

        d = dict(src_dict)
        org_id = d.pop("org_id")

        environment_pools_enabled = d.pop("environment_pools_enabled", UNSET)

        _feature_flags = d.pop("feature_flags", UNSET)
        feature_flags: MeResponseFeatureFlags | Unset
        if isinstance(_feature_flags, Unset):
            feature_flags = UNSET
        else:
            feature_flags = MeResponseFeatureFlags.from_dict(_feature_flags)

        def _parse_org_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_name = _parse_org_name(d.pop("org_name", UNSET))

        def _parse_plan(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan = _parse_plan(d.pop("plan", UNSET))

        def _parse_tier(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))

        def _parse_user_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_email = _parse_user_email(d.pop("user_email", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))

        me_response = cls(
            org_id=org_id,
            environment_pools_enabled=environment_pools_enabled,
            feature_flags=feature_flags,
            org_name=org_name,
            plan=plan,
            tier=tier,
            user_email=user_email,
            user_id=user_id,
        )

        me_response.additional_properties = d
        return me_response

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
