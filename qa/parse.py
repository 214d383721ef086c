"""Parse a plain-text or Markdown document (such as a brief extracted from a PDF) into a Document.

Design: the text is cut into blocks at blank lines, and each block into items (a list item, an
endnote entry, a line of a heading). Items are classified by general rules (a short
title-cased line alone is a heading; `N. ...` alone between paragraphs is a numbered
sub-section; a quoted block that repeats other text is a pull quote; a lone markup fragment is
a stray line), the front matter before the first real section yields title, author and date,
and body paragraphs that a page break or a pull quote split are joined back. Then markers are
taken out of the text, sentences are split, everything is laid out in one cleaned text with
offsets, and every endnote is anchored to a body paragraph (see `qa.anchoring`).

Concessions: headings are recognised by shape, so a heading written as a full sentence with a
final period is read as a paragraph unless it is numbered; a document with no headings is
one section named after the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from qa.anchoring import infer_anchors
from qa.errors import CorpusError
from qa.textclean import (
    collapse_repeats,
    containment,
    ends_sentence,
    extract_markers,
    shingles,
    split_sentences,
    words,
)
from qa.types import (
    Anchor,
    Document,
    Endnote,
    Paragraph,
    ParagraphKind,
    Repair,
    Section,
    Sentence,
)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"^(?:(?:{_MONTHS})\s+(?:\d{{1,2}},\s+)?\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})$")
_BYLINE = re.compile(r"^(?:By|Author[s]?:)\s+(.+)$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•]\s+)(?=\S)")
_NOTE_ENTRY = re.compile(r"^(?:[-*•]\s+)?(?:\[\^?(\d{1,3})\]:?|(\d{1,3})\.(?=\s))\s*")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NOTES_TITLE = re.compile(
    r"^(?:end\s*notes|notes|references|sources|bibliography|works cited|footnotes)$", re.I
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SMALL_WORDS = {
    "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from",
    "under", "towards", "toward", "into", "as", "vs", "de", "la", "el", "y", "del",
}  # fmt: skip
_QUOTES_OPEN = "\"“'‘"
_QUOTES_CLOSE = "\"”'’"


@dataclass
class Item:
    """One piece of the source: a line group that is a heading, paragraph, list item or note."""

    text: str
    line: int
    kind: str = "prose"  # heading | numbered | prose | list | note | stray | pullquote
    level: int = 1
    number: int = 0
    lines: int = 1
    short_lines: bool = False


@dataclass
class _Section:
    title: str
    heading: str
    level: int
    number: int = 0
    kind: str = "body"
    items: list[Item] = field(default_factory=list)
    id: str = ""
    parent: _Section | None = None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, with an error that says what is wrong and what to do."""
    if not path.exists():
        raise CorpusError(f"{path}: no such file. Check the path, or put documents in corpus/.")
    if path.is_dir():
        raise CorpusError(f"{path}: is a folder, not a document.")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise CorpusError(
            f"{path}: looks like a binary file (it contains NUL bytes); "
            "give a UTF-8 text or Markdown file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: is not UTF-8 text (bad byte at offset {exc.start}); "
            "convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`."
        ) from None
    if not text.strip():
        raise CorpusError(f"{path}: is empty; there is nothing to index.")
    return text


