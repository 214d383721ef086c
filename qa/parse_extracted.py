"""Parse extracted text (a web page's Markdown, a PDF's pages) into a Document.

The brief's own parser (qa.parse) reads a document with front matter, endnotes and pull quotes;
the documents behind the endnotes, and PDF or HTML files put in the corpus, are simpler and
more varied, so they get this plain reader: a PDF's `[page N]` lines make one section per
page (every paragraph keeps its page); otherwise Markdown `#` headings make the sections.
Paragraphs are blocks between blank lines, their hard-wrapped lines joined; Markdown emphasis
and list bullets are dropped from the text a citation quotes. Nothing here knows endnotes: a
source's numbered references are text like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa.errors import CorpusError
from qa.extract import PAGE_MARK_RE
from qa.textclean import split_sentences
from qa.types import Document, DocumentKind, Paragraph, Section, Sentence, SourceInfo

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ENDS = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_SHORT_LINE = 70  # characters: longer lines are body text however they end


@dataclass
class _Block:
    """A heading or a paragraph as read, before offsets are assigned."""

    text: str
    level: int = 0  # > 0 for a heading
    page: int | None = None


@dataclass
class _Layout:
    """The cleaned text being written, with the offsets of what was written."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> tuple[int, int]:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def next_start(self) -> int:
        """Where the next `add` will start (after the blank line that separates blocks)."""
        return self.length + (2 if self.parts else 0)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def parse_extracted(
    text: str,
    source: str,
    title: str = "",
    kind: DocumentKind = "source",
    origin: SourceInfo | None = None,
    date: str = "",
) -> Document:
    """A Document of extracted text: sections by page or by heading, paragraphs, sentences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _page_blocks(text) if PAGE_MARK_RE.search(text) else _heading_blocks(text)
    if not any(b.level == 0 for b in blocks):
        raise CorpusError(f"{source}: has no text to index.")
    if not title:
        title = next((b.text for b in blocks if b.level), "") or source
    layout, built = _lay_out(blocks, title, paged=PAGE_MARK_RE.search(text) is not None)
    return Document(
        source=source,
        text=layout.text,
        title=title,
        date=date,
        sections=tuple(built),
        kind=kind,
        origin=origin,
    )


def _page_blocks(text: str) -> list[_Block]:
    """Paragraph blocks of a PDF's text, each with its page; text before page 1 is page 1."""
    blocks: list[_Block] = []
    page, position = 1, 0
    for mark in [*PAGE_MARK_RE.finditer(text), None]:
        end = mark.start() if mark else len(text)
        blocks.extend(_Block(p, 0, page) for p in _paragraphs(text[position:end]))
        if mark:
            page, position = int(mark.group(1)), mark.end()
    return blocks


def _heading_blocks(text: str) -> list[_Block]:
    """Headings and paragraph blocks of Markdown or plain text."""
    blocks: list[_Block] = []
    pending: list[str] = []

    def flush() -> None:
        blocks.extend(_Block(p) for p in _paragraphs("\n".join(pending)))
        pending.clear()

    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            flush()
            words = _clean_inline(heading.group(2))
            if words:
                blocks.append(_Block(words, len(heading.group(1))))
        else:
            pending.append(line)
    flush()
    return blocks


def _paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, lines joined (a word hyphenated across lines rejoined)."""
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(_BULLET.match(line) for line in lines) and len(lines) > 1:
            # A list: one paragraph per item, so each item can be cited on its own.
            found.extend(p for line in lines if (p := _clean_inline(_BULLET.sub("", line))))
            continue
        for group in _line_groups(lines):
            joined = _HYPHEN_BREAK.sub(r"\1", "\n".join(group)).replace("\n", " ")
            cleaned = _clean_inline(_BULLET.sub("", joined, count=1))
            if cleaned:
                found.append(cleaned)
    return found


def _line_groups(lines: list[str]) -> list[list[str]]:
    """Split a block where a short unpunctuated line stands alone (a PDF's heading or dateline).

    PDF text often has no blank line between a heading and its paragraph: 'Funding' followed
    by 'Congress appropriated ...' must not become the sentence 'Funding Congress ...'.
    """
    groups: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        after = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        before_ends = i == 0 or bool(_ENDS.search(lines[i - 1])) or len(groups[-1]) == 0
        alone = (
            len(line.strip()) <= _SHORT_LINE
            and not _ENDS.search(line)
            and not line.rstrip().endswith((",", ";", ":", "-"))
            and before_ends
            and (not after or after[:1].isupper() or after[:1].isdigit())
        )
        if alone:
            if groups[-1]:
                groups.append([])
            groups[-1].append(line)
            groups.append([])
        else:
            groups[-1].append(line)
    return [g for g in groups if g]


def _clean_inline(text: str) -> str:
    return _SPACES.sub(" ", _EMPHASIS.sub("", text)).strip()


@dataclass
class _OpenSection:
    """A section whose paragraphs are still being read."""

    id: str
    title: str
    level: int
    parent_id: str | None
    heading_span: tuple[int, int]
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    def close(self) -> Section:
        end = self.paragraphs[-1].end if self.paragraphs else self.heading_span[1]
        return Section(
            id=self.id,
            title=self.title,
            level=self.level,
            parent_id=self.parent_id,
            start=self.heading_span[0],
            end=end,
            heading_start=self.heading_span[0],
            heading_end=self.heading_span[1],
            paragraphs=tuple(self.paragraphs),
            heading=self.heading,
        )


def _lay_out(blocks: list[_Block], title: str, paged: bool) -> tuple[_Layout, list[Section]]:
    """Write the cleaned text and build sections: one per page, or one per heading."""
    layout = _Layout()
    done: list[_OpenSection] = []
    used: set[str] = set()
    stack: list[_OpenSection] = []  # the open headings, outermost first

    def open_section(slug: str, name: str, level: int, heading: str = "") -> _OpenSection:
        span = layout.add(heading) if heading else (layout.next_start(),) * 2
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1].id if stack else None
        section = _OpenSection(_unique(slug, used), name, level, parent, span, heading)
        stack.append(section)
        done.append(section)
        return section

    current: _OpenSection | None = None
    page: int | None = None
    for block in blocks:
        if block.level:
            current = open_section(_slug(block.text), block.text, block.level, block.text)
            continue
        if paged and block.page != page:
            page = block.page
            current = open_section(f"page-{page}", f"Page {page}", 1)
        elif current is None:
            current = open_section("text", title, 1)
        start, end = layout.add(block.text)
        sentences = tuple(
            Sentence(start + s, start + e, block.text[s:e]) for s, e in split_sentences(block.text)
        )
        current.paragraphs.append(
            Paragraph(
                section_id=current.id,
                number=len(current.paragraphs) + 1,
                start=start,
                end=end,
                text=block.text,
                sentences=sentences,
                page=block.page,
            )
        )
    # A heading with nothing under it and no sub-sections is dropped; its text stays.
    parents = {s.parent_id for s in done}
    kept = [s for s in done if s.paragraphs or s.id in parents]
    return layout, [s.close() for s in kept]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "section"


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 1
    while candidate in used:
        candidate = f"{slug}-{n}"
        n += 1
    used.add(candidate)
    return candidate
