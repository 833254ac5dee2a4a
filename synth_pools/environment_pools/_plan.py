"""The plan check: may this account use Environment Pools?

The real ``GET /api/v1/me`` answers ``MeResponse`` (``org_id``, ``org_name``, ``user_email``,
``user_id``): no plan, tier or feature flags (design/real-service.md). So the check decides from
``/me`` only when ``/me`` says something explicit:

- a feature flag: ``environment_pools_enabled`` (bool), or ``feature_flags`` holding
  ``environment_pools`` (a dict of ``bool | {"enabled": bool}``, or a list of enabled names);
- a plan (``plan`` or ``tier``) we know: pro, team, enterprise and demo are in; free and trial
  are out (a :class:`PlanGatingError` made by the one error mapping function).

Otherwise (no plan, or one we do not know such as the backend's ``standard``/``max``) it must not
refuse: it asks the service with a cheap gated read (the first pool, ``GET /v1/pools?limit=1``),
whose 403 the transport already maps to :class:`PlanGatingError`. The answer says which it did,
under ``plan_check``: ``{"decided_by": "feature_flag" | "plan" | "service", ...}``.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

import httpx

from .._errors import PlanGatingError, error_from_response

ALLOWED_PLANS = frozenset({"pro", "team", "enterprise", "demo"})
REFUSED_PLANS = frozenset({"free", "trial"})
FEATURE = "environment_pools"

DecidedBy = Literal["feature_flag", "plan", "service"]


@dataclasses.dataclass(frozen=True, slots=True)
class PlanDecision:
    """What ``/me`` says on its own: allowed or not, and from which field."""

    allowed: bool
    decided_by: DecidedBy
    plan: str | None = None

    def report(self) -> dict[str, Any]:
        return {"decided_by": self.decided_by, "allowed": self.allowed, "plan": self.plan}


def _flag(me: dict[str, Any]) -> bool | None:
    """The explicit feature flag, or None when /me does not carry one."""
    enabled = me.get("environment_pools_enabled")
    if isinstance(enabled, bool):
        return enabled
    flags = me.get("feature_flags")
    if isinstance(flags, list) and FEATURE in flags:
        return True  # a list names the enabled features; a name missing from it proves nothing
    if isinstance(flags, dict) and FEATURE in flags:
        value = flags[FEATURE]
        return bool(value.get("enabled")) if isinstance(value, dict) else bool(value)
    return None


def decide_from_me(me: Any) -> PlanDecision | None:
    """The decision ``/me`` allows on its own, or ``None``: ask the service."""
    if not isinstance(me, dict):
        return None
    raw_plan = me.get("plan") or me.get("tier")
    plan = raw_plan if isinstance(raw_plan, str) else None
    flag = _flag(me)
    if flag is not None:
        return PlanDecision(flag, "feature_flag", plan)
    if plan is not None and plan.lower() in ALLOWED_PLANS:
        return PlanDecision(True, "plan", plan)
    if plan is not None and plan.lower() in REFUSED_PLANS:
        return PlanDecision(False, "plan", plan)
    return None


def refusal(decision: PlanDecision, response: httpx.Response) -> PlanGatingError:
    """The error a gated request would raise, for a refusal read from ``/me``."""
    where = f"the {decision.plan!r} plan" if decision.plan else "this account (its feature flags say so)"
    gated = httpx.Response(
        403,
        json={
            "error": {
                "code": "plan_required",
                "message": f"Environment Pools is not available on {where}; upgrade required",
                "current_plan": decision.plan,
                "required_plans": sorted(ALLOWED_PLANS),
            }
        },
        headers={k: v for k, v in response.headers.items() if k.lower() == "x-request-id"},
        request=response.request,
    )
    error = error_from_response(gated)
    assert isinstance(error, PlanGatingError)
    return error


def checked(me: Any, decision: PlanDecision | None) -> dict[str, Any]:
    """``/me`` with ``plan_check`` saying how the check was decided (``None``: by the service)."""
    report = (
        decision.report()
        if decision is not None
        else {"decided_by": "service", "allowed": True, "plan": None}
    )
    if report["decided_by"] == "service":
        report["probe"] = "GET /v1/pools?limit=1"
    return {**(me if isinstance(me, dict) else {}), "plan_check": report}
