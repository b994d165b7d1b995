"""Shared fixtures: the seed articles and evaluation set beside the checkout, and small builders."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# HYPOTHESIS_PROFILE=thorough runs the property tests far longer than the default.
from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("thorough", max_examples=3000, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Nothing in the tests may reach the network, the model hub included.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED_DIR", REPO.parent / "shared"))
SEEDS_JSONL = SHARED / "eval" / "seeds.jsonl"


def _seed_records() -> list[dict]:
    if not SEEDS_JSONL.is_file():
        return []
    return [
        json.loads(line)
        for line in SEEDS_JSONL.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


SEED_RECORDS = _seed_records()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED}; set SUMMARIZER_SHARED_DIR")
    return SHARED


@pytest.fixture(scope="session")
def seed_records(shared_dir: Path) -> list[dict]:
    return SEED_RECORDS


def seed_text(record: dict) -> str:
    return (SEEDS_JSONL.parent / record["source"]).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def glossary():
    from summarizer.glossary import load_glossaries

    return load_glossaries()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory) -> Path:
    from builders import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "marian")


@pytest.fixture(scope="session")
def tiny_mt5(tmp_path_factory) -> Path:
    from builders import build_mt5

    return build_mt5(tmp_path_factory.mktemp("models") / "mt5")


@pytest.fixture(scope="session")
def tiny_nllb(tmp_path_factory) -> Path:
    from builders import build_nllb

    return build_nllb(tmp_path_factory.mktemp("models") / "nllb")


@pytest.fixture
def write_file(tmp_path: Path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write
