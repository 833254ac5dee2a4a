"""A TLS context whose CA certificates load at its first TLS handshake, not when a client is built.

httpx fills a new SSL context with certifi's CA bundle whenever a client is made: about a tenth of
a one-shot CLI command against the plain-HTTP local backend, which never uses it (P5). This
context is httpx's default (TLS client, hostname check, certificate required) with the same CA
source (``SSL_CERT_FILE``, ``SSL_CERT_DIR``, else certifi), loaded once, under a lock, just before
the first handshake. Until then it holds no CA at all, so a handshake could fail verification,
never pass without it.
"""

from __future__ import annotations

import os
import ssl
import threading
from typing import Any

__all__ = ["DeferredTrustContext"]


class DeferredTrustContext(ssl.SSLContext):
    def __new__(cls) -> DeferredTrustContext:
        return super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)

    def __init__(self) -> None:
        self._trust_lock = threading.Lock()
        self._trust_loaded = False

    def load_trust(self) -> None:
        """Load the CA certificates (httpx's sources, in its order), once."""
        if self._trust_loaded:
            return
        with self._trust_lock:
            if not self._trust_loaded:
                if os.environ.get("SSL_CERT_FILE"):
                    self.load_verify_locations(cafile=os.environ["SSL_CERT_FILE"])
                elif os.environ.get("SSL_CERT_DIR"):
                    self.load_verify_locations(capath=os.environ["SSL_CERT_DIR"])
                else:
                    import certifi

                    self.load_verify_locations(cafile=certifi.where())
                self._trust_loaded = True

    # httpcore's sync backend wraps sockets, anyio (async) and TLS-in-TLS proxies wrap BIOs
    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self.load_trust()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self.load_trust()
        return super().wrap_bio(*args, **kwargs)
