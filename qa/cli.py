"""The `qa` command line: inspect the parsed corpus, build the index, search, ask, evaluate."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from qa.errors import QAError
from qa.settings import Settings
from qa.types import Document, Endnote, Section

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Print a QAError as `error: ...` with exit code 1 instead of a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except QAError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="qa")
def main() -> None:
    """Ask questions about a policy brief and get answers that cite it."""


@main.group()
def show() -> None:
    """Show the parsed corpus: outline, a section, an endnote."""


def _document(file: str | None) -> Document:
    from qa.corpus import load_brief
    from qa.parse import parse_file

    if file:
        return parse_file(Path(file))
    return load_brief(Settings())


_FILE_OPTION = click.option(
    "--file", "file", default=None, help="Document to parse (default: the first in corpus/)."
)
_JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def section_json(doc: Document, section: Section, with_text: bool = False) -> dict[str, Any]:
    """A section as a JSON-ready dict."""
    data: dict[str, Any] = {
        "id": section.id,
        "title": section.title,
        "path": doc.section_path(section.id),
        "level": section.level,
        "parent_id": section.parent_id,
        "kind": section.kind,
        "start": section.start,
        "end": section.end,
        "paragraph_count": len(section.paragraphs),
    }
    if with_text:
        data["paragraphs"] = [
            {
                "number": p.number,
                "kind": p.kind,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "endnotes": list(doc.anchored_endnotes(section.id, p.number)),
            }
            for p in section.paragraphs
        ]
    return data


def endnote_json(doc: Document, note: Endnote) -> dict[str, Any]:
    """An endnote as a JSON-ready dict (field names are a contract)."""
    anchor = note.anchor
    return {
        "number": note.number,
        "text": note.text,
        "raw": note.raw,
        "urls": list(note.urls),
        "section_id": anchor.section_id if anchor else None,
        "section": doc.section_path(anchor.section_id) if anchor else None,
        "paragraph": anchor.paragraph if anchor else None,
        "anchor": anchor.method if anchor else None,
        "start": note.start,
        "end": note.end,
    }


@show.command("outline")
@_FILE_OPTION
@_JSON_OPTION
@friendly_errors
def show_outline(file: str | None, as_json: bool) -> None:
    """Print the section tree with ids and paragraph counts."""
    doc = _document(file)
    if as_json:
        payload = {
            "title": doc.title,
            "subtitle": doc.subtitle,
            "authors": list(doc.authors),
            "date": doc.date,
            "collection": doc.collection,
            "sections": [section_json(doc, s) for s in doc.sections],
            "endnotes": len(doc.endnotes),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{doc.title}" + (f": {doc.subtitle}" if doc.subtitle else ""))
    byline = ", ".join(doc.authors)
    click.echo(" · ".join(p for p in (byline, doc.date, doc.collection) if p))
    click.echo()
    for s in doc.sections:
        indent = "  " * (s.level - 1)
        count = len(s.paragraphs)
        unit = "notes" if s.kind == "endnotes" else "paragraphs"
        click.echo(f"{indent}{s.title}  [{s.id}]  {count} {unit}")


@show.command("section")
@click.argument("section_id")
@_FILE_OPTION
@_JSON_OPTION
@friendly_errors
def show_section(section_id: str, file: str | None, as_json: bool) -> None:
    """Print a section with paragraph numbers and each paragraph's endnotes."""
    from qa.errors import NotFoundError

    doc = _document(file)
    try:
        section = doc.section(section_id)
    except KeyError:
        ids = ", ".join(s.id for s in doc.sections)
        raise NotFoundError(f"no section {section_id!r}; sections are: {ids}") from None
    if as_json:
        click.echo(json.dumps(section_json(doc, section, True), ensure_ascii=False, indent=2))
        return
    click.echo(doc.section_path(section.id))
    click.echo()
    for p in section.paragraphs:
        notes = doc.anchored_endnotes(section.id, p.number)
        suffix = f"  [notes {', '.join(map(str, notes))}]" if notes else ""
        click.echo(f"¶{p.number}{suffix}\n{p.text}\n")


@show.command("endnote")
@click.argument("number", type=int)
@_FILE_OPTION
@_JSON_OPTION
@friendly_errors
def show_endnote(number: int, file: str | None, as_json: bool) -> None:
    """Print an endnote, its URLs, and where it is anchored."""
    from qa.errors import NotFoundError

    doc = _document(file)
    try:
        note = doc.endnote(number)
    except KeyError:
        raise NotFoundError(
            f"no endnote {number}; the document has endnotes 1-{len(doc.endnotes)}"
        ) from None
    if as_json:
        click.echo(json.dumps(endnote_json(doc, note), ensure_ascii=False, indent=2))
        return
    click.echo(f"[{note.number}] {note.text}")
    for url in note.urls:
        click.echo(f"  {url}")
    if note.anchor:
        where = doc.section_path(note.anchor.section_id)
        click.echo(f"anchored ({note.anchor.method}) at: {where} ¶{note.anchor.paragraph}")


