"""A client library for accessing Synth Environment Pools and Container Pools API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
