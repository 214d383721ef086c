"""Split a parsed document into citable chunks, counted in tiktoken tokens.

Paragraph first, because answers cite paragraphs: a paragraph that fits the budget is one
chunk; short neighbours in the same section are packed together (list items, front matter);
a long paragraph becomes sentence windows with about `chunk_overlap` tokens of overlap.
Chunks never cross a section boundary and always end on a sentence boundary (a single
sentence longer than the budget stays whole). Every endnote is a chunk of its own, so a
question about a source finds it. `text` is always `document.text[start:end]`; what the
model embeds (`embed_text`) also carries a short "title > section" header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import PurePosixPath
from typing import Any, Literal

from qa.settings import IndexSettings
from qa.tokens import count_tokens
from qa.types import Document, Paragraph, Section, Sentence

ChunkKind = Literal["body", "endnote", "front-matter", "back-matter"]

# Bump when the chunking rules change: the manifest records it, so old indexes rebuild.
CHUNKER_VERSION = 4
LABEL_CHARS = 70


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrievable passage; `text == document.text[start:end]`."""

    chunk_id: str
    doc_id: str
    section_id: str
    section: str
    paragraphs: tuple[int, ...]
    start: int
    end: int
    text: str
    embed_text: str
    endnotes: tuple[int, ...]
    kind: ChunkKind
    n_tokens: int
    # The page of the original the chunk starts on (sources and PDFs), else None.
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        """The inverse of `to_dict`."""
        return cls(
            **{
                **data,
                "paragraphs": tuple(data["paragraphs"]),
                "endnotes": tuple(data["endnotes"]),
            }
        )


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """A quotable sentence and where it sits: (section, paragraph number, 0-based index)."""

    doc_id: str
    section_id: str
    paragraph: int
    index: int
    start: int
    end: int
    text: str


def document_id(doc: Document) -> str:
    """A document's id: its path in the corpus without extension, e.g. 'kloppe-santamaria-2021-...'.

    A stored source is 'sources/note-13', so it never clashes with a file of the corpus.
    """
    path = PurePosixPath(doc.source)
    return str(path.with_suffix("")) if path.stem else "document"


def chunk_document(doc: Document, settings: IndexSettings) -> list[Chunk]:
    """All chunks of a document in reading order, endnote chunks where the Endnotes are."""
    doc_id = document_id(doc)
    chunks: list[Chunk] = []
    notes_done = False
    for section in doc.sections:
        if section.kind == "endnotes":
            if not notes_done:
                chunks.extend(_endnote_chunks(doc, doc_id, settings))
                notes_done = True
            continue
        chunks.extend(_section_chunks(doc, doc_id, section, settings))
    if not notes_done:
        chunks.extend(_endnote_chunks(doc, doc_id, settings))
    return chunks


def body_sentences(doc: Document) -> list[SentenceRef]:
    """Every sentence that an answer can quote, in reading order: all sections but the notes.

    Front matter and back matter count too: people ask who wrote the brief and when.
    """
    doc_id = document_id(doc)
    return [
        SentenceRef(doc_id, section.id, p.number, i, s.start, s.end, s.text)
        for section in doc.sections
        if section.kind != "endnotes"
        for p in section.paragraphs
        if quotable(doc, p)
        for i, s in enumerate(_sentences(p))
    ]


def quotable(doc: Document, paragraph: Paragraph) -> bool:
    """Whether an answer may quote the paragraph: not a short label of a source or a PDF.

    A short line that ends no sentence in an extracted document is a heading or a dateline
    ("A report of the Office"): indexed with its chunk, but it says nothing a question asks,
    and a citation names the source anyway. The brief's own title page stays quotable
    (people ask who wrote it and when).
    """
    text = paragraph.text.rstrip()
    return (
        doc.kind == "brief"
        or len(text) > LABEL_CHARS
        or re.search(r"[.!?:][\"'”’)\]]*$", text) is not None
    )


def _sentences(paragraph: Paragraph) -> tuple[Sentence, ...]:
    if paragraph.sentences:
        return paragraph.sentences
    return (Sentence(paragraph.start, paragraph.end, paragraph.text, paragraph.markers),)


def _header(doc: Document, section: Section, section_path: str) -> str:
    if doc.origin is not None:
        # A source's passages are found by what the brief calls them, too: the note, the
        # outlet, the title ("what does the ProPublica article say ...").
        origin = doc.origin
        notes = ", ".join(str(n) for n in origin.notes)
        what = ", ".join(x for x in (origin.title, origin.outlet, origin.date) if x)
        return f"Source of endnote {notes}: {what}\n{section_path}"
    if doc.kind == "document" and not section_path.startswith(doc.title):
        return f"{doc.title} > {section_path}"
    if section.kind != "front-matter":
        return section_path
    # The title page is a list of bare names and dates; labelling them lets a question such
    # as "when was it published?" or "who wrote it?" find it.
    title = f"{doc.title}: {doc.subtitle}" if doc.subtitle else doc.title
    fields = [
        ("Title", title),
        ("Author", ", ".join(doc.authors)),
        ("Date of publication", doc.date),
        ("Published in the report", doc.collection),
    ]
    return "\n".join([section_path] + [f"{label}: {value}" for label, value in fields if value])


