"""A batch as an Inspect AI eval log (``.eval`` or ``.json``), written without Inspect installed.

The ``.eval`` format is a zip: ``header.json`` (the log without its samples: spec, status, results,
stats), one ``samples/<id>_epoch_<n>.json`` per sample, ``summaries.json`` (the samples' short
form the viewer lists) and ``_journal/start.json`` (the spec as a run starts). Inspect compresses
its entries with Zstandard but reads any method zip does; DEFLATE needs nothing beyond the stdlib.
The ``.json`` format is the same log as one JSON document with the samples inline.

Written streamed: one sample at a time goes into the zip (its events read from the journal just
then), the summaries go to a temporary file until the end, and the header, which needs totals, is
written last. Memory stays that of one sample whatever the batch's size.

How a rollout reads as a sample (``_transcript`` reads its events first):
- id: the request's batch key (``sp-batch-...-<index>``); when every distinct request is repeated
  the same number of times, the repeats are epochs 1, 2, ... of one sample (Inspect reads a log as
  every sample x every epoch); the rollout id when the batch has no journal;
- scores: ``reward`` (the primary reward) and ``reward_metrics/<name>`` for each numeric metric;
- lifecycle, verifier and unknown events → ``info`` events; agent text → ``model`` events and
  assistant messages; a tool call with its output and result → a ``tool`` event (plus the
  assistant message calling it and the tool message answering); the reward → a ``score`` event;
- cost and tokens → ``model_usage`` (keyed by model), status, cost, rollout id and event count →
  ``metadata``; a failed or unfinished rollout → the sample's ``error``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs
import orjson

from .._statuses import SUCCESS_STATUSES as SUCCEEDED
from .._statuses import TERMINAL_STATUSES as TERMINAL
from .._version import __version__
from ._transcript import Note, Reward, Say, ToolUse, Transcript, read_transcript

__all__ = ["FORMATS", "InspectSample", "write_inspect_log"]

FORMATS = (".eval", ".json")
LOG_VERSION = 2  # the EvalLog version Inspect writes (and reads)
# Inspect's own member names (inspect_ai/log/_recorders/eval.py)
HEADER_JSON = "header.json"
SUMMARIES_JSON = "summaries.json"
START_JSON = "_journal/start.json"


@attrs.frozen
class InspectSample:
    """What one sample is written from: the batch row (a ``BatchRow``), the redacted request
    (None without a journal), the sample's id and epoch, and its events (None when not kept)."""

    row: Any
    request: Mapping[str, Any] | None
    sample_id: str
    epoch: int
    events: Iterable[Mapping[str, Any]] | None


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=str)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _iso(value: Any) -> str | None:
    """An aware ISO 8601 time (Inspect refuses naive ones), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.isoformat()


def _seconds(start: str | None, end: str | None) -> float:
    if start is None or end is None:
        return 0.0
    delta = dt.datetime.fromisoformat(end) - dt.datetime.fromisoformat(start)
    return max(0.0, round(delta.total_seconds(), 3))


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def describe_request(request: Mapping[str, Any] | None, rollout_id: Any, task_id: Any) -> str:
    """A rollout's input as text: which task, which agent and model (a request holds no prompt)."""
    if request is None:
        return f"rollout {rollout_id}" + (f" on task {task_id}" if task_id else "")
    task_ref = _mapping(request.get("task_ref"))
    agent = _mapping(request.get("agent"))
    task = task_ref.get("task_id") or task_id or "task"
    dataset = task_ref.get("dataset")
    parts = [f"task {task}" + (f" (dataset {dataset})" if dataset else "")]
    harness = agent.get("harness") or agent.get("kind")
    model = agent.get("model_id") or agent.get("model")
    if harness or model:
        parts.append("agent " + " / ".join(str(p) for p in (harness, model) if p))
    return ", ".join(parts)


def request_model(request: Mapping[str, Any] | None) -> str | None:
    agent = request.get("agent") if request is not None else None
    if isinstance(agent, Mapping):
        model = agent.get("model_id") or agent.get("model")
        return str(model) if model else None
    return None


