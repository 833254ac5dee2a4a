"""SQLite state (WAL) in `--data-dir`: pools, tasks, rollouts, events, artifacts, idempotency.

One connection, used only from the event-loop thread (check_same_thread guards that), so every
write is serialised without locks. Each write commits before the caller answers or sends an
event, which is what makes "acknowledged" survive kill -9 (WAL + synchronous=NORMAL survives a
process crash; only a power loss can drop the last transactions).

Credential values live in a second file (`credentials.sqlite`, mode 0600) so the main database
and everything else under the data dir never hold a secret.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS pools (
    org_id TEXT NOT NULL, pool_id TEXT NOT NULL, config TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT, seq INTEGER NOT NULL,
    PRIMARY KEY (org_id, pool_id));
CREATE TABLE IF NOT EXISTS tasks (
    org_id TEXT NOT NULL, pool_id TEXT NOT NULL, task_id TEXT NOT NULL, body TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT, seq INTEGER NOT NULL,
    PRIMARY KEY (org_id, pool_id, task_id));
CREATE TABLE IF NOT EXISTS rollouts (
    n INTEGER PRIMARY KEY AUTOINCREMENT, rollout_id TEXT UNIQUE NOT NULL, org_id TEXT NOT NULL,
    pool_id TEXT, task_id TEXT, dataset TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL,
    doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rollouts_org ON rollouts (org_id, n);
CREATE INDEX IF NOT EXISTS rollouts_status ON rollouts (status);
CREATE INDEX IF NOT EXISTS tasks_seq ON tasks (seq);
CREATE INDEX IF NOT EXISTS pools_seq ON pools (seq);
CREATE TABLE IF NOT EXISTS events (
    rollout_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, terminal INTEGER NOT NULL,
    body TEXT NOT NULL, PRIMARY KEY (rollout_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS artifacts (
    rollout_id TEXT NOT NULL, path TEXT NOT NULL, size_bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL, provenance TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (rollout_id, path)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS credentials (
    credential_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, doc TEXT NOT NULL, n INTEGER NOT NULL,
    name TEXT);
CREATE TABLE IF NOT EXISTS idempotency (
    org_id TEXT NOT NULL, op TEXT NOT NULL, key TEXT NOT NULL, body_hash TEXT NOT NULL,
    status INTEGER NOT NULL, response TEXT NOT NULL, created REAL NOT NULL,
    PRIMARY KEY (org_id, op, key));
"""

# `completed` is the service's success status today (an older backend's `succeeded` is migrated to
# it when its data dir is opened)
TERMINAL = ("completed", "failed", "cancelled", "error", "validated")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=5000")
    return conn


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a data dir written by an older backend up to SCHEMA."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(credentials)")}
    if "name" not in columns:  # once: later a NULL name is a deactivated credential's, keep it NULL
        db.execute("ALTER TABLE credentials ADD COLUMN name TEXT")
        db.execute(
            "UPDATE credentials SET name = json_extract(doc, '$.credential_name') "
            "WHERE COALESCE(json_extract(doc, '$.is_active'), 1)"
        )
    # a credential's name is unique in its org: the database says so, not a scan of the rows
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS credentials_name ON credentials (org_id, name)")
    if db.execute("PRAGMA user_version").fetchone()[0] < 1:  # once per data dir: a scan of every rollout
        _migrate_rollouts(db)
        db.execute("PRAGMA user_version = 1")
    if db.execute("PRAGMA user_version").fetchone()[0] < 2:  # once per data dir
        _drop_invented_tokens(db)
        db.execute("PRAGMA user_version = 2")


