"""The CTranslate2 engine: the same translator and summariser, decoding a converted model.

A converted folder (``summarizer models convert``) holds CTranslate2's model.bin and
vocabulary, the original tokenizer files and ``summarizer-model.json`` (what it was converted
from, its task, family and decoder length), so it loads on its own. The classes here replace
only the engine of the transformers ones: chunking, sorting by length, the repetition guard
and the summary steps are shared. A whole list of inputs goes to one ``translate_batch`` call,
which sorts it by length and splits it into ``batch_size`` batches itself.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.models.loading import LoadedModel, model_languages
from summarizer.models.registry import (
    ModelLoadError,
    ModelNotFoundError,
    ResolvedModel,
    has_tokenizer_files,
    resolve_model,
)
from summarizer.models.seq2seq import (
    DEFAULT_BATCH_SIZE,
    Generated,
    Seq2SeqSummarizer,
    Seq2SeqTranslator,
    problems,
)

METADATA_FILE = "summarizer-model.json"
DEFAULT_COMPUTE_TYPE = "default"  # the type the model was converted to
_VOCABULARIES = (
    ("shared_vocabulary.json",),
    ("shared_vocabulary.txt",),
    ("source_vocabulary.json", "target_vocabulary.json"),
    ("source_vocabulary.txt", "target_vocabulary.txt"),
)
# The transformers names of the guard's safer settings → CTranslate2's
_SETTING_NAMES = {"num_beams": "beam_size"}


class Ct2MissingError(ModelNotFoundError):
    """The ct2 backend was asked for but CTranslate2 is not installed."""


def import_ctranslate2():
    """The ctranslate2 module, or one line saying how to install it."""
    try:
        import ctranslate2
    except ImportError:
        raise Ct2MissingError(
            "the ct2 backend needs CTranslate2; install it with: "
            "pip install 'zh-digest-summarizer[ct2]'"
        ) from None
    return ctranslate2


def is_ct2_folder(path: Path) -> bool:
    return path.is_dir() and ((path / "model.bin").is_file() or (path / METADATA_FILE).is_file())


def read_metadata(path: Path) -> dict:
    try:
        data = json.loads((path / METADATA_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{path}: {METADATA_FILE} is not valid JSON ({exc})") from None
    return data if isinstance(data, dict) else {}


def check_ct2_folder(path: Path) -> dict:
    """The folder's metadata when it holds a usable CTranslate2 model; else one line saying why."""
    if not path.is_dir():
        raise ModelNotFoundError(f"{path}: no such model folder")
    if not (path / "model.bin").is_file():
        if (path / "config.json").is_file() and not (path / METADATA_FILE).is_file():
            raise ModelLoadError(
                f"{path}: not a CTranslate2 model (no model.bin); convert it with: "
                f"summarizer models convert {path} --to ct2"
            )
        raise ModelLoadError(f"{path}: no model.bin; not a CTranslate2 model folder")
    if not any(all((path / name).is_file() for name in names) for names in _VOCABULARIES):
        raise ModelLoadError(
            f"{path}: no vocabulary (shared_vocabulary.json or source_ and target_vocabulary.json)"
        )
    if not has_tokenizer_files(path):
        raise ModelLoadError(
            f"{path}: no tokenizer files (tokenizer.json, spiece.model, source.spm, ...) "
            "beside the CTranslate2 model"
        )
    return read_metadata(path)


def first_line(exc: BaseException) -> str:
    """A library's error, cut to one line for the user."""
    return (str(exc).strip().splitlines() or [""])[0][:300]


def pick_ct2_device(device: str | None) -> str:
    if device:
        return device
    return "cuda" if import_ctranslate2().get_cuda_device_count() > 0 else "cpu"


@functools.cache
def _load(path: str, device: str, compute_type: str, threads: int | None):
    """Tokenizer, translator and metadata; once per process for each folder and setting."""
    ctranslate2 = import_ctranslate2()
    from transformers import AutoTokenizer

    metadata = check_ct2_folder(Path(path))
    try:
        tokenizer = AutoTokenizer.from_pretrained(
            path, local_files_only=True, trust_remote_code=False
        )
    except Exception as exc:  # a broken vocabulary file: whatever the library says
        raise ModelLoadError(
            f"{path}: cannot load the tokenizer: {type(exc).__name__}: {first_line(exc)}"
        ) from None
    try:
        translator = ctranslate2.Translator(
            path,
            device=device,
            compute_type=compute_type,
            intra_threads=threads or 0,  # 0: CTranslate2's default, one per core
            inter_threads=1,  # the pipeline decodes one batch at a time
        )
    except (RuntimeError, ValueError) as exc:  # a truncated model.bin, no such device or type
        raise ModelLoadError(
            f"{path}: model.bin cannot be loaded on {device} as {compute_type}: {first_line(exc)}"
        ) from None
    return tokenizer, translator, metadata


