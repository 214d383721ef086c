"""Typed records that flow between the pipeline stages.

Every record that points into a document carries character offsets into `Document.text`,
one cleaned text, so that `document.text[start:end]` is exactly the passage. `Document`
checks that invariant for all of its parts when it is built: a citation is only as good
as its offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

AnchorMethod = Literal["marker", "inferred"]
ParagraphKind = Literal["body", "list-item", "endnote"]
# "brief": a document whose endnotes may link sources; "source": a document behind endnotes;
# "document": another PDF or HTML file placed in the corpus (another chapter, say).
DocumentKind = Literal["brief", "source", "document"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph; `endnotes` are the markers that followed it."""

    start: int
    end: int
    text: str
    endnotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or list item, or endnote entry) of a section, numbered from 1 in it."""

    section_id: str
    number: int
    start: int
    end: int
    text: str
    sentences: tuple[Sentence, ...]
    kind: ParagraphKind = "body"
    # Endnote numbers whose markers survived in this paragraph, in order of appearance.
    markers: tuple[int, ...] = ()
    # The page of the original (a PDF's page number), when the document has pages.
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the document: its heading and its own paragraphs (not its children's)."""

    id: str
    title: str
    level: int
    parent_id: str | None
    start: int
    end: int
    heading_start: int
    heading_end: int
    paragraphs: tuple[Paragraph, ...]
    kind: Literal["front-matter", "body", "endnotes", "back-matter"] = "body"
    # The heading as it stands in the text ("" for front matter, which has none).
    heading: str = ""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an endnote is attached: a body paragraph, and how that was decided."""

    section_id: str
    paragraph: int
    method: AnchorMethod


@dataclass(frozen=True, slots=True)
class Endnote:
    """One endnote: cleaned text (offsets into the document), original text, repaired URLs."""

    number: int
    start: int
    end: int
    text: str
    raw: str
    urls: tuple[str, ...]
    anchor: Anchor | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """A change the parser made to the extracted text, kept so nothing is lost silently."""

    kind: str
    text: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a source document comes from: the brief's endnotes that link it, and what it is."""

    brief_id: str
    notes: tuple[int, ...]
    url: str | None
    title: str
    outlet: str = ""
    date: str = ""
    content_type: str = ""
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: metadata, one cleaned text, sections, endnotes, and repairs made."""

    source: str
    text: str
    title: str
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    collection: str = ""
    sections: tuple[Section, ...] = ()
    endnotes: tuple[Endnote, ...] = ()
    repairs: tuple[Repair, ...] = ()
    warnings: tuple[str, ...] = ()
    kind: DocumentKind = "brief"
    origin: SourceInfo | None = None
    _by_id: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({s.id: s for s in self.sections})
        if len(self._by_id) != len(self.sections):
            raise ValueError("section ids must be unique")
        for span, text in self._spans():
            if self.text[span[0] : span[1]] != text:
                raise ValueError(f"offsets {span} do not match their text {text[:60]!r}")

    def _spans(self) -> list[tuple[tuple[int, int], str]]:
        spans: list[tuple[tuple[int, int], str]] = []
        for section in self.sections:
            spans.append(((section.heading_start, section.heading_end), section.heading))
            for paragraph in section.paragraphs:
                spans.append(((paragraph.start, paragraph.end), paragraph.text))
                spans.extend(((s.start, s.end), s.text) for s in paragraph.sentences)
        spans.extend(((n.start, n.end), n.text) for n in self.endnotes)
        return spans

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError if there is none."""
        return self._by_id[section_id]

    def endnote(self, number: int) -> Endnote:
        """The endnote with this number; KeyError if there is none."""
        for note in self.endnotes:
            if note.number == number:
                return note
        raise KeyError(number)

    def section_path(self, section_id: str) -> str:
        """Readable title path, e.g. 'The Future of ... > 3. Address the socioeconomic ...'."""
        titles: list[str] = []
        current: str | None = section_id
        while current is not None:
            section = self._by_id[current]
            titles.append(section.title)
            current = section.parent_id
        return " > ".join(reversed(titles))

    def paragraph(self, section_id: str, number: int) -> Paragraph:
        """Paragraph `number` (1-based) of a section; KeyError if out of range."""
        paragraphs = self._by_id[section_id].paragraphs
        if not 1 <= number <= len(paragraphs):
            raise KeyError((section_id, number))
        return paragraphs[number - 1]

    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs of body sections, in document order."""
        return [p for s in self.sections if s.kind == "body" for p in s.paragraphs]

    def anchored_endnotes(self, section_id: str, number: int) -> tuple[int, ...]:
        """Numbers of the endnotes anchored to a paragraph."""
        return tuple(
            n.number
            for n in self.endnotes
            if n.anchor is not None
            and n.anchor.section_id == section_id
            and n.anchor.paragraph == number
        )


@dataclass(frozen=True, slots=True)
class EndnoteRef:
    """An endnote as a citation shows it: number, text and links."""

    number: int
    text: str
    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """What a citation into a source names: the source, its page, and where the brief links it."""

    title: str
    outlet: str
    date: str
    url: str | None
    page: int | None
    endnotes: tuple[int, ...]
    brief_section_id: str | None
    brief_section: str | None
    brief_paragraph: int | None


@dataclass(frozen=True, slots=True)
class Citation:
    """One `[marker]` of an answer: a verbatim quote from a paragraph, with where it stands."""

    marker: int
    chunk_id: str
    doc_id: str
    section_id: str
    section: str
    paragraph: int
    endnotes: tuple[int, ...]
    endnote_refs: tuple[EndnoteRef, ...]
    quote: str
    start: int
    end: int
    score: float
    document: str = ""
    document_kind: DocumentKind = "brief"
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """A section close to the question, offered when the answer abstains (and otherwise)."""

    section_id: str
    section: str
    score: float
    doc_id: str = ""  # the document the section belongs to ("" in records made by hand)


@dataclass(frozen=True, slots=True)
class Retrieved:
    """One retrieved chunk, kept on the answer so the eval can score retrieval on the same run."""

    chunk_id: str
    section_id: str
    endnotes: tuple[int, ...]
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """A composed answer: text whose every sentence ends with `[n]`, and the citations."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...]
    related: tuple[Related, ...]
    timings_ms: dict[str, float]
    language: str = "en"
    retrieved: tuple[Retrieved, ...] = ()
