"""Wall time of `qa index` from nothing, with a cold and with a warm embedding cache.

Each run is a fresh `qa index` process (imports included), pointed by QA_* variables at a
temporary index and cache folder, so the live index/ is never touched. Targets on the 2-core
machine: cold <= 60 s, warm <= 5 s. Also times loading the finished index in-process.

    python bench/index_build.py                 # e5
    python bench/index_build.py --embedder minilm
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.settings import Settings  # noqa: E402


def run_index(env: dict[str, str]) -> tuple[float, str]:
    """Seconds one `qa index` process took, and its last line on stderr."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from qa.cli import main; main()", "index"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"qa index failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["e5", "minilm"], default="e5")
    args = parser.parse_args()

    corpus = Settings().corpus_dir
    with tempfile.TemporaryDirectory(prefix="qa-bench-index-") as tmp:
        index_dir, cache_dir = Path(tmp) / "index", Path(tmp) / "cache"
        env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
        env.update(
            QA_CORPUS_DIR=str(corpus),
            QA_INDEX_DIR=str(index_dir),
            QA_CACHE_DIR=str(cache_dir),
            QA_INDEX__EMBEDDER=args.embedder,
            PYTHONPATH=str(ROOT),
        )
        cold, cold_line = run_index(env)
        shutil.rmtree(index_dir)  # from nothing again, but the cache stays
        warm, warm_line = run_index(env)

        from qa import store
        from qa.embeddings import get_embedder

        settings = Settings(corpus_dir=corpus, index_dir=index_dir, cache_dir=cache_dir)
        settings = settings.model_copy(
            update={"index": settings.index.model_copy(update={"embedder": args.embedder})}
        )
        model = get_embedder(settings.index).name
        store.load_index(settings, model)  # first load pays for imports (faiss, bm25s)
        began = time.perf_counter()
        store.load_index(settings, model)
        load = time.perf_counter() - began

    print(f"corpus: {corpus}  embedder: {args.embedder}  cpus: {os.cpu_count()}")
    print(f"cold cache  {cold:6.1f} s  (target <= 60 s)  {cold_line}")
    print(f"warm cache  {warm:6.1f} s  (target <=  5 s)  {warm_line}")
    print(f"index load  {load:6.3f} s  (verified: sha256 of every file, manifest vs corpus)")


if __name__ == "__main__":
    main()
