"""A journal path holding anything but this batch's journal raises one typed error naming the file,
what is wrong and the fix, before anything is sent and without changing a byte of the file; and
the redaction table: what the stored request copy masks, and what it keeps.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient, SynthPoolsValidationError
from synth_pools.batch import Journal, JournalDamagedError, JournalMismatchError, load
from synth_pools.batch._journal import MASK, redact
from tests.batch._setup import requests_for

# nothing listens here: a journal error must come before any request
NOWHERE = "http://127.0.0.1:9"
REQUESTS = requests_for("p", 3)


def _journal(path: Path) -> Path:
    """A real journal of REQUESTS (events="last"), closed."""
    from synth_pools.batch._journal import redact as r

    Journal.open(path, [r(x) for x in REQUESTS], events="last").close()
    return path


def _truncated(path: Path) -> None:
    _journal(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _text(path: Path) -> None:
    path.write_text("seed,reward\n1,0.5\n2,0.75\n")


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _renamed_column(path: Path) -> None:
    _journal(path)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE rows RENAME COLUMN result TO outcome")
    conn.close()


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE experiments (id INTEGER PRIMARY KEY, score REAL)")
        conn.execute("INSERT INTO experiments VALUES (1, 0.9)")
    conn.close()


def _other_layout(path: Path) -> None:
    _journal(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    conn.close()


def _directory(path: Path) -> None:
    path.mkdir()
    (path / "keep.txt").write_text("mine")


DAMAGE: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # name: (how the file is damaged, what the message says is wrong, what it says to do)
    "truncated": (_truncated, "truncated SQLite database", "pass a new journal path"),
    "a text file": (_text, "not an SQLite database (it holds text", "pass a new journal path"),
    "random bytes": (_random, "not an SQLite database", "pass a new journal path"),
    "a renamed column": (
        _renamed_column,
        "lacks column(s) result of table 'rows'",
        "pass a new journal path",
    ),
    "another program's database": (
        _foreign,
        "another program's SQLite database (tables: experiments)",
        "new journal path",
    ),
    "another layout": (_other_layout, "another layout (schema '99'", "version that wrote it"),
    "a directory": (_directory, "is a directory", "path of a file inside it"),
}


def _fingerprint(path: Path) -> str:
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_run_batch_on_a_damaged_journal_says_which_file_what_and_the_fix(tmp_path: Path, damage: str) -> None:
    make, problem, fix = DAMAGE[damage]
    path = tmp_path / "run.db"
    make(path)
    before = _fingerprint(path)
    client = EnvironmentPoolsClient(api_key="sk_test", backend_base=NOWHERE, max_retries=0)
    with client, pytest.raises(JournalDamagedError) as caught:
        client.rollouts.run_batch(REQUESTS, journal=path, events="last")
    error = caught.value
    assert isinstance(error, SynthPoolsValidationError) and error.path == path
    message = str(error)
    assert str(path) in message and problem in message and fix in message, message
    assert _fingerprint(path) == before  # nothing of the user's overwritten
    assert not Path(f"{path}-wal").exists() or damage == "a directory"


@pytest.mark.parametrize("damage", ["truncated", "a text file", "another program's database"])
async def test_the_async_runner_and_collect_say_so_too(tmp_path: Path, damage: str) -> None:
    make, problem, _ = DAMAGE[damage]
    path = tmp_path / "run.db"
    make(path)
    async with AsyncEnvironmentPoolsClient(api_key="sk_test", backend_base=NOWHERE, max_retries=0) as client:
        with pytest.raises(JournalDamagedError, match="journal"):
            await client.rollouts.run_batch(REQUESTS, journal=path, events="last")
    with pytest.raises(JournalDamagedError, match=problem.split(" (")[0]):
        load(str(path))


def test_a_sound_journal_still_reopens_and_an_empty_file_is_a_new_one(tmp_path: Path) -> None:
    path = _journal(tmp_path / "run.db")
    reopened = Journal.open(path, [redact(x) for x in REQUESTS], events="last")
    assert reopened.reopened
    reopened.close()
    with pytest.raises(JournalMismatchError):  # still the other-batch error, not "damaged"
        Journal.open(path, [redact(x) for x in REQUESTS[:2]], events="last")
    empty = tmp_path / "empty.db"
    empty.touch()
    fresh = Journal.open(empty, [redact(x) for x in REQUESTS], events="last")
    assert not fresh.reopened and len(fresh.rows()) == 3
    fresh.close()


# -- redaction ---------------------------------------------------------------------------------

REDACTION: list[tuple[str, Any, Any]] = [
    # (key, value, what the journal stores)
    ("api_key", "sk-live-1", MASK),
    ("apiKey", "sk-live-1", MASK),
    ("x-api-key", "sk-live-1", MASK),
    ("GITHUB_TOKEN", "ghp_x", MASK),
    ("authToken", "t", MASK),
    ("tokens", ["t1", "t2"], MASK),
    ("secret", {"value": "s"}, MASK),
    ("credentials", {"user": "u", "password": "p"}, MASK),
    ("auth", {"type": "basic", "password": "p"}, MASK),
    ("password", 123456, MASK),
    ("aws_access_key_id", "AKIA123", MASK),
    ("aws_secret_access_key", "abc", MASK),
    ("session_cookie", "sid=1", MASK),
    ("client_secret", "c", MASK),
    ("private_key", "-----BEGIN", MASK),
    ("db_password", "pw", MASK),
    ("credential_value", "v", MASK),
    ("Authorization", "Bearer abc", MASK),
    ("dsn", "postgres://u:p@h/db", MASK),
    (
        "database_url",
        "postgres://admin:hunter2@db.internal:5432/app",
        "postgres://admin:***@db.internal:5432/app",
    ),
    ("callback", "https://user:pw@hooks.example/x?y=1", "https://user:***@hooks.example/x?y=1"),
    ("urls", ["redis://:pw@cache:6379/0"], ["redis://:***@cache:6379/0"]),
    ("env", {"OPENAI_API_KEY": "sk", "DEBUG": "1"}, {"OPENAI_API_KEY": MASK, "DEBUG": MASK}),
    ("secrets", ["a", "b"], MASK),
    # kept: counts, names and ids of secrets, and words that merely contain a secret word
    ("max_tokens", 4096, 4096),
    ("total_tokens", 10, 10),
    ("credential_id", "cred_1", "cred_1"),
    ("secret_name", "OPENAI", "OPENAI"),
    ("author", "ada", "ada"),
    ("repo_url", "https://github.com/o/r", "https://github.com/o/r"),
    ("api_key", None, None),
]


@pytest.mark.parametrize(
    ("key", "value", "stored"), REDACTION, ids=[r[0] + "=" + type(r[1]).__name__ for r in REDACTION]
)
def test_redaction_table(key: str, value: Any, stored: Any) -> None:
    assert redact({"metadata": {key: value}}) == {"metadata": {key: stored}}
    assert redact([{key: value}]) == [{key: stored}]  # at any depth, in lists too
