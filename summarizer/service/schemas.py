"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator


def _valid_unicode(value: str) -> str:
    """A JSON escape such as \\ud800 gives a lone surrogate: not text, and not writable as UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"invalid Unicode: a lone surrogate U+{ord(value[exc.start]):04X} at character {exc.start}"
        ) from None
    return value


Text = Annotated[str, AfterValidator(_valid_unicode)]


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
    text: Text = Field(..., description="the article, any Chinese script")
    id: Text = "text"
    options: SummarizeOptions = Field(default_factory=SummarizeOptions)

    _check_text = field_validator("text")(_not_blank)


class GlossaryEntry(BaseModel):
    zh: Text = Field(..., min_length=1)
    en: Text = Field(..., min_length=1)
    kind: Literal["person", "product", "company", "org", "other"] = "other"


class TranslateRequest(BaseModel):
    text: Text
    glossary: list[GlossaryEntry] = Field(
        default_factory=list, description="extra terms for this request"
    )
    model: Text | None = Field(
        None, description="a configured translator's name; default: the configured one"
    )

    _check_text = field_validator("text")(_not_blank)


class FactsRequest(BaseModel):
    text: Text
    id: Text = "text"

    _check_text = field_validator("text")(_not_blank)


class DigestArticle(BaseModel):
    id: Text = Field(..., min_length=1, max_length=200)
    text: Text


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
