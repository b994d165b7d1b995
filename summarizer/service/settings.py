"""The server's settings: one typed object, from SUMMARIZER_* environment variables and serve's options."""

from __future__ import annotations

import os
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
        """Model settings; unless set, each of the ``concurrency`` worker threads of each process
        gets its share of the cores (torch would give every one of them all the cores)."""
        share = max(1, (os.cpu_count() or 1) // (self.concurrency * self.workers))
        return {"device": self.device, "threads": self.threads or share}


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
