from typing import Literal

CredentialType = Literal[
    "ANTHROPIC_API_KEY",
    "API_KEY",
    "AWS_CREDENTIALS",
    "BEARER_TOKEN",
    "CLOUD_STORAGE",
    "DATABASE_CONNECTION",
    "DOCKER_REGISTRY",
    "ENVIRONMENT_API_KEY",
    "GITHUB_PAT",
    "GOOGLE_API_KEY",
    "HUGGINGFACE_API_KEY",
    "LEARNING_JWT_KEY",
    "OAUTH_TOKEN",
    "OPENAI_API_KEY",
    "OTHER",
]

CREDENTIAL_TYPE_VALUES: set[CredentialType] = {
    "ANTHROPIC_API_KEY",
    "API_KEY",
    "AWS_CREDENTIALS",
    "BEARER_TOKEN",
    "CLOUD_STORAGE",
    "DATABASE_CONNECTION",
    "DOCKER_REGISTRY",
    "ENVIRONMENT_API_KEY",
    "GITHUB_PAT",
    "GOOGLE_API_KEY",
    "HUGGINGFACE_API_KEY",
    "LEARNING_JWT_KEY",
    "OAUTH_TOKEN",
    "OPENAI_API_KEY",
    "OTHER",
}


def check_credential_type(value: str) -> CredentialType:
    if value in CREDENTIAL_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CREDENTIAL_TYPE_VALUES!r}"
    )
