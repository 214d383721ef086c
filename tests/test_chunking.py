"""Chunking: offsets, section and sentence boundaries, token budgets, endnotes, stable ids."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from conftest import BRIEF, build_tiny_document
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.chunking import Chunk, body_sentences, chunk_document
from qa.parse import parse_file
from qa.settings import IndexSettings
from qa.tokens import count_tokens
from qa.types import Document

BRIEF_SECTIONS = {
    "front-matter",
    "key-policy-recommendations",
    "introduction",
    "us-mexico-security-cooperation-an-overview",
    "the-future-of-us-mexico-security-cooperation",
    *(f"the-future-of-us-mexico-security-cooperation-{i}" for i in range(1, 6)),
    "endnotes",
    "about-the-author",
}


@pytest.fixture(scope="module")
def brief() -> Document:
    return parse_file(BRIEF)


def sentence_ends(doc: Document) -> set[int]:
    return {s.end for sec in doc.sections for p in sec.paragraphs for s in p.sentences} | {
        p.end for sec in doc.sections for p in sec.paragraphs
    }


def sentence_starts(doc: Document) -> set[int]:
    return {s.start for sec in doc.sections for p in sec.paragraphs for s in p.sentences} | {
        p.start for sec in doc.sections for p in sec.paragraphs
    }


def check_invariants(doc: Document, chunks: list[Chunk], index: IndexSettings) -> None:
    ends, starts = sentence_ends(doc), sentence_starts(doc)
    assert len({c.chunk_id for c in chunks}) == len(chunks), "chunk ids must be unique"
    for c in chunks:
        assert c.text == doc.text[c.start : c.end]
        assert c.embed_text.endswith(c.text)
        assert c.n_tokens == count_tokens(c.text)
        if c.kind == "endnote":
            assert c.endnotes == (doc.endnote(c.endnotes[0]).number,)
            continue
        section = doc.section(c.section_id)
        assert section.start <= c.start < c.end <= section.end, "chunk crosses its section"
        assert c.start in starts and c.end in ends, "chunk must start and end on sentences"
        assert c.section == doc.section_path(c.section_id)
        assert c.embed_text.startswith(c.section)
        if c.n_tokens > index.chunk_tokens:
            inside = [
                s
                for p in section.paragraphs
                for s in p.sentences
                if c.start <= s.start and s.end <= c.end
            ]
            assert len(inside) == 1, "only a single long sentence may exceed the budget"


def windows(chunks: list[Chunk]) -> Iterator[tuple[Chunk, Chunk]]:
    for a, b in itertools.pairwise(chunks):
        if a.section_id == b.section_id and a.paragraphs == b.paragraphs == (a.paragraphs[0],):
            yield a, b


def test_tiny_document_chunks(tiny_doc: Document) -> None:
    index = IndexSettings(chunk_tokens=64, chunk_overlap=20)
    chunks = chunk_document(tiny_doc, index)
    check_invariants(tiny_doc, chunks, index)
    ids = [c.chunk_id.split("/", 1)[1] for c in chunks]
    # Short paragraphs are packed, the long one becomes overlapping sentence windows.
    assert ids[0] == "front-matter/p1-2"
    assert ids[1] == "introduction/p1-2"
    assert "future/p1s0" in ids and "future/p1s1" in ids
    assert ids[-4:] == ["endnotes/n1", "endnotes/n2", "endnotes/n3", "about-the-author/p1"]
    pairs = list(windows(chunks))
    assert pairs and all(b.start < a.end for a, b in pairs), "windows overlap"
    kinds = {c.section_id: c.kind for c in chunks}
    assert kinds["front-matter"] == "front-matter"
    assert kinds["about-the-author"] == "back-matter"
    assert kinds["endnotes"] == "endnote"


def test_endnotes_follow_their_markers(tiny_doc: Document) -> None:
    chunks = chunk_document(tiny_doc, IndexSettings(chunk_tokens=64, chunk_overlap=20))
    by_id = {c.chunk_id.split("/", 1)[1]: c for c in chunks}
    assert by_id["introduction/p1-2"].endnotes == (1,)
    # Note 2's marker is in sentence 5: only windows holding that sentence carry it.
    with_two = {k for k, c in by_id.items() if c.kind == "body" and 2 in c.endnotes}
    assert with_two and all(k.startswith("future/p1s") for k in with_two)
    for key in with_two:
        chunk = by_id[key]
        marker = tiny_doc.section("future").paragraphs[0].sentences[5]
        assert chunk.start <= marker.start and marker.end <= chunk.end
    assert by_id["future-1/p1"].endnotes == (3,)
    assert by_id["endnotes/n2"].embed_text.startswith("Endnote 2:")


def test_ids_are_stable(tiny_doc: Document) -> None:
    index = IndexSettings(chunk_tokens=64, chunk_overlap=20)
    again = chunk_document(build_tiny_document(), index)
    assert [c.chunk_id for c in chunk_document(tiny_doc, index)] == [c.chunk_id for c in again]


def test_round_trip_through_dict(tiny_doc: Document) -> None:
    for chunk in chunk_document(tiny_doc, IndexSettings()):
        assert Chunk.from_dict(chunk.to_dict()) == chunk


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=32, max_value=300), st.integers(min_value=0, max_value=120))
def test_invariants_hold_for_any_budget(tokens: int, overlap: int) -> None:
    doc = build_tiny_document()
    index = IndexSettings(chunk_tokens=tokens, chunk_overlap=overlap)
    chunks = chunk_document(doc, index)
    check_invariants(doc, chunks, index)
    # Every body sentence is in some chunk.
    for s in body_sentences(doc):
        assert any(c.start <= s.start and s.end <= c.end for c in chunks)


def test_brief_chunks(brief: Document) -> None:
    index = IndexSettings()
    chunks = chunk_document(brief, index)
    check_invariants(brief, chunks, index)
    assert {c.section_id for c in chunks} == BRIEF_SECTIONS
    notes = [c for c in chunks if c.kind == "endnote"]
    assert [c.endnotes for c in notes] == [(n,) for n in range(1, 50)]
    # Every anchored endnote is carried by a body chunk of its paragraph.
    for note in brief.endnotes:
        assert note.anchor is not None
        assert any(
            note.number in c.endnotes
            and c.section_id == note.anchor.section_id
            and note.anchor.paragraph in c.paragraphs
            for c in chunks
            if c.kind == "body"
        ), note.number
    front = next(c for c in chunks if c.kind == "front-matter")
    assert "Kloppe-Santamaría" in front.text and "Author:" in front.embed_text
    assert any(c.kind == "back-matter" for c in chunks)


@pytest.mark.parametrize(("tokens", "overlap"), [(64, 0), (128, 40), (512, 100)])
def test_brief_budgets(brief: Document, tokens: int, overlap: int) -> None:
    index = IndexSettings(chunk_tokens=tokens, chunk_overlap=overlap)
    chunks = chunk_document(brief, index)
    check_invariants(brief, chunks, index)
    for s in body_sentences(brief):
        assert any(c.start <= s.start and s.end <= c.end for c in chunks)


def test_body_sentences(brief: Document) -> None:
    refs = body_sentences(brief)
    assert refs and all(brief.text[r.start : r.end] == r.text for r in refs)
    # Every section but the endnotes: answers may quote the title page and the author's bio.
    expected = {s.id for s in brief.sections if s.kind != "endnotes"}
    assert {r.section_id for r in refs} == expected
    first = refs[0]
    paragraph = brief.paragraph(first.section_id, first.paragraph)
    assert paragraph.sentences[first.index].start == first.start
