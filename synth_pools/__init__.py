"""Python SDK for Synth's Environment Pools and Container Pools API."""

__version__ = "0.1.0"
