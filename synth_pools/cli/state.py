"""What the global options decide, and the SDK client built from them once per command."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

import attrs

if TYPE_CHECKING:
    from synth_pools import EnvironmentPoolsClient

DEFAULT_PROGRESS_INTERVAL = 10.0


@attrs.define
class CliState:
    backend_base: str | None
    api_key: str | None = attrs.field(repr=False)
    json_output: bool = False
    wide: bool = False
    progress_interval: float = DEFAULT_PROGRESS_INTERVAL
    backend_from_flag: bool = False
    _client: EnvironmentPoolsClient | None = attrs.field(default=None, init=False, repr=False)

    # the state of the command running now, for run()'s error message (the URL it tried)
    current: ClassVar[CliState | None] = None

    @property
    def client(self) -> EnvironmentPoolsClient:
        if self._client is None:
            from synth_pools import EnvironmentPoolsClient

            self._client = EnvironmentPoolsClient(api_key=self.api_key, backend_base=self.backend_base)
        return self._client

    def backend_url(self) -> str:
        """The URL the client uses (or would use)."""
        if self._client is not None:
            return self._client.base_url
        from synth_pools._config import BACKEND_ENV_VARS, DEFAULT_BACKEND_BASE

        env = next((os.environ[v] for v in BACKEND_ENV_VARS if os.environ.get(v)), None)
        return self.backend_base or env or DEFAULT_BACKEND_BASE

    def backend_source(self) -> str:
        """Where the URL came from: the flag, an environment variable, or the default."""
        from synth_pools._config import BACKEND_ENV_VARS

        if self.backend_from_flag:
            return "--backend-base"
        env = next((v for v in BACKEND_ENV_VARS if os.environ.get(v)), None)
        if env is not None:
            return f"${env}"
        return "the default; set --backend-base or $SYNTH_BACKEND_URL for another backend"

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
