"""`summarizer models convert`: a transformers model → a self-contained CTranslate2 folder.

The conversion itself is CTranslate2's own TransformersConverter; this adds what makes the
folder usable alone: the tokenizer files copied beside the weights and a small metadata file
(what the model was converted from, its task and family, the decoder's length). The folder is
written beside its destination and renamed into place, so a failed conversion never leaves a
half-written model where ``--backend auto`` would pick it up.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from summarizer.models.ct2 import METADATA_FILE, first_line, import_ctranslate2
from summarizer.models.registry import (
    ModelLoadError,
    ResolvedModel,
    check_model_folder,
    converted_path,
    presets,
    resolve_model,
)

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "bfloat16", "float32")
DEFAULT_QUANTIZATION = "int8"
# Files a tokenizer may need; config.json is CTranslate2's own in the converted folder.
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "spiece.model",
    "source.spm",
    "target.spm",
    "sentencepiece.bpe.model",
    "vocab.json",
    "vocab.txt",
    "merges.txt",
)
_TASKS = {"marian": "translation", "m2m_100": "translation", "nllb": "translation"}


def default_output(resolved: ResolvedModel) -> Path:
    """A stored model converts into the store beside it; a local folder into FOLDER-ct2."""
    if resolved.preset is not None or not Path(resolved.name).expanduser().is_dir():
        hub_id = resolved.preset.hub_id if resolved.preset else resolved.name
        return converted_path(hub_id)
    return resolved.path.with_name(resolved.path.name + "-ct2")


def _family(config: dict, resolved: ResolvedModel, folder: Path) -> str:
    if resolved.family:
        return resolved.family
    if config["model_type"] == "m2m_100":
        # NLLB checkpoints are M2M100 models with their own tokenizer
        tokenizer_config = folder / "tokenizer_config.json"
        text = tokenizer_config.read_text(encoding="utf-8") if tokenizer_config.is_file() else ""
        return "nllb" if "Nllb" in text else "m2m100"
    return config["model_type"]


def convert_model(
    name: str, out: str | Path | None = None, quantization: str = DEFAULT_QUANTIZATION
) -> Path:
    """Convert a preset, hub id or local transformers folder; returns the converted folder."""
    if quantization not in QUANTIZATIONS:
        raise ModelLoadError(
            f"unknown quantization {quantization!r}; choose one of {', '.join(QUANTIZATIONS)}"
        )
    ctranslate2 = import_ctranslate2()
    preset = presets().get(name)
    if preset is not None and preset.backend == "ct2":
        name = preset.hub_id  # a converted preset: convert the model it names
    resolved = resolve_model(name)
    config = check_model_folder(resolved.path)
    target = Path(out).expanduser() if out else default_output(resolved)
    if target.resolve() == resolved.path.resolve():
        raise ModelLoadError(f"{target}: the output folder is the model's own folder")
    if target.exists() and not (target / METADATA_FILE).is_file():
        raise ModelLoadError(f"{target}: exists and is not a converted model; choose another --out")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        copied = [f for f in TOKENIZER_FILES if (resolved.path / f).is_file()]
        converter = ctranslate2.converters.TransformersConverter(
            str(resolved.path), copy_files=copied, low_cpu_mem_usage=True
        )
        try:
            converter.convert(str(work / "model"), quantization=quantization, force=True)
        except (ValueError, NotImplementedError, KeyError, RuntimeError) as exc:
            raise ModelLoadError(
                f"{resolved.path}: CTranslate2 cannot convert this {config['model_type']} "
                f"model: {first_line(exc)}"
            ) from None
        positions = config.get("max_position_embeddings") or config.get("n_positions") or 512
        metadata = {
            "format": "ctranslate2",
            "converted_from": name,
            "model_type": config["model_type"],
            "task": resolved.preset.task
            if resolved.preset
            else _TASKS.get(config["model_type"], "summarization"),
            "family": _family(config, resolved, resolved.path),
            "quantization": quantization,
            "max_positions": int(positions),
            "ctranslate2_version": ctranslate2.__version__,
        }
        (work / "model" / METADATA_FILE).write_text(
            json.dumps(metadata, indent=2) + "\n", encoding="utf-8"
        )
        if target.exists():
            shutil.rmtree(target)
        (work / "model").rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
