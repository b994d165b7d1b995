import pytest
from fastapi.testclient import TestClient

from summarizer.service.app import create_app
from summarizer.service.settings import Settings

ARTICLE = "快手发布第三季度业绩\n2024年第三季度，快手总营收同比增长11.4%至311亿元。程一笑表示将继续推进AI战略。"
KEY = {"X-API-Key": "secret"}


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(api_key="secret", max_text_chars=5000, max_articles=3))
    with TestClient(app) as test_client:
        yield test_client


def error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    return body["error"]["message"]


def test_health_needs_no_key(client):
    assert client.get("/healthz").json() == {"status": "ok", "busy": 0, "waiting": 0}


def test_summarize_has_the_cli_fields(client):
    data = client.post(
        "/v1/summarize", headers=KEY, json={"text": ARTICLE, "options": {"max_chars": 120}}
    ).json()
    assert {
        "id",
        "summary_zh",
        "sentences",
        "method",
        "facts",
        "english",
        "people",
        "warnings",
    } <= set(data)
    assert data["english"]["text"].startswith(
        "Kuaishou's third-quarter 2024 revenue rose 11.4% year on year to RMB 31.1 billion"
    )
    assert data["english"]["source"] == "key figures (no translation model configured)"
    assert len(data["summary_zh"]) <= 120
    one = client.post(
        "/v1/summarize", headers=KEY, json={"text": ARTICLE, "options": {"sentences": 1}}
    ).json()
    assert len(one["sentences"]) == 1


def test_facts(client):
    data = client.post("/v1/facts", headers=KEY, json={"text": ARTICLE}).json()
    assert [(f["metric"], f["period"], f["text_en"]) for f in data["facts"]] == [
        ("revenue", "Q3 2024", "RMB 31.1 billion, up 11.4% year on year")
    ]


def test_digest_formats_by_field_and_accept_header(client):
    body = {"articles": [{"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE}]}
    data = client.post("/v1/digest", headers=KEY, json=body).json()
    assert data["articles"] == 2 and data["companies"] == {"Kuaishou": ["a", "b"]}
    markdown = client.post("/v1/digest", headers=KEY | {"Accept": "text/markdown"}, json=body)
    assert markdown.headers["content-type"].startswith(
        "text/markdown"
    ) and markdown.text.startswith("# Investor digest")
    page = client.post("/v1/digest", headers=KEY, json=body | {"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and page.text.startswith(
        "<!DOCTYPE html>"
    )


def test_models_and_glossary(client):
    models = client.get("/v1/models", headers=KEY).json()
    assert models["configured"] == {"summarizer": "extractive", "translator": None}
    assert {p["name"] for p in models["presets"]} >= {"opus-mt-zh-en", "mt5-xlsum"}
    glossary = client.get("/v1/glossary", headers=KEY).json()
    assert glossary["count"] == len(glossary["terms"]) > 40
    assert {"zh": "程一笑", "en": "Cheng Yixiao"}.items() <= next(
        t for t in glossary["terms"] if t["zh"] == "程一笑"
    ).items()


def test_openapi_docs(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/v1/summarize",
        "/v1/translate",
        "/v1/facts",
        "/v1/digest",
        "/v1/models",
        "/v1/glossary",
        "/healthz",
    } <= set(paths)


def test_web_page(client):
    page = client.get("/")
    assert page.status_code == 200 and "<textarea" in page.text and "/v1/summarize" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # self-contained


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "missing API key: send it in the X-API-Key header"),
        ({"X-API-Key": "wrong"}, "wrong API key"),
    ],
)
def test_api_key_required_on_every_v1_route(client, headers, message):
    for method, path in [
        ("post", "/v1/summarize"),
        ("post", "/v1/translate"),
        ("post", "/v1/facts"),
        ("post", "/v1/digest"),
        ("get", "/v1/models"),
        ("get", "/v1/glossary"),
    ]:
        response = getattr(client, method)(
            path, headers=headers, **({"json": {"text": ARTICLE}} if method == "post" else {})
        )
        assert error(response, 401, "unauthorized") == message


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_422(client, text):
    for path in ("/v1/summarize", "/v1/facts", "/v1/translate"):
        assert (
            error(client.post(path, headers=KEY, json={"text": text}), 422, "empty_text")
            == "text: text is empty"
        )


def test_oversized_text_is_413_with_the_limit(client):
    message = error(
        client.post("/v1/summarize", headers=KEY, json={"text": "快" * 5001}), 413, "too_large"
    )
    assert message == "text is 5,001 characters; the limit is 5,000"


def test_too_many_articles_is_413(client):
    body = {"articles": [{"id": str(i), "text": ARTICLE} for i in range(4)]}
    assert (
        error(client.post("/v1/digest", headers=KEY, json=body), 413, "too_large")
        == "4 articles; the limit is 3 per request"
    )


def test_oversized_body_is_refused_before_parsing(client):
    response = client.post(
        "/v1/facts",
        headers=KEY | {"Content-Type": "application/json"},
        content=b"{" + b" " * 200_000 + b"}",
    )
    assert error(response, 413, "too_large").startswith("request body is")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": 5}, "text: Input should be a valid string"),
        ({}, "text: Field required"),
        (
            {"text": ARTICLE, "options": {"max_chars": 0}},
            "options.max_chars: Input should be greater than or equal to 1",
        ),
    ],
)
def test_wrong_types_are_422(client, body, message):
    assert (
        error(client.post("/v1/summarize", headers=KEY, json=body), 422, "validation_error")
        == message
    )


