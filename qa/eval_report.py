"""Eval output: console tables, a JSON and a Markdown report, and PNG charts (matplotlib, Agg).

Every function here takes finished `Summary` records and formats them; nothing is computed
that `qa.evaluate` did not already score, so the console, the JSON and the Markdown agree.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa.evaluate import (
    ANSWER_METRICS,
    HEADLINE_METRICS,
    GateFailure,
    GroupScore,
    RowScore,
    Summary,
)

FORMAT_VERSION = 1
SKIPPED_NOTE = (
    "answer metrics skipped: the answer stage (qa/answer.py) is not available; "
    "retrieval metrics come from the Retriever directly and latency is retrieval time"
)


@dataclass(frozen=True, slots=True)
class EvalRun:
    """One `qa eval` run: its options and a summary per configuration (the last is primary)."""

    timestamp: str
    split: str
    limit: int | None
    eval_file: str
    summaries: tuple[Summary, ...]
    gate: tuple[GateFailure, ...] | None = None  # None: no gate was asked for
    thresholds_file: str | None = None
    notes: tuple[str, ...] = ()
    charts: tuple[str, ...] = ()

    @property
    def primary(self) -> Summary:
        """The full pipeline's summary (the one the gate and the failure list are about)."""
        return self.summaries[-1]


# ---------------------------------------------------------------------------- text


def fmt(name: str, value: float | None) -> str:
    """A metric value for people: '0.873', '412 ms' for latency, 'n/a' when not measured."""
    if value is None:
        return "n/a"
    if name.endswith("_ms"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain aligned table: first column left, the others right.

    >>> print(text_table(["metric", "value"], [["mrr", "0.5"]]))
    metric  value
    ------  -----
    mrr       0.5
    """
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table (pipes in cells escaped)."""

    def cell(value: str) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(map(cell, headers)) + " |"]
    out.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|")
    out.extend("| " + " | ".join(map(cell, r)) + " |" for r in rows)
    return "\n".join(out)


def summary_rows(summary: Summary) -> list[list[str]]:
    """(metric, value, n) rows; answer metrics read 'skipped' without an answer stage."""
    rows = []
    for name in HEADLINE_METRICS:
        metric = summary.metrics[name]
        skipped = not summary.answer_stage and name in ANSWER_METRICS
        value = "skipped" if skipped else fmt(name, metric.value)
        rows.append([name, value, "" if skipped else str(metric.n)])
    return rows


def type_rows(groups: Sequence[GroupScore]) -> list[list[str]]:
    """(group, rows, measure, accuracy, recall@5, mrr) rows of a breakdown."""
    return [
        [
            g.name,
            str(g.n),
            g.measure,
            fmt(g.measure, g.accuracy),
            fmt("recall_at_5", g.recall_at_5),
            fmt("mrr", g.mrr),
        ]
        for g in groups
    ]


TYPE_HEADERS = ("type", "rows", "measure", "accuracy", "recall@5", "mrr")


def language_line(summary: Summary) -> str:
    """One line per run: each language's answerable rows and its accuracy.

    e.g. 'by language (answerable rows): en 158 key-fact 0.810 · es 18 key-fact 0.611'
    """
    label = "key-fact" if summary.answer_stage else "recall@5"
    parts = [f"{g.name} {g.n} {label} {fmt(g.measure, g.accuracy)}" for g in summary.per_lang]
    return "by language (answerable rows): " + " · ".join(parts)


def compare_rows(summaries: Sequence[Summary]) -> list[list[str]]:
    """A row per headline metric, a column per configuration."""
    return [
        [name]
        + [
            "skipped"
            if not s.answer_stage and name in ANSWER_METRICS
            else fmt(name, s.metrics[name].value)
            for s in summaries
        ]
        for name in HEADLINE_METRICS
    ]


def console_report(run: EvalRun) -> str:
    """What `qa eval` prints: notes, the summary (or comparison), per-type table, languages."""
    primary = run.primary
    out = [
        f"eval: {len(primary.scores)} rows (split {run.split}"
        + (f", limit {run.limit}" if run.limit else "")
        + f"), configuration {primary.config}"
    ]
    out.extend(f"note: {n}" for n in run.notes)
    out.append("")
    if len(run.summaries) > 1:
        headers = ["metric", *(s.config for s in run.summaries)]
        out += [text_table(headers, compare_rows(run.summaries)), ""]
    else:
        out += [text_table(["metric", "value", "n"], summary_rows(primary)), ""]
    out.append(f"by type ({primary.config}):")
    out += [text_table(TYPE_HEADERS, type_rows(primary.per_type)), ""]
    out.append(language_line(primary))
    return "\n".join(out)


