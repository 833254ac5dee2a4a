from typing import Literal

PoolConfigV1Target = Literal[
    "arbitrary", "harbor", "horizons", "horizons_private", "openenv"
]

POOL_CONFIG_V1_TARGET_VALUES: set[PoolConfigV1Target] = {
    "arbitrary",
    "harbor",
    "horizons",
    "horizons_private",
    "openenv",
}


def check_pool_config_v1_target(value: str) -> PoolConfigV1Target:
    if value in POOL_CONFIG_V1_TARGET_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_CONFIG_V1_TARGET_VALUES!r}"
    )
