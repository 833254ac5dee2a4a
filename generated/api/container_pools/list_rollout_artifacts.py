from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.artifact_manifest import ArtifactManifest
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    rollout_id: str,
    *,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    prefix: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["limit"] = limit

    params["prefix"] = prefix

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/rollouts/{rollout_id}/artifacts".format(
            rollout_id=quote(str(rollout_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ArtifactManifest | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ArtifactManifest.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

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
) -> Response[ArtifactManifest | ErrorResponse]:
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
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    prefix: str | Unset = UNSET,
) -> Response[ArtifactManifest | ErrorResponse]:
    """List a rollout's artifacts

    Args:
        rollout_id (str):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        prefix (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArtifactManifest | ErrorResponse]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        cursor=cursor,
        limit=limit,
        prefix=prefix,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    prefix: str | Unset = UNSET,
) -> ArtifactManifest | ErrorResponse | None:
    """List a rollout's artifacts

    Args:
        rollout_id (str):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        prefix (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArtifactManifest | ErrorResponse
    """

    return sync_detailed(
        rollout_id=rollout_id,
        client=client,
        cursor=cursor,
        limit=limit,
        prefix=prefix,
    ).parsed


async def asyncio_detailed(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    prefix: str | Unset = UNSET,
) -> Response[ArtifactManifest | ErrorResponse]:
    """List a rollout's artifacts

    Args:
        rollout_id (str):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        prefix (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ArtifactManifest | ErrorResponse]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        cursor=cursor,
        limit=limit,
        prefix=prefix,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    cursor: str | Unset = UNSET,
    limit: int | Unset = 100,
    prefix: str | Unset = UNSET,
) -> ArtifactManifest | ErrorResponse | None:
    """List a rollout's artifacts

    Args:
        rollout_id (str):
        cursor (str | Unset):
        limit (int | Unset):  Default: 100.
        prefix (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ArtifactManifest | ErrorResponse
    """

    return (
        await asyncio_detailed(
            rollout_id=rollout_id,
            client=client,
            cursor=cursor,
            limit=limit,
            prefix=prefix,
        )
    ).parsed
