"""The brief's sources end to end: fetched from a local server, indexed, asked, cited.

bench/source_eval.py does what a user would: serves tests/fixtures/sources/ on 127.0.0.1,
writes the fixture brief with links to it, runs `qa sources fetch`, `qa sources add`,
`qa index` and `qa eval` on the source questions kept beside the fixtures. It runs once here
(real e5 embeddings); the other tests read the corpus and index it leaves behind.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from qa.answer import Answerer
from qa.api import create_app
from qa.chunking import document_id
from qa.cli import main
from qa.leadin import LEAD_IN_RE, lead_in
from qa.render import sources_html
from qa.settings import Settings
from qa.types import Related

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "sources"
PDF_TITLE = "Mexico: Security Cooperation Under Review"


@dataclass(frozen=True)
class Run:
    folder: Path
    output: str
    returncode: int

    @property
    def settings(self) -> Settings:
        return Settings(
            corpus_dir=self.folder / "corpus",
            index_dir=self.folder / "index",
            cache_dir=self.folder / "index" / "cache",
        )

    def env(self) -> dict[str, str]:
        return {
            "QA_CORPUS_DIR": str(self.folder / "corpus"),
            "QA_INDEX_DIR": str(self.folder / "index"),
            "QA_CACHE_DIR": str(self.folder / "index" / "cache"),
        }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("source-eval") / "run"
    done = subprocess.run(
        [sys.executable, "bench/source_eval.py", "--keep", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Run(folder, done.stdout + done.stderr, done.returncode)


@pytest.fixture(scope="module")
def answerer(run: Run) -> Answerer:
    assert run.returncode == 0, run.output
    return Answerer.load(run.settings)


def test_fetch_reports_each_source(run: Run) -> None:
    lines = run.output.splitlines()
    assert any(line.startswith("note  2  fetched") and "4 pages" in line for line in lines)
    assert any(line.startswith("note  6  failed") and "HTTP 404" in line for line in lines)
    assert any(line.startswith("note  4  no link") for line in lines)
    assert "Traceback" not in run.output


def test_the_source_questions_pass_the_gate(run: Run) -> None:
    assert run.returncode == 0, run.output
    assert "eval gate: passed" in run.output
    report = json.loads(next((run.folder / "reports").glob("*.json")).read_text())
    metrics = report["configs"][0]["metrics"]
    rows = report["configs"][0]["rows"]
    assert rows >= 10
    assert metrics["key_fact_accuracy"] >= 0.9
    assert metrics["source_citation_accuracy"] >= 0.9
    assert metrics["quote_fidelity"] == 1.0


def test_one_document_per_distinct_source(answerer: Answerer) -> None:
    ids = sorted(document_id(d) for d in answerer.documents)
    # Notes 1 and 5 link the same article: one document that names both.
    assert ids == [
        "brief",
        "sources/note-01",
        "sources/note-02",
        "sources/note-03",
        "sources/note-04",
    ]
    article = next(d for d in answerer.documents if document_id(d) == "sources/note-01")
    assert article.origin is not None and article.origin.notes == (1, 5)


def test_api_cites_source_page_and_endnote(run: Run, answerer: Answerer) -> None:
    client = TestClient(create_app(run.settings, answerer=answerer))
    body = client.post(
        "/v1/answer", json={"question": "How many helicopters did the program deliver?"}
    ).json()
    assert not body["abstained"], body
    first = body["citations"][0]
    assert first["document_kind"] == "source" and first["doc_id"] == "sources/note-02"
    assert (
        first["quote"]
        == "The program delivered 22 helicopters to the Mexican federal police and army."
    )
    source = first["source"]
    assert source["title"] == PDF_TITLE and source["outlet"] == "Border Policy Research Office"
    assert (source["page"], source["endnotes"], source["date"]) == (3, [2], "June 2019")
    assert source["url"].startswith("http://127.0.0.1:") and source["url"].endswith("/report.pdf")
    assert (source["brief_section_id"], source["brief_paragraph"]) == ("introduction", 2)
    assert first["endnotes"] == [2] and first["endnote_refs"][0]["number"] == 2
    assert first["endnote_refs"][0]["text"].startswith("Border Policy Research Office")
    assert body["answer"].startswith(f"The source of endnote 2 (“{PDF_TITLE}”, p. 3) says: ")

    documents = {d["doc_id"]: d for d in client.get("/v1/documents").json()}
    assert documents["brief"]["kind"] == "brief"
    assert documents["sources/note-01"]["endnotes"] == [1, 5]
    assert documents["sources/note-02"]["title"] == PDF_TITLE
    assert documents["sources/note-02"]["section_count"] == 4

    hits = client.get("/v1/search", params={"q": "helicopters delivered", "k": 3}).json()["hits"]
    assert (hits[0]["doc_id"], hits[0]["page"], hits[0]["endnotes"]) == ("sources/note-02", 3, [2])


def test_answers_from_the_brief_alone_stay_bare(answerer: Answerer) -> None:
    answer = answerer.answer("What should both governments measure success by?")
    assert not answer.abstained
    assert {c.document_kind for c in answer.citations} == {"brief"}
    assert not LEAD_IN_RE.search(answer.answer)


def test_an_answer_quoting_two_documents_says_whose_words_each_are(answerer: Answerer) -> None:
    # The brief says how long Congress funded the framework, its source how much.
    answer = answerer.answer(
        "How much did Congress appropriate for the framework, and how long did it fund it?"
    )
    kinds = [c.document_kind for c in answer.citations]
    assert kinds == ["brief", "source"], answer.answer
    assert answer.answer.startswith("“Rethinking Border Security Cooperation” says: ")
    assert f"[1] The source of endnote 2 (“{PDF_TITLE}”, p. 3) says: Congress" in answer.answer
    brief_quote = replace(answer.citations[1], source=None, document_kind="brief", document="B")
    assert lead_in(brief_quote, named=False) == ""
    assert lead_in(brief_quote, named=True) == "“B” says: "


def test_web_panel_shows_the_source_and_links_the_original(answerer: Answerer) -> None:
    answer = answerer.answer("How much did Congress appropriate for the framework?")
    docs = {document_id(d): d for d in answerer.documents}
    html = sources_html(answer, docs, "t1")
    assert f"<cite>{PDF_TITLE}</cite> (Border Policy Research Office, June 2019), page 3" in html
    assert "Source of the brief's endnote 2, attached to Introduction ¶2" in html
    assert 'target="_blank"' in html and "/report.pdf" in html and ">original</a>" in html
    assert "<mark>Congress appropriated 3.1 billion dollars" in html


def test_cli_ask_names_the_source(
    run: Run, answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in run.env().items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["ask", "Where did the National Guard recruit its members?"])
    assert result.exit_code == 0, result.output
    assert "source of note 4: “Interview notes: National Guard recruitment”" in result.output
    assert "linked from the brief at The Dispute Over Foreign Agents ¶2" in result.output


def test_a_related_source_section_is_named_not_linked(answerer: Answerer) -> None:
    answer = answerer.answer("What share of the National Guard came from the armed forces?")
    related = replace(
        answer,
        abstained=True,
        citations=(),
        related=(
            Related("numbers", "Interview notes > Numbers", 0.9, "sources/note-04"),
            Related("introduction", "Introduction", 0.8, "brief"),
        ),
    )
    docs = {document_id(d): d for d in answerer.documents}
    html = sources_html(related, docs, "t2")
    assert "<li>Interview notes: National Guard recruitment: Interview notes &gt; Numbers" in html
    assert 'data-section="introduction"' in html and 'data-section="numbers"' not in html
