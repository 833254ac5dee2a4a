from typing import Literal

PoolUpdateTarget = Literal[
    "arbitrary", "harbor", "horizons", "horizons_private", "openenv"
]

POOL_UPDATE_TARGET_VALUES: set[PoolUpdateTarget] = {
    "arbitrary",
    "harbor",
    "horizons",
    "horizons_private",
    "openenv",
}


def check_pool_update_target(value: str) -> PoolUpdateTarget:
    if value in POOL_UPDATE_TARGET_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_UPDATE_TARGET_VALUES!r}"
    )
