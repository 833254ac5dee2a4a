"""The batch journal: one SQLite file (stdlib ``sqlite3``) that makes a batch survive its client.

What it holds, per request of the batch (table ``rows``): the request's fingerprint and a redacted
copy, its idempotency key, the rollout id once created, the last event sequence/id received, and
the final result. With ``events="keep"`` the events themselves go to table ``events``: one row
per request and flush holding that flush's events as a JSON array, zlib-compressed (one insert per
chunk, not per event, is what keeps 200 events x 5,000 rollouts cheap; compressing is what keeps
the file small: writing an agent's repetitive JSON to SQLite as it is cost more than the run's
own work with the events), read back in ``seq`` order with any
sequence already read skipped, so an event is stored and returned once.

Each stream hands its events over in batches (``BatchPlan.hand_off``: 256 events or 0.1 s),
so 64 streams do not queue on the journal's lock once per event. Why writes may be batched
without losing anything: every write can be re-derived from the backend
after a crash, so a SIGKILL costs at most the last unflushed fraction of a second:

- all idempotency keys are written in one transaction when the journal is created, before any
  create is sent, so a resumed create carries the same key and the backend answers with the
  rollout it already made;
- a lost rollout id comes back the same way (same key, same rollout);
- lost events come back by resuming the stream from the last *stored* sequence (an event and
  the cursor past it are committed in the same transaction), and reading skips any sequence
  already read;
- a lost result is fetched again.

Each flush is one transaction, so what a crash leaves is always a consistent prefix. Nothing about the client (API key, base URL) is stored, and the
stored request copy has secret-looking values replaced by ``***`` (see :func:`redact`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import re
import sqlite3
import threading
import time
import uuid
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from .. import _json
from .._errors import SynthPoolsError, SynthPoolsValidationError

__all__ = [
    "Journal",
    "JournalDamagedError",
    "JournalMismatchError",
    "JournalWriteError",
    "StoredAttempt",
    "StoredRow",
    "fingerprint",
    "is_secret_key",
    "redact",
]

SCHEMA_VERSION = "1"
FLUSH_EVERY_SEC = 0.25  # at most this much work is lost to a kill (and re-fetched on resume)
FLUSH_EVERY_OPS = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
    idx INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    request TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    rollout_id TEXT,
    last_seq INTEGER,
    last_event_id TEXT,
    result TEXT
);
CREATE TABLE IF NOT EXISTS events (
    idx INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    envelopes BLOB NOT NULL,  -- the events as a JSON array, zlib-compressed
    PRIMARY KEY (idx, first_seq)
) WITHOUT ROWID;
"""
# A request's earlier attempts (retries): the rows table holds its current one; each retry moves
# the attempt's rollout, class and result here, and its kept events to attempt_events. Added after
# schema 1 was released: a journal written before has no such tables, and gets them when reopened.
_RETRY_TABLES = """
CREATE TABLE IF NOT EXISTS attempts (
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    rollout_id TEXT,
    failure_class TEXT,
    result TEXT,
    PRIMARY KEY (idx, attempt)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS attempt_events (
    idx INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    envelopes BLOB NOT NULL,
    PRIMARY KEY (idx, attempt, first_seq)
) WITHOUT ROWID;
"""
_ADDED_LATER = frozenset({"attempts", "attempt_events"})
_SCHEMA += _RETRY_TABLES

