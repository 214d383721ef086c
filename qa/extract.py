"""Turn a downloaded or saved document into text: sniff what it is, then extract from it.

What a document is comes from its first bytes (`%PDF-`, an HTML tag, readable text), never
from its URL, file name or Content-Type alone: those only break ties between HTML and text,
and between text and Markdown. HTML keeps its main content only (trafilatura, headings as
Markdown `#` lines, no comments); a PDF keeps its page numbers as a line `[page N]` before each
page's text. Binary data with a document's name (a `.html` that is an image) is refused.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Literal

from qa.errors import DependencyError, SourceError

Kind = Literal["pdf", "html", "text", "markdown"]

CONTENT_TYPES: dict[Kind, str] = {
    "pdf": "application/pdf",
    "html": "text/html",
    "text": "text/plain",
    "markdown": "text/markdown",
}
# Suffix of the stored text file: extracted HTML is Markdown, a PDF's text is plain text.
TEXT_SUFFIX: dict[Kind, str] = {"pdf": ".txt", "html": ".md", "text": ".txt", "markdown": ".md"}

PAGE_MARK = "[page {}]"
PAGE_MARK_RE = re.compile(r"^\[page (\d+)\]$", re.MULTILINE)

_HOST_LIKE = re.compile(r"[\w-]+(?:\.[\w-]+)+(?::\d+)?|[\w.-]+:\d+")
_SNIFF = 1024
_HTML_START = re.compile(
    rb"^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>])"
)
_SKIP = re.compile(rb"^(?:\s+|<!--.*?-->|<\?xml[^>]*\?>)", re.DOTALL)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office file"),
    (b"RIFF", "audio or video"),
    (b"%!PS", "a PostScript file"),
)


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of a document, ready to store: what it was, its title and page count."""

    kind: Kind
    text: str
    title: str
    pages: int | None = None
    # The site or publisher, and the publication date (YYYY-MM-DD), when the page says.
    outlet: str = ""
    date: str = ""

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def sniff(data: bytes, declared: str = "", name: str = "") -> Kind:
    """What `data` is, from its bytes; `declared` (Content-Type) and `name` only break ties.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><p>hi"), sniff(b"Plain words.")
    ('pdf', 'html', 'text')
    """
    if not data.strip():
        raise SourceError("not a document: it is empty", "not_a_document")
    head = data[:_SNIFF]
    # Readers accept junk before the header within the first KB; then the trailer must be there.
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or (
        b"%PDF-" in head and b"startxref" in data[-2048:]
    ):
        return "pdf"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise SourceError(f"not a document: the bytes are {what}", "not_a_document")
    text = _decode(data, declared)
    if text is None:
        raise SourceError(
            "not a document: the bytes are binary data, not HTML, PDF or text", "not_a_document"
        )
    if _looks_like_html(head):
        return "html"
    declared, name = declared.lower(), name.lower()
    said_html = "html" in declared or name.endswith((".html", ".htm", ".xhtml"))
    if said_html and re.search(r"</?[a-z][^>]*>", text[:4096], re.IGNORECASE):
        return "html"
    if "markdown" in declared or name.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def _looks_like_html(head: bytes) -> bool:
    rest = head.lstrip(b"\xef\xbb\xbf").lower()
    while True:
        match = _SKIP.match(rest)
        if not match or not match.group(0):
            break
        rest = rest[match.end() :]
    return bool(_HTML_START.match(rest))


def _charset(declared: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", declared, re.IGNORECASE)
    return match.group(1) if match else None


def _decode(data: bytes, declared: str = "") -> str | None:
    """The text of `data`, or None if it is binary (NUL bytes or many control characters)."""
    if b"\x00" in data[:8192]:
        return None
    text: str | None = None
    for encoding in (_charset(declared), "utf-8-sig", "cp1252", "latin-1"):
        if not encoding:
            continue
        try:
            text = data.decode(encoding)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        return None
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return None if controls > len(sample) * 0.01 else text


def extract(data: bytes, kind: Kind, url: str | None = None, declared: str = "") -> Extracted:
    """The text of a document of a sniffed kind; SourceError if it has none."""
    if kind == "pdf":
        result = _pdf(data)
    elif kind == "html":
        result = _html(data, url)
    else:
        text = _decode(data, declared)
        if text is None:  # sniff() decoded it already; kept for callers that did not sniff
            raise SourceError("not a document: binary data", "not_a_document")
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"
        result = Extracted(kind, text, _first_line_title(text))
    if not re.search(r"\w", PAGE_MARK_RE.sub("", result.text)):
        what = "a scanned PDF without a text layer?" if kind == "pdf" else "no readable text"
        raise SourceError(f"no text found in the document ({what})", "no_text")
    return result


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return ""


def _html(data: bytes, url: str | None) -> Extracted:
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError:
        raise DependencyError(
            "reading HTML needs trafilatura: pip install 'trafilatura>=2.0'"
        ) from None
    # trafilatura changes the tree it is given, so metadata and text get one parse each.
    tree = load_html(data)
    if tree is None:
        raise SourceError("unreadable HTML: no document tree could be built", "unreadable")
    metadata = trafilatura.extract_metadata(tree, default_url=url)
    title = (metadata.title or "").strip() if metadata is not None else ""
    outlet = (metadata.sitename or "").strip() if metadata is not None else ""
    if _HOST_LIKE.fullmatch(outlet):
        outlet = ""  # trafilatura falls back to the host name, which names no outlet
    date = (metadata.date or "").strip() if metadata is not None else ""
    text = trafilatura.extract(
        load_html(data),
        url=url,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        include_links=False,
        include_images=False,
    )
    if not text or not text.strip():
        raise SourceError(
            "no main text found in the page (a paywall, a script-only page, or a list of links?)",
            "no_text",
        )
    return Extracted(
        "html", text.strip() + "\n", title or _first_line_title(text), None, outlet[:200], date
    )


def _pdf(data: bytes) -> Extracted:
    try:
        from pypdf import PdfReader
    except ImportError:
        raise DependencyError("reading PDF needs pypdf: pip install 'pypdf>=5'") from None
    # pypdf raises many kinds of exceptions on damaged files; any of them means "unreadable".
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError("unreadable PDF: it is password-protected", "unreadable")
        parts: list[str] = []
        for number, page in enumerate(reader.pages, start=1):
            page_text = (page.extract_text() or "").strip()
            parts.append(f"{PAGE_MARK.format(number)}\n\n{page_text}".rstrip())
        title = ""
        if reader.metadata is not None and reader.metadata.title:
            title = str(reader.metadata.title).strip()
    except SourceError:
        raise
    except Exception as exc:
        raise SourceError(f"unreadable PDF: {exc or type(exc).__name__}", "unreadable") from None
    text = "\n\n".join(parts) + "\n"
    return Extracted(
        "pdf", text, title or _first_line_title(PAGE_MARK_RE.sub("", text)), len(parts)
    )
