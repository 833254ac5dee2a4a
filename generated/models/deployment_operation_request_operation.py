from typing import Literal

DeploymentOperationRequestOperation = Literal["create", "delete", "update"]

DEPLOYMENT_OPERATION_REQUEST_OPERATION_VALUES: set[
    DeploymentOperationRequestOperation
] = {
    "create",
    "delete",
    "update",
}


def check_deployment_operation_request_operation(
    value: str,
) -> DeploymentOperationRequestOperation:
    if value in DEPLOYMENT_OPERATION_REQUEST_OPERATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DEPLOYMENT_OPERATION_REQUEST_OPERATION_VALUES!r}"
    )
