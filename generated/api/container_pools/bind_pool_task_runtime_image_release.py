from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.http_validation_error import HTTPValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    pool_id: str,
    task_id: str,
    release_id: str,
    *,
    expected_release_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_expected_release_id: None | str | Unset
    if isinstance(expected_release_id, Unset):
        json_expected_release_id = UNSET
    else:
        json_expected_release_id = expected_release_id
    params["expected_release_id"] = json_expected_release_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/pools/{pool_id}/tasks/{task_id}/runtime_image_releases/{release_id}/bind".format(
            pool_id=quote(str(pool_id), safe=""),
            task_id=quote(str(task_id), safe=""),
            release_id=quote(str(release_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = response.json()
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
) -> Response[Any | ErrorResponse | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    pool_id: str,
    task_id: str,
    release_id: str,
    *,
    client: AuthenticatedClient | Client,
    expected_release_id: None | str | Unset = UNSET,
) -> Response[Any | ErrorResponse | HTTPValidationError]:
    """Bind Pool Task Runtime Image Release V1

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        release_id (str):
        expected_release_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        task_id=task_id,
        release_id=release_id,
        expected_release_id=expected_release_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    pool_id: str,
    task_id: str,
    release_id: str,
    *,
    client: AuthenticatedClient | Client,
    expected_release_id: None | str | Unset = UNSET,
) -> Any | ErrorResponse | HTTPValidationError | None:
    """Bind Pool Task Runtime Image Release V1

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        release_id (str):
        expected_release_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | HTTPValidationError
    """

    return sync_detailed(
        pool_id=pool_id,
        task_id=task_id,
        release_id=release_id,
        client=client,
        expected_release_id=expected_release_id,
    ).parsed


async def asyncio_detailed(
    pool_id: str,
    task_id: str,
    release_id: str,
    *,
    client: AuthenticatedClient | Client,
    expected_release_id: None | str | Unset = UNSET,
) -> Response[Any | ErrorResponse | HTTPValidationError]:
    """Bind Pool Task Runtime Image Release V1

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        release_id (str):
        expected_release_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        pool_id=pool_id,
        task_id=task_id,
        release_id=release_id,
        expected_release_id=expected_release_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    pool_id: str,
    task_id: str,
    release_id: str,
    *,
    client: AuthenticatedClient | Client,
    expected_release_id: None | str | Unset = UNSET,
) -> Any | ErrorResponse | HTTPValidationError | None:
    """Bind Pool Task Runtime Image Release V1

     From the real service's published schema (openapi/upstream.json), typed as far as it is typed there.
    The local backend answers 501 not_supported_locally.

    Args:
        pool_id (str):
        task_id (str):
        release_id (str):
        expected_release_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            pool_id=pool_id,
            task_id=task_id,
            release_id=release_id,
            client=client,
            expected_release_id=expected_release_id,
        )
    ).parsed
