"""The HTTP API and the web page: everything the CLI does, from one process that loads its models once.

Model work runs in worker threads behind a gate: at most ``concurrency`` requests
work at a time and at most ``queue_size`` wait; beyond that a request is refused
at once with 429 and Retry-After, so memory stays bounded and /healthz stays
responsive. Every 4xx and 5xx answer has one body shape,
``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from summarizer.options import DEFAULT_MAX_CHARS
from summarizer.service.docs import add_offline_docs
from summarizer.service.limits import ApiError, RequestGuard, WorkGate, check_cancelled
from summarizer.service.schemas import (
    DigestRequest,
    ErrorBody,
    FactsRequest,
    FactsResponse,
    Health,
    SummarizeRequest,
    SummarizeResponse,
    TranslateRequest,
    TranslateResponse,
)
from summarizer.service.settings import Settings
from summarizer.text.reading import Article, InputError

T = TypeVar("T")
_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 404, 408, 413, 422, 429, 500, 503)
}
log = logging.getLogger("summarizer.service.app")


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


class Service:
    """What the routes share: settings, the pipeline (models loaded once) and the gate."""

    def __init__(self, settings: Settings, pipeline=None) -> None:
        from summarizer.pipeline import Pipeline

        self.settings = settings
        self.pipeline = pipeline or Pipeline(settings.pipeline_options())
        self.gate = WorkGate(settings.concurrency, settings.queue_size, settings.retry_after_s)
        # Load the lazily built tables (segmenter, pinyin, character frequencies) now, not on the first request.
        self.pipeline.process(
            self.article("快手(kuài)第三季度营收同比增长11.4%至311亿元。?梢钥吹。", "warm-up")
        )

    def check_size(self, text: str, what: str = "text") -> None:
        limit = self.settings.max_text_chars
        if len(text) > limit:
            raise ApiError(
                413, "too_large", f"{what} is {len(text):,} characters; the limit is {limit:,}"
            )

    def article(self, text: str, article_id: str) -> Article:
        return Article(id=article_id, text=text, source=article_id, encoding="utf-8")


def _service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(_service)]


def _require_key(request: Request, x_api_key: Annotated[str | None, Header()] = None) -> None:
    expected = request.app.state.service.settings.api_key
    if not expected:
        return
    if not x_api_key:
        raise ApiError(401, "unauthorized", "missing API key: send it in the X-API-Key header")
    if not hmac.compare_digest(x_api_key.encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "wrong API key")


v1 = APIRouter(prefix="/v1", dependencies=[Depends(_require_key)], responses=_ERROR_RESPONSES)


@v1.post(
    "/summarize",
    summary="Chinese summary, English, key figures, terms and warnings of one article",
    response_model=SummarizeResponse,
    response_model_exclude_none=True,
)
async def summarize(body: SummarizeRequest, service: ServiceDep) -> dict:
    service.check_size(body.text)
    options = body.options

    def work() -> dict:
        max_chars = options.max_chars or (None if options.sentences else DEFAULT_MAX_CHARS)
        article = service.article(body.text, body.id)
        result = service.pipeline.process(
            article, max_chars, options.sentences, checkpoint=check_cancelled
        )
        return result.to_dict()

    return await service.gate.run(_unwrap_input_errors(work))


@v1.post("/translate", summary="Glossary-constrained translation", response_model=TranslateResponse)
async def translate(body: TranslateRequest, service: ServiceDep) -> dict:
    service.check_size(body.text)
    translator = service.pipeline.translator
    if translator is None:
        raise ApiError(
            503,
            "no_translator",
            "no translation model configured; start the server with --translator NAME",
        )
    if body.model and body.model != service.settings.translator:
        raise ApiError(
            422,
            "unknown_model",
            f"model {body.model!r} is not configured; configured: {service.settings.translator}",
        )

    def work() -> dict:
        from summarizer.glossary import Glossary, Term
        from summarizer.text.script import to_simplified

        glossary = translator.glossary
        if body.glossary:
            extra = Glossary(
                [Term(to_simplified(e.zh), e.en, e.kind, origin="request") for e in body.glossary]
            )
            glossary = glossary.merged_with(extra)
        # the same kind of translator (transformers or CTranslate2) with the request's terms
        result = type(translator)(translator.inner, glossary).translate([body.text])[0]
        return result.to_dict()

    return await service.gate.run(work)


@v1.post("/facts", summary="Key figures of one article", response_model=FactsResponse)
async def facts(body: FactsRequest, service: ServiceDep) -> dict:
    service.check_size(body.text)

    def work() -> dict:
        result = service.pipeline.facts(service.article(body.text, body.id), check_cancelled)
        return {
            "id": body.id,
            "facts": [f.to_dict() for f in result.facts],
            "warnings": result.warnings,
        }

    return await service.gate.run(_unwrap_input_errors(work))


@v1.post(
    "/digest",
    summary="Investor digest of several articles: JSON, or Markdown / HTML by format or Accept",
    responses={200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}},
)
async def digest(body: DigestRequest, request: Request, service: ServiceDep) -> Response:
    from summarizer.digest.build import Digest
    from summarizer.digest.render import render

    limit = service.settings.max_articles
    if len(body.articles) > limit:
        raise ApiError(
            413, "too_large", f"{len(body.articles)} articles; the limit is {limit} per request"
        )
    for article in body.articles:
        service.check_size(article.text, f"article {article.id!r}")
    fmt = body.format or _format_from_accept(request.headers.get("accept", ""))
    request.state.articles = len(body.articles)

    def work() -> str:
        # check_cancelled stops the work when the client has gone or the time budget ran out
        articles = (service.article(a.text, a.id) for a in body.articles)
        return render(
            Digest.from_outcomes(service.pipeline.outcomes(articles, check_cancelled)), fmt
        )

    content = await service.gate.run(work)
    media = {
        "json": "application/json",
        "markdown": "text/markdown; charset=utf-8",
        "html": "text/html; charset=utf-8",
    }
    return Response(content, media_type=media[fmt])


@v1.get("/models", summary="Configured models and installed presets")
async def list_models(service: ServiceDep) -> dict:
    from summarizer.models import registry as models

    return {
        "configured": {
            "summarizer": service.settings.summarizer or "extractive",
            "translator": service.settings.translator,
        },
        "presets": [
            p.to_dict() | {"installed": models.installed(p)} for p in models.presets().values()
        ],
    }


@v1.get("/glossary", summary="The glossary in use")
async def glossary(service: ServiceDep) -> dict:
    terms = service.pipeline.glossary.terms
    return {
        "count": len(terms),
        "terms": [t.to_dict() for t in terms],
        "conflicts": service.pipeline.glossary.conflicts,
    }


def _format_from_accept(accept: str) -> str:
    if "text/markdown" in accept:
        return "markdown"
    if "text/html" in accept:
        return "html"
    return "json"


def _unwrap_input_errors(work: Callable[[], T]) -> Callable[[], T]:
    def wrapped() -> T:
        try:
            return work()
        except InputError as exc:
            raise ApiError(422, "bad_input", str(exc).removeprefix("text: ")) from exc

    return wrapped


def create_app(settings: Settings | None = None, pipeline=None) -> FastAPI:
    """The application; ``pipeline`` may be given (tests), otherwise it is built from settings at start-up."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if not hasattr(app.state, "service"):
            app.state.service = Service(settings, pipeline)
        yield

    app = FastAPI(
        title="zh-digest summarizer",
        description="Clean, summarise and translate Chinese tech and finance news into English digests.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by add_offline_docs from the packaged Swagger UI, not a CDN
        redoc_url=None,
    )
    add_offline_docs(app)
    app.add_middleware(RequestGuard, settings=settings)
    # Added last, so outermost: the guard's refusals (401, 413, 429) carry CORS headers too.
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = first.get("msg", "invalid request").removeprefix("Value error, ")
        code = (
            "empty_text"
            if "text is empty" in message
            else "invalid_unicode"
            if "invalid Unicode" in message
            else "validation_error"
        )
        return error_response(422, code, f"{where}: {message}" if where else message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {400: "invalid_json", 404: "not_found", 405: "method_not_allowed"}
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail)
        )

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal", f"internal error: {type(exc).__name__}")

    @app.get(
        "/healthz", response_model=Health, summary="Liveness, answered even while models are busy"
    )
    async def healthz(request: Request) -> dict:
        gate = request.app.state.service.gate
        return {"status": "ok", "busy": gate.active, "waiting": gate.waiting}

    web_page = (
        resources.files("summarizer").joinpath("service/web/index.html").read_text(encoding="utf-8")
    )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> str:
        return web_page

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> PlainTextResponse:
        return PlainTextResponse("", status_code=204)

    app.include_router(v1)
    return app
