"""The parser on the brief itself, on a Markdown fixture, on each repair rule and on bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import CorpusError
from qa.parse import load_corpus, parse_file, parse_text
from qa.textclean import ends_sentence
from qa.types import Document

ROOT = Path(__file__).resolve().parent.parent
BRIEF = ROOT / "corpus" / "kloppe-santamaria-2021-putting-citizens-security-first.txt"
FIXTURE = Path(__file__).parent / "fixtures" / "markdown_brief.md"
OV = "us-mexico-security-cooperation-an-overview"
FU = "the-future-of-us-mexico-security-cooperation"


@pytest.fixture(scope="module")
def brief() -> Document:
    return parse_file(BRIEF)


def assert_offsets(doc: Document) -> None:
    for section in doc.sections:
        assert doc.text[section.heading_start : section.heading_end] == section.heading
        assert section.start <= section.end
        for p in section.paragraphs:
            assert doc.text[p.start : p.end] == p.text
            assert section.start <= p.start <= p.end <= section.end
            for s in p.sentences:
                assert doc.text[s.start : s.end] == s.text
                assert p.start <= s.start < s.end <= p.end
    for note in doc.endnotes:
        assert doc.text[note.start : note.end] == note.text


# ----------------------------------------------------------------------- the brief


def test_front_matter(brief: Document) -> None:
    assert brief.title == "Putting Citizens' Security First"
    assert brief.subtitle == "Towards a New Chapter in U.S.-Mexico Security Cooperation"
    assert brief.authors == ("Gema Kloppe-Santamaría",)
    assert brief.date == "January 2021"
    assert brief.collection.startswith("Re-Building a Complex Partnership")


def test_outline(brief: Document) -> None:
    outline = [(s.id, s.level, s.parent_id, s.kind) for s in brief.sections]
    assert outline == [
        ("front-matter", 1, None, "front-matter"),
        ("key-policy-recommendations", 1, None, "body"),
        ("introduction", 1, None, "body"),
        (OV, 1, None, "body"),
        (FU, 1, None, "body"),
        *[(f"{FU}-{n}", 2, FU, "body") for n in range(1, 6)],
        ("endnotes", 1, None, "endnotes"),
        ("about-the-author", 1, None, "back-matter"),
    ]
    counts = {s.id: len(s.paragraphs) for s in brief.sections}
    assert counts["key-policy-recommendations"] == 5
    assert counts["introduction"] == 3
    assert counts[OV] == 14
    assert counts[FU] == 7
    assert counts["endnotes"] == 49
    assert brief.section(f"{FU}-3").title.startswith("3. Address the socioeconomic roots")


def test_endnotes_numbered_and_all_anchored(brief: Document) -> None:
    assert [n.number for n in brief.endnotes] == list(range(1, 50))
    body = {(p.section_id, p.number) for p in brief.body_paragraphs()}
    for note in brief.endnotes:
        assert note.anchor is not None, note.number
        assert (note.anchor.section_id, note.anchor.paragraph) in body


MARKED = {
    5: (OV, 2), 6: (OV, 2), 13: (OV, 7), 14: (OV, 8), 15: (OV, 8), 16: (OV, 8), 17: (OV, 9),
    18: (OV, 9), 19: (OV, 10), 20: (OV, 11), 23: (OV, 12), 24: (OV, 13), 25: (OV, 13),
    27: (FU, 1), 28: (FU, 1), 40: (f"{FU}-1", 1), 41: (f"{FU}-2", 1), 42: (f"{FU}-2", 1),
    43: (f"{FU}-2", 1), 44: (f"{FU}-2", 1), 45: (f"{FU}-3", 1), 47: (f"{FU}-4", 1),
}  # fmt: skip
# Unmarked notes whose place was checked by reading the note against the paragraphs.
INFERRED = {
    7: (OV, 3),  # CRS "Evolution of the Mérida Initiative": the initiative's inception
    11: (OV, 6),  # INEGI homicide release: the homicide-rate paragraph
    12: (OV, 6),  # "most deadly year on record": record highs 2018-2020
    22: (OV, 12),  # "One Year After National Guard's Creation": AMLO's National Guard
    26: (OV, 14),  # BBC "Trump wall: how much has he actually built?": the wall
    29: (FU, 2),  # DOJ motion to dismiss the Cienfuegos case
    30: (FU, 2),  # "The release of a powerful general ..."
    31: (FU, 2),  # "El general viene de vuelta": Cienfuegos returns
    32: (FU, 2),  # "Cienfuegos and the US-Mexico firestorm"
    37: (FU, 5),  # "The Opioid Crisis in America": opioid deaths
    38: (FU, 6),  # WHDPC report: "in urgent need of reassessment"
    39: (FU, 6),  # "Se acabó la Iniciativa Mérida": Mexico announced its end
    48: (f"{FU}-4", 2),  # "Where is the opioid use epidemic in Mexico?"
    49: (f"{FU}-4", 2),  # opium network, poppy-growing communities
}


@pytest.mark.parametrize(("number", "where"), sorted(MARKED.items()))
def test_marked_note_anchored_at_its_marker(
    brief: Document, number: int, where: tuple[str, int]
) -> None:
    anchor = brief.endnote(number).anchor
    assert anchor is not None
    assert (anchor.section_id, anchor.paragraph, anchor.method) == (*where, "marker")


@pytest.mark.parametrize(("number", "where"), sorted(INFERRED.items()))
def test_unmarked_note_inferred_by_content(
    brief: Document, number: int, where: tuple[str, int]
) -> None:
    anchor = brief.endnote(number).anchor
    assert anchor is not None
    assert (anchor.section_id, anchor.paragraph, anchor.method) == (*where, "inferred")


def test_markers_are_sentence_data_and_out_of_the_text(brief: Document) -> None:
    sentence = next(
        s for p in brief.body_paragraphs() for s in p.sentences if "99 percent" in s.text
    )
    assert sentence.endnotes == (15, 16)
    assert sentence.text.endswith("unpunished.")
    for mark in ("¹", "²", "³", "⁴", "^{", "drugs. 5,6", "programs. 18", "programs. 17"):
        assert mark not in brief.text
    # Numbers that are data stay.
    for data in (
        "211 individuals",
        "587 under",
        "in the year 2007",
        "24 in 2011",
        "133 journalists",
    ):
        assert data in brief.text
    assert "cannabis. While" in brief.text  # ⁴⁷ was glued to the next word


def test_no_pull_quote_or_split_paragraph_remains(brief: Document) -> None:
    sentences = Counter(s.text for p in brief.body_paragraphs() for s in p.sentences)
    assert [s for s, k in sentences.items() if k > 1] == []
    for p in brief.body_paragraphs():
        assert not p.text[0].islower(), p.text[:40]
        assert ends_sentence(p.text), p.text[-40:]
    joined = "will likely persist during the coming years, including U.S. concerns regarding"
    assert joined in brief.text
    assert "In March 2017, during a meeting with President George W. Bush" in brief.text
    assert brief.text.count("Under the presidency of Donald J. Trump") == 1
    assert "faced by Central American and Mexican citizens" in brief.text
    assert "faced by Central The COVID" not in brief.text
    assert "experts on both sides of the border experts" not in brief.text
    assert "On January\n20" not in brief.text and "has potential to" not in brief.text


def test_stray_lines_are_not_paragraphs_and_are_recorded(brief: Document) -> None:
    assert "\n9.pdf" not in brief.text and "2020. 9.pdf" not in brief.text
    assert "contact us" not in brief.text
    strays = [r.text for r in brief.repairs if r.kind == "stray-line"]
    assert "<u>9.pdf</u>" in strays
    assert "contact us: mexico@wilsoncenter.org" in strays


def test_endnote_urls_repaired_and_raw_kept(brief: Document) -> None:
    note21 = brief.endnote(21)
    assert note21.urls == (
        "https://foreignaffairs.house.gov/cache/files/a/5/a51ee680-e339-4a1b-933f-b15e535fa103/"
        "AA2A3440265DDE42367A79D4BCBC9AA1.whdpc-final-report-2020-11.30.pdf",
    )
    assert "gov/ cache" in note21.raw
    assert brief.endnote(41).urls[0].endswith("envipe2019_presentacion_nacional.pd")
    assert "<u>" not in brief.endnote(11).text and "<u>" in brief.endnote(11).raw
    assert brief.endnote(13).urls == (
        "https://www.propublica.org/article/allende-zetas-cartel-massacre-and-the-us-dea",
    )
    assert brief.endnote(5).urls == ("http://www.cnn.com/WORLD/9702/25/mexico.drugs/",)
    assert brief.endnote(39).text.startswith("García, Ariadna.")


def test_offsets_on_the_brief(brief: Document) -> None:
    assert_offsets(brief)


def test_parsing_is_deterministic(brief: Document) -> None:
    again = parse_file(BRIEF)
    assert again.text == brief.text
    assert [n.anchor for n in again.endnotes] == [n.anchor for n in brief.endnotes]


# -------------------------------------------------------------------- the Markdown fixture


def test_markdown_fixture() -> None:
    doc = parse_file(FIXTURE)
    assert (doc.title, doc.subtitle) == ("Water Across Borders", "Sharing the Rio Grande")
    assert doc.authors == ("Ana Ruiz", "Tom Lee")
    assert doc.date == "March 2019"
    assert [(s.id, s.level, s.parent_id, s.kind) for s in doc.sections] == [
        ("front-matter", 1, None, "front-matter"),
        ("summary", 1, None, "body"),
        ("background", 1, None, "body"),
        ("1944-treaty", 2, "background", "body"),
        ("recent-disputes", 2, "background", "body"),
        ("recommendations", 1, None, "body"),
        ("notes", 1, None, "endnotes"),
        ("about-the-authors", 1, None, "back-matter"),
    ]
    anchors = {
        n.number: (n.anchor.section_id, n.anchor.paragraph) for n in doc.endnotes if n.anchor
    }
    assert anchors == {
        1: ("summary", 1),
        2: ("1944-treaty", 1),
        3: ("1944-treaty", 2),
        4: ("recent-disputes", 1),
    }
    assert "[" not in doc.section("1944-treaty").paragraphs[1].text
    assert [p.kind for p in doc.section("recent-disputes").paragraphs] == [
        "body",
        "list-item",
        "list-item",
    ]
    assert doc.endnote(2).text == 'Smith, J. "Water Debt," Journal of Rivers, 2018.'
    assert_offsets(doc)


# ------------------------------------------------------------------------- repair rules


def test_standalone_pull_quote_is_removed_and_split_paragraph_joined() -> None:
    text = (
        "Report Title\n\nSection One\n\n"
        "The policy failed for many reasons that everyone could see, and it\n\n"
        '"The policy failed for many reasons that everyone could see."\n\n'
        "was replaced in the end by a better one.\n"
    )
    doc = parse_text(text)
    paragraphs = doc.section("section-one").paragraphs
    assert [p.text for p in paragraphs] == [
        "The policy failed for many reasons that everyone could see, and it "
        "was replaced in the end by a better one."
    ]
    assert [r.kind for r in doc.repairs].count("pull-quote") == 1


def test_quote_that_repeats_nothing_is_kept() -> None:
    text = (
        "Title Here\n\nPart One\n\nA plain paragraph about something else entirely.\n\n"
        '"An original quotation that appears nowhere else in this text at all."\n'
    )
    doc = parse_text(text)
    assert len(doc.section("part-one").paragraphs) == 2


def test_glued_pull_quote_is_removed() -> None:
    text = (
        "Title Here\n\nPart One\n\n"
        '"The border wall was never finished at all." The border wall was never finished at '
        "all. It cost a great deal.\n"
    )
    paragraph = parse_text(text).section("part-one").paragraphs[0]
    assert paragraph.text == "The border wall was never finished at all. It cost a great deal."


def test_doubled_fragment_is_collapsed() -> None:
    text = (
        "Title Here\n\nPart One\n\nThe crisis hurt the people of the the people of the "
        "northern towns most.\n"
    )
    paragraph = parse_text(text).section("part-one").paragraphs[0]
    assert paragraph.text == "The crisis hurt the people of the northern towns most."


def test_sidebar_repeating_body_text_is_removed() -> None:
    sidebar = "\n".join(["In May", "2020, the", "new law was", "passed by the", "Congress."])
    text = (
        f"Title Here\n\n{sidebar}\n\nPart One\n\n"
        "In May 2020, the new law was passed by the Congress. It changed much.\n"
    )
    doc = parse_text(text)
    assert [r.kind for r in doc.repairs] == ["sidebar"]
    assert doc.text.count("In May") == 1


# ---------------------------------------------------------------------------- bad input


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        parse_file(tmp_path / "nope.txt")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n ")
    with pytest.raises(CorpusError, match="empty"):
        parse_file(path)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(CorpusError, match="binary"):
        parse_file(path)


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Mérida Initiative".encode("latin-1"))
    with pytest.raises(CorpusError, match="not UTF-8"):
        parse_file(path)


def test_unsupported_type(tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_text("x")
    with pytest.raises(CorpusError, match="unsupported"):
        parse_file(path)


def test_empty_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no documents"):
        load_corpus(tmp_path)


def test_document_without_headings_is_one_section_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plain-notes.txt"
    path.write_text("first paragraph of notes, no heading here.\n\nsecond one, also lower case.\n")
    doc = parse_file(path)
    assert len(doc.sections) == 1
    assert doc.title == "plain notes"
    assert "first paragraph of notes" in doc.text and "second one" in doc.text
    assert_offsets(doc)


def test_marker_to_a_missing_note_is_a_warning() -> None:
    text = "Title Here\n\nPart One\n\nA claim.⁹⁹ Another claim.¹\n\nNotes\n\n[1] A source.\n"
    doc = parse_text(text)
    assert any("99" in w and "does not have" in w for w in doc.warnings)
    assert doc.endnote(1).anchor is not None
    assert doc.endnote(1).anchor.method == "marker"
    assert "⁹⁹" not in doc.text


# ------------------------------------------------------------------- generated documents

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéñ", min_size=1, max_size=8)
_sentence = st.lists(_word, min_size=3, max_size=12).map(lambda ws: " ".join(ws).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    parts = ["# " + draw(_word).capitalize() + " Report", ""]
    for i in range(draw(st.integers(1, 4))):
        parts += [f"## Part {i + 1} {draw(_word).capitalize()}", ""]
        for _ in range(draw(st.integers(1, 3))):
            marker = draw(st.sampled_from(["", "[1]", "¹", " ^{1}"]))
            parts += [draw(_paragraph) + marker, ""]
    parts += ["## Notes", "", "[1] " + draw(_paragraph)]
    noise = draw(st.sampled_from(["", "\r\n", "\t", "\xa0"]))
    return "\n".join(parts).replace(" ", " " if not noise.strip() else noise, 1)


@settings(max_examples=60, deadline=None)
@given(_documents())
def test_offsets_hold_on_generated_documents(text: str) -> None:
    doc = parse_text(text)
    assert_offsets(doc)
    assert [n.number for n in doc.endnotes] == [1]


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400).filter(lambda t: t.strip()))
def test_arbitrary_text_never_crashes_and_offsets_hold(text: str) -> None:
    try:
        doc = parse_text(text)
    except CorpusError:
        return
    assert_offsets(doc)
