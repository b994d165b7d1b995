"""The server's settings: one typed object, from SUMMARIZER_* environment variables and serve's options."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from summarizer.models.backends import DEFAULT_BACKEND
from summarizer.models.ct2 import COMPUTE_TYPES, DEFAULT_COMPUTE_TYPE

ENV_PREFIX = "SUMMARIZER_"


class Settings(BaseSettings):
    """Everything `summarizer serve` can be told: SUMMARIZER_* environment variables give
    defaults (pydantic-settings), values passed in (serve's options) override them."""

    # An empty variable counts as unset; lists are comma-separated, not JSON.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True)

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    summarizer: str | None = None
    translator: str | None = None
    glossary: Annotated[list[str], NoDecode] = Field(default_factory=list)
    bundled_glossary: bool = True
    api_key: str | None = None
    max_text_chars: int = Field(100_000, ge=1)
    max_articles: int = Field(50, ge=1)
    concurrency: int = Field(2, ge=1)
    queue_size: int = Field(8, ge=0)
    retry_after_s: int = Field(2, ge=1)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    backend: Literal["auto", "transformers", "ct2"] = DEFAULT_BACKEND
    compute_type: Literal[COMPUTE_TYPES] = DEFAULT_COMPUTE_TYPE
    device: str | None = None
    threads: int | None = None
    workers: int = Field(1, ge=1, le=64)
    request_timeout_s: float = Field(60.0, gt=0)
    client_timeout_s: float = Field(15.0, gt=0)
    max_digest_bytes: int = Field(8_000_000, ge=1)
    drain_cap_bytes: int = Field(32_000_000, ge=0)

    @field_validator("glossary", "cors_origins", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from SUMMARIZER_HOST, SUMMARIZER_API_KEY, ..., with non-None ``overrides`` on top."""
        return cls(**{k: v for k, v in overrides.items() if v is not None})

    def model_options(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "threads": self.threads,
            "backend": self.backend,
            "compute_type": self.compute_type,
        }


def settings_error(exc: ValueError) -> str:
    """One line for a pydantic ValidationError: which setting, what is wrong, the value given."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    parts = []
    for error in errors():
        name = ".".join(str(p) for p in error.get("loc", ()))
        option = "--" + name.removesuffix("_s").replace("_", "-")
        parts.append(f"{option} {error.get('input')!r}: {error.get('msg', 'invalid')}")
    return "invalid setting: " + "; ".join(parts)