# Redaction (what the stored request copy masks). A key is secret-looking when its words (split on
# "_", "-", "." and camelCase) hold a secret word, or a secret pair of words; whatever its value
# (a string, a list of tokens, a dict of credentials), the whole value becomes MASK. A key that
# only counts or names a secret (max_tokens, credential_id, secret_name) is kept. Environment
# maps keep their variable names, every value masked. Any string, anywhere, loses the password
# of a URL it holds (postgres://user:***@host/db).
_SECRET_WORDS = frozenset(
    {
        "apikey",
        "auth",
        "authorization",
        "bearer",
        "cookie",
        "cookies",
        "credential",
        "credentials",
        "dsn",
        "passphrase",
        "passwd",
        "password",
        "passwords",
        "pwd",
        "secret",
        "secrets",
        "signature",
        "token",
        "tokens",
    }
)
_SECRET_PAIRS = frozenset(
    {
        ("access", "key"),
        ("api", "key"),
        ("client", "secret"),
        ("connection", "string"),
        ("private", "key"),
        ("secret", "key"),
        ("session", "id"),
        ("session", "key"),
        ("signing", "key"),
    }
)
# words that make a key about a secret rather than the secret itself (unless a pair matched)
_ABOUT_WORDS = frozenset(
    {
        "budget",
        "count",
        "expires",
        "expiry",
        "id",
        "ids",
        "kind",
        "length",
        "limit",
        "max",
        "min",
        "name",
        "names",
        "num",
        "ref",
        "total",
        "ttl",
        "type",
        "usage",
        "used",
    }
)
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_ENV_KEY = re.compile(r"^(env|env_vars|environment|environment_variables|secrets)$", re.IGNORECASE)
# scheme://user:password@host -> the password masked (user names are kept: they say which account)
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^/@:\s]*:)(?P<password>[^/@\s]+)(?=@)")
MASK = "***"


@functools.lru_cache(maxsize=4096)  # a batch repeats the same few field names in every request
def is_secret_key(name: str) -> bool:
    """Whether a field named ``name`` holds a secret (see the redaction notes above)."""
    words = [w.lower() for w in _WORD.findall(name)]
    if any(pair in _SECRET_PAIRS for pair in itertools.pairwise(words)):
        return True
    if "".join(words) in ("apikey", "accesskey", "privatekey", "secretkey"):
        return True
    return any(w in _SECRET_WORDS for w in words) and not any(w in _ABOUT_WORDS for w in words)


class JournalMismatchError(SynthPoolsValidationError):
    """The journal was written for another batch (other requests, count or events mode)."""


class JournalDamagedError(SynthPoolsValidationError):
    """The journal path holds something run_batch cannot use: a directory, a file that is not an
    SQLite database (text, random bytes), a damaged or truncated one, another program's database,
    or a journal of another layout. ``path`` is the file; the message says what is wrong and the
    fix. Nothing in the file was changed."""

    def __init__(self, path: Path, problem: str, fix: str = "") -> None:
        self.path = path
        super().__init__(
            "journal",
            f"{str(path)!r} {problem}",
            fix
            or "keep that file (it may hold an earlier run's results) and pass a new journal path, "
            "or move it away to start this batch over",
        )


class JournalWriteError(SynthPoolsError, OSError):
    """The journal could not be written (disk full, file removed, permissions); the cause is
    chained. What was committed before stays; rerun with the same journal to resume."""


def redact(value: Any) -> Any:
    """A copy of ``value`` with secret-looking values (whatever their type), every value of an env
    map, and URL passwords in any string masked."""
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key)
            if _ENV_KEY.match(name) and isinstance(item, Mapping):
                out[name] = dict.fromkeys((str(k) for k in item), MASK)
            elif item is not None and is_secret_key(name):
                out[name] = MASK
            else:
                out[name] = redact(item)
        return out
    if isinstance(value, list | tuple):
        return [redact(item) for item in value]
    if isinstance(value, str) and "://" in value:
        return _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, value)
    return value


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def fingerprint(redacted_request: Mapping[str, Any]) -> str:
    """Of the redacted request, so a rotated secret is not a different request (and no hash of a
    secret is ever stored)."""
    return hashlib.sha256(canonical(redacted_request).encode()).hexdigest()[:32]


