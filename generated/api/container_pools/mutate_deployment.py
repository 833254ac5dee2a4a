from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.deployment_operation_request import DeploymentOperationRequest
from ...models.error_response import ErrorResponse
from ...models.http_validation_error import HTTPValidationError
from ...models.mutate_deployment_response import MutateDeploymentResponse
from ...types import UNSET, Response


def _get_kwargs(
    pool_id: str,
    task_id: str,
    *,
    body: DeploymentOperationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/pools/{pool_id}/deployments/{task_id}/operations".format(
            pool_id=quote(str(pool_id), safe=""),
            task_id=quote(str(task_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | HTTPValidationError | MutateDeploymentResponse | None:
    if response.status_code == 200:
        response_200 = MutateDeploymentResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 501:
        response_501 = ErrorResponse.from_dict(response.json())

        return response_501

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | HTTPValidationError | MutateDeploymentResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pool_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeploymentOperationRequest,
) -> Response[ErrorResponse | HTTPValidationError | MutateDeploymentResponse]:
    """Mutate Deployment

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        body (DeploymentOperationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HTTPValidationError | MutateDeploymentResponse]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        task_id=task_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeploymentOperationRequest,
) -> ErrorResponse | HTTPValidationError | MutateDeploymentResponse | None:
    """Mutate Deployment

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        body (DeploymentOperationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HTTPValidationError | MutateDeploymentResponse
    """

    return sync_detailed(
        pool_id=pool_id,
        task_id=task_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeploymentOperationRequest,
) -> Response[ErrorResponse | HTTPValidationError | MutateDeploymentResponse]:
    """Mutate Deployment

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        body (DeploymentOperationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HTTPValidationError | MutateDeploymentResponse]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        task_id=task_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DeploymentOperationRequest,
) -> ErrorResponse | HTTPValidationError | MutateDeploymentResponse | None:
    """Mutate Deployment

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        body (DeploymentOperationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HTTPValidationError | MutateDeploymentResponse
    """

    return (
        await asyncio_detailed(
            pool_id=pool_id,
            task_id=task_id,
            client=client,
            body=body,
        )
    ).parsed
