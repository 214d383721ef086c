"""Everything that is indexed: the documents in the corpus folder and the brief's stored sources.

- `.txt` and `.md` files in `corpus/` are briefs (qa.parse: front matter, endnotes, anchors);
- `.pdf` and `.html` files there are documents of their own (another chapter, say), extracted
  as `qa sources add` does and read by qa.parse_extracted;
- `corpus/sources/note-NN.*` (qa.sources) are the documents behind the brief's endnotes. The
  same bytes stored for several endnotes (one link cited twice) are one document that names
  every endnote linking it. A stored source the brief no longer has an endnote for, or whose
  files are damaged, is skipped with a warning rather than failing the whole corpus.

The brief that sources attach to is the brief with the most endnotes (the first by file name
on a tie): the default corpus holds one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from qa.chunking import document_id
from qa.errors import CorpusError, SourceError
from qa.settings import Settings
from qa.types import Document, SourceInfo

if TYPE_CHECKING:
    from qa.sources import SourceRecord

BRIEF_SUFFIXES = (".txt", ".md", ".markdown")
EXTRACTED_SUFFIXES = (".pdf", ".html", ".htm", ".xhtml")
CORPUS_SUFFIXES = BRIEF_SUFFIXES + EXTRACTED_SUFFIXES

Warn = Callable[[str], None]

_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,300}?)[,.]?[\"“”]")
_DATE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?:\d{1,2},\s+)?\d{4}|\d{4}-\d{2}-\d{2})\b"
)
_NOT_OUTLET = re.compile(
    r"^(?:available|accessed|last\b|updated|retrieved|pp?\.|vol\.|no\.|report\b|"
    r"press release|\d)|https?://|www\.",
    re.IGNORECASE,
)
_ORGANIZATION = re.compile(
    r"\b(?:Department|Service|Commission|Group|Institute|Office|Agency|Ministry|Secretar\w*|"
    r"Council|Center|Centre|Bureau|Court|Committee|Congress|Government|Instituto|Secretaría)\b"
)


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The document files directly in the corpus folder, in name order."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES
    )


def load_documents(settings: Settings, warn: Warn | None = None) -> list[Document]:
    """Every document to index: the corpus files, then the stored sources of the brief."""
    corpus_dir = Path(settings.corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found.")
    files = corpus_files(corpus_dir)
    if not files:
        raise CorpusError(f"{corpus_dir}: holds no documents ({', '.join(CORPUS_SUFFIXES)} files).")
    documents = [_read_file(p) for p in files]
    _check_unique_ids(documents)
    brief = main_brief(documents)
    if brief is not None:
        documents.extend(source_documents(brief, settings, warn or (lambda _: None)))
    return documents


def load_brief(settings: Settings) -> Document:
    """The brief of the corpus (what `qa sources` and `qa show` work on), parsed alone."""
    from qa.parse import load_corpus

    brief = main_brief(load_corpus(Path(settings.corpus_dir)))
    assert brief is not None  # load_corpus returns briefs, and at least one
    return brief


def _check_unique_ids(documents: list[Document]) -> None:
    """Two files with one name and two extensions would be one document id: refuse."""
    seen: dict[str, str] = {}
    for doc in documents:
        doc_id = document_id(doc)
        if doc_id in seen:
            raise CorpusError(
                f"{seen[doc_id]} and {doc.source} would both be the document {doc_id!r}; "
                "rename one of them."
            )
        seen[doc_id] = doc.source


def main_brief(documents: list[Document]) -> Document | None:
    """The brief the stored sources belong to: the one with the most endnotes."""
    briefs = [d for d in documents if d.kind == "brief"]
    if not briefs:
        return None
    return max(briefs, key=lambda d: (len(d.endnotes), -briefs.index(d)))


def _read_file(path: Path) -> Document:
    from qa.parse import parse_file

    if path.suffix.lower() in BRIEF_SUFFIXES:
        return parse_file(path)
    from qa.extract import extract, sniff
    from qa.parse_extracted import parse_extracted

    try:
        data = path.read_bytes()
        extracted = extract(data, sniff(data, name=path.name))
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    except SourceError as exc:
        raise CorpusError(f"{path}: {exc}; remove it from the corpus or replace it.") from exc
    date = extracted.date
    return parse_extracted(extracted.text, path.name, extracted.title, "document", date=date)


def source_documents(brief: Document, settings: Settings, warn: Warn) -> list[Document]:
    """The brief's stored sources as documents, one per distinct document (by sha256)."""
    from qa.sources import sources_dir

    folder = sources_dir(settings)
    if not folder.is_dir():
        return []
    same_bytes: dict[str, list[SourceRecord]] = {}
    for record in _stored_records(brief, folder, warn):
        same_bytes.setdefault(record.sha256 or str(record.text_file), []).append(record)
    documents = []
    for records in same_bytes.values():
        doc = _source_document(brief, folder, records, warn)
        if doc is not None:
            documents.append(doc)
    return documents