def _migrate_rollouts(db: sqlite3.Connection) -> None:
    """Rollouts an older backend stored. `succeeded` is `completed` now (so a filter by either
    status finds them). A reward stored without `verified` may have come from an exit code or the
    stand-in agent's hash (older runners made those up): it stays a reward only when the rollout's
    events show a verifier finishing with it; otherwise it is no reward, and `reward_reason` keeps
    the old value and says why. Idempotent: a migrated rollout carries `verified`."""
    db.execute(
        "UPDATE rollouts SET status='completed', doc=json_set(doc, '$.status', 'completed') "
        "WHERE status='succeeded'"
    )
    rows = db.execute(
        "SELECT rollout_id, doc FROM rollouts WHERE json_extract(doc, '$.reward') IS NOT NULL "
        "AND json_type(doc, '$.verified') IS NULL"
    ).fetchall()
    for rollout_id, text in rows:
        doc = json.loads(text)
        verifier_rewards = {
            reward
            for (reward,) in db.execute(
                "SELECT json_extract(body, '$.data.reward') FROM events WHERE rollout_id=? "
                "AND event='verifier' AND json_extract(body, '$.data.type')='finished'",
                (rollout_id,),
            )
        }
        doc["verified"] = doc["reward"] in verifier_rewards
        if not doc["verified"]:
            doc["reward_reason"] = (
                f"no verified reward: an older local backend stored {doc['reward']!r} without a "
                "verifier having produced it (it scored runs by exit code or made the score up)"
            )
            doc["reward"] = None
        db.execute("UPDATE rollouts SET doc=? WHERE rollout_id=?", (json.dumps(doc), rollout_id))


def _drop_invented_tokens(db: sqlite3.Connection) -> None:
    """Older backends gave the stand-in agent's steps made-up token counts, summed them into the
    rollout's usage and priced them as LLM cost; no local run ever called a model, so those counts
    go: the usage keeps 0 LLM tokens (its cost is then the sandbox's) and the simulated steps'
    events lose theirs."""
    db.execute(
        "UPDATE rollouts SET doc=json_set(doc, '$._usage.llm_input_tokens', 0, "
        "'$._usage.llm_output_tokens', 0) WHERE json_extract(doc, '$._usage.llm_input_tokens') "
        "OR json_extract(doc, '$._usage.llm_output_tokens')"
    )
    db.execute(
        "UPDATE events SET body=json_remove(body, '$.data.input_tokens', '$.data.output_tokens') "
        "WHERE event='agent' AND json_extract(body, '$.data.simulated') "
        "AND (json_type(body, '$.data.input_tokens') IS NOT NULL "
        "OR json_type(body, '$.data.output_tokens') IS NOT NULL)"
    )


def _pool(config: str, created_at: str, updated_at: str | None) -> dict[str, Any]:
    pool: dict[str, Any] = json.loads(config)
    pool.update(created_at=created_at, updated_at=updated_at)
    return pool


def _task(pool_id: str, body: str, created_at: str, updated_at: str | None) -> dict[str, Any]:
    task: dict[str, Any] = json.loads(body)
    task.update(pool_id=pool_id, created_at=created_at, updated_at=updated_at)
    return task


class DataDirError(Exception):
    """The data dir cannot be used; the message is one line saying why and what to do."""


_locks: dict[Path, int] = {}  # data dir -> fd holding its lock, for this process's lifetime


