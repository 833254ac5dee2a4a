from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, Generator, TextIO, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PoolMetrics")


@_attrs_define
class PoolMetrics:
    """
    Attributes:
        pool_id (str):
        queue_depth (int):
        running (int):
        utilisation (float):
        cancelled (int | Unset):
        capacity (int | None | Unset):
        concurrency (int | Unset):
        failed (int | Unset):
        max_queue (int | None | Unset):
        max_running (int | None | Unset):
        mean_reward (float | None | Unset):
        succeeded (int | Unset): Completed rollouts a verifier checked (their success is known).
        success_rate (float | None | Unset): succeeded / success_rate_over; null before any outcome is known.
        success_rate_over (int | Unset): Rollouts of known outcome: succeeded, failed and error.
        total_count (int | Unset): Rollouts of the pool (dry runs excluded).
        total_rollouts (int | Unset):
        unverified (int | Unset): Completed rollouts nothing verified (no verifier, or simulated); not in success_rate.
    """

    pool_id: str
    queue_depth: int
    running: int
    utilisation: float
    cancelled: int | Unset = UNSET
    capacity: int | None | Unset = UNSET
    concurrency: int | Unset = UNSET
    failed: int | Unset = UNSET
    max_queue: int | None | Unset = UNSET
    max_running: int | None | Unset = UNSET
    mean_reward: float | None | Unset = UNSET
    succeeded: int | Unset = UNSET
    success_rate: float | None | Unset = UNSET
    success_rate_over: int | Unset = UNSET
    total_count: int | Unset = UNSET
    total_rollouts: int | Unset = UNSET
    unverified: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pool_id = self.pool_id

        queue_depth = self.queue_depth

        running = self.running

        utilisation = self.utilisation

        cancelled = self.cancelled

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        concurrency = self.concurrency

        failed = self.failed

        max_queue: int | None | Unset
        if isinstance(self.max_queue, Unset):
            max_queue = UNSET
        else:
            max_queue = self.max_queue

        max_running: int | None | Unset
        if isinstance(self.max_running, Unset):
            max_running = UNSET
        else:
            max_running = self.max_running

        mean_reward: float | None | Unset
        if isinstance(self.mean_reward, Unset):
            mean_reward = UNSET
        else:
            mean_reward = self.mean_reward

        succeeded = self.succeeded

        success_rate: float | None | Unset
        if isinstance(self.success_rate, Unset):
            success_rate = UNSET
        else:
            success_rate = self.success_rate

        success_rate_over = self.success_rate_over

        total_count = self.total_count

        total_rollouts = self.total_rollouts

        unverified = self.unverified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pool_id": pool_id,
                "queue_depth": queue_depth,
                "running": running,
                "utilisation": utilisation,
            }
        )
        if cancelled is not UNSET:
            field_dict["cancelled"] = cancelled
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if failed is not UNSET:
            field_dict["failed"] = failed
        if max_queue is not UNSET:
            field_dict["max_queue"] = max_queue
        if max_running is not UNSET:
            field_dict["max_running"] = max_running
        if mean_reward is not UNSET:
            field_dict["mean_reward"] = mean_reward
        if succeeded is not UNSET:
            field_dict["succeeded"] = succeeded
        if success_rate is not UNSET:
            field_dict["success_rate"] = success_rate
        if success_rate_over is not UNSET:
            field_dict["success_rate_over"] = success_rate_over
        if total_count is not UNSET:
            field_dict["total_count"] = total_count
        if total_rollouts is not UNSET:
            field_dict["total_rollouts"] = total_rollouts
        if unverified is not UNSET:
            field_dict["unverified"] = unverified

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pool_id = d.pop("pool_id")

        queue_depth = d.pop("queue_depth")

        running = d.pop("running")

        utilisation = d.pop("utilisation")

        cancelled = d.pop("cancelled", UNSET)

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        concurrency = d.pop("concurrency", UNSET)

        failed = d.pop("failed", UNSET)

        def _parse_max_queue(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_queue = _parse_max_queue(d.pop("max_queue", UNSET))

        def _parse_max_running(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_running = _parse_max_running(d.pop("max_running", UNSET))

        def _parse_mean_reward(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean_reward = _parse_mean_reward(d.pop("mean_reward", UNSET))

        succeeded = d.pop("succeeded", UNSET)

        def _parse_success_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        success_rate = _parse_success_rate(d.pop("success_rate", UNSET))

        success_rate_over = d.pop("success_rate_over", UNSET)

        total_count = d.pop("total_count", UNSET)

        total_rollouts = d.pop("total_rollouts", UNSET)

        unverified = d.pop("unverified", UNSET)

        pool_metrics = cls(
            pool_id=pool_id,
            queue_depth=queue_depth,
            running=running,
            utilisation=utilisation,
            cancelled=cancelled,
            capacity=capacity,
            concurrency=concurrency,
            failed=failed,
            max_queue=max_queue,
            max_running=max_running,
            mean_reward=mean_reward,
            succeeded=succeeded,
            success_rate=success_rate,
            success_rate_over=success_rate_over,
            total_count=total_count,
            total_rollouts=total_rollouts,
            unverified=unverified,
        )

        pool_metrics.additional_properties = d
        return pool_metrics

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
