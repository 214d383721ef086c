"""HTML for the web chat: answers with markers, their sources, the brief's outline and sections.

Every string that comes from the corpus, the question or an error is passed through
`html.escape` here and nowhere else, so a document containing `<script>` or
`<img onerror=...>` shows as text; the page's only markup is the markup written in this
module. Links are made only from http(s) URLs (a bare `www.` gets https) and open in a new
tab without access to this page (`rel="noopener noreferrer"`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from urllib.parse import urlsplit

from qa.types import Answer, Citation, Document, EndnoteRef, Related

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_MARKER = re.compile(r"\[(\d{1,3})\]")
_TRAILING = ".,;:)]}'\""
# Characters that never belong in a URL we link to (controls, spaces, quotes, angle brackets).
_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link (`www.` gains https://), else None.

    >>> safe_url("javascript:alert(1)") is None
    True
    >>> safe_url("www.gob.mx/x")
    'https://www.gob.mx/x'
    """
    url = url.strip()
    if url.lower().startswith("www."):
        url = "https://" + url
    if not url or _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(url: str, label: str | None = None) -> str:
    """An external link that opens in a new tab, or the escaped text if the URL is not safe."""
    target = safe_url(url)
    text = escape(label if label is not None else url)
    if target is None:
        return text
    href = escape(target, quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a>'


def linkify(text: str) -> str:
    """Escape `text`, turning the http(s) URLs in it into links.

    >>> linkify('<b> at https://x.org/a.')
    '&lt;b&gt; at <a href="https://x.org/a" target="_blank" rel="noopener noreferrer">https://x.org/a</a>.'
    """
    out: list[str] = []
    last = 0
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        out.append(escape(text[last : m.start()]))
        out.append(link(url))
        last = m.start() + len(url)
    out.append(escape(text[last:]))
    return "".join(out)


def source_id(turn: str, marker: int) -> str:
    """The element id of one citation's source, unique within the page."""
    return f"src-{_token(turn)}-{marker}"


def _token(value: str) -> str:
    """Only characters that are safe in an id and a CSS selector."""
    return re.sub(r"[^A-Za-z0-9_-]", "", value) or "x"


def answer_html(answer: Answer, turn: str) -> str:
    """The answer text, escaped, each `[n]` a link to its source in the sources panel.

    One `<div>` with no blank line in it, so a Markdown renderer leaves it as it is.
    """
    markers = {c.marker for c in answer.citations}

    def marker(m: re.Match[str]) -> str:
        number = int(m.group(1))
        if number not in markers:
            return m.group(0)
        return (
            f'<a class="qa-marker" href="#{source_id(turn, number)}" '
            f'title="Show source {number}">[{number}]</a>'
        )

    body = _MARKER.sub(marker, escape(answer.answer)).replace("\n\n", "<br>").replace("\n", " ")
    kind = "qa-abstain" if answer.abstained else "qa-answer"
    return f'<div class="{kind}">{body}</div>'


def text_html(text: str, kind: str = "qa-user") -> str:
    """Plain text (a question, a notice) as one escaped `<div>`."""
    body = escape(text).replace("\n", "<br>")
    return f'<div class="{_token(kind)}">{body}</div>'


def sources_html(answer: Answer, documents: Mapping[str, Document], turn: str) -> str:
    """The sources panel of one answer: one collapsible entry per citation.

    Each entry shows the section path, the quoted sentence highlighted inside its paragraph,
    and the endnotes anchored to that paragraph with their links. An abstention says that the
    brief does not say and lists the related sections, each a link into the outline.
    """
    if answer.abstained:
        items = "".join(_related_html(r, documents.get(r.doc_id)) for r in answer.related)
        related = f"<p>Related sections:</p><ul>{items}</ul>" if items else ""
        return (
            f'<div class="qa-sources" data-turn="{_token(turn)}">'
            "<p class='qa-not-said'>The brief does not say.</p>"
            f"{related}</div>"
        )
    if not answer.citations:
        return empty_sources_html()
    entries = "".join(
        _citation_html(c, documents.get(c.doc_id), turn, first=i == 0)
        for i, c in enumerate(answer.citations)
    )
    return f'<div class="qa-sources" data-turn="{_token(turn)}">{entries}</div>'


def _related_html(r: Related, doc: Document | None) -> str:
    """A related section: a link into the outline for the brief's, plain text for a source's."""
    if doc is not None and doc.kind != "brief":
        return f"<li>{escape(doc.title)}: {escape(r.section)}</li>"
    return (
        f'<li><a href="#" class="qa-section-link" data-section="{escape(r.section_id, True)}">'
        f"{escape(r.section)}</a></li>"
    )


def empty_sources_html() -> str:
    """The sources panel before any answer."""
    return (
        '<div class="qa-sources qa-empty"><p>Sources of the latest answer appear here. '
        "Click a marker such as [1] to open its source.</p></div>"
    )


def _citation_html(c: Citation, doc: Document | None, turn: str, first: bool) -> str:
    where = f"{escape(c.section)} · ¶{c.paragraph}"
    if c.source is not None:
        page = f"p. {c.source.page} · " if c.source.page else ""
        where = f"{escape(c.source.title or c.document)} · {page}{escape(c.section)}"
    elif c.document_kind == "document":
        where = f"{escape(c.document)} · {where}"
    context = _highlighted_paragraph(c, doc)
    notes = "".join(_endnote_html(ref) for ref in c.endnote_refs)
    notes_block = f'<ul class="qa-notes">{notes}</ul>' if notes else ""
    if not notes:
        notes_block = '<p class="qa-no-notes">No endnote is attached to this paragraph.</p>'
    is_open = " open" if first else ""
    return (
        f'<details class="qa-source" id="{source_id(turn, c.marker)}"{is_open}>'
        f'<summary><span class="qa-source-marker">[{c.marker}]</span> '
        f'<span class="qa-section">{where}</span></summary>{_origin_html(c)}'
        f'<blockquote class="qa-paragraph">{context}</blockquote>{notes_block}</details>'
    )


def _origin_html(c: Citation) -> str:
    """For a quote from a source: what the source is, a link to it, and the brief's note."""
    source = c.source
    if source is None:
        return ""
    facts = ", ".join(escape(x) for x in (source.outlet, source.date) if x)
    title = escape(source.title or c.document)
    named = f"<cite>{title}</cite>" + (f" ({facts})" if facts else "")
    if source.page:
        named += f", page {source.page}"
    original = f" · {link(source.url, 'original')}" if source.url else ""
    notes = ", ".join(str(n) for n in source.endnotes)
    label = "endnotes" if len(source.endnotes) > 1 else "endnote"
    anchored = ""
    if source.brief_section:
        anchored = f", attached to {escape(source.brief_section)} ¶{source.brief_paragraph}"
    return (
        f'<p class="qa-origin">Source of the brief\'s {label} {notes}{anchored}: '
        f"{named}{original}</p>"
    )


def _highlighted_paragraph(c: Citation, doc: Document | None) -> str:
    """The cited paragraph with the quote in `<mark>`; the quote alone if it cannot be placed."""
    mark = f"<mark>{escape(c.quote)}</mark>"
    if doc is None:
        return mark
    try:
        p = doc.paragraph(c.section_id, c.paragraph)
    except KeyError:
        return mark
    if not (p.start <= c.start <= c.end <= p.end) or doc.text[c.start : c.end] != c.quote:
        return mark
    before = doc.text[p.start : c.start]
    after = doc.text[c.end : p.end]
    return f"{escape(before)}{mark}{escape(after)}"


def _endnote_html(ref: EndnoteRef) -> str:
    text = linkify(ref.text)
    # A URL the parser repaired may not appear verbatim in the text: list it as well.
    extra = [u for u in ref.urls if u not in ref.text]
    links = "".join(f" {link(u)}" for u in extra)
    return (
        f'<li class="qa-note"><span class="qa-note-number">'
        f"Note {ref.number}</span> {text}{links}</li>"
    )


def about_html(doc: Document) -> str:
    """Title, author, date, the parent report, and the outline with a link per section."""
    authors = ", ".join(doc.authors)
    facts = [
        ("Author", authors),
        ("Date", doc.date),
        ("Part of", doc.collection),
        ("File", doc.source),
    ]
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>{escape(value)}</td></tr>"
        for name, value in facts
        if value
    )
    outline = "".join(
        f'<li class="qa-level-{min(s.level, 4)}"><a href="#" class="qa-section-link" '
        f'data-section="{escape(s.id, True)}">{escape(s.title)}</a> '
        f'<span class="qa-count">({len(s.paragraphs)} ¶)</span></li>'
        for s in doc.sections
    )
    subtitle = f"<p class='qa-subtitle'>{escape(doc.subtitle)}</p>" if doc.subtitle else ""
    return (
        f'<div class="qa-about"><h2 class="qa-title">{escape(doc.title)}</h2>{subtitle}'
        f'<table class="qa-facts">{rows}</table>'
        f'<h3>Outline</h3><ul class="qa-outline">{outline}</ul></div>'
    )


