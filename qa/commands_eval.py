"""The `qa eval` command: run the eval set through the answer pipeline, report, and gate.

Every question goes through `Answerer.answer`, the code path the API uses, in this process;
the Answerer is loaded once per configuration. Until `qa/answer.py` exists, a retrieval-only
engine stands in and the answer metrics are reported as skipped. The engine factory is a
parameter of `make_eval_command`, so tests inject a fake answerer instead of a real index.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

import click

from qa.cli_errors import user_errors
from qa.errors import QAError
from qa.eval_report import (
    SKIPPED_NOTE,
    EvalRun,
    console_report,
    draw_charts,
    gate_lines,
    run_json,
    unique_stem,
    write_reports,
)
from qa.evaluate import (
    AnswerEngine,
    EvalError,
    EvalRow,
    Summary,
    Thresholds,
    check_gate,
    documents_by_id,
    load_eval_set,
    load_thresholds,
    run_rows,
    score_row,
    select_rows,
    summarise,
)
from qa.settings import ROOT, Settings
from qa.types import Answer, Document, Retrieved

if TYPE_CHECKING:
    from qa.retrieve import Hit, Mode

DEFAULT_EVAL_FILE = ROOT / "eval" / "qa.jsonl"
DEFAULT_REPORTS_DIR = ROOT / "eval" / "reports"
WARM_UP_QUESTION = "What does the brief recommend?"

# (settings, mode, embedder or None for the settings' default) -> an engine.
EngineFactory = Callable[[Settings, str, str | None], AnswerEngine]


@dataclass(frozen=True, slots=True)
class Config:
    """One configuration of the pipeline that `--compare` puts side by side."""

    name: str
    mode: str
    embedder: str | None


FULL_PIPELINE = Config("hybrid", "hybrid", None)
# The full pipeline comes last: it is the primary result (gate, failures, charts).
COMPARE_CONFIGS = (
    Config("bm25", "bm25", None),
    Config("dense-e5", "dense", "e5"),
    Config("dense-minilm", "dense", "minilm"),
    FULL_PIPELINE,
)


# ---------------------------------------------------------------------------- engines


class Searcher(Protocol):
    """What the retrieval-only engine needs: `Retriever.search`."""

    def search(self, query: str, k: int = 5, mode: Mode = "hybrid") -> list[Hit]: ...


class RetrievalOnly:
    """Stands in for the Answerer while there is none: retrieves, and answers nothing."""

    def __init__(self, searcher: Searcher, mode: str = "hybrid") -> None:
        self.searcher = searcher
        self.mode = mode
        # Quote fidelity needs documents only when there are citations, and here there are none.
        self.documents: list[Document] = []

    def answer(self, question: str, top_k: int = 5) -> Answer:
        """An empty, non-abstaining Answer carrying the top-k retrieved chunks."""
        hits = self.searcher.search(question, k=top_k, mode=cast("Mode", self.mode))
        retrieved = tuple(
            Retrieved(h.chunk.chunk_id, h.chunk.section_id, h.chunk.endnotes, h.score) for h in hits
        )
        return Answer(question, "", False, (), (), {}, retrieved=retrieved)

    @classmethod
    def load(cls, settings: Settings, mode: str, embedder: str | None) -> RetrievalOnly:
        """A Retriever on the live index of `embedder`, built first if missing or stale."""
        from qa.embeddings import CachedEmbedder, get_embedder
        from qa.retrieve import Retriever
        from qa.store import ensure_index

        settings = with_embedder(settings, embedder)
        index, _ = ensure_index(settings, notify=lambda m: click.echo(m, err=True))
        inner = CachedEmbedder(get_embedder(settings.index), settings.cache_dir)
        return cls(Retriever(index, inner, settings.index), mode)


def with_embedder(settings: Settings, embedder: str | None) -> Settings:
    """The settings with another embedding back-end (unchanged for None)."""
    if embedder is None or embedder == settings.index.embedder:
        return settings
    index = settings.index.model_copy(update={"embedder": embedder})
    return settings.model_copy(update={"index": index})


def answer_stage_available() -> bool:
    """True once qa/answer.py exists."""
    return importlib.util.find_spec("qa.answer") is not None


def default_factory(settings: Settings, mode: str, embedder: str | None) -> AnswerEngine:
    """The real Answerer, or the retrieval-only stand-in while qa/answer.py does not exist."""
    if not answer_stage_available():
        return RetrievalOnly.load(settings, mode, embedder)
    try:
        module = importlib.import_module("qa.answer")
    except Exception as exc:  # any import failure: say which file is broken, not a traceback
        raise EvalError(
            f"qa/answer.py exists but cannot be imported ({type(exc).__name__}: {exc})"
        ) from exc
    answerer: Any = module.Answerer
    return cast(AnswerEngine, answerer.load(settings, mode=mode, embedder=embedder))


# ---------------------------------------------------------------------------- the run


def evaluate_config(
    engine: AnswerEngine, config: Config, rows: list[EvalRow], show_progress: bool = True
) -> Summary:
    """Run every row through one engine and summarise it."""
    stage = not isinstance(engine, RetrievalOnly)
    # One untimed question first: models load lazily on first use, and that is load time,
    # not the latency of a question.
    with contextlib.suppress(QAError):
        engine.answer(WARM_UP_QUESTION)
    if show_progress:
        with click.progressbar(
            length=len(rows), label=f"eval {config.name:<12}", file=sys.stderr
        ) as bar:
            results = run_rows(engine, rows, progress=bar.update)
    else:
        results = run_rows(engine, rows)
    documents = documents_by_id(engine.documents)
    scores = [score_row(r, documents, answer_stage=stage) for r in results]
    return summarise(scores, stage, config.name, config.mode, config.embedder)


def _resolve_split(
    split: str | None, thresholds: Thresholds | None, path: Path | None
) -> tuple[str, list[str]]:
    """The split to run: as given, else the thresholds' split with a gate, else all."""
    if split is None:
        return (thresholds.split if thresholds else "all"), []
    if thresholds is not None and split != thresholds.split:
        return split, [
            f"the minimums in {path} are for split {thresholds.split!r}; this run is on {split!r}"
        ]
    return split, []


