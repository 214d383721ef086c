"""Request and response models of the HTTP API, kept apart from the internal records.

The field names of `AnswerOut` and `CitationOut` are a contract other programs rely on.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from qa.answer import MAX_QUESTION_CHARS
from qa.types import Answer, Document, SourceRef

MAX_TOP_K = 20
# Text that is not only spaces and control characters (which the pipeline removes before it
# searches); stated in the OpenAPI schema so that clients and fuzzers know the rule, enforced
# by the validators with a message written for people rather than the pattern's. Anchored and
# spelled out because schemathesis reads an unanchored pattern as a whole-string one and
# ignores one with a surrogate range (lone surrogates are still refused, by the pipeline).
HAS_TEXT = r"^[\s\S]*[^\s\x00-\x1f\x7f][\s\S]*$"
_HAS_TEXT = re.compile(HAS_TEXT)


def has_text(value: str) -> bool:
    """Whether `value` has a character the pipeline keeps: "  \n" -> False, " a " -> True."""
    return _HAS_TEXT.search(value) is not None


def _json_number(value: object) -> object:
    # Pydantic's lax mode reads `true` as 1 and "5" as 5; JSON Schema calls neither a number.
    # Strict mode would also refuse 5.0, which JSON Schema does call an integer.
    if isinstance(value, bool | str | bytes):
        raise ValueError("Input should be a number, not a boolean or a string")
    return value


# Input numbers as the OpenAPI schema defines them (5 and 5.0 are integers; true, "5" are not).
JsonInt = Annotated[int, BeforeValidator(_json_number)]
JsonFloat = Annotated[float, BeforeValidator(_json_number)]


class AnswerRequest(BaseModel):
    """A question about the brief."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "How many people were extradited under Calderón?", "top_k": 5}
            ]
        },
    )

    question: str = Field(
        ...,
        min_length=1,
        max_length=MAX_QUESTION_CHARS,
        description="The question, in English or Spanish.",
        json_schema_extra={"pattern": HAS_TEXT},
    )
    top_k: JsonInt = Field(
        5, ge=1, le=MAX_TOP_K, description="How many retrieved passages to consider."
    )

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not has_text(value):
            raise ValueError("the question is empty: ask something about the brief")
        return value


class EndnoteRefOut(BaseModel):
    number: int
    text: str
    urls: list[str]


class SourceOut(BaseModel):
    """For a quote from a document behind the brief's endnotes: what it is and how it is linked."""

    title: str
    outlet: str = Field(description="Publisher, outlet or agency ('' when unknown).")
    date: str = Field(description="Publication date as the source or the endnote gives it.")
    url: str | None = Field(description="The original document.")
    page: int | None = Field(description="Page of the original (PDF), when it has pages.")
    endnotes: list[int] = Field(description="The brief's endnotes that link this source.")
    brief_section_id: str | None = Field(description="Where the brief anchors that endnote.")
    brief_section: str | None
    brief_paragraph: int | None


class CitationOut(BaseModel):
    marker: int = Field(description="The [n] in the answer text.")
    chunk_id: str
    doc_id: str
    section_id: str
    section: str = Field(description="Readable section path (inside the cited document).")
    paragraph: int = Field(description="Paragraph number within the section, from 1.")
    endnotes: list[int] = Field(
        description="Endnotes anchored to that paragraph; for a source, the endnotes linking it."
    )
    endnote_refs: list[EndnoteRefOut]
    quote: str = Field(description="The cited sentence, verbatim.")
    start: int = Field(description="Character offset of the quote in the document text.")
    end: int
    score: float
    document: str = Field("", description="Title of the cited document.")
    document_kind: Literal["brief", "source", "document"] = Field(
        "brief",
        description="`brief`, `source` (a document behind an endnote) or `document` (another "
        "file of the corpus).",
    )
    source: SourceOut | None = Field(None, description="Set when the quote is from a source.")


class EndnoteRefIn(EndnoteRefOut):
    """An endnote reference as a client sends it back with feedback."""

    number: JsonInt


class CitationIn(CitationOut):
    """A citation as a client sends it back with feedback: numbers must be numbers."""

    marker: JsonInt
    paragraph: JsonInt
    endnotes: list[JsonInt]
    endnote_refs: list[EndnoteRefIn]  # type: ignore[assignment]  # narrower, on purpose
    start: JsonInt
    end: JsonInt
    score: JsonFloat


