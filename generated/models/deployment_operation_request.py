from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deployment_operation_request_operation import (
    DeploymentOperationRequestOperation,
    check_deployment_operation_request_operation,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deployment_operation_request_payload import (
        DeploymentOperationRequestPayload,
    )


T = TypeVar("T", bound="DeploymentOperationRequest")


@_attrs_define
class DeploymentOperationRequest:
    """
    Attributes:
        idempotency_key (str):
        operation (DeploymentOperationRequestOperation):
        project_id (UUID):
        expected_revision (None | str | Unset):
        payload (DeploymentOperationRequestPayload | Unset):
    """

    idempotency_key: str
    operation: DeploymentOperationRequestOperation
    project_id: UUID
    expected_revision: None | str | Unset = UNSET
    payload: DeploymentOperationRequestPayload | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.deployment_operation_request_payload import (
            DeploymentOperationRequestPayload,  # noqa: PLC0415
        )

        idempotency_key = self.idempotency_key

        operation: str = self.operation

        project_id = str(self.project_id)

        expected_revision: None | str | Unset
        if isinstance(self.expected_revision, Unset):
            expected_revision = UNSET
        else:
            expected_revision = self.expected_revision

        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "idempotency_key": idempotency_key,
                "operation": operation,
                "project_id": project_id,
            }
        )
        if expected_revision is not UNSET:
            field_dict["expected_revision"] = expected_revision
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deployment_operation_request_payload import (
            DeploymentOperationRequestPayload,  # noqa: PLC0415
        )

        d = dict(src_dict)
        idempotency_key = d.pop("idempotency_key")

        operation = check_deployment_operation_request_operation(d.pop("operation"))

        project_id = UUID(d.pop("project_id"))

        def _parse_expected_revision(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expected_revision = _parse_expected_revision(d.pop("expected_revision", UNSET))

        _payload = d.pop("payload", UNSET)
        payload: DeploymentOperationRequestPayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = DeploymentOperationRequestPayload.from_dict(_payload)

        deployment_operation_request = cls(
            idempotency_key=idempotency_key,
            operation=operation,
            project_id=project_id,
            expected_revision=expected_revision,
            payload=payload,
        )

        return deployment_operation_request