def make_eval_command(factory: EngineFactory | None = None) -> click.Command:
    """The `eval` click command, with `factory` building each configuration's engine."""
    build = factory if factory is not None else default_factory

    @click.command("eval")
    @click.option(
        "--split",
        type=click.Choice(["dev", "test", "all"]),
        default=None,
        help="Rows to run (default: all; with --fail-under, the thresholds file's split).",
    )
    @click.option(
        "--compare",
        is_flag=True,
        help="Also run BM25 alone and each embedder alone (dense e5, dense minilm); "
        "print one column per configuration.",
    )
    @click.option(
        "--fail-under",
        "fail_under",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Thresholds JSON (e.g. eval/thresholds.json): exit 1 if a metric is out of bounds.",
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @click.option(
        "--limit", type=click.IntRange(min=1), default=None, help="Only the first N rows."
    )
    @click.option("--no-charts", is_flag=True, help="Do not draw the PNG charts.")
    @click.option(
        "--eval-file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_EVAL_FILE,
        help="Eval set (JSONL).  [default: eval/qa.jsonl]",
    )
    @click.option(
        "--reports-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_REPORTS_DIR,
        help="Where reports and charts go.  [default: eval/reports]",
    )
    def eval_cmd(
        split: str | None,
        compare: bool,
        fail_under: Path | None,
        as_json: bool,
        limit: int | None,
        no_charts: bool,
        eval_file: Path,
        reports_dir: Path,
    ) -> None:
        """Run the eval set through the answer pipeline; print metrics, write reports."""
        with user_errors():
            thresholds = load_thresholds(fail_under) if fail_under is not None else None
            chosen, notes = _resolve_split(split, thresholds, fail_under)
            rows = select_rows(load_eval_set(eval_file), chosen, limit)
            if not rows:
                raise EvalError(f"{eval_file}: no rows in split {chosen!r}")
            settings = Settings()
            summaries: list[Summary] = []
            for config in COMPARE_CONFIGS if compare else (FULL_PIPELINE,):
                began = time.perf_counter()
                engine = build(settings, config.mode, config.embedder)
                loaded = time.perf_counter() - began
                summaries.append(evaluate_config(engine, config, rows))
                ran = time.perf_counter() - began - loaded
                click.echo(
                    f"eval {config.name}: loaded in {loaded:.1f} s, "
                    f"{len(rows)} rows in {ran:.1f} s",
                    err=True,
                )
                del engine  # one engine in memory at a time
            if not summaries[-1].answer_stage:
                notes.insert(0, SKIPPED_NOTE)
            gate = None
            if thresholds is not None:
                gate = tuple(check_gate(summaries[-1].values(), thresholds))
            timestamp = time.strftime("%Y%m%dT%H%M%S")
            stem = unique_stem(reports_dir, timestamp)
            charts = [] if no_charts else draw_charts(summaries, reports_dir, stem)
            run = EvalRun(
                timestamp=timestamp,
                split=chosen,
                limit=limit,
                eval_file=str(eval_file),
                summaries=tuple(summaries),
                gate=gate,
                thresholds_file=str(fail_under) if fail_under is not None else None,
                notes=tuple(notes),
                charts=tuple(str(c) for c in charts),
            )
            written = write_reports(run, reports_dir, stem)
        if as_json:
            click.echo(json.dumps(run_json(run), ensure_ascii=False, indent=2))
        else:
            click.echo(console_report(run))
        for path in [*written, *charts]:
            click.echo(f"wrote {path}", err=True)
        if gate is not None:
            # With --json, stdout stays pure JSON: the verdict goes to stderr.
            for line in gate_lines(gate):
                click.echo(line, err=as_json)
            if gate:
                sys.exit(1)

    return eval_cmd


eval_cmd = make_eval_command()