@dataclass
class Decoded:
    """One decoded output with its target tokens and, when asked for, their source attention."""

    text: str
    tokens: list[str]
    attention: list[list[float]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    source: list[str] = field(default_factory=list)  # the source tokens it was decoded from


class Ct2Engine:
    """CTranslate2 decoding in place of transformers' generate; mixed into the model classes."""

    def __init__(
        self,
        model: str,
        device: str | None = None,
        threads: int | None = None,
        max_new_tokens: int = 256,
        num_beams: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
        compute_type: str = DEFAULT_COMPUTE_TYPE,
    ) -> None:
        import_ctranslate2()  # a missing extra is the first thing to say
        local = Path(model).expanduser()
        # a folder is checked as a CTranslate2 folder, not as a transformers one
        self.resolved: ResolvedModel = (
            ResolvedModel(model, local, None) if local.is_dir() else resolve_model(model, self.task)
        )
        self.name = model
        self.device = pick_ct2_device(device)
        self.compute_type = compute_type
        self.tokenizer, self.model, metadata = _load(
            str(self.resolved.path), self.device, compute_type, threads
        )
        if metadata.get("task") and self.task != "text2text" and metadata["task"] != self.task:
            raise ModelLoadError(
                f"{self.resolved.path}: a {metadata['task']} model, not {self.task}"
            )
        self.family = metadata.get("family") or self.resolved.family
        self.decoder_limit = int(metadata.get("max_positions") or 512) - 2
        self.max_new_tokens = min(max_new_tokens, self.decoder_limit)
        self.min_new_tokens = 0  # transformers' generation_config.min_new_tokens, for fixed lengths
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.max_input_tokens = min(
            getattr(self.tokenizer, "model_max_length", 512) or 512, self.decoder_limit + 2, 1024
        )
        # the languages as the tokenizer itself codes them (zho_Hans / eng_Latn, __zh__ / __en__),
        # and one lock for the tokenizer, as the transformers engine has
        model_type = {"nllb": "m2m_100", "m2m100": "m2m_100"}.get(self.family, self.family)
        task = "translation" if self.task == "translation" else "summarization"
        path = str(self.resolved.path)
        languages = model_languages(self.tokenizer, model_type, task, path)
        self.loaded = LoadedModel(path, self.tokenizer, self.model, languages)
        self.start_tokens = []
        if languages.source is not None and languages.forced_bos_token is not None:
            # multilingual models start the output with the target language's token
            self.tokenizer.src_lang = languages.source
            self.start_tokens = [languages.forced_bos_token]

    # a fast tokenizer is not thread-safe (and text_target switches its mode): every call
    # holds the model's tokenizer lock, as the transformers path does
    def source_tokens(self, text: str) -> list[str]:
        with self.loaded.tokenizer_lock:
            return self.tokenizer.convert_ids_to_tokens(self.tokenizer(text).input_ids)

    def target_tokens(self, text: str) -> list[str]:
        with self.loaded.tokenizer_lock:
            ids = self.tokenizer(text_target=text, add_special_tokens=False).input_ids
            return self.tokenizer.convert_ids_to_tokens(ids)

    def detokenize(self, tokens: list[str]) -> str:
        with self.loaded.tokenizer_lock:
            ids = self.tokenizer.convert_tokens_to_ids(tokens)
            return self.tokenizer.decode(ids, skip_special_tokens=True).strip()

    def decode_tokens(
        self,
        sources: list[list[str]],
        prefixes: list[list[str]] | None = None,
        attention: bool = False,
        max_length: int | None = None,
        **settings,
    ) -> list[Decoded]:
        """One translate_batch call for all sources: CTranslate2 sorts them by length and
        splits them into batch_size batches; results come back in input order."""
        if not sources:
            return []
        options = {_SETTING_NAMES.get(k, k): v for k, v in settings.items()}
        options.setdefault("beam_size", self.num_beams)
        start = [list(self.start_tokens) for _ in sources]
        prefixes = [s + p for s, p in zip(start, prefixes)] if prefixes else start
        longest = max_length or self.max_new_tokens
        results = self.model.translate_batch(
            sources,
            target_prefix=prefixes if any(prefixes) else None,
            max_batch_size=self.batch_size,
            max_decoding_length=longest + len(self.start_tokens),
            min_decoding_length=min(self.min_new_tokens, longest) + len(self.start_tokens),
            return_attention=attention,
            **options,
        )
        decoded = []
        for source, result in zip(sources, results):
            tokens = result.hypotheses[0]
            weights = result.attention[0] if attention else []
            text = self.detokenize(tokens)
            decoded.append(Decoded(text, tokens, weights, settings=settings, source=source))
        return decoded

    def decode_guarded(self, texts: Sequence[str], attention: bool = False) -> list[Decoded]:
        """Decode every text; outputs that loop, stay empty or run away are decoded again with
        the safer settings the transformers engine uses, batched, and what happened is noted."""
        sources = [self.source_tokens(t) for t in texts]
        decoded = self.decode_tokens(sources, attention=attention)
        retry = [i for i, d in enumerate(decoded) if problems(texts[i], d.text)]
        safer = {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3}
        safer["num_beams"] = max(self.num_beams, 4)
        again = self.decode_tokens([sources[i] for i in retry], attention=attention, **safer)
        note = "retried with no_repeat_ngram_size=3, repetition_penalty=1.3, beams=4"
        for i, second in zip(retry, again):
            found, still = problems(texts[i], decoded[i].text), problems(texts[i], second.text)
            outcome = f": still {', '.join(still)}" if still else ": fixed"
            second.warnings.append(f"{', '.join(found)}; {note}{outcome}")
            decoded[i] = second
        return decoded

    # The transformers classes' entry points, served by CTranslate2.

    def generate(self, texts: Sequence[str], processors: Callable | None = None) -> list[Generated]:
        if processors is not None:
            raise TypeError("the ct2 engine has no logits processors; use Ct2GlossaryTranslator")
        return [Generated(d.text, d.warnings) for d in self.decode_guarded(texts)]


class Ct2Translator(Ct2Engine, Seq2SeqTranslator):
    """Chinese → English with a converted Marian, NLLB or M2M100 model."""


class Ct2Summarizer(Ct2Engine, Seq2SeqSummarizer):
    """Abstractive summaries with a converted mT5, BART, mBART or Pegasus model."""
