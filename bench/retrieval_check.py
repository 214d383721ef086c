"""Section recall@3 and MRR of retrieval on eval/qa.jsonl, per mode, English and Spanish apart.

A hit is relevant when its chunk's section is among the row's gold `sections`; an endnote
chunk counts only if the row's gold sections include `endnotes` and (when the row names
endnotes) its note is one of them. Indexes are built into a temporary folder (the embedding
cache is shared with the live one, so repeated runs are fast) and never touch index/.

    python bench/retrieval_check.py --split dev
    python bench/retrieval_check.py --split dev --chunk-tokens 256 --fusion weighted
    python bench/retrieval_check.py --split dev --sweep     # the tuning grid, hybrid only
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.chunking import Chunk  # noqa: E402
from qa.retrieve import Retriever  # noqa: E402
from qa.settings import IndexSettings, Settings  # noqa: E402
from qa.store import ensure_index  # noqa: E402

DEPTH = 20


def relevant(chunk: Chunk, row: dict[str, Any]) -> bool:
    """Whether a retrieved chunk supports the row (see the module docstring)."""
    if chunk.section_id not in row["sections"]:
        return False
    if chunk.kind == "endnote" and row["endnotes"]:
        return bool(set(chunk.endnotes) & set(row["endnotes"]))
    return True


def first_rank(retriever: Retriever, row: dict[str, Any], mode: str) -> int | None:
    hits = retriever.search(row["question"], k=DEPTH, mode=mode)  # type: ignore[arg-type]
    return next((h.rank for h in hits if relevant(h.chunk, row)), None)


def metrics(ranks: list[int | None]) -> tuple[float, float]:
    if not ranks:
        return float("nan"), float("nan")
    recall = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
    mrr = statistics.fmean(1.0 / r if r else 0.0 for r in ranks)
    return recall, mrr


def retriever_for(base: Settings, index: IndexSettings) -> Retriever:
    settings = base.model_copy(update={"index": index})
    ensure_index(settings)
    return Retriever.load(settings)


def score(retriever: Retriever, rows: list[dict[str, Any]], mode: str = "hybrid") -> str:
    """'R@3 MRR' for English, Spanish and all rows, as one line of numbers."""
    ranks = {r["id"]: first_rank(retriever, r, mode) for r in rows}
    parts = []
    for lang in ("en", "es", None):
        subset = [ranks[r["id"]] for r in rows if lang is None or r["lang"] == lang]
        recall, mrr = metrics(subset)
        parts.append(f"{recall:.3f} {mrr:.3f}")
    return "   ".join(parts)


def sweep(base: Settings, start: IndexSettings, rows: list[dict[str, Any]]) -> None:
    """Vary one group of settings at a time around `start` and print hybrid scores."""
    print("setting                                    en R@3 MRR    es R@3 MRR    all R@3 MRR")
    for tokens, overlap in itertools.product((128, 200, 256, 320), (0, 40)):
        index = start.model_copy(update={"chunk_tokens": tokens, "chunk_overlap": overlap})
        retriever = retriever_for(base, index)
        print(f"chunk_tokens={tokens} overlap={overlap}".ljust(42), score(retriever, rows))
    retriever = retriever_for(base, start)
    grid: list[dict[str, Any]] = [
        {"sentence_max": False},
        *({"fusion": "rrf", "rrf_k": k} for k in (10, 30, 60, 100)),
        *({"bm25_weight": w} for w in (0.25, 0.5, 0.75, 1.5)),
        *({"fusion": "weighted", "bm25_weight": w} for w in (0.1, 0.25, 0.5, 1.0)),
        *({"bm25_weight_es": w} for w in (0.0, 0.1, 0.25, 0.5, 1.0)),
        *({"endnote_weight": w} for w in (0.0, 0.25, 0.5, 0.75, 1.0)),
    ]
    for change in grid:
        retriever.settings = start.model_copy(update=change)
        label = " ".join(f"{k}={v}" for k, v in change.items())
        print(label.ljust(42), score(retriever, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--chunk-tokens", type=int, default=None)
    parser.add_argument("--chunk-overlap", type=int, default=None)
    parser.add_argument("--fusion", choices=["rrf", "weighted"], default=None)
    parser.add_argument("--rrf-k", type=int, default=None)
    parser.add_argument("--bm25-weight", type=float, default=None)
    parser.add_argument("--bm25-weight-es", type=float, default=None)
    parser.add_argument("--endnote-weight", type=float, default=None)
    parser.add_argument("--no-minilm", action="store_true", help="Skip the MiniLM back-end.")
    parser.add_argument("--sweep", action="store_true", help="Run the tuning grid (hybrid, e5).")
    parser.add_argument("--misses", action="store_true", help="Print hybrid misses at 3.")
    parser.add_argument("--eval", type=Path, default=ROOT / "eval" / "qa.jsonl")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.eval.read_text(encoding="utf-8").splitlines() if line]
    rows = [
        r for r in rows if r["answerable"] and (args.split == "all" or r["split"] == args.split)
    ]
    overrides = {
        "chunk_tokens": args.chunk_tokens,
        "chunk_overlap": args.chunk_overlap,
        "fusion": args.fusion,
        "rrf_k": args.rrf_k,
        "bm25_weight": args.bm25_weight,
        "bm25_weight_es": args.bm25_weight_es,
        "endnote_weight": args.endnote_weight,
    }
    # QA_INDEX__* environment variables apply too; command-line options win.
    base_index = IndexSettings.model_validate(
        {**Settings().index.model_dump(), **{k: v for k, v in overrides.items() if v is not None}}
    )
    with tempfile.TemporaryDirectory(prefix="qa-retrieval-") as tmp:
        base = Settings(index_dir=Path(tmp) / "index")
        if args.sweep:
            sweep(base, base_index, rows)
            return
        began = time.perf_counter()
        e5 = retriever_for(base, base_index)
        backends = {"e5": e5}
        if not args.no_minilm:
            backends["minilm"] = retriever_for(
                base, base_index.model_copy(update={"embedder": "minilm"})
            )
        built = time.perf_counter() - began
        runs = [("bm25", e5, "bm25"), ("e5", e5, "dense"), ("hybrid", e5, "hybrid")]
        if "minilm" in backends:
            runs += [("minilm", backends["minilm"], "dense")]
            runs += [("hybrid-minilm", backends["minilm"], "hybrid")]
        settings_line = base_index.model_dump(exclude={"st_model_path", "tokenizer"})
        print(f"split={args.split} rows={len(rows)} settings={settings_line} (built {built:.0f} s)")
        print(f"{'mode':<14} {'en R@3':>7} {'en MRR':>7} {'es R@3':>7} {'es MRR':>7} "
              f"{'all R@3':>8} {'all MRR':>8}")  # fmt: skip
        for name, retriever, mode in runs:
            ranks = {r["id"]: first_rank(retriever, r, mode) for r in rows}
            line = [name.ljust(14)]
            for lang in ("en", "es", None):
                subset = [ranks[r["id"]] for r in rows if lang is None or r["lang"] == lang]
                recall, mrr = metrics(subset)
                width = 8 if lang is None else 7
                line.append(f"{recall:>{width}.3f} {mrr:>{width}.3f}")
            print(" ".join(line))
            if args.misses and name == "hybrid":
                for r in rows:
                    rank = ranks[r["id"]]
                    if rank is None or rank > 3:
                        top = retriever.search(r["question"], k=3)
                        got = ", ".join(f"{h.chunk.chunk_id.split('/', 1)[1]}" for h in top)
                        print(f"   miss {r['id']} ({r['type']}, rank {rank}) {r['question']}")
                        print(f"        gold {r['sections']} {r['endnotes']} got {got}")


if __name__ == "__main__":
    main()
