from typing import Literal

PoolUpdatePoolType = Literal["archipelago", "browser", "openenv", "sandbox"]

POOL_UPDATE_POOL_TYPE_VALUES: set[PoolUpdatePoolType] = {
    "archipelago",
    "browser",
    "openenv",
    "sandbox",
}


def check_pool_update_pool_type(value: str) -> PoolUpdatePoolType:
    if value in POOL_UPDATE_POOL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_UPDATE_POOL_TYPE_VALUES!r}"
    )
