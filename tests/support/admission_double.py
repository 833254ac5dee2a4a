"""A double of the service's admission: an org allowance, 429s, partial batches, costs, failures.

A real HTTP server on 127.0.0.1 (threads), in the newest answer shapes (design/real-service.md,
"The service as the newest clients see it"): rollouts finish ``completed`` / ``failed`` /
``cancelled`` with ``metrics.outcome_reward``; lists answer ``{"items": [...]}``.

- **Allowance**: at most ``allowance`` rollouts run at once (org-wide). A create over it answers
  429 ``{"detail": {"error_code": "concurrency_limit_exceeded", "retry_after_seconds": ...}}``
  (``retry_after_header=True`` sends ``Retry-After`` instead of the body field).
  ``POST /v1/rollouts/batch`` ``{pool_id, rollouts}`` admits items one by one and answers
  ``{"rollouts": [the admitted]}``: partial admission.
- A rollout runs ``run_sec`` (or ``run_sec(seed)``) from admission, then ends as ``outcome(seed, attempt)`` says:
  ``None`` for completed, else an error object (``{"code": "sandbox_lost", ...}``) for failed.
  ``seed`` is ``metadata.seed``; ``attempt`` is read from the batch key tag's ``-aN`` suffix.
- ``GET /v1/rollouts/{id}/usage`` answers ``cost(seed)`` dollars and 100 tokens per rollout.
- Idempotency-Key is ignored (as the real service may): a repeated create is a second rollout,
  so a test counting rollouts per key sees any duplicate.

``peak_attempted`` is the most creates in flight at once from the client's side (admitted and
running, plus creates being answered); ``refusals`` the 429s sent.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

__all__ = ["AdmissionDouble"]

TAG = "synth_pools_batch_key"
_ATTEMPT = re.compile(r"-a(\d+)$")
Outcome = Callable[[int, int], dict[str, Any] | None]


def _stamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class AdmissionDouble:
    def __init__(
        self,
        *,
        allowance: int = 4,
        run_sec: float | Callable[[int], float] = 0.15,
        retry_after: float = 0.1,
        retry_after_header: bool = False,
        cost: Callable[[int], float] = lambda seed: 0.01,
        outcome: Outcome = lambda seed, attempt: None,
        batch_route: bool = True,
    ) -> None:
        self.batch_route = batch_route
        self.allowance = allowance
        self.run_sec = run_sec
        self.retry_after = retry_after
        self.retry_after_header = retry_after_header
        self.cost = cost
        self.outcome = outcome
        self.rollouts: dict[str, dict[str, Any]] = {}
        self.refusals = 0
        self.batch_calls = 0
        self.batch_sizes: list[int] = []
        self.cancels: list[str] = []
        self.peak_active = 0
        self.active_at_refusal: list[int] = []
        self._busy = 0  # requests being answered
        self._last_request = 0.0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.api_key = "sk_admission_double"

    def __enter__(self) -> AdmissionDouble:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what tests read ------------------------------------------------------------------------
    def settle(self, quiet_sec: float = 0.3, limit: float = 10.0) -> None:
        """Wait until no request is being answered and none came for ``quiet_sec`` (after a
        client was killed: a create it sent may still be on its way in)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self._lock:
                idle = self._busy == 0 and time.monotonic() - self._last_request >= quiet_sec
            if idle:
                return
            time.sleep(0.02)

    def by_key(self) -> Counter[str]:
        """Rollouts made per batch key (an attempt's key): any value above 1 is a duplicate."""
        with self._lock:
            return Counter(str((r.get("metadata") or {}).get(TAG)) for r in self.rollouts.values())

    def spent(self) -> float:
        with self._lock:
            return sum(self.cost(_seed(r)) for r in self.rollouts.values())

    # -- the service ----------------------------------------------------------------------------
    def _settle(self, now: float) -> int:
        """Finish what ran its time; the number still running (called with the lock held)."""
        running = 0
        for doc in self.rollouts.values():
            if doc["status"] != "running":
                continue
            if now >= doc["_ends"]:
                error = self.outcome(_seed(doc), _attempt(doc))
                doc["finished_at"] = _stamp(time.time())
                if error is None:
                    doc.update(status="completed", metrics={"outcome_reward": 1.0}, error=None)
                else:
                    doc.update(status="failed", error=error)
            else:
                running += 1
        return running

    def _admit(self, body: dict[str, Any]) -> dict[str, Any] | None:
        now = time.monotonic()
        running = self._settle(now)
        if running >= self.allowance:
            self.refusals += 1
            self.active_at_refusal.append(running)
            return None
        rid = f"ro-{next(self._ids):06d}"
        doc = {
            "rollout_id": rid,
            "status": "running",
            "pool_id": body.get("pool_id"),
            "metadata": body.get("metadata") or {},
            "created_at": _stamp(time.time()),
            "_ends": now + (self.run_sec(_seed(body)) if callable(self.run_sec) else self.run_sec),
        }
        self.rollouts[rid] = doc
        self.peak_active = max(self.peak_active, running + 1)
        return doc

    def _refusal(self) -> tuple[int, Any, dict[str, str]]:
        detail: dict[str, Any] = {
            "error_code": "concurrency_limit_exceeded",
            "message": f"the org's concurrency allowance ({self.allowance}) is in use",
        }
        headers = {}
        if self.retry_after_header:
            headers["Retry-After"] = str(self.retry_after)
        else:
            detail["retry_after_seconds"] = self.retry_after
        return 429, {"detail": detail}, headers

    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            parts = path.strip("/").split("/")
            if method == "POST" and path == "/v1/rollouts":
                doc = self._admit(body if isinstance(body, dict) else {})
                return (200, _public(doc), {}) if doc is not None else self._refusal()
            if method == "POST" and path == "/v1/rollouts/batch" and self.batch_route:
                self.batch_calls += 1
                self.batch_sizes.append(len(body.get("rollouts") or []))
                admitted = []
                for item in body.get("rollouts") or []:
                    doc = self._admit({**item, "pool_id": body.get("pool_id")})
                    if doc is not None:
                        admitted.append(_public(doc))
                if not admitted:
                    return self._refusal()
                return 200, {"rollouts": admitted}, {}
            if method == "GET" and path == "/v1/rollouts":
                self._settle(time.monotonic())
                return 200, {"items": [_public(d) for d in self.rollouts.values()], "next_cursor": None}, {}
            if len(parts) >= 3 and parts[:2] == ["v1", "rollouts"] and parts[2] in self.rollouts:
                doc = self.rollouts[parts[2]]
                self._settle(time.monotonic())
                if method == "GET" and len(parts) == 3:
                    return 200, _public(doc), {}
                if method == "GET" and parts[3:] == ["usage"]:
                    cost = self.cost(_seed(doc))
                    usage = {"cost_usd": cost, "llm_input_tokens": 60, "llm_output_tokens": 40}
                    return 200, usage, {}
                if method == "POST" and parts[3:] == ["cancel"]:
                    self.cancels.append(parts[2])
                    if doc["status"] == "running":
                        doc.update(status="cancelled", error=None)
                    return 200, _public(doc), {}
            return 404, {"detail": f"{method} {path} not found"}, {}


def _seed(doc: dict[str, Any]) -> int:
    seed = (doc.get("metadata") or {}).get("seed")
    return seed if isinstance(seed, int) else 0


def _attempt(doc: dict[str, Any]) -> int:
    found = _ATTEMPT.search(str((doc.get("metadata") or {}).get(TAG, "")))
    return int(found.group(1)) if found else 1


def _public(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def _handler(double: AdmissionDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            with double._lock:
                double._busy += 1
                double._last_request = time.monotonic()
            try:
                self._answer()
            finally:
                with double._lock:
                    double._busy -= 1
                    double._last_request = time.monotonic()

        def _answer(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            if self.command == "POST" and not isinstance(body, dict):
                # a body cut short (its client was killed mid-send): refused, as a real server does
                status, answer, headers = 400, {"detail": "the body is not a JSON object"}, {}
            else:
                status, answer, headers = double.handle(self.command, urlsplit(self.path).path, body)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _serve

    return Handler
