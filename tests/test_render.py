"""The chat's HTML: corpus text is escaped, links are http(s) only, quotes are marked in place."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from qa.chunking import document_id
from qa.parse import parse_file
from qa.render import (
    about_html,
    answer_html,
    empty_sources_html,
    header_html,
    linkify,
    safe_url,
    section_html,
    sources_html,
    status_html,
    text_html,
)
from qa.types import Answer, Citation, Document, EndnoteRef, Related

HOSTILE = Path(__file__).parent / "fixtures" / "hostile.md"
# Every tag and attribute qa.render writes; anything else came from the corpus unescaped.
ALLOWED_TAGS = {
    "a", "blockquote", "br", "details", "div", "h1", "h2", "h3", "li", "mark", "p", "span",
    "strong", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRS = {"class", "id", "href", "target", "rel", "title", "open", "data-section",
                 "data-turn", "role"}  # fmt: skip


class _Collect(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_only_our_markup(html: str) -> str:
    """Fail on any tag, attribute or link the renderer does not write itself; return the text."""
    parser = _Collect()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> in {html[:200]}"
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, f"unexpected attribute {name}={value!r}"
            if name == "href":
                assert value is not None
                assert value.startswith(("https://", "http://", "#", "/")), value
            if name == "target":
                assert ("rel", "noopener noreferrer") in attrs
    return "".join(parser.text)


@pytest.fixture(scope="module")
def hostile() -> Document:
    return parse_file(HOSTILE)


def _citation(
    doc: Document, section_id: str, paragraph: int, sentence: int, marker: int
) -> Citation:
    p = doc.paragraph(section_id, paragraph)
    s = p.sentences[sentence]
    notes = doc.anchored_endnotes(section_id, paragraph)
    return Citation(
        marker=marker,
        chunk_id=f"{document_id(doc)}/{section_id}/p{paragraph}s{sentence}",
        doc_id=document_id(doc),
        section_id=section_id,
        section=doc.section_path(section_id),
        paragraph=paragraph,
        endnotes=notes,
        endnote_refs=tuple(EndnoteRef(n, doc.endnote(n).text, doc.endnote(n).urls) for n in notes),
        quote=s.text,
        start=s.start,
        end=s.end,
        score=1.0,
    )


def _answer(doc: Document) -> Answer:
    intro = next(s.id for s in doc.sections if s.id.startswith("introduction"))
    citations = (
        _citation(doc, intro, 1, 0, 1),
        _citation(doc, intro, 2, 0, 2),
        _citation(doc, "findings", 1, 0, 3),
    )
    text = " ".join(f"{c.quote} [{c.marker}]" for c in citations)
    return Answer(
        question="<img src=x onerror=alert(1)>?",
        answer=text + " [9]",
        abstained=False,
        citations=citations,
        related=(),
        timings_ms={},
    )


def test_the_hostile_fixture_really_carries_markup(hostile: Document) -> None:
    assert "<script>" in hostile.title
    assert "onerror" in hostile.authors[0]
    assert "<script>" in hostile.text and "<svg onload" in hostile.text
    assert any('">' in n.text for n in hostile.endnotes)


def test_answer_markup_is_escaped_and_markers_link_to_sources(hostile: Document) -> None:
    html = answer_html(_answer(hostile), "t1")
    text = assert_only_our_markup(html)
    assert "<script>window.__pwned = 1</script>" in text  # shown as text
    assert 'href="#src-t1-1"' in html and 'href="#src-t1-3"' in html
    assert "[9]" in text and "#src-t1-9" not in html  # not a citation: left as text
    assert "\n\n" not in html  # one HTML block for a Markdown renderer


def test_sources_escape_body_and_endnotes_and_mark_the_quote(hostile: Document) -> None:
    answer = _answer(hostile)
    html = sources_html(answer, {document_id(hostile): hostile}, "t1")
    text = assert_only_our_markup(html)
    assert 'onerror="window.__pwned = 1"' in text
    assert html.count("<details") == 3 and 'id="src-t1-2"' in html
    # The quote is marked inside its paragraph; the rest of the paragraph is around it.
    first = answer.citations[0]
    assert html.count("<mark>") == 3
    assert "Inspectors wrote" in text
    marked = html.split("<mark>")[1].split("</mark>")[0]
    assert marked.startswith("The harbour authority") and "&lt;script&gt;" in marked
    assert first.quote in text
    # Endnotes: the number, the text, and only the safe part of a URL as a link.
    assert "Note 1" in text and "Harbour report" in text
    assert 'href="https://example.org/report?a=1&amp;b="' in html
    assert 'href="https://www.example.com/scanners"' in html
    assert "javascript:" not in html.split("href=")[-1].split(">")[0]


def test_abstention_says_so_and_lists_related_sections() -> None:
    answer = Answer(
        question="What is the recipe for mole poblano?",
        answer="The brief does not say.",
        abstained=True,
        citations=(),
        related=(Related("intro", "Intro <b>bold</b>", 0.5), Related("x", "X", 0.1)),
        timings_ms={},
    )
    html = sources_html(answer, {}, "t")
    text = assert_only_our_markup(html)
    assert "The brief does not say." in text
    assert "Intro <b>bold</b>" in text
    assert 'data-section="intro"' in html
    assert "qa-abstain" in answer_html(answer, "t")


def test_a_quote_that_cannot_be_placed_is_still_shown_marked(hostile: Document) -> None:
    answer = _answer(hostile)
    html = sources_html(answer, {}, "t")  # no documents: no paragraph context
    assert_only_our_markup(html)
    assert html.count("<mark>") == 3


def test_about_and_every_section_are_escaped(hostile: Document) -> None:
    about = about_html(hostile)
    text = assert_only_our_markup(about)
    assert "Hostile Brief <script>" in text and "Mallory <img" in text
    assert about.count("qa-section-link") == len(hostile.sections)
    for section in hostile.sections:
        html = section_html(hostile, section.id)
        assert_only_our_markup(html)
        assert html.count("qa-para-number") == len(section.paragraphs)
    assert "no section" in section_html(hostile, "<nope>")
    assert_only_our_markup(section_html(hostile, "<nope>"))


def test_about_the_real_brief(answerer_documents: list[Document]) -> None:
    doc = answerer_documents[0]
    text = assert_only_our_markup(about_html(doc))
    for fact in ("Putting Citizens' Security First", "Gema Kloppe-Santamaría", "January 2021"):
        assert fact in text
    assert "Re-Building a Complex Partnership" in text
    section = section_html(doc, "us-mexico-security-cooperation-an-overview")
    assert "¶14" in assert_only_our_markup(section)


@pytest.fixture(scope="module")
def answerer_documents() -> list[Document]:
    from qa.parse import load_corpus
    from qa.settings import Settings

    return load_corpus(Settings().corpus_dir)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.org/a?b=1&c=2", "https://x.org/a?b=1&c=2"),
        ("http://x.org", "http://x.org"),
        ("HTTPS://X.ORG/A", "HTTPS://X.ORG/A"),
        ("  https://x.org/  ", "https://x.org/"),
        ("www.gob.mx/sesnsp", "https://www.gob.mx/sesnsp"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("ftp://x.org/file", None),
        ("//evil.example/x", None),
        ("https://", None),
        ('https://x.org/"><script>', None),
        ("https://x.org/a b", None),
        ("https://x.org/\nx", None),
        ("", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_linkify_links_only_safe_urls() -> None:
    html = linkify('See https://x.org/a. Or javascript:alert(1) and "<b>" www.y.org/z)')
    text = assert_only_our_markup(html)
    assert 'href="https://x.org/a"' in html and 'href="https://www.y.org/z"' in html
    assert "javascript:alert(1)" in text and '"<b>"' in text
    assert html.count("<a ") == 2


def test_status_and_text_are_escaped() -> None:
    assert status_html("ready", "ready") == ""
    ready = status_html("building", "building <the> index")
    assert "Getting ready" in ready and "&lt;the&gt;" in ready
    failed = status_html("failed", "run `qa index --rebuild` <now>")
    assert "unavailable" in failed and "&lt;now&gt;" in failed
    assert_only_our_markup(ready + failed + empty_sources_html())
    assert text_html("<i>x</i>\ny", 'bad" onclick="x') == (
        '<div class="badonclickx">&lt;i&gt;x&lt;/i&gt;<br>y</div>'
    )


def test_header_is_escaped() -> None:
    text = assert_only_our_markup(header_html("Hostile <script>x</script>", "<img src=x>"))
    assert "Hostile <script>x</script>" in text and "<img src=x>" in text
    assert "Brief Q&A" in assert_only_our_markup(header_html(None))