def _first_difference(old: Any, new: Any, path: str = "") -> str:
    """The dotted path of the first place two JSON values differ, with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            sub = f"{path}.{key}" if path else str(key)
            if key not in old:
                return f"{sub} is new (= {json.dumps(new[key], default=str)[:80]})"
            if key not in new:
                return f"{sub} is missing (was {json.dumps(old[key], default=str)[:80]})"
            if old[key] != new[key]:
                return _first_difference(old[key], new[key], sub)
    shown = path or "the request"
    return f"{shown} was {json.dumps(old, default=str)[:80]}, now {json.dumps(new, default=str)[:80]}"


@attrs.frozen
class StoredRow:
    """What the journal knows of one request when it is opened."""

    index: int
    idempotency_key: str
    rollout_id: str | None = None
    last_seq: int | None = None
    last_event_id: str | None = None
    result: dict[str, Any] | None = None


@attrs.frozen
class StoredAttempt:
    """An earlier attempt of a request (a retry followed it)."""

    index: int
    attempt: int
    idempotency_key: str
    rollout_id: str | None
    failure_class: str | None
    result: Mapping[str, Any] | None

    def summary(self) -> dict[str, Any]:
        """What a row shows of it (``BatchRow.earlier``)."""
        result = self.result or {}
        return {
            "attempt": self.attempt,
            "rollout_id": self.rollout_id,
            "failure_class": self.failure_class,
            **{k: result.get(k) for k in ("status", "error", "usage", "reward")},
        }


def _result(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


class Journal:
    """One batch's SQLite journal. Thread-safe: the sync runner's workers record from many threads.

    ``Journal.open(path, requests, events=...)`` creates it (keys for every request, in one
    transaction) or reopens it after checking that ``requests`` are the same batch;
    ``Journal.read(path)`` opens an existing one for reading only (``collect``).
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()  # the pending buffers (held for an append, never for I/O)
        self._write_lock = threading.Lock()  # the connection
        # pending writes, by kind; a flush applies all of them in one transaction
        self._created: list[tuple[str, int]] = []
        self._results: list[tuple[str, int]] = []
        self._cursors: dict[int, tuple[int | None, str | None, int]] = {}  # a row's last one wins
        # per row: (order of the first, order of the last, JSON texts) of the events kept since the
        # last flush; order = the seq, or the event's place in the row for one without a seq
        self._events: dict[int, tuple[int, int, list[str]]] = {}
        self._pending = 0
        self.flushes = 0
        self._closed = False
        self.reopened = False  # opened on a journal an earlier run wrote (a resume)
        self.stored: list[StoredRow] = []  # Journal.open: what the file held of each request
        # the writer thread flushes every FLUSH_EVERY_SEC (sooner past FLUSH_EVERY_OPS), so a
        # slow commit or checkpoint fsync never stalls a worker that is recording
        self._wake = threading.Event()
        self._writer: threading.Thread | None = None
        self._write_error: BaseException | None = None

    # -- opening ------------------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            return sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise JournalDamagedError(path, f"cannot be opened ({exc})") from exc

    def _prepare(self, script: str) -> None:
        # WAL: a reader (collect, a test) never blocks the runner; NORMAL: a commit survives the
        # process being killed (the OS has it), only a power cut may lose the last commits.
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(script)

    @classmethod
    def open(
        cls, path: str | Path, redacted_requests: Sequence[Mapping[str, Any]], *, events: str
    ) -> Journal:
        """Create the journal at ``path``, or reopen the one there after checking it is this
        batch's; anything else at ``path`` raises :class:`JournalDamagedError` untouched.

        The file is opened once and its rows read once: that read checks the batch is the same
        and gives ``stored``, what the journal held of each request (nothing is written before
        both checks pass)."""
        path = Path(path)
        has_data = _check_head(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        journal = cls(path, cls._connect(path))
        try:
            meta = _check_layout(path, journal._conn) if has_data else {}
            if meta:
                journal._check_same_batch(meta, redacted_requests, events)
                journal._prepare(_RETRY_TABLES)  # a journal from before retries gets them
                journal.reopened = True
            else:
                journal._prepare(_SCHEMA)
                journal._create(redacted_requests, events)
        except sqlite3.DatabaseError as exc:
            journal._conn.close()
            raise JournalDamagedError(path, f"is damaged ({exc})") from exc
        except BaseException:
            journal._conn.close()
            raise
        return journal

    @classmethod
    def read(cls, path: str | Path) -> Journal:
        """Open an existing journal to read it (``collect``, exports), after checking it whole."""
        path = Path(path)
        if not path.exists():
            raise SynthPoolsValidationError(
                "journal", f"{str(path)!r} does not exist", "pass the path given to run_batch(journal=...)"
            )
        empty = JournalDamagedError(
            path, "is an empty file, not a synth-pools batch journal", "pass a run_batch journal"
        )
        if not _check_head(path):
            raise empty
        conn = cls._connect(path)
        try:
            if not _check_layout(path, conn):
                raise empty
            conn.execute("SELECT COUNT(*), MAX(length(request)) FROM rows").fetchone()  # reads every row page
            journal = cls(path, conn)
            journal._prepare("")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise JournalDamagedError(path, f"is damaged ({exc})") from exc
        except BaseException:
            conn.close()
            raise
        return journal

    def _create(self, redacted_requests: Sequence[Mapping[str, Any]], events: str) -> None:
        batch_id = uuid.uuid4().hex[:16]
        rows = []
        for index, request in enumerate(redacted_requests):
            # one key per request, fixed before any create is sent: a resumed create replays
            rows.append((index, fingerprint(request), canonical(request), f"sp-batch-{batch_id}-{index}"))
        meta = {
            "schema": SCHEMA_VERSION,
            "batch_id": batch_id,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "requests": str(len(rows)),
            "events": events,
        }
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            self._conn.executemany(
                "INSERT INTO rows (idx, fingerprint, request, idempotency_key) VALUES (?, ?, ?, ?)", rows
            )
            self._conn.execute("COMMIT")
        self.stored = [StoredRow(index, key) for index, _, _, key in rows]

    def _check_same_batch(
        self, meta: dict[str, str], redacted_requests: Sequence[Mapping[str, Any]], events: str
    ) -> None:
        """Raise :class:`JournalMismatchError` unless the journal holds this batch; reads its rows
        into ``stored`` on the way (the one pass over them)."""
        where = f"journal {str(self.path)!r}"
        fix = "pass the same requests as the run that wrote it, or a new journal path"
        stored = int(meta.get("requests", "0"))
        if stored != len(redacted_requests):
            raise JournalMismatchError(
                "requests",
                f"{where} holds a batch of {stored} requests; this one has {len(redacted_requests)}",
                fix,
            )
        if meta.get("events") != events:
            raise JournalMismatchError(
                "events",
                f"{where} was written with events={meta.get('events')!r}; this run asks events={events!r}",
                f"pass events={meta.get('events')!r} to resume it, or a new journal path",
            )
        query = f"SELECT fingerprint, {_ROW_COLUMNS} FROM rows ORDER BY idx"
        self.stored = []
        for (stored_fp, *row), request in zip(self._conn.execute(query), redacted_requests, strict=True):
            if stored_fp != fingerprint(request):
                index = row[0]
                (stored_request,) = self._conn.execute(
                    "SELECT request FROM rows WHERE idx = ?", (index,)
                ).fetchone()
                diff = _first_difference(json.loads(stored_request), json.loads(canonical(request)))
                raise JournalMismatchError(f"requests[{index}]", f"differs from {where}: {diff}", fix)
            self.stored.append(_stored_row(row))

    # -- reading ------------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def rows(self) -> list[StoredRow]:
        self.flush()
        return [
            _stored_row(row) for row in self._conn.execute(f"SELECT {_ROW_COLUMNS} FROM rows ORDER BY idx")
        ]

    def attempts(self) -> dict[int, list[StoredAttempt]]:
        """By request: its earlier attempts, oldest first (requests never retried are absent)."""
        self.flush()
        out: dict[int, list[StoredAttempt]] = {}
        query = (
            "SELECT idx, attempt, idempotency_key, rollout_id, failure_class, result FROM attempts "
            "ORDER BY idx, attempt"
        )
        try:
            found = self._conn.execute(query).fetchall()
        except sqlite3.OperationalError:  # a journal from before retries, opened read-only
            return out
        for idx, attempt, key, rid, cls, result in found:
            out.setdefault(idx, []).append(StoredAttempt(idx, attempt, key, rid, cls, _result(result)))
        return out

    def requests(self) -> list[dict[str, Any]]:
        """The redacted copies of the batch's requests, in order."""
        return [json.loads(r) for (r,) in self._conn.execute("SELECT request FROM rows ORDER BY idx")]

    def entries(self) -> Iterator[tuple[StoredRow, str, dict[str, Any]]]:
        """Each request's stored row, fingerprint and redacted request, in order, one at a time
        (exports of a large batch never hold every row)."""
        self.flush()
        query = f"SELECT fingerprint, request, {_ROW_COLUMNS} FROM rows ORDER BY idx"
        for fp, request, *row in self._conn.execute(query):
            yield _stored_row(row), fp, json.loads(request)

    def event_counts(self) -> dict[int, int]:
        self.flush()
        query = "SELECT idx, SUM(last_seq - first_seq + 1) FROM events GROUP BY idx"
        counts = dict(self._conn.execute(query).fetchall())
        # chunks never overlap in practice (the cursor commits with them); when they might, count
        if any(self._overlapping(idx) for idx in counts):
            return {idx: sum(1 for _ in self.events(idx)) for idx in counts}
        return counts

    def _overlapping(self, index: int) -> bool:
        query = "SELECT first_seq, last_seq FROM events WHERE idx = ? ORDER BY first_seq"
        last = 0
        for first, end in self._conn.execute(query, (index,)).fetchall():
            if first <= last:
                return True
            last = end
        return False

    def events(self, index: int) -> Iterator[dict[str, Any]]:
        """The stored events of request ``index``, in sequence order, each once."""
        self.flush()
        query = "SELECT envelopes FROM events WHERE idx = ? ORDER BY first_seq"
        last = None
        for (chunk,) in self._conn.execute(query, (index,)).fetchall():
            for event in _json.loads(zlib.decompress(chunk) if isinstance(chunk, bytes) else chunk):
                seq = event.get("seq")
                if type(seq) is int:
                    if last is not None and seq <= last:
                        continue
                    last = seq
                yield event

    # -- recording (buffered) -----------------------------------------------------------------
    def record_created(self, index: int, rollout_id: str) -> None:
        with self._lock:
            self._created.append((rollout_id, index))
            self._queued()

    def record_events(
        self,
        index: int,
        cursor: tuple[int | None, str | None],
        kept: tuple[int, int, list[str]] | None = None,
    ) -> None:
        """A batch of one row's events: the stream's new resume point (``cursor``: the last
        event's seq and id) and, with events kept, ``(first order, last order, JSON texts)``.

        One call per batch, not per event: with 64 streams recording at once, a lock taken per
        event is what made keeping events cost (the writers queue on it)."""
        with self._lock:
            self._cursors[index] = (cursor[0], cursor[1], index)
            if kept is not None:
                pending = self._events.get(index)
                if pending is None:
                    self._events[index] = kept  # the list is ours now: the row handed it over
                else:
                    pending[2].extend(kept[2])
                    self._events[index] = (pending[0], kept[1], pending[2])
            self._queued()

    def record_result(self, index: int, result: Mapping[str, Any]) -> None:
        with self._lock:
            self._results.append((canonical(result), index))
            self._queued()

    def record_retry(self, past: StoredAttempt) -> None:
        """Request ``past.index`` gets a new attempt: ``past`` (its current one) moves to
        ``attempts`` and the row starts over (no rollout, cursor or result). Committed before this
        returns, so the next attempt's create is never sent before the journal knows of it; what
        is pending is committed first (the row's own writes must land before the row is cleared)."""
        index, attempt, result = past.index, past.attempt, past.result
        self.flush()
        with self._write_lock:
            if self._closed:
                return
            conn = self._conn
            conn.execute("BEGIN")
            try:
                conn.execute(
                    "INSERT OR REPLACE INTO attempts VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        index,
                        attempt,
                        past.idempotency_key,
                        past.rollout_id,
                        past.failure_class,
                        None if result is None else canonical(result),
                    ),
                )
                conn.execute(
                    "INSERT OR IGNORE INTO attempt_events SELECT idx, ?, first_seq, last_seq, envelopes "
                    "FROM events WHERE idx = ?",
                    (attempt, index),
                )
                conn.execute("DELETE FROM events WHERE idx = ?", (index,))
                conn.execute(
                    "UPDATE rows SET rollout_id = NULL, last_seq = NULL, last_event_id = NULL, result = NULL "
                    "WHERE idx = ?",
                    (index,),
                )
                conn.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                self._write_error = exc
                raise self._write_failed() from exc

    def _queued(self) -> None:
        """Called with ``_lock`` held, after one write was queued."""
        if self._closed:
            self._take()  # a worker still running after the run ended (Ctrl-C): nothing to keep
            return
        if self._write_error is not None:
            raise self._write_failed()
        self._pending += 1
        if self._writer is None:
            self._writer = threading.Thread(target=self._write_loop, name="synth-pools-journal", daemon=True)
            self._writer.start()
        elif self._pending >= FLUSH_EVERY_OPS:
            self._wake.set()

    def _take(self) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        """The pending writes, leaving the buffers empty (``_lock`` held: nothing slow here)."""
        events = [(index, first, last, texts) for index, (first, last, texts) in self._events.items()]
        taken = (self._created, events, list(self._cursors.values()), self._results)
        self._created, self._results, self._cursors, self._events, self._pending = [], [], {}, {}, 0
        return taken

    @staticmethod
    def _chunks(events: list[Any]) -> list[tuple[int, int, int, bytes]]:
        """One row of table ``events`` per request: its kept events as one compressed JSON array."""
        return [
            (index, first, last, zlib.compress(("[" + ",".join(texts) + "]").encode(), 1))
            for index, first, last, texts in events
        ]

    def _write_loop(self) -> None:
        while not self._closed:
            self._wake.wait(FLUSH_EVERY_SEC)
            self._wake.clear()
            try:
                self.flush()
            except JournalWriteError:  # kept in _write_error: the next record and close() raise it
                return

    def flush(self) -> None:
        """Commit every pending write now (one transaction)."""
        with self._write_lock:
            with self._lock:
                if self._closed or not self._pending:
                    return
                created, events, cursors, results = self._take()
            chunks = self._chunks(events)  # outside _lock: workers record while this compresses
            conn = self._conn
            conn.execute("BEGIN")
            try:
                conn.executemany(_SQL["created"], created)
                conn.executemany(_SQL["events"], chunks)
                conn.executemany(_SQL["cursor"], cursors)
                conn.executemany(_SQL["result"], results)
                conn.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                with contextlib.suppress(sqlite3.Error):  # a broken connection may refuse this too
                    conn.execute("ROLLBACK")
                self._write_error = exc
                raise self._write_failed() from exc
            self.flushes += 1

    def close(self) -> None:
        """Stop the writer, commit what is pending, close the file; raise a write that failed."""
        writer = self._writer
        if writer is not None:
            self._wake.set()
        with self._write_lock:
            if self._closed:
                return
        try:
            if self._write_error is None:
                self.flush()
        finally:
            with self._write_lock, self._lock:
                self._closed = True
                self._conn.close()
            self._wake.set()
        if writer is not None and writer is not threading.current_thread():
            writer.join(5)
        if self._write_error is not None:
            raise self._write_failed()

    def _write_failed(self) -> JournalWriteError:
        """A new error per raise: re-raising the writer's own exception from every worker thread
        would share one object and stack each thread's traceback onto it."""
        cause = self._write_error
        error = JournalWriteError(
            f"the batch journal {str(self.path)!r} could not be written ({type(cause).__name__}: {cause}); "
            "free disk space or fix its permissions, then rerun the same batch with the same journal to resume"
        )
        error.__cause__ = cause
        return error


