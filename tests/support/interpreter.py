"""Run code in a fresh interpreter: what it imports and how it exits are those of a real process."""

from __future__ import annotations

import subprocess
import sys


def fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """``python -c code`` with this interpreter, its output captured."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
