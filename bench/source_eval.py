"""The source eval slice: a brief whose endnotes link fixture documents, fetched, indexed, asked.

    python bench/source_eval.py [--keep DIR] [--json]

Serves tests/fixtures/sources/ on 127.0.0.1 (an article with boilerplate, a four-page PDF, a
press statement, a 404), writes the fixture brief with links to that server into a fresh
corpus, then runs the product's own commands: `qa sources fetch`, `qa sources add` (the
interview notes, which have no link), `qa index`, and `qa eval` on
tests/fixtures/sources/eval.jsonl with tests/fixtures/sources/thresholds.json. Exits with the
eval gate's status. Nothing but 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sources"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def fixture_server() -> Iterator[str]:
    """Serve the fixture folder on a free loopback port; yields the base URL."""
    handler = partial(_Quiet, directory=str(FIXTURES))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def prepare(folder: Path, base: str) -> dict[str, str]:
    """Write the fixture corpus into `folder`; the QA_* environment that points at it."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    template = (FIXTURES / "brief.md.tmpl").read_text(encoding="utf-8")
    (corpus / "brief.md").write_text(template.replace("{base}", base), encoding="utf-8")
    return {
        **os.environ,
        "QA_CORPUS_DIR": str(corpus),
        "QA_INDEX_DIR": str(folder / "index"),
        "QA_CACHE_DIR": str(folder / "index" / "cache"),
        "QA_SOURCES__ALLOW_LOOPBACK": "true",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }


def run(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `qa ARGS` with the fixture environment, echoing what it prints."""
    command = [sys.executable, "-m", "qa", *args]
    print("$ qa " + " ".join(args), flush=True)
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    print(done.stdout + done.stderr, end="", flush=True)
    if check and done.returncode != 0:
        raise SystemExit(f"`qa {' '.join(args)}` exited {done.returncode}")
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Build in this folder and keep it.")
    parser.add_argument("--json", action="store_true", help="Print the eval summary as JSON.")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="qa-source-eval-"))
    if options.keep and folder.exists():
        shutil.rmtree(folder)
    try:
        with fixture_server() as base:
            env = prepare(folder, base)
            # Note 6 links a missing file: fetch reports it and exits 0 (failures are per note).
            run(env, "sources", "fetch")
        run(env, "sources", "add", str(FIXTURES / "notes.md"), "--note", "4")
        run(env, "sources", "list")
        run(env, "index")
        evaluation = [
            "eval",
            "--eval-file",
            str(FIXTURES / "eval.jsonl"),
            "--fail-under",
            str(FIXTURES / "thresholds.json"),
            "--no-charts",
            "--reports-dir",
            str(folder / "reports"),
        ]
        done = run(env, *evaluation, *(["--json"] if options.json else []), check=False)
        return done.returncode
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