_SQLITE_MAGIC = b"SQLite format 3\x00"


@functools.cache
def _expected_columns() -> dict[str, frozenset[str]]:
    """Each table of this layout and its columns, read from ``_SCHEMA`` itself."""
    mem = sqlite3.connect(":memory:")
    try:
        mem.executescript(_SCHEMA)
        tables = [name for (name,) in mem.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: frozenset(row[1] for row in mem.execute(f"PRAGMA table_info({t})")) for t in tables}
    finally:
        mem.close()


def _check_head(path: Path) -> bool:
    """Whether ``path`` holds something to open as a journal (False: nothing there yet, or an
    empty file). Raises :class:`JournalDamagedError` for a directory, a file that is not SQLite
    or a truncated one, having read only its first 100 bytes."""
    if path.is_dir():
        raise JournalDamagedError(path, "is a directory", "pass the path of a file inside it, e.g. batch.db")
    if not path.exists():
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise JournalDamagedError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not head:
        return False  # an empty file: nothing in it to keep
    if not head.startswith(_SQLITE_MAGIC):
        shown = head[:16].decode("ascii", "replace")
        sample = head[:64].decode("utf-8", "replace")
        kind = "text" if all(c.isprintable() or c in "\t\r\n" for c in sample) else "data"
        raise JournalDamagedError(path, f"is not an SQLite database (it holds {kind} starting {shown!r})")
    if len(head) < 100 or not _whole(path, head):
        raise JournalDamagedError(path, "is a truncated SQLite database (shorter than its header says)")
    return True


