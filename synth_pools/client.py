"""``SynthClient`` / ``AsyncSynthClient``: one entry point holding both API clients.

``SynthClient().pools`` is a :class:`ContainerPoolsClient` and ``.environment_pools`` an
:class:`EnvironmentPoolsClient`. The configuration is resolved once, here, and both clients send
through ONE pooled ``httpx`` client: the core transport builds it (limits, timeouts, base URL)
and each API client gets it as its ``http_client``, so neither owns it and closing one API
client cannot cut the other's connections. ``close()`` (or the context manager) releases it.
``with_options(timeout=, max_retries=)`` gives both API clients other defaults on that same pool.
"""

from __future__ import annotations

from ._async_synth_client import AsyncSynthClient
from ._synth_client import SynthClient

__all__ = ["AsyncSynthClient", "SynthClient"]
