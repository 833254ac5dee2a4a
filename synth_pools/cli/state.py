"""What the global options decide, and the SDK client built from them once per command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from synth_pools import EnvironmentPoolsClient


@attrs.define
class CliState:
    backend_base: str | None
    api_key: str | None = attrs.field(repr=False)
    json_output: bool = False
    _client: EnvironmentPoolsClient | None = attrs.field(default=None, init=False, repr=False)

    @property
    def client(self) -> EnvironmentPoolsClient:
        if self._client is None:
            from synth_pools import EnvironmentPoolsClient

            self._client = EnvironmentPoolsClient(api_key=self.api_key, backend_base=self.backend_base)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
