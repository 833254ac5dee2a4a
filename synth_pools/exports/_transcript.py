"""One rollout's event envelopes read as a transcript: what the agent said, which tools it called
with what, what they returned, what the verifier and the lifecycle reported, and the reward.

Both exports (Inspect's ``.eval`` and ATIF) are written from this one reading, so they agree on
what a rollout did. The reading is tolerant, like the rest of the SDK's answer readers: an agent
event's ``data.type`` says what it is (``thinking``/``reasoning``, ``message``/``text``,
``tool_call``/``tool_use``, ``tool_output``, ``tool_result``); anything it does not know is kept
as a :class:`Note` rather than dropped. Every item records the ``seq`` of the events it came from,
so each stored event is accounted for exactly once in either export.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = ["Note", "Reward", "Say", "ToolUse", "Transcript", "read_transcript"]

_REASONING = frozenset({"thinking", "reasoning"})
_TEXT = frozenset({"message", "text", "assistant", "agent_message", "response"})
_TOOL_CALL = frozenset({"tool_call", "tool_use"})
_TOOL_RESULT = frozenset({"tool_result"})
_TOOL_OUTPUT = frozenset({"tool_output"})


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@attrs.define
class Say:
    """The agent's text (``reasoning``: its thinking, not an answer)."""

    text: str
    reasoning: bool
    seqs: list[int]
    timestamp: str | None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    llm: dict[str, Any] = attrs.field(factory=dict)  # cost_usd, token ids, logprobs when given


@attrs.define
class ToolUse:
    """A tool call, the output lines it printed and how it ended (``error`` set when it failed)."""

    call_id: str
    function: str
    arguments: dict[str, Any]
    seqs: list[int]
    timestamp: str | None
    model: str | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    llm: dict[str, Any] = attrs.field(factory=dict)
    output: list[str] = attrs.field(factory=list)
    end_timestamp: str | None = None
    exit_code: int | None = None
    error: str | None = None


@attrs.define
class Note:
    """Anything else: lifecycle changes, verifier lines, events of kinds this reader does not know."""

    source: str
    data: Any
    seqs: list[int]
    timestamp: str | None


@attrs.define
class Reward:
    value: float | None
    data: Any
    seqs: list[int]
    timestamp: str | None


Item = Say | ToolUse | Note | Reward


@attrs.define
class Transcript:
    items: list[Item]
    events: int  # how many envelopes were read

    @property
    def model(self) -> str | None:
        for item in self.items:
            if isinstance(item, Say | ToolUse) and item.model:
                return item.model
        return None


def _text_of(data: Mapping[str, Any]) -> str:
    for key in ("text", "content", "message", "line", "output"):
        value = data.get(key)
        if isinstance(value, str):
            return value
    return ""


def _arguments(data: Mapping[str, Any]) -> dict[str, Any]:
    for key in ("input", "arguments", "args"):
        value = data.get(key)
        if isinstance(value, Mapping):
            return dict(value)
        if isinstance(value, str):
            return {key: value}
    return {}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _ints(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is int for v in value)


def _numbers(value: Any) -> bool:
    return isinstance(value, list) and all(_number(v) for v in value)


# per-call LLM figures an agent event may carry, each with the shape ATIF's step metrics require
# (RL data: token ids and logprobs); one of another shape is left out rather than made invalid
_LLM_FIELDS = {
    "cost_usd": _number,
    "cached_tokens": lambda v: _int(v) is not None,
    "prompt_token_ids": _ints,
    "completion_token_ids": _ints,
    "logprobs": _numbers,
}


def read_transcript(envelopes: Iterable[Mapping[str, Any]]) -> Transcript:
    """The transcript of one rollout's events (envelopes as the SDK yields and the journal keeps them)."""
    items: list[Item] = []
    open_tool: ToolUse | None = None
    count = 0
    for position, envelope in enumerate(envelopes, start=1):
        count += 1
        seq = envelope.get("seq")
        if type(seq) is not int:
            seq = position
        kind = str(envelope.get("event") or envelope.get("type") or "message")
        raw = envelope.get("data")
        data: Mapping[str, Any] = (
            raw if type(raw) is dict else raw if isinstance(raw, Mapping) else {"value": raw}
        )
        what = str(data.get("type") or "")
        # the hot path (most of a long rollout's events): a line of the running tool's output
        if open_tool is not None and kind == "agent" and what in _TOOL_OUTPUT:
            line = data.get("line")
            open_tool.output.append(line if type(line) is str else _text_of(data))
            open_tool.seqs.append(seq)
            continue
        stamp = envelope.get("timestamp")
        timestamp = stamp if isinstance(stamp, str) else None
        named = data.get("model_id") or data.get("model")
        model = named if isinstance(named, str) else None
        tin, tout = _int(data.get("input_tokens")), _int(data.get("output_tokens"))
        llm = {key: data[key] for key, fits in _LLM_FIELDS.items() if key in data and fits(data[key])}
        if kind == "reward":
            value = data.get("reward", data.get("value"))
            number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
            items.append(Reward(number, dict(data), [seq], timestamp))
        elif kind == "agent" and what in _REASONING | _TEXT:
            items.append(Say(_text_of(data), what in _REASONING, [seq], timestamp, model, tin, tout, llm))
        elif kind == "agent" and what in _TOOL_CALL:
            given = data.get("tool_call_id") or data.get("call_id") or data.get("id")
            open_tool = ToolUse(
                call_id=str(given) if given else f"call_{seq}",
                function=str(data.get("tool") or data.get("name") or data.get("function") or "tool"),
                arguments=_arguments(data),
                seqs=[seq],
                timestamp=timestamp,
                model=model,
                input_tokens=tin,
                output_tokens=tout,
                llm=llm,
            )
            items.append(open_tool)
        elif kind == "agent" and what in _TOOL_RESULT and open_tool is not None:
            open_tool.seqs.append(seq)
            open_tool.end_timestamp = timestamp
            open_tool.exit_code = _int(data.get("exit_code"))
            result = data.get("output", data.get("result"))
            if isinstance(result, str) and result:
                open_tool.output.append(result)
            if data.get("timed_out"):
                open_tool.error = "the tool call timed out"
            elif isinstance(data.get("error"), str):
                open_tool.error = data["error"]
            elif open_tool.exit_code not in (None, 0):
                open_tool.error = f"exited with status {open_tool.exit_code}"
            # the result's tokens are the turn that read it: count them on the call
            if tin is not None:
                open_tool.input_tokens = (open_tool.input_tokens or 0) + tin
            if tout is not None:
                open_tool.output_tokens = (open_tool.output_tokens or 0) + tout
            open_tool = None
        else:
            items.append(Note(kind if not what else f"{kind}/{what}", dict(data), [seq], timestamp))
    return Transcript(items, count)
