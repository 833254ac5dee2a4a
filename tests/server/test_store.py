"""The store answers a listing page in one query, whatever its length (no N+1)."""

from __future__ import annotations

from pathlib import Path

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
