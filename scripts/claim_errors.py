#!/usr/bin/env python3
"""Missed and spurious claims per document, for error analysis against gold claims.

usage: python scripts/claim_errors.py GOLD_DIR CLAIMS_FILE [--doc=NAME ...] [--missed|--spurious]

Uses the matching rules of GOLD_DIR/../score_claims.py (imported from there, not copied), so
what it lists is exactly what that scorer counts as a miss or a false positive.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def load_scorer(gold_dir: Path):
    path = gold_dir.parent / "score_claims.py"
    spec = importlib.util.spec_from_file_location("score_claims", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def errors(gold_dir: Path, pred_file: Path, only: set[str]):
    sc = load_scorer(gold_dir)
    import json

    preds: dict[str, list[dict]] = {}
    for row in sc.load_pred(pred_file):
        preds.setdefault(Path(sc.norm(row.get("doc_id"))).name, []).append(row)
    for gfile in sorted(gold_dir.glob("*.claims.jsonl")):
        name = gfile.name[: -len(".claims.jsonl")]
        if only and name not in only:
            continue
        doc = name + ".txt"
        raw = (gold_dir / doc).read_text(encoding="utf-8")
        base = sc.body_start(raw)
        golds = [json.loads(line) for line in gfile.read_text().splitlines() if line.strip()]
        doc_preds = preds.get(doc, [])
        pairs = []
        for gi, g in enumerate(golds):
            span = sc.find_evidence(raw, g["evidence"])
            for pi, p in enumerate(doc_preds):
                if span and sc.speaker_matches(g, p):
                    c = sc.covers(span, sc.words(g["evidence"]), p, base)
                    if c:
                        pairs.append((c + sc.token_f1(p.get("claim"), g["evidence"]), gi, pi))
        used_g, used_p = set(), set()
        for _, gi, pi in sorted(pairs, reverse=True):
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
        missed = [golds[i] for i in range(len(golds)) if i not in used_g]
        spurious = [doc_preds[i] for i in range(len(doc_preds)) if i not in used_p]
        yield doc, missed, spurious


def main(argv: list[str]) -> None:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit(__doc__)
    only = {a.split("=", 1)[1].removesuffix(".txt") for a in argv if a.startswith("--doc=")}
    show_missed = "--spurious" not in argv
    show_spurious = "--missed" not in argv
    for doc, missed, spurious in errors(Path(args[0]), Path(args[1]), only):
        if not (missed and show_missed or spurious and show_spurious):
            continue
        print(f"== {doc}: {len(missed)} missed, {len(spurious)} spurious")
        if show_missed:
            for g in missed:
                print(f"  MISS {g['speaker']:<18} {g['cue']:<12} {g['claim_type']:<8} {g['evidence'][:90]}")
        if show_spurious:
            for p in spurious:
                print(f"  FP   {p.get('speaker_name', ''):<18} {p.get('cue', ''):<12} {p.get('claim_type', ''):<8} "
                      f"{(p.get('claim') or '')[:90]}")


if __name__ == "__main__":
    main(sys.argv[1:])
