"""Cost of the glossary guarantee: the constraint processor per decoding step, against output length.

Three measurements:
1. the processor alone, on made-up scores (a 1,000-token vocabulary, 16 rows,
   greedy and 4 beams, 6 owed terms per row): microseconds per step over the
   first and the last quarter of outputs 64 to 1,024 tokens long. Flat means
   the whole output costs time linear in its length;
2. a tiny random-weight Marian model (tests/builders.py, one torch thread):
   milliseconds per generated token with and without the constraint processor;
3. a model that would end at once given the 13-character source
   阿里云的收入增长了26%，阿里表示…: what the guarantee writes.

    python eval/bench_constrained.py --out eval/results/bench_constrained.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
sys.path.insert(0, str(ROOT / "tests"))

from report import publish  # noqa: E402

from summarizer.evaluate import machine_description  # noqa: E402
from summarizer.glossary import Glossary, Term  # noqa: E402
from summarizer.models.term_decoding import TermConstraintProcessor, TokenTerm  # noqa: E402

VOCAB = 1000
ROWS = 16
LENGTHS = (64, 128, 256, 512, 1024)
ALIBABA = Glossary([Term("阿里", "Alibaba", "company"), Term("阿里云", "Alibaba Cloud", "company")])
SOURCE = "阿里云的收入增长了26%，阿里表示…"


def processor_per_step(length: int, beams: int) -> tuple[float, float]:
    """Microseconds per step of the processor over the first and the last quarter of the output."""
    import torch

    generator = torch.Generator().manual_seed(0)
    terms = [
        TokenTerm(
            tuple(range(10 + 7 * t, 14 + 7 * t)), tuple(range(length // 8, length, length // 3))
        )
        for t in range(6)
    ]
    processor = TermConstraintProcessor(
        [terms] * ROWS, num_beams=beams, eos_token_id=0, max_length=length + 1
    )
    rows = ROWS * beams
    ids = torch.full((rows, 1), 2)
    times = []
    for _ in range(length):
        scores = torch.rand((rows, VOCAB), generator=generator)
        started = time.perf_counter()
        scores = processor(ids, scores)
        times.append(time.perf_counter() - started)
        # beams keep their own rows here; parents are still looked up every step
        ids = torch.cat([ids, scores.argmax(-1, keepdim=True)], dim=1)
    quarter = max(1, length // 4)
    # medians: the machine is shared, and a mean takes in every pause of another job
    return statistics.median(times[:quarter]) * 1e6, statistics.median(times[-quarter:]) * 1e6


def model_per_token(folder: Path, constrained: bool, beams: int) -> float:
    """Milliseconds per output token on the tiny model, every chunk of a sample article run to
    64 tokens (the end is held off), with and without the constraint processor; best of 3."""
    from summarizer.glossary import load_glossaries
    from summarizer.models.constrained import GlossaryTranslator
    from summarizer.models.seq2seq import Seq2SeqTranslator, _bind

    inner = Seq2SeqTranslator(str(folder), num_beams=beams, threads=1)
    translator = GlossaryTranslator(inner, load_glossaries())
    text = (ROOT / "samples" / "kuaishou_q3_results.txt").read_text(encoding="utf-8")[:600]
    chunks = translator.plan(text).chunks
    hinted = [c.hinted for c in chunks]
    factory = _bind(translator._processors(chunks), list(range(len(chunks))))
    fixed = {"max_new_tokens": 64, "min_new_tokens": 64}
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        inner._generate_batch(hinted, fixed, factory if constrained else None)
        best = min(best, time.perf_counter() - started)
    return best / (64 * len(chunks)) * 1e3


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown CPU"
    return next(
        (
            line.split(":", 1)[1].strip()
            for line in out.splitlines()
            if line.startswith("Model name")
        ),
        "unknown CPU",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(1)
    from builders import build_marian

    from summarizer.models.constrained import GlossaryTranslator
    from summarizer.models.seq2seq import Seq2SeqTranslator

    steps = []
    for beams in (1, 4):
        for length in LENGTHS:
            first, last = processor_per_step(length, beams)
            steps.append(
                {"beams": beams, "length": length, "first_us": round(first), "last_us": round(last)}
            )
            print(
                f"processor, {beams} beam(s), {length} steps: {first:.0f} → {last:.0f} µs",
                file=sys.stderr,
            )
    with tempfile.TemporaryDirectory() as work:
        model = build_marian(Path(work) / "marian")
        ending = build_marian(Path(work) / "ending", end_bias=50.0)
        generation = []
        for beams in (1, 4):
            for constrained in (False, True):
                ms = model_per_token(model, constrained, beams)
                generation.append(
                    {"beams": beams, "constrained": constrained, "ms_per_token": round(ms, 3)}
                )
        inner = Seq2SeqTranslator(str(ending), max_new_tokens=256, threads=1)
        (plain,) = inner.translate([SOURCE])
        (guaranteed,) = GlossaryTranslator(inner, ALIBABA).translate([SOURCE])
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
        "machine": f"{cpu_model()}; {machine_description()}",
        "processor": steps,
        "generation": generation,
        "ending_model": {"source": SOURCE, "plain": plain.text, "constrained": guaranteed.text},
    }
    lines = [
        f"# Cost of the glossary guarantee ({report['date']})",
        "",
        f"Machine: {report['machine']} (shared with other jobs); one torch thread.",
        "",
        f"## The processor alone ({ROWS} rows, {VOCAB}-token vocabulary, 6 owed terms per row)",
        "",
        "Median microseconds per decoding step over the first and the last quarter of the output: "
        "flat means time linear in the output's length.",
        "",
        "| beams | output tokens | first quarter µs/step | last quarter µs/step |",
        "| ---: | ---: | ---: | ---: |",
    ]
    lines += [f"| {r['beams']} | {r['length']} | {r['first_us']} | {r['last_us']} |" for r in steps]
    lines += [
        "",
        "## Generation on a tiny random-weight Marian model",
        "",
        "The chunks of 600 characters of a sample article, each generated to 64 tokens in one "
        "batch, best of 3. The model is tiny, so the processor's share is far larger here than "
        "with a real one.",
        "",
        "| beams | constrained | ms per output token |",
        "| ---: | :---: | ---: |",
    ]
    lines += [
        f"| {r['beams']} | {'yes' if r['constrained'] else 'no'} | {r['ms_per_token']} |"
        for r in generation
    ]
    lines += [
        "",
        "## A model that would end at once",
        "",
        f"Source {SOURCE!r} ({len(SOURCE)} characters), glossary 阿里 → Alibaba, 阿里云 → Alibaba Cloud.",
        f"Unconstrained output: {plain.text!r}. Constrained output: {guaranteed.text!r} "
        f"({len(guaranteed.text)} characters: the terms where the model ends, no filler).",
    ]
    publish(report, "\n".join(lines) + "\n", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
