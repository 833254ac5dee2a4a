"""One rollout as an ATIF trajectory (Harbor's Agent Trajectory Interchange Format, ``ATIF-v1.8``).

A trajectory is ``{schema_version, session_id, trajectory_id, agent, steps, final_metrics, extra}``;
each step has a ``step_id`` counting from 1, a ``source`` (``user``, ``agent`` or ``system``), a
``message``, and for agent steps ``tool_calls``, ``reasoning_content`` and ``metrics`` (tokens,
cost); the tool's output is the step's ``observation``, whose results name the call they answer
(``source_call_id``). Harbor's model refuses unknown fields and agent-only fields on other
sources, so this writer emits only what the schema names and puts the rest under ``extra``.

How a rollout reads (``_transcript`` reads its events first): the request becomes the first,
``user`` step; the agent's text and thinking become agent steps (``message`` /
``reasoning_content``); a tool call with its output and result becomes one agent step with its
``observation``; lifecycle, verifier and other events become ``system`` steps (their data under
``extra``); ``final_metrics`` come from the rollout's usage (tokens, ``cost_usd``), or from the
steps' tokens when usage is missing. Every step's ``extra.seq`` lists the events it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .. import _json
from ._inspect import describe_request
from ._transcript import Note, Reward, Say, ToolUse, read_transcript

__all__ = ["ATIF_VERSION", "to_atif"]

ATIF_VERSION = "ATIF-v1.8"


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _int(value: Any) -> int | None:
    number = _number(value)
    return None if number is None else int(number)


def _metrics(item: Say | ToolUse) -> dict[str, Any] | None:
    """Tokens, and what the event carried besides: cost, cached tokens, token ids and logprobs
    (which make the trajectory RL data)."""
    metrics = {
        key: value
        for key, value in (("prompt_tokens", item.input_tokens), ("completion_tokens", item.output_tokens))
        if value is not None
    }
    metrics.update(item.llm)
    return metrics or None


def _agent_step(item: Say | ToolUse) -> dict[str, Any]:
    step: dict[str, Any] = {"source": "agent", "timestamp": item.timestamp}
    if item.model:
        step["model_name"] = item.model
    if isinstance(item, Say):
        step["message"] = "" if item.reasoning else item.text
        if item.reasoning:
            step["reasoning_content"] = item.text
    else:
        step["message"] = ""
        step["tool_calls"] = [
            {"tool_call_id": item.call_id, "function_name": item.function, "arguments": item.arguments}
        ]
        result: dict[str, Any] = {"source_call_id": item.call_id, "content": "\n".join(item.output)}
        ended = {k: v for k, v in (("exit_code", item.exit_code), ("error", item.error)) if v is not None}
        if ended:
            result["extra"] = ended
        step["observation"] = {"results": [result]}
    metrics = _metrics(item)
    if metrics is not None:
        step["metrics"] = metrics
    step["extra"] = {"seq": item.seqs}
    return step


def _system_step(item: Note | Reward) -> dict[str, Any]:
    if isinstance(item, Reward):
        message = f"reward {item.value if item.value is not None else _json.dumps(item.data)}"
        extra = {"event": "reward", "data": item.data, "seq": item.seqs}
    else:
        data = item.data
        fields = data if isinstance(data, Mapping) else {}
        line, status = fields.get("line"), fields.get("status")
        if isinstance(line, str):
            said = line
        elif isinstance(status, str):
            said = status + (f" ({fields['reason']})" if fields.get("reason") else "")
        else:
            said = _json.dumps(data)
        message = f"{item.source}: {said}"
        extra = {"event": item.source, "data": data, "seq": item.seqs}
    return {"source": "system", "timestamp": item.timestamp, "message": message, "extra": extra}


def to_atif(
    rollout: Mapping[str, Any],
    events: Iterable[Mapping[str, Any]],
    usage: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ATIF v1.8 trajectory (a JSON-ready dict) of one rollout: its document (as
    ``rollouts.get`` or a batch row gives it), its events (envelopes) and its usage."""
    from .._answers import read_rollout, rollout_id_of

    rollout = read_rollout(rollout)
    rollout_id = rollout_id_of(rollout) or str(rollout.get("index", "rollout"))
    request = rollout.get("request") if isinstance(rollout.get("request"), Mapping) else None
    agent_spec = (
        request.get("agent") if request is not None and isinstance(request.get("agent"), Mapping) else {}
    )
    transcript = read_transcript(events)

    steps: list[dict[str, Any]] = [
        {
            "source": "user",
            "timestamp": rollout.get("created_at"),
            "message": describe_request(request, rollout_id, rollout.get("task_id")),
        }
    ]
    for item in transcript.items:
        steps.append(_agent_step(item) if isinstance(item, Say | ToolUse) else _system_step(item))
    steps = [
        {"step_id": number, **{k: v for k, v in step.items() if v is not None}}
        for number, step in enumerate(steps, start=1)
    ]

    usage = (
        usage
        if usage is not None
        else rollout.get("usage")
        if isinstance(rollout.get("usage"), Mapping)
        else None
    )
    agent_steps = [s for s in steps if "metrics" in s]
    prompt = _int((usage or {}).get("llm_input_tokens"))
    completion = _int((usage or {}).get("llm_output_tokens"))
    final: dict[str, Any] = {
        "total_prompt_tokens": prompt
        if prompt is not None
        else sum(s["metrics"].get("prompt_tokens", 0) for s in agent_steps),
        "total_completion_tokens": completion
        if completion is not None
        else sum(s["metrics"].get("completion_tokens", 0) for s in agent_steps),
        "total_steps": len(steps),
    }
    cost = _number((usage or {}).get("cost_usd"))
    if cost is not None:
        final["total_cost_usd"] = cost

    model = (
        transcript.model or agent_spec.get("model_id") or agent_spec.get("model") or rollout.get("model_id")
    )
    agent: dict[str, Any] = {
        "name": str(agent_spec.get("harness") or agent_spec.get("kind") or rollout.get("harness") or "agent"),
        # the service reports no harness version; ATIF requires the field
        "version": str(agent_spec.get("version") or "unknown"),
    }
    if model:
        agent["model_name"] = str(model)
    reward = rollout.get("reward")
    extra = {
        "rollout_id": rollout_id,
        "status": rollout.get("status"),
        "reward": reward if _number(reward) is not None else None,
        "reward_metrics": rollout.get("reward_metrics"),
        "error": rollout.get("error") or rollout.get("status_reason"),
        "task_id": rollout.get("task_id"),
        "events": transcript.events,
        "usage": dict(usage) if usage is not None else None,
    }
    return {
        "schema_version": ATIF_VERSION,
        "session_id": rollout_id,
        "trajectory_id": rollout_id,
        "agent": agent,
        "steps": steps,
        "final_metrics": final,
        "extra": {k: v for k, v in extra.items() if v is not None},
    }
