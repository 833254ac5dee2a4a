from typing import Literal

PoolConfigV1PoolType = Literal["archipelago", "browser", "openenv", "sandbox"]

POOL_CONFIG_V1_POOL_TYPE_VALUES: set[PoolConfigV1PoolType] = {
    "archipelago",
    "browser",
    "openenv",
    "sandbox",
}


def check_pool_config_v1_pool_type(value: str) -> PoolConfigV1PoolType:
    if value in POOL_CONFIG_V1_POOL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_CONFIG_V1_POOL_TYPE_VALUES!r}"
    )
