"""Helpers shared by every test suite (start the local backend, ...)."""