class _Events:
    """Builds a sample's Inspect events and messages from its transcript."""

    def __init__(self, sample_start: str, model: str) -> None:
        self.start = dt.datetime.fromisoformat(sample_start)
        self.model = model
        self.events: list[dict[str, Any]] = []
        self.messages: list[dict[str, Any]] = []
        self.last_text = ""

    def _base(self, kind: str, timestamp: str | None, seqs: list[int]) -> dict[str, Any]:
        stamp = _iso(timestamp) or self.start.isoformat()
        working = max(0.0, (dt.datetime.fromisoformat(stamp) - self.start).total_seconds())
        return {
            "event": kind,
            "uuid": uuid.uuid4().hex,
            "timestamp": stamp,
            "working_start": round(working, 6),
            "metadata": {"seq": seqs},
        }

    def _model_turn(self, item: Say | ToolUse, message: dict[str, Any]) -> None:
        event = self._base("model", item.timestamp, item.seqs[:1])
        usage: dict[str, int] = {}
        if item.input_tokens is not None or item.output_tokens is not None:
            tin, tout = item.input_tokens or 0, item.output_tokens or 0
            usage = {"input_tokens": tin, "output_tokens": tout, "total_tokens": tin + tout}
        stop = "tool_calls" if message.get("tool_calls") else "stop"
        event.update(
            model=item.model or self.model,
            input=[],
            tools=[],
            tool_choice="auto",
            config={},
            output={
                "model": item.model or self.model,
                "choices": [{"message": message, "stop_reason": stop}],
                "completion": message["content"] if isinstance(message["content"], str) else "",
                **({"usage": usage} if usage else {}),
            },
        )
        self.events.append(event)

    def add(self, item: Say | ToolUse | Note | Reward) -> None:
        if isinstance(item, Say):
            content: Any = (
                [{"type": "reasoning", "reasoning": item.text}]
                if item.reasoning
                else item.text  # plain text: what samples_df and the viewer show as the answer
            )
            message = {"role": "assistant", "content": content, "source": "generate"}
            if item.model:
                message["model"] = item.model
            if not item.reasoning:
                self.last_text = item.text
            self.messages.append(message)
            self._model_turn(item, message)
        elif isinstance(item, ToolUse):
            call = {"id": item.call_id, "function": item.function, "arguments": item.arguments}
            message = {"role": "assistant", "content": "", "source": "generate", "tool_calls": [call]}
            self.messages.append(message)
            self._model_turn(item, message)
            output = "\n".join(item.output)
            # the call's own event is the model turn's; its output lines and result are the tool's
            event = self._base("tool", item.timestamp, item.seqs[1:])
            event.update(type="function", id=item.call_id, function=item.function, arguments=item.arguments)
            event["result"] = output
            end = _iso(item.end_timestamp)
            if end is not None:
                event["completed"] = end
                event["working_time"] = _seconds(event["timestamp"], end)
            error = {"type": "unknown", "message": item.error} if item.error else None
            if error:
                event["error"] = error
            self.events.append(event)
            tool_message: dict[str, Any] = {
                "role": "tool",
                "content": output,
                "tool_call_id": item.call_id,
                "function": item.function,
            }
            if error:
                tool_message["error"] = error
            self.messages.append(tool_message)
        elif isinstance(item, Reward):
            event = self._base("score", item.timestamp, item.seqs)
            value = item.value if item.value is not None else item.data
            event.update(score={"value": value}, intermediate=False)
            self.events.append(event)
        else:
            event = self._base("info", item.timestamp, item.seqs)
            event.update(source=item.source, data=item.data)
            self.events.append(event)


def _usage(row: Any, model: str) -> dict[str, dict[str, Any]]:
    usage = row.usage or {}
    tin = _number(usage.get("llm_input_tokens"))
    tout = _number(usage.get("llm_output_tokens"))
    cost = _number(usage.get("cost_usd"))
    if tin is None and tout is None and cost is None:
        return {}
    entry: dict[str, Any] = {
        "input_tokens": int(tin or 0),
        "output_tokens": int(tout or 0),
        "total_tokens": int((tin or 0) + (tout or 0)),
    }
    if cost is not None:
        entry["total_cost"] = cost
    return {model: entry}


def _scores(row: Any) -> dict[str, dict[str, Any]]:
    scores: dict[str, dict[str, Any]] = {}
    if row.reward is not None:
        scores["reward"] = {"value": row.reward, "explanation": f"status {row.status}"}
    for name, value in (row.reward_metrics or {}).items():
        number = _number(value)
        if number is not None:
            scores[f"reward_metrics/{name}"] = {"value": number}
    return scores


