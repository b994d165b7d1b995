"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("text is empty")
    return value


class SummarizeOptions(BaseModel):
    max_chars: int | None = Field(
        None, ge=1, le=5000, description="Chinese summary budget in characters"
    )
    sentences: int | None = Field(None, ge=1, le=100, description="at most this many sentences")


class SummarizeRequest(BaseModel):
    text: str = Field(..., description="the article, any Chinese script")
    id: str = "text"
    options: SummarizeOptions = Field(default_factory=SummarizeOptions)

    _check_text = field_validator("text")(_not_blank)


class GlossaryEntry(BaseModel):
    zh: str = Field(..., min_length=1)
    en: str = Field(..., min_length=1)
    kind: Literal["person", "product", "company", "org", "other"] = "other"


class TranslateRequest(BaseModel):
    text: str
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, description="extra terms for this request"
    )
    model: str | None = Field(
        None, description="a configured translator's name; default: the configured one"
    )

    _check_text = field_validator("text")(_not_blank)


class FactsRequest(BaseModel):
    text: str
    id: str = "text"

    _check_text = field_validator("text")(_not_blank)


class DigestArticle(BaseModel):
    id: str = Field(..., min_length=1, max_length=200)
    text: str


class DigestRequest(BaseModel):
    articles: list[DigestArticle] = Field(..., min_length=1)
    format: Literal["json", "markdown", "html"] | None = None


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    busy: int
    waiting: int


class TranslateResponse(BaseModel):
    source: str
    translation: str
    terms: list[dict]
    warnings: list[str]


class EnglishText(BaseModel):
    headline: str
    text: str = Field(
        ...,
        description="the translation when a translator is configured, else the key-figure entry",
    )
    key_figures: str
    source: str


class SummarizeResponse(BaseModel):
    """The CLI's JSON for one article."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    script: str
    summary_zh: str
    sentences: list[int]
    method: str
    facts: list[dict]
    english: EnglishText
    people: list[dict]
    products: list[dict]
    companies: list[dict]
    removed: list[dict]
    warnings: list[str]
    summary_en: str | None = None
    terms: list[dict] | None = None


class FactsResponse(BaseModel):
    id: str
    facts: list[dict]
    warnings: list[str]