def lock_data_dir(data_dir: Path) -> None:
    """Take the data dir for this process (an OS lock, released when the process dies, even by
    kill -9). Two backends on one data dir would run and finish each other's rollouts."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key = data_dir.resolve()
    if key in _locks:
        return
    path = key / "backend.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "another process"
        os.close(fd)
        raise DataDirError(
            f"data dir {key} is in use by another local backend (pid {holder}); stop it, or pass "
            "another --data-dir"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    _locks[key] = fd


def unlock_data_dir(data_dir: Path) -> None:
    fd = _locks.pop(data_dir.resolve(), None)
    if fd is not None:
        os.close(fd)  # closing the one fd that holds the flock releases it


def _open_checked(path: Path) -> sqlite3.Connection:
    try:
        conn = _connect(path)
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DataDirError(
            f"{path} is not a usable database ({exc}); move it aside (mv {path} {path}.corrupt, "
            "with its -wal and -shm files) to start with empty state, or restore it from a backup"
        ) from None
    os.chmod(path, 0o600)  # the -wal and -shm files take the same mode
    return conn


class Store:
    def __init__(self, data_dir: Path) -> None:
        lock_data_dir(data_dir)
        # others may pass through (a rollout's uid must reach its own workdir), not list or read
        os.chmod(data_dir, 0o711)
        (data_dir / "rollouts").mkdir(exist_ok=True)
        os.chmod(data_dir / "rollouts", 0o711)
        self.data_dir = data_dir
        self.db = _open_checked(data_dir / "state.sqlite")
        try:
            self.db.executescript(SCHEMA)
            _migrate(self.db)
        except sqlite3.DatabaseError as exc:
            path = data_dir / "state.sqlite"
            raise DataDirError(
                f"{path} is not a usable database ({exc}); move it aside (mv {path} {path}.corrupt) "
                "to start with empty state, or restore it from a backup"
            ) from None
        secrets_path = data_dir / "credentials.sqlite"
        self.secrets = _open_checked(secrets_path)
        self.secrets.execute(
            "CREATE TABLE IF NOT EXISTS secret (credential_id TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )

    def __repr__(self) -> str:
        return f"Store({self.data_dir})"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Every write inside commits together or not at all (one fsync). Inside another one it
        joins it: the outermost decides. Hold it only in code that does not await."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _tx(self, statements: list[tuple[str, Any]]) -> None:
        with self.transaction():
            for sql, args in statements:
                if isinstance(args, list):
                    self.db.executemany(sql, args)
                else:
                    self.db.execute(sql, args)

    def close(self) -> None:
        self.db.close()
        self.secrets.close()
        unlock_data_dir(self.data_dir)

    def rollout_dir(self, rollout_id: str) -> Path:
        return self.data_dir / "rollouts" / rollout_id

    # -- pools and tasks -------------------------------------------------------------------
    def get_pool(self, org: str, pool_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT config, created_at, updated_at FROM pools WHERE org_id=? AND pool_id=?", (org, pool_id)
        ).fetchone()
        return None if row is None else _pool(*row)

    def put_pool(self, org: str, pool_id: str, config: dict[str, Any], *, create: bool) -> None:
        ts = now_iso()
        body = json.dumps({k: v for k, v in config.items() if k not in ("created_at", "updated_at", "tasks")})
        if create:
            self.db.execute(
                "INSERT INTO pools VALUES (?,?,?,?,NULL,(SELECT COALESCE(MAX(seq),0)+1 FROM pools))",
                (org, pool_id, body, ts),
            )
        else:
            self.db.execute(
                "UPDATE pools SET config=?, updated_at=? WHERE org_id=? AND pool_id=?",
                (body, ts, org, pool_id),
            )

    def delete_pool(self, org: str, pool_id: str) -> None:
        self._tx(
            [
                ("DELETE FROM tasks WHERE org_id=? AND pool_id=?", (org, pool_id)),
                ("DELETE FROM pools WHERE org_id=? AND pool_id=?", (org, pool_id)),
            ]
        )

    def list_pools(self, org: str, after: int, limit: int) -> list[tuple[int, dict[str, Any]]]:
        rows = self.db.execute(
            "SELECT seq, config, created_at, updated_at FROM pools WHERE org_id=? AND seq>? ORDER BY seq LIMIT ?",
            (org, after, limit),
        ).fetchall()  # one query for the page (it used to read each pool again: N+1)
        return [(seq, _pool(config, created, updated)) for seq, config, created, updated in rows]

    def get_task(self, org: str, pool_id: str, task_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT body, created_at, updated_at FROM tasks WHERE org_id=? AND pool_id=? AND task_id=?",
            (org, pool_id, task_id),
        ).fetchone()
        return None if row is None else _task(pool_id, *row)

    def put_task(self, org: str, pool_id: str, task: dict[str, Any], *, create: bool) -> None:
        ts = now_iso()
        body = json.dumps({k: v for k, v in task.items() if k not in ("created_at", "updated_at", "pool_id")})
        if create:
            self.db.execute(
                "INSERT INTO tasks VALUES (?,?,?,?,?,NULL,(SELECT COALESCE(MAX(seq),0)+1 FROM tasks))",
                (org, pool_id, task["task_id"], body, ts),
            )
        else:
            self.db.execute(
                "UPDATE tasks SET body=?, updated_at=? WHERE org_id=? AND pool_id=? AND task_id=?",
                (body, ts, org, pool_id, task["task_id"]),
            )

    def replace_tasks(self, org: str, pool_id: str, tasks: list[dict[str, Any]]) -> None:
        """The pool's tasks become `tasks`, in order (one statement each way: a pool of 10,000
        tasks is written in one pass, not row by row)."""
        ts = now_iso()
        self.db.execute("DELETE FROM tasks WHERE org_id=? AND pool_id=?", (org, pool_id))
        (last,) = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM tasks").fetchone()
        skip = ("created_at", "updated_at", "pool_id")
        self.db.executemany(
            "INSERT INTO tasks VALUES (?,?,?,?,?,NULL,?)",
            (
                (
                    org,
                    pool_id,
                    t["task_id"],
                    json.dumps({k: v for k, v in t.items() if k not in skip}),
                    ts,
                    last + i,
                )
                for i, t in enumerate(tasks, 1)
            ),
        )

    def delete_task(self, org: str, pool_id: str, task_id: str) -> None:
        self.db.execute(
            "DELETE FROM tasks WHERE org_id=? AND pool_id=? AND task_id=?", (org, pool_id, task_id)
        )

    def list_tasks(
        self, org: str, pool_id: str, after: int = 0, limit: int = 100_000
    ) -> list[tuple[int, dict[str, Any]]]:
        rows = self.db.execute(
            "SELECT seq, body, created_at, updated_at FROM tasks "
            "WHERE org_id=? AND pool_id=? AND seq>? ORDER BY seq LIMIT ?",
            (org, pool_id, after, limit),
        ).fetchall()  # one query for the page (it used to read each task again: N+1)
        return [(seq, _task(pool_id, body, created, updated)) for seq, body, created, updated in rows]

    # -- rollouts ---------------------------------------------------------------------------
    def insert_rollout(self, doc: dict[str, Any], org: str) -> None:
        self.db.execute(
            "INSERT INTO rollouts (rollout_id, org_id, pool_id, task_id, dataset, status, created_at, doc) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (
                doc["rollout_id"],
                org,
                doc.get("pool_id"),
                doc.get("task_id"),
                doc.get("dataset"),
                doc["status"],
                doc["created_at"],
                json.dumps(doc),
            ),
        )

    def update_rollout(self, doc: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE rollouts SET status=?, doc=? WHERE rollout_id=?",
            (doc["status"], json.dumps(doc), doc["rollout_id"]),
        )

    def get_rollout(self, rollout_id: str, org: str | None = None) -> dict[str, Any] | None:
        if org is None:
            row = self.db.execute("SELECT doc FROM rollouts WHERE rollout_id=?", (rollout_id,)).fetchone()
        else:
            row = self.db.execute(
                "SELECT doc FROM rollouts WHERE rollout_id=? AND org_id=?", (rollout_id, org)
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def rollout_org(self, rollout_id: str) -> str | None:
        row = self.db.execute("SELECT org_id FROM rollouts WHERE rollout_id=?", (rollout_id,)).fetchone()
        return None if row is None else str(row[0])

    def list_rollouts(
        self, org: str, filters: dict[str, Any], before: int | None, limit: int
    ) -> list[tuple[int, dict[str, Any]]]:
        sql = "SELECT n, doc FROM rollouts WHERE org_id=?"
        args: list[Any] = [org]
        for col in ("pool_id", "task_id", "dataset", "status"):
            if filters.get(col) is not None:
                sql += f" AND {col}=?"
                args.append(filters[col])
        if filters.get("created_after"):
            sql += " AND created_at>?"
            args.append(filters["created_after"])
        if filters.get("created_before"):
            sql += " AND created_at<?"
            args.append(filters["created_before"])
        if before is not None:
            sql += " AND n<?"
            args.append(before)
        sql += " ORDER BY n DESC LIMIT ?"
        args.append(limit)
        return [(int(n), dict(json.loads(doc))) for n, doc in self.db.execute(sql, args)]

    def rollouts_with_status(self, statuses: Iterable[str]) -> list[dict[str, Any]]:
        marks = ",".join("?" for _ in statuses)
        rows = self.db.execute(
            f"SELECT doc FROM rollouts WHERE status IN ({marks}) ORDER BY n", tuple(statuses)
        )
        return [dict(json.loads(r[0])) for r in rows]

    def pool_counts(self, org: str, pool_id: str) -> dict[tuple[str, bool], int]:
        """The pool's rollouts counted by (status, whether a verifier produced the reward)."""
        rows = self.db.execute(
            "SELECT status, COALESCE(json_extract(doc, '$.verified'), 0), COUNT(*) FROM rollouts "
            "WHERE org_id=? AND pool_id=? GROUP BY 1, 2",
            (org, pool_id),
        )
        return {(str(s), bool(v)): int(c) for s, v, c in rows}

    def pool_mean_reward(self, org: str, pool_id: str) -> float | None:
        row = self.db.execute(
            "SELECT AVG(json_extract(doc, '$.reward')) FROM rollouts WHERE org_id=? AND pool_id=? "
            "AND json_extract(doc, '$.reward') IS NOT NULL",
            (org, pool_id),
        ).fetchone()
        return None if row is None or row[0] is None else float(row[0])

    # -- events ----------------------------------------------------------------------------
    def last_seq(self, rollout_id: str) -> int:
        row = self.db.execute("SELECT MAX(seq) FROM events WHERE rollout_id=?", (rollout_id,)).fetchone()
        return int(row[0] or 0)

    def insert_events(self, rows: list[tuple[str, int, str, int, str]]) -> None:
        self._tx([("INSERT INTO events VALUES (?,?,?,?,?)", rows)])

    def read_events(self, rollout_id: str, after: int, limit: int) -> list[tuple[int, str, int, str]]:
        return self.db.execute(
            "SELECT seq, event, terminal, body FROM events WHERE rollout_id=? AND seq>? ORDER BY seq LIMIT ?",
            (rollout_id, after, limit),
        ).fetchall()

    def event_count(self, rollout_id: str) -> int:
        return self.last_seq(rollout_id)

    def last_event_row(self, rollout_id: str) -> tuple[int, str, int, str] | None:
        """The rollout's newest event as (seq, event, terminal, body), or None before any."""
        row = self.db.execute(
            "SELECT seq, event, terminal, body FROM events WHERE rollout_id=? ORDER BY seq DESC LIMIT 1",
            (rollout_id,),
        ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), int(row[2]), str(row[3]))

    def last_event(self, rollout_id: str) -> dict[str, Any] | None:
        row = self.last_event_row(rollout_id)
        return None if row is None else dict(json.loads(row[3]))

    # -- artifacts -------------------------------------------------------------------------
    def put_artifact(self, rollout_id: str, entry: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO artifacts VALUES (?,?,?,?,?,?,?)",
            (
                rollout_id,
                entry["path"],
                entry["size_bytes"],
                entry["sha256"],
                entry["content_type"],
                entry["provenance"],
                entry["created_at"],
            ),
        )

    def list_artifacts(
        self, rollout_id: str, prefix: str = "", after: str = "", limit: int = 1_000_000
    ) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT path, size_bytes, sha256, content_type, provenance, created_at FROM artifacts "
            "WHERE rollout_id=? AND substr(path, 1, ?)=? AND path>? ORDER BY path LIMIT ?",
            (rollout_id, len(prefix), prefix, after, limit),
        ).fetchall()
        keys = ("path", "size_bytes", "sha256", "content_type", "provenance", "created_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def get_artifact(self, rollout_id: str, path: str) -> dict[str, Any] | None:
        found = self.list_artifacts(rollout_id, prefix=path, limit=1)
        return found[0] if found and found[0]["path"] == path else None

    def artifact_totals(self, rollout_id: str) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(size_bytes),0) FROM artifacts WHERE rollout_id=?", (rollout_id,)
        ).fetchone()
        return int(row[0]), int(row[1])

    # -- credentials -----------------------------------------------------------------------
    def insert_credential(self, doc: dict[str, Any], org: str, value: str) -> None:
        """A new credential; ``sqlite3.IntegrityError`` when the org has one of that name already."""
        self.db.execute(
            "INSERT INTO credentials VALUES (?,?,?,(SELECT COALESCE(MAX(n),0)+1 FROM credentials),?)",
            (doc["credential_id"], org, json.dumps(doc), doc["credential_name"]),
        )
        self.secrets.execute("INSERT OR REPLACE INTO secret VALUES (?,?)", (doc["credential_id"], value))

    def update_credential(self, doc: dict[str, Any], org: str, value: str) -> None:
        self.secrets.execute("INSERT OR REPLACE INTO secret VALUES (?,?)", (doc["credential_id"], value))
        self.db.execute(
            "UPDATE credentials SET doc=? WHERE org_id=? AND credential_id=?",
            (json.dumps(doc), org, doc["credential_id"]),
        )

    def get_credential(self, org: str, credential_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT doc FROM credentials WHERE org_id=? AND credential_id=?", (org, credential_id)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def list_credentials(self, org: str, after: int, limit: int) -> list[tuple[int, dict[str, Any]]]:
        rows = self.db.execute(
            "SELECT n, doc FROM credentials WHERE org_id=? AND n>? ORDER BY n LIMIT ?", (org, after, limit)
        ).fetchall()
        return [(int(n), dict(json.loads(d))) for n, d in rows]

    def deactivate_credential(self, org: str, doc: dict[str, Any]) -> None:
        """A soft delete, as the service does it: the row stays, inactive; the value is erased and
        the name column is cleared (the UNIQUE index ignores NULLs), so the name is free again."""
        self.secrets.execute("DELETE FROM secret WHERE credential_id=?", (doc["credential_id"],))
        self.db.execute(
            "UPDATE credentials SET doc=?, name=NULL WHERE org_id=? AND credential_id=?",
            (json.dumps({**doc, "is_active": False}), org, doc["credential_id"]),
        )

    def credential_values_by_name(self, org: str, names: Iterable[str]) -> dict[str, str]:
        """The value of each named credential of the org (never logged, never returned)."""
        wanted = sorted(set(names))
        rows = self.db.execute(
            f"SELECT name, credential_id FROM credentials WHERE org_id=? AND name IN ({','.join('?' * len(wanted))})",
            (org, *wanted),
        ).fetchall()
        out: dict[str, str] = {}
        for name, credential_id in rows:
            row = self.secrets.execute(
                "SELECT value FROM secret WHERE credential_id=?", (credential_id,)
            ).fetchone()
            if row is not None:
                out[str(name)] = str(row[0])
        return out

    # -- idempotency -----------------------------------------------------------------------
    def get_idempotent(self, org: str, op: str, key: str, min_created: float) -> tuple[str, int, str] | None:
        row = self.db.execute(
            "SELECT body_hash, status, response FROM idempotency WHERE org_id=? AND op=? AND key=? AND created>=?",
            (org, op, key, min_created),
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), str(row[2]))

    def put_idempotent(
        self, org: str, op: str, key: str, body_hash: str, status: int, response: str, created: float
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO idempotency VALUES (?,?,?,?,?,?,?)",
            (org, op, key, body_hash, status, response, created),
        )

    def purge_idempotent(self, before: float) -> None:
        self.db.execute("DELETE FROM idempotency WHERE created<?", (before,))
