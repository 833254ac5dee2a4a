"""The store: a listing page is one query (no N+1), and the database enforces its unique names."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from synth_pools_server.store import Store


def _selects(store: Store) -> list[str]:
    seen: list[str] = []
    store.db.set_trace_callback(
        lambda sql: seen.append(sql) if sql.lstrip().upper().startswith("SELECT") else None
    )
    return seen


def test_a_page_of_pools_or_tasks_is_one_query(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        for i in range(30):
            store.put_pool("org", f"p{i}", {"pool_id": f"p{i}", "pool_type": "sandbox"}, create=True)
            store.put_task("org", "p0", {"task_id": f"t{i}", "backend": "local"}, create=True)
        selects = _selects(store)
        pools = store.list_pools("org", 0, 20)
        assert len(selects) == 1, selects
        assert [p["pool_id"] for _, p in pools] == [f"p{i}" for i in range(20)]
        assert pools[0][1]["created_at"] and pools[0][1]["updated_at"] is None
        assert store.list_pools("org", pools[-1][0], 20)[0][1]["pool_id"] == "p20"
        selects.clear()
        tasks = store.list_tasks("org", "p0")
        assert len(selects) == 1, selects
        assert [t["task_id"] for _, t in tasks] == [f"t{i}" for i in range(30)]
        assert tasks[0][1] == store.get_task("org", "p0", "t0")
    finally:
        store.close()


def _credential(name: str) -> dict[str, object]:
    return {"credential_id": f"cred_{name}_{id(name)}", "credential_name": name, "credential_type": "api_key"}


def test_a_credential_name_is_unique_per_org_by_the_database(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        store.insert_credential(_credential("TOKEN"), "org", "v1")
        with pytest.raises(sqlite3.IntegrityError):
            store.insert_credential({**_credential("TOKEN"), "credential_id": "cred_other"}, "org", "v2")
        store.insert_credential({**_credential("TOKEN"), "credential_id": "cred_org2"}, "org2", "v3")
        assert store.credential_values_by_name("org", ["TOKEN", "NONE"]) == {"TOKEN": "v1"}
        assert store.credential_values_by_name("org2", ["TOKEN"]) == {"TOKEN": "v3"}
    finally:
        store.close()


def test_an_older_data_dir_gets_the_unique_name(tmp_path: Path) -> None:
    # a credentials table from before the name column: the store adds it and backfills it
    db = sqlite3.connect(tmp_path / "state.sqlite")
    db.execute(
        "CREATE TABLE credentials (credential_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, doc TEXT NOT NULL, n INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO credentials VALUES ('cred_1', 'org', ?, 1)", (json.dumps(_credential("OLD")),))
    db.commit()
    db.close()
    store = Store(tmp_path)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            store.insert_credential({**_credential("OLD"), "credential_id": "cred_2"}, "org", "v")
    finally:
        store.close()


def test_a_deactivated_name_stays_free_after_a_restart(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.insert_credential(_credential("TOKEN"), "org", "v1")
    store.deactivate_credential("org", _credential("TOKEN"))
    store.insert_credential({**_credential("TOKEN"), "credential_id": "cred_new"}, "org", "v2")
    store.close()
    store = Store(tmp_path)  # reopening must not give the deactivated row its name back
    try:
        assert store.credential_values_by_name("org", ["TOKEN"]) == {"TOKEN": "v2"}
    finally:
        store.close()
