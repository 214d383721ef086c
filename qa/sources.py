"""The documents behind the brief's endnotes: fetch them, add them by hand, say what is there.

Each endnote has at most one stored source, in `sources_dir` (default `corpus/sources/`):
`note-13.md` or `note-13.txt`, the extracted text, and `note-13.json`, a `SourceRecord`
(format 1) saying where it came from, when, what it was (sniffed), its sha256 and its state:
"fetched", "added" (by hand) or "failed" (with the reason). The JSON is written last, so it
always describes a complete text file.

Refetching is idempotent: when the downloaded bytes have the sha256 already stored (same link,
same format, text file present), nothing is written and `fetched_at` keeps the time those bytes
were first downloaded. A failed refetch never replaces a good copy, and `fetch` never replaces a
document added by hand.

Concessions: an endnote with several links keeps the first that yields a document (none of the
brief's endnotes has more than one); a link cited by several endnotes is downloaded once per
run and stored once per endnote (the indexer should skip duplicate sha256s).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from qa.errors import NotFoundError, SourceError
from qa.extract import TEXT_SUFFIX, Extracted, extract, sniff
from qa.settings import Settings
from qa.types import Document, Endnote

if TYPE_CHECKING:  # httpx is imported by downloads only: indexing reads stored records
    import httpx

    from qa.fetch import Download

FORMAT = 1
ADD_SUFFIXES = (".html", ".htm", ".xhtml", ".pdf", ".txt", ".md", ".markdown")

Status = Literal["fetched", "added", "failed"]
State = Literal["none", "fetched", "added", "failed"]
Outcome = Literal["fetched", "updated", "unchanged", "failed", "no link", "kept"]


class SourceRecord(BaseModel):
    """The metadata file of one endnote's source (`note-N.json`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = FORMAT
    note: int
    status: Status
    url: str | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()
    fetched_at: str | None = None
    attempted_at: str | None = None
    content_type: str | None = None
    declared_type: str | None = None
    sha256: str | None = None
    size: int | None = None
    title: str = ""
    outlet: str = ""
    published: str = ""
    pages: int | None = None
    text_file: str | None = None
    chars: int | None = None
    added_from: str | None = None
    reason: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class NoteSource:
    """An endnote and the state of its source; `problem` if the stored files disagree."""

    number: int
    text: str
    urls: tuple[str, ...]
    state: State
    record: SourceRecord | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What `fetch_sources` did for one endnote, with a line for the reader."""

    note: int
    outcome: Outcome
    message: str
    record: SourceRecord | None = None


@dataclass(frozen=True, slots=True)
class _Fetched:
    """A download reduced to what is stored (the bytes are dropped once hashed)."""

    download: Download
    sha256: str
    size: int
    extracted: Extracted


def sources_dir(settings: Settings) -> Path:
    """The folder of stored sources: `settings.sources_dir`, else `<corpus_dir>/sources`."""
    return settings.sources_dir or settings.corpus_dir / "sources"


def stem(note: int) -> str:
    """File name stem of an endnote's source: 7 -> 'note-07'."""
    return f"note-{note:02d}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_record(folder: Path, note: int) -> SourceRecord | None:
    """The stored record of an endnote, None if there is none; SourceError if it is damaged."""
    path = folder / f"{stem(note)}.json"
    if not path.is_file():
        return None
    try:
        return SourceRecord.model_validate_json(path.read_bytes())
    except (ValidationError, OSError) as exc:
        raise SourceError(f"{path}: damaged metadata ({exc})", "unreadable") from None


def note_sources(doc: Document, settings: Settings) -> list[NoteSource]:
    """Every endnote of `doc` with the state of its stored source, in endnote order."""
    folder = sources_dir(settings)
    result: list[NoteSource] = []
    for note in doc.endnotes:
        try:
            record = load_record(folder, note.number)
        except SourceError as exc:
            result.append(NoteSource(note.number, note.text, note.urls, "failed", None, str(exc)))
            continue
        problem = None
        if record is None:
            state: State = "none"
        else:
            state = record.status
            if record.status != "failed" and not (
                record.text_file and (folder / record.text_file).is_file()
            ):
                problem = f"text file {record.text_file} is missing; fetch or add it again"
        result.append(NoteSource(note.number, note.text, note.urls, state, record, problem))
    return result


