"""Container leases: a hold on one of a pool's running slots, for a TTL, renewed or released.

The real service declares its lease routes untyped (real-service.md), so the shape here is this
backend's: ``lease_id``, ``pool_id``, ``task_id``, ``state`` (active, released, expired),
``ttl_sec``, ``created_at``, ``expires_at``, ``renewed_at``, ``released_at``, ``renewals``,
``metadata``. What makes a lease real locally: while active it takes one slot of its pool, so the
scheduler starts one rollout fewer there; it ends by release or when its TTL runs out (checked on
every read, and a timer wakes the scheduler at the deadline).
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

from .errors import ApiError, not_found
from .store import Store, now_iso

DEFAULT_TTL_SEC = 300
ACTIVE = "active"


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Leases:
    def __init__(self, store: Store) -> None:
        self.store = store
        store.db.execute(
            "CREATE TABLE IF NOT EXISTS leases (lease_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, "
            "pool_id TEXT NOT NULL, expires REAL NOT NULL, state TEXT NOT NULL, doc TEXT NOT NULL, "
            "n INTEGER NOT NULL)"
        )

    def _save(self, org: str, doc: dict[str, Any], expires: float) -> None:
        self.store.db.execute(
            "INSERT OR REPLACE INTO leases VALUES (?,?,?,?,?,?,"
            "COALESCE((SELECT n FROM leases WHERE lease_id=?),(SELECT COALESCE(MAX(n),0)+1 FROM leases)))",
            (doc["lease_id"], org, doc["pool_id"], expires, doc["state"], json.dumps(doc), doc["lease_id"]),
        )

    def _expire(self, org: str) -> None:
        """Active leases past their deadline become expired (their slot is free again)."""
        now = time.time()
        rows = self.store.db.execute(
            "SELECT doc, expires FROM leases WHERE org_id=? AND state=? AND expires<=?", (org, ACTIVE, now)
        ).fetchall()
        for raw, expires in rows:
            self._save(org, {**json.loads(raw), "state": "expired"}, float(expires))

    def create(self, org: str, lease_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
        ttl = int(body.get("ttl_sec") or DEFAULT_TTL_SEC)
        now = time.time()
        doc = {
            "lease_id": lease_id,
            "pool_id": body["pool_id"],
            "task_id": body.get("task_id"),
            "state": ACTIVE,
            "ttl_sec": ttl,
            "created_at": now_iso(),
            "expires_at": _iso(now + ttl),
            "renewed_at": None,
            "released_at": None,
            "renewals": 0,
            "metadata": body.get("metadata") or {},
        }
        self._save(org, doc, now + ttl)
        return doc, ttl

    def get(self, org: str, lease_id: str) -> dict[str, Any]:
        self._expire(org)
        row = self.store.db.execute(
            "SELECT doc FROM leases WHERE org_id=? AND lease_id=?", (org, lease_id)
        ).fetchone()
        if row is None:
            raise not_found("lease", lease_id)
        return dict(json.loads(row[0]))

    def list(self, org: str, pool_id: str | None, state: str | None) -> list[dict[str, Any]]:
        self._expire(org)
        sql, args = "SELECT doc FROM leases WHERE org_id=?", [org]
        for column, value in (("pool_id", pool_id), ("state", state)):
            if value:
                sql += f" AND {column}=?"
                args.append(value)
        return [dict(json.loads(r[0])) for r in self.store.db.execute(sql + " ORDER BY n", args)]

    def renew(self, org: str, lease_id: str, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
        doc = self.get(org, lease_id)
        if doc["state"] != ACTIVE:
            raise ApiError(
                409, "lease_not_active", f"lease {lease_id!r} is {doc['state']}; create a new lease instead"
            )
        ttl = int(body.get("ttl_sec") or doc["ttl_sec"])
        now = time.time()
        doc.update(
            ttl_sec=ttl, expires_at=_iso(now + ttl), renewed_at=now_iso(), renewals=int(doc["renewals"]) + 1
        )
        self._save(org, doc, now + ttl)
        return doc, ttl

    def release(self, org: str, lease_id: str) -> dict[str, Any]:
        """Ends an active lease; a lease already ended is answered as it is (a release is idempotent)."""
        doc = self.get(org, lease_id)
        if doc["state"] == ACTIVE:
            doc.update(state="released", released_at=now_iso())
            self._save(org, doc, time.time())
        return doc

    def active_in_pool(self, org: str, pool_id: str) -> int:
        row = self.store.db.execute(
            "SELECT COUNT(*) FROM leases WHERE org_id=? AND pool_id=? AND state=? AND expires>?",
            (org, pool_id, ACTIVE, time.time()),
        ).fetchone()
        return int(row[0])
