"""The `qa sources` commands: list, fetch and add the documents behind the brief's endnotes.

Wired into the main CLI by qa/cli.py. A failure to fetch one endnote's source is a line of the
report, not an error: `fetch` exits 0 when at least one source is in place (or nothing failed),
1 when every download failed. Errors the user can act on (QAError, a bad QA_* setting) print
`error: <message>` on stderr and exit 1; never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from qa.cli_errors import user_errors
from qa.settings import Settings

if TYPE_CHECKING:  # qa.sources pulls in httpx; every other `qa` command starts without it
    from qa.sources import FetchOutcome, NoteSource
    from qa.types import Document


def _brief(settings: Settings) -> Document:
    from qa.corpus import load_brief

    return load_brief(settings)


def _quiet_readers() -> None:
    """pypdf logs every repair it makes to a damaged PDF; the report says what matters."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _shown(path: Path) -> str:
    """A path relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@click.group("sources")
def sources_cmd() -> None:
    """The documents behind the brief's endnotes: list, fetch, add by hand."""


@sources_cmd.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object with every endnote.")
def list_cmd(as_json: bool) -> None:
    """Every endnote with its links and the state of its source.

    States: none (nothing stored), fetched, added (by hand), failed (with the reason).
    """
    from qa.sources import note_sources, sources_dir

    with user_errors():
        settings = Settings()
        doc = _brief(settings)
        rows = note_sources(doc, settings)
        folder = sources_dir(settings)
    counts = Counter(r.state for r in rows)
    if as_json:
        payload = {
            "document": doc.source,
            "sources_dir": str(folder),
            "counts": {s: counts.get(s, 0) for s in ("none", "fetched", "added", "failed")},
            "endnotes": [_row_json(r) for r in rows],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    width = max((len(str(r.number)) for r in rows), default=2)
    for row in rows:
        link = row.urls[0] if row.urls else "(no link)"
        extra = f" (+{len(row.urls) - 1} more)" if len(row.urls) > 1 else ""
        click.echo(f"{row.number:>{width}}  {row.state:<7}  {link}{extra}")
        detail = _row_detail(row)
        if detail:
            click.echo(f"{'':>{width}}  {'':<7}  {detail}")
    no_link = sum(1 for r in rows if not r.urls)
    click.echo(
        f"{len(rows)} endnotes: {counts['fetched']} fetched, {counts['added']} added by hand, "
        f"{counts['failed']} failed, {counts['none']} none ({no_link} without a link); "
        f"sources in {_shown(folder)}"
    )


def _row_detail(row: NoteSource) -> str:
    record = row.record
    if row.problem:
        return f"problem: {row.problem}"
    if record is None:
        return ""
    if record.status == "failed":
        return f"reason: {record.reason}"
    parts = [f"{record.title!r}" if record.title else "(untitled)", str(record.content_type)]
    if record.pages:
        parts.append(f"{record.pages} pages")
    parts.append(f"{record.text_file}")
    if record.added_from:
        parts.append(f"from {record.added_from}")
    return ", ".join(parts)


def _row_json(row: NoteSource) -> dict[str, Any]:
    record = row.record
    return {
        "number": row.number,
        "text": row.text,
        "urls": list(row.urls),
        "state": row.state,
        "reason": (record.reason if record and record.status == "failed" else None) or row.problem,
        "source": record.model_dump(mode="json") if record else None,
    }


@sources_cmd.command("fetch")
@click.argument("numbers", nargs=-1, type=int)
def fetch_cmd(numbers: tuple[int, ...]) -> None:
    """Download the linked documents of endnotes NUMBERS (all by default).

    Each endnote gets a line: fetched, updated, unchanged, failed (with the reason), no link,
    or kept (a document added by hand is not replaced). Loopback, private, link-local and
    other non-public addresses are refused, after every redirect and DNS lookup.
    """
    from qa.sources import fetch_sources, sources_dir

    _quiet_readers()
    with user_errors():
        settings = Settings()
        doc = _brief(settings)
        folder = sources_dir(settings)
        outcomes = fetch_sources(doc, settings, numbers, report=_echo_outcome)
    counts = Counter(o.outcome for o in outcomes)
    got = counts["fetched"] + counts["updated"] + counts["unchanged"]
    click.echo(
        f"{got} of {len(outcomes)} in place ({counts['fetched']} new, {counts['updated']} "
        f"updated, {counts['unchanged']} unchanged), {counts['failed']} failed, "
        f"{counts['no link']} without a link, {counts['kept']} kept as added by hand; "
        f"sources in {_shown(folder)}"
    )
    if counts["failed"] and not got:
        sys.exit(1)


def _echo_outcome(outcome: FetchOutcome) -> None:
    click.echo(f"note {outcome.note:>2}  {outcome.outcome:<9}  {outcome.message}")


@sources_cmd.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--note", "note", type=int, required=True, help="The endnote it belongs to.")
def add_cmd(file: Path, note: int) -> None:
    """Attach a document obtained some other way to endnote NOTE.

    FILE is an HTML page saved from a browser ("Web page, HTML only"), a PDF, or a .txt or
    .md file; it goes through the same extraction as a fetched one and is marked "added".
    """
    from qa.sources import add_source, sources_dir

    _quiet_readers()
    with user_errors():
        settings = Settings()
        doc = _brief(settings)
        record, written = add_source(doc, file, note, settings)
        folder = sources_dir(settings)
    where = _shown(folder / str(record.text_file))
    if not written:
        click.echo(f"unchanged: {file.name} is already the source of endnote {note} ({where})")
        return
    pages = f", {record.pages} pages" if record.pages else ""
    title = f" {record.title!r}" if record.title else ""
    click.echo(
        f"added{title} to endnote {note} ({record.content_type}{pages}, "
        f"{record.chars:,} chars) -> {where}"
    )
