"""Contains all the data models used in inputs/outputs.

Each model is imported on first access (PEP 562 module ``__getattr__``), so importing one
operation loads only the models it needs. This file comes from openapi/templates/models_init.py.jinja.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .agent_capability import AgentCapability
    from .agent_spec import AgentSpec
    from .artifact_entry import ArtifactEntry
    from .artifact_manifest import ArtifactManifest
    from .backend_capability import BackendCapability
    from .batch_rollout_request import BatchRolloutRequest
    from .batch_rollout_request_metadata import BatchRolloutRequestMetadata
    from .batch_rollout_request_rollouts_item import BatchRolloutRequestRolloutsItem
    from .batch_rollout_response import BatchRolloutResponse
    from .batch_rollout_response_rejected_item import BatchRolloutResponseRejectedItem
    from .cancel_request import CancelRequest
    from .capabilities import Capabilities
    from .capabilities_features import CapabilitiesFeatures
    from .capabilities_limits import CapabilitiesLimits
    from .container_health import ContainerHealth
    from .container_health_checks import ContainerHealthChecks
    from .container_info import ContainerInfo
    from .container_lease import ContainerLease
    from .container_lease_create import ContainerLeaseCreate
    from .container_lease_create_metadata import ContainerLeaseCreateMetadata
    from .container_lease_metadata import ContainerLeaseMetadata
    from .container_lease_renew import ContainerLeaseRenew
    from .container_metadata import ContainerMetadata
    from .container_metadata_labels import ContainerMetadataLabels
    from .container_metadata_metadata import ContainerMetadataMetadata
    from .container_rollout_request import ContainerRolloutRequest
    from .container_rollout_request_context_overrides import (
        ContainerRolloutRequestContextOverrides,
    )
    from .container_rollout_request_env import ContainerRolloutRequestEnv
    from .container_rollout_request_limits import ContainerRolloutRequestLimits
    from .container_rollout_request_messages_item import (
        ContainerRolloutRequestMessagesItem,
    )
    from .container_rollout_request_metadata import ContainerRolloutRequestMetadata
    from .container_rollout_request_params import ContainerRolloutRequestParams
    from .container_rollout_request_policy import ContainerRolloutRequestPolicy
    from .container_rollout_request_policy_config import (
        ContainerRolloutRequestPolicyConfig,
    )
    from .container_rollout_request_record import ContainerRolloutRequestRecord
    from .container_rollout_request_safety import ContainerRolloutRequestSafety
    from .container_rollout_request_task_contract import (
        ContainerRolloutRequestTaskContract,
    )
    from .credential_create import CredentialCreate
    from .credential_create_metadata_type_0 import CredentialCreateMetadataType0
    from .credential_response import CredentialResponse
    from .credential_response_metadata_type_0 import CredentialResponseMetadataType0
    from .credential_rotate import CredentialRotate
    from .credential_type import CredentialType
    from .data_source import DataSource
    from .deleted import Deleted
    from .deployment_operation_request import DeploymentOperationRequest
    from .deployment_operation_request_operation import (
        DeploymentOperationRequestOperation,
    )
    from .deployment_operation_request_payload import DeploymentOperationRequestPayload
    from .environment_spec import EnvironmentSpec
    from .environment_spec_config import EnvironmentSpecConfig
    from .error_body import ErrorBody
    from .error_detail import ErrorDetail
    from .error_response import ErrorResponse
    from .event_envelope import EventEnvelope
    from .event_envelope_data import EventEnvelopeData
    from .event_page import EventPage
    from .find_deployment_operation_response import FindDeploymentOperationResponse
    from .get_deployment_operation_response import GetDeploymentOperationResponse
    from .get_deployment_response import GetDeploymentResponse
    from .get_openapi_schema_response_200 import GetOpenapiSchemaResponse200
    from .get_schema_json_response_200 import GetSchemaJsonResponse200
    from .harbor_rollout_request import HarborRolloutRequest
    from .harbor_rollout_request_harbor import HarborRolloutRequestHarbor
    from .harbor_rollout_request_metadata import HarborRolloutRequestMetadata
    from .http_validation_error import HTTPValidationError
    from .me_response import MeResponse
    from .me_response_feature_flags import MeResponseFeatureFlags
    from .mutate_deployment_response import MutateDeploymentResponse
    from .pool import Pool
    from .pool_config_v1 import PoolConfigV1
    from .pool_config_v1_metadata import PoolConfigV1Metadata
    from .pool_config_v1_pool_type import PoolConfigV1PoolType
    from .pool_config_v1_target import PoolConfigV1Target
    from .pool_config_v1_template import PoolConfigV1Template
    from .pool_created import PoolCreated
    from .pool_metadata import PoolMetadata
    from .pool_metrics import PoolMetrics
    from .pool_page import PoolPage
    from .pool_resources import PoolResources
    from .pool_rollout_models_response import PoolRolloutModelsResponse
    from .pool_task import PoolTask
    from .pool_task_archipelago_type_0 import PoolTaskArchipelagoType0
    from .pool_task_browser_type_0 import PoolTaskBrowserType0
    from .pool_task_config_type_0 import PoolTaskConfigType0
    from .pool_task_env_vars_type_0 import PoolTaskEnvVarsType0
    from .pool_task_harbor_input_type_0 import PoolTaskHarborInputType0
    from .pool_task_harbor_type_0 import PoolTaskHarborType0
    from .pool_task_instance import PoolTaskInstance
    from .pool_task_instance_archipelago_type_0 import PoolTaskInstanceArchipelagoType0
    from .pool_task_instance_browser_type_0 import PoolTaskInstanceBrowserType0
    from .pool_task_instance_config_type_0 import PoolTaskInstanceConfigType0
    from .pool_task_instance_env_vars_type_0 import PoolTaskInstanceEnvVarsType0
    from .pool_task_instance_harbor_input_type_0 import PoolTaskInstanceHarborInputType0
    from .pool_task_instance_harbor_type_0 import PoolTaskInstanceHarborType0
    from .pool_task_instance_openenv_deployment_type_0 import (
        PoolTaskInstanceOpenenvDeploymentType0,
    )
    from .pool_task_instance_openenv_rollout_type_0 import (
        PoolTaskInstanceOpenenvRolloutType0,
    )
    from .pool_task_openenv_deployment_type_0 import PoolTaskOpenenvDeploymentType0
    from .pool_task_openenv_rollout_type_0 import PoolTaskOpenenvRolloutType0
    from .pool_task_patch import PoolTaskPatch
    from .pool_task_patch_archipelago_type_0 import PoolTaskPatchArchipelagoType0
    from .pool_task_patch_browser_type_0 import PoolTaskPatchBrowserType0
    from .pool_task_patch_config_type_0 import PoolTaskPatchConfigType0
    from .pool_task_patch_env_vars_type_0 import PoolTaskPatchEnvVarsType0
    from .pool_task_patch_harbor_input_type_0 import PoolTaskPatchHarborInputType0
    from .pool_task_patch_harbor_type_0 import PoolTaskPatchHarborType0
    from .pool_task_patch_openenv_deployment_type_0 import (
        PoolTaskPatchOpenenvDeploymentType0,
    )
    from .pool_task_patch_openenv_rollout_type_0 import PoolTaskPatchOpenenvRolloutType0
    from .pool_update import PoolUpdate
    from .pool_update_metadata import PoolUpdateMetadata
    from .pool_update_pool_type import PoolUpdatePoolType
    from .pool_update_target import PoolUpdateTarget
    from .pool_update_template import PoolUpdateTemplate
    from .pool_urls import PoolUrls
    from .queue_pool_status import QueuePoolStatus
    from .queue_status import QueueStatus
    from .replay_request import ReplayRequest
    from .replay_request_metadata import ReplayRequestMetadata
    from .replay_request_overrides import ReplayRequestOverrides
    from .repro_metadata import ReproMetadata
    from .repro_metadata_dataset_provenance import ReproMetadataDatasetProvenance
    from .rollout import Rollout
    from .rollout_links import RolloutLinks
    from .rollout_metadata import RolloutMetadata
    from .rollout_metrics import RolloutMetrics
    from .rollout_page import RolloutPage
    from .rollout_request import RolloutRequest
    from .rollout_request_v1 import RolloutRequestV1
    from .rollout_request_v1_metadata import RolloutRequestV1Metadata
    from .rollout_result_type_0 import RolloutResultType0
    from .rollout_reward_metrics_type_0 import RolloutRewardMetricsType0
    from .rollout_summary import RolloutSummary
    from .rollout_validation import RolloutValidation
    from .rollout_validation_normalized import RolloutValidationNormalized
    from .rollout_validation_routing_debug import RolloutValidationRoutingDebug
    from .run_spec import RunSpec
    from .run_spec_credential_env import RunSpecCredentialEnv
    from .run_spec_files import RunSpecFiles
    from .support_bundle import SupportBundle
    from .support_bundle_config import SupportBundleConfig
    from .support_bundle_routing import SupportBundleRouting
    from .task_page import TaskPage
    from .task_ref import TaskRef
    from .timeout_spec import TimeoutSpec
    from .usage_snapshot import UsageSnapshot
    from .usage_snapshot_provider_costs import UsageSnapshotProviderCosts
    from .validation_error import ValidationError

# model name -> the module defining it (relative to this package)
_MODULE_OF = {
    "AgentCapability": ".agent_capability",
    "AgentSpec": ".agent_spec",
    "ArtifactEntry": ".artifact_entry",
    "ArtifactManifest": ".artifact_manifest",
    "BackendCapability": ".backend_capability",
    "BatchRolloutRequest": ".batch_rollout_request",
    "BatchRolloutRequestMetadata": ".batch_rollout_request_metadata",
    "BatchRolloutRequestRolloutsItem": ".batch_rollout_request_rollouts_item",
    "BatchRolloutResponse": ".batch_rollout_response",
    "BatchRolloutResponseRejectedItem": ".batch_rollout_response_rejected_item",
    "CancelRequest": ".cancel_request",
    "Capabilities": ".capabilities",
    "CapabilitiesFeatures": ".capabilities_features",
    "CapabilitiesLimits": ".capabilities_limits",
    "ContainerHealth": ".container_health",
    "ContainerHealthChecks": ".container_health_checks",
    "ContainerInfo": ".container_info",
    "ContainerLease": ".container_lease",
    "ContainerLeaseCreate": ".container_lease_create",
    "ContainerLeaseCreateMetadata": ".container_lease_create_metadata",
    "ContainerLeaseMetadata": ".container_lease_metadata",
    "ContainerLeaseRenew": ".container_lease_renew",
    "ContainerMetadata": ".container_metadata",
    "ContainerMetadataLabels": ".container_metadata_labels",
    "ContainerMetadataMetadata": ".container_metadata_metadata",
    "ContainerRolloutRequest": ".container_rollout_request",
    "ContainerRolloutRequestContextOverrides": ".container_rollout_request_context_overrides",
    "ContainerRolloutRequestEnv": ".container_rollout_request_env",
    "ContainerRolloutRequestLimits": ".container_rollout_request_limits",
    "ContainerRolloutRequestMessagesItem": ".container_rollout_request_messages_item",
    "ContainerRolloutRequestMetadata": ".container_rollout_request_metadata",
    "ContainerRolloutRequestParams": ".container_rollout_request_params",
    "ContainerRolloutRequestPolicy": ".container_rollout_request_policy",
    "ContainerRolloutRequestPolicyConfig": ".container_rollout_request_policy_config",
    "ContainerRolloutRequestRecord": ".container_rollout_request_record",
    "ContainerRolloutRequestSafety": ".container_rollout_request_safety",
    "ContainerRolloutRequestTaskContract": ".container_rollout_request_task_contract",
    "CredentialCreate": ".credential_create",
    "CredentialCreateMetadataType0": ".credential_create_metadata_type_0",
    "CredentialResponse": ".credential_response",
    "CredentialResponseMetadataType0": ".credential_response_metadata_type_0",
    "CredentialRotate": ".credential_rotate",
    "CredentialType": ".credential_type",
    "DataSource": ".data_source",
    "Deleted": ".deleted",
    "DeploymentOperationRequest": ".deployment_operation_request",
    "DeploymentOperationRequestOperation": ".deployment_operation_request_operation",
    "DeploymentOperationRequestPayload": ".deployment_operation_request_payload",
    "EnvironmentSpec": ".environment_spec",
    "EnvironmentSpecConfig": ".environment_spec_config",
    "ErrorBody": ".error_body",
    "ErrorDetail": ".error_detail",
    "ErrorResponse": ".error_response",
    "EventEnvelope": ".event_envelope",
    "EventEnvelopeData": ".event_envelope_data",
    "EventPage": ".event_page",
    "FindDeploymentOperationResponse": ".find_deployment_operation_response",
    "GetDeploymentOperationResponse": ".get_deployment_operation_response",
    "GetDeploymentResponse": ".get_deployment_response",
    "GetOpenapiSchemaResponse200": ".get_openapi_schema_response_200",
    "GetSchemaJsonResponse200": ".get_schema_json_response_200",
    "HarborRolloutRequest": ".harbor_rollout_request",
    "HarborRolloutRequestHarbor": ".harbor_rollout_request_harbor",
    "HarborRolloutRequestMetadata": ".harbor_rollout_request_metadata",
    "HTTPValidationError": ".http_validation_error",
    "MeResponse": ".me_response",
    "MeResponseFeatureFlags": ".me_response_feature_flags",
    "MutateDeploymentResponse": ".mutate_deployment_response",
    "Pool": ".pool",
    "PoolConfigV1": ".pool_config_v1",
    "PoolConfigV1Metadata": ".pool_config_v1_metadata",
    "PoolConfigV1PoolType": ".pool_config_v1_pool_type",
    "PoolConfigV1Target": ".pool_config_v1_target",
    "PoolConfigV1Template": ".pool_config_v1_template",
    "PoolCreated": ".pool_created",
    "PoolMetadata": ".pool_metadata",
    "PoolMetrics": ".pool_metrics",
    "PoolPage": ".pool_page",
    "PoolResources": ".pool_resources",
    "PoolRolloutModelsResponse": ".pool_rollout_models_response",
    "PoolTask": ".pool_task",
    "PoolTaskArchipelagoType0": ".pool_task_archipelago_type_0",
    "PoolTaskBrowserType0": ".pool_task_browser_type_0",
    "PoolTaskConfigType0": ".pool_task_config_type_0",
    "PoolTaskEnvVarsType0": ".pool_task_env_vars_type_0",
    "PoolTaskHarborInputType0": ".pool_task_harbor_input_type_0",
    "PoolTaskHarborType0": ".pool_task_harbor_type_0",
    "PoolTaskInstance": ".pool_task_instance",
    "PoolTaskInstanceArchipelagoType0": ".pool_task_instance_archipelago_type_0",
    "PoolTaskInstanceBrowserType0": ".pool_task_instance_browser_type_0",
    "PoolTaskInstanceConfigType0": ".pool_task_instance_config_type_0",
    "PoolTaskInstanceEnvVarsType0": ".pool_task_instance_env_vars_type_0",
    "PoolTaskInstanceHarborInputType0": ".pool_task_instance_harbor_input_type_0",
    "PoolTaskInstanceHarborType0": ".pool_task_instance_harbor_type_0",
    "PoolTaskInstanceOpenenvDeploymentType0": ".pool_task_instance_openenv_deployment_type_0",
    "PoolTaskInstanceOpenenvRolloutType0": ".pool_task_instance_openenv_rollout_type_0",
    "PoolTaskOpenenvDeploymentType0": ".pool_task_openenv_deployment_type_0",
    "PoolTaskOpenenvRolloutType0": ".pool_task_openenv_rollout_type_0",
    "PoolTaskPatch": ".pool_task_patch",
    "PoolTaskPatchArchipelagoType0": ".pool_task_patch_archipelago_type_0",
    "PoolTaskPatchBrowserType0": ".pool_task_patch_browser_type_0",
    "PoolTaskPatchConfigType0": ".pool_task_patch_config_type_0",
    "PoolTaskPatchEnvVarsType0": ".pool_task_patch_env_vars_type_0",
    "PoolTaskPatchHarborInputType0": ".pool_task_patch_harbor_input_type_0",
    "PoolTaskPatchHarborType0": ".pool_task_patch_harbor_type_0",
    "PoolTaskPatchOpenenvDeploymentType0": ".pool_task_patch_openenv_deployment_type_0",
    "PoolTaskPatchOpenenvRolloutType0": ".pool_task_patch_openenv_rollout_type_0",
    "PoolUpdate": ".pool_update",
    "PoolUpdateMetadata": ".pool_update_metadata",
    "PoolUpdatePoolType": ".pool_update_pool_type",
    "PoolUpdateTarget": ".pool_update_target",
    "PoolUpdateTemplate": ".pool_update_template",
    "PoolUrls": ".pool_urls",
    "QueuePoolStatus": ".queue_pool_status",
    "QueueStatus": ".queue_status",
    "ReplayRequest": ".replay_request",
    "ReplayRequestMetadata": ".replay_request_metadata",
    "ReplayRequestOverrides": ".replay_request_overrides",
    "ReproMetadata": ".repro_metadata",
    "ReproMetadataDatasetProvenance": ".repro_metadata_dataset_provenance",
    "Rollout": ".rollout",
    "RolloutLinks": ".rollout_links",
    "RolloutMetadata": ".rollout_metadata",
    "RolloutMetrics": ".rollout_metrics",
    "RolloutPage": ".rollout_page",
    "RolloutRequest": ".rollout_request",
    "RolloutRequestV1": ".rollout_request_v1",
    "RolloutRequestV1Metadata": ".rollout_request_v1_metadata",
    "RolloutResultType0": ".rollout_result_type_0",
    "RolloutRewardMetricsType0": ".rollout_reward_metrics_type_0",
    "RolloutSummary": ".rollout_summary",
    "RolloutValidation": ".rollout_validation",
    "RolloutValidationNormalized": ".rollout_validation_normalized",
    "RolloutValidationRoutingDebug": ".rollout_validation_routing_debug",
    "RunSpec": ".run_spec",
    "RunSpecCredentialEnv": ".run_spec_credential_env",
    "RunSpecFiles": ".run_spec_files",
    "SupportBundle": ".support_bundle",
    "SupportBundleConfig": ".support_bundle_config",
    "SupportBundleRouting": ".support_bundle_routing",
    "TaskPage": ".task_page",
    "TaskRef": ".task_ref",
    "TimeoutSpec": ".timeout_spec",
    "UsageSnapshot": ".usage_snapshot",
    "UsageSnapshotProviderCosts": ".usage_snapshot_provider_costs",
    "ValidationError": ".validation_error",
}


def __getattr__(name: str) -> Any:
    try:
        module = _MODULE_OF[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULE_OF))


__all__ = (
    "AgentCapability",
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "BackendCapability",
    "BatchRolloutRequest",
    "BatchRolloutRequestMetadata",
    "BatchRolloutRequestRolloutsItem",
    "BatchRolloutResponse",
    "BatchRolloutResponseRejectedItem",
    "CancelRequest",
    "Capabilities",
    "CapabilitiesFeatures",
    "CapabilitiesLimits",
    "ContainerHealth",
    "ContainerHealthChecks",
    "ContainerInfo",
    "ContainerLease",
    "ContainerLeaseCreate",
    "ContainerLeaseCreateMetadata",
    "ContainerLeaseMetadata",
    "ContainerLeaseRenew",
    "ContainerMetadata",
    "ContainerMetadataLabels",
    "ContainerMetadataMetadata",
    "ContainerRolloutRequest",
    "ContainerRolloutRequestContextOverrides",
    "ContainerRolloutRequestEnv",
    "ContainerRolloutRequestLimits",
    "ContainerRolloutRequestMessagesItem",
    "ContainerRolloutRequestMetadata",
    "ContainerRolloutRequestParams",
    "ContainerRolloutRequestPolicy",
    "ContainerRolloutRequestPolicyConfig",
    "ContainerRolloutRequestRecord",
    "ContainerRolloutRequestSafety",
    "ContainerRolloutRequestTaskContract",
    "CredentialCreate",
    "CredentialCreateMetadataType0",
    "CredentialResponse",
    "CredentialResponseMetadataType0",
    "CredentialRotate",
    "CredentialType",
    "DataSource",
    "Deleted",
    "DeploymentOperationRequest",
    "DeploymentOperationRequestOperation",
    "DeploymentOperationRequestPayload",
    "EnvironmentSpec",
    "EnvironmentSpecConfig",
    "ErrorBody",
    "ErrorDetail",
    "ErrorResponse",
    "EventEnvelope",
    "EventEnvelopeData",
    "EventPage",
    "FindDeploymentOperationResponse",
    "GetDeploymentOperationResponse",
    "GetDeploymentResponse",
    "GetOpenapiSchemaResponse200",
    "GetSchemaJsonResponse200",
    "HarborRolloutRequest",
    "HarborRolloutRequestHarbor",
    "HarborRolloutRequestMetadata",
    "HTTPValidationError",
    "MeResponse",
    "MeResponseFeatureFlags",
    "MutateDeploymentResponse",
    "Pool",
    "PoolConfigV1",
    "PoolConfigV1Metadata",
    "PoolConfigV1PoolType",
    "PoolConfigV1Target",
    "PoolConfigV1Template",
    "PoolCreated",
    "PoolMetadata",
    "PoolMetrics",
    "PoolPage",
    "PoolResources",
    "PoolRolloutModelsResponse",
    "PoolTask",
    "PoolTaskArchipelagoType0",
    "PoolTaskBrowserType0",
    "PoolTaskConfigType0",
    "PoolTaskEnvVarsType0",
    "PoolTaskHarborInputType0",
    "PoolTaskHarborType0",
    "PoolTaskInstance",
    "PoolTaskInstanceArchipelagoType0",
    "PoolTaskInstanceBrowserType0",
    "PoolTaskInstanceConfigType0",
    "PoolTaskInstanceEnvVarsType0",
    "PoolTaskInstanceHarborInputType0",
    "PoolTaskInstanceHarborType0",
    "PoolTaskInstanceOpenenvDeploymentType0",
    "PoolTaskInstanceOpenenvRolloutType0",
    "PoolTaskOpenenvDeploymentType0",
    "PoolTaskOpenenvRolloutType0",
    "PoolTaskPatch",
    "PoolTaskPatchArchipelagoType0",
    "PoolTaskPatchBrowserType0",
    "PoolTaskPatchConfigType0",
    "PoolTaskPatchEnvVarsType0",
    "PoolTaskPatchHarborInputType0",
    "PoolTaskPatchHarborType0",
    "PoolTaskPatchOpenenvDeploymentType0",
    "PoolTaskPatchOpenenvRolloutType0",
    "PoolUpdate",
    "PoolUpdateMetadata",
    "PoolUpdatePoolType",
    "PoolUpdateTarget",
    "PoolUpdateTemplate",
    "PoolUrls",
    "QueuePoolStatus",
    "QueueStatus",
    "ReplayRequest",
    "ReplayRequestMetadata",
    "ReplayRequestOverrides",
    "ReproMetadata",
    "ReproMetadataDatasetProvenance",
    "Rollout",
    "RolloutLinks",
    "RolloutMetadata",
    "RolloutMetrics",
    "RolloutPage",
    "RolloutRequest",
    "RolloutRequestV1",
    "RolloutRequestV1Metadata",
    "RolloutResultType0",
    "RolloutRewardMetricsType0",
    "RolloutSummary",
    "RolloutValidation",
    "RolloutValidationNormalized",
    "RolloutValidationRoutingDebug",
    "RunSpec",
    "RunSpecCredentialEnv",
    "RunSpecFiles",
    "SupportBundle",
    "SupportBundleConfig",
    "SupportBundleRouting",
    "TaskPage",
    "TaskRef",
    "TimeoutSpec",
    "UsageSnapshot",
    "UsageSnapshotProviderCosts",
    "ValidationError",
)
