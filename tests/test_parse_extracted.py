"""The reader of extracted text: a PDF's pages, a web page's headings, lists, labels, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.chunking import quotable
from qa.errors import CorpusError
from qa.parse_extracted import parse_extracted
from qa.types import Document

PDF_TEXT = """[page 1]

Security Cooperation Under Review
A report of the Research Office
June 2019
This report reviews a decade of cooper-
ation between the two countries. It finds
that nobody measured results.

[page 2]

Funding and deliveries
Congress appropriated 3.1 billion dollars.
The program delivered 22 helicopters.

[page 3]
"""

WEB_TEXT = """# How targeting fragmented the cartels

Measured by *extraditions*, targeting looked **effective**.

## Violence after the arrests

Homicides rose steeply after 2007.

### A closer look

- First point of the list.
- Second point of the list.

## What the officials said

Officials conceded in private that policing got harder.
"""


def _spans_hold(doc: Document) -> None:
    for section in doc.sections:
        for p in section.paragraphs:
            assert doc.text[p.start : p.end] == p.text
            for s in p.sentences:
                assert doc.text[s.start : s.end] == s.text


def test_pages_become_sections_and_paragraphs_keep_their_page() -> None:
    doc = parse_extracted(PDF_TEXT, "sources/note-02.txt", "Security Cooperation Under Review")
    assert [s.id for s in doc.sections] == ["page-1", "page-2"]  # the empty page 3 has no text
    assert [s.title for s in doc.sections] == ["Page 1", "Page 2"]
    first, second = doc.sections
    assert {p.page for p in first.paragraphs} == {1} and {p.page for p in second.paragraphs} == {2}
    texts = [p.text for p in first.paragraphs]
    # Short unpunctuated lines (title, dateline) stand apart; a hyphenated word is rejoined.
    assert texts[:3] == [
        "Security Cooperation Under Review",
        "A report of the Research Office",
        "June 2019",
    ]
    assert texts[3].startswith("This report reviews a decade of cooperation between")
    assert [s.text for s in first.paragraphs[3].sentences] == [
        "This report reviews a decade of cooperation between the two countries.",
        "It finds that nobody measured results.",
    ]
    assert second.paragraphs[0].text == "Funding and deliveries"
    assert second.paragraphs[1].text.startswith("Congress appropriated 3.1 billion dollars.")
    _spans_hold(doc)


def test_labels_are_indexed_but_not_quotable() -> None:
    doc = parse_extracted(PDF_TEXT, "sources/note-02.txt", "T")
    kinds = {p.text: quotable(doc, p) for s in doc.sections for p in s.paragraphs}
    assert kinds["A report of the Research Office"] is False
    assert kinds["Funding and deliveries"] is False
    assert kinds["Congress appropriated 3.1 billion dollars. The program delivered 22 helicopters."]


def test_headings_become_nested_sections() -> None:
    doc = parse_extracted(WEB_TEXT, "sources/note-01.md", "How targeting fragmented the cartels")
    ids = [s.id for s in doc.sections]
    assert ids == [
        "how-targeting-fragmented-the-cartels",
        "violence-after-the-arrests",
        "a-closer-look",
        "what-the-officials-said",
    ]
    assert doc.section_path("a-closer-look") == (
        "How targeting fragmented the cartels > Violence after the arrests > A closer look"
    )
    # Emphasis marks are not part of the quotable text; list items are paragraphs of their own.
    assert (
        doc.sections[0].paragraphs[0].text
        == "Measured by extraditions, targeting looked effective."
    )
    assert [p.text for p in doc.section("a-closer-look").paragraphs] == [
        "First point of the list.",
        "Second point of the list.",
    ]
    assert all(p.page is None for s in doc.sections for p in s.paragraphs)
    for section in doc.sections:
        assert doc.text[section.heading_start : section.heading_end] == section.heading
    _spans_hold(doc)


def test_plain_text_is_one_section_named_by_the_title() -> None:
    doc = parse_extracted("One paragraph here.\n\nAnother one.\n", "notes.txt", "Interview notes")
    assert [(s.id, s.title) for s in doc.sections] == [("text", "Interview notes")]
    assert [p.number for p in doc.sections[0].paragraphs] == [1, 2]


def test_repeated_headings_get_unique_ids() -> None:
    doc = parse_extracted("# A\n\nx.\n\n## Notes\n\ny.\n\n## Notes\n\nz.\n", "d.md")
    assert [s.id for s in doc.sections] == ["a", "notes", "notes-1"]


@pytest.mark.parametrize("text", ["", "   \n\n", "[page 1]\n\n[page 2]\n", "# Only a heading\n"])
def test_no_text_is_a_clear_error(text: str) -> None:
    with pytest.raises(CorpusError, match="has no text to index"):
        parse_extracted(text, "empty.md")


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
            st.sampled_from(["[page 2]", "# Heading", "## Sub", "- item", "", "Word-", "end."]),
        ),
        max_size=30,
    )
)
def test_arbitrary_text_parses_with_exact_offsets_or_says_why(lines: list[str]) -> None:
    try:
        doc = parse_extracted("\n".join(lines), "any.txt")
    except CorpusError:
        return
    _spans_hold(doc)
