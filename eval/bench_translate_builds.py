"""CTranslate2 builds and CPU settings at int8 greedy batch 1, against the memory-bandwidth bound.

    python eval/bench_translate_builds.py --pythons /tmp/ct2-*/bin/python \\
        --out eval/results/bench_translate.json

Each ``--pythons`` entry is an interpreter with one CTranslate2 build installed (a throwaway
venv with ``ctranslate2==X`` and numpy); the first is also the one the settings run on. The
models are bench_translate's random-weight Marian at opus-mt-zh-en's dimensions (int8, converted
once with the project's converter) and its twin with an 8,001-token vocabulary: the difference of
their step times is what the 65,001-token output projection costs. A step's CPU time is (time for
``tokens`` + 1 steps − time for 1 step) / ``tokens``, best of three, one sentence at a time,
beam 1; the encoder drops out. Beside it, oneDNN's own verbose log gives the time of the output
projection's int8 product itself (a separate short run, as logging slows the timed one). The
results go into the JSON report of bench_translate (key ``ct2_builds``) and its Markdown is
written again.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SMALL_VOCABULARY = 8_001
PROJECTION_SHAPE = "1x512:512x65000"  # oneDNN's m x k : k x n of the batch-1 output projection

# (label, environment, intra threads, compute type, sentences): run on the first build
SETTINGS = [
    ("defaults", {}, 1, "int8", None),
    ("compute type int8_float32", {}, 1, "int8_float32", None),
    ("intra_threads 2", {}, 2, "int8", None),
    ("intra_threads 2, OMP_WAIT_POLICY=PASSIVE", {"OMP_WAIT_POLICY": "PASSIVE"}, 2, "int8", None),
    ("CT2_FORCE_CPU_ISA=AVX512", {"CT2_FORCE_CPU_ISA": "AVX512"}, 1, "int8", None),
    ("ONEDNN_MAX_CPU_ISA=AVX2", {"ONEDNN_MAX_CPU_ISA": "AVX2"}, 1, "int8", None),
    ("ONEDNN_MAX_CPU_ISA=AVX512_CORE", {"ONEDNN_MAX_CPU_ISA": "AVX512_CORE"}, 1, "int8", None),
    (
        "DNNL_MAX_CPU_ISA=AVX512_CORE_VNNI",
        {"DNNL_MAX_CPU_ISA": "AVX512_CORE_VNNI"},
        1,
        "int8",
        None,
    ),
    ("ONEDNN_CPU_ISA_HINTS=PREFER_YMM", {"ONEDNN_CPU_ISA_HINTS": "PREFER_YMM"}, 1, "int8", None),
    (
        "CT2_USE_EXPERIMENTAL_PACKED_GEMM=1",
        {"CT2_USE_EXPERIMENTAL_PACKED_GEMM": "1"},
        1,
        "int8",
        None,
    ),
    # MKL runs tens of times slower on this CPU: one sentence is enough to see it
    ("CT2_USE_MKL=1", {"CT2_USE_MKL": "1"}, 1, "int8", 1),
    (
        "CT2_USE_MKL=1, MKL_ENABLE_INSTRUCTIONS=AVX2",
        {"CT2_USE_MKL": "1", "MKL_ENABLE_INSTRUCTIONS": "AVX2"},
        1,
        "int8",
        1,
    ),
]


def probe(config: dict) -> dict:
    """Runs inside a build's interpreter (ctranslate2 and the standard library only): the greedy
    batch-1 step time of each model, or the first line of the error that stopped it."""
    import ctranslate2
    from bench_translate import _decode_cpu_seconds  # standard library only at its top

    found = {"version": ctranslate2.__version__}
    steps = config["tokens"]
    for name, folder in config["models"].items():
        sources = config["sources"][name][: config["sentences"]]
        try:
            translator = ctranslate2.Translator(
                folder,
                device="cpu",
                compute_type=config["compute_type"],
                intra_threads=config["threads"],
            )
        except (RuntimeError, ValueError) as exc:
            found["error"] = ". ".join(str(exc).split(". ")[:2]).rstrip(".") + "."
            return found
        translator.translate_batch(sources[:2], max_decoding_length=4, beam_size=1)
        longer = _decode_cpu_seconds(translator, sources, steps + 1)
        one = _decode_cpu_seconds(translator, sources, 1)
        found[name] = {
            "step_ms": round((longer - one) / steps / len(sources) * 1e3, 3),
            # as bench_translate counts: output tokens over the decode's CPU time, encoder included
            "tokens_per_cpu_s": round(len(sources) * steps / longer, 1),
        }
    return found


def kernel_log(config: dict) -> None:
    """Runs inside a build's interpreter with ONEDNN_VERBOSE=1: a short decode whose log lines
    the parent reads."""
    import ctranslate2

    translator = ctranslate2.Translator(
        config["models"]["full"],
        device="cpu",
        compute_type=config["compute_type"],
        intra_threads=config["threads"],
    )
    sources = config["sources"]["full"][:2]
    translator.translate_batch(
        sources, max_batch_size=1, beam_size=1, max_decoding_length=8, min_decoding_length=8
    )


def _run(python: str, mode: str, config: dict, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, __file__, mode, json.dumps(config)],
        capture_output=True,
        text=True,
        env=os.environ | env,
        check=False,
    )


def projection_kernel(python: str, config: dict, env: dict) -> dict:
    """oneDNN's version and its median milliseconds for the output projection's int8 product
    (none where the product does not go to oneDNN, as under MKL)."""
    done = _run(python, "--kernel-log", config, env | {"ONEDNN_VERBOSE": "1"})
    version, times = None, []
    for line in done.stdout.splitlines():
        fields = line.split(",")
        if "info,oneDNN v" in line:
            version = line.split("oneDNN ", 1)[1].split(" ")[0]
        elif len(fields) > 3 and fields[1] == "exec" and fields[-2] == PROJECTION_SHAPE:
            times.append(float(fields[-1]))
    return {
        "onednn": version,
        "projection_kernel_ms": round(statistics.median(times), 3) if times else None,
    }


def measure_one(python: str, label: str, config: dict, env: dict) -> dict:
    done = _run(python, "--probe", config, env)
    try:
        found = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        found = {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    if "error" not in found:
        found |= projection_kernel(python, config, env)
    found |= {"label": label, "python": python, "threads": config["threads"]}
    found |= {"compute_type": config["compute_type"], "env": env}
    found["sentences"] = config["sentences"]
    found["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(found), file=sys.stderr, flush=True)
    return found


def best_of(results: list[dict]) -> dict:
    """Each configuration once, with its lowest step times over the repetitions."""
    merged: dict[tuple, dict] = {}
    for result in results:
        key = (result["label"], result["python"])
        if key not in merged:
            merged[key] = result
            continue
        kept = merged[key]
        for model in ("full", "small"):
            if model in result and result[model]["step_ms"] < kept[model]["step_ms"]:
                kept[model] = result[model]
        kept["load_average"] = max(kept["load_average"], result["load_average"])
    return list(merged.values())


def measure(args: argparse.Namespace) -> dict:
    sys.path[:0] = [str(REPO / "tests"), str(REPO / "eval")]
    import bench_translate as bench

    shared = Path(args.shared)
    work = Path(args.work or tempfile.mkdtemp(prefix="bench-translate-builds-"))
    models, sources = {}, {}
    sentences = bench.seed_sentences(args.sentences, shared)
    for name, vocabulary in (("full", bench.VOCABULARY), ("small", SMALL_VOCABULARY)):
        folder = bench.build_models(
            work, shared, bench.OPUS_MT_ZH_EN, vocabulary, f"marian-v{vocabulary}", ("int8",)
        )["ct2/int8"]
        tokenizer = bench._tokenizer(folder)
        models[name] = str(folder)
        sources[name] = [tokenizer.convert_ids_to_tokens(tokenizer(s).input_ids) for s in sentences]
    base = {"models": models, "sources": sources, "tokens": args.tokens}
    load_before = os.getloadavg()[0]
    results = []
    for _ in range(args.repeat):
        for python in args.pythons:
            config = base | {"threads": 1, "compute_type": "int8", "sentences": args.sentences}
            results.append(measure_one(python, "build", config, {}))
        for label, env, threads, compute_type, count in SETTINGS[1:]:
            config = base | {"threads": threads, "compute_type": compute_type}
            config["sentences"] = count or args.sentences
            results.append(measure_one(args.pythons[0], label, config, env))
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "tokens_per_sentence": args.tokens,
        "repeat": args.repeat,
        "results": best_of(results),
    }


def _bound(report: dict) -> float:
    """bench_translate's bound: tokens/s if every weight byte of a step were read once at the
    measured copy bandwidth."""
    return report["memory_bandwidth_gbs"] * 1e9 / report["int8_bytes_per_token"]


def _row(result: dict, bound: float, first: str) -> str:
    if "error" in result:
        return f"| {first} | – | – | – | – | – | – | {result['error']} |"
    full, small = result["full"], result["small"]
    # the projection's share of a step: the step-time difference, scaled to all its rows
    projection = (full["step_ms"] - small["step_ms"]) * 65_001 / (65_001 - SMALL_VOCABULARY)
    kernel = result.get("projection_kernel_ms")
    return (
        f"| {first} | {result.get('onednn') or '–'} | {full['step_ms']:.2f} | "
        f"{small['step_ms']:.2f} | {projection:.2f} | "
        f"{'–' if kernel is None else f'{kernel:.2f}'} | {full['tokens_per_cpu_s']:.1f} | "
        f"{bound / full['tokens_per_cpu_s']:.2f}× |"
    )


def builds_notes(report: dict) -> list[str]:
    """The Markdown table of the builds and settings tried, for bench_translate's report."""
    found = report.get("ct2_builds")
    if not found:
        return []
    bound = _bound(report)
    results = found["results"]
    builds = [r for r in results if r["label"] == "build"]
    settings = [r for r in results if r["label"] != "build"]
    head = (
        "| {} | oneDNN | step ms | step ms, 8,001 vocab | projection ms | oneDNN kernel ms | "
        "tokens/CPU-s | × below bound |"
    )
    rule = "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    lines = [
        "",
        f"### CTranslate2 builds and settings at int8 greedy batch 1 ({found['date']})",
        "",
        f"Random-weight Marian at opus-mt-zh-en's dimensions, int8, beam 1, batch 1, one "
        f"thread unless said, {builds[0]['sentences'] if builds else '?'} sentences × "
        f"{found['tokens_per_sentence']} steps, the best of {found['repeat']} pass(es) (load "
        f"average {found['load_average_before_after'][0]} before, "
        f"{found['load_average_before_after'][1]} after). Step ms: CPU time of one decoding "
        "step; the 8,001-token twin has the same layers, so the difference, scaled to 65,001 "
        "rows, is the output projection's cost; with two threads the CPU time of both; oneDNN "
        "kernel ms: the median time oneDNN's verbose log gives for that projection's int8 "
        "product (1×512 by 512×65,000) in a short separate run, wall time, so it swings with "
        "the machine's load; × below bound: the "
        f"bound above ({bound:.0f} tokens/s) over tokens/CPU-s (within 2× is the goal).",
        "",
        head.format("build"),
        rule,
        *[_row(r, bound, r["version"] if "version" in r else r["python"]) for r in builds],
        "",
        head.format(f"setting (CTranslate2 {builds[0].get('version', '?') if builds else '?'})"),
        rule,
        *[_row(r, bound, r["label"]) for r in settings],
    ]
    ran = [r for r in results if "full" in r]
    if ran:
        closest = min(ran, key=lambda r: bound / r["full"]["tokens_per_cpu_s"])
        share = bound / closest["full"]["tokens_per_cpu_s"]
        name = closest["version"] if closest["label"] == "build" else closest["label"]
        lines += [
            "",
            f"Closest to the bound: {name}, {share:.2f}× below it — "
            + ("within 2×." if share <= 2 else "no build or setting comes within 2×."),
        ]
    return lines


def main(argv: list[str] | None = None) -> None:
    if len(sys.argv) == 3 and sys.argv[1] in ("--probe", "--kernel-log"):
        config = json.loads(sys.argv[2])
        if sys.argv[1] == "--probe":
            print(json.dumps(probe(config)))
        else:
            kernel_log(config)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pythons", nargs="+", required=True, help="one per CTranslate2 build")
    parser.add_argument("--sentences", type=int, default=12)
    parser.add_argument("--tokens", type=int, default=32, help="decoding steps per sentence")
    parser.add_argument("--repeat", type=int, default=2, help="passes over every configuration")
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--work", help="folder for the built models (kept; default: a new temp)")
    parser.add_argument("--out", required=True, help="bench_translate's JSON report to extend")
    args = parser.parse_args(argv)
    found = measure(args)
    out = Path(args.out)
    report = json.loads(out.read_text(encoding="utf-8"))
    report["ct2_builds"] = found
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.path[:0] = [str(REPO / "tests"), str(REPO / "eval")]
    import bench_translate as bench

    out.with_suffix(".md").write_text(bench.markdown(report), encoding="utf-8")


if __name__ == "__main__":
    main()
