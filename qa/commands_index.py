"""The `qa index` and `qa search` commands (click), wired into the main CLI by qa/cli.py.

Errors the user can act on (QAError) print `error: <message>` on stderr and exit 1, or 2 for
a bad query or bad settings; never a traceback. `qa search` rebuilds a missing or stale
index first and says why on stderr, so a deleted or damaged file is repaired, not fatal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from qa.cli_errors import user_errors
from qa.settings import Settings


def _settings(embedder: str | None) -> Settings:
    settings = Settings()
    if embedder is not None:
        settings = settings.model_copy(
            update={"index": settings.index.model_copy(update={"embedder": embedder})}
        )
    return settings


@contextmanager
def _progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback drawing one click progress bar per build stage, on stderr."""
    bars: dict[str, Any] = {}
    done: dict[str, int] = {}

    def update(stage: str, count: int, total: int) -> None:
        if stage not in bars:
            for bar in bars.values():
                bar.render_finish()
            bars[stage] = click.progressbar(
                length=total, label=f"embedding {stage:<9}", file=sys.stderr, show_pos=True
            )
            bars[stage].__enter__()
            done[stage] = 0
        bars[stage].update(count - done[stage])
        done[stage] = count

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)


_EMBEDDER = click.option(
    "--embedder",
    type=click.Choice(["e5", "minilm", "st"]),
    default=None,
    help="Embedding back-end (default: QA_INDEX__EMBEDDER, else e5).",
)


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild even if the index is up to date.")
@_EMBEDDER
def index_cmd(rebuild: bool, embedder: str | None) -> None:
    """Build the search index of the corpus (only if missing or stale, unless --rebuild)."""
    from qa import store

    with user_errors(query_code=2, setting_code=2):
        settings = _settings(embedder)
        found = [] if rebuild else store.problems(settings)
        if not rebuild and not found:
            click.echo(f"index is up to date: {store.live_path(settings)}", err=True)
            return
        for reason in found:
            click.echo(f"rebuilding: {reason}", err=True)
        with _progress_bar() as progress:
            report = store.build_index(
                settings, progress=progress, warn=lambda m: click.echo(m, err=True)
            )
        click.echo(
            f"indexed {report.chunks} chunks and {report.sentences} sentences in "
            f"{report.seconds:.1f} s ({report.embedded} embedded, {report.cached} from cache) "
            f"-> {store.live_path(settings)}",
            err=True,
        )


@click.command("search")
@click.argument("query")
@click.option("-k", "--top", "k", default=5, show_default=True, help="Number of results.")
@click.option(
    "--mode",
    type=click.Choice(["hybrid", "dense", "bm25"]),
    default="hybrid",
    show_default=True,
    help="Fused, dense (embeddings) only, or BM25 only.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the ranked hits.")
@_EMBEDDER
def search_cmd(query: str, k: int, mode: str, as_json: bool, embedder: str | None) -> None:
    """Search the corpus and print ranked chunks; QUERY '-' reads it from stdin."""
    from qa import store
    from qa.answer import spelled, speller_for
    from qa.corpus import load_documents
    from qa.embeddings import CachedEmbedder, get_embedder
    from qa.lang import detect_language
    from qa.retrieve import Retriever, clean_query

    with user_errors(query_code=2, setting_code=2):
        if query == "-":
            query = sys.stdin.read()
        text = clean_query(query)
        settings = _settings(embedder)
        with _progress_bar() as progress:
            index, _ = store.ensure_index(
                settings, progress=progress, notify=lambda m: click.echo(m, err=True)
            )
        inner = get_embedder(settings.index)
        retriever = Retriever(index, CachedEmbedder(inner, settings.cache_dir), settings.index)
        # Typos are read as the corpus words they were meant to be, as for answers.
        corrected = spelled(speller_for(load_documents(settings)), text)
        hits = retriever.search(corrected, k=k, mode=mode)  # type: ignore[arg-type]
        if as_json:
            payload = {
                "query": text,
                "language": detect_language(text),
                "mode": mode,
                "model": index.model,
                "hits": [
                    {
                        "rank": h.rank,
                        "chunk_id": h.chunk.chunk_id,
                        "section_id": h.chunk.section_id,
                        "section": h.chunk.section,
                        "paragraphs": list(h.chunk.paragraphs),
                        "kind": h.chunk.kind,
                        "endnotes": list(h.chunk.endnotes),
                        "page": h.chunk.page,
                        "start": h.chunk.start,
                        "end": h.chunk.end,
                        "score": h.score,
                        "dense_score": h.dense_score,
                        "dense_rank": h.dense_rank,
                        "bm25_score": h.bm25_score,
                        "bm25_rank": h.bm25_rank,
                        "text": h.chunk.text,
                    }
                    for h in hits
                ],
            }
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for h in hits:
            where = f"{h.chunk.section} ¶{','.join(map(str, h.chunk.paragraphs))}"
            notes = f"  notes {', '.join(map(str, h.chunk.endnotes))}" if h.chunk.endnotes else ""
            dense = "-" if h.dense_score is None else f"{h.dense_score:.3f} (#{h.dense_rank})"
            bm25 = "-" if h.bm25_score is None else f"{h.bm25_score:.2f} (#{h.bm25_rank})"
            click.secho(f"{h.rank}. {where}{notes}", bold=True)
            click.echo(f"   {h.chunk.chunk_id}  score {h.score:.4f}  dense {dense}  bm25 {bm25}")
            snippet = " ".join(h.chunk.text.split())
            click.echo(f"   {snippet[:300]}{'…' if len(snippet) > 300 else ''}\n")


@click.group()
def _standalone() -> None:
    """Index commands on their own (the product CLI is `qa`, in qa/cli.py)."""


_standalone.add_command(index_cmd, "index")
_standalone.add_command(search_cmd, "search")

if __name__ == "__main__":
    _standalone()