def gate_lines(failures: Sequence[GateFailure]) -> list[str]:
    """'eval gate: passed', or 'eval gate: failed' and one line per metric out of bounds."""
    if not failures:
        return ["eval gate: passed"]
    return ["eval gate: failed", *(f"  {f}" for f in failures)]


# ---------------------------------------------------------------------------- JSON


def row_json(score: RowScore) -> dict[str, Any]:
    """One row's verdicts, JSON-ready."""
    return {
        "id": score.row.id,
        "type": score.row.type,
        "lang": score.row.lang,
        "answerable": score.row.answerable,
        "question": score.row.question,
        "answer": score.answer_text,
        "abstained": score.abstained,
        "key_facts": score.key_facts,
        "missing_facts": [list(g) for g in score.missing],
        "cited_sections": list(score.cited_sections),
        "cited_section_ok": score.cited_ok,
        "source_cited_ok": score.source_ok,
        "retrieved_sections": list(score.retrieved_sections),
        "gold_sections": list(score.row.sections),
        "gold_rank": score.gold_rank,
        "endnote_recall": score.endnote_recall,
        "quotes_faithful": score.quotes[0],
        "quotes": score.quotes[1],
        "citation_recall": score.citation_recall,
        "citation_precision": score.citation_precision,
        "sentences_marked": score.sentences[0],
        "sentences": score.sentences[1],
        "latency_ms": round(score.latency_ms, 2),
        "error": score.error,
        "reasons": list(score.reasons),
    }


def summary_json(summary: Summary, with_rows: bool = False) -> dict[str, Any]:
    """A configuration's metrics and breakdowns (and every row, if asked), JSON-ready."""

    def group(g: GroupScore) -> dict[str, Any]:
        return {
            "name": g.name,
            "rows": g.n,
            "measure": g.measure,
            "accuracy": g.accuracy,
            "recall_at_5": g.recall_at_5,
            "mrr": g.mrr,
        }

    data: dict[str, Any] = {
        "config": summary.config,
        "mode": summary.mode,
        "embedder": summary.embedder,
        "answer_stage": summary.answer_stage,
        "rows": len(summary.scores),
        "metrics": {name: m.value for name, m in summary.metrics.items()},
        "counts": {name: m.n for name, m in summary.metrics.items()},
        "per_type": [group(g) for g in summary.per_type],
        "per_language": [group(g) for g in summary.per_lang],
        "failures": len(summary.failures),
    }
    if with_rows:
        data["results"] = [row_json(s) for s in summary.scores]
    return data


def run_json(run: EvalRun, with_rows: bool = False) -> dict[str, Any]:
    """The whole run, JSON-ready: options, notes, one summary per configuration, the gate."""
    gate = None
    if run.gate is not None:
        gate = {
            "thresholds": run.thresholds_file,
            "passed": not run.gate,
            "failures": [
                {"metric": f.metric, "value": f.value, "bound": f.bound, "kind": f.kind}
                for f in run.gate
            ],
        }
    return {
        "format_version": FORMAT_VERSION,
        "timestamp": run.timestamp,
        "split": run.split,
        "limit": run.limit,
        "eval_file": run.eval_file,
        "primary": run.primary.config,
        "answer_stage": run.primary.answer_stage,
        "notes": list(run.notes),
        "configs": [summary_json(s, with_rows) for s in run.summaries],
        "gate": gate,
        "charts": list(run.charts),
    }


# ---------------------------------------------------------------------------- Markdown


def _facts(score: RowScore) -> str:
    if not score.row.facts:
        return "(none: the brief does not say)"
    return "; ".join(" or ".join(f"“{a}”" for a in g) for g in score.row.facts)


def failure_markdown(score: RowScore) -> str:
    """One failed row: question, expected facts, the answer given, cited sections, why."""
    row = score.row
    answer = score.answer_text.strip() or ("(error)" if score.error else "(no answer text)")
    quoted = "\n".join(f"> {line}" if line else ">" for line in answer.splitlines())
    verdict = "abstained" if score.abstained else "answered"
    return "\n".join(
        [
            f"### {row.id} · {row.type} · {row.lang} · {row.split}",
            "",
            f"- **Question:** {row.question}",
            f"- **Expected facts:** {_facts(score)}",
            f"- **Gold sections:** {', '.join(row.sections) or '-'}"
            + (f" · notes {', '.join(map(str, row.endnotes))}" if row.endnotes else ""),
            f"- **Cited sections:** {', '.join(score.cited_sections) or '-'} ({verdict})",
            f"- **Retrieved sections:** {', '.join(score.retrieved_sections) or '-'}",
            f"- **Why it failed:** {'; '.join(score.reasons)}",
            "",
            "**Answer given:**",
            "",
            quoted,
            "",
        ]
    )


