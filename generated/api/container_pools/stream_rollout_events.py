from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.event_page import EventPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    rollout_id: str,
    *,
    after_sequence: int | Unset = 0,
    limit: int | Unset = 200,
    format_: str | Unset = "sse",
    cursor: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    params["after_sequence"] = after_sequence

    params["limit"] = limit

    params["format"] = format_

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/rollouts/{rollout_id}/events".format(
            rollout_id=quote(str(rollout_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | EventPage | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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
) -> Response[ErrorResponse | EventPage]:
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
    after_sequence: int | Unset = 0,
    limit: int | Unset = 200,
    format_: str | Unset = "sse",
    cursor: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorResponse | EventPage]:
    """Stream a rollout's events (SSE)

    Args:
        rollout_id (str):
        after_sequence (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.
        format_ (str | Unset):  Default: 'sse'.
        cursor (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventPage]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        after_sequence=after_sequence,
        limit=limit,
        format_=format_,
        cursor=cursor,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    after_sequence: int | Unset = 0,
    limit: int | Unset = 200,
    format_: str | Unset = "sse",
    cursor: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorResponse | EventPage | None:
    """Stream a rollout's events (SSE)

    Args:
        rollout_id (str):
        after_sequence (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.
        format_ (str | Unset):  Default: 'sse'.
        cursor (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventPage
    """

    return sync_detailed(
        rollout_id=rollout_id,
        client=client,
        after_sequence=after_sequence,
        limit=limit,
        format_=format_,
        cursor=cursor,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    after_sequence: int | Unset = 0,
    limit: int | Unset = 200,
    format_: str | Unset = "sse",
    cursor: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> Response[ErrorResponse | EventPage]:
    """Stream a rollout's events (SSE)

    Args:
        rollout_id (str):
        after_sequence (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.
        format_ (str | Unset):  Default: 'sse'.
        cursor (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventPage]
    """

    kwargs = _get_kwargs(
        rollout_id=rollout_id,
        after_sequence=after_sequence,
        limit=limit,
        format_=format_,
        cursor=cursor,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    rollout_id: str,
    *,
    client: AuthenticatedClient | Client,
    after_sequence: int | Unset = 0,
    limit: int | Unset = 200,
    format_: str | Unset = "sse",
    cursor: str | Unset = UNSET,
    last_event_id: str | Unset = UNSET,
) -> ErrorResponse | EventPage | None:
    """Stream a rollout's events (SSE)

    Args:
        rollout_id (str):
        after_sequence (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 200.
        format_ (str | Unset):  Default: 'sse'.
        cursor (str | Unset):
        last_event_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventPage
    """

    return (
        await asyncio_detailed(
            rollout_id=rollout_id,
            client=client,
            after_sequence=after_sequence,
            limit=limit,
            format_=format_,
            cursor=cursor,
            last_event_id=last_event_id,
        )
    ).parsed
