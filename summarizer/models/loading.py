"""Loading a local transformers seq2seq model once per process, and what it needs to run.

A model folder is checked before and after loading (registry.check_model_folder
for the files, a Chinese probe for the tokenizer), so a broken download is one
line naming the folder and the missing piece. Language handling comes from the
model itself: NLLB and M2M100 tokenizers carry language codes, whatever the
folder is called or wherever it came from.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.models.registry import ModelLoadError, check_model_folder

# Chinese a zh → X model must be able to read: if every piece is <unk>, its vocabulary is missing.
_PROBE = "快手公布第三季度业绩，营收同比增长。"
_HAN = re.compile(r"[\u4e00-\u9fff]")
TRANSLATION_FAMILIES = "Marian (opus-mt-zh-en), NLLB and M2M100"


@dataclass(frozen=True)
class Languages:
    """How a model is told the languages: the tokenizer's source and target codes and the
    token the decoder must start with (multilingual models), or nothing (Marian, mT5, BART)."""

    family: str
    source: str | None = None
    target: str | None = None
    forced_bos_token: str | None = None


@dataclass
class LoadedModel:
    """A tokenizer and model shared by every user of the folder in the process.

    ``tokenizer_lock`` serialises tokenizer use: a fast tokenizer is not
    thread-safe, and encoding a target (the glossary's English forms) switches
    its mode. Generation itself runs without the lock.
    """

    path: str
    tokenizer: object
    model: object
    languages: Languages
    tokenizer_lock: threading.RLock = field(default_factory=threading.RLock)
    continuations: tuple[int, ...] | None = None  # computed on first use (constrained decoding)


def _has_token(tokenizer, token: str) -> bool:
    try:
        token_id = tokenizer.convert_tokens_to_ids(token)
    except (KeyError, ValueError, TypeError):
        return False
    return token_id is not None and token_id != tokenizer.unk_token_id


def model_languages(tokenizer, model_type: str, task: str, path: str) -> Languages:
    """The languages as this model encodes them; ModelLoadError for a family this project cannot drive."""
    if _has_token(tokenizer, "zho_Hans") and _has_token(tokenizer, "eng_Latn"):
        languages = Languages("nllb", "zho_Hans", "eng_Latn", "eng_Latn")
    elif _has_token(tokenizer, "__zh__") and _has_token(tokenizer, "__en__"):
        languages = Languages("m2m100", "zh", "en", "__en__")
    elif model_type == "marian":
        languages = Languages("marian")
    else:
        languages = Languages(model_type)
    multilingual = languages.family in ("nllb", "m2m100")
    if task == "translation" and not multilingual and model_type != "marian":
        raise ModelLoadError(
            f"{path}: a {model_type} model cannot be driven as a Chinese → English translator; "
            f"translation supports {TRANSLATION_FAMILIES} models"
        )
    if task == "summarization" and (multilingual or model_type in ("marian", "m2m_100")):
        raise ModelLoadError(
            f"{path}: a {model_type} model is a translation model, not a summariser; "
            "use it with --translator"
        )
    if model_type == "m2m_100" and not multilingual:
        raise ModelLoadError(
            f"{path}: an m2m_100 model whose tokenizer has no zho_Hans/eng_Latn or __zh__/__en__ "
            "language codes; the tokenizer files do not belong to this model"
        )
    return languages


def _check_tokenizer(tokenizer, path: str) -> None:
    """A tokenizer that turns Chinese into nothing but <unk> would "summarise" noise: refuse it."""
    ids = tokenizer(_PROBE, add_special_tokens=False).input_ids
    known = [i for i in ids if i != tokenizer.unk_token_id]
    # what survives of the Chinese when the unknown pieces are left out
    if not _HAN.search(tokenizer.decode(known, skip_special_tokens=True)):
        raise ModelLoadError(
            f"{path}: the tokenizer cannot encode Chinese (every character is {tokenizer.unk_token}); "
            f"its vocabulary files are missing or do not belong to this model ({len(tokenizer)} tokens)"
        )


def _set_languages(tokenizer, languages: Languages) -> None:
    if languages.source is not None:
        tokenizer.src_lang = languages.source
        # M2M100 reads tgt_lang when it encodes a target; unset, it fails with KeyError: None
        tokenizer.tgt_lang = languages.target


@functools.cache
def load_model(path: str, device: str, task: str) -> LoadedModel:
    """The tokenizer and model in ``path`` (never from the network), checked; once per process."""
    config = check_model_folder(Path(path))
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(
            path, local_files_only=True, trust_remote_code=False
        )
    except Exception as exc:  # a broken vocabulary: whatever the library says, on one line
        raise ModelLoadError(f"{path}: cannot load the tokenizer: {_reason(exc)}") from None
    _check_tokenizer(tokenizer, path)
    languages = model_languages(tokenizer, config["model_type"], task, path)
    _set_languages(tokenizer, languages)
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path, local_files_only=True, trust_remote_code=False
        )
    except Exception as exc:
        raise ModelLoadError(f"{path}: cannot load the model weights: {_reason(exc)}") from None
    _check_vocabulary(tokenizer, model, languages, path)
    model.to(device)
    model.eval()
    return LoadedModel(path, tokenizer, model, languages)


def _check_vocabulary(tokenizer, model, languages: Languages, path: str) -> None:
    """Every id the tokenizer gives must have a row in the model's embeddings."""
    size = model.get_input_embeddings().num_embeddings
    used = list(tokenizer(_PROBE).input_ids)
    if languages.forced_bos_token is not None:
        used.append(tokenizer.convert_tokens_to_ids(languages.forced_bos_token))
    if max(used) >= size:
        raise ModelLoadError(
            f"{path}: the tokenizer gives token ids up to {max(used)} but the model has {size}; "
            "the tokenizer files do not belong to this model"
        )


def _reason(exc: Exception) -> str:
    first = (str(exc).strip().splitlines() or [""])[0][:300]
    return f"{type(exc).__name__}: {first}"