def _check_layout(path: Path, conn: sqlite3.Connection) -> dict[str, str]:
    """The journal's meta, once its tables are checked to be this layout's ({}: an empty
    database). Reads only: raises :class:`JournalDamagedError` for another program's database,
    a journal of another layout or a damaged file, before anything is written."""
    try:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return {}
        if "meta" not in tables:
            raise JournalDamagedError(
                path, f"is another program's SQLite database (tables: {', '.join(sorted(tables))[:120]})"
            )
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != SCHEMA_VERSION:
            raise JournalDamagedError(
                path,
                f"is a batch journal of another layout (schema {meta.get('schema')!r}; this version "
                f"reads {SCHEMA_VERSION!r})",
                "resume it with the synth-pools version that wrote it, or pass a new journal path",
            )
        for table, columns in _expected_columns().items():
            found = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if not found and table in _ADDED_LATER:
                continue  # a journal from before retries: reopening adds the table
            missing = sorted(columns - found)
            if missing:
                what = (
                    f"has no table {table!r}"
                    if not found
                    else f"lacks column(s) {', '.join(missing)} of table {table!r}"
                )
                raise JournalDamagedError(path, f"{what}: it is not a journal this version wrote")
    except sqlite3.DatabaseError as exc:
        raise JournalDamagedError(path, f"is damaged ({exc})") from exc
    return meta