def _endnotes(doc: Document, numbers: Iterable[int]) -> list[Endnote]:
    notes: list[Endnote] = []
    for number in numbers:
        try:
            notes.append(doc.endnote(number))
        except KeyError:
            raise NotFoundError(_no_such_note(doc, number)) from None
    return notes


def _no_such_note(doc: Document, number: int) -> str:
    if not doc.endnotes:
        return f"no endnote {number}: the document has no endnotes"
    first, last = doc.endnotes[0].number, doc.endnotes[-1].number
    return f"no endnote {number}: the document has endnotes {first}-{last}"


def fetch_sources(
    doc: Document,
    settings: Settings,
    numbers: Sequence[int] = (),
    report: Callable[[FetchOutcome], None] | None = None,
    client: httpx.Client | None = None,
) -> list[FetchOutcome]:
    """Download and store the sources of the given endnotes (all by default).

    Each endnote's outcome is passed to `report` as soon as it is known, and returned.
    Unknown endnote numbers raise NotFoundError before anything is downloaded.
    """
    notes = _endnotes(doc, dict.fromkeys(numbers)) if numbers else list(doc.endnotes)
    folder = sources_dir(settings)
    own = client is None
    from qa.fetch import make_client

    client = client or make_client(settings.sources)
    seen: dict[str, _Fetched | SourceError] = {}
    outcomes: list[FetchOutcome] = []
    try:
        for note in notes:
            outcome = _fetch_note(note, folder, settings, client, seen)
            outcomes.append(outcome)
            if report is not None:
                report(outcome)
    finally:
        if own:
            client.close()
    return outcomes


def _download(url: str, settings: Settings, client: httpx.Client) -> _Fetched | SourceError:
    import httpx

    from qa.fetch import fetch

    try:
        download = fetch(url, settings.sources, client)
        data = download.data
        kind = sniff(data, download.declared_type, httpx.URL(download.final_url).path)
        extracted = extract(data, kind, download.final_url, download.declared_type)
    except SourceError as exc:
        return exc
    sha = hashlib.sha256(data).hexdigest()
    return _Fetched(replace(download, data=b""), sha, len(data), extracted)


def _fetch_note(
    note: Endnote,
    folder: Path,
    settings: Settings,
    client: httpx.Client,
    seen: dict[str, _Fetched | SourceError],
) -> FetchOutcome:
    n = note.number
    if not note.urls:
        return FetchOutcome(n, "no link", "no link in the endnote (add a copy by hand)")
    try:
        old = load_record(folder, n)
    except SourceError:
        old = None  # damaged metadata is replaced by what this fetch finds
    if old is not None and old.status == "added":
        return FetchOutcome(n, "kept", f"kept the document added by hand ({old.added_from})", old)
    failures: list[tuple[str, SourceError]] = []
    for url in note.urls:
        if url not in seen:
            seen[url] = _download(url, settings, client)
        got = seen[url]
        if isinstance(got, SourceError):
            failures.append((url, got))
            continue
        return _store_download(n, folder, url, got, old)
    url, error = failures[0]
    reason = "; ".join(str(e) for _, e in failures)
    if old is not None and old.status == "fetched" and _text_present(folder, old):
        return FetchOutcome(n, "failed", f"{reason} (kept the copy of {old.fetched_at})", old)
    record = SourceRecord(
        note=n, status="failed", url=url, attempted_at=_now(), reason=reason, error=error.code
    )
    _write_json(folder, record)
    return FetchOutcome(n, "failed", reason, record)


def _text_present(folder: Path, record: SourceRecord) -> bool:
    return bool(record.text_file) and (folder / str(record.text_file)).is_file()