def _stored_records(brief: Document, folder: Path, warn: Warn) -> list[SourceRecord]:
    """The records of stored sources that can be indexed, in endnote order."""
    from qa.sources import load_record

    records = []
    for path in sorted(folder.glob("note-*.json")):
        number = _note_number(path)
        if number is None:
            continue
        try:
            record = load_record(folder, number)
        except SourceError as exc:
            warn(f"skipped a source: {exc}")
            continue
        if record is None or record.status == "failed" or not record.text_file:
            continue
        if not any(n.number == number for n in brief.endnotes):
            warn(f"skipped {path.name}: the brief has no endnote {number}")
            continue
        if not (folder / record.text_file).is_file():
            warn(f"skipped {path.name}: its text file {record.text_file} is missing")
            continue
        records.append(record)
    return records


def _source_document(
    brief: Document, folder: Path, records: list[SourceRecord], warn: Warn
) -> Document | None:
    """One stored document (the first of `records`, which share its bytes) as a Document."""
    from qa.parse_extracted import parse_extracted

    record = records[0]
    text_file = str(record.text_file)
    cited_title, cited_outlet, cited_date = cited_work(brief.endnote(record.note).text)
    origin = SourceInfo(
        brief_id=document_id(brief),
        notes=tuple(sorted(r.note for r in records)),
        url=record.final_url or record.url,
        title=record.title or cited_title,
        outlet=record.outlet or cited_outlet,
        date=record.published or cited_date,
        content_type=record.content_type or "",
        sha256=record.sha256 or "",
    )
    try:
        text = (folder / text_file).read_text(encoding="utf-8")
        return parse_extracted(
            text, f"sources/{text_file}", origin.title, "source", origin, origin.date
        )
    except (OSError, UnicodeDecodeError, CorpusError) as exc:
        warn(f"skipped {text_file}: {exc}")
        return None


def _note_number(path: Path) -> int | None:
    match = re.fullmatch(r"note-(\d{1,3})\.json", path.name)
    return int(match.group(1)) if match else None


def cited_work(note: str) -> tuple[str, str, str]:
    """(title, outlet, date) as an endnote states them, '' for what it does not say.

    >>> cited_work('Thompson, Ginger. "How the U.S. triggered a massacre," ProPublica, '
    ...            'June 12, 2017, available at: https://example.org/a')
    ('How the U.S. triggered a massacre', 'ProPublica', 'June 12, 2017')
    """
    quoted = _QUOTED.search(note)
    title = quoted.group(1).strip() if quoted else ""
    # Dates hold commas of their own ("June 29, 2017"): take them out before splitting.
    rest = _DATE.sub("", note[quoted.end() :]) if quoted else ""
    outlet = ""
    for part in re.split(r"[,;]", rest):
        part = re.sub(r"^in\s+", "", part.strip(" ."))
        if part and not _NOT_OUTLET.search(part):
            outlet = part
            break
    author = note[: quoted.start()].strip(" ,.;") if quoted else ""
    if not outlet and _ORGANIZATION.search(author):
        # An agency that published its own report: 'Congressional Research Service (CRS), "..."'.
        outlet = author
    date = _DATE.search(note)
    return title, outlet, date.group(0) if date else ""
