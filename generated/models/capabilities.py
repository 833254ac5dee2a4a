from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_capability import AgentCapability
    from ..models.backend_capability import BackendCapability
    from ..models.capabilities_features import CapabilitiesFeatures
    from ..models.capabilities_limits import CapabilitiesLimits


T = TypeVar("T", bound="Capabilities")


@_attrs_define
class Capabilities:
    """
    Attributes:
        agents (list[AgentCapability]):
        backends (list[BackendCapability]):
        pool_types (list[str]):
        api_version (str | Unset):
        features (CapabilitiesFeatures | Unset):
        limits (CapabilitiesLimits | Unset):
        not_supported_locally (list[str] | Unset): operationIds this server answers with 501 not_supported_locally (the
            local backend has no handler for them; the real service serves them). Absent or empty on the real service.
        pool_targets (list[str] | Unset):
        simulated (bool | Unset):
    """

    agents: list[AgentCapability]
    backends: list[BackendCapability]
    pool_types: list[str]
    api_version: str | Unset = UNSET
    features: CapabilitiesFeatures | Unset = UNSET
    limits: CapabilitiesLimits | Unset = UNSET
    not_supported_locally: list[str] | Unset = UNSET
    pool_targets: list[str] | Unset = UNSET
    simulated: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_capability import AgentCapability  # noqa: PLC0415
        from ..models.backend_capability import BackendCapability  # noqa: PLC0415
        from ..models.capabilities_features import CapabilitiesFeatures  # noqa: PLC0415
        from ..models.capabilities_limits import CapabilitiesLimits  # noqa: PLC0415

        agents = []
        for agents_item_data in self.agents:
            agents_item = agents_item_data.to_dict()
            agents.append(agents_item)

        backends = []
        for backends_item_data in self.backends:
            backends_item = backends_item_data.to_dict()
            backends.append(backends_item)

        pool_types = self.pool_types

        api_version = self.api_version

        features: dict[str, Any] | Unset = UNSET
        if not isinstance(self.features, Unset):
            features = self.features.to_dict()

        limits: dict[str, Any] | Unset = UNSET
        if not isinstance(self.limits, Unset):
            limits = self.limits.to_dict()

        not_supported_locally: list[str] | Unset = UNSET
        if not isinstance(self.not_supported_locally, Unset):
            not_supported_locally = self.not_supported_locally

        pool_targets: list[str] | Unset = UNSET
        if not isinstance(self.pool_targets, Unset):
            pool_targets = self.pool_targets

        simulated = self.simulated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agents": agents,
                "backends": backends,
                "pool_types": pool_types,
            }
        )
        if api_version is not UNSET:
            field_dict["api_version"] = api_version
        if features is not UNSET:
            field_dict["features"] = features
        if limits is not UNSET:
            field_dict["limits"] = limits
        if not_supported_locally is not UNSET:
            field_dict["not_supported_locally"] = not_supported_locally
        if pool_targets is not UNSET:
            field_dict["pool_targets"] = pool_targets
        if simulated is not UNSET:
            field_dict["simulated"] = simulated

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_capability import AgentCapability  # noqa: PLC0415
        from ..models.backend_capability import BackendCapability  # noqa: PLC0415
        from ..models.capabilities_features import CapabilitiesFeatures  # noqa: PLC0415
        from ..models.capabilities_limits import CapabilitiesLimits  # noqa: PLC0415

        d = dict(src_dict)
        agents = []
        _agents = d.pop("agents")
        for agents_item_data in _agents:
            agents_item = AgentCapability.from_dict(agents_item_data)

            agents.append(agents_item)

        backends = []
        _backends = d.pop("backends")
        for backends_item_data in _backends:
            backends_item = BackendCapability.from_dict(backends_item_data)

            backends.append(backends_item)

        pool_types = cast(list[str], d.pop("pool_types"))

        api_version = d.pop("api_version", UNSET)

        _features = d.pop("features", UNSET)
        features: CapabilitiesFeatures | Unset
        if isinstance(_features, Unset):
            features = UNSET
        else:
            features = CapabilitiesFeatures.from_dict(_features)

        _limits = d.pop("limits", UNSET)
        limits: CapabilitiesLimits | Unset
        if isinstance(_limits, Unset):
            limits = UNSET
        else:
            limits = CapabilitiesLimits.from_dict(_limits)

        not_supported_locally = cast(list[str], d.pop("not_supported_locally", UNSET))

        pool_targets = cast(list[str], d.pop("pool_targets", UNSET))

        simulated = d.pop("simulated", UNSET)

        capabilities = cls(
            agents=agents,
            backends=backends,
            pool_types=pool_types,
            api_version=api_version,
            features=features,
            limits=limits,
            not_supported_locally=not_supported_locally,
            pool_targets=pool_targets,
            simulated=simulated,
        )

        capabilities.additional_properties = d
        return capabilities

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
