from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.container_rollout_request import ContainerRolloutRequest
from ...models.error_response import ErrorResponse
from ...models.rollout import Rollout
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pool_id: str,
    *,
    body: ContainerRolloutRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/pools/{pool_id}/container/rollout".format(
            pool_id=quote(str(pool_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Rollout | None:
    if response.status_code == 200:
        response_200 = Rollout.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | Rollout]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerRolloutRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | Rollout]:
    """Run a one-off container rollout on a pool

    Args:
        pool_id (str):
        idempotency_key (str | Unset):
        body (ContainerRolloutRequest): The canonical container rollout request: any key outside
            this set is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Rollout]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerRolloutRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | Rollout | None:
    """Run a one-off container rollout on a pool

    Args:
        pool_id (str):
        idempotency_key (str | Unset):
        body (ContainerRolloutRequest): The canonical container rollout request: any key outside
            this set is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Rollout
    """

    return sync_detailed(
        pool_id=pool_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerRolloutRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorResponse | Rollout]:
    """Run a one-off container rollout on a pool

    Args:
        pool_id (str):
        idempotency_key (str | Unset):
        body (ContainerRolloutRequest): The canonical container rollout request: any key outside
            this set is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Rollout]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ContainerRolloutRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorResponse | Rollout | None:
    """Run a one-off container rollout on a pool

    Args:
        pool_id (str):
        idempotency_key (str | Unset):
        body (ContainerRolloutRequest): The canonical container rollout request: any key outside
            this set is refused.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Rollout
    """

    return (
        await asyncio_detailed(
            pool_id=pool_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