class RelatedOut(BaseModel):
    section_id: str
    section: str
    score: float
    doc_id: str = Field("", description="The document the section belongs to.")


class AnswerOut(BaseModel):
    question: str
    answer: str = Field(description="The answer; every sentence ends with its [n] marker.")
    abstained: bool = Field(description="True when the brief does not say.")
    citations: list[CitationOut]
    related: list[RelatedOut]
    timings_ms: dict[str, float]
    language: str

    @classmethod
    def of(cls, answer: Answer) -> AnswerOut:
        """The public view of an internal Answer."""
        return cls(
            question=answer.question,
            answer=answer.answer,
            abstained=answer.abstained,
            citations=[
                CitationOut(
                    marker=c.marker,
                    chunk_id=c.chunk_id,
                    doc_id=c.doc_id,
                    section_id=c.section_id,
                    section=c.section,
                    paragraph=c.paragraph,
                    endnotes=list(c.endnotes),
                    endnote_refs=[
                        EndnoteRefOut(number=r.number, text=r.text, urls=list(r.urls))
                        for r in c.endnote_refs
                    ],
                    quote=c.quote,
                    start=c.start,
                    end=c.end,
                    score=c.score,
                    document=c.document,
                    document_kind=c.document_kind,
                    source=_source_out(c.source),
                )
                for c in answer.citations
            ],
            related=[
                RelatedOut(
                    section_id=r.section_id, section=r.section, score=r.score, doc_id=r.doc_id
                )
                for r in answer.related
            ],
            timings_ms=dict(answer.timings_ms),
            language=answer.language,
        )


def _source_out(source: SourceRef | None) -> SourceOut | None:
    return None if source is None else SourceOut(**asdict(source))


class SearchHitOut(BaseModel):
    rank: int
    chunk_id: str
    doc_id: str
    section_id: str
    section: str
    paragraphs: list[int]
    endnotes: list[int] = Field(description="Endnotes anchored there; for a source, linking it.")
    page: int | None = Field(None, description="Page of the original, for paged documents.")
    text: str
    score: float
    dense_score: float | None
    bm25_score: float | None


class SearchOut(BaseModel):
    query: str
    hits: list[SearchHitOut]


class SectionSummaryOut(BaseModel):
    id: str
    title: str
    path: str
    level: int
    parent_id: str | None
    kind: str
    paragraph_count: int


class ParagraphOut(BaseModel):
    number: int
    kind: str
    start: int
    end: int
    text: str
    endnotes: list[int]


class SectionOut(SectionSummaryOut):
    start: int
    end: int
    paragraphs: list[ParagraphOut]


class EndnoteOut(BaseModel):
    number: int
    text: str
    raw: str
    urls: list[str]
    section_id: str | None
    section: str | None
    paragraph: int | None
    anchor: str | None
    start: int
    end: int


class DocumentOut(BaseModel):
    """An indexed document, as citations name it (`doc_id`)."""

    doc_id: str
    kind: Literal["brief", "source", "document"]
    title: str
    date: str
    file: str = Field(description="Its file in the corpus folder.")
    section_count: int
    endnotes: list[int] = Field(description="For a source: the brief's endnotes that link it.")
    url: str | None = Field(None, description="For a source: the original document.")
    outlet: str = ""

    @classmethod
    def of(cls, doc_id: str, doc: Document) -> DocumentOut:
        origin = doc.origin
        return cls(
            doc_id=doc_id,
            kind=doc.kind,
            title=doc.title,
            date=doc.date,
            file=doc.source,
            section_count=len(doc.sections),
            endnotes=list(origin.notes) if origin else [],
            url=origin.url if origin else None,
            outlet=origin.outlet if origin else "",
        )


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable code for programs, e.g. `not_found`, `unauthorized`.")
    message: str = Field(description="What went wrong and what to do, written for people.")


class ErrorOut(BaseModel):
    """The body of every error response (4xx and 5xx)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"error": {"code": "not_found", "message": "no endnote 99; ..."}}]
        }
    )

    error: ErrorDetail
