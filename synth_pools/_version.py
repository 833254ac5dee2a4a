"""The distribution's version: pyproject.toml reads it from here, and so does the User-Agent."""

__version__ = "0.1.0"