def test_translate_without_a_translator_is_503(client):
    message = error(
        client.post("/v1/translate", headers=KEY, json={"text": ARTICLE}), 503, "no_translator"
    )
    assert "--translator" in message


def test_unknown_route_has_the_same_error_shape(client):
    error(client.get("/v2/nothing"), 404, "not_found")


def test_cors_is_off_unless_configured(client):
    response = client.options(
        "/v1/facts",
        headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in response.headers
    app = create_app(Settings(cors_origins=["http://example.org"]))
    with TestClient(app) as allowed:
        response = allowed.options(
            "/v1/facts",
            headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"},
        )
        assert response.headers["access-control-allow-origin"] == "http://example.org"


def test_settings_from_environment_and_options(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_PORT", "9000")
    monkeypatch.setenv("SUMMARIZER_API_KEY", "k")
    monkeypatch.setenv("SUMMARIZER_GLOSSARY", "a.tsv,b.tsv")
    monkeypatch.setenv("SUMMARIZER_HOST", "")  # empty counts as unset
    settings = Settings.from_env(port=9100, max_articles=None)
    assert (settings.host, settings.port, settings.api_key, settings.glossary) == (
        "127.0.0.1",
        9100,
        "k",
        ("a.tsv", "b.tsv"),
    )


@pytest.fixture(scope="module")
def translating_client(tiny_marian):
    app = create_app(Settings(translator=str(tiny_marian)))
    with TestClient(app) as test_client:
        yield test_client


def test_translate_with_inline_glossary_terms(translating_client, tiny_marian):
    body = {
        "text": "星河科技和快手公布业绩。",
        "glossary": [{"zh": "星河科技", "en": "Xinghe Tech", "kind": "company"}],
    }
    data = translating_client.post("/v1/translate", json=body).json()
    assert {t["en"]: t["satisfied"] for t in data["terms"]} == {
        "Xinghe Tech": True,
        "Kuaishou": True,
    }
    assert error(
        translating_client.post("/v1/translate", json={"text": "快手", "model": "/etc"}),
        422,
        "unknown_model",
    ).startswith("model '/etc' is not configured")
    models = translating_client.get("/v1/models").json()
    assert models["configured"]["translator"] == str(tiny_marian)


def test_summarize_with_a_translator_gives_the_translation_and_terms(
    translating_client, tiny_marian
):
    data = translating_client.post("/v1/summarize", json={"text": ARTICLE}).json()
    assert data["english"]["source"] == f"translation ({tiny_marian})"
    assert data["english"]["text"] == data["summary_en"]
    assert data["english"]["key_figures"].startswith(
        "Kuaishou's third-quarter 2024 revenue rose 11.4%"
    )
    assert {t["en"] for t in data["terms"]} == {"Kuaishou", "Cheng Yixiao"}
    assert all(t["satisfied"] for t in data["terms"])


def test_a_chunked_body_is_counted_as_it_arrives(client):
    def body(repeats):
        yield b'{"text": "'
        for _ in range(repeats):
            yield "快手营收增长。".encode() * 10
        yield b'"}'

    headers = KEY | {"Content-Type": "application/json"}
    small = client.post("/v1/facts", headers=headers, content=body(1))
    assert small.status_code == 200 and small.json()["id"] == "text"
    assert error(
        client.post("/v1/facts", headers=headers, content=body(2000)), 413, "too_large"
    ).startswith("request body is over the")
