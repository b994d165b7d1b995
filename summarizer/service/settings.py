"""The server's settings: one typed object, from SUMMARIZER_* environment variables and serve's options."""

from __future__ import annotations

import os
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from summarizer.options import PipelineOptions, describe_validation_error

ENV_PREFIX = "SUMMARIZER_"


class Settings(BaseSettings, PipelineOptions):
    """Everything `summarizer serve` can be told: the pipeline's options (PipelineOptions) and the
    server's own. SUMMARIZER_* environment variables give defaults (pydantic-settings), values
    passed in (serve's options) override them."""

    # An empty variable counts as unset; lists are comma-separated, not JSON.
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_ignore_empty=True, frozen=False, extra="forbid"
    )

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    glossary: Annotated[tuple[str, ...], NoDecode] = ()
    api_key: str | None = None
    max_text_chars: int = Field(100_000, ge=1)
    max_articles: int = Field(50, ge=1)
    concurrency: int = Field(2, ge=1)
    queue_size: int = Field(8, ge=0)
    retry_after_s: int = Field(2, ge=1)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
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

    def pipeline_options(self) -> PipelineOptions:
        """The pipeline's part of the settings, with what was chosen kept as chosen; unless set,
        each of the ``concurrency`` worker threads of each process gets its share of the cores
        for the models (torch would give every one of them all the cores)."""
        chosen = self.model_fields_set & set(PipelineOptions.model_fields)
        values = {name: getattr(self, name) for name in chosen}
        if self.threads is None and (self.summarizer or self.translator):
            values["threads"] = max(1, (os.cpu_count() or 1) // (self.concurrency * self.workers))
        return PipelineOptions.make(**values)


def settings_error(exc: ValueError) -> str:
    """One line for a pydantic ValidationError: which setting, what is wrong, the value given."""
    if not callable(getattr(exc, "errors", None)):
        return str(exc)
    return describe_validation_error(exc).replace("invalid option", "invalid setting", 1)
