"""What gets indexed: briefs, PDF and HTML documents in corpus/, and the brief's stored sources."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.chunking import body_sentences, chunk_document, document_id
from qa.corpus import cited_work, load_documents, main_brief
from qa.errors import CorpusError
from qa.parse import load_corpus
from qa.settings import Settings
from qa.sources import add_source
from qa.store import corpus_hashes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sources"
BRIEF = ROOT / "corpus" / "kloppe-santamaria-2021-putting-citizens-security-first.txt"


def _settings(corpus: Path, tmp_path: Path) -> Settings:
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    """The fixture brief (links to example.org) alone in a corpus folder."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    template = (FIXTURES / "brief.md.tmpl").read_text(encoding="utf-8")
    (corpus / "brief.md").write_text(template.replace("{base}", "https://example.org"))
    return corpus


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (13, ("How the U.S. triggered a massacre in Mexico", "ProPublica", "June 12, 2017")),
        (
            7,
            (
                "Mexico: Evolution of the Mérida Initiative, 2007-2020",
                "Congressional Research Service (CRS)",
                "July 20, 2020",
            ),
        ),
        (
            28,
            (
                "Statement by Attorney General William P. Barr on Mexico's Proposed Legislation",
                "Department of Justice",
                "December 11, 2020",
            ),
        ),
        (
            22,
            (
                "One Year After National Guard's Creation, Mexico is Far from "
                "Demilitarizing Public Security",
                "WOLA",
                "May 26, 2020",
            ),
        ),
        (
            18,
            (
                "U.S.-Mexican Security Cooperation: The Mérida Initiative and Beyond",
                "Congressional Research Service",
                "June 29, 2017",
            ),
        ),
    ],
)
def test_cited_work_reads_the_briefs_endnotes(number: int, expected: tuple[str, str, str]) -> None:
    brief = load_corpus(BRIEF.parent)[0]
    assert cited_work(brief.endnote(number).text) == expected


def test_cited_work_without_a_quoted_title() -> None:
    assert cited_work("International Crisis Group, 2020.") == ("", "", "")


def test_pdf_and_html_in_the_corpus_are_documents_of_their_own(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "report.pdf", fixture_corpus / "other-chapter.pdf")
    shutil.copy(FIXTURES / "statement.html", fixture_corpus / "statement.html")
    docs = load_documents(_settings(fixture_corpus, tmp_path))
    by_id = {document_id(d): d for d in docs}
    assert sorted(by_id) == ["brief", "other-chapter", "statement"]
    assert by_id["brief"].kind == "brief" and main_brief(docs) is by_id["brief"]
    pdf, page = by_id["other-chapter"], by_id["statement"]
    assert (pdf.kind, pdf.title) == ("document", "Mexico: Security Cooperation Under Review")
    assert [s.id for s in pdf.sections] == ["page-1", "page-2", "page-3", "page-4"]
    assert page.title == "Statement by the Attorney General on Mexico's Proposed Security Law"
    assert page.date == "2020-12-11"
    assert "decades-of-joint-work" in [s.id for s in page.sections]
    assert not any("Privacy policy" in p.text for s in page.sections for p in s.paragraphs)
    # Chunks of a document carry its title, so a question naming the document finds them.
    chunks = chunk_document(pdf, Settings().index)
    assert all(
        c.embed_text.startswith("Mexico: Security Cooperation Under Review > Page") for c in chunks
    )
    assert [c.page for c in chunks] == [1, 2, 3, 4]
    # The index manifest hashes them: adding one makes the index stale.
    assert {"other-chapter.pdf", "statement.html", "brief.md"} <= set(
        corpus_hashes(_settings(fixture_corpus, tmp_path))
    )


def test_an_unreadable_document_names_itself(fixture_corpus: Path, tmp_path: Path) -> None:
    (fixture_corpus / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    with pytest.raises(CorpusError, match=r"scan\.pdf: not a document: the bytes are a PNG image"):
        load_documents(_settings(fixture_corpus, tmp_path))


def test_stored_sources_join_the_corpus_once_per_document(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    settings = _settings(fixture_corpus, tmp_path)
    brief = load_corpus(fixture_corpus)[0]
    for path, note in [
        (FIXTURES / "article.html", 1),
        (FIXTURES / "article.html", 5),  # the same article linked by a second endnote
        (FIXTURES / "report.pdf", 2),
        (FIXTURES / "notes.md", 4),
    ]:
        add_source(brief, path, note, settings)
    folder = fixture_corpus / "sources"
    # A record for an endnote the brief does not have, and a damaged one: skipped, said.
    (folder / "note-09.json").write_text(
        (folder / "note-02.json").read_text().replace('"note": 2', '"note": 9')
    )
    (folder / "note-03.json").write_text("{not json")
    warnings: list[str] = []
    docs = load_documents(settings, warnings.append)
    sources = {document_id(d): d for d in docs if d.kind == "source"}
    assert sorted(sources) == ["sources/note-01", "sources/note-02", "sources/note-04"]
    article = sources["sources/note-01"].origin
    assert article is not None
    assert (article.notes, article.brief_id) == ((1, 5), "brief")
    assert article.title == "How kingpin targeting fragmented the cartels"
    # The endnote names the outlet the page does not; the page gives its own date.
    assert (article.outlet, article.url) == (
        "The Border Ledger",
        "https://example.org/article.html",
    )
    report = sources["sources/note-02"]
    assert report.origin is not None and report.origin.outlet == "Border Policy Research Office"
    assert report.origin.date == "June 2019"
    assert len(warnings) == 2
    assert any("note-03.json: damaged metadata" in w for w in warnings)
    assert "skipped note-09.json: the brief has no endnote 9" in warnings
    # Every passage of a source knows the endnotes that link it, and its page.
    chunks = chunk_document(report, Settings().index)
    assert {c.endnotes for c in chunks} == {(2,)} and [c.page for c in chunks] == [1, 2, 3, 4]
    assert chunks[0].embed_text.startswith(
        "Source of endnote 2: Mexico: Security Cooperation Under Review, "
        "Border Policy Research Office, June 2019"
    )
    # Labels (title lines, datelines) are not quotable; sentences are.
    quotable = [s.text for s in body_sentences(report)]
    assert "A report of the Border Policy Research Office" not in quotable
    assert (
        "The program delivered 22 helicopters to the Mexican federal police and army." in quotable
    )


def test_the_manifest_hashes_sources(fixture_corpus: Path, tmp_path: Path) -> None:
    settings = _settings(fixture_corpus, tmp_path)
    before = corpus_hashes(settings)
    add_source(load_corpus(fixture_corpus)[0], FIXTURES / "notes.md", 4, settings)
    added = set(corpus_hashes(settings)) - set(before)
    assert added == {"sources/note-04.json", "sources/note-04.md"}


def test_sources_go_with_the_brief_with_the_most_endnotes(
    fixture_corpus: Path, tmp_path: Path
) -> None:
    (fixture_corpus / "a-first.md").write_text(
        "# Other\n\n## Part\n\nA text with one note.[1]\n\n## Notes\n\n[1] A note.\n"
    )
    docs = load_corpus(fixture_corpus)
    assert document_id(docs[0]) == "a-first"
    brief = main_brief(docs)
    assert brief is not None and document_id(brief) == "brief"
    assert len(brief.endnotes) == 6


def test_two_files_with_one_name_are_refused(fixture_corpus: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "statement.html", fixture_corpus / "brief.html")
    with pytest.raises(CorpusError, match=r"brief\.html and brief\.md would both be the document"):
        load_documents(_settings(fixture_corpus, tmp_path))