def _store_download(
    n: int,
    folder: Path,
    url: str,
    got: _Fetched,
    old: SourceRecord | None,
) -> FetchOutcome:
    download, sha, extracted = got.download, got.sha256, got.extracted
    if (
        old is not None
        and old.status == "fetched"
        and old.format == FORMAT
        and old.sha256 == sha
        and old.url == url
        and _text_present(folder, old)
    ):
        return FetchOutcome(n, "unchanged", _describe(old), old)
    record = SourceRecord(
        note=n,
        status="fetched",
        url=url,
        final_url=download.final_url,
        redirects=download.redirects,
        fetched_at=_now(),
        content_type=extracted.content_type,
        declared_type=download.declared_type or None,
        sha256=sha,
        size=got.size,
        title=extracted.title,
        outlet=extracted.outlet,
        published=extracted.date,
        pages=extracted.pages,
        text_file=stem(n) + TEXT_SUFFIX[extracted.kind],
        chars=len(extracted.text),
    )
    _write(folder, record, extracted.text, old)
    changed = old is not None and old.status == "fetched"
    return FetchOutcome(n, "updated" if changed else "fetched", _describe(record), record)


def _describe(record: SourceRecord) -> str:
    pages = f", {record.pages} pages" if record.pages else ""
    title = f"{record.title!r} " if record.title else ""
    return f"{title}({record.content_type}{pages}, {record.chars:,} chars) -> {record.text_file}"


def add_source(
    doc: Document, path: Path, note: int, settings: Settings
) -> tuple[SourceRecord, bool]:
    """Attach a document the user obtained (HTML, PDF, .txt, .md) to endnote `note`.

    Returns the stored record and whether anything was written (False when this very file
    was already added). Raises NotFoundError for an unknown endnote and SourceError for a
    missing, unsupported, binary or empty file.
    """
    endnote = _endnotes(doc, [note])[0]
    if not path.exists():
        raise SourceError(f"{path}: no such file", "missing_file")
    if not path.is_file():
        raise SourceError(f"{path}: is not a file", "missing_file")
    if path.suffix.lower() not in ADD_SUFFIXES:
        raise SourceError(
            f"{path}: unsupported file type {path.suffix or '(no extension)'!r}; add an HTML "
            f"page (saved as 'Web page, HTML only'), a PDF, or a .txt or .md file",
            "not_a_document",
        )
    size = path.stat().st_size
    if size > settings.sources.max_bytes:
        raise SourceError(
            f"{path}: too large ({size:,} bytes; the limit is {settings.sources.max_bytes:,})",
            "too_large",
        )
    data = path.read_bytes()
    try:
        kind = sniff(data, name=path.name)
        extracted = extract(data, kind, endnote.urls[0] if endnote.urls else None)
    except SourceError as exc:
        raise SourceError(f"{path}: {exc}", exc.code) from None
    folder = sources_dir(settings)
    try:
        old = load_record(folder, note)
    except SourceError:
        old = None
    sha = hashlib.sha256(data).hexdigest()
    if (
        old is not None
        and old.status == "added"
        and old.format == FORMAT
        and old.sha256 == sha
        and _text_present(folder, old)
    ):
        return old, False
    record = SourceRecord(
        note=note,
        status="added",
        url=endnote.urls[0] if endnote.urls else None,
        fetched_at=_now(),
        content_type=extracted.content_type,
        sha256=sha,
        size=len(data),
        title=extracted.title,
        outlet=extracted.outlet,
        published=extracted.date,
        pages=extracted.pages,
        text_file=stem(note) + TEXT_SUFFIX[extracted.kind],
        chars=len(extracted.text),
        added_from=path.name,
    )
    _write(folder, record, extracted.text, old)
    return record, True


def _write(folder: Path, record: SourceRecord, text: str, old: SourceRecord | None) -> None:
    """Write the text, then the metadata; remove a previous text file of another name."""
    assert record.text_file is not None
    _atomic_write(folder / record.text_file, text.encode("utf-8"))
    _write_json(folder, record)
    if old is not None and old.text_file and old.text_file != record.text_file:
        (folder / old.text_file).unlink(missing_ok=True)


def _write_json(folder: Path, record: SourceRecord) -> None:
    data = record.model_dump_json(indent=2) + "\n"
    _atomic_write(folder / f"{stem(record.note)}.json", data.encode("utf-8"))
    if record.status == "failed":
        for suffix in (".md", ".txt"):
            (folder / f"{stem(record.note)}{suffix}").unlink(missing_ok=True)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
