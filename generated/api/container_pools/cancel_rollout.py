from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cancel_request import CancelRequest
from ...models.error_response import ErrorResponse
from ...models.rollout import Rollout
from ...types import UNSET, Response, Unset


def _get_kwargs(
    rollout_id: str,
    *,
    body: CancelRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/rollouts/{rollout_id}/cancel".format(
            rollout_id=quote(str(rollout_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

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
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | Unset = UNSET,
) -> Response[ErrorResponse | Rollout]:
    """Cancel a rollout (idempotent)

    Args:
        rollout_id (str):
        body (CancelRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Rollout]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | Unset = UNSET,
) -> ErrorResponse | Rollout | None:
    """Cancel a rollout (idempotent)

    Args:
        rollout_id (str):
        body (CancelRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Rollout
    """

    return sync_detailed(
        rollout_id=rollout_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | Unset = UNSET,
) -> Response[ErrorResponse | Rollout]:
    """Cancel a rollout (idempotent)

    Args:
        rollout_id (str):
        body (CancelRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Rollout]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CancelRequest | Unset = UNSET,
) -> ErrorResponse | Rollout | None:
    """Cancel a rollout (idempotent)

    Args:
        rollout_id (str):
        body (CancelRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Rollout
    """

    return (
        await asyncio_detailed(
            rollout_id=rollout_id,
            client=client,
            body=body,
        )
    ).parsed
