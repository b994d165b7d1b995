"""Builders for tiny offline seq2seq models: SentencePiece trained on local text, random weights.

They exercise the real loading and generation code; what they generate is noise.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

ENGLISH_LINES = [
    "Kuaishou reported third-quarter results, and revenue rose 11.4% year on year to RMB 31.1 billion.",
    "Adjusted net profit rose 24.4% to RMB 3.9 billion, and daily active users reached 408 million.",
    "CEO Cheng Yixiao said the company will keep investing in its AI strategy and in Kling AI.",
    "Online marketing services revenue grew 20% and e-commerce GMV rose 15.1% to RMB 334.2 billion.",
    "The company expects its monthly revenue from the video model to exceed RMB 10 million.",
    "Analysts said growth is shifting from users to commercial efficiency.",
]


def _chinese_corpus() -> list[str]:
    lines: list[str] = []
    for path in sorted((REPO / "samples").glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    glossary = (REPO / "glossary" / "zh_en.tsv").read_text(encoding="utf-8").splitlines()[1:]
    lines += [row.split("\t")[0] for row in glossary]
    return lines


def _english_corpus() -> list[str]:
    glossary = (REPO / "glossary" / "zh_en.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return ENGLISH_LINES * 3 + [row.split("\t")[1] for row in glossary]


def _train(lines: list[str], prefix: Path, size: int, **extra) -> Path:
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        **{"model_type": "unigram", **extra},
    )
    return prefix.with_suffix(".model")


# The dimensions of the tiny test model; the benchmark passes opus-mt-zh-en's instead.
TINY_MARIAN = {
    "d_model": 16,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 32,
    "decoder_ffn_dim": 32,
}


def build_marian(
    folder: Path,
    max_positions: int = 96,
    seed: int = 0,
    pad_last: bool = False,
    vocab_size: int | None = None,
    dims: dict | None = None,
    end_bias: float = 0.0,
    source_lines: list[str] | None = None,
    source_size: int = 800,
) -> Path:
    """A MarianMT model with its own source and target SentencePiece models.

    ``pad_last`` lays the vocabulary out as released opus-mt models do (<pad> is the last
    token, which CTranslate2's converter relies on); ``vocab_size`` pads the vocabulary with
    unused pieces up to a real model's size; ``dims`` overrides TINY_MARIAN; ``end_bias`` is
    added to the end token's logit: a large one makes a model that would end every output at once.
    ``source_lines`` (default: the Chinese samples and glossary) train the source SentencePiece
    model, of about ``source_size`` pieces.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f"{folder.name}-spm"
    work.mkdir(exist_ok=True)
    source = _train(source_lines or _chinese_corpus(), work / "source", source_size)
    target = _train(_english_corpus(), work / "target", 300)
    vocab = {"</s>": 0, "<unk>": 1} if pad_last else {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for model_file in (source, target):
        processor = spm.SentencePieceProcessor(model_file=str(model_file))
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    while vocab_size and len(vocab) < vocab_size - 1:
        vocab[f"▁unused{len(vocab)}"] = len(vocab)
    if pad_last:
        vocab["<pad>"] = len(vocab)
    shutil.copy(source, folder / "source.spm")
    shutil.copy(target, folder / "target.spm")
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(folder / "source.spm"),
        target_spm=str(folder / "target.spm"),
        vocab=str(folder / "vocab.json"),
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        **(TINY_MARIAN | (dims or {})),
        max_position_embeddings=max_positions,
        pad_token_id=vocab["<pad>"],
        eos_token_id=0,
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=0,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.final_logits_bias[0, config.eos_token_id] = end_bias
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_mt5(folder: Path, seed: int = 0) -> Path:
    """An mT5 model with a SentencePiece vocabulary, loaded through from_pretrained(folder)."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f"{folder.name}-spm"
    work.mkdir(exist_ok=True)
    model_file = _train(
        _chinese_corpus(), work / "spiece", 800, pad_id=0, eos_id=1, unk_id=2, bos_id=-1
    )
    shutil.copy(model_file, folder / "spiece.model")
    tokenizer = T5Tokenizer.from_pretrained(str(folder), extra_ids=0, legacy=False)
    config = MT5Config(
        vocab_size=len(tokenizer),
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        decoder_start_token_id=0,
        pad_token_id=0,
        eos_token_id=1,
    )
    torch.manual_seed(seed)
    MT5ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _joint_bpe(work: Path) -> Path:
    """One BPE SentencePiece model for Chinese and English, as NLLB and M2M100 share one vocabulary."""
    return _train(_chinese_corpus() + _english_corpus(), work / "joint", 1000, model_type="bpe")


def _m2m100_model(
    folder: Path, tokenizer, seed: int, max_positions: int = 96, end_bias: float = 0.0
) -> None:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    config = M2M100Config(
        # M2M100's language ids come after its vocabulary
        vocab_size=max([len(tokenizer), *getattr(tokenizer, "lang_token_to_id", {}).values()]) + 1,
        **TINY_MARIAN,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config)
    if end_bias:
        # the decoder's output becomes all ones and the end token's row sums to end_bias:
        # the end token is the top choice at every step
        with torch.no_grad():
            model.model.decoder.layer_norm.weight.zero_()
            model.model.decoder.layer_norm.bias.fill_(1.0)
            model.lm_head.weight[config.eos_token_id] = end_bias / config.d_model
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def build_nllb(folder: Path, seed: int = 0, max_positions: int = 96, end_bias: float = 0.0) -> Path:
    """An NLLB-style model: an m2m_100 network with an NllbTokenizer carrying zho_Hans / eng_Latn;
    with ``end_bias``, one that would end every output at once."""
    from transformers import AutoTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f"{folder.name}-spm"
    work.mkdir(exist_ok=True)
    shutil.copy(_joint_bpe(work), folder / "sentencepiece.bpe.model")
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "NllbTokenizer"}), encoding="utf-8"
    )
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    tokenizer.add_tokens(["zho_Hans", "eng_Latn", "fra_Latn"], special_tokens=True)
    _m2m100_model(folder, tokenizer, seed, max_positions, end_bias)
    return folder


def build_m2m100(folder: Path, seed: int = 0) -> Path:
    """An M2M100 model whose tokenizer has the __zh__ / __en__ language tokens."""
    import sentencepiece as spm
    from transformers import AutoTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    work = folder.parent / f"{folder.name}-spm"
    work.mkdir(exist_ok=True)
    model_file = _joint_bpe(work)
    shutil.copy(model_file, folder / "sentencepiece.bpe.model")
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "M2M100Tokenizer"}), encoding="utf-8"
    )
    _m2m100_model(folder, AutoTokenizer.from_pretrained(str(folder)), seed)
    return folder


def build_bart(folder: Path, max_positions: int = 128, seed: int = 0) -> Path:
    """A BART model (learned positions: input past ``max_positions`` fails) with a byte-level BPE."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(
        _chinese_corpus() + _english_corpus(),
        vocab_size=600,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    trainer.save_model(str(folder))
    tokenizer = BartTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"))
    config = BartConfig(
        vocab_size=len(tokenizer),
        **TINY_MARIAN,
        max_position_embeddings=max_positions,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=None,
    )
    torch.manual_seed(seed)
    BartForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