def parse_file(path: Path) -> Document:
    """Parse one .txt or .md file into a Document."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise CorpusError(
            f"{path}: unsupported file type {path.suffix!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}."
        )
    return parse_text(read_text(path), source=path.name)


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Parse every supported document in a folder, in name order."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"{corpus_dir}: corpus folder not found.")
    files = sorted(
        p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
    )
    if not files:
        raise CorpusError(
            f"{corpus_dir}: holds no documents ({', '.join(SUPPORTED_SUFFIXES)} files)."
        )
    return [parse_file(p) for p in files]


def parse_text(text: str, source: str = "document.txt") -> Document:
    """Parse the text of one document.

    >>> doc = parse_text("# Title\\n\\n## Part\\n\\nA sentence.[1]\\n\\n## Notes\\n\\n[1] A note.")
    >>> doc.title, [s.id for s in doc.sections], doc.endnotes[0].anchor.method
    ('Title', ['front-matter', 'part', 'notes'], 'marker')
    """
    if not text.strip():
        raise CorpusError(f"{source}: is empty; there is nothing to index.")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    markdown = any(_MD_HEADING.match(line) for line in text.split("\n"))
    repairs: list[Repair] = []
    items = _items(text, markdown)
    _mark_pull_quotes(items, repairs)
    _mark_strays(items, repairs)
    meta, sections = _structure(items, markdown, source)
    notes_raw = _collect_notes(sections, repairs)
    _join_split_paragraphs(sections, repairs)
    return _assemble(source, meta, sections, notes_raw, repairs)


# ---------------------------------------------------------------------------- items


def _items(text: str, markdown: bool) -> list[Item]:
    items: list[Item] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            block.append((number, line.strip()))
            continue
        if block:
            items.extend(_block_items(block, markdown))
            block = []
    return items


def _block_items(block: list[tuple[int, str]], markdown: bool) -> list[Item]:
    """Split a block into items: headings, list items and notes start new items."""
    items: list[Item] = []
    current: list[tuple[int, str]] = []

    def flush() -> None:
        if current:
            texts = [t for _, t in current]
            item = Item(" ".join(texts), current[0][0], lines=len(texts))
            item.short_lines = len(texts) >= 3 and max(len(t) for t in texts) <= 25
            items.append(item)
            current.clear()

    for number, line in block:
        heading = _MD_HEADING.match(line) if markdown else None
        if heading:
            flush()
            items.append(Item(heading.group(2), number, kind="heading", level=len(heading[1])))
            continue
        starts_item = bool(_BULLET.match(line) or _NOTE_ENTRY.match(line))
        if starts_item and (current or len(block) > 1):
            flush()
        current.append((number, line))
    flush()
    for item in items:
        if item.kind == "heading":
            continue
        note = _NOTE_ENTRY.match(item.text)
        if note and (note.group(1) or not markdown):
            item.number = int(note.group(1) or note.group(2))
            item.kind = "note-or-numbered"
        elif _BULLET.match(item.text) or (markdown and _NUMBERED.match(item.text)):
            item.kind = "list"
    return items


def _is_title_like(text: str) -> bool:
    """A short line in title case, not ending like a sentence ('Key Policy Recommendations')."""
    if not text:  # a line that was only markup ("<u></u>") is empty once the tags go
        return False
    if len(text) > 110 or text.endswith((".", ",", ";", "!", "?")) or text[0] in _QUOTES_OPEN:
        return False
    tokens = re.findall(r"[\w'’.\-]+", text)
    if not tokens or len(tokens) > 14 or not (text[0].isupper() or text[0].isdigit()):
        return False
    significant = [t for t in tokens if t.lower() not in _SMALL_WORDS and t[0].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for t in significant if t[0].isupper())
    return capitalised / len(significant) >= 0.75


# ---------------------------------------------------------------- pull quotes, strays


def _strip_quote(text: str) -> str:
    inner = text.strip().strip(_QUOTES_OPEN + _QUOTES_CLOSE).strip()
    return re.sub(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$", "", inner).strip()


def _mark_pull_quotes(items: list[Item], repairs: list[Repair]) -> None:
    """A quote or sidebar set apart that repeats text found elsewhere is a pull quote."""
    texts = [it.text for it in items]
    counts: dict[tuple[str, ...], int] = {}
    own = [shingles(words(t)) for t in texts]
    for sh in own:
        for s in sh:
            counts[s] = counts.get(s, 0) + 1
    for i, item in enumerate(items):
        if item.kind != "prose":
            continue
        quoted = item.text[:1] in _QUOTES_OPEN and item.text.rstrip()[-1:] in _QUOTES_CLOSE
        if not (quoted or item.short_lines):
            continue
        inner = _strip_quote(item.text) if quoted else item.text
        inner_sh = shingles(words(inner))
        if len(words(inner)) < 5 or not inner_sh:
            continue
        elsewhere = sum(1 for s in inner_sh if counts.get(s, 0) - (s in own[i]) > 0)
        if elsewhere / len(inner_sh) >= 0.8:
            item.kind = "pullquote"
            kind = "pull-quote" if quoted else "sidebar"
            repairs.append(Repair(kind, item.text, f"line {item.line}: repeats body text"))
            continue


def _mark_strays(items: list[Item], repairs: list[Repair]) -> None:
    """Lone fragments (markup bits, contact lines, page numbers) are not paragraphs."""
    for item in items:
        if item.kind not in ("prose", "note-or-numbered"):
            continue
        plain = _TAG.sub("", item.text).strip()
        tokens = plain.split()
        # Word by word, and only words that can be an address: over a long run of
        # non-spaces the search backtracks in quadratic time (seconds for 10,000 chars).
        contact = len(tokens) <= 8 and any(
            "@" in t and len(t) <= 320 and re.search(r"\S+@\S+\.\w+", t) for t in tokens
        )
        fragment = len(tokens) <= 2 and not ends_sentence(plain) and not _is_title_like(plain)
        fragment = fragment or plain.isdigit() or re.fullmatch(r"(?i)page \d+", plain) is not None
        markup_only = plain != item.text.strip() and len(tokens) <= 2
        if contact or (fragment and (markup_only or len(plain) <= 12)):
            item.kind = "stray"
            repairs.append(Repair("stray-line", item.text, f"line {item.line}: not a paragraph"))


# ------------------------------------------------------------------------- structure


@dataclass
class _Meta:
    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    collection: str = ""


def _structure(items: list[Item], markdown: bool, source: str) -> tuple[_Meta, list[_Section]]:
    live = [it for it in items if it.kind not in ("pullquote",)]
    if markdown:
        return _structure_markdown(live, source)
    return _structure_plain(live, source)


def _front_matter_meta(front: list[Item]) -> tuple[_Meta, list[str]]:
    """Title, subtitle, authors, date and collection from the lines before the first section."""
    meta = _Meta()
    groups: list[tuple[str, str]] = []
    byline_at = -1
    paragraphs: list[str] = []
    i = 0
    lines = [it.text for it in front if it.kind not in ("stray",)]
    while i < len(lines):
        line = lines[i]
        if _DATE.match(line):
            meta.date = meta.date or line
            paragraphs.append(line)
        elif _BYLINE.match(line):
            names = re.split(r",\s*|\s+and\s+|\s*&\s*", _BYLINE.match(line)[1])  # type: ignore[index]
            meta.authors = tuple(n.strip() for n in names if n.strip())
            byline_at = len(groups)
            paragraphs.append(line)
        elif line.endswith(":") and i + 1 < len(lines) and _is_title_like(lines[i + 1]):
            groups.append((line[:-1].strip(), lines[i + 1]))
            paragraphs.append(f"{line} {lines[i + 1]}")
            i += 1
        else:
            groups.append((line, ""))
            paragraphs.append(line)
        i += 1
    if groups:
        # In a report's chapter the chapter title follows the byline; else the first title.
        chosen = byline_at if 0 <= byline_at < len(groups) else len(groups) - 1
        if byline_at < 0 and len(groups) > 1:
            chosen = 0
        meta.title, meta.subtitle = groups[chosen]
        others = [": ".join(p for p in g if p) for j, g in enumerate(groups) if j < chosen]
        meta.collection = "; ".join(others)
    return meta, paragraphs


def _structure_plain(items: list[Item], source: str) -> tuple[_Meta, list[_Section]]:
    content_kinds = ("prose", "list", "note-or-numbered")
    single = [it.lines == 1 and it.kind == "prose" and _is_title_like(it.text) for it in items]
    # The first heading followed by content starts the body; what precedes it is front matter.
    first = next(
        (
            i
            for i, it in enumerate(items)
            if single[i]
            and i + 1 < len(items)
            and items[i + 1].kind in content_kinds
            and not single[i + 1]
        ),
        None,
    )
    meta = _Meta()
    sections: list[_Section] = []
    if first is None:
        title = Path(source).stem.replace("-", " ").replace("_", " ")
        section = _Section(title, "", 1)
        section.items = [it for it in items if it.kind != "stray"]
        meta.title = title
        return meta, [section]
    front = items[:first]
    if front:
        meta, paragraphs = _front_matter_meta(front)
        fm = _Section("Front matter", "", 1, kind="front-matter")
        fm.items = [Item(p, 0) for p in paragraphs]
        sections.append(fm)
    top: _Section | None = None
    current: _Section | None = None
    in_notes = False
    after_notes = False
    for i, item in enumerate(items[first:], start=first):
        if single[i]:
            in_notes = bool(_NOTES_TITLE.match(item.text))
            after_notes = after_notes or (
                not in_notes and any(s.kind == "endnotes" for s in sections)
            )
            kind = "endnotes" if in_notes else ("back-matter" if after_notes else "body")
            current = top = _Section(item.text, item.text, 1, kind=kind)
            sections.append(current)
            continue
        assert current is not None
        numbered = _NUMBERED.match(item.text)
        if (
            not in_notes
            and numbered
            and item.lines == 1
            and top is not None
            and len(item.text.split()) <= 40
            and i + 1 < len(items)
            and items[i + 1].kind == "prose"
            and int(numbered.group(1)) == _next_number(sections, top)
        ):
            current = _Section(item.text, item.text, 2, number=int(numbered.group(1)))
            current.parent = top
            current.kind = top.kind
            sections.append(current)
            continue
        if item.kind == "note-or-numbered" and not in_notes:
            item.kind = "prose"
        current.items.append(item)
    if not meta.title:
        meta.title = sections[0].title if sections else Path(source).stem
    return meta, sections


def _next_number(sections: list[_Section], top: _Section) -> int:
    children = [s for s in sections if s.parent is top]
    return children[-1].number + 1 if children else 1


def _structure_markdown(items: list[Item], source: str) -> tuple[_Meta, list[_Section]]:
    meta = _Meta()
    headings = [it for it in items if it.kind == "heading"]
    title_level = min((h.level for h in headings), default=1)
    titles = [h for h in headings if h.level == title_level]
    # A single top-level heading is the document's title; its children are the sections.
    doc_title = titles[0] if len(titles) == 1 and headings[0] is titles[0] else None
    base = title_level + (1 if doc_title else 0)
    sections: list[_Section] = []
    front: list[Item] = []
    current: _Section | None = None
    parents: dict[int, _Section] = {}
    after_notes = False
    for item in items:
        if item is doc_title:
            continue
        if item.kind == "heading":
            level = max(1, item.level - base + 1)
            in_notes = bool(_NOTES_TITLE.match(item.text))
            after_notes = after_notes or (
                not in_notes and any(s.kind == "endnotes" for s in sections)
            )
            current = _Section(item.text, item.text, level)
            current.kind = "endnotes" if in_notes else ("back-matter" if after_notes else "body")
            numbered = _NUMBERED.match(item.text)
            current.parent = parents.get(level - 1) if level > 1 else None
            if current.parent and current.parent.kind != "body":
                current.kind = current.parent.kind
            if numbered:
                current.number = int(numbered.group(1))
            parents[level] = current
            sections.append(current)
            continue
        if current is None:
            front.append(item)
        else:
            if item.kind == "note-or-numbered" and current.kind != "endnotes":
                item.kind = "prose"
            current.items.append(item)
    if front or doc_title:
        meta, paragraphs = _front_matter_meta(front)
        if doc_title:
            meta.collection = "; ".join(p for p in (meta.collection, meta.title) if p)
            meta.title = doc_title.text
            if ":" in meta.title and not meta.subtitle:
                meta.title, meta.subtitle = (p.strip() for p in meta.title.split(":", 1))
        if doc_title:
            paragraphs.insert(0, doc_title.text)
        if paragraphs:
            fm = _Section("Front matter", "", 1, kind="front-matter")
            fm.items = [Item(p, 0) for p in paragraphs]
            sections.insert(0, fm)
    if not sections:
        title = Path(source).stem.replace("-", " ").replace("_", " ")
        section = _Section(title, "", 1)
        section.items = [it for it in items if it.kind not in ("stray", "heading")]
        sections = [section]
    meta.title = meta.title or Path(source).stem
    return meta, sections


# ----------------------------------------------------------------------------- notes


@dataclass
class _RawNote:
    number: int
    raw: str
    text: str
    urls: tuple[str, ...]


def _collect_notes(sections: list[_Section], repairs: list[Repair]) -> list[_RawNote]:
    notes: list[_RawNote] = []
    for section in sections:
        if section.kind != "endnotes":
            continue
        for item in section.items:
            if item.kind == "note-or-numbered":
                entry = _NOTE_ENTRY.match(item.text)
                assert entry is not None
                if any(n.number == item.number for n in notes):
                    # Markers point at numbers: a second note 3 would make "note 3" ambiguous
                    # and take the first one's place in the text. The first is kept.
                    detail = f"line {item.line}: a second note {item.number}"
                    repairs.append(Repair("duplicate-note", item.text, detail))
                    continue
                notes.append(_RawNote(item.number, item.text, item.text[entry.end() :], ()))
            elif notes and re.match(r"(?:https?://|www\.)", item.text):
                # A link that the extraction pushed onto a line of its own.
                notes[-1].raw += "\n\n" + item.text
                notes[-1].text += " " + item.text
                repairs.append(
                    Repair("note-continuation", item.text, f"joined to note {notes[-1].number}")
                )
            elif item.kind != "stray":
                repairs.append(Repair("stray-line", item.text, f"line {item.line}: in the notes"))
        section.items = []
    for note in notes:
        note.text, note.urls = _clean_note(note.text)
    return notes


def _clean_note(text: str) -> tuple[str, tuple[str, ...]]:
    """Drop emphasis markup and repair URLs broken by stray spaces.

    >>> _clean_note("Report, at: https://x.gov/ cache/a b.pdf")
    ('Report, at: https://x.gov/cache/a_b.pdf', ('https://x.gov/cache/a_b.pdf',))
    """
    text = _TAG.sub("", text)
    text = re.sub(r"(?<!\w)\*([^*]+)\*(?!\w)", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()

    def mend(m: re.Match[str]) -> str:
        url = m.group(0)
        url = re.sub(r"/ +", "/", url)
        tail = m.string[m.end() :]
        return url + tail

    # A space right after a slash inside a link is extraction damage ("gov/ cache/...").
    while True:
        m = re.search(r"((?:https?://|www\.)\S*/) +(?=[\w\-])", text)
        if not m:
            break
        text = text[: m.end(1)] + text[m.end() :]
    # Underlined links lose their underscores: a link at the end of a note followed by
    # lowercase words ending in a file name ("envipe2019 presentacion nacional.pd").
    m = re.search(r"((?:https?://|www\.)\S+)((?: [a-z0-9\-]+)+\.[a-z]{2,4})$", text)
    if m:
        text = text[: m.start()] + m.group(1) + m.group(2).replace(" ", "_")
    urls = tuple(u.rstrip(".,;)") for u in _URL.findall(text))
    _ = mend
    return text, urls


# --------------------------------------------------------------------- paragraph joins


def _join_split_paragraphs(sections: list[_Section], repairs: list[Repair]) -> None:
    """Join prose paragraphs that a page break or a removed pull quote cut in two."""
    for section in sections:
        kept: list[Item] = []
        for item in section.items:
            if item.kind == "stray":
                continue
            previous = kept[-1] if kept else None
            if (
                previous is not None
                and previous.kind == "prose"
                and item.kind == "prose"
                and section.kind == "body"
                and (
                    not ends_sentence(_without_trailing_markers(previous.text))
                    or item.text[:1].islower()
                )
            ):
                repairs.append(
                    Repair("joined-paragraph", item.text[:60], f"line {item.line}: continues")
                )
                previous.text = f"{previous.text} {item.text}"
                continue
            kept.append(item)
        section.items = kept


def _without_trailing_markers(text: str) -> str:
    cleaned, _, _ = extract_markers(text, set(range(1, 1000)))
    return cleaned


# -------------------------------------------------------------------------- assemble


def _slug(title: str) -> str:
    """A readable, stable id from a title.

    >>> _slug("U.S.-Mexico Security Cooperation: An Overview")
    'us-mexico-security-cooperation-an-overview'
    """
    folded = " ".join(words(title.replace(".", "")))
    return re.sub(r"\s+", "-", folded)[:60].strip("-") or "section"


def _clean_paragraph(text: str, repairs: list[Repair]) -> str:
    """Remove a pull quote glued to the start, doubled word runs and repeated sentences."""
    glued = re.match(r"^[\"“](?P<quote>[^\"”]{20,}[.!?])[\"”]\s+(?=\S)", text)
    if glued and containment(glued.group("quote"), text[glued.end() :]) >= 0.8:
        repairs.append(Repair("pull-quote", glued.group(0).strip(), "glued to a paragraph"))
        text = text[glued.end() :]
    text, doubled = collapse_repeats(text)
    repairs.extend(Repair("repeated-words", d, "doubled by the extraction") for d in doubled)
    spans = split_sentences(text)
    seen: set[tuple[str, ...]] = set()
    keep: list[str] = []
    for start, end in spans:
        sentence = text[start:end]
        sh = shingles(words(sentence))
        if len(words(sentence)) >= 8 and sh and len(sh & seen) / len(sh) >= 0.6:
            repairs.append(Repair("repeated-sentence", sentence, "garbled copy of an earlier one"))
            continue
        seen |= sh
        keep.append(sentence)
    return " ".join(keep)


def _assemble(
    source: str,
    meta: _Meta,
    sections: list[_Section],
    notes_raw: list[_RawNote],
    repairs: list[Repair],
) -> Document:
    warnings: list[str] = []
    known = {n.number for n in notes_raw}
    numbers = [n.number for n in notes_raw]
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        warnings.append(f"endnotes are not numbered 1..{len(numbers)} in order: {numbers}")
    # Ids: slugs of titles; a numbered sub-section is its parent's id and its number.
    used: set[str] = set()
    for s in sections:
        if s.kind == "front-matter":
            base = "front-matter"
        elif s.parent is not None and s.number:
            base = f"{s.parent.id}-{s.number}"
        else:
            base = _slug(s.title)
        sid, k = base, 2
        while sid in used:
            sid, k = f"{base}-{k}", k + 1
        used.add(sid)
        s.id = sid

    out: list[str] = []
    pos = 0

    def emit(piece: str) -> tuple[int, int]:
        nonlocal pos
        if out:
            out.append("\n\n")
            pos += 2
        out.append(piece)
        start = pos
        pos += len(piece)
        return start, pos

    built: list[Section] = []
    note_spans: dict[int, tuple[int, int, str]] = {}
    marker_paragraph: dict[int, tuple[str, int]] = {}
    last_marker = 0
    for s in sections:
        heading_start = heading_end = pos + (2 if out else 0)
        if s.heading:
            heading_start, heading_end = emit(s.heading)
        paragraphs: list[Paragraph] = []
        if s.kind == "endnotes":
            for note in notes_raw:
                prefix = f"[{note.number}] "
                start, end = emit(prefix + note.text)
                n_start = start + len(prefix)
                note_spans[note.number] = (n_start, end, note.text)
                sentence = Sentence(n_start, end, note.text)
                paragraphs.append(
                    Paragraph(
                        s.id,
                        len(paragraphs) + 1,
                        start,
                        end,
                        prefix + note.text,
                        (sentence,),
                        kind="endnote",
                    )
                )
        else:
            for item in s.items:
                raw = item.text
                kind: ParagraphKind = "list-item" if item.kind == "list" else "body"
                if kind == "list-item":
                    raw = _BULLET.sub("", raw)
                cleaned = _clean_paragraph(raw, repairs) if s.kind == "body" else raw
                cleaned, markers, marker_warnings = extract_markers(cleaned, known, last_marker)
                warnings.extend(marker_warnings)
                cleaned = re.sub(r" {2,}", " ", cleaned).strip()
                if not cleaned:
                    continue
                start, end = emit(cleaned)
                number = len(paragraphs) + 1
                sentences = []
                for s_start, s_end in split_sentences(cleaned):
                    following = tuple(
                        n
                        for m in markers
                        for n in m.numbers
                        if s_start < m.position <= _next_start(cleaned, s_end)
                    )
                    sentences.append(
                        Sentence(start + s_start, start + s_end, cleaned[s_start:s_end], following)
                    )
                marker_numbers = tuple(n for m in markers for n in m.numbers)
                for n in marker_numbers:
                    marker_paragraph.setdefault(n, (s.id, number))
                    last_marker = max(last_marker, n)
                paragraphs.append(
                    Paragraph(
                        s.id,
                        number,
                        start,
                        end,
                        cleaned,
                        tuple(sentences),
                        kind=kind,
                        markers=marker_numbers,
                    )
                )
        section_end = paragraphs[-1].end if paragraphs else heading_end
        built.append(
            Section(
                id=s.id,
                title=s.title,
                level=s.level,
                parent_id=s.parent.id if s.parent else None,
                start=heading_start if s.heading else (paragraphs[0].start if paragraphs else pos),
                end=section_end,
                heading_start=heading_start,
                heading_end=heading_end,
                heading=s.heading,
                paragraphs=tuple(paragraphs),
                kind=s.kind,  # type: ignore[arg-type]
            )
        )
    text = "".join(out)
    endnotes = _anchor_notes(built, notes_raw, note_spans, marker_paragraph, warnings)
    return Document(
        source=source,
        text=text,
        title=meta.title,
        subtitle=meta.subtitle,
        authors=meta.authors,
        date=meta.date,
        collection=meta.collection,
        sections=tuple(built),
        endnotes=tuple(endnotes),
        repairs=tuple(repairs),
        warnings=tuple(warnings),
    )


def _next_start(text: str, end: int) -> int:
    """Markers that follow a sentence stand between its end and the next sentence's start."""
    rest = text[end:]
    return end + (len(rest) - len(rest.lstrip())) if rest.strip() else len(text)


