"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .account_feature_flags import AccountFeatureFlags
from .agent_capability import AgentCapability
from .agent_spec import AgentSpec
from .artifact_entry import ArtifactEntry
from .artifact_manifest import ArtifactManifest
from .backend_capability import BackendCapability
from .batch_rollout_request import BatchRolloutRequest
from .batch_rollout_request_metadata import BatchRolloutRequestMetadata
from .batch_rollout_response import BatchRolloutResponse
from .cancel_request import CancelRequest
from .capabilities import Capabilities
from .capabilities_features import CapabilitiesFeatures
from .capabilities_limits import CapabilitiesLimits
from .container_health import ContainerHealth
from .container_health_checks import ContainerHealthChecks
from .container_info import ContainerInfo
from .container_metadata import ContainerMetadata
from .container_metadata_labels import ContainerMetadataLabels
from .container_metadata_metadata import ContainerMetadataMetadata
from .container_rollout_request import ContainerRolloutRequest
from .container_rollout_request_context_overrides import (
    ContainerRolloutRequestContextOverrides,
)
from .container_rollout_request_env import ContainerRolloutRequestEnv
from .container_rollout_request_limits import ContainerRolloutRequestLimits
from .container_rollout_request_messages_item import ContainerRolloutRequestMessagesItem
from .container_rollout_request_metadata import ContainerRolloutRequestMetadata
from .container_rollout_request_params import ContainerRolloutRequestParams
from .container_rollout_request_policy import ContainerRolloutRequestPolicy
from .container_rollout_request_policy_config import ContainerRolloutRequestPolicyConfig
from .container_rollout_request_record import ContainerRolloutRequestRecord
from .container_rollout_request_safety import ContainerRolloutRequestSafety
from .container_rollout_request_task_contract import ContainerRolloutRequestTaskContract
from .credential import Credential
from .credential_create import CredentialCreate
from .credential_create_metadata_type_0 import CredentialCreateMetadataType0
from .credential_metadata import CredentialMetadata
from .credential_page import CredentialPage
from .credential_rotate import CredentialRotate
from .data_source import DataSource
from .deleted import Deleted
from .environment_spec import EnvironmentSpec
from .environment_spec_config import EnvironmentSpecConfig
from .error_body import ErrorBody
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .event_envelope import EventEnvelope
from .event_envelope_data import EventEnvelopeData
from .event_page import EventPage
from .get_openapi_schema_response_200 import GetOpenapiSchemaResponse200
from .get_schema_json_response_200 import GetSchemaJsonResponse200
from .pool import Pool
from .pool_config_v1 import PoolConfigV1
from .pool_config_v1_metadata import PoolConfigV1Metadata
from .pool_config_v1_pool_type import PoolConfigV1PoolType
from .pool_config_v1_target import PoolConfigV1Target
from .pool_config_v1_template import PoolConfigV1Template
from .pool_metadata import PoolMetadata
from .pool_metrics import PoolMetrics
from .pool_page import PoolPage
from .pool_resources import PoolResources
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
from .rollout_page import RolloutPage
from .rollout_request import RolloutRequest
from .rollout_request_v1 import RolloutRequestV1
from .rollout_request_v1_metadata import RolloutRequestV1Metadata
from .rollout_summary import RolloutSummary
from .rollout_validation import RolloutValidation
from .rollout_validation_normalized import RolloutValidationNormalized
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

__all__ = (
    "Account",
    "AccountFeatureFlags",
    "AgentCapability",
    "AgentSpec",
    "ArtifactEntry",
    "ArtifactManifest",
    "BackendCapability",
    "BatchRolloutRequest",
    "BatchRolloutRequestMetadata",
    "BatchRolloutResponse",
    "CancelRequest",
    "Capabilities",
    "CapabilitiesFeatures",
    "CapabilitiesLimits",
    "ContainerHealth",
    "ContainerHealthChecks",
    "ContainerInfo",
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
    "Credential",
    "CredentialCreate",
    "CredentialCreateMetadataType0",
    "CredentialMetadata",
    "CredentialPage",
    "CredentialRotate",
    "DataSource",
    "Deleted",
    "EnvironmentSpec",
    "EnvironmentSpecConfig",
    "ErrorBody",
    "ErrorDetail",
    "ErrorResponse",
    "EventEnvelope",
    "EventEnvelopeData",
    "EventPage",
    "GetOpenapiSchemaResponse200",
    "GetSchemaJsonResponse200",
    "Pool",
    "PoolConfigV1",
    "PoolConfigV1Metadata",
    "PoolConfigV1PoolType",
    "PoolConfigV1Target",
    "PoolConfigV1Template",
    "PoolMetadata",
    "PoolMetrics",
    "PoolPage",
    "PoolResources",
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
    "RolloutPage",
    "RolloutRequest",
    "RolloutRequestV1",
    "RolloutRequestV1Metadata",
    "RolloutSummary",
    "RolloutValidation",
    "RolloutValidationNormalized",
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
)
