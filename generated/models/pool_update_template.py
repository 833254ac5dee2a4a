from typing import Literal

PoolUpdateTemplate = Literal[
    "ARCHIPELAGO", "HARBOR_BROWSER", "HARBOR_CODING", "OPENENV"
]

POOL_UPDATE_TEMPLATE_VALUES: set[PoolUpdateTemplate] = {
    "ARCHIPELAGO",
    "HARBOR_BROWSER",
    "HARBOR_CODING",
    "OPENENV",
}


def check_pool_update_template(value: str) -> PoolUpdateTemplate:
    if value in POOL_UPDATE_TEMPLATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {POOL_UPDATE_TEMPLATE_VALUES!r}"
    )