@main.command("ask")
@click.argument("question")
@click.option("-k", "--top-k", default=5, show_default=True, help="Passages to consider.")
@_JSON_OPTION
@friendly_errors
def ask(question: str, top_k: int, as_json: bool) -> None:
    """Answer a question about the brief, with citations."""
    from qa.answer import Answerer
    from qa.schemas import AnswerOut

    if question == "-":
        question = sys.stdin.read()
    result = Answerer.load(Settings()).answer(question, top_k=top_k)
    if as_json:
        click.echo(AnswerOut.of(result).model_dump_json(indent=2))
        return
    click.echo(result.answer)
    click.echo()
    for c in result.citations:
        notes = f"  (notes {', '.join(map(str, c.endnotes))})" if c.endnotes else ""
        if c.source is not None:
            s = c.source
            facts = ", ".join(x for x in (s.outlet, s.date, f"p. {s.page}" if s.page else "") if x)
            label = "notes" if len(s.endnotes) > 1 else "note"
            click.echo(
                f"[{c.marker}] source of {label} {', '.join(map(str, s.endnotes))}: "
                f"“{s.title}”{f' ({facts})' if facts else ''} · {c.section} ¶{c.paragraph}"
            )
            if s.url:
                click.echo(f"     {s.url}")
            if s.brief_section:
                click.echo(f"     linked from the brief at {s.brief_section} ¶{s.brief_paragraph}")
            continue
        where = f"{c.document} · " if c.document_kind == "document" else ""
        click.echo(f"[{c.marker}] {where}{c.section} ¶{c.paragraph}{notes}")
        for ref in c.endnote_refs:
            link = f" {ref.urls[0]}" if ref.urls else ""
            click.echo(f"     note {ref.number}: {ref.text[:100]}{link}")
    if result.abstained and result.related:
        click.echo("related: " + "; ".join(f"{r.section} [{r.section_id}]" for r in result.related))


@main.command("serve")
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default 7860).")
@friendly_errors
def serve_cmd(host: str | None, port: int | None) -> None:
    """Serve the web app and the answer API."""
    import logging

    from qa.web import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    serve(Settings(), host=host, port=port)


from qa.commands_eval import eval_cmd  # noqa: E402

main.add_command(eval_cmd, "eval")

from qa.commands_index import index_cmd, search_cmd  # noqa: E402

main.add_command(index_cmd, "index")
main.add_command(search_cmd, "search")


@main.command("calibrate")
@click.option(
    "--eval-set",
    "eval_sets",
    multiple=True,
    default=("eval/qa.jsonl",),
    show_default=True,
    type=click.Path(),
    help="Eval files whose dev rows the model is fitted on (repeat the option).",
)
@click.option("--split", default="dev", show_default=True, help="Rows to fit on (never test).")
@click.option("--max-false-rate", default=0.03, show_default=True, help="Answerable declined.")
@click.option(
    "--config",
    "configs",
    multiple=True,
    default=("e5/hybrid", "e5/dense", "e5/bm25", "minilm/dense"),
    show_default=True,
    help="embedder/mode configurations to fit (the eval's --compare runs these).",
)
@friendly_errors
def calibrate_cmd(
    eval_sets: tuple[str, ...], split: str, max_false_rate: float, configs: tuple[str, ...]
) -> None:
    """Fit the abstention model on the dev questions, per configuration, and save it."""
    from qa.abstain import DEFAULT_MODEL, calibrate, save_model
    from qa.answer import Answerer
    from qa.evaluate import load_eval_set, select_rows

    if split in ("test", "all"):
        raise click.BadParameter(
            "the test split measures the fitted model and is never fitted on: use --split dev",
            param_hint="--split",
        )
    settings = Settings()
    rows = [r for path in eval_sets for r in select_rows(load_eval_set(Path(path)), split)]
    labels = [not r.answerable for r in rows]
    if all(labels) or not any(labels):
        raise click.BadParameter(
            f"the {split} rows of {', '.join(eval_sets)} need both answerable and unanswerable "
            "questions to fit on",
            param_hint="--eval-set",
        )
    description = f"{', '.join(eval_sets)} split={split} ({len(rows)} rows)"
    for config in configs:
        embedder, _, mode = config.partition("/")
        answerer = Answerer.load(settings, mode=mode, embedder=embedder, model=DEFAULT_MODEL)
        signals = [answerer.signals(r.question) for r in rows]
        model = calibrate(signals, labels, description, max_false_rate)
        save_model(settings.answer.abstention_model, answerer.configuration, model)
        point = model.operating_point
        click.echo(
            f"{answerer.configuration}: threshold {point['threshold']:.3f}, "
            f"abstention recall {point['abstention_recall']:.3f}, "
            f"false abstentions {point['false_abstention_rate']:.3f} on {len(rows)} {split} rows"
        )
    click.echo(f"saved {settings.answer.abstention_model}")


from qa.commands_sources import sources_cmd  # noqa: E402

main.add_command(sources_cmd, "sources")