def section_html(doc: Document, section_id: str) -> str:
    """One section's text with numbered paragraphs and the endnotes anchored to each."""
    try:
        section = doc.section(section_id)
    except KeyError:
        return text_html(f"There is no section {section_id!r} in this brief.", "qa-error")
    paragraphs = []
    for p in section.paragraphs:
        notes = doc.anchored_endnotes(section.id, p.number)
        tail = (
            f' <span class="qa-para-notes">notes {", ".join(str(n) for n in notes)}</span>'
            if notes
            else ""
        )
        paragraphs.append(
            f'<p class="qa-para" id="para-{_token(section.id)}-{p.number}">'
            f'<span class="qa-para-number">¶{p.number}</span> {linkify(p.text)}{tail}</p>'
        )
    body = "".join(paragraphs) or "<p>This section has no paragraphs of its own.</p>"
    return (
        f'<div class="qa-section-text" data-section="{escape(section.id, True)}">'
        f"<h3>{escape(doc.section_path(section.id))}</h3>{body}</div>"
    )


def header_html(title: str | None, subtitle: str = "") -> str:
    """The page header: the brief's title (a placeholder until it is loaded) and subtitle."""
    sub = f"<p class='qa-subtitle'>{escape(subtitle)}</p>" if subtitle else ""
    return (
        f"<div class='qa-header'><h1>{escape(title or 'Brief Q&A')}</h1>{sub}"
        "<p>Ask about the brief; every sentence of an answer is quoted from it and cited. "
        "The API is documented at <a href='/docs'>/docs</a></p></div>"
    )


def status_html(status: str, detail: str) -> str:
    """The banner above the chat: getting ready, failed, or nothing once ready."""
    if status == "ready":
        return ""
    if status == "failed":
        return (
            '<div class="qa-status qa-failed" role="alert"><strong>Answers are unavailable.'
            f"</strong> {escape(detail)}</div>"
        )
    return (
        '<div class="qa-status qa-getting-ready" role="status"><strong>Getting ready…</strong> '
        f"{escape(detail)}. This page will start answering by itself; no need to reload.</div>"
    )
