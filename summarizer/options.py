"""The pipeline's options: one typed object shared by the library, the CLI and the HTTP API.

Each option is declared once here, with its default and its help text; the CLI's
flags (``--num-beams``) and the server's settings (``SUMMARIZER_NUM_BEAMS``) are
made from these fields, so the three cannot disagree on what exists or on a default.
"""

from __future__ import annotations

import argparse
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import SummarizerError

DEFAULT_MAX_CHARS = 250
# CTranslate2's glossary guarantee: how much of the first pass's output (in tokens) may be decoded
# again to place missing terms; past it, and by default, terms are spliced in where attention
# points, which costs no decoding (a second decode of a few rows costs as much as a full batch)
DEFAULT_REDECODE_SHARE = 0.0


# the engines that decode a seq2seq model, and CTranslate2's weight types at run time
Backend = Literal["auto", "transformers", "ct2"]
ComputeType = Literal[
    "default",
    "auto",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
]
BACKENDS: tuple[str, ...] = get_args(Backend)
COMPUTE_TYPES: tuple[str, ...] = get_args(ComputeType)


class OptionsError(SummarizerError, ValueError):
    """An option's value is out of range or of the wrong type."""


class PipelineOptions(BaseModel):
    """What a pipeline is built from and how it works; frozen, so worker processes can rebuild it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    glossary: tuple[str, ...] = Field(
        (), description="extra glossary files; later files override earlier and the bundled one"
    )
    bundled_glossary: bool = Field(True, description="load the bundled glossary")
    summarizer: str | None = Field(
        None, description="seq2seq summariser, a preset name or a folder (default: extractive)"
    )
    translator: str | None = Field(
        None, description="translation model, a preset name or a folder (default: none)"
    )
    backend: Backend = Field(
        "auto",
        description="engine for seq2seq models; auto: CTranslate2 where a converted model is"
        " present",
    )
    compute_type: ComputeType = Field(
        "default", description="CTranslate2 weights type at run time (default: as converted)"
    )
    device: str | None = Field(None, description="cpu or cuda (default: cuda when present)")
    threads: int | None = Field(None, ge=1, description="CPU threads for the models")
    batch_size: int = Field(16, ge=1, description="sentences per generation batch")
    num_beams: int = Field(1, ge=1, description="beam width (1: greedy)")
    max_new_tokens: int = Field(256, ge=1, description="longest generated output, in tokens")
    redecode_share: float = Field(
        DEFAULT_REDECODE_SHARE,
        ge=0,
        le=1,
        description="CTranslate2 glossary guarantee: share of the output that may be decoded"
        " again to place missing terms; past it they are spliced in where attention points",
    )
    max_chars: int | None = Field(
        DEFAULT_MAX_CHARS, ge=1, description="Chinese summary budget in characters"
    )
    max_sentences: int | None = Field(None, ge=1, description="at most this many summary sentences")

    @classmethod
    def make(cls, **values: Any) -> PipelineOptions:
        """Options from keyword values, None meaning the default; a bad value is one clear line."""
        try:
            return cls(**{k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            raise OptionsError(describe_validation_error(exc)) from None

    def replace(self, **values: Any) -> PipelineOptions:
        """A copy with some options changed (None keeps the current value)."""
        chosen = {name: getattr(self, name) for name in self.model_fields_set}
        return PipelineOptions.make(**{**chosen, **values})

    def model_kwargs(self) -> dict[str, Any]:
        """The keyword arguments the model backends take."""
        return {
            "backend": self.backend,
            "compute_type": self.compute_type,
            "device": self.device,
            "threads": self.threads,
            "batch_size": self.batch_size,
            "num_beams": self.num_beams,
            "max_new_tokens": self.max_new_tokens,
        }

    def translator_kwargs(self) -> dict[str, Any]:
        """The keyword arguments ``load_translator`` takes: the model's, and the guarantee's."""
        return {**self.model_kwargs(), "redecode_share": self.redecode_share}


MODEL_FIELDS = (
    "backend",
    "compute_type",
    "device",
    "threads",
    "batch_size",
    "num_beams",
    "max_new_tokens",
    "redecode_share",
)
SUMMARY_FIELDS = ("max_chars", "max_sentences")
GLOSSARY_FIELDS = ("glossary", "bundled_glossary")


def describe_validation_error(exc: ValidationError) -> str:
    """One line: which option, what is wrong, the value given."""
    parts = []
    for error in exc.errors():
        name = ".".join(str(p) for p in error.get("loc", ()))
        option = "--" + name.removesuffix("_s").replace("_", "-")
        parts.append(f"{option} {error.get('input')!r}: {error.get('msg', 'invalid')}")
    return "invalid option: " + "; ".join(parts)


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return number


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {value}") from None


def add_option_flags(parser: argparse.ArgumentParser, names: tuple[str, ...]) -> None:
    """CLI flags for the named options; unset flags stay None so the one default applies."""
    for name in names:
        field = PipelineOptions.model_fields[name]
        default = field.default
        shown = f" (default {default})" if default not in (None, (), True) else ""
        help_text = f"{field.description}{shown}"
        if name == "glossary":
            parser.add_argument(
                "--glossary", action="append", metavar="PATH", help=help_text + " (repeatable)"
            )
        elif name == "bundled_glossary":
            parser.add_argument(
                "--no-bundled-glossary",
                dest="bundled_glossary",
                action="store_const",
                const=False,
                help="do not load the bundled glossary",
            )
        elif get_origin(field.annotation) is Literal:
            parser.add_argument(
                "--" + name.replace("_", "-"),
                dest=name,
                choices=get_args(field.annotation),
                help=help_text,
            )
        elif field.annotation in (int, int | None):
            flag = "--sentences" if name == "max_sentences" else "--" + name.replace("_", "-")
            parser.add_argument(flag, dest=name, type=_positive_int, metavar="N", help=help_text)
        elif field.annotation is float:
            # pydantic checks the range and says which option is out of it
            parser.add_argument(
                "--" + name.replace("_", "-"), dest=name, type=_number, metavar="X", help=help_text
            )
        else:
            metavar = "DEVICE" if name == "device" else "NAME|PATH"
            parser.add_argument(
                "--" + name.replace("_", "-"), dest=name, metavar=metavar, help=help_text
            )


def options_from_args(args: argparse.Namespace, **overrides: Any) -> PipelineOptions:
    """The options a command line gave (only the flags its command has)."""
    values = {
        name: getattr(args, name) for name in PipelineOptions.model_fields if hasattr(args, name)
    }
    if values.get("glossary") is not None:
        values["glossary"] = tuple(values["glossary"])
    return PipelineOptions.make(**{**values, **overrides})