def _section_chunks(
    doc: Document, doc_id: str, section: Section, settings: IndexSettings
) -> list[Chunk]:
    budget = settings.chunk_tokens
    chunks: list[Chunk] = []
    pending: list[Paragraph] = []
    pending_tokens = 0

    def flush() -> None:
        nonlocal pending, pending_tokens
        if pending:
            chunks.append(_packed_chunk(doc, doc_id, section, pending, settings))
        pending, pending_tokens = [], 0

    for paragraph in section.paragraphs:
        tokens = count_tokens(paragraph.text, settings.tokenizer)
        if tokens > budget:
            flush()
            chunks.extend(_window_chunks(doc, doc_id, section, paragraph, settings))
            continue
        # Pack only while the pack is still short: a substantial paragraph stands alone,
        # which keeps paragraph citations precise.
        if pending:
            # Parts counted apart can undercount the whole (the blank line between paragraphs
            # is a token too): the pack as it would stand must fit as well.
            packed = count_tokens(doc.text[pending[0].start : paragraph.end], settings.tokenizer)
            if pending_tokens >= budget // 2 or max(packed, pending_tokens + tokens) > budget:
                flush()
        pending.append(paragraph)
        pending_tokens += tokens
    flush()
    return chunks


def _packed_chunk(
    doc: Document,
    doc_id: str,
    section: Section,
    paragraphs: list[Paragraph],
    settings: IndexSettings,
) -> Chunk:
    first, last = paragraphs[0], paragraphs[-1]
    numbers = tuple(p.number for p in paragraphs)
    label = f"p{first.number}" if first is last else f"p{first.number}-{last.number}"
    notes = sorted({n for p in paragraphs for n in doc.anchored_endnotes(section.id, p.number)})
    chunk_id = f"{doc_id}/{section.id}/{label}"
    span = (first.start, last.end)
    return _make_chunk(doc, doc_id, section, chunk_id, numbers, span, tuple(notes), settings)


def _window_chunks(
    doc: Document,
    doc_id: str,
    section: Section,
    paragraph: Paragraph,
    settings: IndexSettings,
) -> list[Chunk]:
    sentences = _sentences(paragraph)
    tokens = [count_tokens(s.text, settings.tokenizer) for s in sentences]
    budget, overlap = settings.chunk_tokens, settings.chunk_overlap
    anchored = doc.anchored_endnotes(section.id, paragraph.number)
    located = {n for s in sentences for n in s.endnotes}
    chunks: list[Chunk] = []
    i, n = 0, len(sentences)
    while i < n:
        j, total = i, 0
        while j < n and (j == i or total + tokens[j] <= budget):
            total += tokens[j]
            j += 1
        # Sentences counted apart can undercount the window as it stands in the text (the
        # tokenizer merges differently across the spaces between them): shrink it to fit.
        while j - i > 1 and (
            count_tokens(doc.text[sentences[i].start : sentences[j - 1].end], settings.tokenizer)
            > budget
        ):
            j -= 1
        markers = {m for s in sentences[i:j] for m in s.endnotes}
        # A note whose marker is in another window belongs there; one without a located
        # marker (anchored by inference) goes with every window of the paragraph.
        notes = tuple(x for x in anchored if x in markers or x not in located)
        chunk_id = f"{doc_id}/{section.id}/p{paragraph.number}s{i}"
        span = (sentences[i].start, sentences[j - 1].end)
        numbers = (paragraph.number,)
        chunks.append(_make_chunk(doc, doc_id, section, chunk_id, numbers, span, notes, settings))
        if j >= n:
            break
        # Step back whole sentences for the overlap, but never as far as the window start
        # and never by more than half a budget.
        k, back = j, 0
        while k - 1 > i and back < overlap and back + tokens[k - 1] <= max(overlap, budget // 2):
            k -= 1
            back += tokens[k]
        i = k
    return chunks


def _make_chunk(
    doc: Document,
    doc_id: str,
    section: Section,
    chunk_id: str,
    paragraphs: tuple[int, ...],
    span: tuple[int, int],
    endnotes: tuple[int, ...],
    settings: IndexSettings,
) -> Chunk:
    start, end = span
    text = doc.text[start:end]
    path = doc.section_path(section.id)
    page = next((p.page for p in section.paragraphs if p.number == paragraphs[0]), None)
    if doc.origin is not None:
        endnotes = doc.origin.notes  # a source's passages are what those endnotes point to
    kind: ChunkKind = "body" if section.kind == "body" else section.kind  # type: ignore[assignment]
    return Chunk(
        chunk_id=chunk_id,
        doc_id=doc_id,
        section_id=section.id,
        section=path,
        paragraphs=paragraphs,
        start=start,
        end=end,
        text=text,
        embed_text=f"{_header(doc, section, path)}\n\n{text}",
        endnotes=endnotes,
        kind=kind,
        n_tokens=count_tokens(text, settings.tokenizer),
        page=page,
    )


def _endnote_chunks(doc: Document, doc_id: str, settings: IndexSettings) -> list[Chunk]:
    notes_sections = [s for s in doc.sections if s.kind == "endnotes"]
    chunks: list[Chunk] = []
    for note in doc.endnotes:
        home = next(
            (s for s in notes_sections if s.start <= note.start < s.end),
            notes_sections[0] if notes_sections else None,
        )
        section_id = home.id if home else "endnotes"
        section_path = doc.section_path(home.id) if home else "Endnotes"
        paragraphs = tuple(
            p.number for p in (home.paragraphs if home else ()) if p.start <= note.start < p.end
        )
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}/{section_id}/n{note.number}",
                doc_id=doc_id,
                section_id=section_id,
                section=section_path,
                paragraphs=paragraphs,
                start=note.start,
                end=note.end,
                text=note.text,
                embed_text=f"Endnote {note.number}: {note.text}",
                endnotes=(note.number,),
                kind="endnote",
                n_tokens=count_tokens(note.text, settings.tokenizer),
            )
        )
    return chunks
