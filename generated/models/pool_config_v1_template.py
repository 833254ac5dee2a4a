from typing import Literal

PoolConfigV1Template = Literal[
    "ARCHIPELAGO", "HARBOR_BROWSER", "HARBOR_CODING", "OPENENV"
]

POOL_CONFIG_V1_TEMPLATE_VALUES: set[PoolConfigV1Template] = {
    "ARCHIPELAGO",
    "HARBOR_BROWSER",
    "HARBOR_CODING",
    "OPENENV",
}


def check_pool_config_v1_template(value: str) -> PoolConfigV1Template:
    if value in POOL_CONFIG_V1_TEMPLATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_CONFIG_V1_TEMPLATE_VALUES!r}"
    )
