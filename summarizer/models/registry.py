"""Model presets and the local model store: one resolver for an alias, a local folder or a hub id.

Loading never reaches the network: a model is read from a local folder with
``local_files_only``; what is not installed is reported with the command that
installs it. ``summarizer models pull`` is the only download, and
``trust_remote_code`` is never enabled.
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import SummarizerError
from summarizer.paths import data_dir

_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


class ModelNotFoundError(SummarizerError):
    """A model that is unknown or not installed; the message says what to do."""


class ModelLoadError(ModelNotFoundError):
    """A model folder that is there but cannot be used; the message names the folder and why."""


_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_WEIGHT_INDEXES = ("model.safetensors.index.json", "pytorch_model.bin.index.json")
# Any one of these makes a tokenizer: fast (tokenizer.json), SentencePiece (mT5, Marian,
# NLLB, M2M100) or BPE vocabularies (BART); tokenizer_config.json alone names no vocabulary.
_TOKENIZER_FILES = (
    "tokenizer.json",
    "spiece.model",
    "source.spm",
    "sentencepiece.bpe.model",
    "vocab.json",
    "vocab.txt",
)


def check_model_folder(path: Path) -> dict:
    """The folder's config when it holds a usable seq2seq model; else ModelLoadError saying why."""
    config_path = path / "config.json"
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelLoadError(f"{path}: no config.json; not a Hugging Face model folder") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{path}: config.json is not valid JSON ({exc})") from None
    if not isinstance(config, dict) or not config.get("model_type"):
        raise ModelLoadError(f"{path}: config.json names no model_type")
    if not any((path / name).is_file() for name in _WEIGHT_FILES + _WEIGHT_INDEXES):
        raise ModelLoadError(
            f"{path}: no weights (model.safetensors or pytorch_model.bin); the download is incomplete"
        )
    if not any((path / name).is_file() for name in _TOKENIZER_FILES):
        raise ModelLoadError(
            f"{path}: no tokenizer files (tokenizer.json, spiece.model, source.spm, ...)"
        )
    from transformers.models.auto.modeling_auto import MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES

    if config["model_type"] not in MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING_NAMES:
        raise ModelLoadError(
            f"{path}: a {config['model_type']} model is not a sequence-to-sequence model "
            "(an encoder-only or decoder-only model); it cannot summarise or translate"
        )
    _check_family_tokenizer(path, config["model_type"])
    _check_safetensors(path)
    return config


# What each family's tokenizer cannot do without: any one of the alternatives in each group.
_FAMILY_TOKENIZER_FILES = {
    "marian": (("source.spm",), ("target.spm",), ("vocab.json",)),
    "t5": (("spiece.model", "tokenizer.json"),),
    "mt5": (("spiece.model", "tokenizer.json"),),
    "m2m_100": (("sentencepiece.bpe.model", "tokenizer.json"),),
    "bart": (("tokenizer.json", "merges.txt"),),
    "pegasus": (("spiece.model", "tokenizer.json"),),
}


def _check_family_tokenizer(path: Path, model_type: str) -> None:
    for alternatives in _FAMILY_TOKENIZER_FILES.get(model_type, ()):
        if not any((path / name).is_file() for name in alternatives):
            raise ModelLoadError(
                f"{path}: a {model_type} model folder without its tokenizer file "
                f"{' or '.join(alternatives)}; the download is incomplete"
            )


def _check_safetensors(path: Path) -> None:
    """A truncated weights file fails here, by name, not somewhere inside the loader."""
    from safetensors import safe_open

    for weights in sorted(path.glob("*.safetensors")):
        try:
            with safe_open(str(weights), framework="pt") as handle:
                handle.keys()
        except Exception as exc:  # SafetensorError and OSError read the same to the user
            reason = (str(exc).strip().splitlines() or [""])[0][:200]
            raise ModelLoadError(
                f"{path}: {weights.name} is damaged or truncated ({reason}); download it again"
            ) from None


@dataclass(frozen=True)
class Preset:
    name: str
    hub_id: str
    task: str
    source: str
    target: str
    licence: str = ""
    size: str = ""
    family: str = ""
    revision: str = "main"
    description: str = ""

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def models_dir() -> Path:
    return data_dir("models")


def store_dir() -> Path:
    """Where pulled models live (override: SUMMARIZER_MODEL_STORE)."""
    override = os.environ.get("SUMMARIZER_MODEL_STORE")
    return Path(override) if override else models_dir() / "store"


@functools.cache
def presets() -> dict[str, Preset]:
    path = models_dir() / "presets.toml"
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: Preset(name=name, **fields) for name, fields in data.items()}


def store_path(hub_id: str) -> Path:
    return store_dir() / hub_id.replace("/", "--")


def is_installed(path: Path) -> bool:
    return (path / "config.json").is_file()


@dataclass(frozen=True)
class ResolvedModel:
    """Where a named model is on disk, and its preset when it has one."""

    name: str
    path: Path
    preset: Preset | None

    @property
    def family(self) -> str:
        return self.preset.family if self.preset else ""


def resolve_model(name: str, task: str | None = None) -> ResolvedModel:
    """An alias, a local folder or a hub id → the local folder holding the model.

    Raises ModelNotFoundError with the valid names for an unknown name, and with
    the pull command for a known model that is not installed.
    """
    known = presets()
    if name in known:
        preset = known[name]
        if task and preset.task != task:
            raise ModelNotFoundError(
                f"{name} is a {preset.task} model, not {task}; {_valid_names(task)}"
            )
        path = store_path(preset.hub_id)
        if not is_installed(path):
            raise ModelNotFoundError(
                f"model {name} ({preset.hub_id}, {preset.size}) is not installed in {store_dir()}; "
                f"get it with: summarizer models pull {name}"
            )
        return ResolvedModel(name, path, preset)
    local = Path(name).expanduser()
    if local.is_dir():
        if not is_installed(local):
            raise ModelNotFoundError(
                f"{name}: folder has no config.json; not a Hugging Face model folder"
            )
        return ResolvedModel(name, local, None)
    if _HUB_ID.match(name):
        preset = next((p for p in known.values() if p.hub_id == name), None)
        path = store_path(name)
        if is_installed(path):
            return ResolvedModel(name, path, preset)
        raise ModelNotFoundError(
            f"model {name} is not installed in {store_dir()}; get it with: summarizer models pull {name}"
        )
    raise ModelNotFoundError(f"unknown model {name!r}; {_valid_names(task)}")


def _valid_names(task: str | None) -> str:
    names = [n for n, p in presets().items() if task is None or p.task == task]
    return "valid names: " + ", ".join(names) + ", a local model folder, or a hub id (owner/name)"


def installed(preset: Preset) -> bool:
    return is_installed(store_path(preset.hub_id))


def pull(name: str) -> Path:
    """Download a preset or hub id into the store with huggingface_hub; clear error when offline."""
    preset = presets().get(name)
    if preset is None and not _HUB_ID.match(name):
        raise ModelNotFoundError(f"unknown model {name!r}; {_valid_names(None)}")
    hub_id = preset.hub_id if preset else name
    revision = preset.revision if preset else "main"
    target = store_path(hub_id)
    try:
        from huggingface_hub import snapshot_download

        snapshot_download(repo_id=hub_id, revision=revision, local_dir=str(target))
    except Exception as exc:  # offline, unknown repository, gated model: all say the same
        raise ModelNotFoundError(
            f"could not download {hub_id}: {type(exc).__name__}: {exc}. "
            "Pulling needs access to the Hugging Face hub; on an offline machine copy the model folder "
            f"into {target} instead"
        ) from exc
    return target