def markdown_report(run: EvalRun) -> str:
    """The Markdown report: options, metrics, breakdowns, charts, then every failure."""
    primary = run.primary
    title = f"# Eval report {run.timestamp}"
    meta = [
        f"- eval set: `{run.eval_file}`, split **{run.split}**"
        + (f", limit {run.limit}" if run.limit else "")
        + f", {len(primary.scores)} rows",
        f"- configuration: **{primary.config}** (mode {primary.mode}, "
        f"embedder {primary.embedder or 'default'})",
        f"- answer stage: {'available' if primary.answer_stage else 'not available'}",
    ]
    meta += [f"- note: {n}" for n in run.notes]
    parts = [title, "", *meta, ""]
    if run.gate is not None:
        parts += ["## Gate", "", f"thresholds: `{run.thresholds_file}`", ""]
        parts += [f"- {line.strip()}" for line in gate_lines(run.gate)] + [""]
    parts += ["## Summary", ""]
    if len(run.summaries) > 1:
        headers = ["metric", *(s.config for s in run.summaries)]
        parts += [md_table(headers, compare_rows(run.summaries)), ""]
    else:
        parts += [md_table(["metric", "value", "n"], summary_rows(primary)), ""]
    parts += [
        f"## By type ({primary.config})",
        "",
        md_table(TYPE_HEADERS, type_rows(primary.per_type)),
    ]
    parts += ["", language_line(primary), ""]
    if run.charts:
        parts += ["## Charts", ""]
        parts += [f"![{Path(c).stem}]({Path(c).name})" for c in run.charts] + [""]
    failures = primary.failures
    parts += [f"## Failures ({len(failures)} of {len(primary.scores)}, {primary.config})", ""]
    parts += [failure_markdown(s) for s in failures] or ["None.", ""]
    return "\n".join(parts).rstrip() + "\n"


# ---------------------------------------------------------------------------- charts


def draw_charts(summaries: Sequence[Summary], out_dir: Path, stem: str) -> list[Path]:
    """Accuracy by type (a bar per configuration) and a latency histogram, as PNG files."""
    # The Agg canvas directly: no pyplot, so no global backend and no display is needed.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    out_dir.mkdir(parents=True, exist_ok=True)
    primary = summaries[-1]
    types = [g.name for g in primary.per_type]
    fig = Figure(figsize=(max(7.0, 0.9 * len(types) + 2), 4.5), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    width = 0.8 / len(summaries)
    for i, summary in enumerate(summaries):
        by_name = {g.name: g.accuracy for g in summary.per_type}
        xs = [t + (i - (len(summaries) - 1) / 2) * width for t in range(len(types))]
        ax.bar(xs, [by_name.get(t) or 0.0 for t in types], width, label=summary.config)
    ax.set_xticks(range(len(types)), types, rotation=30, ha="right")
    ax.set_ylim(0, 1)
    measure = "key-fact accuracy (unanswerable: abstention)"
    ax.set_ylabel(measure if primary.answer_stage else "section recall@5")
    ax.set_title("Accuracy by question type")
    if len(summaries) > 1:
        ax.legend(fontsize="small")
    accuracy_path = out_dir / f"{stem}-accuracy-by-type.png"
    fig.savefig(accuracy_path, dpi=100)

    fig = Figure(figsize=(7.0, 4.0), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for summary in summaries:
        latencies = [s.latency_ms for s in summary.scores]
        ax.hist(latencies, bins=30, histtype="step", linewidth=1.5, label=summary.config)
    ax.set_xlabel("wall time per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Latency" + ("" if primary.answer_stage else " (retrieval only)"))
    if len(summaries) > 1:
        ax.legend(fontsize="small")
    latency_path = out_dir / f"{stem}-latency.png"
    fig.savefig(latency_path, dpi=100)
    return [accuracy_path, latency_path]


# ---------------------------------------------------------------------------- files


def unique_stem(out_dir: Path, timestamp: str) -> str:
    """The timestamp, with a suffix if a report of that second already exists."""
    stem, n = timestamp, 2
    while (out_dir / f"{stem}.json").exists():
        stem, n = f"{timestamp}-{n}", n + 1
    return stem


def write_reports(run: EvalRun, out_dir: Path, stem: str) -> list[Path]:
    """Write <stem>.json and <stem>.md, then copy them to latest.json and latest.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{stem}.json"
    md_path = out_dir / f"{stem}.md"
    payload = json.dumps(run_json(run, with_rows=True), ensure_ascii=False, indent=2)
    json_path.write_text(payload + "\n", encoding="utf-8")
    md_path.write_text(markdown_report(run), encoding="utf-8")
    shutil.copyfile(json_path, out_dir / "latest.json")
    shutil.copyfile(md_path, out_dir / "latest.md")
    return [json_path, md_path]