def _whole(path: Path, head: bytes) -> bool:
    """Whether the file is as long as its header says (a truncated copy is not). Skipped while a
    write-ahead log is beside it: after a kill, pages may live there and not in the file yet."""
    if Path(f"{path}-wal").exists():
        return True
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # the header's page count is valid only then
    return not valid or pages == 0 or path.stat().st_size >= pages * page_size


# what StoredRow holds, in its order
_ROW_COLUMNS = "idx, idempotency_key, rollout_id, last_seq, last_event_id, result"


def _stored_row(row: Sequence[Any]) -> StoredRow:
    idx, key, rollout_id, last_seq, last_event_id, result = row
    return StoredRow(idx, key, rollout_id, last_seq, last_event_id, _result(result))


_SQL = {
    "created": "UPDATE rows SET rollout_id = ? WHERE idx = ?",
    "events": "INSERT OR IGNORE INTO events (idx, first_seq, last_seq, envelopes) VALUES (?, ?, ?, ?)",
    # a cursor never moves back (a replayed older event must not rewind the resume point)
    "cursor": "UPDATE rows SET last_seq = COALESCE(?1, last_seq), last_event_id = COALESCE(?2, last_event_id) "
    "WHERE idx = ?3 AND (?1 IS NULL OR last_seq IS NULL OR last_seq < ?1)",
    "result": "UPDATE rows SET result = ? WHERE idx = ?",
}
