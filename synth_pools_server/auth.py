"""API keys: kept only as SHA-256 hashes, compared in constant time; each maps to an account."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from .config import POOL_PLANS, KeySpec
from .errors import ApiError

UPGRADE_URL = "https://usesynth.ai/pricing"


@dataclass(frozen=True)
class Account:
    org_id: str
    plan: str
    feature_flags: tuple[str, ...]

    @property
    def out_of_credits(self) -> bool:
        return "out_of_credits" in self.feature_flags

    @property
    def concurrency(self) -> int | None:
        """This key's org allowance (`concurrency=N` flag), overriding --org-concurrency."""
        for flag in self.feature_flags:
            name, _, value = flag.partition("=")
            if name == "concurrency" and value.isdigit():
                return int(value)
        return None

    @property
    def pools_enabled(self) -> bool:
        return self.plan in POOL_PLANS or "environment_pools" in self.feature_flags

    def to_json(self) -> dict[str, object]:
        """MeResponse (org_id, org_name, user_email, user_id) and, as this backend's extension, the
        plan it gates on; the real service sends no plan fields (real-service.md)."""
        flags = {"environment_pools": self.pools_enabled}
        flags.update({f: True for f in self.feature_flags if "=" not in f})
        return {
            "org_id": self.org_id,
            "org_name": self.org_id,  # a key names only its org: its id is the name it has
            "user_email": None,
            "user_id": None,
            "plan": self.plan,
            "tier": self.plan,
            "feature_flags": flags,
            "environment_pools_enabled": self.pools_enabled,
        }


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class KeyRing:
    def __init__(self, keys: list[KeySpec]) -> None:
        # Only hashes are kept: a memory dump or repr never shows a key.
        self._entries = [(_digest(k.key), Account(k.org_id, k.plan, k.feature_flags)) for k in keys]

    def __repr__(self) -> str:
        return f"KeyRing({len(self._entries)} keys)"

    def authenticate(self, authorization: str | None, x_api_key: str | None) -> Account:
        presented = None
        if authorization:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                presented = token.strip()
        if presented is None and x_api_key:
            presented = x_api_key.strip()
        if not presented:
            raise ApiError(401, "unauthorized", "Missing API key: send 'Authorization: Bearer <key>'")
        digest = _digest(presented)
        found: Account | None = None
        # Compare against every entry so timing does not reveal which one matched.
        for stored, account in self._entries:
            if hmac.compare_digest(stored, digest):
                found = account
        if found is None:
            raise ApiError(401, "unauthorized", "Invalid API key")
        return found


def require_pools(account: Account) -> None:
    if not account.pools_enabled:
        raise ApiError(
            403,
            "plan_required",
            f"Environment pools need a pro, team, enterprise or demo plan; this organisation is on '{account.plan}'.",
            current_plan=account.plan,
            required_plans=list(POOL_PLANS),
            upgrade_url=UPGRADE_URL,
        )
