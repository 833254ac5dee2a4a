"""The plan check the reference document implies: is Environment Pools on this account's plan?

``GET /api/v1/me`` returns ``plan`` (or ``tier``) and ``feature_flags`` (a dict of
``{feature: bool | {"enabled": bool}}`` or a list of names). Pro, Team, Enterprise and Demo plans
are in; any plan with the ``environment_pools`` flag is in. Otherwise the check raises the same
:class:`PlanGatingError` a gated request would, through the one mapping function.
"""

from __future__ import annotations

from typing import Any

import httpx

from .._errors import PlanGatingError, error_from_response

ALLOWED_PLANS = frozenset({"pro", "team", "enterprise", "demo"})
FEATURE = "environment_pools"


def _flag_on(flags: Any) -> bool:
    if isinstance(flags, list):
        return FEATURE in flags
    if isinstance(flags, dict):
        value = flags.get(FEATURE)
        if isinstance(value, dict):
            return bool(value.get("enabled"))
        return bool(value)
    return False


def plan_error(me: Any, response: httpx.Response) -> PlanGatingError | None:
    """``None`` when the account may use Environment Pools, else the error to raise."""
    if not isinstance(me, dict):
        return None  # an unknown shape is not proof of a missing plan; the API will gate if needed
    plan = me.get("plan") or me.get("tier")
    if me.get("environment_pools_enabled") is True or _flag_on(me.get("feature_flags")):
        return None
    if isinstance(plan, str) and plan.lower() in ALLOWED_PLANS:
        return None
    gated = httpx.Response(
        403,
        json={
            "error": {
                "code": "plan_required",
                "message": f"Environment Pools is not available on the {plan!r} plan; upgrade required",
                "current_plan": plan if isinstance(plan, str) else None,
                "required_plans": sorted(ALLOWED_PLANS),
            }
        },
        headers={k: v for k, v in response.headers.items() if k.lower() == "x-request-id"},
        request=response.request,
    )
    error = error_from_response(gated)
    assert isinstance(error, PlanGatingError)
    return error