def _anchor_notes(
    sections: list[Section],
    notes_raw: list[_RawNote],
    note_spans: dict[int, tuple[int, int, str]],
    marker_paragraph: dict[int, tuple[str, int]],
    warnings: list[str],
) -> list[Endnote]:
    body = [p for s in sections if s.kind == "body" for p in s.paragraphs]
    index_of = {(p.section_id, p.number): i for i, p in enumerate(body)}
    marked = {n: index_of[loc] for n, loc in marker_paragraph.items() if loc in index_of}
    inferred = infer_anchors(
        [p.text for p in body],
        marked,
        {n.number: n.text for n in notes_raw},
        [p.kind == "body" for p in body],
    )
    endnotes: list[Endnote] = []
    for note in notes_raw:
        anchor: Anchor | None = None
        if note.number in marked:
            p = body[marked[note.number]]
            anchor = Anchor(p.section_id, p.number, "marker")
        elif note.number in inferred:
            p = body[inferred[note.number]]
            anchor = Anchor(p.section_id, p.number, "inferred")
        else:
            warnings.append(f"endnote {note.number} could not be anchored: no body paragraphs")
        start, end, text = note_spans[note.number]
        endnotes.append(Endnote(note.number, start, end, text, note.raw, note.urls, anchor))
    return endnotes
