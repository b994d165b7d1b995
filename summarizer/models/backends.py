"""Which engine decodes a model: transformers (fp32) or CTranslate2, and building either.

``auto`` takes CTranslate2 where a converted model is present: the name is a converted
folder, a preset with ``backend = "ct2"``, or a model whose conversion sits where
``summarizer models convert`` puts it by default; otherwise transformers.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.models.ct2 import (
    DEFAULT_COMPUTE_TYPE,
    check_ct2_folder,
    import_ctranslate2,
    is_ct2_folder,
)
from summarizer.models.registry import (
    ModelLoadError,
    ModelNotFoundError,
    presets,
    resolve_model,
)
from summarizer.options import BACKENDS, DEFAULT_REDECODE_SHARE

DEFAULT_BACKEND = "auto"


def _converted_folder(name: str) -> Path | None:
    """The CTranslate2 folder standing for ``name``, if there is one."""
    preset = presets().get(name)
    if preset is not None and preset.backend == "ct2":
        return resolve_model(name).path  # the message says how to convert when it is missing
    local = Path(name).expanduser()
    if is_ct2_folder(local):
        return local
    from summarizer.models.convert import default_output

    try:
        resolved = resolve_model(name)
    except ModelNotFoundError:
        return None
    folder = default_output(resolved)
    return folder if is_ct2_folder(folder) else None


def _ct2_available() -> bool:
    try:
        import_ctranslate2()
    except ModelNotFoundError:
        return False
    return True


def select_backend(name: str, backend: str = DEFAULT_BACKEND) -> tuple[str, str]:
    """(engine, model) for a model name and a backend choice; one clear line when impossible."""
    if backend not in BACKENDS:
        raise ModelLoadError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "transformers":
        if is_ct2_folder(Path(name).expanduser()):
            raise ModelLoadError(
                f"{name}: a CTranslate2 model; use --backend ct2 (or auto) to run it"
            )
        return "transformers", name
    folder = _converted_folder(name)
    if backend == "ct2":
        import_ctranslate2()
        if folder is None and Path(name).expanduser().is_dir():
            check_ct2_folder(Path(name).expanduser())  # says what the folder lacks
        if folder is None:
            raise ModelNotFoundError(
                f"{name}: no CTranslate2 conversion found; make one with: "
                f"summarizer models convert {name} --to ct2"
            )
        return "ct2", str(folder)
    if folder is not None and (_ct2_available() or is_ct2_folder(Path(name).expanduser())):
        return "ct2", str(folder)  # a converted folder named directly needs the extra
    return "transformers", name


def load_model(
    name: str,
    task: str,
    backend: str = DEFAULT_BACKEND,
    compute_type: str = DEFAULT_COMPUTE_TYPE,
    **options,
):
    """A Seq2SeqTranslator or Seq2SeqSummarizer (``task``) on the engine ``backend`` selects."""
    engine, model = select_backend(name, backend)
    if engine == "ct2":
        from summarizer.models.ct2 import Ct2Summarizer, Ct2Translator

        cls = Ct2Translator if task == "translation" else Ct2Summarizer
        return cls(model, compute_type=compute_type, **options)
    from summarizer.models.seq2seq import Seq2SeqSummarizer, Seq2SeqTranslator

    cls = Seq2SeqTranslator if task == "translation" else Seq2SeqSummarizer
    return cls(model, **options)


def load_translator(
    name: str,
    glossary,
    constrained: bool = True,
    redecode_share: float = DEFAULT_REDECODE_SHARE,
    **options,
):
    """A glossary-enforcing translator on the selected engine (options: load_model's;
    ``redecode_share``: the CTranslate2 guarantee's budget for decoding rows again)."""
    from summarizer.models.constrained import GlossaryTranslator

    inner = load_model(name, "translation", **options)
    from summarizer.models.ct2 import Ct2Engine

    if isinstance(inner, Ct2Engine):
        from summarizer.models.ct2_glossary import Ct2GlossaryTranslator

        return Ct2GlossaryTranslator(
            inner, glossary, constrained=constrained, redecode_share=redecode_share
        )
    return GlossaryTranslator(inner, glossary, constrained=constrained)