def build_sample(source: InspectSample, default_model: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """One sample and its summary, as JSON-ready dicts."""
    row = source.row
    model = request_model(source.request) or default_model
    started = _iso(row.started_at) or _iso(row.created_at) or _now()
    completed = _iso(row.finished_at)
    transcript: Transcript | None = None if source.events is None else read_transcript(source.events)
    if transcript is not None and transcript.model:
        model = transcript.model
    built = _Events(started, model)
    for item in transcript.items if transcript is not None else []:
        built.add(item)
    usage = row.usage or {}
    metadata = {
        "rollout_id": row.rollout_id,
        "index": row.index,
        "status": row.status,
        "task_id": row.task_id,
        "cost_usd": _number(usage.get("cost_usd")),
        "events": row.events,
        "events_kept": source.events is not None,
        "reward_metrics": row.reward_metrics,
        "usage": row.usage,
        "request": source.request,
    }
    error = None
    if row.status not in SUCCEEDED:
        message = row.error or (
            f"rollout {row.status}" if row.status in TERMINAL else f"rollout not finished ({row.status})"
        )
        error = {"message": message, "traceback": "", "traceback_ansi": ""}
    input_text = describe_request(source.request, row.rollout_id or row.index, row.task_id)
    sample: dict[str, Any] = {
        "id": source.sample_id,
        "epoch": source.epoch,
        "input": input_text,
        "target": "",
        "messages": [{"role": "user", "content": input_text, "source": "input"}, *built.messages],
        "output": {
            "model": model,
            "choices": [{"message": {"role": "assistant", "content": built.last_text}, "stop_reason": "stop"}]
            if built.last_text
            else [],
            "completion": built.last_text,
        },
        "scores": _scores(row),
        "metadata": metadata,
        "store": {},
        "events": built.events,
        "model_usage": _usage(row, model),
        "started_at": started,
        "total_time": row.duration_sec if row.duration_sec is not None else _seconds(started, completed),
        "working_time": row.duration_sec if row.duration_sec is not None else _seconds(started, completed),
        "uuid": hashlib.sha256(f"{row.rollout_id}:{row.index}".encode()).hexdigest()[:22],
        "attachments": {},
    }
    if completed is not None:
        sample["completed_at"] = completed
    if error is not None:
        sample["error"] = error
    summary: dict[str, Any] = {
        key: sample[key]
        for key in (
            "id",
            "epoch",
            "input",
            "target",
            "scores",
            "model_usage",
            "started_at",
            "completed_at",
            "total_time",
            "working_time",
            "uuid",
        )
        if key in sample
    }
    summary["metadata"] = {k: v for k, v in metadata.items() if k not in ("request", "usage")}
    summary["error"] = error["message"] if error else None
    summary["completed"] = row.status in TERMINAL
    summary["message_count"] = len(sample["messages"])
    return sample, summary


@attrs.define
class _Totals:
    """What the header needs from every sample, gathered as they are written."""

    samples: int = 0
    finished: int = 0
    rewards: int = 0
    reward_sum: float = 0.0
    sample_ids: list[str] = attrs.field(factory=list)
    epochs: int = 1
    models: dict[str, dict[str, float]] = attrs.field(factory=dict)
    started: str | None = None
    completed: str | None = None

    def add(self, sample: Mapping[str, Any], summary: Mapping[str, Any]) -> None:
        self.samples += 1
        self.finished += 1 if summary["completed"] else 0
        if sample["epoch"] == 1:
            self.sample_ids.append(sample["id"])
        self.epochs = max(self.epochs, sample["epoch"])
        reward = sample["scores"].get("reward")
        if reward is not None:
            self.rewards += 1
            self.reward_sum += reward["value"]
        for model, usage in sample["model_usage"].items():
            total = self.models.setdefault(model, {})
            for key, value in usage.items():
                total[key] = total.get(key, 0) + value
        if self.started is None or sample["started_at"] < self.started:
            self.started = sample["started_at"]
        end = sample.get("completed_at")
        if end is not None and (self.completed is None or end > self.completed):
            self.completed = end


def _header(name: str, created: str, batch_id: str, totals: _Totals) -> dict[str, Any]:
    models = sorted(totals.models)
    spec = {
        "eval_id": hashlib.sha256(f"eval:{batch_id}".encode()).hexdigest()[:22],
        "run_id": hashlib.sha256(f"run:{batch_id}".encode()).hexdigest()[:22],
        "created": created,
        "task": name,
        "task_id": batch_id,
        "task_version": 0,
        "dataset": {
            "name": name,
            "samples": len(totals.sample_ids),
            "sample_ids": totals.sample_ids,
            "shuffled": False,
        },
        "model": models[0] if len(models) == 1 else ("mixed" if models else "unknown"),
        "config": {"epochs": totals.epochs},
        "packages": {"synth-pools": __version__},
        "metadata": {"source": "synth-pools batch journal", "batch_id": batch_id},
        "scorers": [{"name": "reward", "options": {}, "metrics": [{"name": "mean", "options": {}}]}],
    }
    status = "success" if totals.finished == totals.samples else "started"
    results = {
        "total_samples": totals.samples,
        "completed_samples": totals.finished,
        "scores": [
            {
                "name": "reward",
                "scorer": "reward",
                "scored_samples": totals.rewards,
                "unscored_samples": totals.samples - totals.rewards,
                "params": {},
                "metrics": {
                    "mean": {
                        "name": "mean",
                        "value": totals.reward_sum / totals.rewards if totals.rewards else 0.0,
                        "params": {},
                    }
                },
            }
        ],
    }
    return {
        "version": LOG_VERSION,
        "status": status,
        "eval": spec,
        "plan": {"name": "plan", "steps": [], "config": {}},
        "results": results,
        "stats": {
            "started_at": totals.started or created,
            "completed_at": totals.completed or totals.started or created,
            "model_usage": totals.models,
        },
    }


def _sample_member(sample_id: str, epoch: int) -> str:
    return f"samples/{sample_id}_epoch_{epoch}.json"


def write_inspect_log(
    path: str | Path,
    samples: Iterable[InspectSample],
    *,
    name: str,
    created: str | None = None,
    batch_id: str | None = None,
) -> Path:
    """Write ``samples`` as an Inspect log at ``path`` (``.eval`` zip, or ``.json``), streamed.

    Written to a temporary file beside ``path`` and renamed into place, so a reader never sees
    half a log. Returns ``path``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        from .._errors import SynthPoolsValidationError

        raise SynthPoolsValidationError(
            "path", f"{suffix or 'no suffix'} is not an Inspect log", "end it in .eval or .json"
        )
    created = _iso(created) or _now()
    batch_id = batch_id or uuid.uuid4().hex[:16]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with partial.open("wb") as out:
            if suffix == ".eval":
                _write_eval(out, samples, name, created, batch_id)
            else:
                _write_json(out, samples, name, created, batch_id)
        partial.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return path


def _built(
    samples: Iterable[InspectSample], default_model: str
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for source in samples:
        yield build_sample(source, default_model)


def _write_eval(
    out: IO[bytes], samples: Iterable[InspectSample], name: str, created: str, batch_id: str
) -> None:
    totals = _Totals()
    # level 5: most of level 9's size for a third of its time on repetitive JSON
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=5) as archive,
        tempfile.TemporaryFile() as summaries,
    ):
        for sample, summary in _built(samples, "unknown"):
            archive.writestr(_sample_member(sample["id"], sample["epoch"]), _dumps(sample))
            summaries.write(b"," if totals.samples else b"[")
            summaries.write(_dumps(summary))
            totals.add(sample, summary)
        summaries.write(b"]" if totals.samples else b"[]")
        summaries.seek(0)
        with archive.open(SUMMARIES_JSON, "w") as member:
            while chunk := summaries.read(1 << 20):
                member.write(chunk)
        header = _header(name, created, batch_id, totals)
        start = {"version": LOG_VERSION, "eval": header["eval"], "plan": header["plan"]}
        archive.writestr(START_JSON, _dumps(start))
        archive.writestr(HEADER_JSON, _dumps(header))


def _write_json(
    out: IO[bytes], samples: Iterable[InspectSample], name: str, created: str, batch_id: str
) -> None:
    """The log as one JSON document. Inspect's header reader wants ``version`` and the other header
    fields before ``samples``, and the header needs totals: the samples go to a temporary file
    first, then the header and the samples are copied out after it."""
    totals = _Totals()
    with tempfile.TemporaryFile() as body:
        for sample, summary in _built(samples, "unknown"):
            body.write(b"," if totals.samples else b"")
            body.write(_dumps(sample))
            totals.add(sample, summary)
        out.write(b"{")
        for position, (key, value) in enumerate(_header(name, created, batch_id, totals).items()):
            out.write((b"," if position else b"") + _dumps(key) + b":" + _dumps(value))
        out.write(b',"samples":[')
        body.seek(0)
        while chunk := body.read(1 << 20):
            out.write(chunk)
        out.write(b"]}")
